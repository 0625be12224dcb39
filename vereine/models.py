"""Akteure (actors of any kind) and the Mitgliedschaften that give users rights in them.

Whatever a member may edit is found by one scoped query from the user's memberships
(`Akteur.objects.schreibbar_fuer(user)`); views never check ownership by hand.
"""

from __future__ import annotations

from datetime import date
from importlib import import_module

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from netzwerk.basismodelle import Zeitstempel
from netzwerk.berechtigungen import ist_koordination
from netzwerk.models import Ortsteil
from vereine.bilder import BildFeld


class Thema(models.Model):
    """A topic from the curated list (Sport, Kultur, …), maintained by the coordinators."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    reihenfolge = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["reihenfolge", "name"]

    def __str__(self) -> str:
        return self.name


class AkteurQuerySet(models.QuerySet["Akteur"]):
    def aktiv(self) -> AkteurQuerySet:
        return self.filter(status=Akteur.Status.AKTIV)

    def oeffentlich(self) -> AkteurQuerySet:
        """Listed in the public directory."""
        return self.aktiv().filter(sichtbarkeit=Akteur.Sichtbarkeit.OEFFENTLICH)

    def sichtbar_fuer(self, user) -> AkteurQuerySet:
        if ist_koordination(user):
            return self.all()
        if user.is_authenticated:
            return self.filter(
                models.Q(status=Akteur.Status.AKTIV) | models.Q(mitgliedschaften__user=user)
            ).distinct()
        return self.oeffentlich()

    def schreibbar_fuer(self, user) -> AkteurQuerySet:
        """The actors whose content `user` may change: own memberships, or all for coordinators."""
        if ist_koordination(user):
            return self.all()
        if not user.is_authenticated:
            return self.none()
        return self.filter(mitgliedschaften__user=user).distinct()

    def geleitet_von(self, user) -> AkteurQuerySet:
        """The actors in which `user` holds the Leitung role (may manage members)."""
        if ist_koordination(user):
            return self.all()
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            mitgliedschaften__user=user, mitgliedschaften__rolle=Mitgliedschaft.Rolle.LEITUNG
        ).distinct()

    def im_verzeichnis(self, user) -> AkteurQuerySet:
        """The directory: active actors; those visible to the network only for logged-in users."""
        if user.is_authenticated:
            return self.aktiv()
        return self.oeffentlich()

    def mit_offenen_gesuchen(self) -> AkteurQuerySet:
        """Annotate `sucht_verstaerkung` (has open Gesuche) without multiplying rows."""
        return self.annotate(
            sucht_verstaerkung=models.Exists(
                Gesuch.objects.offen().filter(akteur=models.OuterRef("pk"))
            )
        )


class Akteur(Zeitstempel):
    """An actor of the network: association, town, church, school, Kita, company, …"""

    class Art(models.TextChoices):
        VEREIN = "verein", pgettext_lazy("kind of actor", "Association")
        KOMMUNE = "kommune", pgettext_lazy("kind of actor", "Municipality")
        KIRCHE = "kirche", pgettext_lazy("kind of actor", "Church")
        SCHULE = "schule", pgettext_lazy("kind of actor", "School")
        KITA = "kita", pgettext_lazy("kind of actor", "Kindergarten")
        GESUNDHEIT = "gesundheit", pgettext_lazy("kind of actor", "Health and care")
        UNTERNEHMEN = "unternehmen", pgettext_lazy("kind of actor", "Company")
        INITIATIVE = "initiative", pgettext_lazy("kind of actor", "Initiative")

    class Status(models.TextChoices):
        BEANTRAGT = "beantragt", pgettext_lazy("actor status", "Requested")
        AKTIV = "aktiv", pgettext_lazy("actor status", "Active")
        INAKTIV = "inaktiv", pgettext_lazy("actor status", "Inactive")
        ABGELEHNT = "abgelehnt", pgettext_lazy("actor status", "Rejected")

    class Sichtbarkeit(models.TextChoices):
        OEFFENTLICH = "oeffentlich", pgettext_lazy("visibility", "Public")
        NETZWERK = "netzwerk", pgettext_lazy("visibility", "Network only")

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    art = models.CharField(_("kind"), max_length=20, choices=Art.choices, default=Art.VEREIN)
    kurzbeschreibung = models.CharField(
        _("short description"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences for the directory."),
    )
    beschreibung = models.TextField(_("description"), blank=True)
    ortsteil = models.ForeignKey(
        Ortsteil,
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="akteure",
    )
    strasse = models.CharField(_("street and number"), max_length=150, blank=True)
    plz = models.CharField(_("postcode"), max_length=10, blank=True)
    ort = models.CharField(_("town"), max_length=100, blank=True)
    kontakt_email = models.EmailField(
        _("contact e-mail"),
        blank=True,
        help_text=_("Never shown to the public: messages reach you through a contact form."),
    )
    telefon = models.CharField(_("phone"), max_length=50, blank=True)
    website = models.URLField(_("website"), blank=True)
    themen = models.ManyToManyField(
        Thema, verbose_name=_("topics"), blank=True, related_name="akteure"
    )
    gruendungsjahr = models.PositiveSmallIntegerField(_("founded in"), null=True, blank=True)
    nimmt_mitglieder_auf = models.BooleanField(_("welcomes new members"), default=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.BEANTRAGT
    )
    sichtbarkeit = models.CharField(
        _("visibility"),
        max_length=20,
        choices=Sichtbarkeit.choices,
        default=Sichtbarkeit.OEFFENTLICH,
    )
    logo = BildFeld(_("logo"), upload_to="akteure/logos/", blank=True)
    logo_alt = models.CharField(
        _("logo description"),
        max_length=200,
        blank=True,
        help_text=_("What the logo shows, for people who cannot see it."),
    )
    foto = BildFeld(_("photo"), upload_to="akteure/fotos/", blank=True)
    foto_alt = models.CharField(
        _("photo description"),
        max_length=200,
        blank=True,
        help_text=_("What the photo shows, for people who cannot see it."),
    )
    vorgeschlagen_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = AkteurQuerySet.as_manager()

    class Meta:
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("vereine:detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        fehler = {}
        if self.logo and not self.logo_alt.strip():
            fehler["logo_alt"] = _("Please describe the logo in a few words, e.g. “Logo: a tree”.")
        if self.foto and not self.foto_alt.strip():
            fehler["foto_alt"] = _(
                "Please describe the photo in a few words, e.g. “Our choir at the summer fair”."
            )
        if fehler:
            raise ValidationError(fehler)

    @property
    def adresse(self) -> str:
        ort = " ".join(t for t in [self.plz, self.ort] if t)
        return ", ".join(t for t in [self.strasse, ort] if t)

    @property
    def beschreibung_ohne_kurzbeschreibung(self) -> str:
        """The description for the actor's page, where the short description stands just
        above it: many start their description with the same sentences, so they are not
        printed twice."""
        kurz, lang = self.kurzbeschreibung.strip(), self.beschreibung.strip()
        if kurz and lang.startswith(kurz):
            return lang[len(kurz) :].strip()
        return lang


class Mitgliedschaft(models.Model):
    """A user's role in an Akteur. Leitung manages members; Redaktion edits content."""

    class Rolle(models.TextChoices):
        LEITUNG = "leitung", pgettext_lazy("membership role", "Management")
        REDAKTION = "redaktion", pgettext_lazy("membership role", "Editor")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="mitgliedschaften",
    )
    akteur = models.ForeignKey(
        Akteur,
        verbose_name=_("actor"),
        on_delete=models.CASCADE,
        related_name="mitgliedschaften",
    )
    rolle = models.CharField(
        _("role"), max_length=20, choices=Rolle.choices, default=Rolle.REDAKTION
    )
    seit = models.DateField(_("member since"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["akteur__name", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["user", "akteur"], name="mitgliedschaft_eindeutig"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.akteur} ({self.get_rolle_display()})"


class Einladung(models.Model):
    """An invitation by e-mail to join an Akteur; the mail carries a signed, expiring link."""

    akteur = models.ForeignKey(
        Akteur, verbose_name=_("actor"), on_delete=models.CASCADE, related_name="einladungen"
    )
    email = models.EmailField(_("e-mail address"))
    rolle = models.CharField(
        _("role"),
        max_length=20,
        choices=Mitgliedschaft.Rolle.choices,
        default=Mitgliedschaft.Rolle.REDAKTION,
    )
    eingeladen_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    erstellt = models.DateTimeField(_("created"), default=timezone.now)
    angenommen_am = models.DateTimeField(_("accepted on"), null=True, blank=True)
    angenommen_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-erstellt"]

    def __str__(self) -> str:
        return f"{self.email} → {self.akteur}"


class GesuchQuerySet(models.QuerySet["Gesuch"]):
    def offen(self, heute: date | None = None) -> GesuchQuerySet:
        """Still looking for help: open, and its period (if any) has not ended."""
        heute = heute or timezone.localdate()
        return self.filter(status=Gesuch.Status.OFFEN).filter(
            models.Q(bis__isnull=True) | models.Q(bis__gte=heute)
        )

    def oeffentlich(self) -> GesuchQuerySet:
        """On the public board: open needs of actors in the public directory."""
        return self.offen().filter(
            akteur__status=Akteur.Status.AKTIV,
            akteur__sichtbarkeit=Akteur.Sichtbarkeit.OEFFENTLICH,
        )

    def sichtbar_fuer(self, user) -> GesuchQuerySet:
        return self.offen().filter(akteur__in=Akteur.objects.im_verzeichnis(user))

    def schreibbar_fuer(self, user) -> GesuchQuerySet:
        return self.filter(akteur__in=Akteur.objects.schreibbar_fuer(user))

    def passend_fuer_alter(self, alter: int) -> GesuchQuerySet:
        return self.filter(models.Q(mindestalter__isnull=True) | models.Q(mindestalter__lte=alter))

    def beendet_vor(self, stichtag: date) -> GesuchQuerySet:
        """Needs whose period ended, or that were closed, before `stichtag`."""
        return self.filter(models.Q(bis__lt=stichtag) | models.Q(beendet_am__lt=stichtag))


class Gesuch(Zeitstempel):
    """A volunteer need (Mitmachen): what help an Akteur is looking for."""

    class Art(models.TextChoices):
        REGELMAESSIG = "regelmaessig", pgettext_lazy("kind of need", "Regular")
        EINMALIG = "einmalig", pgettext_lazy("kind of need", "One-off")
        SCHNUPPERN = "schnuppern", pgettext_lazy("kind of need", "Taster")

    class Status(models.TextChoices):
        OFFEN = "offen", pgettext_lazy("need status", "Open")
        BEENDET = "beendet", pgettext_lazy("need status", "Closed")

    akteur = models.ForeignKey(
        Akteur, verbose_name=_("actor"), on_delete=models.CASCADE, related_name="gesuche"
    )
    titel = models.CharField(_("title"), max_length=150)
    beschreibung = models.TextField(_("description"))
    art = models.CharField(_("kind"), max_length=20, choices=Art.choices, default=Art.EINMALIG)
    zeitaufwand = models.CharField(
        _("time needed"),
        max_length=100,
        blank=True,
        help_text=_("e.g. “2 hours a week” or “one Saturday”"),
    )
    ortsteil = models.ForeignKey(
        Ortsteil,
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gesuche",
    )
    zielgruppe = models.CharField(
        _("who we are looking for"),
        max_length=150,
        blank=True,
        help_text=_("e.g. “young people”, “anyone who likes to cook”"),
    )
    mindestalter = models.PositiveSmallIntegerField(
        _("minimum age"),
        null=True,
        blank=True,
        help_text=_("Leave empty if anyone can help."),
    )
    von = models.DateField(_("from"), null=True, blank=True)
    bis = models.DateField(_("until"), null=True, blank=True)
    ansprechperson = models.CharField(
        _("contact person"),
        max_length=150,
        blank=True,
        help_text=_("First name is enough, e.g. “Anna from the board”."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OFFEN
    )
    beendet_am = models.DateField(_("closed on"), null=True, blank=True, editable=False)

    objects = GesuchQuerySet.as_manager()

    class Meta:
        verbose_name = _("volunteer need")
        verbose_name_plural = _("volunteer needs")
        ordering = ["-erstellt"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(bis__isnull=True)
                | models.Q(von__isnull=True)
                | models.Q(bis__gte=models.F("von")),
                name="gesuch_bis_nach_von",
            ),
        ]

    def __str__(self) -> str:
        return self.titel

    def get_absolute_url(self) -> str:
        return reverse("vereine:gesuch", kwargs={"pk": self.pk})

    def clean(self) -> None:
        if self.von and self.bis and self.bis < self.von:
            raise ValidationError(
                {"bis": _("The end date is before the start date. Please check both dates.")}
            )


class Rueckmeldung(models.Model):
    """A response to a Gesuch (“Ich möchte helfen”). Personal data expires (see services)."""

    class Status(models.TextChoices):
        NEU = "neu", pgettext_lazy("response status", "New")
        KONTAKTIERT = "kontaktiert", pgettext_lazy("response status", "Contacted")
        DABEI = "dabei", pgettext_lazy("response status", "On board")
        PASST_NICHT = "passt_nicht", pgettext_lazy("response status", "Not a fit")

    gesuch = models.ForeignKey(
        Gesuch,
        verbose_name=_("volunteer need"),
        on_delete=models.CASCADE,
        related_name="rueckmeldungen",
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail address"))
    nachricht = models.TextField(_("message"), blank=True)
    einwilligung_am = models.DateTimeField(_("consent given on"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEU
    )
    erstellt = models.DateTimeField(_("received"), default=timezone.now)
    beantwortet_am = models.DateTimeField(_("answered on"), null=True, blank=True)
    anonymisiert_am = models.DateTimeField(_("personal data deleted on"), null=True, blank=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["-erstellt"]

    def __str__(self) -> str:
        return f"{self.name or '–'} → {self.gesuch}"


# The rooms' models belong to this app (same label, migrations here). A core never imports a
# room (docs/architektur.md), so they are loaded by name.
import_module("vereine.marktplatz.models")
import_module("vereine.ressourcen.models")
