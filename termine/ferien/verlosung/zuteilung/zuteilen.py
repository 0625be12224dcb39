"""The rounds: maximum matchings per round, favourites first, linked children together."""

from __future__ import annotations

from termine.ferien.verlosung.zuteilung.favoriten import _most_favourites
from termine.ferien.verlosung.zuteilung.modell import JOIN_MAX_MOVES
from termine.ferien.verlosung.zuteilung.vorbereitung import _Problem

# -------------------------------------------------------------------------- allocating


def _allocate(problem: _Problem) -> tuple[list[list[int]], list[list[bool]]]:
    """Run the rounds; return per child the occasions it got and whether each was a favourite."""
    n = len(problem.children)
    held: list[list[int]] = [[] for _ in range(n)]
    held_fav: list[list[bool]] = [[] for _ in range(n)]
    taken = [0] * len(problem.occasions)
    angebot, start, end = problem.angebot, problem.start, problem.end
    clashes = _clashes(problem)

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
                if clashes[child] and problem.limit[child] - len(mine) > 1 and len(usable) > 1:
                    usable = _look_ahead(usable, clashes[child], problem.favourites[child])
                edges[child] = usable
        match = _match_round(problem, edges, residual, held)
        match = _most_favourites(edges, problem.favourites, residual, match)
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


def _clashes(problem: _Problem) -> list[dict[int, set[int]]]:
    """Per child: which of its wishes exclude which others (same Angebot or overlap)."""
    angebot, start, end = problem.angebot, problem.start, problem.end
    result: list[dict[int, set[int]]] = []
    for wishes in problem.wishes:
        mine: dict[int, set[int]] = {}
        for index, a in enumerate(wishes):
            for b in wishes[index + 1 :]:
                if angebot[a] == angebot[b] or (start[a] < end[b] and start[b] < end[a]):
                    mine.setdefault(a, set()).add(b)
                    mine.setdefault(b, set()).add(a)
        result.append(mine)
    return result


def _look_ahead(
    usable: list[int], clashes: dict[int, set[int]], favourites: frozenset[int]
) -> list[int]:
    """``usable`` reordered: favourites first, then the places that leave the most usable
    wishes compatible, then the order so far (a stable sort)."""
    present = set(usable)

    def key(occasion: int) -> tuple[bool, int]:
        return occasion not in favourites, len(present.intersection(clashes.get(occasion, ())))

    return sorted(usable, key=key)


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
