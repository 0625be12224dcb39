"""Tests for the pure host rotation and cadence of the Vereinsstammtisch (no Django)."""

from __future__ import annotations

import calendar
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from termine.stammtisch.rotation import (
    Cadence,
    Candidate,
    Frequency,
    HostProposal,
    PastHosting,
    ProposalReason,
    propose_hosts,
    termine_nach_rhythmus,
)

BERLIN = ZoneInfo("Europe/Berlin")
PROPERTY = settings(max_examples=150, deadline=None)


def hosts(proposals: list[HostProposal]) -> list[int | None]:
    return [proposal.akteur_id for proposal in proposals]


def tuesdays(count: int, first: date = date(2026, 1, 20)) -> list[date]:
    return [first + timedelta(weeks=8 * i) for i in range(count)]


# ------------------------------------------------------------------ examples: rotation


def test_never_hosted_come_first_in_name_order_and_are_explained() -> None:
    pool = [
        Candidate(3, "Sportverein Badeborn"),
        Candidate(1, "Angelverein Opperode"),
        Candidate(2, "Heimatverein Rieder"),
    ]
    proposals = propose_hosts(pool, [], tuesdays(3))

    assert hosts(proposals) == [1, 2, 3]
    assert {p.reason for p in proposals} == {ProposalReason.NEVER_HOSTED}
    assert all(p.last_hosted is None and p.times_hosted == 0 for p in proposals)


def test_least_hosted_then_longest_ago_first() -> None:
    pool = [Candidate(1, "A"), Candidate(2, "B"), Candidate(3, "C"), Candidate(4, "D")]
    history = [
        PastHosting(date(2024, 1, 16), 1),
        PastHosting(date(2024, 3, 19), 2),
        PastHosting(date(2024, 5, 21), 3),
        PastHosting(date(2024, 7, 16), 1),
        PastHosting(date(2024, 9, 17), 4),
        PastHosting(date(2024, 11, 19), 2),
    ]
    proposals = propose_hosts(pool, history, tuesdays(4))

    # C and D hosted once (C longer ago), then A and B twice (A longer ago).
    assert hosts(proposals) == [3, 4, 1, 2]
    assert proposals[0] == HostProposal(
        date(2026, 1, 20), 3, ProposalReason.LAST_HOSTED, date(2024, 5, 21), 1
    )
    assert proposals[2].last_hosted == date(2024, 7, 16)
    assert proposals[2].times_hosted == 2


def test_last_historical_host_does_not_host_the_first_new_meeting() -> None:
    pool = [Candidate(1, "A"), Candidate(2, "B")]
    history = [
        PastHosting(date(2025, 7, 15), 1),
        PastHosting(date(2025, 9, 16), 1),
        PastHosting(date(2025, 11, 18), 2),
    ]
    # B hosted least but also the last meeting, so A goes first; B may host after A,
    # and A again after B although B still hosted less.
    proposals = propose_hosts(pool, history, tuesdays(3))

    assert hosts(proposals) == [1, 2, 1]


def test_single_candidate_cannot_host_twice_in_a_row() -> None:
    proposals = propose_hosts([Candidate(1, "A")], [], tuesdays(4))

    assert hosts(proposals) == [1, None, 1, None]
    assert proposals[1] == HostProposal(date(2026, 3, 17), None, ProposalReason.NO_CANDIDATE)
    assert proposals[2].reason is ProposalReason.LAST_HOSTED
    assert proposals[2].last_hosted == date(2026, 1, 20)


def test_each_proposal_counts_for_later_dates() -> None:
    pool = [Candidate(1, "A"), Candidate(2, "B"), Candidate(3, "C")]
    proposals = propose_hosts(pool, [], tuesdays(5))

    assert hosts(proposals) == [1, 2, 3, 1, 2]
    assert proposals[3] == HostProposal(
        tuesdays(5)[3], 1, ProposalReason.LAST_HOSTED, date(2026, 1, 20), 1
    )


