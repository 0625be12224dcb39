"""Small helpers of the Ferienkalender's models: ages, local midnight, reserved slugs."""

from __future__ import annotations

from datetime import date, datetime

from netzwerk.zeit import ortszeit


def alter_am(geburtsdatum: date, stichtag: date) -> int:
    """Age in whole years on `stichtag` (a child born on 29 February turns one on 1 March)."""
    jahre = stichtag.year - geburtsdatum.year
    if (stichtag.month, stichtag.day) < (geburtsdatum.month, geburtsdatum.day):
        jahre -= 1
    return jahre


def lokale_mitternacht(tag: date) -> datetime:
    """Midnight at the start of `tag`, local time."""
    return ortszeit(tag)


# Paths under /ferienkalender/ that a period's slug must not hide (see urls_ferien.py).
RESERVIERTE_SLUGS = frozenset({"familie", "anmelden", "anbieten"})
