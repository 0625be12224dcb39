"""Host rotation and meeting cadence for the rotating Vereinsstammtisch.

Pure functions over plain data: no Django, no database. A service loads the
Stammtischreihe, its rotation pool and its past meetings, calls these functions and
stores what the coordinators confirm.

* :func:`termine_nach_rhythmus` turns a :class:`Cadence` ("every second month on the
  third Tuesday at 18:00") into the next meeting datetimes.
* :func:`propose_hosts` proposes a Gastgeber for each of those meetings and explains
  every proposal with a machine-readable :class:`ProposalReason`.
"""

from __future__ import annotations

import enum
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from dateutil import rrule

BERLIN = ZoneInfo("Europe/Berlin")

type AkteurId = int
type OrtsteilId = int
type MeetingDate = date | datetime


# --------------------------------------------------------------------------- cadence


class Frequency(enum.StrEnum):
    MONTHLY = enum.auto()
    WEEKLY = enum.auto()


@dataclass(frozen=True)
class Cadence:
    """When a Stammtischreihe meets.

    Examples::

        # every second month on the third Tuesday at 18:00
        Cadence(Frequency.MONTHLY, weekday=1, time=time(18), interval=2, nth=3)
        # every three weeks on Thursday at 19:30
        Cadence(Frequency.WEEKLY, weekday=3, time=time(19, 30), interval=3)

    ``weekday`` counts like :meth:`datetime.date.weekday` (Monday is 0). ``nth`` picks the
    weekday within the month for monthly cadences: 1 to 4, or -1 for the last one (a fifth
    weekday is not offered because most months lack it). ``time`` is local wall-clock time
    and therefore naive.

    ``anchor`` fixes the phase of ``interval``: months (or weeks, counted from Monday) are
    counted from the anchor's month (week). Without an anchor they are counted from the
    ``after`` argument of :func:`termine_nach_rhythmus`, which is only stable if the caller
    always passes the same kind of reference (for example the last meeting). Set it
    whenever ``interval`` is greater than 1.
    """

    frequency: Frequency
    weekday: int
    time: time
    interval: int = 1
    nth: int | None = None
    anchor: date | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.weekday <= 6:
            raise ValueError("weekday must be between 0 (Monday) and 6 (Sunday)")
        if self.interval < 1:
            raise ValueError("interval must be at least 1")
        if self.time.tzinfo is not None:
            raise ValueError("time is local wall-clock time and must be naive")
        if self.frequency is Frequency.MONTHLY:
            if self.nth not in (1, 2, 3, 4, -1):
                raise ValueError("a monthly cadence needs nth in 1..4 or -1 (last)")
        elif self.nth is not None:
            raise ValueError("nth only applies to monthly cadences")
        if isinstance(self.anchor, datetime):
            raise ValueError("anchor is a calendar date, not a datetime")


def termine_nach_rhythmus(
    cadence: Cadence,
    *,
    after: date | datetime,
    count: int,
    zone: ZoneInfo = BERLIN,
) -> list[datetime]:
    """Return the next ``count`` meeting datetimes of ``cadence``, aware in ``zone``.

    Guarantees:

    * Results are strictly after ``after``: after that calendar day if it is a
      :class:`date`, after that instant if it is an aware :class:`datetime`. Meetings
      before ``cadence.anchor`` are never returned.
    * Results are strictly increasing and each keeps the cadence's local wall-clock time,
      whatever the UTC offset of that day (the recurrence is computed in naive local time
      and only then attached to the zone, so daylight saving never shifts 18:00 to 17:00
      or 19:00).
    * A wall-clock time that does not exist on a spring-forward day (02:30 in Berlin) is
      moved forward by the gap (03:30); an ambiguous one on a fall-back day takes its
      first occurrence (summer time). Neither can happen for evening meetings.
    """
    if count < 0:
        raise ValueError("count must not be negative")
    if isinstance(after, datetime):
        if after.tzinfo is None or after.utcoffset() is None:
            raise ValueError("after must be an aware datetime or a date")
        start_day = after.astimezone(zone).date()
    else:
        start_day = after
    anchor = cadence.anchor if cadence.anchor is not None else start_day

    if cadence.frequency is Frequency.MONTHLY:
        assert cadence.nth is not None  # guaranteed by Cadence.__post_init__
        freq, byweekday = rrule.MONTHLY, rrule.weekday(cadence.weekday, cadence.nth)
    else:
        freq, byweekday = rrule.WEEKLY, rrule.weekday(cadence.weekday)
    rule = rrule.rrule(
        freq,
        interval=cadence.interval,
        byweekday=byweekday,
        dtstart=datetime.combine(anchor, cadence.time),
        wkst=rrule.MO,
    )

    result: list[datetime] = []
    if count == 0:
        return result
    for naive in rule:
        local = _localize(naive, zone)
        if isinstance(after, datetime):
            if local <= after:
                continue
        elif local.date() <= after:
            continue
        result.append(local)
        if len(result) == count:
            break
    return result


