"""Terminabgleich: which other dates and calendar facts clash with a Termin.

Pure functions over plain data: no Django, no database. A service (or the Termin form)
loads the Termine of the days in question plus the Land's public and school holidays,
maps them to :class:`TerminData` and :class:`CalendarFact`, and shows the result.

Two events clash when they share at least one local calendar day (Europe/Berlin): a
Termin covers every local day from its start to its end, so 23:30-00:30 touches two
days, and an end exactly at local midnight is exclusive (22:00-00:00 touches one day,
an all-day Termin on 22 May may end at 23 May 00:00). All-day Termine also count as
lasting the whole of each of their days when checking for overlapping times.
Cancelled Termine never clash.

Every clash carries machine-readable :class:`ClashReason` values and a score, the sum of
their weights in :data:`WEIGHTS`:

==================  ======  ===========================================================
reason              weight  why
==================  ======  ===========================================================
BIG_PUBLIC_EVENT    5       a Stadtfest draws the whole town; either event being one
                            is what the Terminabgleich exists to catch
TIME_OVERLAP        3       the same people cannot be at both
SAME_ORTSTEIL       3       same district: same neighbours, often the same place
PUBLIC_HOLIDAY      3       many are away, halls and offices are closed
SAME_CATEGORY       2       competes for the same interested people
SAME_ORGANISER      2       the same volunteers are needed twice
SCHOOL_HOLIDAY      2       families are away, school rooms closed
SAME_DAY            1       every event clash; ranks a bare same-day clash lowest
SAME_AUDIENCE       1       coarse (most Termine are public), so it only nudges
==================  ======  ===========================================================

Results are ordered by score (highest first), then start, then id, so the same input
always gives the same list.
"""

from __future__ import annotations

import enum
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import combinations
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")

type AkteurId = int
type OrtsteilId = int
type TerminId = int


class ClashReason(enum.StrEnum):
    """Why something matters for a Termin; declaration order is the display order."""

    BIG_PUBLIC_EVENT = enum.auto()
    TIME_OVERLAP = enum.auto()
    SAME_ORTSTEIL = enum.auto()
    SAME_CATEGORY = enum.auto()
    SAME_AUDIENCE = enum.auto()
    SAME_ORGANISER = enum.auto()
    SAME_DAY = enum.auto()
    PUBLIC_HOLIDAY = enum.auto()
    SCHOOL_HOLIDAY = enum.auto()


WEIGHTS: Mapping[ClashReason, int] = {
    ClashReason.BIG_PUBLIC_EVENT: 5,
    ClashReason.TIME_OVERLAP: 3,
    ClashReason.SAME_ORTSTEIL: 3,
    ClashReason.PUBLIC_HOLIDAY: 3,
    ClashReason.SAME_CATEGORY: 2,
    ClashReason.SAME_ORGANISER: 2,
    ClashReason.SCHOOL_HOLIDAY: 2,
    ClashReason.SAME_DAY: 1,
    ClashReason.SAME_AUDIENCE: 1,
}


@dataclass(frozen=True)
class TerminData:
    """What the Terminabgleich needs to know about a Termin.

    ``start`` and ``end`` are aware; ``end`` may equal ``start``. ``audience`` and
    ``category`` are the model's choice values, compared for equality only; ``None``
    (like a missing Ortsteil) never matches anything. ``id`` is ``None`` for a Termin
    not saved yet. Two entries with the same id never clash: an edited Termin may be
    checked against a list that still holds its old version, and the occurrences of a
    recurring Termin, expanded with its id, do not clash with each other.
    """

    start: datetime
    end: datetime
    all_day: bool = False
    ortsteil_id: OrtsteilId | None = None
    audience: str | None = None
    category: str | None = None
    is_big_public_event: bool = False
    organiser_ids: frozenset[AkteurId] = field(default_factory=frozenset)
    id: TerminId | None = None
    title: str = ""
    cancelled: bool = False

    def __post_init__(self) -> None:
        for name in ("start", "end"):
            value = getattr(self, name)
            if value.tzinfo is None or value.utcoffset() is None:
                raise ValueError(f"{name} must be an aware datetime")
        if self.end < self.start:
            raise ValueError("end must not be before start")
        object.__setattr__(self, "organiser_ids", frozenset(self.organiser_ids))


@dataclass(frozen=True)
class CalendarFact:
    """A school holiday period or a public holiday, both days inclusive."""

    name: str
    date_from: date
    date_to: date

    def __post_init__(self) -> None:
        if self.date_from > self.date_to:
            raise ValueError("date_to must not be before date_from")


@dataclass(frozen=True)
class Clash:
    """Something that happens on the checked Termin's day(s).

    Exactly one of ``termin`` (another Termin) and ``fact`` (a public holiday, reason
    ``PUBLIC_HOLIDAY``, or a school holiday period, reason ``SCHOOL_HOLIDAY``) is set.
    ``days`` are the shared local calendar days, ascending.
    """

    score: int
    reasons: tuple[ClashReason, ...]
    days: tuple[date, ...]
    termin: TerminData | None = None
    fact: CalendarFact | None = None


