"""Verlosung: a fair, reproducible allocation of holiday-programme places.

Pure functions over plain data: no Django, no database. A service loads the wishes of a
Ferienzeitraum, maps them to :class:`Kind`, :class:`Durchfuehrung` and :class:`Wunsch`,
calls :func:`verlosen` and stores what the coordinators confirm.

What the result guarantees
==========================

Hard constraints, always: no Durchfuehrung gets more children than its capacity; a child
only gets a Durchfuehrung whose age range contains its age; a child never holds two
Durchfuehrungen whose times overlap, nor two of the same Angebot; a child never holds more
places than its maximum.

Fairness, in this order of importance:

1. **Places come in rounds.** Round 1 gives one place to as many children as possible:
   the number of children with at least one place equals the size of a maximum
   bipartite matching between children and seats. Round ``r`` then gives one further
   place to as many as possible of the children who hold ``r - 1`` places, taking into
   account what they already hold (times, Angebote, maximum). Places of earlier rounds
   are never moved. Consequence: when a child with ``k`` places did not get a wished,
   compatible Durchfuehrung, that Durchfuehrung is full, and nobody holds a seat there
   from a round later than ``k + 1``. In particular no child gets a second place that a
   child without any place wished and could have taken.
2. **Favourites first within a round.** Each round has two stages. The favourite stage
   matches favourite wishes only, as many children as possible. The second stage adds
   children through all their wishes until the round's maximum is reached; it never takes
   a place away, it only moves children between their own wishes to make room. Reaching
   the maximum comes first, so it may move a child off its favourite, but each child is
   added along a shortest augmenting path that moves the fewest children off a favourite
   among all shortest ones. (Searching all paths instead of the shortest ones kept 2-3 %
   more favourites on the benchmark's scarce instances at four to six times the run
   time; the exact "most favourites among all maximum matchings" would need a min-cost
   flow. Neither seemed worth it.)
3. **The draw decides ties.** ``random.Random(seed)`` draws an order of the children
   (children with ``priority`` first, that is those who got nothing in the previous
   period). In each stage the children are considered in draw order, and a child is
   served if it can be served together with everyone served before it. The served set
   of a round is therefore the greedy one in the order "served in the favourite stage,
   then the draw order": when a child is left out, no child drawn later who got a place
   in the second stage could have been swapped for it.
   The number of wishes buys no priority over children drawn earlier: adding
   non-favourite wishes to a child not served in the favourite stage (for instance one
   without favourites) never changes whether a child drawn before it gets a place in
   round 1.
4. **Linked children** (same ``group``) draw one ticket and so stand next to each other
   in the draw order. A linked child first tries to join a Durchfuehrung a linked child
   already holds, even if that means moving other children to another of their wishes
   (never off a favourite); otherwise it prefers, after its favourites, what more linked
   children wished. This is best effort and never costs another child its place; the
   report counts how often linked children were split.

Everything is deterministic: inputs are sorted canonically first, so the same seed and
the same data give the same result in any input order. The seed and the draw order are
part of the result so that coordinators can show how the lottery went.

Every unfulfilled wish gets a machine-readable :class:`Reason`; a wish for a full
Durchfuehrung puts the child on its waiting list. A waiting list is ordered the way the
Verlosung itself would hand out a freed seat: fewer places held first, then favourites,
then the draw order.

Algorithm and cost
==================

Each stage of a round is a bipartite matching between the round's children and the
Durchfuehrungen with free seats, seats grouped per Durchfuehrung (no node per seat).
Children are added in draw order by searching an augmenting path (Kuhn's algorithm,
breadth-first over Durchfuehrungen). Among a child's own free wishes the search takes a
favourite first, then the least demanded one (wishes per seat), which leaves crowded
Durchfuehrungen to children who wished nothing else; a drawn order of the
Durchfuehrungen breaks the remaining ties, so low ids are not favoured. A search that
fails marks everything it reached as dead for the rest of the stage: adding more
children never frees a seat there, so no later search enters it again. Failed searches
therefore cost ``O(W)`` per stage in total (``W`` wishes); a successful search stops at
the level of the first free seat. The worst case is ``O(C * W)`` per round (``C``
children), but on realistic instances searches are short and the whole run grows about
linearly with the number of wishes (see ``benchmarks/verlosung.py``: 100,000 wishes in
about a second, in a few seconds when seats are scarce). The number of rounds is at most
the per-child maximum and at most the largest number of wishes of one child, so the run
always terminates. The report's theoretical maximum is computed independently with
Hopcroft-Karp (``O(W * sqrt(C))``).
"""

