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
from datetime import date
from decimal import Decimal

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