def test_non_hosting_and_unavailable_akteure_are_skipped() -> None:
    dates = tuesdays(3)
    pool = [
        Candidate(1, "A", can_host=False),
        Candidate(2, "B", unavailable=[(date(2026, 1, 1), date(2026, 3, 17))]),
        Candidate(3, "C"),
        Candidate(4, "D"),
    ]
    proposals = propose_hosts(pool, [], dates)

    # B is back from 18 March on (period end is inclusive).
    assert hosts(proposals) == [3, 4, 2]


def test_unavailable_period_is_inclusive_at_both_ends() -> None:
    day = date(2026, 5, 19)
    for period in [(day, day), (day - timedelta(days=3), day), (day, day + timedelta(days=3))]:
        pool = [Candidate(1, "A", unavailable=[period]), Candidate(2, "B")]
        assert hosts(propose_hosts(pool, [], [day])) == [2]


def test_nobody_eligible_gives_no_candidate_instead_of_raising() -> None:
    assert propose_hosts([], [], tuesdays(2)) == [
        HostProposal(d, None, ProposalReason.NO_CANDIDATE) for d in tuesdays(2)
    ]
    pool = [Candidate(1, "A", can_host=False)]
    assert hosts(propose_hosts(pool, [], tuesdays(1))) == [None]


def test_no_dates_give_no_proposals() -> None:
    assert propose_hosts([Candidate(1, "A")], [PastHosting(date(2026, 1, 1), 1)], []) == []


def test_ortsteil_spread_among_equals() -> None:
    pool = [
        Candidate(1, "Angler Ballenstedt", ortsteil_id=10),
        Candidate(2, "Bogenschützen Ballenstedt", ortsteil_id=10),
        Candidate(3, "Chor Rieder", ortsteil_id=20),
        Candidate(4, "Dorfverein Rieder", ortsteil_id=20),
    ]
    assert hosts(propose_hosts(pool, [], tuesdays(4))) == [1, 3, 2, 4]


def test_ortsteil_spread_uses_the_last_historical_host() -> None:
    pool = [
        Candidate(1, "A", ortsteil_id=10),
        Candidate(2, "B", ortsteil_id=10),
        Candidate(3, "C", ortsteil_id=20),
    ]
    history = [PastHosting(date(2025, 11, 18), 1)]
    assert hosts(propose_hosts(pool, history, tuesdays(1))) == [3]


def test_ortsteil_spread_never_beats_fairness() -> None:
    pool = [
        Candidate(1, "A", ortsteil_id=10),
        Candidate(2, "B", ortsteil_id=20),
        Candidate(4, "C", ortsteil_id=10),
    ]
    # Host 3 left the pool, so the previous Ortsteil is unknown. C never hosted and
    # follows A although both are in Ortsteil 10: B, in another Ortsteil, hosted before.
    history = [PastHosting(date(2025, 1, 1), 2), PastHosting(date(2025, 11, 18), 3)]
    assert hosts(propose_hosts(pool, history, tuesdays(3))) == [1, 4, 2]


def test_unknown_ortsteil_never_counts_as_the_same() -> None:
    pool = [Candidate(1, "A"), Candidate(2, "B"), Candidate(3, "C", ortsteil_id=5)]
    assert hosts(propose_hosts(pool, [], tuesdays(3))) == [1, 2, 3]


def test_tie_break_by_name_case_insensitively_then_id() -> None:
    pool = [
        Candidate(9, "heimatverein"),
        Candidate(5, "Heimatverein"),
        Candidate(7, "Heimatverein"),
        Candidate(8, "Anglerverein"),
    ]
    # casefold ties "heimatverein" and "Heimatverein"; then "H" < "h", then the id.
    assert hosts(propose_hosts(pool, [], tuesdays(4))) == [8, 5, 7, 9]


