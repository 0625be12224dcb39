"""Within a round: the most favourites the round's served children can hold together,
and among those seatings the fewest envy pairs.

:func:`_match_round` decides who is served in a round (a maximum matching, favourite
stage first, then the draw order). :func:`_most_favourites` then re-seats exactly these
children in two exact stages, both minimum-cost flows solved by :func:`_cheapest_seating`.

**Favourites.** Cost 0 for a favourite and 1 for any other wish. The stage starts from
the children of the round's matching who already hold a favourite (cost 0, optimal for
their number) and adds the others back by successive shortest paths (the Hungarian method
with node potentials).

**Envy, as the tie-break.** A child A of the round who is not served envies a served
child B drawn after A if B sits on an occasion A could have taken: seating B on ``o``
costs the number of unserved children drawn before B for whom ``o`` is usable. Among the
seatings with the most favourites, the second stage finds one with the least total
envy. The potentials of the favourite stage tell which seatings keep the most favourites:
by complementary slackness exactly those that use only edges of reduced cost 0 and keep
every occasion whose potential is below the sink's full. Every occasion an unserved
child wishes is full (else the matching was not maximum), and so is every occasion that
can be reached from there by moving children (an alternating path to a free seat would
serve one more child). The children seated there (``closed``) can only move among these
occasions, which stay full whatever happens, so only they are re-seated: the children on
an envied seat leave it, everyone else of ``closed`` keeps a seat of cost 0 (optimal for
their number), and the leavers come back along the edges of reduced cost 0 of the
favourite stage by successive shortest paths with the envy as cost. Ties go to the draw
order: earlier children are added back first.

Both stages run in phases. A phase computes the cheapest augmenting path by Dijkstra
over reduced costs, updates the potentials by it, and then adds as many children as
possible along paths of reduced cost 0 (breadth-first searches in draw order, as in
:func:`_match_round`). Each phase makes the cheapest path dearer; a path's cost is small
(favourites moved, or envy pairs caused), so there are few phases (eight for the
favourites and seventeen for the envy on the benchmark's scarce 100,000 wishes). Every
child tries the place it had before first, so places only change where that buys a
favourite or spares an envy pair.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections.abc import Callable


def _most_favourites(
    edges: dict[int, list[int]],
    favourites: list[frozenset[int]],
    residual: list[int],
    match: dict[int, int],
) -> dict[int, int]:
    """Re-seat the children of ``match`` for the most favourites, then for the least envy;
    return child -> occasion.

    ``edges`` maps each child of the round (in draw order) to its usable occasions, best
    first; ``match`` is a matching of some of them within ``residual`` seats. The result
    serves exactly the same children.
    """
    assigned: dict[int, int] = {}
    roots: list[int] = []
    for child in edges:
        occasion = match.get(child)
        if occasion is None:
            continue
        if occasion in favourites[child]:
            assigned[child] = occasion
        else:
            roots.append(child)

    tight: Callable[[int, int], bool]
    if roots and any(favourites[child] for child in match):
        # The place of the round's matching first, then the child's own order.
        order = {
            child: [match[child], *(o for o in edges[child] if o != match[child])]
            for child in match
        }
        costs = {
            child: {o: 0 if o in favourites[child] else 1 for o in order[child]} for child in match
        }
        pc, po = _cheapest_seating(order, costs, residual, assigned, roots)

        def tight(child: int, occasion: int) -> bool:
            return costs[child][occasion] + pc[child] == po[occasion]

    elif roots:
        # No favourites at all: every seating of these children is as good.
        assigned = dict(match)

        def tight(child: int, occasion: int) -> bool:
            return True

    else:
        # Everyone sits on a favourite (potentials 0): only favourites keep that.
        def tight(child: int, occasion: int) -> bool:
            return occasion in favourites[child]

    return _least_envy(edges, residual, assigned, tight)


def _least_envy(
    edges: dict[int, list[int]],
    residual: list[int],
    assigned: dict[int, int],
    tight: Callable[[int, int], bool],
) -> dict[int, int]:
    """Re-seat ``assigned`` along ``tight`` edges for the fewest envy pairs (see above)."""
    wanted: dict[int, list[int]] = {}  # occasion -> unserved children wishing it, in order
    for child, occasions in edges.items():
        if child not in assigned:
            for occasion in occasions:
                wanted.setdefault(occasion, []).append(child)
    if not wanted:
        return assigned

    def envy(child: int, occasion: int) -> int:
        return bisect_left(wanted.get(occasion, ()), child)

    if not any(envy(child, occasion) for child, occasion in assigned.items()):
        return assigned

    holders: dict[int, list[int]] = {}
    for child, occasion in assigned.items():
        holders.setdefault(occasion, []).append(child)
    # The occasions reachable from the wished ones by moving children, and their children.
    reached = set(wanted)
    queue = list(wanted)
    closed: list[int] = []
    for occasion in queue:
        for holder in holders.get(occasion, ()):
            closed.append(holder)
            for other in edges[holder]:
                if other not in reached:
                    reached.add(other)
                    queue.append(other)
    closed.sort()

    order: dict[int, list[int]] = {}
    costs: dict[int, dict[int, int]] = {}
    roots: list[int] = []
    kept: dict[int, int] = {}
    for child in closed:
        mine = assigned[child]
        order[child] = [mine, *(o for o in edges[child] if o != mine and tight(child, o))]
        costs[child] = {o: envy(child, o) for o in order[child]}
        if costs[child][mine]:
            roots.append(child)
        else:
            kept[child] = mine
    _cheapest_seating(order, costs, residual, kept, roots)
    result = dict(assigned)
    result.update(kept)
    return result


def _cheapest_seating(
    order: dict[int, list[int]],
    costs: dict[int, dict[int, int]],
    residual: list[int],
    assigned: dict[int, int],
    roots: list[int],
) -> tuple[dict[int, int], list[int]]:
    """Seat ``roots`` too, at the least total cost; return the node potentials.

    ``order`` maps every child (seated or root) to the occasions it may take, in the
    order to try them; ``costs`` gives each such edge's cost (non-negative).
    ``assigned`` (child -> occasion, updated in place) must be optimal for its children,
    e.g. everyone on an edge of cost 0. The potentials prove the result optimal: every
    edge of the residual graph has a non-negative reduced cost.
    """
    m = len(residual)
    load = [0] * m
    holders: list[dict[int, None]] = [{} for _ in range(m)]
    for child, occasion in assigned.items():
        load[occasion] += 1
        holders[occasion][child] = None
    # Potentials of children and occasions; the sink's stays 0 (each phase lowers every
    # node the Dijkstra reached below the path's cost instead of lifting all others).
    pc = dict.fromkeys(order, 0)
    po = [0] * m

    def augment(root: int, dead: bytearray) -> bool:
        """One breadth-first search for a path of reduced cost 0 from ``root``; apply it."""
        parent: dict[int, tuple[int, int]] = {}
        queue: list[int] = []
        found = -1
        cost, pot = costs[root], pc[root]
        for occasion in order[root]:
            if dead[occasion] or occasion in parent or cost[occasion] + pot != po[occasion]:
                continue
            parent[occasion] = (-1, root)
            if load[occasion] < residual[occasion] and po[occasion] == 0:
                found = occasion
                break
            queue.append(occasion)
        index = 0
        while found < 0 and index < len(queue):
            here = queue[index]
            index += 1
            for holder in holders[here]:
                cost, pot = costs[holder], pc[holder]
                for occasion in order[holder]:
                    if (
                        occasion == here
                        or dead[occasion]
                        or occasion in parent
                        or cost[occasion] + pot != po[occasion]
                    ):
                        continue
                    parent[occasion] = (here, holder)
                    if load[occasion] < residual[occasion] and po[occasion] == 0:
                        found = occasion
                        break
                    queue.append(occasion)
                if found >= 0:
                    break
        if found < 0:
            for occasion in parent:
                dead[occasion] = 1
            return False
        load[found] += 1
        occasion = found
        while True:
            previous, child = parent[occasion]
            if previous >= 0:
                del holders[previous][child]
            holders[occasion][child] = None
            assigned[child] = occasion
            if previous < 0:
                return True
            occasion = previous

    while roots:
        # Dijkstra from all waiting children (distance 0) to the sink.
        dist_c: dict[int, int] = {}
        dist_o: dict[int, int] = {}
        heap: list[tuple[int, int, int]] = [(0, 0, child) for child in roots]
        best = None
        while heap:
            d, kind, node = heapq.heappop(heap)
            if best is not None and d >= best:
                break
            if kind == 0:
                if node in dist_c:
                    continue
                dist_c[node] = d
                base = d + pc[node]
                mine = assigned.get(node)
                cost = costs[node]
                for occasion in order[node]:
                    if occasion != mine and occasion not in dist_o:
                        nd = base + cost[occasion] - po[occasion]
                        heapq.heappush(heap, (nd, 1, occasion))
            else:
                if node in dist_o:
                    continue
                dist_o[node] = d
                base = d + po[node]
                if load[node] < residual[node]:
                    total = base
                    if best is None or total < best:
                        best = total
                for holder in holders[node]:
                    if holder not in dist_c:
                        nd = base - costs[holder][node] - pc[holder]
                        heapq.heappush(heap, (nd, 0, holder))
        if best is None:
            raise AssertionError("the round's served children cannot be seated again")
        for child, d in dist_c.items():
            if d < best:
                pc[child] += d - best
        for occasion, d in dist_o.items():
            if d < best:
                po[occasion] += d - best

        # Add children along paths of reduced cost 0 (Kuhn's algorithm, breadth-first).
        dead = bytearray(m)
        waiting = []
        for root in roots:
            if not augment(root, dead):
                waiting.append(root)
        if len(waiting) == len(roots):
            raise AssertionError("a phase of the cheapest seating added nobody")
        roots = waiting
    return pc, po
