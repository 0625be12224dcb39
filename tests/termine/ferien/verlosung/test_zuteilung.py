"""Tests for the pure Verlosung (no Django, no database).

Three layers:

* invariants checked on every result (hard constraints, reasons, waiting lists, report);
* independent brute-force oracles on small random instances: each round serves the
  maximum number of children (exhaustive search over assignments), and exactly the
  children the greedy rule "favourite stage, then draw order" admits;
* examples in the shape of the weaknesses OneGov Feriennet documents, plus the
  behaviour families and coordinators see (reasons, waiting lists, the draw).
"""

from __future__ import annotations

import ast
import gc
import random
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from termine.ferien.verlosung import zuteilung as verlosung
from termine.ferien.verlosung.zuteilung import (
    Durchfuehrung,
    Ergebnis,
    Kind,
    Reason,
    VerlosungError,
    Wunsch,
    verlosen,
)

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY = datetime(2026, 7, 6, 9, tzinfo=BERLIN)
PROPERTY = settings(max_examples=200, deadline=None)


@dataclass(frozen=True)
class Instance:
    kinder: list[Kind]
    durchfuehrungen: list[Durchfuehrung]
    wuensche: list[Wunsch]
    max_places: int | None = None
    seed: int = 0

    def run(self, seed: int | None = None) -> Ergebnis:
        return verlosen(
            kinder=self.kinder,
            durchfuehrungen=self.durchfuehrungen,
            wuensche=self.wuensche,
            seed=self.seed if seed is None else seed,
            max_places_per_child=self.max_places,
        )


def occasion(
    id: int,
    *,
    angebot: int | None = None,
    day: int = 0,
    hour: int = 0,
    hours: int = 2,
    capacity: int = 1,
    min_age: int | None = None,
    max_age: int | None = None,
    min_participants: int | None = None,
) -> Durchfuehrung:
    start = MONDAY + timedelta(days=day, hours=hour)
    return Durchfuehrung(
        id=id,
        angebot_id=id if angebot is None else angebot,
        start=start,
        end=start + timedelta(hours=hours),
        capacity=capacity,
        min_age=min_age,
        max_age=max_age,
        min_participants=min_participants,
    )


def places_of(result: Ergebnis) -> dict[int, list[int]]:
    places: dict[int, list[int]] = {}
    for platz in result.places:
        places.setdefault(platz.kind_id, []).append(platz.durchfuehrung_id)
    return places


def rejection(result: Ergebnis, kind_id: int, durchfuehrung_id: int) -> verlosung.Absage:
    (found,) = [
        a
        for a in result.rejections
        if a.kind_id == kind_id and a.durchfuehrung_id == durchfuehrung_id
    ]
    return found


def overlaps(a: Durchfuehrung, b: Durchfuehrung) -> bool:
    return a.start < b.end and b.start < a.end


def limit_of(instance: Instance, kind: Kind) -> float:
    values = [v for v in (instance.max_places, kind.limit) if v is not None]
    return min(values, default=float("inf"))


# ----------------------------------------------------------------------------- oracles


def can_serve_all(
    children: Sequence[int], options: Mapping[int, Sequence[int]], free: Mapping[int, int]
) -> bool:
    """Exhaustive backtracking: can every child get one seat among its options?"""
    seats = dict(free)
    order = sorted(children, key=lambda c: len(options[c]))

    def place(index: int) -> bool:
        if index == len(order):
            return True
        for o in options[order[index]]:
            if seats[o] > 0:
                seats[o] -= 1
                done = place(index + 1)
                seats[o] += 1
                if done:
                    return True
        return False

    return place(0)


def most_servable(
    children: Sequence[int], options: Mapping[int, Sequence[int]], free: Mapping[int, int]
) -> int:
    """Exhaustive search over all assignments (each child: nothing or one option)."""
    keys = sorted(free)
    column = {o: i for i, o in enumerate(keys)}

    @cache
    def best(index: int, seats: tuple[int, ...]) -> int:
        if index == len(children):
            return 0
        result = best(index + 1, seats)
        for o in options[children[index]]:
            j = column[o]
            if seats[j] > 0:
                taken = seats[:j] + (seats[j] - 1,) + seats[j + 1 :]
                result = max(result, 1 + best(index + 1, taken))
        return result

    return best(0, tuple(free[o] for o in keys))