def test_decline_moves_to_the_next_proposal() -> None:
    pool = [Candidate(1, "A"), Candidate(2, "B"), Candidate(3, "C")]
    dates = tuesdays(3)
    assert hosts(propose_hosts(pool, [], dates)) == [1, 2, 3]

    declined = propose_hosts(pool, [], dates, exclude={dates[0]: {1}})
    assert hosts(declined) == [2, 1, 3]
    assert hosts(propose_hosts(pool, [], dates, exclude={dates[0]: {1, 2}})) == [3, 1, 2]
    assert hosts(propose_hosts(pool, [], dates, exclude={dates[0]: {1, 2, 3}})) == [None, 1, 2]


def test_exclude_only_applies_to_its_day() -> None:
    pool = [Candidate(1, "A"), Candidate(2, "B")]
    dates = tuesdays(2)
    assert hosts(propose_hosts(pool, [], dates, exclude={dates[1]: [2]})) == [1, None]
    assert hosts(propose_hosts(pool, [], dates, exclude={date(2030, 1, 1): [1]})) == [1, 2]


def test_aware_datetimes_use_the_local_day() -> None:
    # 23:30 UTC on 28 March is already 29 March in Berlin (00:30 CET).
    meeting = datetime(2026, 3, 28, 23, 30, tzinfo=UTC)
    pool = [
        Candidate(1, "A", unavailable=[(date(2026, 3, 29), date(2026, 3, 29))]),
        Candidate(2, "B"),
    ]
    proposals = propose_hosts(pool, [], [meeting])
    assert proposals == [HostProposal(meeting, 2, ProposalReason.NEVER_HOSTED)]
    assert hosts(propose_hosts(pool, [], [meeting], exclude={date(2026, 3, 29): [2]})) == [None]
    # An exclude key given as datetime is reduced to its local day as well.
    assert hosts(propose_hosts(pool, [], [meeting], exclude={meeting: [2]})) == [None]


def test_history_with_datetimes_and_absent_hosts() -> None:
    pool = [Candidate(1, "A"), Candidate(2, "B")]
    history = [
        PastHosting(datetime(2025, 11, 18, 18, tzinfo=BERLIN), 1),
        PastHosting(datetime(2025, 9, 16, 18, tzinfo=BERLIN), 99),
    ]
    proposals = propose_hosts(pool, history, tuesdays(2))
    assert hosts(proposals) == [2, 1]
    assert proposals[1].last_hosted == date(2025, 11, 18)


def test_several_history_entries_on_the_latest_day_all_block() -> None:
    pool = [Candidate(1, "A"), Candidate(2, "B"), Candidate(3, "C")]
    history = [PastHosting(date(2025, 11, 18), 1), PastHosting(date(2025, 11, 18), 2)]
    assert hosts(propose_hosts(pool, history, tuesdays(1))) == [3]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"dates": [date(2026, 3, 1), date(2026, 2, 1)]}, "strictly increasing"),
        ({"dates": [date(2026, 3, 1), date(2026, 3, 1)]}, "strictly increasing"),
        ({"dates": [datetime(2026, 3, 1, 18)]}, "naive"),
        ({"history": [PastHosting(date(2026, 3, 1), 1)]}, "history"),
        ({"candidates": [Candidate(1, "A"), Candidate(1, "B")]}, "twice"),
    ],
)
def test_invalid_input_raises(kwargs: dict[str, object], message: str) -> None:
    arguments: dict[str, object] = {
        "candidates": [Candidate(1, "A")],
        "history": [],
        "dates": [date(2026, 3, 1)],
    }
    arguments.update(kwargs)
    with pytest.raises(ValueError, match=message):
        propose_hosts(**arguments)  # type: ignore[arg-type]


def test_candidate_validates_and_freezes_periods() -> None:
    with pytest.raises(ValueError, match="ends before start"):
        Candidate(1, "A", unavailable=[(date(2026, 2, 1), date(2026, 1, 1))])
    candidate = Candidate(1, "A", unavailable=[[date(2026, 1, 1), date(2026, 2, 1)]])  # type: ignore[list-item]
    assert candidate.unavailable == ((date(2026, 1, 1), date(2026, 2, 1)),)
    assert hash(candidate)


