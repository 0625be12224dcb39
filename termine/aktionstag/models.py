"""Aktionstag: one joint day of many actors, its stations, helper shifts and sign-ups.

An Aktionstag is a Termin of its own kind (like a Stammtisch): it points at its Termin, so
the day is in every calendar, feed and the Terminabgleich. Stations are the actors' parts
of the day; shifts (Schichten) ask for helpers, per station or for the whole day; a
Helfereinsatz is one person's sign-up for one shift, with an account or as a guest.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from netzwerk.basismodelle import Erstellt, Zeitstempel
from netzwerk.berechtigungen import ist_koordination
from termine.models.termin import Termin
from vereine.bilder import BildFeld
from vereine.models import Akteur, Mitgliedschaft

__all__ = ["Aktionstag", "Helfereinsatz", "Schicht", "Station"]


class AktionstagQuerySet(models.QuerySet["Aktionstag"]):
    def sichtbar_fuer(self, user) -> AktionstagQuerySet:
        """Days whose Termin `user` may see."""
        return self.filter(termin__in=Termin.objects.sichtbar_fuer(user))

    def kommende(self, jetzt: datetime | None = None) -> AktionstagQuerySet:
        return self.filter(termin__ende__gte=jetzt or timezone.now()).exclude(
            termin__status=Termin.Status.ABGESAGT
        )


class Aktionstag(models.Model):
    """The umbrella event: its Termin (date, place, audience), site plan and deadline."""

    termin = models.OneToOneField(
        Termin, verbose_name=_("date"), on_delete=models.CASCADE, related_name="aktionstag"
    )
    gelaende = models.CharField(
        _("site"), max_length=200, help_text=_("e.g. “Schlossplatz and Marktstraße”")
    )
    lageplan = BildFeld(_("site plan"), upload_to="aktionstag/lageplan/", blank=True)
    lageplan_alt = models.CharField(
        _("site plan description"),
        max_length=250,
        blank=True,
        help_text=_("What the plan shows, for people who cannot see it."),
    )
    plaetze = models.PositiveSmallIntegerField(
        _("numbered spots on the plan"),
        default=0,
        help_text=_("How many numbered spots the plan has (0 = no numbered spots)."),
    )
    stationen_offen = models.BooleanField(
        _("open for stations"),
        default=False,
        help_text=_("Members of all actors may apply with a station."),
    )
    stationen_bis = models.DateTimeField(_("stations until"), null=True, blank=True)

    objects = AktionstagQuerySet.as_manager()

    class Meta:
        verbose_name = _("action day")
        verbose_name_plural = _("action days")
        ordering = ["termin__start"]

    def __str__(self) -> str:
        return self.termin.titel

    def get_absolute_url(self) -> str:
        return reverse("aktionstag:programm", kwargs={"pk": self.pk})

    @property
    def tag(self):
        return self.termin.erster_tag

    def clean(self) -> None:
        fehler = {}
        if self.termin_id and self.termin.kategorie != Termin.Kategorie.AKTIONSTAG:
            fehler["termin"] = _("Please give the date the category “Action day” first.")
        if self.termin_id and self.termin.wiederkehrend:
            fehler["termin"] = _(
                "An action day is one day: please choose a date that does not repeat."
            )
        if fehler:
            raise ValidationError(fehler)

    def stationen_moeglich(self, jetzt: datetime | None = None) -> bool:
        """May members apply with a station right now?"""
        jetzt = jetzt or timezone.now()
        return (
            self.stationen_offen
            and not self.termin.abgesagt
            and jetzt < self.termin.start
            and (self.stationen_bis is None or jetzt <= self.stationen_bis)
        )


class StationQuerySet(models.QuerySet["Station"]):
    def angenommen(self) -> StationQuerySet:
        return self.filter(status=Station.Status.ANGENOMMEN)

    def wartend(self) -> StationQuerySet:
        return self.filter(status=Station.Status.EINGEREICHT)

    def schreibbar_fuer(self, user) -> StationQuerySet:
        """Stations of `user`'s Akteure; coordinators all."""
        if ist_koordination(user):
            return self.all()
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            Exists(Mitgliedschaft.objects.filter(user=user, akteur=OuterRef("akteur")))
        )

    def fuer_listen(self) -> StationQuerySet:
        return self.select_related("akteur", "aktionstag__termin")