@dataclass
class RoundView:
    """What round ``r`` started from, reconstructed from the result alone."""

    eligible: list[int]  # in draw order
    options: dict[int, list[int]]
    favourite_options: dict[int, list[int]]
    free: dict[int, int]
    served: dict[int, int]  # child -> occasion it got in round r


def round_view(instance: Instance, result: Ergebnis, r: int) -> RoundView:
    occasions = {o.id: o for o in instance.durchfuehrungen}
    kinder = {k.id: k for k in instance.kinder}
    before: dict[int, list[int]] = {k.id: [] for k in instance.kinder}
    free = {o.id: o.capacity for o in instance.durchfuehrungen}
    served = {}
    for platz in result.places:
        if platz.round < r:
            before[platz.kind_id].append(platz.durchfuehrung_id)
            free[platz.durchfuehrung_id] -= 1
        elif platz.round == r:
            served[platz.kind_id] = platz.durchfuehrung_id
    eligible = [
        c
        for c in result.draw_order
        if len(before[c]) == r - 1 and limit_of(instance, kinder[c]) > r - 1
    ]
    options: dict[int, list[int]] = {c: [] for c in eligible}
    favourite_options: dict[int, list[int]] = {c: [] for c in eligible}
    for wish in instance.wuensche:
        if wish.kind_id not in options:
            continue
        o = occasions[wish.durchfuehrung_id]
        mine = [occasions[h] for h in before[wish.kind_id]]
        if (
            o.fits_age(kinder[wish.kind_id].age)
            and free[o.id] > 0
            and all(h.angebot_id != o.angebot_id and not overlaps(h, o) for h in mine)
        ):
            options[wish.kind_id].append(o.id)
            if wish.favourite:
                favourite_options[wish.kind_id].append(o.id)
    return RoundView(eligible, options, favourite_options, free, served)


def greedy_served(view: RoundView) -> set[int]:
    """The contract's served set: favourite stage in draw order, then everyone in draw order."""
    favourite_stage: list[int] = []
    for c in view.eligible:
        if view.favourite_options[c] and can_serve_all(
            [*favourite_stage, c], view.favourite_options, view.free
        ):
            favourite_stage.append(c)
    served = list(favourite_stage)
    for c in view.eligible:
        if c not in favourite_stage and can_serve_all([*served, c], view.options, view.free):
            served.append(c)
    return set(served)


# -------------------------------------------------------------------------- invariants


