"""The adapter: load a period's children, occasions and wishes for the pure allocation."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils import timezone

from termine.ferien.verlosung import zuteilung as verlosung
from termine.ferien.verlosung.services.gemeinsam import Grund
from termine.ferien.verlosung.services.wunschphase import alter_passt, einstellung
from termine.models import (
    Anmeldung,
    Durchfuehrung,
    Ferienangebot,
    Ferienzeitraum,
    Gruppenmitglied,
    Verlosungslauf,
    Wunsch,
)

# --------------------------------------------------------------------------------- adapter


@dataclass(frozen=True)
class Eingabe:
    """What the Verlosung of one period sees, as JSON-ready plain data (ids, no names).

    ``kinder``: [id, age on the period's first day, priority, group code, own maximum];
    ``durchfuehrungen``: [id, angebot id, start, end (ISO), free places, minimum,
    confirmed before, waiting before]; ``wuensche``: [kind, durchfuehrung, favourite] that
    enter the draw; ``vorab``: [kind, durchfuehrung, favourite, reason, [blocking ids]]
    that do not.
    """

    daten: dict[str, Any]

    @property
    def pruefsumme(self) -> str:
        roh = json.dumps(self.daten, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(roh.encode()).hexdigest()


def _ueberschneiden(a_start, a_ende, b_start, b_ende) -> bool:
    return a_start < b_ende and b_start < a_ende


def _prioritaet(zeitraum: Ferienzeitraum) -> set[int]:
    """Children who took part in the previous confirmed Verlosung (of an earlier period) and
    got no place there, neither in the draw nor later from a waiting list."""
    vorher = (
        Verlosungslauf.objects.bestaetigt()
        .filter(zeitraum__ende__lt=zeitraum.beginn)
        .order_by("-zeitraum__ende")
        .first()
    )
    if vorher is None:
        return set()
    mit_platz = {p[0] for p in vorher.ergebnis.get("plaetze", [])}
    ohne = {k[0] for k in vorher.eingabe.get("kinder", [])} - mit_platz
    if not ohne:
        return set()
    if SPAETER_PLATZ in vorher.ergebnis:
        # Recorded by the privacy job before it detached the registrations from the children.
        return ohne - set(vorher.ergebnis[SPAETER_PLATZ])
    return ohne - spaeter_mit_platz(vorher)


# Key in Verlosungslauf.ergebnis: children of the run who got a place after the draw.
SPAETER_PLATZ = "spaeter_platz"


def spaeter_mit_platz(lauf: Verlosungslauf) -> set[int]:
    """Children of `lauf` with a confirmed registration in its period (draw or moved up)."""
    kinder = [k[0] for k in lauf.eingabe.get("kinder", [])]
    return set(
        Anmeldung.objects.filter(
            kind__in=kinder,
            durchfuehrung__angebot__zeitraum=lauf.zeitraum,
            status=Anmeldung.Status.BESTAETIGT,
        ).values_list("kind_id", flat=True)
    )


def eingabe_laden(zeitraum: Ferienzeitraum) -> Eingabe:
    """Load everything the Verlosung of `zeitraum` needs, in a fixed number of queries.

    Free places are the occasion's places minus its confirmed registrations; existing
    registrations of a child in the period lower its maximum (waiting entries count, as in
    Sofortanmeldung). See the module docstring for the checks before the draw.
    """
    einst = einstellung(zeitraum)
    max_pro_kind = zeitraum.max_anmeldungen_pro_kind
    durchfuehrungen = {
        d.pk: d
        for d in Durchfuehrung.objects.filter(angebot__zeitraum=zeitraum)
        .select_related("termin", "angebot")
        .mit_belegung()
        .order_by("pk")
    }
    wuensche = list(
        Wunsch.objects.filter(durchfuehrung__in=durchfuehrungen.keys())
        .select_related("kind")
        .order_by("kind_id", "durchfuehrung_id")
    )
    kinder = {w.kind_id: w.kind for w in wuensche}
    gruppen = dict(
        Gruppenmitglied.objects.filter(zeitraum=zeitraum, kind__in=kinder.keys()).values_list(
            "kind_id", "gruppe__code"
        )
    )
    bestehend: dict[int, list[Durchfuehrung]] = {}
    for kind_id, d_id in (
        Anmeldung.objects.aktiv()
        .filter(kind__in=kinder.keys(), durchfuehrung__angebot__zeitraum=zeitraum)
        .values_list("kind_id", "durchfuehrung_id")
    ):
        bestehend.setdefault(kind_id, []).append(durchfuehrungen[d_id])
    prioritaet = _prioritaet(zeitraum) if einst.prioritaet_vorperiode else set()

    wunschzahl: dict[int, int] = {}
    for w in wuensche:
        wunschzahl[w.durchfuehrung_id] = wunschzahl.get(w.durchfuehrung_id, 0) + 1
    jetzt = timezone.now()
    verfuegbar = {
        d.pk
        for d in durchfuehrungen.values()
        if not d.abgesagt
        and d.angebot.status == Ferienangebot.Status.VEROEFFENTLICHT
        and d.angebot.anmeldung_noetig
        and d.termin.start > jetzt
    }
    zeilen_d = []
    for d in durchfuehrungen.values():
        if d.pk not in verfuegbar:
            continue
        if d.max_plaetze is None:
            frei = wunschzahl.get(d.pk, 0)  # unlimited: a seat for everyone who wishes
        else:
            frei = max(d.max_plaetze - d.belegt, 0)
        zeilen_d.append(
            [
                d.pk,
                d.angebot_id,
                d.termin.start.isoformat(),
                d.termin.ende.isoformat(),
                frei,
                d.min_plaetze,
                d.belegt,
                d.wartend,
            ]
        )
    zeilen_k, zeilen_w, vorab = [], [], []
    for kind_id, kind in sorted(kinder.items()):
        schon = bestehend.get(kind_id, [])
        limit = None if max_pro_kind is None else max(max_pro_kind - len(schon), 0)
        alter = kind.alter_am(zeitraum.beginn)
        zeilen_k.append(
            [
                kind_id,
                alter if alter is not None else 0,
                kind_id in prioritaet,
                gruppen.get(kind_id),
                limit,
            ]
        )
    for w in wuensche:
        d, kind = durchfuehrungen[w.durchfuehrung_id], w.kind
        grund, mit = None, []
        schon = bestehend.get(kind.pk, [])
        if d.pk not in verfuegbar:
            grund = Grund.NICHT_VERFUEGBAR
        elif kind.geburtsdatum is None:
            grund = Grund.GEBURTSDATUM
        elif not alter_passt(kind, d):
            grund = Grund.ALTER
        elif d.angebot.schwimmfaehigkeit_noetig and not kind.schwimmer:
            grund = Grund.SCHWIMMER
        elif d in schon:
            grund = Grund.ANGEMELDET
        elif gleich := [s.pk for s in schon if s.angebot_id == d.angebot_id]:
            grund, mit = Grund.GLEICHES_ANGEBOT, gleich
        elif ueber := [
            s.pk
            for s in schon
            if _ueberschneiden(s.termin.start, s.termin.ende, d.termin.start, d.termin.ende)
        ]:
            grund, mit = Grund.UEBERSCHNEIDUNG, ueber
        if grund is None:
            zeilen_w.append([kind.pk, d.pk, w.favorit])
        else:
            vorab.append([kind.pk, d.pk, w.favorit, grund, mit])
    return Eingabe(
        {
            "zeitraum": zeitraum.pk,
            "max_pro_kind": max_pro_kind,
            "kinder": zeilen_k,
            "durchfuehrungen": zeilen_d,
            "wuensche": zeilen_w,
            "vorab": vorab,
        }
    )


def _verlosen(daten: dict[str, Any], seed: int) -> verlosung.Ergebnis:
    return verlosung.verlosen(
        kinder=[
            verlosung.Kind(id=k, age=alter, priority=prio, group=gruppe, limit=limit)
            for k, alter, prio, gruppe, limit in daten["kinder"]
        ],
        durchfuehrungen=[
            verlosung.Durchfuehrung(
                id=d,
                angebot_id=angebot,
                start=datetime.fromisoformat(start),
                end=datetime.fromisoformat(ende),
                capacity=frei,
                min_participants=minimum or None,
            )
            for d, angebot, start, ende, frei, minimum, _belegt, _wartend in daten[
                "durchfuehrungen"
            ]
        ],
        wuensche=[verlosung.Wunsch(k, d, fav) for k, d, fav in daten["wuensche"]],
        seed=seed,
        max_places_per_child=daten["max_pro_kind"],
    )


def _rohergebnis(ergebnis: verlosung.Ergebnis) -> dict[str, Any]:
    bericht = ergebnis.report
    return {
        "seed": ergebnis.seed,
        "ziehung": list(ergebnis.draw_order),
        "plaetze_verlosung": [
            [p.kind_id, p.durchfuehrung_id, p.round, p.favourite] for p in ergebnis.places
        ],
        "plaetze": [[p.kind_id, p.durchfuehrung_id, p.round, p.favourite] for p in ergebnis.places],
        "warteordnung": {str(d): list(kinder) for d, kinder in ergebnis.waiting_lists.items()},
        "entfernt": [],
        "max_mit_platz": bericht.max_children_with_place,
    }