# ---------------------------------------------------------------- properties: rotation

START = date(2026, 1, 1)
NAMES = ["Angelverein", "angelverein", "Feuerwehr", "Heimatverein", "Kita Spatzennest", "Chor"]


@st.composite
def periods(draw: st.DrawFn) -> tuple[date, date]:
    begin = START + timedelta(days=draw(st.integers(-30, 400)))
    return begin, begin + timedelta(days=draw(st.integers(0, 120)))


@st.composite
def candidate_pools(draw: st.DrawFn, *, blocked: bool = True) -> list[Candidate]:
    ids = draw(st.lists(st.integers(1, 40), max_size=7, unique=True))
    return [
        Candidate(
            akteur_id=akteur_id,
            name=draw(st.sampled_from(NAMES)),
            ortsteil_id=draw(st.sampled_from([None, 1, 2, 3])),
            can_host=draw(st.sampled_from([True, True, True, False])) if blocked else True,
            unavailable=tuple(draw(st.lists(periods(), max_size=2))) if blocked else (),
        )
        for akteur_id in ids
    ]


@st.composite
def meeting_dates(draw: st.DrawFn) -> list[date | datetime]:
    offsets = draw(st.lists(st.integers(0, 400), max_size=12, unique=True))
    days = [START + timedelta(days=offset) for offset in sorted(offsets)]
    return [
        datetime.combine(day, time(18), tzinfo=BERLIN) if draw(st.booleans()) else day
        for day in days
    ]


@st.composite
def histories(draw: st.DrawFn, ids: list[int]) -> list[PastHosting]:
    offsets = draw(st.lists(st.integers(1, 900), max_size=10))
    return [
        PastHosting(START - timedelta(days=offset), draw(st.sampled_from([*ids, 99])))
        for offset in offsets
    ]


@st.composite
def scenarios(draw: st.DrawFn) -> dict[str, object]:
    pool = draw(candidate_pools())
    dates = draw(meeting_dates())
    ids = [candidate.akteur_id for candidate in pool]
    exclude = {}
    if ids and dates:
        for meeting in draw(st.lists(st.sampled_from(dates), max_size=3)):
            exclude[_day(meeting)] = set(draw(st.lists(st.sampled_from(ids), max_size=3)))
    return {
        "candidates": pool,
        "history": draw(histories(ids)),
        "dates": dates,
        "exclude": exclude,
    }


def _day(value: date | datetime) -> date:
    return value.astimezone(BERLIN).date() if isinstance(value, datetime) else value


def check_rules(
    candidates: list[Candidate],
    history: list[PastHosting],
    dates: list[date | datetime],
    exclude: dict[date, set[int]],
    proposals: list[HostProposal],
) -> None:
    """Replay the proposals and check every documented rule at every step."""
    assert [p.date for p in proposals] == dates
    by_id = {c.akteur_id: c for c in candidates}
    count: dict[int, int] = {}
    last: dict[int, date] = {}
    for entry in history:
        count[entry.akteur_id] = count.get(entry.akteur_id, 0) + 1
        last[entry.akteur_id] = max(_day(entry.date), last.get(entry.akteur_id, date.min))
    latest = max((_day(entry.date) for entry in history), default=None)
    previous = {entry.akteur_id for entry in history if _day(entry.date) == latest}

    for proposal in proposals:
        day = _day(proposal.date)
        eligible = [
            c
            for c in candidates
            if c.can_host
            and c.is_available(day)
            and c.akteur_id not in exclude.get(day, set())
            and c.akteur_id not in previous
        ]
        if proposal.akteur_id is None:
            assert not eligible
            assert proposal.reason is ProposalReason.NO_CANDIDATE
            previous = set()
            continue
        chosen = by_id[proposal.akteur_id]
        assert chosen in eligible  # able, available, not declined, not back-to-back
        least = min(count.get(c.akteur_id, 0) for c in eligible)
        assert count.get(chosen.akteur_id, 0) == least
        tied = [c for c in eligible if count.get(c.akteur_id, 0) == least]
        oldest = min(last.get(c.akteur_id, date.min) for c in tied)
        assert last.get(chosen.akteur_id, date.min) == oldest
        tied = [c for c in tied if last.get(c.akteur_id, date.min) == oldest]
        previous_ortsteile = {by_id[a].ortsteil_id for a in previous if a in by_id} - {None}
        if any(c.ortsteil_id not in previous_ortsteile for c in tied):
            assert chosen.ortsteil_id not in previous_ortsteile
        if least == 0:
            assert proposal.reason is ProposalReason.NEVER_HOSTED
            assert (proposal.last_hosted, proposal.times_hosted) == (None, 0)
        else:
            assert proposal.reason is ProposalReason.LAST_HOSTED
            assert (proposal.last_hosted, proposal.times_hosted) == (oldest, least)
        count[chosen.akteur_id] = least + 1
        last[chosen.akteur_id] = day
        previous = {chosen.akteur_id}