def _localize(naive: datetime, zone: ZoneInfo) -> datetime:
    # The UTC round trip turns a non-existent wall time into the real one it denotes.
    return naive.replace(tzinfo=zone).astimezone(UTC).astimezone(zone)


# -------------------------------------------------------------------------- rotation


@dataclass(frozen=True)
class Candidate:
    """An Akteur in the rotation pool of a Stammtischreihe.

    ``unavailable`` holds inclusive ``(date_from, date_to)`` periods in which the Akteur
    cannot host; any sequence of pairs is accepted and stored as a tuple.
    """

    akteur_id: AkteurId
    name: str
    ortsteil_id: OrtsteilId | None = None
    can_host: bool = True
    unavailable: tuple[tuple[date, date], ...] = ()

    def __post_init__(self) -> None:
        periods = tuple((date_from, date_to) for date_from, date_to in self.unavailable)
        for date_from, date_to in periods:
            if date_from > date_to:
                raise ValueError(f"unavailable period {date_from}..{date_to} ends before start")
        object.__setattr__(self, "unavailable", periods)

    def is_available(self, day: date) -> bool:
        return not any(date_from <= day <= date_to for date_from, date_to in self.unavailable)


@dataclass(frozen=True)
class PastHosting:
    """A past meeting of the series and the Akteur that hosted it."""

    date: MeetingDate
    akteur_id: AkteurId


class ProposalReason(enum.StrEnum):
    NEVER_HOSTED = enum.auto()
    """The Akteur has never hosted (neither in the history nor earlier in this plan)."""
    LAST_HOSTED = enum.auto()
    """The Akteur hosted before; see ``last_hosted`` and ``times_hosted``."""
    NO_CANDIDATE = enum.auto()
    """Nobody in the pool may host on this date; a coordinator has to step in."""


@dataclass(frozen=True)
class HostProposal:
    """The proposed Gastgeber for one meeting.

    ``date`` is the meeting date exactly as passed in. ``last_hosted`` and
    ``times_hosted`` describe the Akteur's hosting before this meeting, counting the
    history and the proposals for earlier dates of the same plan.
    """

    date: MeetingDate
    akteur_id: AkteurId | None
    reason: ProposalReason
    last_hosted: date | None = None
    times_hosted: int = 0


