"""Turning the allocation into places, refusals with reasons and the quality report."""

from __future__ import annotations

from termine.ferien.verlosung.zuteilung.modell import (
    Absage,
    BelowMinimum,
    DurchfuehrungId,
    Ergebnis,
    KindId,
    Platz,
    QualityReport,
    Reason,
    Wunsch,
)
from termine.ferien.verlosung.zuteilung.vorbereitung import _Problem

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