def check_invariants(instance: Instance, result: Ergebnis) -> None:
    """Everything that must hold for any input; independent of how it was computed."""
    occasions = {o.id: o for o in instance.durchfuehrungen}
    kinder = {k.id: k for k in instance.kinder}
    wishes = {(w.kind_id, w.durchfuehrung_id): w for w in instance.wuensche}
    places = places_of(result)
    position = {kind_id: i for i, kind_id in enumerate(result.draw_order)}

    # The draw: a permutation of all children, priority children first.
    assert sorted(result.draw_order) == sorted(kinder)
    tiers = [not kinder[c].priority for c in result.draw_order]
    assert tiers == sorted(tiers)

    # Hard constraints.
    load = Counter(p.durchfuehrung_id for p in result.places)
    for o, count in load.items():
        assert count <= occasions[o].capacity
    for kind_id, mine in places.items():
        kind = kinder[kind_id]
        assert len(mine) <= limit_of(instance, kind)
        assert len({occasions[o].angebot_id for o in mine}) == len(mine)
        for i, a in enumerate(mine):
            assert (kind_id, a) in wishes
            assert occasions[a].fits_age(kind.age)
            for b in mine[i + 1 :]:
                assert not overlaps(occasions[a], occasions[b])
    for platz in result.places:
        assert platz.favourite == wishes[(platz.kind_id, platz.durchfuehrung_id)].favourite
    # One place per round, rounds 1, 2, 3, ... without gaps.
    for kind_id in places:
        rounds = [p.round for p in result.places if p.kind_id == kind_id]
        assert rounds == list(range(1, len(rounds) + 1))

    # Every wish is either a place or a rejection with exactly one correct reason.
    fulfilled = {(p.kind_id, p.durchfuehrung_id) for p in result.places}
    rejected = [(a.kind_id, a.durchfuehrung_id) for a in result.rejections]
    assert len(rejected) == len(set(rejected))
    assert fulfilled | set(rejected) == set(wishes)
    assert not fulfilled & set(rejected)
    for absage in result.rejections:
        kind, o = kinder[absage.kind_id], occasions[absage.durchfuehrung_id]
        mine = [occasions[h] for h in places.get(kind.id, [])]
        same = tuple(h.id for h in mine if h.angebot_id == o.angebot_id)
        clashing = tuple(h.id for h in mine if overlaps(h, o))
        assert absage.favourite == wishes[(kind.id, o.id)].favourite
        if not o.fits_age(kind.age):
            expected = Reason.AGE
        elif same:
            expected = Reason.SAME_ANGEBOT
        elif clashing:
            expected = Reason.OVERLAP
        elif len(mine) >= limit_of(instance, kind):
            expected = Reason.LIMIT
        else:
            expected = Reason.FULL
        assert absage.reason == expected
        if expected == Reason.SAME_ANGEBOT:
            assert absage.conflicts_with == same
        elif expected == Reason.OVERLAP:
            assert absage.conflicts_with == clashing
        else:
            assert absage.conflicts_with == ()
        if expected == Reason.FULL:
            # Fairness across rounds: the child could take this seat, so it is full,
            # and nobody got it in a later round than the child would have.
            assert load[o.id] == o.capacity
            holder_rounds = [p.round for p in result.places if p.durchfuehrung_id == o.id]
            assert max(holder_rounds, default=0) <= len(mine) + 1
            assert result.waiting_lists[o.id][absage.waiting_position - 1] == kind.id
        else:
            assert absage.waiting_position is None

    # Waiting lists: exactly the FULL wishes, fewer places, favourite, then draw order.
    full = Counter(a.durchfuehrung_id for a in result.rejections if a.reason == Reason.FULL)
    assert {o: len(kids) for o, kids in result.waiting_lists.items()} == dict(full)
    for o, kids in result.waiting_lists.items():
        keys = [(len(places.get(c, [])), not wishes[(c, o)].favourite, position[c]) for c in kids]
        assert keys == sorted(keys)

    # Report.
    report = result.report
    histogram = Counter(len(places.get(k, [])) for k in kinder)
    assert report.places_histogram == tuple(
        histogram[i] for i in range(len(report.places_histogram))
    )
    assert sum(report.places_histogram) == len(kinder) == report.children
    assert report.children_without_place == histogram[0]
    assert report.children_with_one_place == histogram[1]
    assert report.children_with_more_places == sum(v for k, v in histogram.items() if k >= 2)
    assert report.children_with_place == len(places)
    assert report.children_with_place == report.max_children_with_place
    assert report.wishes == len(wishes)
    assert report.wishes_fulfilled == len(result.places)
    assert report.favourites == sum(w.favourite for w in wishes.values())
    assert report.favourites_fulfilled == sum(p.favourite for p in result.places)
    assert {b.durchfuehrung_id: (b.places, b.minimum) for b in report.below_minimum} == {
        o.id: (load[o.id], o.min_participants)
        for o in instance.durchfuehrungen
        if o.min_participants is not None and load[o.id] < o.min_participants
    }


def check_rounds(instance: Instance, result: Ergebnis) -> None:
    """Each round against the brute-force oracles, including one round past the last."""
    last = max((p.round for p in result.places), default=0)
    for r in range(1, last + 2):
        view = round_view(instance, result, r)
        for c, o in view.served.items():
            assert c in view.options and o in view.options[c]
        assert len(view.served) == most_servable(view.eligible, view.options, view.free)
        assert set(view.served) == greedy_served(view)


# -------------------------------------------------------------------- random instances


