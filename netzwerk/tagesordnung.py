"""Items the rooms propose for the next Stammtisch's agenda ("Offene Punkte aus dem Netzwerk").

A source is a function ``(stichtag) -> Iterable[Vorschlag]`` (stichtag: the meeting's local
date) registered with ``@tagesordnung.quelle`` in its app's ``ready()``: open shared
challenges and overdue follow-ups, youth ideas whose answer is overdue, and the like. The
Stammtisch's agenda lists them in one point; netzwerk never imports the rooms.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Vorschlag:
    titel: str
    text: str = ""
    url: str = ""  # absolute path of the page where the item is handled, if any
    art: str = ""  # short label of the kind, e.g. "Herausforderung", "Jugendidee"


type Quelle = Callable[[date], Iterable[Vorschlag]]

_QUELLEN: list[Quelle] = []


def quelle(funktion: Quelle) -> Quelle:
    """Register `funktion` as a source of agenda proposals (used as a decorator)."""
    if funktion not in _QUELLEN:
        _QUELLEN.append(funktion)
    return funktion


def vorschlaege(stichtag: date) -> list[Vorschlag]:
    """Every registered source's proposals for a meeting on `stichtag`, in registration order."""
    return [v for q in _QUELLEN for v in q(stichtag)]
