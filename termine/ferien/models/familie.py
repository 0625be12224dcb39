"""Children of a family's account, their consents and their registrations (Anmeldung)."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from netzwerk.basismodelle import Erstellt
from termine.ferien.models.angebot import Durchfuehrung, Ferienangebot
from termine.ferien.models.hilfen import alter_am
from termine.models.termin import VERBORGEN


class Kind(Erstellt):
    """A child in a family's account; what we know about it is what the family entered.

    Children registered by the coordinators on paper have no account (`eltern` empty) and
    carry the guardian's name and phone themselves.
    """

    # Every field is classified in termine.datenschutz (personal with a rule, or not).
    eltern = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("guardian"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="kinder",
    )
    vorname = models.CharField(_("first name"), max_length=100)
    nachname = models.CharField(_("last name"), max_length=100)
    geburtsdatum = models.DateField(_("date of birth"), null=True)
    notfall_telefon = models.CharField(
        _("phone in an emergency"),
        max_length=50,
        blank=True,
        help_text=_("Where the providers reach you during the activity."),
    )
    hinweise = models.TextField(
        _("notes for the providers"),
        blank=True,
        help_text=_("Health, allergies, support needs – only what the providers need to know."),
    )
    hinweise_einwilligung_am = models.DateTimeField(
        _("notes may be shared since"), null=True, blank=True
    )
    schwimmer = models.BooleanField(_("can swim"), null=True, blank=True)
    sorgeberechtigt_name = models.CharField(
        _("guardian's name (without an account)"), max_length=150, blank=True
    )
    sorgeberechtigt_email = models.EmailField(
        _("guardian's e-mail (without an account)"), blank=True
    )
    pseudonymisiert_am = models.DateTimeField(_("pseudonymised on"), null=True, blank=True)

    class Meta:
        verbose_name = _("child")
        verbose_name_plural = _("children")
        ordering = ["vorname", "nachname", "pk"]

    def __str__(self) -> str:
        return f"{self.vorname} {self.nachname}".strip()

    def alter_am(self, stichtag: date) -> int | None:
        return alter_am(self.geburtsdatum, stichtag) if self.geburtsdatum else None

    @property
    def hinweise_teilbar(self) -> bool:
        return bool(self.hinweise.strip() and self.hinweise_einwilligung_am)

    @property
    def mail_an(self) -> str:
        return self.eltern.email if self.eltern_id else self.sorgeberechtigt_email


class Einwilligung(models.Model):
    """A confirmation a guardian gave, with the version of the privacy text it refers to."""

    class Art(models.TextChoices):
        SORGEBERECHTIGT = (
            "sorgeberechtigt",
            pgettext_lazy("consent", "I have parental responsibility or act with consent"),
        )
        HINWEISE = "hinweise", pgettext_lazy("consent", "Notes may be shared with providers")

    kind = models.ForeignKey(
        Kind, verbose_name=_("child"), on_delete=models.CASCADE, related_name="einwilligungen"
    )
    art = models.CharField(_("kind of consent"), max_length=20, choices=Art.choices)
    version = models.CharField(_("version of the privacy text"), max_length=20)
    erteilt_am = models.DateTimeField(_("given on"), default=timezone.now)
    erteilt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("given by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-erteilt_am"]

    def __str__(self) -> str:
        return f"{self.get_art_display()} ({self.version})"


class AnmeldungQuerySet(models.QuerySet["Anmeldung"]):
    def aktiv(self) -> AnmeldungQuerySet:
        """Confirmed or waiting: the registrations that hold or wait for a place."""
        return self.filter(status__in=Anmeldung.AKTIV)

    def bestaetigt(self) -> AnmeldungQuerySet:
        return self.filter(status=Anmeldung.Status.BESTAETIGT)

    def warteliste(self) -> AnmeldungQuerySet:
        return self.filter(status=Anmeldung.Status.WARTELISTE).order_by("warteliste_position")

    def von_eltern(self, user) -> AnmeldungQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(kind__eltern=user)

    def schreibbar_fuer(self, user) -> AnmeldungQuerySet:
        """Registrations for the occasions of the user's Akteure (providers' view)."""
        return self.filter(
            durchfuehrung__in=Durchfuehrung.objects.schreibbar_fuer(user).values("pk")
        )


class Anmeldung(models.Model):
    """A child's registration for one Durchfuehrung: confirmed or on the waiting list."""

    class Status(models.TextChoices):
        BESTAETIGT = "bestaetigt", pgettext_lazy("registration status", "Confirmed")
        WARTELISTE = "warteliste", pgettext_lazy("registration status", "Waiting list")
        STORNIERT = "storniert", pgettext_lazy("registration status", "Cancelled")
        ABGESAGT = "abgesagt", pgettext_lazy("registration status", "Occasion cancelled")

    class StorniertDurch(models.TextChoices):
        """Who cancelled (a child's removal deletes its registrations with it)."""

        FAMILIE = "familie", pgettext_lazy("cancelled by", "the family")
        KOORDINATION = "koordination", pgettext_lazy("cancelled by", "the coordination team")

    AKTIV: ClassVar[tuple[str, str]] = (Status.BESTAETIGT, Status.WARTELISTE)

    # After pseudonymisation `kind` is empty; `alter` keeps the statistics.
    kind = models.ForeignKey(
        Kind,
        verbose_name=_("child"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="anmeldungen",
    )
    durchfuehrung = models.ForeignKey(
        Durchfuehrung,
        verbose_name=_("occasion"),
        on_delete=models.CASCADE,
        related_name="anmeldungen",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    warteliste_position = models.PositiveIntegerField(
        _("place on the waiting list"), null=True, blank=True
    )
    alter = models.PositiveSmallIntegerField(_("age on the first day"))
    notfall_telefon = models.CharField(_("phone in an emergency"), max_length=50, blank=True)
    hinweise = models.TextField(_("notes for the providers"), blank=True)
    anwesend = models.BooleanField(_("present"), null=True, blank=True)
    angemeldet_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    erstellt = models.DateTimeField(_("registered on"), auto_now_add=True)
    nachgerueckt_am = models.DateTimeField(_("moved up on"), null=True, blank=True)
    storniert_am = models.DateTimeField(_("cancelled on"), null=True, blank=True)
    # Empty for cancellations from before it was recorded.
    storniert_durch = models.CharField(
        _("cancelled by"), max_length=20, choices=StorniertDurch.choices, blank=True
    )

    objects = AnmeldungQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["erstellt", "pk"]
        constraints = [
            # No child twice on the same occasion (confirmed or waiting), whoever races.
            models.UniqueConstraint(
                fields=["kind", "durchfuehrung"],
                condition=Q(status__in=["bestaetigt", "warteliste"]),
                name="anmeldung_einmal_pro_kind",
            ),
            models.CheckConstraint(
                condition=Q(status="warteliste", warteliste_position__isnull=False)
                | (~Q(status="warteliste") & Q(warteliste_position__isnull=True)),
                name="anmeldung_warteliste_position",
            ),
        ]
        indexes = [
            models.Index(fields=["durchfuehrung", "status"], name="anmeldung_df_status"),
        ]

    def __str__(self) -> str:
        return f"{self.kind or _('(pseudonymised)')} – {self.durchfuehrung}"

    @property
    def aktiv(self) -> bool:
        return self.status in self.AKTIV

    @property
    def status_text(self) -> str:
        """The status as people read it; a cancellation says who cancelled."""
        texte = {
            self.StorniertDurch.FAMILIE: pgettext_lazy(
                "registration status", "Cancelled by the family"
            ),
            self.StorniertDurch.KOORDINATION: pgettext_lazy(
                "registration status", "Cancelled by the coordination team"
            ),
        }
        if self.status == self.Status.STORNIERT and self.storniert_durch in texte:
            return str(texte[self.storniert_durch])
        return self.get_status_display()


def _unveroeffentlichte_durchfuehrungen(user) -> Q:
    """Occasions of offers not public yet (a draft, a submitted offer, an offer of a period
    not yet released) are dates only for the offering Akteur's members (and coordinators,
    who see everything): not for the public, not for the rest of the network, not in mails."""
    versteckt = Durchfuehrung.objects.filter(termin=OuterRef("pk")).exclude(
        angebot__in=Ferienangebot.objects.oeffentlich().values("pk")
    )
    if user.is_authenticated:
        versteckt = versteckt.exclude(
            angebot__in=Ferienangebot.objects.schreibbar_fuer(user).values("pk")
        )
    return Q(Exists(versteckt))


VERBORGEN.append(_unveroeffentlichte_durchfuehrungen)
