"""Wunschphase and Verlosung: the workflow around the pure allocation in :mod:`termine.verlosung`.

Every function here is the one place where its rows are written; views and the admin call
them. Each docstring lists the side effects.

How a period in mode "Wunschphase + Verlosung" runs
===================================================
1. **Wish phase** (:func:`wunschphase_offen`): families add wishes per child
   (:func:`wunsch_hinzufuegen`, :func:`wunsch_entfernen`), mark up to K favourites
   (:func:`favoriten_setzen`) and link children by a group code (:func:`gruppe_gruenden`,
   :func:`gruppe_beitreten`). When a wish was entered does not matter.
2. **Preview** (:func:`vorschau`): the adapter loads children, occasions and wishes in a few
   queries (:func:`eingabe_laden`), calls :func:`termine.verlosung.verlosen` with a recorded
   seed and stores a :class:`Verlosungslauf`. Coordinators may compute as many previews as
   they like; each is reproducible from its stored input and seed (:func:`nachrechnen`).
3. **Manual changes** (:func:`anpassen`): give or take a place, with a reason; logged.
4. **Confirmation** (:func:`bestaetigen`): one transaction creates the Anmeldungen (places
   confirmed, waiting lists in the order of the draw), then every family gets one mail per
   child: what it got and why each other wish did not work out. From then on the period
   behaves like Sofortanmeldung: remaining places are first come
   (``Ferienzeitraum.anmeldung_offen``), cancellations move the waiting lists up
   (:func:`termine.ferien.stornieren`).

What the adapter adds to the pure module
========================================
* **Checks before the draw** ("vorab"): a wish whose age does not fit on the occasion's
  first day (the same rule as Sofortanmeldung), that needs a swimmer, whose occasion was
  cancelled, or which the child already holds or overlaps with an existing registration
  never enters the draw; it gets its reason right away. Existing registrations of the period
  (confirmed or waiting) lower the child's maximum and the occasions' free places.
* **Waiting lists that Sofortanmeldung can live with**: the module may put a child on the
  waiting lists of two overlapping occasions. After confirmation the ordinary move-up would
  then give it both. So per child the adapter keeps waiting entries in the family's order of
  preference (favourites first, then the better position) as long as they neither overlap
  nor exceed the maximum, with waiting entries counting towards the maximum as they do in
  Sofortanmeldung. The order within each waiting list stays the order of the draw.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from netzwerk.mail import Anhang, mail_senden
from termine.ferien import ical
from termine.ferien.verlosung import zuteilung as verlosung
from termine.models import (
    Anmeldung,
    Anpassung,
    Durchfuehrung,
    Ferienangebot,
    Ferienzeitraum,
    Gruppenmitglied,
    Kind,
    VerlosungsEinstellung,
    Verlosungslauf,
    Wunsch,
    Wunschgruppe,
)
from vereine.models import ist_koordination

# Group codes: no 0/O, 1/I/L, so that a code read out on the phone arrives intact.
CODE_ZEICHEN = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LAENGE = 6

MAX_SEED = 10**9  # drawn seeds have nine digits: easy to read out and type in again


class Grund:
    """Why a wish was not fulfilled (codes stored in the run's JSON; :func:`grund_text`)."""

    AUSGEBUCHT = "ausgebucht"
    UEBERSCHNEIDUNG = "ueberschneidung"
    GLEICHES_ANGEBOT = "gleiches_angebot"
    HOECHSTZAHL = "hoechstzahl"
    UEBERSCHNEIDUNG_WARTELISTE = "ueberschneidung_warteliste"
    GLEICHES_ANGEBOT_WARTELISTE = "gleiches_angebot_warteliste"
    HOECHSTZAHL_WARTELISTE = "hoechstzahl_warteliste"
    ALTER = "alter"
    GEBURTSDATUM = "geburtsdatum"
    SCHWIMMER = "schwimmer"
    ANGEMELDET = "angemeldet"
    NICHT_VERFUEGBAR = "nicht_verfuegbar"
    MANUELL = "manuell"
    FREI = "frei"


class VerlosungNichtMoeglich(Exception):
    """A wish-phase or Verlosung action was refused; `nachricht` says why and what to do."""

    def __init__(self, nachricht: str, feld: str | None = None) -> None:
        super().__init__(nachricht)
        self.nachricht = nachricht
        self.feld = feld


# ------------------------------------------------------------------------------ wish phase


def einstellung(zeitraum: Ferienzeitraum) -> VerlosungsEinstellung:
    """The period's settings; an unsaved row with the defaults if none was stored."""
    try:
        return zeitraum.verlosung_einstellung
    except VerlosungsEinstellung.DoesNotExist:
        return VerlosungsEinstellung(zeitraum=zeitraum)


def zeitraeume_mit_offener_wunschphase(jetzt: datetime | None = None):
    """Public periods in wish mode whose wish phase is open now (one query)."""
    jetzt = jetzt or timezone.now()
    return (
        Ferienzeitraum.objects.oeffentlich(jetzt)
        .filter(modus=Ferienzeitraum.Modus.VERLOSUNG, status=Ferienzeitraum.Status.VEROEFFENTLICHT)
        .exclude(verlosungslaeufe__status=Verlosungslauf.Status.BESTAETIGT)
        .filter(
            Q(verlosung_einstellung__isnull=True)
            | (
                (
                    Q(verlosung_einstellung__wuensche_ab__isnull=True)
                    | Q(verlosung_einstellung__wuensche_ab__lte=jetzt)
                )
                & (
                    Q(verlosung_einstellung__wuensche_bis__isnull=True)
                    | Q(verlosung_einstellung__wuensche_bis__gte=jetzt)
                )
            )
        )
        .select_related("verlosung_einstellung")
        .order_by("beginn")
    )


def wunschphase_offen(zeitraum: Ferienzeitraum, jetzt: datetime | None = None) -> bool:
    """Families can add and change wishes for `zeitraum` right now."""
    return zeitraeume_mit_offener_wunschphase(jetzt).filter(pk=zeitraum.pk).exists()


def _pruefen_eigenes_kind(kind: Kind, von) -> None:
    if kind.eltern_id != getattr(von, "pk", None) and not ist_koordination(von):
        raise VerlosungNichtMoeglich(_("You can only enter wishes for your own children."))


def _pruefen_offen(zeitraum: Ferienzeitraum) -> None:
    if not wunschphase_offen(zeitraum):
        raise VerlosungNichtMoeglich(
            _("The wish phase of “%(name)s” is closed. Wishes can no longer be changed.")
            % {"name": zeitraum.name}
        )


def wuenschbare_durchfuehrungen(zeitraum: Ferienzeitraum):
    """Occasions of `zeitraum` that families may wish for (published, registration needed,
    not cancelled), with termin and angebot loaded."""
    return (
        Durchfuehrung.objects.filter(
            angebot__zeitraum=zeitraum,
            angebot__status=Ferienangebot.Status.VEROEFFENTLICHT,
            angebot__anmeldung_noetig=True,
        )
        .nicht_abgesagt()
        .select_related("termin", "angebot__akteur", "angebot__ortsteil", "angebot__zeitraum")
        .order_by("termin__start", "angebot__titel", "pk")
    )


def alter_passt(kind: Kind, durchfuehrung: Durchfuehrung) -> bool:
    """The child's age on the occasion's first day is in the offer's range (as in
    Sofortanmeldung)."""
    alter = kind.alter_am(durchfuehrung.erster_tag)
    angebot = durchfuehrung.angebot
    return alter is not None and angebot.alter_von <= alter <= angebot.alter_bis


def wunsch_hinzufuegen(*, kind: Kind, durchfuehrung: Durchfuehrung, von) -> Wunsch:
    """Add a wish (idempotent).

    Checks (VerlosungNichtMoeglich otherwise): own child, wish phase open, the occasion can
    be wished for, the child's age fits. Side effects: writes one Wunsch.
    """
    _pruefen_eigenes_kind(kind, von)
    zeitraum = durchfuehrung.angebot.zeitraum
    _pruefen_offen(zeitraum)
    if not wuenschbare_durchfuehrungen(zeitraum).filter(pk=durchfuehrung.pk).exists():
        raise VerlosungNichtMoeglich(
            _("This occasion cannot be wished for. Please choose another.")
        )
    if not alter_passt(kind, durchfuehrung):
        raise VerlosungNichtMoeglich(
            _("%(name)s's age does not fit this offer. Please choose another one.")
            % {"name": kind.vorname}
        )
    wunsch, _neu = Wunsch.objects.get_or_create(kind=kind, durchfuehrung=durchfuehrung)
    return wunsch


def wunsch_entfernen(*, wunsch: Wunsch, von) -> None:
    """Remove a wish. Side effects: deletes the Wunsch."""
    _pruefen_eigenes_kind(wunsch.kind, von)
    _pruefen_offen(wunsch.durchfuehrung.angebot.zeitraum)
    wunsch.delete()


@transaction.atomic
def favoriten_setzen(
    *, kind: Kind, zeitraum: Ferienzeitraum, favoriten: Iterable[int], von
) -> list[Wunsch]:
    """Mark exactly the wishes with ids `favoriten` as favourites of `kind` in `zeitraum`.

    Raises VerlosungNichtMoeglich (feld "favoriten") when more than the period's K are
    marked. Side effects: updates Wunsch.favorit of the child's wishes in the period.
    """
    _pruefen_eigenes_kind(kind, von)
    _pruefen_offen(zeitraum)
    erlaubt = einstellung(zeitraum).max_favoriten
    wuensche = list(
        Wunsch.objects.im_zeitraum(zeitraum)
        .filter(kind=kind)
        .order_by("pk")
        .select_for_update(of=("self",))
    )
    gewaehlt = {int(pk) for pk in favoriten} & {w.pk for w in wuensche}
    if len(gewaehlt) > erlaubt:
        if erlaubt == 0:
            nachricht = _("This holiday period has no favourites. Please remove the ticks.")
        else:
            nachricht = _(
                "You can mark at most %(k)s favourites per child; you ticked %(n)s. Please "
                "remove %(zuviel)s tick(s)."
            ) % {"k": erlaubt, "n": len(gewaehlt), "zuviel": len(gewaehlt) - erlaubt}
        raise VerlosungNichtMoeglich(nachricht, feld="favoriten")
    Wunsch.objects.filter(pk__in=[w.pk for w in wuensche]).update(favorit=False)
    Wunsch.objects.filter(pk__in=gewaehlt).update(favorit=True)
    for w in wuensche:
        w.favorit = w.pk in gewaehlt
    return wuensche


def gruppe_des_kindes(kind: Kind, zeitraum: Ferienzeitraum) -> Wunschgruppe | None:
    mitglied = (
        Gruppenmitglied.objects.filter(kind=kind, zeitraum=zeitraum)
        .select_related("gruppe")
        .annotate(anzahl=Count("gruppe__mitglieder"))
        .first()
    )
    if mitglied is None:
        return None
    mitglied.gruppe.anzahl = mitglied.anzahl
    return mitglied.gruppe


def _neuer_code() -> str:
    while True:
        code = "".join(secrets.choice(CODE_ZEICHEN) for _i in range(CODE_LAENGE))
        if not Wunschgruppe.objects.filter(code=code).exists():
            return code


@transaction.atomic
def gruppe_gruenden(*, kind: Kind, zeitraum: Ferienzeitraum, von) -> Wunschgruppe:
    """Create a group with a fresh code and put `kind` in it (leaving its old group).

    Side effects: writes a Wunschgruppe and a Gruppenmitglied; may delete the child's
    previous membership (and that group, if it is then empty).
    """
    _pruefen_eigenes_kind(kind, von)
    _pruefen_offen(zeitraum)
    _austreten(kind, zeitraum)
    gruppe = Wunschgruppe.objects.create(zeitraum=zeitraum, code=_neuer_code())
    Gruppenmitglied.objects.create(gruppe=gruppe, kind=kind, zeitraum=zeitraum)
    return gruppe


def code_normalisieren(code: str) -> str:
    return "".join(code.split()).upper().replace("-", "")


@transaction.atomic
def gruppe_beitreten(*, kind: Kind, zeitraum: Ferienzeitraum, code: str, von) -> Wunschgruppe:
    """Join the group with `code` (leaving the child's old group in this period).

    Raises VerlosungNichtMoeglich (feld "code") for an unknown code, a code of another
    period or a full group. Side effects: writes a Gruppenmitglied; may delete the old one.
    """
    _pruefen_eigenes_kind(kind, von)
    _pruefen_offen(zeitraum)
    gruppe = (
        Wunschgruppe.objects.select_for_update()
        .filter(code=code_normalisieren(code), zeitraum=zeitraum)
        .first()
    )
    if gruppe is None:
        raise VerlosungNichtMoeglich(
            _(
                "We do not know this code for this holiday period. Please check it with the "
                "other family."
            ),
            feld="code",
        )
    if gruppe.mitglieder.filter(kind=kind).exists():
        return gruppe
    if gruppe.mitglieder.count() >= Wunschgruppe.MAX_KINDER:
        raise VerlosungNichtMoeglich(
            _("This group is full (at most %(n)s children). Please create a new one.")
            % {"n": Wunschgruppe.MAX_KINDER},
            feld="code",
        )
    _austreten(kind, zeitraum)
    Gruppenmitglied.objects.create(gruppe=gruppe, kind=kind, zeitraum=zeitraum)
    return gruppe


@transaction.atomic
def gruppe_verlassen(*, kind: Kind, zeitraum: Ferienzeitraum, von) -> None:
    """Leave the child's group. Side effects: deletes the membership (and an empty group)."""
    _pruefen_eigenes_kind(kind, von)
    _pruefen_offen(zeitraum)
    _austreten(kind, zeitraum)


def _austreten(kind: Kind, zeitraum: Ferienzeitraum) -> None:
    for mitglied in Gruppenmitglied.objects.filter(kind=kind, zeitraum=zeitraum):
        gruppe_id = mitglied.gruppe_id
        mitglied.delete()
        Wunschgruppe.objects.filter(pk=gruppe_id, mitglieder__isnull=True).delete()


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


# ------------------------------------------------------------------ result as families see it


def aufbereiten(eingabe: dict[str, Any], ergebnis: dict[str, Any]) -> dict[str, Any]:
    """Derive reasons, waiting lists and the quality report from the places (pure).

    Called after the draw and after every manual change, so what coordinators see, what is
    confirmed and what families are told always agree. Returns `ergebnis` with ``absagen``
    ([kind, durchfuehrung, favourite, reason, [blocking ids], waiting position]),
    ``wartelisten`` ({durchfuehrung: [kind, ...]}) and ``bericht`` filled in.
    """
    occ = {
        d[0]: {
            "angebot": d[1],
            "start": datetime.fromisoformat(d[2]),
            "ende": datetime.fromisoformat(d[3]),
            "frei": d[4],
            "minimum": d[5],
            "belegt": d[6],
            "wartend": d[7],
        }
        for d in eingabe["durchfuehrungen"]
    }
    kinder = {k[0]: k for k in eingabe["kinder"]}
    max_pro_kind = eingabe["max_pro_kind"]
    rang = {k: i for i, k in enumerate(ergebnis["ziehung"])}
    held: dict[int, list[int]] = {k: [] for k in kinder}
    taken: dict[int, int] = {}
    for k, d, _runde, _fav in ergebnis["plaetze"]:
        held.setdefault(k, []).append(d)
        taken[d] = taken.get(d, 0) + 1
    entfernt = {(k, d) for k, d in ergebnis["entfernt"]}
    warteordnung = {int(d): liste for d, liste in ergebnis["warteordnung"].items()}
    stelle_in = {d: {k: i for i, k in enumerate(liste)} for d, liste in warteordnung.items()}

    def limit(k: int) -> float:
        eigenes = kinder[k][4] if k in kinder else None
        if eigenes is None:
            eigenes = max_pro_kind
        return float("inf") if eigenes is None else eigenes

    def blockiert(d: int, gegen: list[int]) -> tuple[str | None, list[int]]:
        gleich = [h for h in gegen if occ[h]["angebot"] == occ[d]["angebot"]]
        if gleich:
            return "gleich", gleich
        ueber = [
            h
            for h in gegen
            if _ueberschneiden(occ[h]["start"], occ[h]["ende"], occ[d]["start"], occ[d]["ende"])
        ]
        return ("ueber", ueber) if ueber else (None, [])

    absagen: list[list[Any]] = []
    kandidaten: dict[int, list[tuple[int, bool]]] = {}
    for k, d, fav in eingabe["wuensche"]:
        mine = held.get(k, [])
        if d in mine:
            continue
        art, mit = blockiert(d, mine)
        if (k, d) in entfernt:
            absagen.append([k, d, fav, Grund.MANUELL, [], None])
        elif art == "gleich":
            absagen.append([k, d, fav, Grund.GLEICHES_ANGEBOT, mit, None])
        elif art == "ueber":
            absagen.append([k, d, fav, Grund.UEBERSCHNEIDUNG, mit, None])
        elif len(mine) >= limit(k):
            absagen.append([k, d, fav, Grund.HOECHSTZAHL, [], None])
        elif taken.get(d, 0) < occ[d]["frei"]:
            absagen.append([k, d, fav, Grund.FREI, [], None])
        else:
            kandidaten.setdefault(k, []).append((d, fav))

    gross = len(rang) + 1
    behalten: dict[int, list[int]] = {}  # durchfuehrung -> children kept on its waiting list
    for k, wuensche in kandidaten.items():
        mine, kept = held.get(k, []), []

        def position(eintrag: tuple[int, bool], k: int = k) -> tuple[bool, int, int]:
            d, fav = eintrag
            stelle = stelle_in.get(d, {}).get(k, gross + rang.get(k, gross))
            return (not fav, stelle, d)

        for d, fav in sorted(wuensche, key=position):
            art, mit = blockiert(d, kept)
            if art == "gleich":
                absagen.append([k, d, fav, Grund.GLEICHES_ANGEBOT_WARTELISTE, mit, None])
            elif art == "ueber":
                absagen.append([k, d, fav, Grund.UEBERSCHNEIDUNG_WARTELISTE, mit, None])
            elif len(mine) + len(kept) >= limit(k):
                absagen.append([k, d, fav, Grund.HOECHSTZAHL_WARTELISTE, [], None])
            else:
                kept.append(d)
                behalten.setdefault(d, []).append(k)
                absagen.append([k, d, fav, Grund.AUSGEBUCHT, [], None])

    wartelisten: dict[str, list[int]] = {}
    for d, wartende in behalten.items():
        stelle = stelle_in.get(d, {})
        liste = sorted(wartende, key=lambda k: (stelle.get(k, gross), rang.get(k, gross)))
        wartelisten[str(d)] = liste
    positionen = {
        (k, int(d)): occ[int(d)]["wartend"] + i
        for d, liste in wartelisten.items()
        for i, k in enumerate(liste, start=1)
    }
    for absage in absagen:
        if absage[3] == Grund.AUSGEBUCHT:
            absage[5] = positionen[(absage[0], absage[1])]
    for k, d, fav, grund, mit in eingabe["vorab"]:
        absagen.append([k, d, fav, grund, mit, None])
    absagen.sort(key=lambda a: (rang.get(a[0], gross), a[0], a[1]))

    ergebnis["absagen"] = absagen
    ergebnis["wartelisten"] = wartelisten
    ergebnis["bericht"] = _bericht(eingabe, ergebnis, held, taken, occ)
    return ergebnis


def _bericht(eingabe, ergebnis, held, taken, occ) -> dict[str, Any]:
    anzahl = [len(held.get(k[0], [])) for k in eingabe["kinder"]]
    histogramm = [0] * (max(anzahl, default=0) + 1)
    for n in anzahl:
        histogramm[n] += 1
    alle = [(k, d, fav) for k, d, fav in eingabe["wuensche"]] + [
        (k, d, fav) for k, d, fav, *_rest in eingabe["vorab"]
    ]
    gehalten = {(k, d) for k, mine in held.items() for d in mine}
    gruppen: dict[tuple[str, int], list[int]] = {}
    gruppe_von = {k[0]: k[3] for k in eingabe["kinder"] if k[3]}
    groesse: dict[str, int] = {}
    for g in gruppe_von.values():
        groesse[g] = groesse.get(g, 0) + 1
    for k, d, _fav in eingabe["wuensche"]:
        g = gruppe_von.get(k)
        if g and groesse[g] > 1:
            gruppen.setdefault((g, d), [0, 0])[(k, d) in gehalten] += 1
    gemeinsam = [z for z in gruppen.values() if sum(z) >= 2]
    mit_platz = len(anzahl) - histogramm[0]
    return {
        "kinder": len(anzahl),
        "histogramm": histogramm,
        "ohne_platz": histogramm[0],
        "ein_platz": histogramm[1] if len(histogramm) > 1 else 0,
        "mehr_plaetze": sum(histogramm[2:]),
        "mit_platz": mit_platz,
        "max_mit_platz": ergebnis["max_mit_platz"],
        "wuensche": len(alle),
        "wuensche_erfuellt": sum(1 for k, d, _ in alle if (k, d) in gehalten),
        "favoriten": sum(1 for _, _, fav in alle if fav),
        "favoriten_erfuellt": sum(1 for k, d, fav in alle if fav and (k, d) in gehalten),
        "unter_minimum": [
            [d, o["belegt"] + taken.get(d, 0), o["minimum"]]
            for d, o in sorted(occ.items())
            if o["minimum"] and o["belegt"] + taken.get(d, 0) < o["minimum"]
        ],
        "gruppen_gemeinsam": len(gemeinsam),
        "gruppen_getrennt": sum(1 for ohne, mit in gemeinsam if ohne and mit),
        "warteliste": sum(len(liste) for liste in ergebnis["wartelisten"].values()),
    }


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


# ---------------------------------------------------------------------------- confirmation


@dataclass(frozen=True)
class Bestaetigung:
    plaetze: int
    warteliste: int
    mails: int


def bestaetigen(*, lauf: Verlosungslauf, von, jetzt: datetime | None = None) -> Bestaetigung:
    """Confirm a preview: create the Anmeldungen and tell every family.

    Refused (VerlosungNichtMoeglich) when the run is not a preview, another run of the
    period is confirmed, or wishes, places or registrations changed since the preview (then
    compute a new one). Side effects: one transaction that locks the period's occasions,
    creates one Anmeldung (bestätigt) per place and one (warteliste, positions after any
    existing ones, in the order of the draw) per waiting entry, and marks the run
    bestätigt; afterwards one mail per child with wishes (places with an .ics, and the
    reason for every unfulfilled wish). From then on the period's remaining places are
    open for registration (Ferienzeitraum.anmeldung_offen).
    """
    jetzt = jetzt or timezone.now()
    zeitraum = lauf.zeitraum
    with transaction.atomic():
        # Lock the occasions first (the order Sofortanmeldung uses after the child).
        list(
            Durchfuehrung.objects.select_for_update(of=("self",))
            .filter(angebot__zeitraum=zeitraum)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        lauf = Verlosungslauf.objects.select_for_update().get(pk=lauf.pk)
        if not lauf.ist_vorschau:
            raise VerlosungNichtMoeglich(_("This run is already confirmed."))
        if zeitraum.verlosungslaeufe.bestaetigt().exists():
            raise VerlosungNichtMoeglich(
                _("Another run of this holiday period is already confirmed.")
            )
        if not eingabe_unveraendert(lauf):
            raise VerlosungNichtMoeglich(
                _(
                    "Wishes or places have changed since this preview. Please compute a new "
                    "preview and confirm that one."
                )
            )
        ergebnis = lauf.ergebnis
        kind_ids = {k[0] for k in lauf.eingabe["kinder"]}
        kinder = Kind.objects.in_bulk(kind_ids)
        durchfuehrungen = Durchfuehrung.objects.select_related(
            "termin", "angebot__akteur", "angebot__ortsteil", "angebot__zeitraum"
        ).in_bulk(_alle_durchfuehrung_ids(lauf))
        neu = []
        for k, d, *_rest in ergebnis["plaetze"]:
            neu.append(_anmeldung(kinder[k], durchfuehrungen[d], von, Anmeldung.Status.BESTAETIGT))
        wartend = 0
        for k, d, _fav, grund, _mit, position in ergebnis["absagen"]:
            if grund == Grund.AUSGEBUCHT:
                neu.append(
                    _anmeldung(
                        kinder[k], durchfuehrungen[d], von, Anmeldung.Status.WARTELISTE, position
                    )
                )
                wartend += 1
        Anmeldung.objects.bulk_create(neu)
        lauf.status = Verlosungslauf.Status.BESTAETIGT
        lauf.bestaetigt_am = jetzt
        lauf.bestaetigt_von = von
        lauf.save(update_fields=["status", "bestaetigt_am", "bestaetigt_von"])
    mails = _ergebnis_mailen(lauf, kinder, durchfuehrungen)
    return Bestaetigung(plaetze=len(neu) - wartend, warteliste=wartend, mails=mails)


def _anmeldung(kind: Kind, d: Durchfuehrung, von, status: str, position=None) -> Anmeldung:
    return Anmeldung(
        kind=kind,
        durchfuehrung=d,
        status=status,
        warteliste_position=position,
        alter=kind.alter_am(d.erster_tag) or 0,
        notfall_telefon=kind.notfall_telefon,
        hinweise=kind.hinweise if kind.hinweise_teilbar else "",
        angemeldet_von=von if getattr(von, "is_authenticated", False) else None,
    )


def grund_text(
    grund: str, *, position: int | None, mit: Iterable[Durchfuehrung], kind: Kind | None
) -> str:
    """The reason in plain German (or the active language) for families and coordinators."""
    name = kind.vorname if kind else _("the child")
    titel = ", ".join(_("“%(titel)s”") % {"titel": d.angebot.titel} for d in mit)
    texte = {
        Grund.AUSGEBUCHT: _("full – number %(position)s on the waiting list"),
        Grund.UEBERSCHNEIDUNG: _("overlaps with %(titel)s"),
        Grund.GLEICHES_ANGEBOT: _("same offer: %(name)s already has the date %(titel)s"),
        Grund.HOECHSTZAHL: _("maximum number of places per child reached"),
        Grund.UEBERSCHNEIDUNG_WARTELISTE: _(
            "full, and overlaps with %(titel)s, where %(name)s is on the waiting list"
        ),
        Grund.GLEICHES_ANGEBOT_WARTELISTE: _(
            "full, and %(name)s is already on the waiting list of another date of this offer"
        ),
        Grund.HOECHSTZAHL_WARTELISTE: _(
            "full; maximum number per child reached (places on waiting lists count too)"
        ),
        Grund.ALTER: _("age does not fit"),
        Grund.GEBURTSDATUM: _("date of birth missing, so the age could not be checked"),
        Grund.SCHWIMMER: _("only for children who can swim"),
        Grund.ANGEMELDET: _("%(name)s was already registered"),
        Grund.NICHT_VERFUEGBAR: _("the occasion was cancelled or is no longer offered"),
        Grund.MANUELL: _("the coordinators gave the place differently"),
        Grund.FREI: _("a place is still free: you can register now"),
    }
    return texte.get(grund, grund) % {"position": position, "titel": titel, "name": name}


def _ergebnis_mailen(lauf: Verlosungslauf, kinder: dict, durchfuehrungen: dict) -> int:
    """One mail per child with wishes: its places and the reason for every other wish."""
    plaetze: dict[int, list[Durchfuehrung]] = {}
    for k, d, *_rest in lauf.ergebnis["plaetze"]:
        plaetze.setdefault(k, []).append(durchfuehrungen[d])
    absagen: dict[int, list[dict]] = {}
    for k, d, fav, grund, mit, position in lauf.ergebnis["absagen"]:
        absagen.setdefault(k, []).append(
            {
                "durchfuehrung": durchfuehrungen[d],
                "favorit": fav,
                "grund": grund,
                "text": grund_text(
                    grund,
                    position=position,
                    mit=[durchfuehrungen[m] for m in mit if m in durchfuehrungen],
                    kind=kinder.get(k),
                ),
            }
        )
    zeitraum = lauf.zeitraum
    restplaetze_ab = zeitraum.anmeldung_ab if zeitraum.anmeldung_ab > timezone.now() else None
    anzahl = 0
    for k in sorted(kinder):
        kind = kinder[k]
        if not kind.mail_an:
            continue
        eigene = sorted(plaetze.get(k, []), key=lambda d: d.termin.start)
        anhaenge = []
        if eigene:
            anhaenge.append(
                Anhang(
                    dateiname="ferienangebote.ics",
                    inhalt=ical.kalender(eigene, name=lauf.zeitraum.name).decode(),
                    mimetype="text/calendar",
                )
            )
        mail_senden(
            an=[kind.mail_an],
            vorlage="termine/verlosung/mail/ergebnis",
            kontext={
                "kind": kind,
                "zeitraum": lauf.zeitraum,
                "restplaetze_ab": restplaetze_ab,
                "plaetze": eigene,
                "absagen": sorted(
                    absagen.get(k, []), key=lambda a: a["durchfuehrung"].termin.start
                ),
            },
            anhaenge=anhaenge,
        )
        anzahl += 1
    return anzahl


# ------------------------------------------------------------------------------- read side


@dataclass(frozen=True)
class Zeile:
    """One occasion of a run as the admin shows it."""

    durchfuehrung: Durchfuehrung
    frei: int
    vergeben: list[tuple[Kind | None, int, bool]]  # child, round (0 = by hand), favourite
    warteliste: list[tuple[Kind | None, int]]  # child, position


def ansicht(lauf: Verlosungslauf) -> dict[str, Any]:
    """Everything the admin's result page shows, with names loaded in three queries."""
    eingabe, ergebnis = lauf.eingabe, lauf.ergebnis
    kinder = Kind.objects.select_related("eltern").in_bulk([k[0] for k in eingabe["kinder"]])
    durchfuehrungen = Durchfuehrung.objects.select_related("termin", "angebot").in_bulk(
        [d[0] for d in eingabe["durchfuehrungen"]]
    )
    frei = {d[0]: d[4] for d in eingabe["durchfuehrungen"]}
    wartend_vorher = {d[0]: d[7] for d in eingabe["durchfuehrungen"]}
    vergeben: dict[int, list] = {}
    for k, d, runde, fav in ergebnis["plaetze"]:
        vergeben.setdefault(d, []).append((kinder.get(k), runde, fav))
    zeilen = []
    for d_id in sorted(durchfuehrungen, key=lambda pk: (durchfuehrungen[pk].termin.start, pk)):
        warte = ergebnis["wartelisten"].get(str(d_id), [])
        basis = wartend_vorher[d_id]
        zeilen.append(
            Zeile(
                durchfuehrung=durchfuehrungen[d_id],
                frei=frei[d_id],
                vergeben=vergeben.get(d_id, []),
                warteliste=[(kinder.get(k), basis + i) for i, k in enumerate(warte, start=1)],
            )
        )
    prio = {k[0] for k in eingabe["kinder"] if k[2]}
    gruppe = {k[0]: k[3] for k in eingabe["kinder"]}
    zahl = {k[0]: 0 for k in eingabe["kinder"]}
    for k, *_rest in ergebnis["plaetze"]:
        zahl[k] = zahl.get(k, 0) + 1
    ziehung = [
        {
            "nummer": i,
            "kind": kinder.get(k),
            "kind_id": k,
            "prioritaet": k in prio,
            "gruppe": gruppe.get(k),
            "plaetze": zahl.get(k, 0),
        }
        for i, k in enumerate(ergebnis["ziehung"], start=1)
    ]
    unter_minimum = [
        (durchfuehrungen.get(d), belegt, minimum)
        for d, belegt, minimum in ergebnis["bericht"]["unter_minimum"]
    ]
    return {
        "zeilen": zeilen,
        "ziehung": ziehung,
        "bericht": ergebnis["bericht"],
        "unter_minimum": unter_minimum,
        "kinder": sorted((k for k in kinder.values()), key=lambda k: (k.vorname, k.nachname, k.pk)),
        "durchfuehrungen": [z.durchfuehrung for z in zeilen],
    }


__all__ = [
    "Grund",
    "VerlosungNichtMoeglich",
    "anpassen",
    "aufbereiten",
    "bestaetigen",
    "eingabe_laden",
    "favoriten_setzen",
    "gruppe_beitreten",
    "gruppe_gruenden",
    "gruppe_verlassen",
    "nachrechnen",
    "vorschau",
    "wunsch_entfernen",
    "wunsch_hinzufuegen",
    "wunschphase_offen",
    "zeitraeume_mit_offener_wunschphase",
]