@st.composite
def instances(
    draw: st.DrawFn, max_children: int = 7, max_occasions: int = 5, max_capacity: int = 3
) -> Instance:
    count = draw(st.integers(1, max_occasions))
    durchfuehrungen = [
        occasion(
            10 + i,
            angebot=draw(st.integers(1, 3)),
            day=draw(st.integers(0, 1)),
            hour=draw(st.sampled_from([0, 2, 4])),
            hours=draw(st.sampled_from([2, 3, 5])),
            capacity=draw(st.integers(0, max_capacity)),
            min_age=draw(st.none() | st.integers(6, 8)),
            max_age=draw(st.none() | st.integers(8, 10)),
            min_participants=draw(st.none() | st.integers(1, 3)),
        )
        for i in range(count)
    ]
    kinder = [
        Kind(
            id=100 + i,
            age=draw(st.integers(6, 10)),
            priority=draw(st.booleans()),
            group=draw(st.none() | st.sampled_from(["a", "b"])),
            limit=draw(st.none() | st.integers(0, 3)),
        )
        for i in range(draw(st.integers(1, max_children)))
    ]
    ids = [o.id for o in durchfuehrungen]
    wuensche = [
        Wunsch(kind.id, o, favourite=draw(st.booleans()))
        for kind in kinder
        for o in draw(st.lists(st.sampled_from(ids), unique=True, max_size=len(ids)))
    ]
    return Instance(
        kinder,
        durchfuehrungen,
        wuensche,
        max_places=draw(st.none() | st.integers(1, 3)),
        seed=draw(st.integers(0, 2**32)),
    )


# More children than seats, so that the draw and the rounds really decide something.
contested = instances(max_children=9, max_occasions=4, max_capacity=2)


@PROPERTY
@given(instances() | contested)
def test_hard_constraints_reasons_waiting_lists_and_report_hold(instance: Instance) -> None:
    check_invariants(instance, instance.run())


@PROPERTY
@given(instances() | contested)
def test_every_round_serves_the_maximum_and_exactly_the_greedy_set(instance: Instance) -> None:
    check_rounds(instance, instance.run())


@PROPERTY
@given(instances() | contested)
def test_children_with_a_place_is_the_exhaustive_optimum(instance: Instance) -> None:
    """Brute force over all assignments, ignoring rounds: round 1 already reaches it."""
    kinder = {k.id: k for k in instance.kinder}
    occasions = {o.id: o for o in instance.durchfuehrungen}
    children = [k.id for k in instance.kinder if limit_of(instance, k) > 0]
    options: dict[int, list[int]] = {c: [] for c in children}
    for w in instance.wuensche:
        if w.kind_id in options and occasions[w.durchfuehrung_id].fits_age(kinder[w.kind_id].age):
            options[w.kind_id].append(w.durchfuehrung_id)
    free = {o.id: o.capacity for o in instance.durchfuehrungen}
    best = most_servable(children, options, free)
    report = instance.run().report
    assert report.children_with_place == best == report.max_children_with_place


@PROPERTY
@given(instances(), st.data())
def test_same_seed_and_data_give_the_same_result_in_any_input_order(
    instance: Instance, data: st.DataObject
) -> None:
    shuffled = Instance(
        data.draw(st.permutations(instance.kinder)),
        data.draw(st.permutations(instance.durchfuehrungen)),
        data.draw(st.permutations(instance.wuensche)),
        instance.max_places,
        instance.seed,
    )
    assert shuffled.run() == instance.run() == instance.run()


@PROPERTY
@given(instances(max_children=8), st.data())
def test_more_wishes_buy_no_priority_over_children_drawn_earlier(
    instance: Instance, data: st.DataObject
) -> None:
    """Extra non-favourite wishes of a child without favourites leave earlier children alone."""
    kind = data.draw(st.sampled_from(instance.kinder))
    plain = [replace(w, favourite=False) if w.kind_id == kind.id else w for w in instance.wuensche]
    wished = {w.durchfuehrung_id for w in plain if w.kind_id == kind.id}
    extra = data.draw(
        st.lists(st.sampled_from([o.id for o in instance.durchfuehrungen]), unique=True, min_size=1)
    )
    more = plain + [Wunsch(kind.id, o) for o in extra if o not in wished]
    before = replace(instance, wuensche=plain).run()
    after = replace(instance, wuensche=more).run()
    assert before.draw_order == after.draw_order
    earlier = before.draw_order[: before.draw_order.index(kind.id)]

    def round_one(result: Ergebnis) -> list[bool]:
        served = {p.kind_id for p in result.places if p.round == 1}
        return [c in served for c in earlier]

    assert round_one(before) == round_one(after)


