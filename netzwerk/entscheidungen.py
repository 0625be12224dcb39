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


# --- The coordinators' to-do list ("Zu tun") -------------------------------------------------
# Below the decisions the start page lists what needs a coordinator's hand: the next
# Stammtisch's preparation, overdue follow-ups and tasks, holiday offers that are full or
# empty, unanswered requests. Rooms register a source with `@entscheidungen.zu_tun` (in their
# admin module or ready()); each entry links to the page where it is done.


@dataclass(frozen=True)
class ZuTun:
    bereich: str  # heading the entry is listed under, e.g. "Nächster Stammtisch"
    titel: str
    url: str
    anzahl: int | None = None  # how many things; None for a single check
    erledigt: bool = False  # a check that is fine already (shown ticked, as reassurance)


type ZuTunQuelle = Callable[[], Iterable[ZuTun]]

_zu_tun: list[ZuTunQuelle] = []


def zu_tun(funktion: ZuTunQuelle) -> ZuTunQuelle:
    """Register `funktion` as a source of the to-do list (used as a decorator)."""
    if funktion not in _zu_tun:
        _zu_tun.append(funktion)
    return funktion


def offene_aufgaben() -> list[tuple[str, list[ZuTun]]]:
    """The to-do entries grouped by heading, in registration order; counted entries with
    nothing to do (anzahl 0) are left out."""
    gruppen: dict[str, list[ZuTun]] = {}
    for quelle_ in _zu_tun:
        for eintrag in quelle_():
            if eintrag.anzahl == 0:
                continue
            gruppen.setdefault(str(eintrag.bereich), []).append(eintrag)
    return list(gruppen.items())
