"""What waits for a coordinator's decision, shown at the top of the admin's start page.

Each app registers a source (`@entscheidungen.quelle`) in its admin module; a source returns
entries with a count and the admin list where the decision is taken. netzwerk never imports
the apps: they come to it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Offen:
    titel: str
    anzahl: int
    url: str


type Quelle = Callable[[], Iterable[Offen]]

_quellen: list[Quelle] = []


def quelle(funktion: Quelle) -> Quelle:
    """Register `funktion` as a source of open decisions (used as a decorator)."""
    _quellen.append(funktion)
    return funktion


def offene_entscheidungen() -> list[Offen]:
    """All entries with something waiting, in registration order (one query per source)."""
    return [eintrag for q in _quellen for eintrag in q() if eintrag.anzahl]
