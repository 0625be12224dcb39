"""Which offers fit a need, and which needs fit an offer: a pure function over plain data.

A suggestion must be of the other type (offer ↔ need), of the same kind and from another
actor. It ranks higher for every shared topic and when both are in the same district
("nearby": the town knows districts, not distances). Each suggestion says what both have in
common, so that the page can give the reason ("beide: Know-how, Ortsteil Badeborn").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

PUNKTE_THEMA = 2
PUNKTE_ORTSTEIL = 1


@dataclass(frozen=True)
class Daten:
    """What matching needs to know of an entry."""

    pk: int
    typ: str
    art: str
    akteur: int
    ortsteil: str | None = None
    themen: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Vorschlag:
    """A fitting entry and what both share: the kind always, topics and district if any."""

    pk: int
    punkte: int
    art: str
    themen: tuple[str, ...] = ()
    ortsteil: str | None = None


def vorschlaege(eintrag: Daten, kandidaten: Iterable[Daten], anzahl: int = 5) -> list[Vorschlag]:
    """The best `anzahl` fitting entries among `kandidaten`, best first (ties: newest pk)."""
    ergebnis = []
    for k in kandidaten:
        if k.typ == eintrag.typ or k.art != eintrag.art or k.akteur == eintrag.akteur:
            continue
        themen = tuple(sorted(eintrag.themen & k.themen))
        ortsteil = eintrag.ortsteil if eintrag.ortsteil and eintrag.ortsteil == k.ortsteil else None
        punkte = PUNKTE_THEMA * len(themen) + PUNKTE_ORTSTEIL * (ortsteil is not None)
        ergebnis.append(Vorschlag(k.pk, punkte, eintrag.art, themen, ortsteil))
    ergebnis.sort(key=lambda v: (-v.punkte, -v.pk))
    return ergebnis[:anzahl]