@PROPERTY
@given(scenarios())
def test_property_every_rule_holds_at_every_step(scenario: dict) -> None:
    proposals = propose_hosts(**scenario)
    check_rules(**scenario, proposals=proposals)


@PROPERTY
@given(scenarios())
def test_property_no_back_to_back_host(scenario: dict) -> None:
    proposals = propose_hosts(**scenario)
    history = sorted(scenario["history"], key=lambda entry: entry.date)
    sequence = [entry.akteur_id for entry in history[-1:]] + hosts(proposals)
    for earlier, later in zip(sequence, sequence[1:], strict=False):
        assert earlier is None or earlier != later


@PROPERTY
@given(scenarios())
def test_property_unavailable_non_hosting_and_declined_never_chosen(scenario: dict) -> None:
    by_id = {c.akteur_id: c for c in scenario["candidates"]}
    for proposal in propose_hosts(**scenario):
        if proposal.akteur_id is None:
            continue
        chosen = by_id[proposal.akteur_id]
        day = _day(proposal.date)
        assert chosen.can_host
        assert not any(begin <= day <= end for begin, end in chosen.unavailable)
        assert chosen.akteur_id not in scenario["exclude"].get(day, set())


@PROPERTY
@given(scenarios(), st.randoms(use_true_random=False))
def test_property_deterministic_and_independent_of_input_order(scenario: dict, rnd) -> None:
    first = propose_hosts(**scenario)
    shuffled = dict(scenario)
    shuffled["candidates"] = rnd.sample(scenario["candidates"], len(scenario["candidates"]))
    shuffled["history"] = rnd.sample(scenario["history"], len(scenario["history"]))
    assert propose_hosts(**shuffled) == first
    assert propose_hosts(**scenario) == first


@PROPERTY
@given(scenarios())
def test_property_exclude_equals_unavailable_on_that_day(scenario: dict) -> None:
    exclude: dict[date, set[int]] = scenario["exclude"]
    blocked = [
        replace(
            candidate,
            unavailable=candidate.unavailable
            + tuple((day, day) for day, ids in exclude.items() if candidate.akteur_id in ids),
        )
        for candidate in scenario["candidates"]
    ]
    expected = propose_hosts(blocked, scenario["history"], scenario["dates"])
    assert propose_hosts(**scenario) == expected


