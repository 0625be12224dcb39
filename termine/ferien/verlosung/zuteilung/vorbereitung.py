"""Preparing a draw: validation, the draw order and the problem in index form."""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from termine.ferien.verlosung.zuteilung.modell import (
    _EPOCH_AWARE,
    _EPOCH_NAIVE,
    _MICROSECOND,
    AngebotId,
    Durchfuehrung,
    Kind,
    VerlosungError,
    Wunsch,
)

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
