"""Minutes (Protokoll) of any Termin: a Stammtisch or a working-group meeting."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from netzwerk.basismodelle import Zeitstempel
from netzwerk.berechtigungen import im_netzwerk_bedingung, ist_koordination
from termine.models.termin import Termin
from vereine.models import Akteur


class ProtokollQuerySet(models.QuerySet["Protokoll"]):
    def veroeffentlicht(self) -> ProtokollQuerySet:
        return self.filter(veroeffentlicht_am__isnull=False)

    def sichtbar_fuer(self, user) -> ProtokollQuerySet:
        """Published minutes for members of the network whose Termin they may see;
        everything for coordinators."""
        if ist_koordination(user):
            return self.all()
        if not user.is_authenticated:
            return self.none()
        netzwerkmitglied = im_netzwerk_bedingung(user)
        return self.veroeffentlicht().filter(
            netzwerkmitglied, termin__in=Termin.objects.sichtbar_fuer(user)
        )


class Protokoll(Zeitstempel):
    """The minutes of a Termin: a Stammtisch or any working-group meeting."""

    termin = models.OneToOneField(
        Termin, verbose_name=_("date"), on_delete=models.CASCADE, related_name="protokoll"
    )
    anwesende = models.ManyToManyField(
        Akteur, verbose_name=_("actors present"), blank=True, related_name="protokolle"
    )
    personenzahl = models.PositiveSmallIntegerField(_("number of people"), null=True, blank=True)
    beschluesse = models.TextField(_("decisions"), blank=True)
    veroeffentlicht_am = models.DateTimeField(_("published on"), null=True, blank=True)

    objects = ProtokollQuerySet.as_manager()

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")
        ordering = ["-termin__start"]

    def __str__(self) -> str:
        tag = formats.date_format(timezone.localtime(self.termin.start), "SHORT_DATE_FORMAT")
        return f"{self.termin} – {tag}"

    def get_absolute_url(self) -> str:
        return reverse("stammtisch:protokoll", kwargs={"pk": self.pk})

    @property
    def veroeffentlicht(self) -> bool:
        return self.veroeffentlicht_am is not None


class ProtokollPunkt(models.Model):
    """Notes on one agenda item."""

    protokoll = models.ForeignKey(
        Protokoll, verbose_name=_("minutes"), on_delete=models.CASCADE, related_name="punkte"
    )
    titel = models.CharField(_("agenda item"), max_length=200)
    notizen = models.TextField(_("notes"), blank=True)
    reihenfolge = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["reihenfolge", "pk"]

    def __str__(self) -> str:
        return self.titel


class Folgeaufgabe(models.Model):
    """A follow-up agreed in the meeting: who does what by when."""

    protokoll = models.ForeignKey(
        Protokoll,
        verbose_name=_("minutes"),
        on_delete=models.CASCADE,
        related_name="folgeaufgaben",
    )
    text = models.CharField(_("what"), max_length=300)
    verantwortlich = models.ForeignKey(
        Akteur,
        verbose_name=_("who (actor)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="folgeaufgaben",
    )
    faellig_am = models.DateField(_("due on"), null=True, blank=True)
    erledigt = models.BooleanField(_("done"), default=False)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["erledigt", "faellig_am", "pk"]

    def __str__(self) -> str:
        return self.text


__all__ = ["Folgeaufgabe", "Protokoll", "ProtokollPunkt", "ProtokollQuerySet"]