from __future__ import annotations

import enum
import gc
import random
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

type KindId = int
type DurchfuehrungId = int
type AngebotId = int

# A linked child may move at most this many other children to join a linked child.
# Longer chains rarely succeed and would make these searches as costly as the main ones.
JOIN_MAX_MOVES = 3

_MICROSECOND = timedelta(microseconds=1)
_EPOCH_AWARE = datetime(1970, 1, 1, tzinfo=UTC)
_EPOCH_NAIVE = datetime(1970, 1, 1)


# ------------------------------------------------------------------------------- input


@dataclass(frozen=True, slots=True)
class Kind:
    """A child taking part in the Verlosung.

    ``age`` is the age in whole years on the first day of the Ferienzeitraum.
    ``priority`` marks a child who got nothing in the previous period: it is drawn before
    all others. Children with the same ``group`` code (siblings, friends) want to go
    together. ``limit`` lowers the period's per-child maximum for this child.
    """

    id: KindId
    age: int
    priority: bool = False
    group: str | None = None
    limit: int | None = None


@dataclass(frozen=True, slots=True)
class Durchfuehrung:
    """One dated occasion of an Angebot with its own capacity.

    ``start`` and ``end`` are compared as a half-open interval, so an occasion ending at
    10:00 does not overlap one starting at 10:00. All datetimes of one run must be either
    timezone-aware (recommended) or naive. ``min_age`` and ``max_age`` are inclusive.
    ``min_participants`` only feeds the report (occasions below their minimum).
    """

    id: DurchfuehrungId
    angebot_id: AngebotId
    start: datetime
    end: datetime
    capacity: int
    min_age: int | None = None
    max_age: int | None = None
    min_participants: int | None = None

    def fits_age(self, age: int) -> bool:
        return (self.min_age is None or age >= self.min_age) and (
            self.max_age is None or age <= self.max_age
        )


@dataclass(frozen=True, slots=True)
class Wunsch:
    """A family's wish that ``kind_id`` takes part in ``durchfuehrung_id``.

    How many favourites a child may mark is enforced by the wish phase, not here. The
    time of entry is deliberately not part of a wish.
    """

    kind_id: KindId
    durchfuehrung_id: DurchfuehrungId
    favourite: bool = False


class VerlosungError(ValueError):
    """The input is inconsistent (duplicate ids, unknown references, impossible values)."""


# ------------------------------------------------------------------------------ output


class Reason(enum.StrEnum):
    """Why a wish was not fulfilled; the UI translates these codes.

    Exactly one reason per unfulfilled wish, checked in declaration order.
    """

    AGE = enum.auto()
    """The child's age is outside the Durchfuehrung's age range."""
    SAME_ANGEBOT = enum.auto()
    """The child already has a place in another Durchfuehrung of the same Angebot."""
    OVERLAP = enum.auto()
    """The Durchfuehrung overlaps in time with places the child got (``conflicts_with``)."""
    LIMIT = enum.auto()
    """The child already holds its maximum number of places."""
    FULL = enum.auto()
    """The Durchfuehrung is full; the child is on its waiting list (``waiting_position``)."""


@dataclass(frozen=True, slots=True)
class Platz:
    """A place a child got, in the round (1, 2, ...) that handed it out."""

    kind_id: KindId
    durchfuehrung_id: DurchfuehrungId
    round: int
    favourite: bool


@dataclass(frozen=True, slots=True)
class Absage:
    """An unfulfilled wish and why.

    ``conflicts_with`` names the child's places that block the wish (for ``OVERLAP`` and
    ``SAME_ANGEBOT``); ``waiting_position`` is the 1-based position on the waiting list
    (for ``FULL``).
    """

    kind_id: KindId
    durchfuehrung_id: DurchfuehrungId
    favourite: bool
    reason: Reason
    conflicts_with: tuple[DurchfuehrungId, ...] = ()
    waiting_position: int | None = None


@dataclass(frozen=True, slots=True)
class BelowMinimum:
    durchfuehrung_id: DurchfuehrungId
    places: int
    minimum: int


