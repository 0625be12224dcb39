"""Lernen durch Engagement (service learning): school classes take up real needs of the network.

* :class:`Engagementbedarf` – a small need an actor posts on the needs board, suitable for a
  class of 10–12-year-olds.
* :class:`Klassenprojekt` – a class's project, run by the teachers of a school (members of an
  Akteur of kind "Schule") with partner actors; four :class:`Projektphase` rows, each with its
  dates as a Termin of the school in the shared calendar (referred to as "termine.Termin"
  only), six :class:`Qualitaetsstandard` rows and the teachers' :class:`Reflexion` entries.

No pupil is ever stored: no accounts, names or photos of children. The certificate for each
pupil takes the names at print time and forgets them (see ``views.urkunde``).

Who sees what is decided by the querysets: ``schreibbar_fuer`` (the school's members and the
coordinators), ``sichtbar_fuer`` (they plus the partner actors' members: the plan and dates)
and ``oeffentlich`` (the public page: what the class achieved, without names).
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from netzwerk.basismodelle import ErstelltVon, Zeitstempel
from netzwerk.berechtigungen import ist_koordination

__all__ = [
    "Engagementbedarf",
    "Klassenprojekt",
    "Projektphase",
    "Qualitaetsstandard",
    "Reflexion",
]

SCHULJAHR = re.compile(r"^(\d{4})/(\d{2})$")


def schuljahr_zu(tag) -> str:
    """The school year a day belongs to ("2026/27" from 1 August 2026 to 31 July 2027)."""
    anfang = tag.year if tag.month >= 8 else tag.year - 1
    return f"{anfang}/{(anfang + 1) % 100:02d}"


def _akteure_von(user):
    from vereine.models import Akteur

    return Akteur.objects.schreibbar_fuer(user)


def schulen_von(user):
    """The active schools in which `user` is a member (a teacher); all schools for coordinators."""
    from vereine.models import Akteur

    return _akteure_von(user).filter(art=Akteur.Art.SCHULE, status=Akteur.Status.AKTIV)


class EngagementbedarfQuerySet(models.QuerySet["Engagementbedarf"]):
    def offen(self) -> EngagementbedarfQuerySet:
        """On the board: open, of an active actor, not yet over."""
        heute = timezone.localdate()
        return self.filter(status=Engagementbedarf.Status.OFFEN, akteur__status="aktiv").filter(
            models.Q(bis__isnull=True) | models.Q(bis__gte=heute)
        )

    def schreibbar_fuer(self, user) -> EngagementbedarfQuerySet:
        """Needs of the user's own actors (all for coordinators)."""
        return self.filter(akteur__in=_akteure_von(user))

    def sichtbar_fuer(self, user) -> EngagementbedarfQuerySet:
        """What a network member sees: every need of an active actor, and the own ones."""
        return self.filter(
            models.Q(akteur__status="aktiv")
            | models.Q(pk__in=self.schreibbar_fuer(user).values("pk"))
        )


