"""Workflows of Lernen durch Engagement. Views, forms and the admin call these functions.

A phase's dates are a Termin of the school in the shared calendar: :func:`phasen_speichern`
creates, moves or removes it through the calendar core's own service
(:func:`termine.services.termin_speichern`), so iCal clients see a change as a new revision.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from arbeitsgruppen.lde.models import (
    Engagementbedarf,
    Klassenprojekt,
    Projektphase,
    Qualitaetsstandard,
    Reflexion,
    schuljahr_zu,
)
from netzwerk.zeit import ortszeit
from termine.models import Termin
from termine.services import termin_speichern

PHASEN = list(Projektphase.Art)
STANDARDS = list(Qualitaetsstandard.Standard)


@transaction.atomic
def bedarf_speichern(*, bedarf: Engagementbedarf, von) -> Engagementbedarf:
    """Create or update a need on the board (already validated).

    Side effects: writes the Engagementbedarf row; a new one records ``erstellt_von``.
    """
    if bedarf.pk is None:
        bedarf.erstellt_von = von
    bedarf.save()
    return bedarf


@transaction.atomic
def projekt_anlegen(
    *,
    schule,
    von,
    daten: Mapping,
    partner: Iterable,
    bedarfe: Iterable[Engagementbedarf] = (),
) -> Klassenprojekt:
    """Create a class project of `schule` with its four phases and six standards.

    `daten` holds the model fields (titel, klasse, fach, lehrplanbezug, schuljahr, …).
    Side effects, in one transaction: writes the Klassenprojekt, its partners and needs, four
    Projektphase rows (without dates) and six Qualitaetsstandard rows (unticked); the needs
    taken up get the status "taken up by a class" (and leave the board).
    """
    projekt = Klassenprojekt(schule=schule, erstellt_von=von, **daten)
    projekt.save()
    projekt.partner.set(partner)
    bedarfe = list(bedarfe)
    projekt.bedarfe.set(bedarfe)
    Projektphase.objects.bulk_create(
        Projektphase(projekt=projekt, art=art, reihenfolge=i) for i, art in enumerate(PHASEN)
    )
    Qualitaetsstandard.objects.bulk_create(
        Qualitaetsstandard(projekt=projekt, standard=s, reihenfolge=i)
        for i, s in enumerate(STANDARDS)
    )
    _bedarfe_uebernehmen(bedarfe)
    return projekt


def _bedarfe_uebernehmen(bedarfe: Iterable[Engagementbedarf]) -> None:
    Engagementbedarf.objects.filter(
        pk__in=[b.pk for b in bedarfe], status=Engagementbedarf.Status.OFFEN
    ).update(status=Engagementbedarf.Status.UEBERNOMMEN, geaendert=timezone.now())


@transaction.atomic
def projekt_aendern(
    *,
    projekt: Klassenprojekt,
    von,
    partner: Iterable,
    bedarfe: Iterable[Engagementbedarf],
) -> Klassenprojekt:
    """Save the changed fields of `projekt` (already validated), its partners and needs.

    Side effects: writes the project row, replaces partners and needs; newly taken-up needs
    leave the board; the phases' Termine get the new class name and partners as organisers
    (they are saved through the calendar core, one revision more each).
    """
    projekt.save()
    projekt.partner.set(partner)
    bedarfe = list(bedarfe)
    projekt.bedarfe.set(bedarfe)
    _bedarfe_uebernehmen(bedarfe)
    for phase in projekt.phasen.select_related("termin"):
        if phase.termin is not None:
            _termin_schreiben(phase=phase, projekt=projekt, von=von)
    return projekt


def _termin_titel(projekt: Klassenprojekt, phase: Projektphase) -> str:
    return _("Lernen durch Engagement, class %(klasse)s: %(phase)s") % {
        "klasse": projekt.klasse,
        "phase": phase.get_art_display(),
    }


def _termin_schreiben(*, phase: Projektphase, projekt: Klassenprojekt, von) -> Termin:
    termin = phase.termin or Termin(
        kategorie=Termin.Kategorie.BILDUNG,
        sichtbarkeit=Termin.Sichtbarkeit.NETZWERK,
        ganztaegig=True,
    )
    termin.titel = _termin_titel(projekt, phase)[:200]
    termin.beschreibung = projekt.titel
    termin.start = ortszeit(phase.von)
    termin.ende = ortszeit((phase.bis or phase.von) + timedelta(days=1))
    termin.ganztaegig = True
    termin.ortsteil_id = projekt.schule.ortsteil_id
    termin = termin_speichern(
        termin=termin, von=von, veranstalter=[projekt.schule, *projekt.partner.all()]
    )
    if phase.termin_id != termin.pk:
        phase.termin = termin
        phase.save(update_fields=["termin"])
    return termin


@transaction.atomic
def phasen_speichern(
    *, projekt: Klassenprojekt, daten: Mapping[str, tuple[date | None, date | None]], von
) -> list[Projektphase]:
    """Set the dates of the phases: `daten` maps a phase's kind to (from, until).

    Side effects: writes the Projektphase rows; a phase with a first day gets a Termin of the
    school (all day, from the first to the last day, visible to the network, organised by the
    school and the partners) or its Termin is moved; a phase whose dates are cleared loses its
    Termin (deleted).
    """
    phasen = list(projekt.phasen.select_related("termin"))
    for phase in phasen:
        if phase.art not in daten:
            continue
        phase.von, phase.bis = daten[phase.art]
        if phase.von and phase.bis and phase.bis < phase.von:
            raise ValueError("phase ends before it starts")
        phase.save(update_fields=["von", "bis"])
        if phase.von:
            _termin_schreiben(phase=phase, projekt=projekt, von=von)
        elif phase.termin is not None:
            termin, phase.termin = phase.termin, None
            phase.save(update_fields=["termin"])
            termin.delete()
    return phasen


@transaction.atomic
def standards_speichern(*, projekt: Klassenprojekt, werte: Mapping[str, tuple[bool, str]]) -> None:
    """Tick the quality standards: `werte` maps a standard to (met, note).

    Side effects: updates the project's six Qualitaetsstandard rows.
    """
    for standard in projekt.standards.all():
        if standard.standard in werte:
            standard.erfuellt, notiz = werte[standard.standard]
            standard.notiz = notiz.strip()
            standard.save(update_fields=["erfuellt", "notiz"])


def reflexion_schreiben(*, phase: Projektphase, text: str, von) -> Reflexion:
    """Add a teacher's reflection to a phase.

    Side effects: writes one Reflexion row (with ``erstellt_von``).
    """
    return Reflexion.objects.create(phase=phase, text=text.strip(), erstellt_von=von)


@transaction.atomic
def projekt_abschliessen(
    *, projekt: Klassenprojekt, ergebnis: str, stunden: int, am: date | None = None
) -> Klassenprojekt:
    """Close a project: what the class achieved (public, without names) and its hours.

    Side effects: sets status "finished", ``abgeschlossen_am`` (today unless `am`),
    ``ergebnis`` and ``stunden``; the needs it took up are marked done.
    """
    projekt.status = Klassenprojekt.Status.ABGESCHLOSSEN
    projekt.abgeschlossen_am = am or timezone.localdate()
    projekt.ergebnis = ergebnis.strip()
    projekt.stunden = stunden
    projekt.save(update_fields=["status", "abgeschlossen_am", "ergebnis", "stunden", "geaendert"])
    projekt.bedarfe.exclude(status=Engagementbedarf.Status.ZURUECKGEZOGEN).update(
        status=Engagementbedarf.Status.ERLEDIGT, geaendert=timezone.now()
    )
    return projekt


@transaction.atomic
def projekt_loeschen(*, projekt: Klassenprojekt) -> None:
    """Delete a project with its phases, standards and reflections.

    Side effects: deletes the phases' Termine from the shared calendar first (a phase only
    points to its Termin, so they would otherwise stay behind), then the project's rows.
    """
    Termin.objects.filter(lde_phase__projekt=projekt).delete()
    projekt.delete()


# ------------------------------------------------------------------------------ overview


@dataclass(frozen=True)
class Jahreszeile:
    schuljahr: str
    projekte: int
    klassen: int
    partner: int
    bedarfe: int
    stunden: int


def uebersicht(projekte) -> list[Jahreszeile]:
    """Figures per school year over the queryset `projekte` (newest first); four queries."""
    from django.db.models import Count, Sum

    jahre = {
        z["schuljahr"]: z
        for z in projekte.values("schuljahr").annotate(
            anzahl=Count("pk", distinct=True), stunden_summe=Sum("stunden")
        )
    }
    klassen: dict[str, set] = {}
    for schuljahr, schule, klasse in projekte.values_list("schuljahr", "schule", "klasse"):
        klassen.setdefault(schuljahr, set()).add((schule, klasse.strip().lower()))
    partner = dict(
        projekte.values("schuljahr")
        .annotate(n=Count("partner", distinct=True))
        .values_list("schuljahr", "n")
    )
    bedarfe = dict(
        projekte.values("schuljahr")
        .annotate(n=Count("bedarfe", distinct=True))
        .values_list("schuljahr", "n")
    )
    return [
        Jahreszeile(
            schuljahr=jahr,
            projekte=z["anzahl"],
            klassen=len(klassen.get(jahr, ())),
            partner=partner.get(jahr, 0),
            bedarfe=bedarfe.get(jahr, 0),
            stunden=z["stunden_summe"] or 0,
        )
        for jahr, z in sorted(jahre.items(), reverse=True)
    ]


PROJEKT_FELDER = ["titel", "klasse", "fach", "lehrplanbezug", "schuljahr", "veroeffentlicht"]


def aktuelles_schuljahr() -> str:
    """Today's school year, e.g. "2026/27"."""
    return schuljahr_zu(timezone.localdate())