@dataclass(frozen=True, slots=True)
class QualityReport:
    """What a coordinator looks at before confirming.

    ``places_histogram[k]`` is the number of children with exactly ``k`` places.
    ``max_children_with_place`` is the size of a maximum bipartite matching between
    children and seats, computed independently of the allocation; the Verlosung
    guarantees ``children_with_place == max_children_with_place``.
    ``linked_occasions`` counts (group, Durchfuehrung) pairs that two or more linked
    children wished; ``linked_occasions_split`` those where some of them got it and some
    did not.
    """

    children: int
    places_histogram: tuple[int, ...]
    children_with_place: int
    max_children_with_place: int
    wishes: int
    wishes_fulfilled: int
    favourites: int
    favourites_fulfilled: int
    below_minimum: tuple[BelowMinimum, ...]
    linked_occasions: int
    linked_occasions_split: int

    @property
    def children_without_place(self) -> int:
        return self.places_histogram[0] if self.places_histogram else 0

    @property
    def children_with_one_place(self) -> int:
        return self.places_histogram[1] if len(self.places_histogram) > 1 else 0

    @property
    def children_with_more_places(self) -> int:
        return sum(self.places_histogram[2:])


@dataclass(frozen=True, slots=True)
class Ergebnis:
    """The outcome of one run of :func:`verlosen`.

    ``places`` and ``rejections`` are ordered by draw position, then round or id.
    ``waiting_lists`` maps each full Durchfuehrung that has one to the children in
    waiting-list order. ``draw_order`` is the lottery order of all children.
    """

    seed: int
    draw_order: tuple[KindId, ...]
    places: tuple[Platz, ...]
    rejections: tuple[Absage, ...]
    waiting_lists: Mapping[DurchfuehrungId, tuple[KindId, ...]]
    report: QualityReport


# ----------------------------------------------------------------------------- entry


def verlosen(
    *,
    kinder: Iterable[Kind],
    durchfuehrungen: Iterable[Durchfuehrung],
    wuensche: Iterable[Wunsch],
    seed: int,
    max_places_per_child: int | None = None,
) -> Ergebnis:
    """Allocate places by rounds, favourites first, ties broken by a seeded draw.

    See the module docstring for the guarantees. ``max_places_per_child`` is the
    period's maximum (``None``: no maximum); :attr:`Kind.limit` can lower it per child.
    Raises :class:`VerlosungError` for inconsistent input.
    """
    if max_places_per_child is not None and max_places_per_child < 0:
        raise VerlosungError("max_places_per_child must not be negative")
    with _cyclic_gc_paused():
        children = _sorted_unique(kinder, "Kind")
        occasions = _sorted_unique(durchfuehrungen, "Durchfuehrung")
        wishes = sorted(wuensche, key=lambda w: (w.kind_id, w.durchfuehrung_id))
        _validate(children, occasions, wishes)

        rng = random.Random(seed)
        drawn = _draw(children, rng)
        problem = _Problem.build(drawn, occasions, wishes, max_places_per_child, rng)
        held, held_fav = _allocate(problem)
        return _result(seed, problem, held, held_fav)


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the Verlosung builds its data.

    The collector runs after every few hundred new containers and walks all live ones,
    so building a million small tuples and lists costs time quadratic in their number:
    half the run time at 100,000 wishes. Nothing here needs the cycle collector (reference
    counting frees everything), the previous state is restored, and the result does not
    depend on it. Mercurial's ``util.nogc`` does the same for the same reason.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# --------------------------------------------------------------------------- preparing


def _sorted_unique[T: (Kind, Durchfuehrung)](items: Iterable[T], name: str) -> list[T]:
    result = sorted(items, key=lambda item: item.id)
    for before, after in zip(result, result[1:], strict=False):
        if before.id == after.id:
            raise VerlosungError(f"{name} {after.id} is given twice")
    return result