class Engagementbedarf(Zeitstempel, ErstelltVon):
    """A real need of an actor that a school class could take on ("Insektenhotel bauen")."""

    class Status(models.TextChoices):
        OFFEN = "offen", pgettext_lazy("need status", "Open")
        UEBERNOMMEN = "uebernommen", pgettext_lazy("need status", "Taken up by a class")
        ERLEDIGT = "erledigt", pgettext_lazy("need status", "Done")
        ZURUECKGEZOGEN = "zurueckgezogen", pgettext_lazy("need status", "Withdrawn")

    akteur = models.ForeignKey(
        "vereine.Akteur",
        verbose_name=_("actor"),
        on_delete=models.CASCADE,
        related_name="engagementbedarfe",
    )
    titel = models.CharField(
        _("title"), max_length=150, help_text=_("e.g. “Insektenhotel für den Gemeinschaftsgarten”")
    )
    beschreibung = models.TextField(
        _("description"),
        help_text=_("What is needed, and what the class could do and learn."),
    )
    von = models.DateField(_("from"), null=True, blank=True)
    bis = models.DateField(_("until"), null=True, blank=True)
    ortsteil = models.ForeignKey(
        "netzwerk.Ortsteil",
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="engagementbedarfe",
    )
    ort = models.CharField(_("place"), max_length=200, blank=True)
    kontakt = models.CharField(
        _("contact"),
        max_length=200,
        help_text=_("Who the teachers can ask, e.g. “Frau Berger, 03483 1234”."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OFFEN
    )

    objects = EngagementbedarfQuerySet.as_manager()

    class Meta:
        verbose_name = _("need for a class")
        verbose_name_plural = _("needs for classes")
        ordering = ["-erstellt", "-pk"]

    def __str__(self) -> str:
        return self.titel

    def get_absolute_url(self) -> str:
        return reverse("lde:bedarf", kwargs={"pk": self.pk})

    def clean(self) -> None:
        if self.von and self.bis and self.bis < self.von:
            raise ValidationError({"bis": _("The end is before the start. Please check it.")})


class KlassenprojektQuerySet(models.QuerySet["Klassenprojekt"]):
    def schreibbar_fuer(self, user) -> KlassenprojektQuerySet:
        """Projects of the user's schools (all for coordinators)."""
        if ist_koordination(user):
            return self.all()
        return self.filter(schule__in=schulen_von(user))

    def sichtbar_fuer(self, user) -> KlassenprojektQuerySet:
        """Whose plan and dates `user` may see: the school's and the partners' members."""
        if ist_koordination(user):
            return self.all()
        return self.filter(
            models.Q(pk__in=self.schreibbar_fuer(user).values("pk"))
            | models.Q(partner__in=_akteure_von(user))
        ).distinct()

    def oeffentlich(self) -> KlassenprojektQuerySet:
        """On the public list: published by the school, and the school is active."""
        return self.filter(veroeffentlicht=True, schule__status="aktiv")

    def im_schuljahr(self, schuljahr: str) -> KlassenprojektQuerySet:
        return self.filter(schuljahr=schuljahr)


class Klassenprojekt(Zeitstempel, ErstelltVon):
    """One class's service-learning project with its partners (no pupil is stored)."""

    class Status(models.TextChoices):
        LAEUFT = "laeuft", pgettext_lazy("class project status", "Running")
        ABGESCHLOSSEN = "abgeschlossen", pgettext_lazy("class project status", "Finished")

    schule = models.ForeignKey(
        "vereine.Akteur",
        verbose_name=_("school"),
        on_delete=models.CASCADE,
        related_name="klassenprojekte",
    )
    titel = models.CharField(
        _("title"), max_length=150, help_text=_("e.g. “Ein Insektenhotel für den Garten”")
    )
    klasse = models.CharField(_("class"), max_length=20, help_text=_("e.g. “6b”"))
    fach = models.CharField(_("subject"), max_length=100, help_text=_("e.g. “Biologie”"))
    lehrplanbezug = models.TextField(
        _("link to the curriculum"),
        blank=True,
        help_text=_("Which topic of the curriculum the class learns in the project."),
    )
    schuljahr = models.CharField(
        _("school year"), max_length=7, db_index=True, help_text=_("e.g. “2026/27”")
    )
    partner = models.ManyToManyField(
        "vereine.Akteur",
        verbose_name=_("partners"),
        related_name="lde_partnerschaften",
    )
    bedarfe = models.ManyToManyField(
        Engagementbedarf,
        verbose_name=_("needs taken up"),
        blank=True,
        related_name="projekte",
    )
    stunden = models.PositiveSmallIntegerField(
        _("hours of engagement"),
        default=0,
        help_text=_("Lessons and hours the class spent on the project, all together."),
    )
    ergebnis = models.TextField(
        _("what the class achieved"),
        blank=True,
        help_text=_("Shown on the public page. Please no names of pupils."),
    )
    veroeffentlicht = models.BooleanField(
        _("public project page"),
        default=True,
        help_text=_("Residents and other schools see what the class achieved, without names."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.LAEUFT
    )
    abgeschlossen_am = models.DateField(_("finished on"), null=True, blank=True)

    objects = KlassenprojektQuerySet.as_manager()

    class Meta:
        verbose_name = _("class project")
        verbose_name_plural = _("class projects")
        ordering = ["-schuljahr", "schule__name", "klasse", "pk"]

    def __str__(self) -> str:
        return f"{self.klasse}: {self.titel}"

    def get_absolute_url(self) -> str:
        return reverse("lde:projekt", kwargs={"pk": self.pk})

    def clean(self) -> None:
        treffer = SCHULJAHR.match(self.schuljahr or "")
        if not treffer or (int(treffer[1]) + 1) % 100 != int(treffer[2]):
            raise ValidationError({"schuljahr": _("Please write the school year like “2026/27”.")})

    @property
    def abgeschlossen(self) -> bool:
        return self.status == self.Status.ABGESCHLOSSEN


class Projektphase(models.Model):
    """One of the four phases of a project; its dates are a Termin of the school."""

    class Art(models.TextChoices):
        RECHERCHE = "recherche", pgettext_lazy("project phase", "Research")
        PLANUNG = "planung", pgettext_lazy("project phase", "Planning")
        AKTION = "aktion", pgettext_lazy("project phase", "Action")
        ABSCHLUSS = "abschluss", pgettext_lazy("project phase", "Reflection and closing")

    projekt = models.ForeignKey(
        Klassenprojekt,
        verbose_name=_("class project"),
        on_delete=models.CASCADE,
        related_name="phasen",
    )
    art = models.CharField(_("phase"), max_length=20, choices=Art.choices)
    reihenfolge = models.PositiveSmallIntegerField(_("order"), default=0, editable=False)
    von = models.DateField(_("from"), null=True, blank=True)
    bis = models.DateField(_("until"), null=True, blank=True)
    termin = models.OneToOneField(
        "termine.Termin",
        verbose_name=_("date in the calendar"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lde_phase",
    )

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["projekt", "reihenfolge"]
        constraints = [
            models.UniqueConstraint(fields=["projekt", "art"], name="lde_phase_eindeutig"),
        ]

    def __str__(self) -> str:
        return self.get_art_display()


class Qualitaetsstandard(models.Model):
    """One of the six quality standards of LdE, ticked per project with a short note."""

    class Standard(models.TextChoices):
        REALER_BEDARF = "realer_bedarf", _("A real need")
        CURRICULUM = "curriculum", _("Link to the curriculum")
        PARTIZIPATION = "partizipation", _("Pupils take part in decisions")
        REFLEXION = "reflexion", _("Reflection")
        AUSSERSCHULISCH = "ausserschulisch", _("Engagement outside school")
        ANERKENNUNG = "anerkennung", _("Recognition and closing")

    projekt = models.ForeignKey(
        Klassenprojekt,
        verbose_name=_("class project"),
        on_delete=models.CASCADE,
        related_name="standards",
    )
    standard = models.CharField(_("standard"), max_length=20, choices=Standard.choices)
    reihenfolge = models.PositiveSmallIntegerField(_("order"), default=0, editable=False)
    erfuellt = models.BooleanField(_("met"), default=False)
    notiz = models.CharField(
        _("note"), max_length=300, blank=True, help_text=_("How the class meets it, in a sentence.")
    )

    class Meta:
        verbose_name = _("quality standard")
        verbose_name_plural = _("quality standards")
        ordering = ["projekt", "reihenfolge"]
        constraints = [
            models.UniqueConstraint(fields=["projekt", "standard"], name="lde_standard_eindeutig"),
        ]

    def __str__(self) -> str:
        return self.get_standard_display()


class Reflexion(Zeitstempel, ErstelltVon):
    """A teacher's note on how a phase went for the class (never a pupil's account or name)."""

    phase = models.ForeignKey(
        Projektphase,
        verbose_name=_("phase"),
        on_delete=models.CASCADE,
        related_name="reflexionen",
    )
    text = models.TextField(_("reflection"))

    class Meta:
        verbose_name = _("reflection")
        verbose_name_plural = _("reflections")
        ordering = ["phase__reihenfolge", "erstellt", "pk"]

    def __str__(self) -> str:
        return self.text[:50]