@PROPERTY
@given(
    candidate_pools(blocked=False),
    st.integers(0, 3),
    st.integers(1, 4),
    st.randoms(use_true_random=False),
)
def test_property_everyone_hosts_once_before_anyone_twice(
    pool: list[Candidate], times: int, rounds: int, rnd
) -> None:
    """Nothing blocks and all hosted equally often: each round is a permutation."""
    ids = [candidate.akteur_id for candidate in pool]
    history_ids = [akteur_id for _ in range(times) for akteur_id in rnd.sample(ids, len(ids))]
    history = [
        PastHosting(START - timedelta(days=30 * (len(history_ids) - i)), akteur_id)
        for i, akteur_id in enumerate(history_ids)
    ]
    dates = [START + timedelta(days=30 * i) for i in range(len(ids) * rounds)]
    chosen = hosts(propose_hosts(pool, history, dates))

    if len(ids) < 2:
        return  # one Akteur alone must skip every second meeting; tested above
    for start in range(0, len(chosen), len(ids)):
        assert sorted(chosen[start : start + len(ids)]) == sorted(ids)  # type: ignore[type-var]
    for end in range(len(chosen) + 1):
        hosted = [chosen[:end].count(akteur_id) for akteur_id in ids]
        assert max(hosted) - min(hosted) <= 1


# ------------------------------------------------------------------- examples: cadence

EVERY_SECOND_MONTH = Cadence(
    Frequency.MONTHLY, weekday=1, time=time(18), interval=2, nth=3, anchor=date(2026, 1, 1)
)


def test_every_second_month_on_the_third_tuesday() -> None:
    result = termine_nach_rhythmus(EVERY_SECOND_MONTH, after=date(2026, 1, 1), count=6)

    assert result == [
        datetime(2026, 1, 20, 18, tzinfo=BERLIN),
        datetime(2026, 3, 17, 18, tzinfo=BERLIN),
        datetime(2026, 5, 19, 18, tzinfo=BERLIN),
        datetime(2026, 7, 21, 18, tzinfo=BERLIN),
        datetime(2026, 9, 15, 18, tzinfo=BERLIN),
        datetime(2026, 11, 17, 18, tzinfo=BERLIN),
    ]
    assert [r.utcoffset() for r in result] == [timedelta(hours=h) for h in (1, 1, 2, 2, 2, 1)]


def test_the_anchor_keeps_the_phase_whenever_planning_happens() -> None:
    later = termine_nach_rhythmus(EVERY_SECOND_MONTH, after=date(2026, 2, 10), count=2)
    assert [r.date() for r in later] == [date(2026, 3, 17), date(2026, 5, 19)]

    unanchored = replace(EVERY_SECOND_MONTH, anchor=None)
    drifted = termine_nach_rhythmus(unanchored, after=date(2026, 2, 10), count=2)
    assert [r.date() for r in drifted] == [date(2026, 2, 17), date(2026, 4, 21)]


def test_after_a_date_excludes_that_day_after_a_datetime_that_instant() -> None:
    cadence = Cadence(Frequency.WEEKLY, weekday=1, time=time(18))
    tuesday = date(2026, 3, 17)
    meeting = datetime(2026, 3, 17, 18, tzinfo=BERLIN)

    assert termine_nach_rhythmus(cadence, after=tuesday, count=1)[0].date() == date(2026, 3, 24)
    assert termine_nach_rhythmus(cadence, after=meeting, count=1)[0].date() == date(2026, 3, 24)
    before = meeting - timedelta(minutes=1)
    assert termine_nach_rhythmus(cadence, after=before, count=1) == [meeting]
    # The instant counts, not the zone it is written in.
    utc_before = before.astimezone(UTC)
    assert termine_nach_rhythmus(cadence, after=utc_before, count=1) == [meeting]


def test_a_later_anchor_is_where_the_series_begins() -> None:
    cadence = Cadence(Frequency.WEEKLY, weekday=3, time=time(19, 30), anchor=date(2026, 6, 1))
    result = termine_nach_rhythmus(cadence, after=date(2026, 1, 1), count=2)
    assert result == [
        datetime(2026, 6, 4, 19, 30, tzinfo=BERLIN),
        datetime(2026, 6, 11, 19, 30, tzinfo=BERLIN),
    ]


