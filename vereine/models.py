"""Akteure (actors of any kind) and the Mitgliedschaften that give users rights in them.

Whatever a member may edit is found by one scoped query from the user's memberships
(`Akteur.objects.editable_by(user)`); views never check ownership by hand.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from netzwerk.models import Ortsteil


def ist_koordination(user) -> bool:
    """Coordinators are the staff users; they may see and edit everything."""
    return bool(user.is_authenticated and user.is_active and user.is_staff)


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

    def editable_by(self, user) -> AkteurQuerySet:
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


class Akteur(models.Model):
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
    vorgeschlagen_von = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    erstellt = models.DateTimeField(_("created"), auto_now_add=True)
    geaendert = models.DateTimeField(_("changed"), auto_now=True)

    objects = AkteurQuerySet.as_manager()

    class Meta:
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("vereine:detail", kwargs={"slug": self.slug})


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