def medium_instance(seed: int) -> Instance:
    """A holiday programme in miniature: 300 children, 40 occasions, popularity skew."""
    rng = random.Random(seed)
    durchfuehrungen = []
    for i in range(40):
        durchfuehrungen.append(
            occasion(
                i + 1,
                angebot=i // 2 + 1,
                day=rng.randrange(10),
                hour=rng.choice([0, 5]),
                hours=rng.choice([2, 4, 30]),
                capacity=rng.randint(2, 8),
                min_age=rng.randint(5, 9),
                max_age=rng.randint(10, 14),
                min_participants=3,
            )
        )
    weights = [rng.lognormvariate(0, 1) for _ in durchfuehrungen]
    kinder, wuensche = [], []
    for i in range(300):
        kind = Kind(
            i + 1,
            age=rng.randint(6, 13),
            priority=rng.random() < 0.1,
            group=f"g{i // 2}" if i < 60 else None,
        )
        kinder.append(kind)
        chosen = set()
        while len(chosen) < rng.randint(1, 6):
            chosen.add(rng.choices(durchfuehrungen, weights)[0].id)
        wuensche += [Wunsch(kind.id, o, favourite=rng.random() < 0.3) for o in sorted(chosen)]
    return Instance(kinder, durchfuehrungen, wuensche, max_places=3, seed=seed)


@pytest.mark.parametrize("seed", range(5))
def test_invariants_hold_on_a_realistic_instance(seed: int) -> None:
    instance = medium_instance(seed)
    result = instance.run()
    check_invariants(instance, result)
    assert result.report.children_without_place > 0  # the instance is really contested
    assert result.report.children_with_more_places > 0


# ------------------------------------------------ examples: Feriennet's weak spots, fixed


def test_a_one_wish_child_is_not_left_with_nothing_while_another_gets_a_second_place() -> None:
    # Ben wishes both (one as favourite), Anna only the first. Feriennet's deferred
    # acceptance can give Ben both; here Anna always gets hers and Ben the other one.
    instance = Instance(
        [Kind(1, age=8), Kind(2, age=8)],
        [occasion(10, day=0), occasion(20, day=1)],
        [Wunsch(1, 10), Wunsch(2, 10, favourite=True), Wunsch(2, 20)],
    )
    for seed in range(40):
        result = instance.run(seed)
        assert places_of(result) == {1: [10], 2: [20]}
        assert rejection(result, 2, 10).reason == Reason.FULL
        assert result.waiting_lists == {10: (2,)}


def test_second_places_only_go_to_children_who_already_have_one() -> None:
    # Three children compete for 2 + 1 seats; a second place for anyone would leave a
    # child with nothing, so everyone gets exactly one.
    instance = Instance(
        [Kind(1, age=8), Kind(2, age=8), Kind(3, age=8)],
        [occasion(10, day=0, capacity=2), occasion(20, day=1)],
        [Wunsch(c, o) for c in (1, 2, 3) for o in (10, 20)],
    )
    for seed in range(40):
        assert instance.run(seed).report.places_histogram == (0, 3)


def test_the_number_of_wishes_gives_no_advantage() -> None:
    # Six children, five seats: Ben wishes all five occasions, Anna only the first, and
    # four children only one of the others each. Any five of them can be served, so the
    # one left out is simply the last drawn, whatever the number of wishes.
    kinder = [Kind(1, age=8), Kind(2, age=8)] + [Kind(10 + i, age=8) for i in range(1, 5)]
    wuensche = [Wunsch(2, 100 + i) for i in range(5)] + [Wunsch(1, 100)]
    wuensche += [Wunsch(10 + i, 100 + i) for i in range(1, 5)]
    instance = Instance(kinder, [occasion(100 + i, day=i) for i in range(5)], wuensche)
    left_out = Counter()
    for seed in range(300):
        result = instance.run(seed)
        (unlucky,) = [k.id for k in kinder if k.id not in places_of(result)]
        assert unlucky == result.draw_order[-1]
        left_out[unlucky] += 1
    # One in six each: Ben's five wishes do not protect him, Anna's one does not hurt her.
    assert set(left_out) == {k.id for k in kinder}
    assert all(25 <= count <= 75 for count in left_out.values())


