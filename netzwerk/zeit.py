"""Dates and times of the network, in one place.

The network's time zone is `settings.TIME_ZONE` (Europe/Berlin for Ballenstedt); Django's
`timezone.get_default_timezone()` is its only source in code that may use Django. The pure
modules (`termine/wiederholung.py`, `termine/terminabgleich.py`,
`termine/stammtisch/rotation.py`) import nothing from Django and keep their own constant;
tests/netzwerk/test_zeit.py fails when it differs from the setting.

Dates and times are shown in the active language's formats (Django's `SHORT_DATE_FORMAT`,
`TIME_FORMAT`, `SHORT_DATETIME_FORMAT`; in German 24.12.2026, 18:00, 24.12.2026 18:00), never
with hand-written `strftime` patterns. Templates use the same formats through the `date`
and `time` filters.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.utils import formats, timezone


def zone() -> ZoneInfo:
    """The network's time zone (settings.TIME_ZONE)."""
    return timezone.get_default_timezone()


def ortszeit(tag: date, uhrzeit: time = time.min) -> datetime:
    """`tag` at the wall time `uhrzeit` in the network's time zone, as an aware datetime.

    A wall time that does not exist (the spring gap) or happens twice (the autumn hour) is
    read as the first one (fold=0), as `zoneinfo` does.
    """
    return datetime.combine(tag, uhrzeit, tzinfo=zone())


def _lokal(wert):
    return timezone.localtime(wert) if isinstance(wert, datetime) else wert


def kurzes_datum(wert: date | datetime) -> str:
    """The day of `wert` (a datetime in local time) as a short date: 24.12.2026."""
    return formats.date_format(_lokal(wert), "SHORT_DATE_FORMAT")


def uhrzeit(wert: time | datetime) -> str:
    """The wall time of `wert` (a datetime in local time): 18:00."""
    return formats.time_format(_lokal(wert), "TIME_FORMAT")


def kurzer_zeitpunkt(wert: datetime) -> str:
    """`wert` in local time as a short date with its time: 24.12.2026 18:00."""
    return formats.date_format(_lokal(wert), "SHORT_DATETIME_FORMAT")