def test_weekly_on_sundays_across_both_daylight_saving_changes() -> None:
    cadence = Cadence(Frequency.WEEKLY, weekday=6, time=time(18))
    spring = termine_nach_rhythmus(cadence, after=date(2026, 3, 21), count=3)
    autumn = termine_nach_rhythmus(cadence, after=date(2026, 10, 17), count=3)

    assert [r.date() for r in spring] == [date(2026, 3, 22), date(2026, 3, 29), date(2026, 4, 5)]
    assert [r.date() for r in autumn] == [date(2026, 10, 18), date(2026, 10, 25), date(2026, 11, 1)]
    for result in spring + autumn:
        assert (result.hour, result.minute, result.tzinfo) == (18, 0, BERLIN)
    assert [r.astimezone(UTC).hour for r in spring] == [17, 16, 16]
    assert [r.astimezone(UTC).hour for r in autumn] == [16, 17, 17]


def test_every_second_week_on_tuesday_across_the_changes() -> None:
    cadence = Cadence(
        Frequency.WEEKLY, weekday=1, time=time(18), interval=2, anchor=date(2026, 3, 16)
    )
    result = termine_nach_rhythmus(cadence, after=date(2026, 3, 1), count=18)
    assert result[0] == datetime(2026, 3, 17, 18, tzinfo=BERLIN)
    assert result[1] == datetime(2026, 3, 31, 18, tzinfo=BERLIN)
    assert all(r.hour == 18 and r.weekday() == 1 for r in result)
    assert all((b.date() - a.date()).days == 14 for a, b in zip(result, result[1:], strict=False))
    assert {r.utcoffset() for r in result} == {timedelta(hours=1), timedelta(hours=2)}


def test_last_sunday_of_the_month_hits_both_change_days() -> None:
    cadence = Cadence(Frequency.MONTHLY, weekday=6, time=time(18), nth=-1)
    result = termine_nach_rhythmus(cadence, after=date(2026, 3, 1), count=8)

    assert result[0] == datetime(2026, 3, 29, 18, tzinfo=BERLIN)
    assert result[7] == datetime(2026, 10, 25, 18, tzinfo=BERLIN)
    assert result[0].utcoffset() == timedelta(hours=2)
    assert result[7].utcoffset() == timedelta(hours=1)
    assert all(r.hour == 18 for r in result)


def test_wall_times_inside_the_switch_hours() -> None:
    cadence = Cadence(Frequency.MONTHLY, weekday=6, time=time(2, 30), nth=-1)
    spring = termine_nach_rhythmus(cadence, after=date(2026, 3, 1), count=1)[0]
    autumn = termine_nach_rhythmus(cadence, after=date(2026, 10, 1), count=1)[0]

    # 02:30 does not exist on 29 March: the gap moves it to 03:30 summer time.
    assert (spring.date(), spring.hour, spring.minute) == (date(2026, 3, 29), 3, 30)
    assert spring.utcoffset() == timedelta(hours=2)
    # 02:30 happens twice on 25 October: the first (summer time) one is taken.
    assert (autumn.hour, autumn.minute, autumn.utcoffset()) == (2, 30, timedelta(hours=2))