def test_ties_follow_the_recorded_draw_not_the_order_of_ids() -> None:
    instance = Instance([Kind(c, age=8) for c in range(1, 11)], [occasion(10)], [])
    instance = replace(instance, wuensche=[Wunsch(c, 10) for c in range(1, 11)])
    winners = Counter()
    for seed in range(200):
        result = instance.run(seed)
        ((winner, _),) = places_of(result).items()
        assert winner == result.draw_order[0]
        assert result.waiting_lists[10] == result.draw_order[1:]
        winners[winner] += 1
    assert len(winners) == 10  # everyone wins sometimes: no bias towards low ids


def test_the_seed_is_recorded_and_changes_the_draw() -> None:
    instance = Instance([Kind(c, age=8) for c in range(1, 21)], [occasion(10)], [])
    first, second = instance.run(1), instance.run(2)
    assert (first.seed, second.seed) == (1, 2)
    assert first.draw_order != second.draw_order
    assert instance.run(1) == first


# --------------------------------------------------------------- examples: the rules


def test_favourites_come_before_other_wishes_within_a_round() -> None:
    # One seat; Anna wishes it as a normal wish, Ben as his favourite: Ben gets it,
    # whatever the draw.
    instance = Instance(
        [Kind(1, age=8), Kind(2, age=8)],
        [occasion(10)],
        [Wunsch(1, 10), Wunsch(2, 10, favourite=True)],
    )
    for seed in range(20):
        assert places_of(instance.run(seed)) == {2: [10]}


def test_a_place_for_one_more_child_comes_before_a_favourite() -> None:
    # Ben's favourite is the only wish of Anna; Ben has another wish. Both get a place,
    # Ben not his favourite.
    instance = Instance(
        [Kind(1, age=8), Kind(2, age=8)],
        [occasion(10), occasion(20, day=1)],
        [Wunsch(1, 10), Wunsch(2, 10, favourite=True), Wunsch(2, 20)],
        max_places=1,
    )
    for seed in range(20):
        result = instance.run(seed)
        assert places_of(result) == {1: [10], 2: [20]}
        assert result.report.favourites_fulfilled == 0


def test_the_search_keeps_favourites_where_a_path_allows() -> None:
    # Carla (drawn last by priority) needs a seat in 10. Two children there could make
    # room: Anna holds 10 as her favourite, Ben as a normal wish; both could move to 20.
    # Ben moves; Anna keeps her favourite.
    instance = Instance(
        [Kind(1, age=8, priority=True), Kind(2, age=8, priority=True), Kind(3, age=8)],
        [occasion(10, capacity=2), occasion(20, day=1)],
        [
            Wunsch(1, 10, favourite=True),
            Wunsch(1, 20),
            Wunsch(2, 10),
            Wunsch(2, 20),
            Wunsch(3, 10),
        ],
        max_places=1,
    )
    for seed in range(20):
        assert places_of(instance.run(seed)) == {1: [10], 2: [20], 3: [10]}


def test_children_who_got_nothing_last_time_are_drawn_first() -> None:
    kinder = [Kind(c, age=8, priority=c in (7, 9)) for c in range(1, 11)]
    instance = Instance(kinder, [occasion(10, capacity=2)], [Wunsch(c, 10) for c in range(1, 11)])
    for seed in range(30):
        result = instance.run(seed)
        assert set(result.draw_order[:2]) == {7, 9}
        assert set(places_of(result)) == {7, 9}


def test_linked_children_are_drawn_together_and_kept_together() -> None:
    # Two overlapping occasions with two seats each; the siblings wish both, as do two
    # other children. The siblings always end up in the same one.
    kinder = [Kind(1, age=8, group="geschwister"), Kind(2, age=8, group="geschwister")]
    kinder += [Kind(3, age=8), Kind(4, age=8)]
    instance = Instance(
        kinder,
        [occasion(10, capacity=2), occasion(20, capacity=2)],
        [Wunsch(c, o) for c in (1, 2, 3, 4) for o in (10, 20)],
    )
    for seed in range(40):
        result = instance.run(seed)
        order = result.draw_order
        assert abs(order.index(1) - order.index(2)) == 1
        places = places_of(result)
        assert places[1] == places[2]
        assert result.report.linked_occasions == 2
        assert result.report.linked_occasions_split == 0