class Station(Zeitstempel):
    """One actor's part of the day: what happens, when, where, and what it needs."""

    class Status(models.TextChoices):
        EINGEREICHT = "eingereicht", pgettext_lazy("station status", "Waiting for a decision")
        AENDERUNG = "aenderung", pgettext_lazy("station status", "Changes requested")
        ANGENOMMEN = "angenommen", pgettext_lazy("station status", "Accepted")
        ABGELEHNT = "abgelehnt", pgettext_lazy("station status", "Declined")

    aktionstag = models.ForeignKey(
        Aktionstag,
        verbose_name=_("action day"),
        on_delete=models.CASCADE,
        related_name="stationen",
    )
    akteur = models.ForeignKey(
        Akteur, verbose_name=_("actor"), on_delete=models.CASCADE, related_name="stationen"
    )
    titel = models.CharField(_("title"), max_length=150)
    beschreibung = models.TextField(_("what happens"))
    zielgruppe = models.CharField(
        _("for whom"), max_length=150, blank=True, help_text=_("e.g. “families with children”")
    )
    start = models.DateTimeField(_("from"))
    ende = models.DateTimeField(_("until"))
    platz = models.PositiveSmallIntegerField(
        _("spot on the plan"), null=True, blank=True, help_text=_("The number on the site plan.")
    )
    ort = models.CharField(
        _("place"), max_length=150, blank=True, help_text=_("If no spot: where exactly?")
    )
    strom = models.BooleanField(_("needs power"), default=False)
    zelt = models.BooleanField(_("needs a tent"), default=False)
    tische = models.PositiveSmallIntegerField(_("tables needed"), default=0)
    wasser = models.BooleanField(_("needs water"), default=False)
    mit_kindern = models.BooleanField(
        _("works with children"),
        default=False,
        help_text=_("Helpers of this station need an extended police certificate."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.EINGEREICHT
    )
    rueckmeldung = models.TextField(_("message from the coordinators"), blank=True)
    eingereicht_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    # Every field is classified in termine/aktionstag/datenschutz.py (a complete model).
    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("station")
        verbose_name_plural = _("stations")
        ordering = ["start", "titel", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ende__gt=models.F("start")), name="station_ende_nach_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.titel} ({self.akteur})"

    @property
    def wo(self) -> str:
        if self.platz:
            return _("Spot %(nummer)s") % {"nummer": self.platz}
        return self.ort

    @property
    def bedarf(self) -> list[str]:
        teile = []
        if self.strom:
            teile.append(str(_("power")))
        if self.zelt:
            teile.append(str(_("tent")))
        if self.tische:
            teile.append(str(_("%(anzahl)s tables") % {"anzahl": self.tische}))
        if self.wasser:
            teile.append(str(_("water")))
        return teile


class SchichtQuerySet(models.QuerySet["Schicht"]):
    def mit_belegung(self) -> SchichtQuerySet:
        """Annotates ``belegt``: confirmed sign-ups."""
        return self.annotate(
            belegt=Count("einsaetze", filter=Q(einsaetze__bestaetigt_am__isnull=False))
        )

    def mit_luecken(self) -> SchichtQuerySet:
        """Shifts with fewer confirmed helpers than their minimum."""
        return self.mit_belegung().filter(belegt__lt=models.F("min_helfer"))


class Schicht(models.Model):
    """A helper shift: for one station or for the whole day (Aufbau, Abbau, Kuchenstand)."""

    aktionstag = models.ForeignKey(
        Aktionstag, verbose_name=_("action day"), on_delete=models.CASCADE, related_name="schichten"
    )
    station = models.ForeignKey(
        Station,
        verbose_name=_("station"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="schichten",
        help_text=_("Empty: a shift for the whole day (e.g. set-up, cake stall)."),
    )
    titel = models.CharField(_("task"), max_length=150)
    beschreibung = models.TextField(_("description"), blank=True)
    start = models.DateTimeField(_("from"))
    ende = models.DateTimeField(_("until"))
    min_helfer = models.PositiveSmallIntegerField(_("minimum helpers"), default=1)
    max_helfer = models.PositiveSmallIntegerField(_("maximum helpers"), default=2)
    mindestalter = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    mit_kindern = models.BooleanField(
        _("works with children"),
        default=False,
        help_text=_("Helpers need an extended police certificate, seen by the organiser."),
    )

    objects = SchichtQuerySet.as_manager()

    class Meta:
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        ordering = ["start", "titel", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ende__gt=models.F("start")), name="schicht_ende_nach_start"
            ),
            models.CheckConstraint(
                condition=Q(max_helfer__gte=models.F("min_helfer")), name="schicht_max_ab_min"
            ),
        ]

    def __str__(self) -> str:
        return self.titel

    @property
    def stunden(self) -> float:
        return (self.ende - self.start).total_seconds() / 3600

    @property
    def braucht_zeugnis(self) -> bool:
        return self.mit_kindern or bool(self.station_id and self.station.mit_kindern)


class HelfereinsatzQuerySet(models.QuerySet["Helfereinsatz"]):
    def bestaetigt(self) -> HelfereinsatzQuerySet:
        return self.filter(bestaetigt_am__isnull=False)


class Helfereinsatz(Erstellt):
    """One person's sign-up for one shift: with an account (`user`) or as a guest (name and
    e-mail, confirmed by a signed link: `bestaetigt_am` is empty until then).

    Child protection: only the note that the organiser has seen an extended police
    certificate (date, by whom, valid until) — never the document."""

    schicht = models.ForeignKey(
        Schicht, verbose_name=_("shift"), on_delete=models.CASCADE, related_name="einsaetze"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("helper"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="helfereinsaetze",
    )
    gast_name = models.CharField(_("name"), max_length=150, blank=True)
    gast_email = models.EmailField(_("e-mail"), blank=True)
    bestaetigt_am = models.DateTimeField(_("confirmed"), null=True, blank=True)
    erinnert_am = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    anonymisiert = models.BooleanField(_("anonymised"), default=False)
    zeugnis_eingesehen_am = models.DateField(
        _("extended police certificate seen on"), null=True, blank=True
    )
    zeugnis_eingesehen_von = models.CharField(_("seen by"), max_length=150, blank=True)
    zeugnis_gueltig_bis = models.DateField(_("valid until"), null=True, blank=True)

    objects = HelfereinsatzQuerySet.as_manager()

    class Meta:
        verbose_name = _("helper sign-up")
        verbose_name_plural = _("helper sign-ups")
        ordering = ["schicht__start", "erstellt", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["schicht", "user"],
                condition=Q(user__isnull=False),
                name="helfereinsatz_einmal_pro_user",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.schicht}"

    @property
    def name(self) -> str:
        if self.user_id:
            return self.user.get_full_name() or self.user.get_short_name()
        return self.gast_name or _("(removed)")

    @property
    def email(self) -> str:
        return self.user.email if self.user_id else self.gast_email
