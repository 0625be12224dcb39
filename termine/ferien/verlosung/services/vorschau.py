"""Previews with a recorded seed, recomputation, and logged manual changes."""

from __future__ import annotations

import secrets
import time
from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from termine.ferien.verlosung.services.eingabe import (
    _rohergebnis,
    _ueberschneiden,
    _verlosen,
    eingabe_laden,
)
from termine.ferien.verlosung.services.ergebnis import aufbereiten
from termine.ferien.verlosung.services.gemeinsam import MAX_SEED, VerlosungNichtMoeglich
from termine.ferien.verlosung.services.wunschphase import alter_passt
from termine.models import (
    Anpassung,
    Durchfuehrung,
    Ferienzeitraum,
    Kind,
    Verlosungslauf,
)

# ------------------------------------------------------------------------ preview, changes


def vorschau(*, zeitraum: Ferienzeitraum, seed: int | None = None, von) -> Verlosungslauf:
    """Compute a preview of the Verlosung of `zeitraum` and store it.

    Without `seed`, a fresh random seed is drawn (and recorded). Side effects: writes one
    Verlosungslauf (status vorschau) with input, checksum, result and run time.
    """
    if zeitraum.modus != Ferienzeitraum.Modus.VERLOSUNG:
        raise VerlosungNichtMoeglich(
            _("“%(name)s” does not use the wish phase and lottery.") % {"name": zeitraum.name}
        )
    if zeitraum.verlosungslaeufe.bestaetigt().exists():
        raise VerlosungNichtMoeglich(
            _("The lottery of “%(name)s” is already confirmed.") % {"name": zeitraum.name}
        )
    if seed is None:
        seed = secrets.randbelow(MAX_SEED)
    eingabe = eingabe_laden(zeitraum)
    beginn = time.perf_counter()
    roh = _verlosen(eingabe.daten, seed)
    dauer = time.perf_counter() - beginn
    ergebnis = aufbereiten(eingabe.daten, _rohergebnis(roh))
    return Verlosungslauf.objects.create(
        zeitraum=zeitraum,
        seed=seed,
        eingabe=eingabe.daten,
        pruefsumme=eingabe.pruefsumme,
        ergebnis=ergebnis,
        laufzeit_ms=round(dauer * 1000),
        erstellt_von=von if getattr(von, "is_authenticated", False) else None,
    )


def nachrechnen(lauf: Verlosungslauf) -> bool:
    """Recompute the run from its stored input and seed; True if the draw and the places
    are identical (the audit of a run). Side effects: none."""
    roh = _rohergebnis(_verlosen(lauf.eingabe, lauf.seed))
    return (
        roh["ziehung"] == lauf.ergebnis["ziehung"]
        and roh["plaetze_verlosung"] == lauf.ergebnis["plaetze_verlosung"]
        and roh["warteordnung"] == lauf.ergebnis["warteordnung"]
    )


def eingabe_unveraendert(lauf: Verlosungslauf) -> bool:
    """The wishes, places and registrations are still what the run saw."""
    return eingabe_laden(lauf.zeitraum).pruefsumme == lauf.pruefsumme


def _alle_durchfuehrung_ids(lauf: Verlosungslauf) -> set[int]:
    """The occasions a run mentions: those in the draw and those of its other reasons."""
    ids = {d[0] for d in lauf.eingabe["durchfuehrungen"]}
    for absage in lauf.ergebnis.get("absagen", []):
        ids.add(absage[1])
        ids.update(absage[4])
    return ids


def _platz_inhaber(lauf: Verlosungslauf, durchfuehrung_id: int) -> list[int]:
    return [k for k, d, *_rest in lauf.ergebnis["plaetze"] if d == durchfuehrung_id]


