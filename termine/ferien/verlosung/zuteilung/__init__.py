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
   the maximum comes first. Then the round's served children are re-seated so that as
   many as possible hold a favourite: exactly the most favourites any seating of these
   children allows (a min-cost flow, ``favoriten.py``). Among the seatings with that many
   favourites, one with the fewest envy pairs is taken (a child of the round left without
   a place, drawn before a served child, who could have taken that child's seat); a
   child keeps its place unless moving it buys a favourite or spares an envy pair.
   Among a child's choices of equal standing, the place that leaves the most of its
   other usable wishes compatible comes first (look-ahead), so a child wishing 09-11,
   10-12 and 11-13 gets two places, not only 10-12.
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
always terminates. The favourite and envy stages (``favoriten.py``) add some Dijkstra
searches and breadth-first phases per round (25 in the benchmark's hardest round). The
report's theoretical maximum is computed independently with Hopcroft-Karp
(``O(W * sqrt(C))``)."""

from termine.ferien.verlosung.zuteilung.eintritt import (  # noqa: F401
    _cyclic_gc_paused,
    verlosen,
)
from termine.ferien.verlosung.zuteilung.ergebnis import (  # noqa: F401
    _maximum_matching_size,
    _report,
    _result,
)
from termine.ferien.verlosung.zuteilung.modell import (  # noqa: F401
    _EPOCH_AWARE,
    _EPOCH_NAIVE,
    _MICROSECOND,
    JOIN_MAX_MOVES,
    Absage,
    AngebotId,
    BelowMinimum,
    Durchfuehrung,
    DurchfuehrungId,
    Ergebnis,
    Kind,
    KindId,
    Platz,
    QualityReport,
    Reason,
    VerlosungError,
    Wunsch,
)
from termine.ferien.verlosung.zuteilung.vorbereitung import (  # noqa: F401
    _draw,
    _micros,
    _Problem,
    _sorted_unique,
    _validate,
)
from termine.ferien.verlosung.zuteilung.zuteilen import (  # noqa: F401
    _allocate,
    _match_round,
)