def _validate(
    children: Sequence[Kind], occasions: Sequence[Durchfuehrung], wishes: Sequence[Wunsch]
) -> None:
    for kind in children:
        if kind.limit is not None and kind.limit < 0:
            raise VerlosungError(f"Kind {kind.id} has a negative limit")
    aware = None
    for occasion in occasions:
        if occasion.capacity < 0:
            raise VerlosungError(f"Durchfuehrung {occasion.id} has a negative capacity")
        if not occasion.start < occasion.end:
            raise VerlosungError(f"Durchfuehrung {occasion.id} ends before it starts")
        this_aware = occasion.start.tzinfo is not None
        if aware is not None and this_aware != aware:
            raise VerlosungError("mix of timezone-aware and naive datetimes")
        aware = this_aware
    child_ids = {kind.id for kind in children}
    occasion_ids = {occasion.id for occasion in occasions}
    previous = None
    for wish in wishes:
        key = (wish.kind_id, wish.durchfuehrung_id)
        if key == previous:
            raise VerlosungError(f"Wunsch {key} is given twice")
        previous = key
        if wish.kind_id not in child_ids:
            raise VerlosungError(f"Wunsch for unknown Kind {wish.kind_id}")
        if wish.durchfuehrung_id not in occasion_ids:
            raise VerlosungError(f"Wunsch for unknown Durchfuehrung {wish.durchfuehrung_id}")


def _draw(children: Sequence[Kind], rng: random.Random) -> list[Kind]:
    """The lottery order: one ticket per group (or single child), priority children first.

    ``children`` must be sorted by id so that the order only depends on the seed. A group
    with both priority and other children is split by the priority rule (priority is
    personal, and linking must not lend it to a friend); otherwise linked children stand
    next to each other.
    """
    units: dict[tuple[int, str, int], list[Kind]] = {}
    for kind in children:
        key = (0, kind.group, 0) if kind.group is not None else (1, "", kind.id)
        units.setdefault(key, []).append(kind)
    tickets = sorted(units)
    rng.shuffle(tickets)
    order: list[Kind] = []
    for ticket in tickets:
        members = units[ticket]
        rng.shuffle(members)
        order.extend(members)
    # A stable sort keeps the drawn order within each tier.
    return sorted(order, key=lambda kind: not kind.priority)


def _micros(moment: datetime) -> int:
    epoch = _EPOCH_AWARE if moment.tzinfo is not None else _EPOCH_NAIVE
    return (moment - epoch) // _MICROSECOND


@dataclass(slots=True)
class _Problem:
    """The input as arrays. Children are numbered by draw position, occasions by id order."""

    children: list[Kind]
    occasions: list[Durchfuehrung]
    angebot: list[int]
    start: list[int]
    end: list[int]
    capacity: list[int]
    limit: list[int]
    # Wishes whose age fits, as occasion numbers, best first for this child: favourites,
    # then (for linked children) occasions more linked children wished, then occasions
    # with less demand per seat, then a drawn order of the occasions.
    wishes: list[list[int]]
    favourites: list[frozenset[int]]
    group_members: list[list[int]]  # per child: the other children of its group
    # Per child, every wish as (occasion, wish, age fits), by Durchfuehrung id.
    requests: list[list[tuple[int, Wunsch, bool]]]

    @classmethod
    def build(
        cls,
        drawn: list[Kind],
        occasions: list[Durchfuehrung],
        wishes: list[Wunsch],
        max_places_per_child: int | None,
        rng: random.Random,
    ) -> _Problem:
        position = {kind.id: index for index, kind in enumerate(drawn)}
        number = {occasion.id: index for index, occasion in enumerate(occasions)}
        angebote: dict[AngebotId, int] = {}
        unlimited = len(occasions)  # no child can hold more places than this
        limit = []
        for kind in drawn:
            values = [v for v in (max_places_per_child, kind.limit) if v is not None]
            limit.append(min(values, default=unlimited))

        fitting: list[list[tuple[int, bool]]] = [[] for _ in drawn]
        requests: list[list[tuple[int, Wunsch, bool]]] = [[] for _ in drawn]
        demand = [0] * len(occasions)
        for wish in wishes:
            child, occasion = position[wish.kind_id], number[wish.durchfuehrung_id]
            fits = occasions[occasion].fits_age(drawn[child].age)
            requests[child].append((occasion, wish, fits))
            if fits:
                fitting[child].append((occasion, wish.favourite))
                demand[occasion] += 1

        lottery = list(range(len(occasions)))
        rng.shuffle(lottery)
        # Preferring the less demanded of a child's wishes leaves the crowded ones to
        # children who have nothing else; the drawn order breaks the remaining ties
        # without favouring low ids.
        rank = [0] * len(occasions)
        by_demand = sorted(
            range(len(occasions)),
            key=lambda o: (
                demand[o] / occasions[o].capacity if occasions[o].capacity else 1e18,
                lottery[o],
            ),
        )
        for index, occasion in enumerate(by_demand):
            rank[occasion] = index

        groups: dict[str, list[int]] = {}
        for child, kind in enumerate(drawn):
            if kind.group is not None:
                groups.setdefault(kind.group, []).append(child)
        group_members: list[list[int]] = [[] for _ in drawn]
        for members in groups.values():
            for child in members:
                group_members[child] = [m for m in members if m != child]

        ordered: list[list[int]] = []
        favourites: list[frozenset[int]] = []
        for child, items in enumerate(fitting):
            mates_wishing: dict[int, int] = {}
            for mate in group_members[child]:
                for occasion, _ in fitting[mate]:
                    mates_wishing[occasion] = mates_wishing.get(occasion, 0) + 1
            items.sort(
                key=lambda item: (not item[1], -mates_wishing.get(item[0], 0), rank[item[0]])
            )
            ordered.append([occasion for occasion, _ in items])
            favourites.append(frozenset(occasion for occasion, fav in items if fav))

        for occasion in occasions:
            angebote.setdefault(occasion.angebot_id, len(angebote))
        return cls(
            children=drawn,
            occasions=occasions,
            angebot=[angebote[o.angebot_id] for o in occasions],
            start=[_micros(o.start) for o in occasions],
            end=[_micros(o.end) for o in occasions],
            capacity=[o.capacity for o in occasions],
            limit=limit,
            wishes=ordered,
            favourites=favourites,
            group_members=group_members,
            requests=requests,
        )


