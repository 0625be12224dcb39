"""Within a round: the most favourites the round's served children can hold together.

:func:`_match_round` decides who is served in a round (a maximum matching, favourite
stage first, then the draw order). :func:`_most_favourites` then re-seats exactly these
children so that as many as possible sit on a favourite: a minimum-cost flow with cost 0
for a favourite and 1 for any other wish, solved exactly by successive shortest paths
(the Hungarian method with node potentials).

It starts from the children of the round's matching who already hold a favourite (cost
0, optimal for their number) and adds the others back in phases. A phase computes the
cheapest augmenting path by Dijkstra over reduced costs, lifts the potentials by it,
and then adds as many children as possible along paths of reduced cost 0 (breadth-first
searches in draw order, as in :func:`_match_round`). Each phase makes the cheapest path
dearer, and a path's cost is the number of children it moves off a favourite plus one,
so there are only a handful of phases. Every child tries the place it had in the round's
matching first, so places only change where that buys a favourite.
"""

from __future__ import annotations

import heapq


def _most_favourites(
    edges: dict[int, list[int]],
    favourites: list[frozenset[int]],
    residual: list[int],
    match: dict[int, int],
) -> dict[int, int]:
    """Re-seat the children of ``match`` for the most favourites; return child -> occasion.

    ``edges`` maps each child of the round (in draw order) to its usable occasions, best
    first; ``match`` is a matching of some of them within ``residual`` seats. The result
    serves exactly the same children.
    """
    m = len(residual)
    assigned: dict[int, int] = {}
    load = [0] * m
    holders: list[dict[int, None]] = [{} for _ in range(m)]
    roots: list[int] = []
    for child in edges:
        occasion = match.get(child)
        if occasion is None:
            continue
        if occasion in favourites[child]:
            assigned[child] = occasion
            load[occasion] += 1
            holders[occasion][child] = None
        else:
            roots.append(child)
    if not roots or not any(favourites[child] for child in match):
        return match

    # The place of the round's matching first, then the child's own order.
    order = {
        child: [match[child], *(o for o in edges[child] if o != match[child])] for child in match
    }
    pc = dict.fromkeys(match, 0)  # potentials of children, occasions and the sink
    po = [0] * m
    pt = 0

    def cost(child: int, occasion: int) -> int:
        return 0 if occasion in favourites[child] else 1

    def augment(root: int, dead: bytearray, pt: int) -> bool:
        """One breadth-first search for a path of reduced cost 0 from ``root``; apply it."""

        def tight(child: int, occasion: int) -> bool:
            return cost(child, occasion) + pc[child] == po[occasion]

        parent: dict[int, tuple[int, int]] = {}
        queue: list[int] = []
        found = -1
        for occasion in order[root]:
            if dead[occasion] or occasion in parent or not tight(root, occasion):
                continue
            parent[occasion] = (-1, root)
            if load[occasion] < residual[occasion] and po[occasion] == pt:
                found = occasion
                break
            queue.append(occasion)
        index = 0
        while found < 0 and index < len(queue):
            here = queue[index]
            index += 1
            for holder in holders[here]:
                for occasion in order[holder]:
                    if (
                        occasion == here
                        or dead[occasion]
                        or occasion in parent
                        or not tight(holder, occasion)
                    ):
                        continue
                    parent[occasion] = (here, holder)
                    if load[occasion] < residual[occasion] and po[occasion] == pt:
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
                for occasion in order[node]:
                    if occasion != mine and occasion not in dist_o:
                        nd = base + cost(node, occasion) - po[occasion]
                        heapq.heappush(heap, (nd, 1, occasion))
            else:
                if node in dist_o:
                    continue
                dist_o[node] = d
                base = d + po[node]
                if load[node] < residual[node]:
                    total = base - pt
                    if best is None or total < best:
                        best = total
                for holder in holders[node]:
                    if holder not in dist_c:
                        nd = base - cost(holder, node) - pc[holder]
                        heapq.heappush(heap, (nd, 0, holder))
        if best is None:
            raise AssertionError("the round's served children cannot be seated again")
        for child in pc:
            pc[child] += min(dist_c.get(child, best), best)
        for occasion in range(m):
            po[occasion] += min(dist_o.get(occasion, best), best)
        pt += best

        # Add children along paths of reduced cost 0 (Kuhn's algorithm, breadth-first).
        dead = bytearray(m)
        waiting = []
        for root in roots:
            if not augment(root, dead, pt):
                waiting.append(root)
        if len(waiting) == len(roots):
            raise AssertionError("a phase of the favourite search added nobody")
        roots = waiting
    return assigned