def propose_hosts(
    candidates: Sequence[Candidate],
    history: Sequence[PastHosting],
    dates: Sequence[MeetingDate],
    *,
    exclude: Mapping[date, Collection[AkteurId]] | None = None,
    zone: ZoneInfo = BERLIN,
) -> list[HostProposal]:
    """Propose a Gastgeber for each of ``dates``, one :class:`HostProposal` per date.

    Rules, in order of precedence:

    1. Only Akteure that can host, are available on the meeting's local calendar day
       (no unavailable period covers it) and are not in ``exclude`` for that day are
       eligible.
    2. Never the same host twice in a row: the host of the previous meeting is not
       eligible. For the first date the previous meeting is the latest one in
       ``history``.
    3. Among the eligible, the Akteur that hosted least often comes first, then the one
       whose last hosting lies furthest back.
    4. Where rules 1 to 3 still tie, an Akteur from another Ortsteil than the previous
       host's is preferred (an unknown Ortsteil counts as different).
    5. Final tie-break: name (case-insensitive), then name, then Akteur id.

    Each proposal counts as a hosting for the later dates of the same call, so rules 2
    and 3 also apply within the plan. If nobody is eligible the proposal has
    ``akteur_id=None`` and reason ``NO_CANDIDATE``; the meeting without a proposed host
    then no longer blocks anyone for the next date.

    Guarantees: every proposed Akteur satisfies rules 1 and 2; when nothing blocks it
    and all have hosted equally often, every eligible Akteur hosts once before any
    hosts twice; the result depends only on the input values, not on the order of
    ``candidates`` or ``history``.

    ``exclude`` maps a meeting's local calendar day to the Akteure that declined it, so
    "a decline moves to the next proposal" is a second call with the decline added.
    Dates may be :class:`date` or aware :class:`datetime` objects and must be strictly
    increasing by local day; history entries must lie before the first date. Hosts in
    the history that are no longer in the pool still block rule 2, but their Ortsteil
    is unknown.
    """
    ids = [candidate.akteur_id for candidate in candidates]
    if len(set(ids)) != len(ids):
        raise ValueError("candidates contain the same akteur_id twice")
    days = [_local_day(d, zone) for d in dates]
    if any(earlier >= later for earlier, later in zip(days, days[1:], strict=False)):
        raise ValueError("dates must be strictly increasing by local day")
    declined: dict[date, set[AkteurId]] = {}
    for key, akteur_ids in (exclude or {}).items():
        declined.setdefault(_local_day(key, zone), set()).update(akteur_ids)

    times_hosted: dict[AkteurId, int] = {}
    last_hosted: dict[AkteurId, date] = {}
    hosted_on: dict[date, set[AkteurId]] = {}
    for entry in history:
        day = _local_day(entry.date, zone)
        if days and day >= days[0]:
            raise ValueError("history must lie before the first date to plan")
        times_hosted[entry.akteur_id] = times_hosted.get(entry.akteur_id, 0) + 1
        last_hosted[entry.akteur_id] = max(day, last_hosted.get(entry.akteur_id, day))
        hosted_on.setdefault(day, set()).add(entry.akteur_id)
    # A set, because a history with two entries on its latest day leaves no single
    # previous host; blocking both keeps the result independent of the input order.
    previous_hosts: set[AkteurId] = hosted_on[max(hosted_on)] if hosted_on else set()

    ortsteil_by_id = {candidate.akteur_id: candidate.ortsteil_id for candidate in candidates}
    proposals: list[HostProposal] = []
    for meeting, day in zip(dates, days, strict=True):
        previous_ortsteile = {
            ortsteil_by_id[akteur_id]
            for akteur_id in previous_hosts
            if ortsteil_by_id.get(akteur_id) is not None
        }
        eligible = [
            candidate
            for candidate in candidates
            if candidate.can_host
            and candidate.is_available(day)
            and candidate.akteur_id not in declined.get(day, ())
            and candidate.akteur_id not in previous_hosts
        ]
        if not eligible:
            proposals.append(HostProposal(meeting, None, ProposalReason.NO_CANDIDATE))
            previous_hosts = set()
            continue

        _, host = min(
            (_rank(candidate, times_hosted, last_hosted, previous_ortsteile), candidate.akteur_id)
            for candidate in eligible
        )
        count = times_hosted.get(host, 0)
        if count == 0:
            proposals.append(HostProposal(meeting, host, ProposalReason.NEVER_HOSTED))
        else:
            proposals.append(
                HostProposal(meeting, host, ProposalReason.LAST_HOSTED, last_hosted[host], count)
            )
        times_hosted[host] = count + 1
        last_hosted[host] = day
        previous_hosts = {host}
    return proposals


def _rank(
    candidate: Candidate,
    times_hosted: Mapping[AkteurId, int],
    last_hosted: Mapping[AkteurId, date],
    previous_ortsteile: Collection[OrtsteilId],
) -> tuple[int, date, bool, str, str, AkteurId]:
    """Sort key implementing rules 3 to 5 of :func:`propose_hosts` (lowest first)."""
    return (
        times_hosted.get(candidate.akteur_id, 0),
        last_hosted.get(candidate.akteur_id, date.min),
        candidate.ortsteil_id is not None and candidate.ortsteil_id in previous_ortsteile,
        candidate.name.casefold(),
        candidate.name,
        candidate.akteur_id,
    )


def _local_day(value: MeetingDate, zone: ZoneInfo) -> date:
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value!r}; pass a date or an aware datetime")
        return value.astimezone(zone).date()
    return value