# -------------------------------------------------------------------------- allocating


def _allocate(problem: _Problem) -> tuple[list[list[int]], list[list[bool]]]:
    """Run the rounds; return per child the occasions it got and whether each was a favourite."""
    n = len(problem.children)
    held: list[list[int]] = [[] for _ in range(n)]
    held_fav: list[list[bool]] = [[] for _ in range(n)]
    taken = [0] * len(problem.occasions)
    angebot, start, end = problem.angebot, problem.start, problem.end

    active = [c for c in range(n) if problem.limit[c] > 0 and problem.wishes[c]]
    while active:
        residual = [cap - used for cap, used in zip(problem.capacity, taken, strict=True)]
        edges: dict[int, list[int]] = {}
        for child in active:
            mine = held[child]
            if not mine:
                usable = [o for o in problem.wishes[child] if residual[o] > 0]
            else:
                # Excluding the held Angebote also excludes the held occasions themselves.
                blocked = {angebot[h] for h in mine}
                usable = [
                    o
                    for o in problem.wishes[child]
                    if residual[o] > 0
                    and angebot[o] not in blocked
                    and not any(start[h] < end[o] and start[o] < end[h] for h in mine)
                ]
            if usable:
                edges[child] = usable
        match = _match_round(problem, edges, residual, held)
        served = []
        for child in active:
            occasion = match.get(child)
            if occasion is not None:
                held[child].append(occasion)
                held_fav[child].append(occasion in problem.favourites[child])
                taken[occasion] += 1
                served.append(child)
        # Only children who got a place in this round take part in the next one.
        active = [c for c in served if len(held[c]) < problem.limit[c]]
    return held, held_fav


