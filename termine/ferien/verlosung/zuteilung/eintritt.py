"""The entry point: verlosen()."""

from __future__ import annotations

import gc
import random
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from termine.ferien.verlosung.zuteilung.ergebnis import _result
from termine.ferien.verlosung.zuteilung.modell import (
    Durchfuehrung,
    Ergebnis,
    Kind,
    VerlosungError,
    Wunsch,
)
from termine.ferien.verlosung.zuteilung.vorbereitung import (
    _draw,
    _Problem,
    _sorted_unique,
    _validate,
)
from termine.ferien.verlosung.zuteilung.zuteilen import _allocate

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