def test_joining_a_linked_child_never_moves_others_off_their_favourite() -> None:
    # Xaver (drawn first) and Sophie hold the two seats of 10 as favourites; Xaver could
    # move to 20. Sophie's brother Sam would like to join her, but not at Xaver's
    # expense: Sam goes to 30 and Xaver keeps his favourite.
    kinder = [Kind(1, age=8, priority=True), Kind(2, age=8, group="g"), Kind(3, age=8, group="g")]
    instance = Instance(
        kinder,
        [occasion(10, capacity=2), occasion(20, day=1), occasion(30, day=2)],
        [
            Wunsch(1, 10, favourite=True),
            Wunsch(1, 20),
            Wunsch(2, 10, favourite=True),
            Wunsch(3, 10),
            Wunsch(3, 30),
        ],
        max_places=1,
    )
    for seed in range(20):
        result = instance.run(seed)
        assert places_of(result) == {1: [10], 2: [10], 3: [30]}
        assert result.report.linked_occasions_split == 1


def test_priority_is_personal_and_not_lent_to_a_linked_friend() -> None:
    kinder = [Kind(1, age=8, priority=True, group="g"), Kind(2, age=8, group="g")]
    kinder += [Kind(c, age=8) for c in range(3, 9)]
    instance = Instance(kinder, [], [])
    for seed in range(20):
        assert instance.run(seed).draw_order[0] == 1


def test_unfulfilled_wishes_carry_the_reason_families_are_told() -> None:
    instance = Instance(
        [Kind(1, age=8), Kind(2, age=8, limit=1)],
        [
            occasion(10, angebot=1, day=0),  # Anna's favourite: she gets it in round 1
            occasion(11, angebot=1, day=1),  # another date of the same Angebot
            occasion(20, day=0, hour=1),  # overlaps with 10
            occasion(30, day=2),  # Anna's place in round 2
            occasion(40, day=3, min_age=10),  # Anna is too young
            occasion(50, day=4, capacity=0),  # full
            occasion(60, day=5),
            occasion(70, day=6),
        ],
        [Wunsch(1, 10, favourite=True)]
        + [Wunsch(1, o) for o in (11, 20, 30, 40, 50)]
        + [Wunsch(2, 60), Wunsch(2, 70)],
        max_places=3,
    )
    result = instance.run()
    check_invariants(instance, result)
    assert places_of(result)[1] == [10, 30]
    assert rejection(result, 1, 11).reason == Reason.SAME_ANGEBOT
    assert rejection(result, 1, 11).conflicts_with == (10,)
    assert rejection(result, 1, 20).reason == Reason.OVERLAP
    assert rejection(result, 1, 20).conflicts_with == (10,)
    assert rejection(result, 1, 40).reason == Reason.AGE
    assert rejection(result, 1, 50).reason == Reason.FULL
    assert rejection(result, 1, 50).waiting_position == 1
    assert result.waiting_lists == {50: (1,)}
    # Ben's own maximum is one place.
    ((ben, _),) = [(a.reason, a.durchfuehrung_id) for a in result.rejections if a.kind_id == 2]
    assert ben == Reason.LIMIT


def test_the_waiting_list_puts_children_with_fewer_places_first() -> None:
    # Anna, Ben and Carla wish the one-seat occasion 10; Ben also got 20. The seat goes
    # by the draw; on the waiting list the child without a place comes before Ben.
    instance = Instance(
        [Kind(1, age=8), Kind(2, age=8), Kind(3, age=8)],
        [occasion(10, day=0), occasion(20, day=1)],
        [Wunsch(1, 10), Wunsch(2, 10), Wunsch(2, 20), Wunsch(3, 10)],
    )
    for seed in range(30):
        result = instance.run(seed)
        check_invariants(instance, result)
        waiting = result.waiting_lists[10]
        if 2 in waiting:
            assert waiting[-1] == 2


def test_the_report_shows_occasions_below_their_minimum() -> None:
    instance = Instance(
        [Kind(1, age=8), Kind(2, age=8)],
        [occasion(10, capacity=5, min_participants=3), occasion(20, day=1, min_participants=1)],
        [Wunsch(1, 10), Wunsch(2, 10), Wunsch(2, 20)],
    )
    report = instance.run().report
    assert [(b.durchfuehrung_id, b.places, b.minimum) for b in report.below_minimum] == [(10, 2, 3)]


def test_an_empty_period_gives_an_empty_result() -> None:
    result = Instance([], [], []).run()
    assert result.places == result.rejections == result.draw_order == ()
    assert result.report.children_with_place == result.report.max_children_with_place == 0