def _match_round(
    problem: _Problem,
    edges: dict[int, list[int]],
    residual: list[int],
    held: list[list[int]],
) -> dict[int, int]:
    """One round: a maximum matching, favourite wishes first, children in draw order.

    ``edges`` maps each child of the round (in draw order) to the occasions it may still
    get, best first. Returns child -> occasion for the children served in this round.
    """
    m = len(residual)
    favourites = problem.favourites
    group_members = problem.group_members
    match: dict[int, int] = {}
    on_favourite: dict[int, bool] = {}
    holders: list[dict[int, None]] = [{} for _ in range(m)]
    load = [0] * m
    fav_edges = {
        child: [o for o in occasions if o in favourites[child]]
        for child, occasions in edges.items()
        if favourites[child]
    }

    def augment(occasion: int, parent: dict[int, tuple[int, int]]) -> None:
        # Only the last occasion of the path gains a child; every other one swaps one.
        load[occasion] += 1
        while True:
            previous, child = parent[occasion]
            if previous >= 0:
                del holders[previous][child]
            holders[occasion][child] = None
            match[child] = occasion
            on_favourite[child] = occasion in favourites[child]
            if previous < 0:
                return
            occasion = previous

    def search(
        root: int,
        adjacency: dict[int, list[int]],
        dead: bytearray,
        first: list[int] | None = None,
        keep_favourites: bool = False,
        max_moves: int | None = None,
    ) -> bool:
        """Find an augmenting path from ``root``; apply it and return True if one exists.

        Breadth-first over occasions, level by level, so the path is a shortest one.
        ``moved[o]`` counts the children the best path to ``o`` moves off a favourite.
        A free seat reached without such a move is taken at once; otherwise the level is
        finished and, among its free seats, the one with the fewest moves is taken.
        ``first`` restricts the root's first step; ``keep_favourites`` only follows
        paths that move nobody off a favourite; ``max_moves`` gives up on paths that
        move more children than that. A search that left paths out marks nothing dead.
        """
        moved: dict[int, int] = {}
        parent: dict[int, tuple[int, int]] = {}
        level: list[int] = []
        refused = False
        for occasion in adjacency[root] if first is None else first:
            if dead[occasion] or occasion in moved:
                continue
            if load[occasion] < residual[occasion]:
                augment(occasion, {occasion: (-1, root)})
                return True
            moved[occasion] = 0
            parent[occasion] = (-1, root)
            level.append(occasion)
        depth = 0
        while level:
            if max_moves is not None and depth >= max_moves:
                refused = True
                break
            depth += 1
            following: list[int] = []
            in_following: set[int] = set()
            for index, occasion in enumerate(level):
                cost_here = moved[occasion]
                for holder in holders[occasion]:
                    protect = on_favourite[holder]
                    mine = favourites[holder]
                    for target in adjacency[holder]:
                        if dead[target]:
                            continue
                        cost = cost_here + 1 if protect and target not in mine else cost_here
                        if cost and keep_favourites:
                            refused = True
                            continue
                        known = moved.get(target)
                        if known is not None:
                            # Only a node of the level being built can still get cheaper.
                            if cost >= known or target not in in_following:
                                continue
                        else:
                            following.append(target)
                            in_following.add(target)
                        moved[target] = cost
                        parent[target] = (occasion, holder)
                        if load[target] < residual[target]:
                            if cost:
                                # Finish the level for a free seat with fewer moves.
                                target = cheapest(
                                    level, index, adjacency, target, cost, moved, parent
                                )
                            augment(target, parent)
                            return True
            level = following
        if not refused:
            # Nothing reachable from here has a free seat, and adding children elsewhere
            # cannot change that: skip this region for the rest of the stage.
            for occasion in moved:
                dead[occasion] = 1
        return False

    def cheapest(
        level: list[int],
        index: int,
        adjacency: dict[int, list[int]],
        best: int,
        best_cost: int,
        moved: dict[int, int],
        parent: dict[int, tuple[int, int]],
    ) -> int:
        """The free seat reachable from ``level[index:]`` with the fewest moves.

        Moves only add up along a path, so occasions reached with ``best_cost`` moves or
        more are skipped, and a free seat as cheap as the cheapest occasion of the level
        cannot be beaten. Full occasions no longer matter: the search ends here.
        """
        floor = min(moved[o] for o in level)
        for occasion in level[index:]:
            cost_here = moved[occasion]
            if cost_here >= best_cost:
                continue
            for holder in holders[occasion]:
                protect = on_favourite[holder]
                mine = favourites[holder]
                for target in adjacency[holder]:
                    if load[target] >= residual[target]:
                        continue
                    cost = cost_here + 1 if protect and target not in mine else cost_here
                    if cost < best_cost:
                        moved[target] = cost
                        parent[target] = (occasion, holder)
                        best, best_cost = target, cost
                        if cost == floor:
                            return best
        return best

    def serve(child: int, adjacency: dict[int, list[int]], dead: bytearray) -> None:
        mates = group_members[child]
        if mates:
            # Linked children: first try to join a linked child, making room there by
            # moving others between their own wishes (never off a favourite). Any
            # augmenting path serves the same children, so this costs nobody a place.
            theirs = set()
            for mate in mates:
                theirs.update(held[mate])
                if mate in match:
                    theirs.add(match[mate])
            joint = [o for o in adjacency[child] if o in theirs]
            if joint and search(
                child, adjacency, dead, joint, keep_favourites=True, max_moves=JOIN_MAX_MOVES
            ):
                return
        search(child, adjacency, dead)

    dead = bytearray(m)
    for child in fav_edges:
        serve(child, fav_edges, dead)
    dead = bytearray(m)
    for child in edges:
        if child not in match:
            serve(child, edges, dead)
    return match


