"""Sections that rooms add to a Termin's page, without the core knowing the rooms.

A room registers a function ``(request, termin) -> dict | None`` together with the template
that renders it::

    @abschnitt("ressourcen/termin_abschnitt.html")
    def genutzte_ressourcen(request, termin): ...

The Termin's detail view calls every registered function and includes the template for each
one that returns a context (as ``daten``); ``None`` means nothing to show for this date or
this user. Each function decides who may see its section and keeps its queries constant.
Rooms register in their app's ``ready()`` (the wiring), like the other registries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

Quelle = Callable[[object, object], dict | None]

_QUELLEN: list[tuple[str, Quelle]] = []


@dataclass(frozen=True)
class Abschnitt:
    vorlage: str
    daten: dict


def abschnitt(vorlage: str) -> Callable[[Quelle], Quelle]:
    """Register a section of the Termin page rendered by `vorlage` (decorator)."""

    def registrieren(quelle: Quelle) -> Quelle:
        if (vorlage, quelle) not in _QUELLEN:
            _QUELLEN.append((vorlage, quelle))
        return quelle

    return registrieren


def abschnitte(request, termin) -> list[Abschnitt]:
    """The sections the rooms show on `termin`'s page for this request, in registration order."""
    return [
        Abschnitt(vorlage, daten)
        for vorlage, quelle in _QUELLEN
        if (daten := quelle(request, termin)) is not None
    ]
