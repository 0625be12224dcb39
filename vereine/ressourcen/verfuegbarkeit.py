"""Availability of an item, as pure functions over plain data (no ORM inside).

A booking is `(einheit_id, von, bis)` with both days inclusive. The services load the
bookings, call these functions and store the result; the month view draws from them.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

type Buchung = tuple[int, date, date]


def ueberschneiden(von_a: date, bis_a: date, von_b: date, bis_b: date) -> bool:
    """Whether two inclusive day ranges share at least one day."""
    return von_a <= bis_b and von_b <= bis_a


def freie_einheiten(
    einheiten: Sequence[int], buchungen: Iterable[Buchung], von: date, bis: date
) -> list[int]:
    """The units (in the given order) that no booking holds on any day of [von, bis]."""
    belegt = {e for e, b_von, b_bis in buchungen if ueberschneiden(von, bis, b_von, b_bis)}
    return [e for e in einheiten if e not in belegt]


def einheiten_waehlen(
    einheiten: Sequence[int], buchungen: Iterable[Buchung], von: date, bis: date, menge: int
) -> list[int] | None:
    """`menge` free units for [von, bis] (lowest numbers first), or None if too few are free."""
    frei = freie_einheiten(einheiten, buchungen, von, bis)
    return frei[:menge] if len(frei) >= menge else None


def belegt_je_tag(buchungen: Iterable[Buchung], von: date, bis: date) -> dict[date, int]:
    """How many units are held on each day of [von, bis] (days without bookings: 0)."""
    zaehler = {von + timedelta(days=i): 0 for i in range((bis - von).days + 1)}
    for _einheit, b_von, b_bis in buchungen:
        tag = max(b_von, von)
        while tag <= min(b_bis, bis):
            zaehler[tag] += 1
            tag += timedelta(days=1)
    return zaehler


@dataclass(frozen=True)
class Tag:
    datum: date
    im_monat: bool
    belegt: int
    frei: int
    vergangen: bool

    @property
    def ausgebucht(self) -> bool:
        return self.frei == 0


def monat_grenzen(jahr: int, monat: int) -> tuple[date, date]:
    """First and last day of the weeks (Monday to Sunday) that show the month."""
    erster = date(jahr, monat, 1)
    letzter = date(jahr, monat, calendar.monthrange(jahr, monat)[1])
    return erster - timedelta(days=erster.weekday()), letzter + timedelta(
        days=6 - letzter.weekday()
    )


def monatsraster(
    jahr: int, monat: int, *, menge: int, buchungen: Iterable[Buchung], heute: date
) -> list[list[Tag]]:
    """The weeks of a month view, each day with the number of held and free units."""
    anfang, ende = monat_grenzen(jahr, monat)
    belegt = belegt_je_tag(buchungen, anfang, ende)
    tage = [
        Tag(
            datum=tag,
            im_monat=tag.month == monat,
            belegt=anzahl,
            frei=max(menge - anzahl, 0),
            vergangen=tag < heute,
        )
        for tag, anzahl in sorted(belegt.items())
    ]
    return [tage[i : i + 7] for i in range(0, len(tage), 7)]
