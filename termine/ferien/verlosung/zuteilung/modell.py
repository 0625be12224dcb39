"""The allocation's plain data: input (children, occasions, wishes) and output (places,
refusals, report)."""

from __future__ import annotations

import enum
from collections.abc import Mapping
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
