"""Herausforderungen: topics the network recognises as shared, followed across meetings.

A challenge is raised at a Stammtisch, a working-group meeting (both Termine) or by a
coordinator; it carries follow-ups (Folgeschritte) and a dated history (Verlaufseintrag) that
only the services write (:mod:`netzwerk.koordination.services`). Models elsewhere are named
by string ("termine.Termin"): this room sits on top of every core.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from netzwerk.basismodelle import Erstellt, ErstelltVon, Zeitstempel
from netzwerk.berechtigungen import im_netzwerk, ist_koordination


class HerausforderungQuerySet(models.QuerySet["Herausforderung"]):
    def offen(self) -> HerausforderungQuerySet:
        """Not closed yet (open or handed to a working group)."""
        return self.exclude(status=Herausforderung.Status.ABGESCHLOSSEN)

    def oeffentlich(self) -> HerausforderungQuerySet:
        return self.filter(sichtbarkeit=Herausforderung.Sichtbarkeit.OEFFENTLICH)

    def sichtbar_fuer(self, user) -> HerausforderungQuerySet:
        """Public challenges for everyone, network-only ones for the network and the
        coordinators."""
        if ist_koordination(user) or im_netzwerk(user):
            return self.all()
        return self.oeffentlich()

    def schreibbar_fuer(self, user) -> HerausforderungQuerySet:
        """Only the coordinators keep the challenges (in the admin)."""
        return self.all() if ist_koordination(user) else self.none()

    def fuer_listen(self) -> HerausforderungQuerySet:
        return self.select_related("ortsteil", "arbeitsgruppe", "vorhaben").annotate(
            offene_schritte=models.Count(
                "folgeschritte", filter=models.Q(folgeschritte__erledigt_am__isnull=True)
            )
        )


class Herausforderung(Zeitstempel, ErstelltVon):
    """A shared challenge of the network (e.g. “Too few young volunteers”)."""

    class Kategorie(models.TextChoices):
        NACHWUCHS = "nachwuchs", pgettext_lazy("challenge category", "Volunteers and new blood")
        RAEUME = "raeume", pgettext_lazy("challenge category", "Rooms and equipment")
        KOMMUNIKATION = "kommunikation", pgettext_lazy("challenge category", "Communication")
        FINANZEN = "finanzen", pgettext_lazy("challenge category", "Money and funding")
        ZUSAMMENARBEIT = "zusammenarbeit", pgettext_lazy("challenge category", "Cooperation")
        MOBILITAET = "mobilitaet", pgettext_lazy("challenge category", "Mobility")
        SONSTIGES = "sonstiges", pgettext_lazy("challenge category", "Other")

    class Herkunft(models.TextChoices):
        STAMMTISCH = "stammtisch", pgettext_lazy("raised where", "At a Stammtisch")
        ARBEITSGRUPPE = "arbeitsgruppe", pgettext_lazy("raised where", "In a working group")
        KOORDINATION = "koordination", pgettext_lazy("raised where", "By the coordination")

    class Sichtbarkeit(models.TextChoices):
        OEFFENTLICH = "oeffentlich", pgettext_lazy("visibility", "Public")
        NETZWERK = "netzwerk", pgettext_lazy("visibility", "Network only")

    class Status(models.TextChoices):
        OFFEN = "offen", pgettext_lazy("challenge status", "Open")
        UEBERGEBEN = "uebergeben", pgettext_lazy("challenge status", "With a working group")
        ABGESCHLOSSEN = "abgeschlossen", pgettext_lazy("challenge status", "Closed")

    titel = models.CharField(_("title"), max_length=200)
    beschreibung = models.TextField(_("description"), blank=True)
    kategorie = models.CharField(
        _("category"), max_length=20, choices=Kategorie.choices, default=Kategorie.SONSTIGES
    )
    aufgekommen_am = models.DateField(_("raised on"), default=timezone.localdate)
    herkunft = models.CharField(
        _("raised where"), max_length=20, choices=Herkunft.choices, default=Herkunft.STAMMTISCH
    )
    termin = models.ForeignKey(
        "termine.Termin",
        verbose_name=_("meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="herausforderungen",
        help_text=_("The Stammtisch or group meeting where it came up."),
    )
    arbeitsgruppe = models.ForeignKey(
        "arbeitsgruppen.Arbeitsgruppe",
        verbose_name=_("working group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="herausforderungen",
    )
    akteure = models.ManyToManyField(
        "vereine.Akteur",
        verbose_name=_("raised by"),
        blank=True,
        related_name="herausforderungen",
    )
    ortsteil = models.ForeignKey(
        "netzwerk.Ortsteil",
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="herausforderungen",
        help_text=_("Leave empty if it concerns the whole town."),
    )
    sichtbarkeit = models.CharField(
        _("visibility"),
        max_length=20,
        choices=Sichtbarkeit.choices,
        default=Sichtbarkeit.NETZWERK,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OFFEN, editable=False
    )
    vorhaben = models.ForeignKey(
        "arbeitsgruppen.Vorhaben",
        verbose_name=_("project"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="herausforderungen",
    )
    ergebnis = models.TextField(_("outcome"), blank=True, editable=False)
    abgeschlossen_am = models.DateField(_("closed on"), null=True, blank=True, editable=False)

    objects = HerausforderungQuerySet.as_manager()

    class Meta:
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")
        ordering = ["-aufgekommen_am", "-pk"]
        indexes = [models.Index(fields=["status", "aufgekommen_am"])]

    def __str__(self) -> str:
        return self.titel

    def get_absolute_url(self) -> str:
        return reverse("koordination:detail", kwargs={"pk": self.pk})

    @property
    def offen(self) -> bool:
        return self.status != self.Status.ABGESCHLOSSEN


class FolgeschrittQuerySet(models.QuerySet["Folgeschritt"]):
    def offen(self) -> FolgeschrittQuerySet:
        return self.filter(erledigt_am__isnull=True)

    def ueberfaellig(self, heute: date) -> FolgeschrittQuerySet:
        """Not done and due before `heute`, of challenges still open."""
        return (
            self.offen()
            .filter(faellig_am__lt=heute)
            .exclude(herausforderung__status=Herausforderung.Status.ABGESCHLOSSEN)
        )


class Folgeschritt(Erstellt):
    """A follow-up of a challenge: who does what by when."""

    herausforderung = models.ForeignKey(
        Herausforderung,
        verbose_name=_("challenge"),
        on_delete=models.CASCADE,
        related_name="folgeschritte",
    )
    text = models.CharField(_("what"), max_length=300)
    akteur = models.ForeignKey(
        "vereine.Akteur",
        verbose_name=_("who (actor)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="folgeschritte",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who (person)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="folgeschritte",
    )
    faellig_am = models.DateField(_("due on"), null=True, blank=True)
    erledigt_am = models.DateField(_("done on"), null=True, blank=True, editable=False)

    objects = FolgeschrittQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = [models.F("erledigt_am").asc(nulls_first=True), "faellig_am", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def erledigt(self) -> bool:
        return self.erledigt_am is not None

    @property
    def wer(self) -> str:
        return " / ".join(str(x) for x in (self.akteur, self.person) if x)

    def ist_ueberfaellig(self, heute: date) -> bool:
        return not self.erledigt and self.faellig_am is not None and self.faellig_am < heute


class Verlaufseintrag(Erstellt, ErstelltVon):
    """One dated line of a challenge's history; written by the services only."""

    class Art(models.TextChoices):
        AUFGENOMMEN = "aufgenommen", pgettext_lazy("history", "Raised")
        NOTIZ = "notiz", pgettext_lazy("history", "Discussed")
        SCHRITT = "schritt", pgettext_lazy("history", "Follow-up agreed")
        ERLEDIGT = "erledigt", pgettext_lazy("history", "Follow-up done")
        UEBERGEBEN = "uebergeben", pgettext_lazy("history", "Handed to a working group")
        ABGESCHLOSSEN = "abgeschlossen", pgettext_lazy("history", "Closed")
        WIEDER_GEOEFFNET = "wieder_geoeffnet", pgettext_lazy("history", "Reopened")

    herausforderung = models.ForeignKey(
        Herausforderung,
        verbose_name=_("challenge"),
        on_delete=models.CASCADE,
        related_name="verlauf",
    )
    datum = models.DateField(_("day"), default=timezone.localdate)
    art = models.CharField(_("kind"), max_length=20, choices=Art.choices)
    text = models.TextField(_("text"), blank=True)
    termin = models.ForeignKey(
        "termine.Termin",
        verbose_name=_("meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("history entry")
        verbose_name_plural = _("history")
        ordering = ["datum", "pk"]

    def __str__(self) -> str:
        return f"{self.datum}: {self.get_art_display()}"


__all__ = [
    "Folgeschritt",
    "FolgeschrittQuerySet",
    "Herausforderung",
    "HerausforderungQuerySet",
    "Verlaufseintrag",
]