# ----------------------------------------------------------------------------- result


def _result(
    seed: int, problem: _Problem, held: list[list[int]], held_fav: list[list[bool]]
) -> Ergebnis:
    children, occasions = problem.children, problem.occasions
    angebot, start, end = problem.angebot, problem.start, problem.end
    taken = [0] * len(occasions)
    places = []
    # Unfulfilled wishes in draw order; FULL ones also go to the occasion's waiting list,
    # keyed the way a further round would serve them: fewer places, favourite, draw.
    pending: list[tuple[Wunsch, Reason, tuple[int, ...]]] = []
    waiting: dict[int, list[tuple[int, bool, int, int]]] = {}  # key..., index in pending
    for child, kind in enumerate(children):
        mine = held[child]
        for index, occasion in enumerate(mine):
            taken[occasion] += 1
            places.append(Platz(kind.id, occasions[occasion].id, index + 1, held_fav[child][index]))
        for occasion, wish, fits in problem.requests[child]:
            if occasion in mine:
                continue
            conflicts: tuple[int, ...] = ()
            if not fits:
                reason = Reason.AGE
            elif not mine and problem.limit[child] > 0:
                reason = Reason.FULL  # the common case, without the checks below
                entry = (0, not wish.favourite, child, len(pending))
                waiting.setdefault(occasion, []).append(entry)
            elif same := [h for h in mine if angebot[h] == angebot[occasion]]:
                reason, conflicts = Reason.SAME_ANGEBOT, tuple(occasions[h].id for h in same)
            elif overlapping := [
                h for h in mine if start[h] < end[occasion] and start[occasion] < end[h]
            ]:
                reason, conflicts = Reason.OVERLAP, tuple(occasions[h].id for h in overlapping)
            elif len(mine) >= problem.limit[child]:
                reason = Reason.LIMIT
            else:
                reason = Reason.FULL
                entry = (len(mine), not wish.favourite, child, len(pending))
                waiting.setdefault(occasion, []).append(entry)
            pending.append((wish, reason, conflicts))

    waiting_lists: dict[DurchfuehrungId, tuple[KindId, ...]] = {}
    position: list[int | None] = [None] * len(pending)
    for occasion in sorted(waiting):
        # The rounds fill every seat a waiting child could have used (module docstring).
        if taken[occasion] < problem.capacity[occasion]:
            raise AssertionError(f"Verlosung left a usable seat in {occasions[occasion].id}")
        entries = sorted(waiting[occasion])  # the pending index never decides: child does
        waiting_lists[occasions[occasion].id] = tuple(children[e[2]].id for e in entries)
        for rank, entry in enumerate(entries, start=1):
            position[entry[3]] = rank

    rejections = tuple(
        Absage(wish.kind_id, wish.durchfuehrung_id, wish.favourite, reason, conflicts, rank)
        for (wish, reason, conflicts), rank in zip(pending, position, strict=True)
    )
    return Ergebnis(
        seed=seed,
        draw_order=tuple(kind.id for kind in children),
        places=tuple(places),
        rejections=rejections,
        waiting_lists=waiting_lists,
        report=_report(problem, held, held_fav, taken),
    )


