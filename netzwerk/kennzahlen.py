"""The figures of the funder's report: every app and room contributes its own.

A source is a function ``(von, bis) -> Iterable[Kennzahl]`` over a period of days (both
inclusive, local dates); it registers with ``@kennzahlen.quelle("Gruppe", reihenfolge=...)``
in its app's ``ready()`` or in a module that ``ready()`` imports. netzwerk never imports the
apps: they come to it, like the decisions waiting (:mod:`netzwerk.entscheidungen`).

A figure counts exactly what its label says (tests recompute them on fixture data); a
breakdown (by kind, by Ortsteil …) is an ordered mapping label → number and feeds the
report's charts and tables.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from netzwerk.zeit import ortszeit

type Zahl = int | Decimal


@dataclass(frozen=True)
class Kennzahl:
    schluessel: str  # stable, for CSV and tests: "aktionstag.stationen"
    titel: str  # translated label
    wert: Zahl
    einheit: str = ""  # e.g. "h" for hours; empty for counts
    aufschluesselung: tuple[tuple[str, Zahl], ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Gruppe:
    titel: str
    kennzahlen: tuple[Kennzahl, ...]


type Quelle = Callable[[date, date], Iterable[Kennzahl]]

_QUELLEN: list[tuple[int, str, Quelle]] = []


def quelle(gruppe: str, *, reihenfolge: int = 100) -> Callable[[Quelle], Quelle]:
    """Register a source of report figures under the heading `gruppe` (decorator)."""

    def registrieren(funktion: Quelle) -> Quelle:
        eintrag = (reihenfolge, gruppe, funktion)
        if eintrag not in _QUELLEN:
            _QUELLEN.append(eintrag)
        return funktion

    return registrieren


def bericht(von: date, bis: date) -> list[Gruppe]:
    """All figures for the period, grouped, sources in their order (then registration order)."""
    gruppen: dict[str, list[Kennzahl]] = {}
    for _reihenfolge, gruppe, funktion in sorted(_QUELLEN, key=lambda e: e[0]):
        gruppen.setdefault(str(gruppe), []).extend(funktion(von, bis))
    return [Gruppe(titel, tuple(zahlen)) for titel, zahlen in gruppen.items() if zahlen]


def zeitpunkte(von: date, bis: date) -> tuple[datetime, datetime]:
    """The period as aware local instants [von 00:00, day after bis 00:00), for filters on
    date-time fields (`feld__gte=anfang, feld__lt=ende`)."""
    return ortszeit(von), ortszeit(bis + timedelta(days=1))


def aufschluesseln(
    zaehlung: Iterable[tuple[object, int]], beschriftung: dict, *, ohne: str = ""
) -> tuple[tuple[str, Zahl], ...]:
    """A breakdown from (key, count) rows: in the order of `beschriftung` (key → label),
    keys missing from it last under `ohne` (e.g. "no district"); zero rows left out."""
    zahlen = dict(zaehlung)
    zeilen = [(str(label), zahlen.pop(k, 0)) for k, label in beschriftung.items()]
    rest = sum(zahlen.values())
    if rest:
        zeilen.append((str(ohne), rest))
    return tuple((label, n) for label, n in zeilen if n)