@dataclass(frozen=True)
class ClashPair:
    """Two Termine that clash; ``first`` sorts before ``second`` by start, then id."""

    first: TerminData
    second: TerminData
    score: int
    reasons: tuple[ClashReason, ...]
    days: tuple[date, ...]


@dataclass(frozen=True)
class ClashDay:
    """A local calendar day with at least two clashing Termine.

    ``termine`` are sorted by start, then id; ``pairs`` are the clashing pairs sharing
    this day, ranked like :func:`find_clash_pairs`; ``score`` is the highest pair score.
    ``public_holiday`` and ``school_holidays`` name the calendar facts of the day.
    """

    day: date
    score: int
    termine: tuple[TerminData, ...]
    pairs: tuple[ClashPair, ...]
    public_holiday: str | None = None
    school_holidays: tuple[str, ...] = ()


def local_days(termin: TerminData, zone: ZoneInfo = BERLIN) -> tuple[date, ...]:
    """The local calendar days a Termin touches, ascending (see the module docstring)."""
    first = termin.start.astimezone(zone).date()
    end = termin.end.astimezone(zone)
    last = end.date()
    # An end at midnight belongs to the previous day, unless the Termin has no length.
    if termin.end > termin.start and end.time() == time(0):
        last -= timedelta(days=1)
    return tuple(first + timedelta(days=i) for i in range((last - first).days + 1))


def find_clashes(
    termin: TerminData,
    others: Iterable[TerminData],
    *,
    public_holidays: Mapping[date, str] | None = None,
    school_holidays: Sequence[CalendarFact] = (),
    zone: ZoneInfo = BERLIN,
) -> list[Clash]:
    """Rank everything that clashes with ``termin``, most important first.

    ``others`` are the existing Termine (cancelled ones and ``termin``'s own id are
    skipped); every one sharing a local day yields a :class:`Clash` with ``SAME_DAY``
    and any further reasons. Each public holiday on one of ``termin``'s days and each
    school holiday period touching them yields one fact clash. ``public_holidays`` is
    only looked up by day, so a ``holidays.country_holidays("DE", subdiv="ST")`` object
    can be passed as is. A cancelled ``termin`` clashes with nothing.
    """
    if termin.cancelled:
        return []
    days = local_days(termin, zone)
    clashes: list[Clash] = []
    for other in others:
        if other.cancelled or (termin.id is not None and other.id == termin.id):
            continue
        compared = _compare(termin, days, other, local_days(other, zone), zone)
        if compared is not None:
            reasons, shared = compared
            clashes.append(Clash(_score(reasons), reasons, shared, termin=other))
    for day in days:
        name = _holiday_name(public_holidays, day)
        if name is not None:
            reasons = (ClashReason.PUBLIC_HOLIDAY,)
            fact = CalendarFact(name, day, day)
            clashes.append(Clash(_score(reasons), reasons, (day,), fact=fact))
    for period in school_holidays:
        shared = tuple(day for day in days if period.date_from <= day <= period.date_to)
        if shared:
            reasons = (ClashReason.SCHOOL_HOLIDAY,)
            clashes.append(Clash(_score(reasons), reasons, shared, fact=period))
    clashes.sort(key=lambda clash: _clash_sort_key(clash, zone))
    return clashes


def find_clash_pairs(termine: Iterable[TerminData], *, zone: ZoneInfo = BERLIN) -> list[ClashPair]:
    """All pairs of clashing Termine, ranked by score, then by the pair's starts and ids.

    Scoring is the same as in :func:`find_clashes`; cancelled Termine are skipped. The
    caller chooses the time range by the Termine it passes. Runs in time proportional to
    the number of Termine per day, not to the square of all Termine.
    """
    return _pairs(_active(termine), zone)


def clashes_by_day(
    termine: Iterable[TerminData],
    *,
    public_holidays: Mapping[date, str] | None = None,
    school_holidays: Sequence[CalendarFact] = (),
    zone: ZoneInfo = BERLIN,
) -> list[ClashDay]:
    """The days on which Termine clash, in calendar order (for the coordinators' page and
    the Stammtisch agenda). A multi-day Termin appears on each of its clashing days.
    """
    active = _active(termine)
    days_of = [local_days(termin, zone) for termin in active]
    termine_on: dict[date, list[TerminData]] = {}
    for termin, days in zip(active, days_of, strict=True):
        for day in days:
            termine_on.setdefault(day, []).append(termin)
    pairs_on: dict[date, list[ClashPair]] = {}
    for pair in _pairs(active, zone):
        for day in pair.days:
            pairs_on.setdefault(day, []).append(pair)
    result = []
    for day in sorted(pairs_on):
        pairs = pairs_on[day]
        result.append(
            ClashDay(
                day=day,
                score=max(pair.score for pair in pairs),
                termine=tuple(sorted(termine_on[day], key=_termin_sort_key)),
                pairs=tuple(pairs),
                public_holiday=_holiday_name(public_holidays, day),
                school_holidays=tuple(
                    period.name
                    for period in school_holidays
                    if period.date_from <= day <= period.date_to
                ),
            )
        )
    return result