def test_a_larger_run_terminates_and_stays_maximal() -> None:
    rng = random.Random(5)
    durchfuehrungen = [
        occasion(i, day=rng.randrange(20), capacity=rng.randint(3, 12)) for i in range(1, 101)
    ]
    kinder = [Kind(i, age=9) for i in range(1, 1001)]
    wuensche = [
        Wunsch(k.id, o, favourite=rng.random() < 0.2)
        for k in kinder
        for o in rng.sample(range(1, 101), 5)
    ]
    result = Instance(kinder, durchfuehrungen, wuensche, seed=3).run()
    assert result.report.children_with_place == result.report.max_children_with_place


# -------------------------------------------------------------------------- the input


@pytest.mark.parametrize(
    ("kinder", "durchfuehrungen", "wuensche", "message"),
    [
        ([Kind(1, 8), Kind(1, 9)], [], [], "Kind 1 is given twice"),
        ([], [occasion(10), occasion(10)], [], "Durchfuehrung 10 is given twice"),
        ([Kind(1, 8)], [occasion(10)], [Wunsch(1, 10), Wunsch(1, 10)], "given twice"),
        ([Kind(1, 8)], [], [Wunsch(1, 10)], "unknown Durchfuehrung 10"),
        ([], [occasion(10)], [Wunsch(1, 10)], "unknown Kind 1"),
        ([], [occasion(10, capacity=-1)], [], "negative capacity"),
        ([], [occasion(10, hours=0)], [], "ends before it starts"),
        ([Kind(1, 8, limit=-1)], [], [], "negative limit"),
        (
            [],
            [
                occasion(10),
                replace(occasion(20), start=datetime(2026, 7, 6), end=datetime(2026, 7, 7)),
            ],
            [],
            "mix of timezone-aware and naive",
        ),
    ],
)
def test_inconsistent_input_is_refused(
    kinder: list[Kind],
    durchfuehrungen: list[Durchfuehrung],
    wuensche: list[Wunsch],
    message: str,
) -> None:
    with pytest.raises(VerlosungError, match=message):
        Instance(kinder, durchfuehrungen, wuensche).run()


def test_naive_datetimes_work_when_used_throughout() -> None:
    start = datetime(2026, 7, 6, 9)
    naive = [
        Durchfuehrung(10, 1, start, start + timedelta(hours=2), 1),
        Durchfuehrung(20, 2, start + timedelta(hours=1), start + timedelta(hours=3), 1),
    ]
    result = Instance([Kind(1, 8)], naive, [Wunsch(1, 10), Wunsch(1, 20)]).run()
    assert len(result.places) == 1
    assert result.rejections[0].reason == Reason.OVERLAP


def test_the_module_stays_pure() -> None:
    """Only the standard library (and its own parts): the ORM adapter lives elsewhere."""
    paket = Path(verlosung.__file__).parent
    imported = {
        (node.module if isinstance(node, ast.ImportFrom) else alias.name).split(".")[0]
        for datei in paket.glob("*.py")
        for node in ast.walk(ast.parse(datei.read_text()))
        if isinstance(node, ast.Import | ast.ImportFrom)
        and not (
            isinstance(node, ast.ImportFrom) and (node.module or "").startswith(verlosung.__name__)
        )
        for alias in node.names
    }
    standard_library = {
        "__future__",
        "bisect",
        "collections",
        "contextlib",
        "dataclasses",
        "datetime",
        "enum",
        "gc",
        "heapq",
        "random",
    }
    assert imported <= standard_library


def set_gc(enabled: bool) -> None:
    if enabled:
        gc.enable()
    else:
        gc.disable()


@pytest.mark.parametrize("enabled", [True, False])
def test_the_garbage_collector_is_left_as_it_was(enabled: bool) -> None:
    """The run pauses the cycle collector for speed and must restore it, even on errors."""
    was = gc.isenabled()
    try:
        set_gc(enabled)
        medium_instance(0).run()
        assert gc.isenabled() == enabled
        with pytest.raises(VerlosungError):
            Instance([Kind(1, 8), Kind(1, 8)], [], []).run()
        assert gc.isenabled() == enabled
    finally:
        set_gc(was)
