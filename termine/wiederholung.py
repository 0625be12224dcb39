"""Recurrence: expand a recurring Termin into its occurrences in a time range.

Pure functions over plain data (no ORM). The rule is evaluated in local wall-clock time
(Europe/Berlin), so a weekly 18:00 date stays at 18:00 local across the DST switches on
the last Sundays of March and October; each occurrence keeps the local duration of the
first one (18:00-20:00 stays 18:00-20:00).

Rules (what the Termin model offers):

* ``keine``: one occurrence, the Termin itself.
* ``woechentlich``: every ``intervall`` weeks on ``wochentag`` (default: the start's weekday).
* ``monatlich``: every ``intervall`` months on the ``woche_im_monat``-th ``wochentag``
  (1..4, or -1 for the last one; default: as on the start day).

``bis`` is inclusive (a local date). Occurrences whose local start day is in
``ausnahmen`` are left out; with ``pausiert_in_schulferien`` so are those whose local
start day falls within a school holiday period.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil import rrule

BERLIN = ZoneInfo("Europe/Berlin")

KEINE = "keine"
WOECHENTLICH = "woechentlich"
MONATLICH = "monatlich"

_WOCHENTAGE = (rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU)


@dataclass(frozen=True)
class Serie:
    """A Termin's timing and rule. ``start``/``ende`` are aware (the first occurrence)."""

    start: datetime
    ende: datetime
    wiederholung: str = KEINE
    intervall: int = 1
    wochentag: int | None = None
    woche_im_monat: int | None = None
    bis: date | None = None
    ausnahmen: frozenset[date] = field(default_factory=frozenset)
    pausiert_in_schulferien: bool = False
    ganztaegig: bool = False

    def __post_init__(self) -> None:
        for name in ("start", "ende"):
            if getattr(self, name).utcoffset() is None:
                raise ValueError(f"{name} must be an aware datetime")
        if self.ende < self.start:
            raise ValueError("ende must not be before start")
        if self.intervall < 1:
            raise ValueError("intervall must be at least 1")
        object.__setattr__(self, "ausnahmen", frozenset(self.ausnahmen))


@dataclass(frozen=True, order=True)
class Vorkommen:
    """One occurrence: aware start and end, and its index-free identity (local start day)."""

    start: datetime
    ende: datetime

    @property
    def tag(self) -> date:
        return self.start.astimezone(BERLIN).date()


def standard_woche_im_monat(tag: date) -> int:
    """Which weekday-of-month a day is: 1..4, or -1 when it is the last one (5th)."""
    nummer = (tag.day - 1) // 7 + 1
    return -1 if nummer >= 5 else nummer


def regel(serie: Serie, zone: ZoneInfo = BERLIN) -> rrule.rrule | None:
    """The dateutil rule over naive local times, or None for a single date."""
    if serie.wiederholung == KEINE:
        return None
    lokal = serie.start.astimezone(zone).replace(tzinfo=None)
    wochentag = serie.wochentag if serie.wochentag is not None else lokal.weekday()
    until = datetime.combine(serie.bis, time.max) if serie.bis else None
    if serie.wiederholung == WOECHENTLICH:
        return rrule.rrule(
            rrule.WEEKLY,
            interval=serie.intervall,
            byweekday=_WOCHENTAGE[wochentag],
            dtstart=lokal,
            until=until,
        )
    if serie.wiederholung == MONATLICH:
        nummer = serie.woche_im_monat or standard_woche_im_monat(lokal.date())
        return rrule.rrule(
            rrule.MONTHLY,
            interval=serie.intervall,
            byweekday=_WOCHENTAGE[wochentag](nummer),
            dtstart=lokal,
            until=until,
        )
    raise ValueError(f"unknown recurrence {serie.wiederholung!r}")


def in_ferien(tag: date, schulferien: Iterable[tuple[date, date]]) -> bool:
    return any(beginn <= tag <= ende for beginn, ende in schulferien)


def vorkommen(
    serie: Serie,
    von: datetime,
    bis: datetime,
    *,
    schulferien: Sequence[tuple[date, date]] = (),
    zone: ZoneInfo = BERLIN,
) -> list[Vorkommen]:
    """Occurrences touching [von, bis): ending after ``von`` (or starting at it) and
    starting before ``bis``, in order. ``schulferien`` are (first, last) day pairs."""
    start_lokal = serie.start.astimezone(zone).replace(tzinfo=None)
    ende_lokal = serie.ende.astimezone(zone).replace(tzinfo=None)
    # Wall-clock duration: 18:00-20:00 stays so even on the night the clocks change.
    dauer = ende_lokal - start_lokal
    r = regel(serie, zone)
    if r is None:
        kandidaten = [start_lokal]
    else:
        # Widen the window by the duration, so a date running into `von` is found.
        von_lokal = von.astimezone(zone).replace(tzinfo=None) - dauer - timedelta(days=1)
        bis_lokal = bis.astimezone(zone).replace(tzinfo=None)
        kandidaten = r.between(von_lokal, bis_lokal, inc=True)
    ergebnis = []
    for lokal in kandidaten:
        tag = lokal.date()
        if r is not None:
            if tag in serie.ausnahmen:
                continue
            if serie.pausiert_in_schulferien and in_ferien(tag, schulferien):
                continue
        start = _lokal_zu_aware(lokal, zone)
        ende = _lokal_zu_aware(lokal + dauer, zone)
        if ende < start:  # a wall-clock time inside the spring gap can do this
            ende = start
        if start < bis and (ende > von or start >= von):
            ergebnis.append(Vorkommen(start, ende))
    return ergebnis


def ausgelassene_tage(
    serie: Serie,
    *,
    schulferien: Sequence[tuple[date, date]] = (),
    zone: ZoneInfo = BERLIN,
) -> list[datetime]:
    """Aware starts the rule would produce but that do not take place (exceptions and,
    when paused, school holidays): the EXDATEs of the iCal export.

    Only finite sets are walked: the exceptions themselves and the school holiday periods
    given, so an open-ended rule costs no more than the holidays listed.
    """
    r = regel(serie, zone)
    if r is None:
        return []
    zeitraeume = [(tag, tag) for tag in serie.ausnahmen]
    if serie.pausiert_in_schulferien:
        zeitraeume += list(schulferien)
    tage: set[datetime] = set()
    for beginn, ende in zeitraeume:
        tage.update(
            r.between(
                datetime.combine(beginn, time.min), datetime.combine(ende, time.max), inc=True
            )
        )
    return [_lokal_zu_aware(lokal, zone) for lokal in sorted(tage)]


def _lokal_zu_aware(lokal: datetime, zone: ZoneInfo) -> datetime:
    # fold=0: an ambiguous autumn time means the first (summer-time) one; nonexistent
    # spring times are shifted by zoneinfo's rules when converted to UTC and back.
    aware = lokal.replace(tzinfo=zone)
    return aware.astimezone(ZoneInfo("UTC")).astimezone(zone)
