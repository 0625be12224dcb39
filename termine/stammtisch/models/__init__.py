"""The rotating Vereinsstammtisch: series, rotation pool, meetings, answers, topics, minutes.

A Stammtischreihe meets on a cadence (:class:`termine.stammtisch.rotation.Cadence`); each
meeting is a :class:`Stammtisch` that points at its Termin (one calendar, one iCal writer, one
clash check) and names the hosting Akteur (Gastgeber).

The Protokoll (minutes) belongs to a Termin, not to a Stammtisch, so that working-group
meetings can keep their minutes the same way.

Workflows live in :mod:`termine.stammtisch.services`; the pure host rotation in
:mod:`termine.stammtisch.rotation`."""

from termine.stammtisch.models.reihen import (  # noqa: F401
    Stammtischreihe,
    StammtischreiheQuerySet,
    Teilnahme,
    Verhinderung,
    adressen_aus_text,
    adressliste_pruefen,
)
from termine.stammtisch.models.treffen import (  # noqa: F401
    GastgeberAnfrage,
    Rueckmeldung,
    Stammtisch,
    StammtischEinladung,
    StammtischQuerySet,
    Thema,
    ThemaQuerySet,
    zuletzt_text,
)

__all__ = [
    "GastgeberAnfrage",
    "Rueckmeldung",
    "Stammtisch",
    "StammtischEinladung",
    "Stammtischreihe",
    "Teilnahme",
    "Thema",
    "Verhinderung",
]