# ------------------------------------------------------------------------- internals


def _active(termine: Iterable[TerminData]) -> list[TerminData]:
    return [termin for termin in termine if not termin.cancelled]


def _pairs(termine: Sequence[TerminData], zone: ZoneInfo) -> list[ClashPair]:
    days_of = [local_days(termin, zone) for termin in termine]
    by_day: dict[date, list[int]] = {}
    for index, days in enumerate(days_of):
        for day in days:
            by_day.setdefault(day, []).append(index)
    # Indexes, not ids, identify Termine here: unsaved ones may share id None.
    seen: set[tuple[int, int]] = set()
    pairs: list[ClashPair] = []
    for indexes in by_day.values():
        for i, j in combinations(indexes, 2):
            if (i, j) in seen:
                continue
            seen.add((i, j))
            a, b = termine[i], termine[j]
            if a.id is not None and a.id == b.id:
                continue
            compared = _compare(a, days_of[i], b, days_of[j], zone)
            assert compared is not None  # they share this day
            reasons, shared = compared
            first, second = sorted((a, b), key=_termin_sort_key)
            pairs.append(ClashPair(first, second, _score(reasons), reasons, shared))
    pairs.sort(key=lambda p: (-p.score, _termin_sort_key(p.first), _termin_sort_key(p.second)))
    return pairs


def _compare(
    a: TerminData,
    a_days: Collection[date],
    b: TerminData,
    b_days: Collection[date],
    zone: ZoneInfo,
) -> tuple[tuple[ClashReason, ...], tuple[date, ...]] | None:
    """Reasons (in enum order) and shared days of two Termine, or None if no clash.

    Symmetric: ``_compare(a, b)`` and ``_compare(b, a)`` give the same result.
    """
    shared = tuple(sorted(set(a_days) & set(b_days)))
    if not shared:
        return None
    found = {ClashReason.SAME_DAY}
    if a.is_big_public_event or b.is_big_public_event:
        found.add(ClashReason.BIG_PUBLIC_EVENT)
    if _overlaps(_interval(a, a_days, zone), _interval(b, b_days, zone)):
        found.add(ClashReason.TIME_OVERLAP)
    if a.ortsteil_id is not None and a.ortsteil_id == b.ortsteil_id:
        found.add(ClashReason.SAME_ORTSTEIL)
    if a.category is not None and a.category == b.category:
        found.add(ClashReason.SAME_CATEGORY)
    if a.audience is not None and a.audience == b.audience:
        found.add(ClashReason.SAME_AUDIENCE)
    if a.organiser_ids & b.organiser_ids:
        found.add(ClashReason.SAME_ORGANISER)
    return tuple(reason for reason in ClashReason if reason in found), shared


def _interval(
    termin: TerminData, days: Sequence[date], zone: ZoneInfo
) -> tuple[datetime, datetime]:
    if termin.all_day:
        # Local midnight exists every day in Europe/Berlin (the switch is at 02:00/03:00).
        return (
            datetime.combine(days[0], time(0), tzinfo=zone),
            datetime.combine(days[-1] + timedelta(days=1), time(0), tzinfo=zone),
        )
    return termin.start, termin.end


def _overlaps(a: tuple[datetime, datetime], b: tuple[datetime, datetime]) -> bool:
    # Half-open intervals, so back-to-back Termine (10-12, 12-14) do not overlap; equal
    # starts overlap so that Termine without length still collide with each other.
    return (a[0] < b[1] and b[0] < a[1]) or a[0] == b[0]


def _holiday_name(public_holidays: Mapping[date, str] | None, day: date) -> str | None:
    # Looked up per day and compared with None, never tested for truth: a `holidays`
    # object fills in a year only when a day of it is looked up, and is empty before.
    if public_holidays is None:
        return None
    return public_holidays.get(day) or None


def _score(reasons: Iterable[ClashReason]) -> int:
    return sum(WEIGHTS[reason] for reason in reasons)


def _termin_sort_key(termin: TerminData) -> tuple[datetime, bool, int, str]:
    return (termin.start, termin.id is None, termin.id or 0, termin.title)


def _clash_sort_key(clash: Clash, zone: ZoneInfo) -> tuple[int, datetime, int, bool, int, str]:
    if clash.termin is not None:
        start, kind, unsaved, id_, text = (
            clash.termin.start,
            0,
            clash.termin.id is None,
            clash.termin.id or 0,
            clash.termin.title,
        )
    else:
        assert clash.fact is not None
        start = datetime.combine(clash.fact.date_from, time(0), tzinfo=zone)
        kind, unsaved, id_, text = 1, False, 0, clash.fact.name
    return (-clash.score, start, kind, unsaved, id_, text)
