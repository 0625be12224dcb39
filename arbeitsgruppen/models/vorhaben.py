"""Projects (Vorhaben) and tasks (Aufgaben) of a group."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from arbeitsgruppen.models.gruppen import Arbeitsgruppe
from netzwerk.basismodelle import Erstellt, ErstelltVon


class Vorhaben(Erstellt):
    """A project of a group, such as "Ferienkalender 2026" or "Aktionstag"."""

    class Status(models.TextChoices):
        IDEE = "idee", pgettext_lazy("project status", "Idea")
        PLANUNG = "planung", pgettext_lazy("project status", "Being planned")
        LAEUFT = "laeuft", pgettext_lazy("project status", "Running")
        ABGESCHLOSSEN = "abgeschlossen", pgettext_lazy("project status", "Completed")

    gruppe = models.ForeignKey(
        Arbeitsgruppe,
        verbose_name=_("working group"),
        on_delete=models.CASCADE,
        related_name="vorhaben",
    )
    titel = models.CharField(_("title"), max_length=200)
    beschreibung = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IDEE
    )
    verantwortlich = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ag_vorhaben",
    )
    beginn = models.DateField(_("start"), null=True, blank=True)
    ende = models.DateField(_("end"), null=True, blank=True)

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["gruppe__name", "titel"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ende__isnull=True)
                | models.Q(beginn__isnull=True)
                | models.Q(ende__gte=models.F("beginn")),
                name="ag_vorhaben_ende_nach_beginn",
            ),
        ]

    def __str__(self) -> str:
        return self.titel

    def get_absolute_url(self) -> str:
        return reverse("arbeitsgruppen:vorhaben", kwargs={"slug": self.gruppe.slug, "pk": self.pk})


class AufgabeQuerySet(models.QuerySet["Aufgabe"]):
    def offen(self) -> AufgabeQuerySet:
        """Not done yet (open or in progress)."""
        return self.exclude(status=Aufgabe.Status.ERLEDIGT)

    def ueberfaellig(self, heute: date) -> AufgabeQuerySet:
        return self.offen().filter(faellig__lt=heute)

    def faellig_bis(self, tag: date) -> AufgabeQuerySet:
        """Not done and due on or before `tag` (includes overdue ones)."""
        return self.offen().filter(faellig__lte=tag)

    def fuer(self, user) -> AufgabeQuerySet:
        return self.filter(zustaendig=user)

    def sichtbar_fuer(self, user) -> AufgabeQuerySet:
        return self.filter(gruppe__in=Arbeitsgruppe.objects.sichtbar_fuer(user))


class Aufgabe(Erstellt, ErstelltVon):
    class Status(models.TextChoices):
        OFFEN = "offen", pgettext_lazy("task status", "To do")
        IN_ARBEIT = "in_arbeit", pgettext_lazy("task status", "In progress")
        ERLEDIGT = "erledigt", pgettext_lazy("task status", "Done")

    gruppe = models.ForeignKey(
        Arbeitsgruppe,
        verbose_name=_("working group"),
        on_delete=models.CASCADE,
        related_name="aufgaben",
    )
    vorhaben = models.ForeignKey(
        Vorhaben,
        verbose_name=_("project"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="aufgaben",
    )
    titel = models.CharField(_("title"), max_length=200)
    notizen = models.TextField(_("notes"), blank=True)
    zustaendig = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ag_aufgaben",
    )
    faellig = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OFFEN
    )
    erledigt_am = models.DateTimeField(_("done on"), null=True, blank=True)

    objects = AufgabeQuerySet.as_manager()

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = [models.F("faellig").asc(nulls_last=True), "pk"]
        indexes = [models.Index(fields=["zustaendig", "status"])]

    def __str__(self) -> str:
        return self.titel

    def ist_ueberfaellig(self, heute: date | None = None) -> bool:
        heute = heute or timezone.localdate()
        return bool(self.faellig and self.faellig < heute and self.status != self.Status.ERLEDIGT)

    @property
    def ueberfaellig(self) -> bool:
        return self.ist_ueberfaellig()
