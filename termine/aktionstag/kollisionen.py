"""Clash check of stations: two stations that want the same spot at overlapping times.

Pure: plain data in, plain data out, no Django (like termine/terminabgleich.py), so it can
be tested exhaustively. A spot is the number on the site plan or, without one, the free-text
place compared case- and space-insensitively; a station without either clashes with nobody.
Time slots are half-open: one station may start when the other ends.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Platzwunsch:
    id: int
    platz: int | None
    ort: str
    start: datetime
    ende: datetime

    @property
    def schluessel(self) -> str | None:
        if self.platz:
            return f"#{self.platz}"
        ort = " ".join(self.ort.split()).casefold()
        return ort or None


def kollisionen(wuensche: list[Platzwunsch]) -> dict[int, list[int]]:
    """For each station id, the ids of the stations that want its spot at an overlapping
    time (both directions; ids sorted). Stations without clashes are not in the result."""
    nach_platz: dict[str, list[Platzwunsch]] = {}
    for wunsch in wuensche:
        if wunsch.schluessel is not None:
            nach_platz.setdefault(wunsch.schluessel, []).append(wunsch)
    ergebnis: dict[int, set[int]] = {}
    for gruppe in nach_platz.values():
        gruppe.sort(key=lambda w: (w.start, w.id))
        for i, a in enumerate(gruppe):
            for b in gruppe[i + 1 :]:
                if b.start >= a.ende:
                    break
                ergebnis.setdefault(a.id, set()).add(b.id)
                ergebnis.setdefault(b.id, set()).add(a.id)
    return {k: sorted(v) for k, v in ergebnis.items()}