def anpassen(
    *,
    lauf: Verlosungslauf,
    kind: Kind,
    durchfuehrung: Durchfuehrung,
    aktion: str,
    grund: str,
    von,
    ueber_kapazitaet: bool = False,
) -> Anpassung:
    """Change a preview by hand: give `kind` a place at `durchfuehrung`, or take it away.

    Giving checks the child's age, overlaps and the same offer, the child's maximum, and the
    free places (unless `ueber_kapazitaet`). Taking a place away gives it to the first child
    on the waiting list, as a cancellation would later. Side effects (one transaction): the
    run's result is updated (reasons, waiting lists and report derived again); one
    Anpassung row logs who, when, what, why and the consequences.
    """
    if not grund.strip():
        raise VerlosungNichtMoeglich(_("Please give a reason; it goes into the log."), "grund")
    with transaction.atomic():
        lauf = Verlosungslauf.objects.select_for_update().get(pk=lauf.pk)
        if not lauf.ist_vorschau:
            raise VerlosungNichtMoeglich(_("A confirmed run cannot be changed any more."))
        eingabe, ergebnis = lauf.eingabe, lauf.ergebnis
        kinder = {k[0]: k for k in eingabe["kinder"]}
        occ = {d[0]: d for d in eingabe["durchfuehrungen"]}
        if kind.pk not in kinder:
            raise VerlosungNichtMoeglich(_("This child has no wishes in this run."), "kind")
        if durchfuehrung.pk not in occ:
            raise VerlosungNichtMoeglich(
                _("This occasion does not belong to the holiday period."), "durchfuehrung"
            )
        mine = [d for k, d, *_rest in ergebnis["plaetze"] if k == kind.pk]
        wunsch = {(k, d): fav for k, d, fav in eingabe["wuensche"]}
        wunsch.update({(k, d): fav for k, d, fav, *_rest in eingabe["vorab"]})
        folgen = ""
        if aktion == Anpassung.Aktion.HINZUFUEGEN:
            _hinzufuegen_pruefen(lauf, kind, durchfuehrung, mine, occ, kinder, ueber_kapazitaet)
            ergebnis["plaetze"].append(
                [kind.pk, durchfuehrung.pk, 0, wunsch.get((kind.pk, durchfuehrung.pk), False)]
            )
            ergebnis["entfernt"] = [
                e for e in ergebnis["entfernt"] if e != [kind.pk, durchfuehrung.pk]
            ]
        elif aktion == Anpassung.Aktion.ENTFERNEN:
            if durchfuehrung.pk not in mine:
                raise VerlosungNichtMoeglich(
                    _("This child has no place at this occasion."), "durchfuehrung"
                )
            # The waiting list as it was: its entries never conflict with their child's
            # places or maximum, so the first one can simply take the seat.
            wartende = ergebnis["wartelisten"].get(str(durchfuehrung.pk), [])
            ergebnis["plaetze"] = [
                p for p in ergebnis["plaetze"] if (p[0], p[1]) != (kind.pk, durchfuehrung.pk)
            ]
            if (kind.pk, durchfuehrung.pk) in wunsch:
                ergebnis["entfernt"].append([kind.pk, durchfuehrung.pk])
            voll = len(_platz_inhaber(lauf, durchfuehrung.pk)) >= occ[durchfuehrung.pk][4]
            if wartende and not voll:
                erster = wartende[0]
                ergebnis["plaetze"].append(
                    [erster, durchfuehrung.pk, 0, wunsch.get((erster, durchfuehrung.pk), False)]
                )
                nachgerueckt = Kind.objects.filter(pk=erster).first()
                folgen = _("%(kind)s moved up from the waiting list.") % {
                    "kind": nachgerueckt or f"#{erster}"
                }
        else:
            raise VerlosungNichtMoeglich(_("Please choose what to change."), "aktion")
        lauf.ergebnis = aufbereiten(eingabe, ergebnis)
        lauf.save(update_fields=["ergebnis"])
        return Anpassung.objects.create(
            lauf=lauf,
            aktion=aktion,
            kind=kind,
            durchfuehrung=durchfuehrung,
            grund=grund.strip(),
            folgen=folgen,
            von=von,
            ueber_kapazitaet=ueber_kapazitaet and aktion == Anpassung.Aktion.HINZUFUEGEN,
        )


def _hinzufuegen_pruefen(lauf, kind, durchfuehrung, mine, occ, kinder, ueber_kapazitaet) -> None:
    if durchfuehrung.pk in mine:
        raise VerlosungNichtMoeglich(_("This child already has this place."), "durchfuehrung")
    if not alter_passt(kind, durchfuehrung):
        raise VerlosungNichtMoeglich(
            _("%(name)s's age does not fit this offer.") % {"name": kind.vorname}, "durchfuehrung"
        )
    ziel = occ[durchfuehrung.pk]
    start, ende = datetime.fromisoformat(ziel[2]), datetime.fromisoformat(ziel[3])
    for d in mine:
        andere = occ[d]
        if andere[1] == ziel[1]:
            raise VerlosungNichtMoeglich(
                _("%(name)s already has a place at another date of this offer.")
                % {"name": kind.vorname},
                "durchfuehrung",
            )
        if _ueberschneiden(
            datetime.fromisoformat(andere[2]), datetime.fromisoformat(andere[3]), start, ende
        ):
            raise VerlosungNichtMoeglich(
                _("%(name)s already has a place at the same time. Take that away first.")
                % {"name": kind.vorname},
                "durchfuehrung",
            )
    limit = kinder[kind.pk][4]
    if limit is not None and len(mine) >= limit:
        raise VerlosungNichtMoeglich(
            _("%(name)s already has the most places a child can have. Take one away first.")
            % {"name": kind.vorname},
            "kind",
        )
    if len(_platz_inhaber(lauf, durchfuehrung.pk)) >= ziel[4] and not ueber_kapazitaet:
        raise VerlosungNichtMoeglich(
            _(
                "This occasion is full. Take a place away first, or tick “beyond the places” "
                "if the provider agreed to take one more child."
            ),
            "durchfuehrung",
        )
