"""Tests for the pure Terminabgleich (clash detection); no Django, no database."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from itertools import combinations
from zoneinfo import ZoneInfo

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from termine.terminabgleich import (
    WEIGHTS,
    CalendarFact,
    Clash,
    ClashReason,
    TerminData,
    clashes_by_day,
    find_clash_pairs,
    find_clashes,
    local_days,
)

BERLIN = ZoneInfo("Europe/Berlin")
PROPERTY = settings(max_examples=150, deadline=None)
R = ClashReason


def at(day: date, hour: int = 0, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=BERLIN)


def termin(
    start: datetime, end: datetime | None = None, *, id: int | None = None, **kwargs: object
) -> TerminData:
    return TerminData(start=start, end=end or start + timedelta(hours=2), id=id, **kwargs)  # type: ignore[arg-type]


def all_day(first: date, last: date | None = None, **kwargs: object) -> TerminData:
    """An all-day Termin in the iCal convention: end is the midnight after the last day."""
    return termin(at(first), at((last or first) + timedelta(days=1)), all_day=True, **kwargs)


def reasons_between(a: TerminData, b: TerminData) -> tuple[ClashReason, ...] | None:
    clashes = find_clashes(a, [b])
    return clashes[0].reasons if clashes else None


SATURDAY = date(2026, 6, 13)


# ------------------------------------------------------------------------- local days


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        (at(SATURDAY, 10), at(SATURDAY, 12), [SATURDAY]),
        (
            at(SATURDAY, 23, 30),
            at(SATURDAY + timedelta(days=1), 0, 30),
            [SATURDAY, date(2026, 6, 14)],
        ),
        (at(SATURDAY, 22), at(SATURDAY + timedelta(days=1)), [SATURDAY]),
        (at(SATURDAY), at(SATURDAY), [SATURDAY]),
        (at(SATURDAY), at(SATURDAY + timedelta(days=1)), [SATURDAY]),
        (at(SATURDAY), at(SATURDAY, 23, 59), [SATURDAY]),
        (
            at(SATURDAY, 18),
            at(SATURDAY + timedelta(days=2), 0, 1),
            [SATURDAY + timedelta(days=i) for i in range(3)],
        ),
        # 22:30 UTC is 00:30 the next day in summer, 23:30 the same day in winter.
        (
            datetime(2026, 7, 1, 22, 30, tzinfo=UTC),
            datetime(2026, 7, 1, 23, tzinfo=UTC),
            [date(2026, 7, 2)],
        ),
        (
            datetime(2026, 1, 1, 22, 30, tzinfo=UTC),
            datetime(2026, 1, 1, 23, tzinfo=UTC),
            [date(2026, 1, 1)],
        ),
        # The 23-hour and the 25-hour day.
        (at(date(2026, 3, 29)), at(date(2026, 3, 30)), [date(2026, 3, 29)]),
        (at(date(2026, 10, 25)), at(date(2026, 10, 26)), [date(2026, 10, 25)]),
        (at(date(2026, 3, 29), 1, 30), at(date(2026, 3, 29), 3, 30), [date(2026, 3, 29)]),
    ],
)
def test_local_days(start: datetime, end: datetime, days: list[date]) -> None:
    assert list(local_days(termin(start, end))) == days


# ------------------------------------------------------------------- each reason alone

BASE = termin(at(SATURDAY, 10), at(SATURDAY, 12), id=1)


SUNDAY = SATURDAY + timedelta(days=1)


@pytest.mark.parametrize(
    ("candidate", "triggering", "not_triggering", "reason"),
    [
        (BASE, {}, {"start": at(SUNDAY, 14), "end": at(SUNDAY, 16)}, R.SAME_DAY),
        (BASE, {"start": at(SATURDAY, 11)}, {"start": at(SATURDAY, 12)}, R.TIME_OVERLAP),
        (replace(BASE, ortsteil_id=3), {"ortsteil_id": 3}, {"ortsteil_id": 4}, R.SAME_ORTSTEIL),
        (
            replace(BASE, audience="oeffentlich"),
            {"audience": "oeffentlich"},
            {"audience": "netzwerk"},
            R.SAME_AUDIENCE,
        ),
        (
            replace(BASE, category="fest"),
            {"category": "fest"},
            {"category": "sport"},
            R.SAME_CATEGORY,
        ),
        (BASE, {"is_big_public_event": True}, {}, R.BIG_PUBLIC_EVENT),
        (replace(BASE, is_big_public_event=True), {}, None, R.BIG_PUBLIC_EVENT),
        (
            replace(BASE, organiser_ids=frozenset({7, 8})),
            {"organiser_ids": frozenset({8, 9})},
            {"organiser_ids": frozenset({9})},
            R.SAME_ORGANISER,
        ),
    ],
)
def test_each_reason_is_triggered_and_not_triggered(
    candidate: TerminData,
    triggering: dict[str, object],
    not_triggering: dict[str, object] | None,
    reason: ClashReason,
) -> None:
    # The plain other Termin shares the day (14-16 o'clock) and nothing else.
    other = termin(at(SATURDAY, 14), at(SATURDAY, 16), id=2)
    expected = tuple(r for r in ClashReason if r in {reason, R.SAME_DAY})
    assert reasons_between(candidate, replace(other, **triggering)) == expected
    if not_triggering is not None:
        found = reasons_between(candidate, replace(other, **not_triggering))
        assert found is None or reason not in found


def test_a_bare_same_day_clash_has_only_same_day() -> None:
    clashes = find_clashes(BASE, [termin(at(SATURDAY, 14), id=2)])
    assert [(c.score, c.reasons, c.days) for c in clashes] == [(1, (R.SAME_DAY,), (SATURDAY,))]


def test_unknown_values_never_match() -> None:
    a = replace(BASE, ortsteil_id=None, audience=None, category=None)
    b = termin(at(SATURDAY, 14), id=2)
    assert reasons_between(a, b) == (R.SAME_DAY,)


def test_all_reasons_together_and_the_score_is_their_weight_sum() -> None:
    kwargs = {
        "ortsteil_id": 1,
        "audience": "oeffentlich",
        "category": "fest",
        "organiser_ids": frozenset({5}),
    }
    a = termin(at(SATURDAY, 10), at(SATURDAY, 18), id=1, is_big_public_event=True, **kwargs)
    b = termin(at(SATURDAY, 11), id=2, **kwargs)
    [clash] = find_clashes(a, [b])

    assert clash.reasons == (
        R.BIG_PUBLIC_EVENT,
        R.TIME_OVERLAP,
        R.SAME_ORTSTEIL,
        R.SAME_CATEGORY,
        R.SAME_AUDIENCE,
        R.SAME_ORGANISER,
        R.SAME_DAY,
    )
    assert clash.score == 5 + 3 + 3 + 2 + 1 + 2 + 1
    assert clash.termin == b and clash.fact is None


def test_weights_are_documented_for_every_reason() -> None:
    assert set(WEIGHTS) == set(ClashReason)
    assert all(weight > 0 for weight in WEIGHTS.values())


# -------------------------------------------------------------- day boundaries and DST


def test_an_event_across_midnight_touches_both_days() -> None:
    late = termin(at(SATURDAY, 23, 30), at(SATURDAY + timedelta(days=1), 0, 30), id=1)
    evening_before = termin(at(SATURDAY, 8), at(SATURDAY, 9), id=2)
    morning_after = termin(at(SATURDAY + timedelta(days=1), 10), id=3)
    two_days_later = termin(at(SATURDAY + timedelta(days=2), 10), id=4)

    clashes = find_clashes(late, [evening_before, morning_after, two_days_later])
    assert {c.termin.id: c.days for c in clashes if c.termin} == {
        2: (SATURDAY,),
        3: (SATURDAY + timedelta(days=1),),
    }


def test_an_end_at_midnight_does_not_touch_the_next_day() -> None:
    evening = termin(at(SATURDAY, 20), at(SATURDAY + timedelta(days=1)), id=1)
    sunday = termin(at(SATURDAY + timedelta(days=1), 0), at(SATURDAY + timedelta(days=1), 1), id=2)
    assert find_clashes(evening, [sunday]) == []


def test_utc_input_is_judged_by_the_local_day() -> None:
    # 22:30-23:00 UTC on 1 July is 00:30-01:00 on 2 July in Berlin.
    night = termin(
        datetime(2026, 7, 1, 22, 30, tzinfo=UTC), datetime(2026, 7, 1, 23, tzinfo=UTC), id=1
    )
    first_july = termin(at(date(2026, 7, 1), 10), id=2)
    second_july = termin(at(date(2026, 7, 2), 10), id=3)
    assert [c.termin.id for c in find_clashes(night, [first_july, second_july]) if c.termin] == [3]


@pytest.mark.parametrize("day", [date(2026, 3, 29), date(2026, 10, 25)])
def test_all_day_covers_exactly_the_local_day_on_dst_days(day: date) -> None:
    whole_day = all_day(day, id=1)
    late = termin(at(day, 23, 30), at(day, 23, 59), id=2)
    after_midnight = termin(at(day + timedelta(days=1), 0, 30), id=3)
    before_midnight = termin(at(day - timedelta(days=1), 23), at(day), id=4)

    clashes = find_clashes(whole_day, [late, after_midnight, before_midnight])
    assert [(c.termin.id, c.reasons) for c in clashes if c.termin] == [
        (2, (R.TIME_OVERLAP, R.SAME_DAY)),
    ]


def test_all_day_events_overlap_everything_on_their_days_whatever_their_times() -> None:
    # Some adapters store all-day dates at midnight-to-midnight, others at the same
    # instant or 23:59; all mean the whole day.
    variants = [
        all_day(SATURDAY, id=1),
        termin(at(SATURDAY), at(SATURDAY), all_day=True, id=1),
        termin(at(SATURDAY), at(SATURDAY, 23, 59), all_day=True, id=1),
    ]
    evening = termin(at(SATURDAY, 19), id=2)
    for variant in variants:
        assert reasons_between(variant, evening) == (R.TIME_OVERLAP, R.SAME_DAY)
        assert (
            reasons_between(
                variant,
                replace(
                    evening,
                    start=at(SATURDAY + timedelta(days=1), 19),
                    end=at(SATURDAY + timedelta(days=1), 20),
                ),
            )
            is None
        )


def test_multi_day_events_share_only_the_common_days() -> None:
    stadtfest = all_day(date(2026, 6, 12), date(2026, 6, 14), id=1, is_big_public_event=True)
    camp = termin(at(date(2026, 6, 13), 9), at(date(2026, 6, 16), 15), id=2)
    [clash] = find_clashes(stadtfest, [camp])
    assert clash.days == (date(2026, 6, 13), date(2026, 6, 14))
    assert clash.reasons == (R.BIG_PUBLIC_EVENT, R.TIME_OVERLAP, R.SAME_DAY)


def test_back_to_back_times_do_not_overlap_but_equal_instants_do() -> None:
    a = termin(at(SATURDAY, 10), at(SATURDAY, 12), id=1)
    assert reasons_between(a, termin(at(SATURDAY, 12), id=2)) == (R.SAME_DAY,)
    assert reasons_between(a, termin(at(SATURDAY, 8), at(SATURDAY, 10), id=3)) == (R.SAME_DAY,)
    point = termin(at(SATURDAY, 10), at(SATURDAY, 10), id=4)
    assert reasons_between(a, point) == (R.TIME_OVERLAP, R.SAME_DAY)
    assert reasons_between(point, replace(point, id=5)) == (R.TIME_OVERLAP, R.SAME_DAY)
    assert reasons_between(termin(at(SATURDAY, 12), at(SATURDAY, 12), id=6), a) == (R.SAME_DAY,)


# ------------------------------------------------------------------ holidays and facts

SOMMERFERIEN = CalendarFact("Sommerferien", date(2026, 7, 4), date(2026, 8, 14))


def test_school_holidays_clash_on_shared_days_only() -> None:
    crossing = termin(at(date(2026, 8, 14), 10), at(date(2026, 8, 16), 12), id=1)
    [clash] = find_clashes(crossing, [], school_holidays=[SOMMERFERIEN])
    assert clash == Clash(2, (R.SCHOOL_HOLIDAY,), (date(2026, 8, 14),), fact=SOMMERFERIEN)

    first_day = termin(at(date(2026, 7, 4), 10), id=2)
    assert len(find_clashes(first_day, [], school_holidays=[SOMMERFERIEN])) == 1
    day_after = termin(at(date(2026, 8, 15), 10), id=3)
    assert find_clashes(day_after, [], school_holidays=[SOMMERFERIEN]) == []
    day_before = termin(at(date(2026, 7, 3), 22), at(date(2026, 7, 4)), id=4)
    assert find_clashes(day_before, [], school_holidays=[SOMMERFERIEN]) == []


def test_public_holidays_clash_per_day() -> None:
    facts = {date(2026, 5, 1): "Erster Mai", date(2026, 5, 14): "Christi Himmelfahrt"}
    may_day = termin(at(date(2026, 5, 1), 10), id=1)
    assert find_clashes(may_day, [], public_holidays=facts) == [
        Clash(
            3,
            (R.PUBLIC_HOLIDAY,),
            (date(2026, 5, 1),),
            fact=CalendarFact("Erster Mai", date(2026, 5, 1), date(2026, 5, 1)),
        )
    ]
    long_weekend = all_day(date(2026, 4, 30), date(2026, 5, 3), id=2)
    assert [
        c.fact.name for c in find_clashes(long_weekend, [], public_holidays=facts) if c.fact
    ] == ["Erster Mai"]
    assert find_clashes(termin(at(date(2026, 5, 2), 10)), [], public_holidays=facts) == []


def test_a_holidays_object_can_be_passed_directly() -> None:
    # The `holidays` package fills a year in lazily, so the object starts out empty.
    sachsen_anhalt = holidays.country_holidays("DE", subdiv="ST")
    dreikoenige = termin(at(date(2026, 1, 6), 15), id=1)
    [clash] = find_clashes(dreikoenige, [], public_holidays=sachsen_anhalt)
    assert clash.reasons == (R.PUBLIC_HOLIDAY,)
    assert clash.fact == CalendarFact("Heilige Drei Könige", date(2026, 1, 6), date(2026, 1, 6))
    fresh = holidays.country_holidays("DE", subdiv="ST")
    [day] = clashes_by_day([dreikoenige, replace(dreikoenige, id=2)], public_holidays=fresh)
    assert day.public_holiday == "Heilige Drei Könige"


# ------------------------------------------------------------------ ranking and filters


def test_ranking_by_score_then_start_then_id() -> None:
    candidate = termin(
        at(date(2026, 5, 1), 14), at(date(2026, 5, 1), 18), id=100, ortsteil_id=1, category="fest"
    )
    big = termin(at(date(2026, 5, 1), 10), at(date(2026, 5, 1), 22), id=5, is_big_public_event=True)
    same_place_late = termin(at(date(2026, 5, 1), 19), id=4, ortsteil_id=1)
    same_place_early = termin(at(date(2026, 5, 1), 8), id=9, ortsteil_id=1)
    same_place_early_twin = replace(same_place_early, id=3)
    unrelated = termin(at(date(2026, 5, 1), 20), id=1)
    cancelled = replace(big, id=6, cancelled=True)
    itself = replace(candidate, title="old version")

    clashes = find_clashes(
        candidate,
        [
            unrelated,
            same_place_late,
            cancelled,
            same_place_early,
            big,
            itself,
            same_place_early_twin,
        ],
        public_holidays={date(2026, 5, 1): "Erster Mai"},
    )
    ranked = [(c.score, c.termin.id if c.termin else c.fact.name) for c in clashes]  # type: ignore[union-attr]
    assert ranked == [
        (9, 5),  # big public event (5) + overlap (3) + same day (1)
        (4, 3),  # same Ortsteil (3) + same day, 08:00, id 3 before id 9
        (4, 9),
        (4, 4),  # same Ortsteil, 19:00
        (3, "Erster Mai"),
        (1, 1),
    ]


def test_cancelled_termine_never_clash() -> None:
    cancelled = termin(at(SATURDAY, 10), id=2, cancelled=True, is_big_public_event=True)
    assert find_clashes(BASE, [cancelled]) == []
    assert (
        find_clashes(
            replace(BASE, cancelled=True),
            [termin(at(SATURDAY, 10), id=3)],
            public_holidays={SATURDAY: "X"},
        )
        == []
    )
    assert find_clash_pairs([BASE, cancelled]) == []
    assert clashes_by_day([BASE, cancelled]) == []


def test_entries_with_the_same_id_never_clash() -> None:
    # An edited Termin against its stored version; two occurrences of one series.
    stored = replace(BASE, title="before the edit", start=at(SATURDAY, 9))
    assert find_clashes(BASE, [stored]) == []
    occurrence = replace(BASE, start=at(SATURDAY, 11), end=at(SATURDAY + timedelta(days=1), 1))
    assert find_clash_pairs([BASE, occurrence]) == []
    assert clashes_by_day([BASE, occurrence]) == []


def test_an_unsaved_termin_is_compared_with_everything() -> None:
    draft = replace(BASE, id=None)
    assert len(find_clashes(draft, [replace(BASE, id=None), BASE])) == 2


@pytest.mark.parametrize(
    "kwargs",
    [
        {"start": datetime(2026, 1, 1, 10), "end": datetime(2026, 1, 1, 12, tzinfo=BERLIN)},
        {"start": at(SATURDAY, 12), "end": at(SATURDAY, 10)},
    ],
)
def test_invalid_termin_raises(kwargs: dict[str, datetime]) -> None:
    with pytest.raises(ValueError):
        TerminData(**kwargs)


def test_invalid_fact_raises() -> None:
    with pytest.raises(ValueError):
        CalendarFact("Herbstferien", date(2026, 10, 31), date(2026, 10, 19))


# ---------------------------------------------------------------- pairs and day groups


def test_pairs_and_days_for_the_coordinators_page() -> None:
    stadtfest = all_day(
        date(2026, 6, 12),
        date(2026, 6, 14),
        id=1,
        title="Stadtfest",
        is_big_public_event=True,
        ortsteil_id=1,
    )
    konzert = termin(at(date(2026, 6, 13), 19), id=2, title="Konzert", ortsteil_id=1)
    turnier = termin(at(date(2026, 6, 14), 10), id=3, title="Turnier", ortsteil_id=2)
    lesung = termin(at(date(2026, 6, 20), 19), id=4, title="Lesung")
    abgesagt = termin(at(date(2026, 6, 20), 18), id=5, cancelled=True)

    pairs = find_clash_pairs([lesung, turnier, abgesagt, konzert, stadtfest])
    assert [(p.first.id, p.second.id, p.score, p.days) for p in pairs] == [
        (1, 2, 12, (date(2026, 6, 13),)),
        (1, 3, 9, (date(2026, 6, 14),)),
    ]

    days = clashes_by_day(
        [lesung, turnier, abgesagt, konzert, stadtfest],
        school_holidays=[CalendarFact("Pfingstferien", date(2026, 6, 13), date(2026, 6, 13))],
    )
    assert [(d.day, d.score, [t.id for t in d.termine], d.school_holidays) for d in days] == [
        (date(2026, 6, 13), 12, [1, 2], ("Pfingstferien",)),
        (date(2026, 6, 14), 9, [1, 3], ()),
    ]
    assert days[0].pairs == (pairs[0],)
    assert days[0].public_holiday is None


# ------------------------------------------------------------------------- properties

INTERESTING_DAYS = [date(2026, 3, 28), date(2026, 10, 24), date(2026, 6, 12), date(2026, 12, 31)]


@st.composite
def termine(draw: st.DrawFn, id: int | None = None) -> TerminData:
    base = datetime.combine(draw(st.sampled_from(INTERESTING_DAYS)), time(0), tzinfo=BERLIN)
    start = (
        base.astimezone(UTC) + timedelta(minutes=30 * draw(st.integers(0, 4 * 48)))
    ).astimezone(draw(st.sampled_from([UTC, BERLIN])))
    end = start + timedelta(minutes=30 * draw(st.integers(0, 6 * 48)))
    return TerminData(
        start=start,
        end=end,
        all_day=draw(st.booleans()),
        ortsteil_id=draw(st.sampled_from([None, 1, 2])),
        audience=draw(st.sampled_from([None, "oeffentlich", "netzwerk"])),
        category=draw(st.sampled_from([None, "fest", "sport", "stammtisch"])),
        is_big_public_event=draw(st.sampled_from([False, False, False, True])),
        organiser_ids=frozenset(draw(st.sets(st.integers(1, 4), max_size=2))),
        id=id,
        title=draw(st.sampled_from(["", "Sommerfest", "Training"])),
        cancelled=draw(st.sampled_from([False, False, False, True])),
    )


@st.composite
def termin_lists(draw: st.DrawFn) -> list[TerminData]:
    count = draw(st.integers(0, 8))
    return [draw(termine(id=i + 1)) for i in range(count)]


def brute_force_days(t: TerminData) -> set[date]:
    """The days whose local [midnight, next midnight) the Termin touches."""
    first = t.start.astimezone(BERLIN).date() - timedelta(days=1)
    days = set()
    for offset in range((t.end - t.start).days + 4):
        day = first + timedelta(days=offset)
        begin, end = at(day), at(day + timedelta(days=1))
        if (t.start < end and t.end > begin) or (t.start == t.end and begin <= t.start < end):
            days.add(day)
    return days


@PROPERTY
@given(termine(id=1), termine(id=2))
def test_property_clash_iff_a_local_day_is_shared(a: TerminData, b: TerminData) -> None:
    assert set(local_days(a)) == brute_force_days(a)
    shared = brute_force_days(a) & brute_force_days(b)
    clashes = find_clashes(a, [b])
    if a.cancelled or b.cancelled or not shared:
        assert clashes == []
    else:
        [clash] = clashes
        assert clash.days == tuple(sorted(shared))
        assert R.SAME_DAY in clash.reasons
        assert clash.score == sum(WEIGHTS[r] for r in clash.reasons)
        assert list(clash.reasons) == [r for r in ClashReason if r in clash.reasons]


@PROPERTY
@given(termine(id=1), termine(id=2))
def test_property_reasons_are_symmetric_and_each_has_its_cause(
    a: TerminData, b: TerminData
) -> None:
    a, b = replace(a, cancelled=False), replace(b, cancelled=False)
    forward, backward = find_clashes(a, [b]), find_clashes(b, [a])
    assert [(c.score, c.reasons, c.days) for c in forward] == [
        (c.score, c.reasons, c.days) for c in backward
    ]
    if not forward:
        return
    reasons = set(forward[0].reasons)
    assert (R.SAME_ORTSTEIL in reasons) == (
        a.ortsteil_id is not None and a.ortsteil_id == b.ortsteil_id
    )
    assert (R.SAME_AUDIENCE in reasons) == (a.audience is not None and a.audience == b.audience)
    assert (R.SAME_CATEGORY in reasons) == (a.category is not None and a.category == b.category)
    assert (R.BIG_PUBLIC_EVENT in reasons) == (a.is_big_public_event or b.is_big_public_event)
    assert (R.SAME_ORGANISER in reasons) == bool(a.organiser_ids & b.organiser_ids)
    if a.all_day or b.all_day:
        assert R.TIME_OVERLAP in reasons  # a shared day is wholly taken by the all-day one
    elif a.start < b.end and b.start < a.end:
        assert R.TIME_OVERLAP in reasons
    elif a.start != b.start:
        assert R.TIME_OVERLAP not in reasons


@PROPERTY
@given(termine(id=None), termin_lists(), st.randoms(use_true_random=False))
def test_property_ranking_is_total_and_independent_of_input_order(
    candidate: TerminData, others: list[TerminData], rnd
) -> None:
    facts = [SOMMERFERIEN, CalendarFact("Herbstferien", date(2026, 10, 19), date(2026, 10, 31))]
    public = {date(2026, 12, 31): "Silvester (kein Feiertag, nur zum Test)"}
    clashes = find_clashes(candidate, others, public_holidays=public, school_holidays=facts)
    shuffled = rnd.sample(others, len(others))
    assert (
        find_clashes(candidate, shuffled, public_holidays=public, school_holidays=facts) == clashes
    )

    keys = [
        (
            -c.score,
            c.termin.start if c.termin else at(c.fact.date_from),
            c.termin.id if c.termin else 10**6,
        )  # type: ignore[union-attr]
        for c in clashes
    ]
    assert keys == sorted(keys)
    assert all(c.termin is None or not c.termin.cancelled for c in clashes)


@PROPERTY
@given(termin_lists())
def test_property_pairs_match_pairwise_checks(items: list[TerminData]) -> None:
    pairs = find_clash_pairs(items)
    expected = {}
    for a, b in combinations(items, 2):
        clashes = find_clashes(a, [b])
        if clashes:
            expected[frozenset({a.id, b.id})] = (
                clashes[0].score,
                clashes[0].reasons,
                clashes[0].days,
            )
    assert {
        frozenset({p.first.id, p.second.id}): (p.score, p.reasons, p.days) for p in pairs
    } == expected
    assert len(pairs) == len(expected)
    assert [-p.score for p in pairs] == sorted(-p.score for p in pairs)
    for p in pairs:
        assert (p.first.start, p.first.id) <= (p.second.start, p.second.id)  # type: ignore[operator]

    days = clashes_by_day(items)
    assert [d.day for d in days] == sorted({day for p in pairs for day in p.days})
    for group in days:
        assert group.pairs and all(group.day in p.days for p in group.pairs)
        assert group.score == max(p.score for p in group.pairs)
        ids = {t.id for t in group.termine}
        assert all({p.first.id, p.second.id} <= ids for p in group.pairs)
        assert all(group.day in local_days(t) and not t.cancelled for t in group.termine)