def test_count_zero_and_other_zones() -> None:
    cadence = Cadence(Frequency.WEEKLY, weekday=0, time=time(9))
    assert termine_nach_rhythmus(cadence, after=date(2026, 1, 1), count=0) == []
    london = ZoneInfo("Europe/London")
    result = termine_nach_rhythmus(cadence, after=date(2026, 1, 1), count=1, zone=london)
    assert result == [datetime(2026, 1, 5, 9, tzinfo=london)]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"frequency": Frequency.WEEKLY, "weekday": 7, "time": time(18)},
        {"frequency": Frequency.WEEKLY, "weekday": 1, "time": time(18), "interval": 0},
        {"frequency": Frequency.WEEKLY, "weekday": 1, "time": time(18), "nth": 2},
        {"frequency": Frequency.MONTHLY, "weekday": 1, "time": time(18)},
        {"frequency": Frequency.MONTHLY, "weekday": 1, "time": time(18), "nth": 5},
        {"frequency": Frequency.MONTHLY, "weekday": 1, "time": time(18), "nth": 0},
        {"frequency": Frequency.WEEKLY, "weekday": 1, "time": time(18, tzinfo=BERLIN)},
        {
            "frequency": Frequency.WEEKLY,
            "weekday": 1,
            "time": time(18),
            "anchor": datetime(2026, 1, 1, tzinfo=BERLIN),
        },
    ],
)
def test_invalid_cadence_raises(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        Cadence(**kwargs)  # type: ignore[arg-type]


def test_invalid_arguments_raise() -> None:
    cadence = Cadence(Frequency.WEEKLY, weekday=1, time=time(18))
    with pytest.raises(ValueError, match="aware"):
        termine_nach_rhythmus(cadence, after=datetime(2026, 1, 1), count=1)
    with pytest.raises(ValueError, match="negative"):
        termine_nach_rhythmus(cadence, after=date(2026, 1, 1), count=-1)


# --------------------------------------------------------------- properties: cadence


@st.composite
def cadences(draw: st.DrawFn) -> Cadence:
    frequency = draw(st.sampled_from(Frequency))
    return Cadence(
        frequency=frequency,
        weekday=draw(st.integers(0, 6)),
        time=time(draw(st.integers(0, 23)), draw(st.sampled_from([0, 15, 30, 45]))),
        interval=draw(st.integers(1, 4)),
        nth=draw(st.sampled_from([1, 2, 3, 4, -1])) if frequency is Frequency.MONTHLY else None,
        anchor=draw(st.dates(date(2024, 1, 1), date(2027, 12, 31))),
    )


def _months(day: date) -> int:
    return day.year * 12 + day.month


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


@PROPERTY
@given(cadences(), st.dates(date(2024, 1, 1), date(2028, 12, 31)), st.integers(0, 15))
def test_property_cadence(cadence: Cadence, after: date, count: int) -> None:
    result = termine_nach_rhythmus(cadence, after=after, count=count)

    assert len(result) == count
    assert result == sorted(set(result))
    for meeting in result:
        local = meeting.astimezone(BERLIN)
        day = local.date()
        assert day > after and day >= cadence.anchor
        assert day.weekday() == cadence.weekday
        if local.replace(tzinfo=None).time() != cadence.time:
            # Only a wall time inside the spring-forward gap may move, by that hour.
            assert (day.month, day.weekday(), cadence.time.hour) == (3, 6, 2)
            assert local.hour == 3
        if cadence.frequency is Frequency.MONTHLY:
            assert (_months(day) - _months(cadence.anchor)) % cadence.interval == 0
            length = calendar.monthrange(day.year, day.month)[1]
            if cadence.nth == -1:
                assert day.day + 7 > length
            else:
                assert (cadence.nth - 1) * 7 < day.day <= cadence.nth * 7
        else:
            weeks = (_monday(day) - _monday(cadence.anchor)).days // 7
            assert weeks % cadence.interval == 0
    # Nothing is skipped: consecutive meetings are exactly one step apart.
    for earlier, later in zip(result, result[1:], strict=False):
        if cadence.frequency is Frequency.MONTHLY:
            assert _months(later.date()) - _months(earlier.date()) == cadence.interval
        else:
            assert (later.date() - earlier.date()).days == 7 * cadence.interval


@PROPERTY
@given(cadences(), st.dates(date(2024, 1, 1), date(2028, 12, 31)), st.integers(0, 200))
def test_property_planning_later_continues_the_same_series(
    cadence: Cadence, after: date, days_later: int
) -> None:
    early = termine_nach_rhythmus(cadence, after=after, count=12)
    late = termine_nach_rhythmus(cadence, after=after + timedelta(days=days_later), count=3)
    if late[0] <= early[-1]:
        # Planning later neither shifts nor skips meetings of the anchored series.
        start = early.index(late[0])
        assert early[start : start + 3] == late[: 12 - start]