def _report(
    problem: _Problem, held: list[list[int]], held_fav: list[list[bool]], taken: list[int]
) -> QualityReport:
    histogram = [0] * (max((len(h) for h in held), default=0) + 1)
    for mine in held:
        histogram[len(mine)] += 1

    below = tuple(
        BelowMinimum(occasion.id, taken[index], occasion.min_participants)
        for index, occasion in enumerate(problem.occasions)
        if occasion.min_participants is not None and taken[index] < occasion.min_participants
    )

    # Per group and occasion wished by two or more of its children: [without, with] place.
    linked: dict[tuple[str, int], list[int]] = {}
    for child, kind in enumerate(problem.children):
        if kind.group is not None and problem.group_members[child]:
            for occasion, _, _ in problem.requests[child]:
                got = occasion in held[child]
                linked.setdefault((kind.group, occasion), [0, 0])[got] += 1
    linked_counts = [counts for counts in linked.values() if sum(counts) >= 2]

    eligible = [
        edges if problem.limit[child] > 0 else [] for child, edges in enumerate(problem.wishes)
    ]
    return QualityReport(
        children=len(problem.children),
        places_histogram=tuple(histogram),
        children_with_place=len(held) - histogram[0],
        max_children_with_place=_maximum_matching_size(
            eligible, problem.capacity, [mine[0] if mine else -1 for mine in held]
        ),
        wishes=sum(len(requests) for requests in problem.requests),
        wishes_fulfilled=sum(taken),
        favourites=sum(wish.favourite for requests in problem.requests for _, wish, _ in requests),
        favourites_fulfilled=sum(sum(flags) for flags in held_fav),
        below_minimum=below,
        linked_occasions=len(linked_counts),
        linked_occasions_split=sum(1 for without, got in linked_counts if without and got),
    )


def _maximum_matching_size(
    adjacency: list[list[int]], capacity: list[int], start: list[int]
) -> int:
    """Hopcroft-Karp for children (one seat each) and occasions (``capacity`` seats each).

    ``start`` is a matching to begin with (child -> occasion or -1), here round 1 of the
    Verlosung. Hopcroft-Karp reaches a maximum matching from any start, so the report's
    maximum stays an independent check; when round 1 is maximum, as it should be, the
    first breadth-first search finds no augmenting path and proves it in ``O(W)``. Each
    phase finds, breadth-first, the length of the shortest augmenting paths and then
    augments along vertex-disjoint paths of the layered graph, depth-first with an
    explicit stack; O(W * sqrt(C)) in all.
    """
    n = len(adjacency)
    assigned = [-1] * n
    load = [0] * len(capacity)
    holders: list[dict[int, None]] = [{} for _ in capacity]

    def move(child: int, occasion: int) -> None:
        old = assigned[child]
        if old >= 0:
            del holders[old][child]
            load[old] -= 1
        holders[occasion][child] = None
        load[occasion] += 1
        assigned[child] = occasion

    for child, occasion in enumerate(start):
        if occasion >= 0 and occasion in adjacency[child] and load[occasion] < capacity[occasion]:
            move(child, occasion)
    for child, occasions in enumerate(adjacency):
        if assigned[child] < 0:
            for occasion in occasions:
                if load[occasion] < capacity[occasion]:
                    move(child, occasion)
                    break

    while True:
        layer = [-1] * n
        roots = [c for c in range(n) if assigned[c] < 0 and adjacency[c]]
        for child in roots:
            layer[child] = 0
        frontier, depth, reachable = roots, 0, False
        while frontier and not reachable:
            following = []
            for child in frontier:
                for occasion in adjacency[child]:
                    if load[occasion] < capacity[occasion]:
                        reachable = True
                    elif not reachable:
                        for other in holders[occasion]:
                            if layer[other] < 0:
                                layer[other] = depth + 1
                                following.append(other)
            frontier, depth = following, depth + 1
        if not reachable:
            return sum(1 for occasion in assigned if occasion >= 0)

        pointer = [0] * n
        for root in roots:
            stack, via = [root], []
            while stack:
                child = stack[-1]
                edges = adjacency[child]
                pushed = False
                while pointer[child] < len(edges):
                    occasion = edges[pointer[child]]
                    if occasion == assigned[child]:
                        pointer[child] += 1
                        continue
                    if load[occasion] < capacity[occasion]:
                        # Free seat: shift everyone on the stack one step along the path.
                        move(child, occasion)
                        for index in range(len(stack) - 2, -1, -1):
                            move(stack[index], via[index])
                        for member in stack:
                            layer[member] = -1  # vertex-disjoint paths per phase
                        stack = []
                        pushed = True
                        break
                    wanted = layer[child] + 1
                    for nxt in holders[occasion]:
                        if layer[nxt] == wanted:
                            break
                    else:
                        pointer[child] += 1
                        continue
                    stack.append(nxt)
                    via.append(occasion)
                    pushed = True
                    break
                if not pushed:
                    layer[child] = -1  # dead end for the rest of the phase
                    stack.pop()
                    if via:
                        via.pop()
