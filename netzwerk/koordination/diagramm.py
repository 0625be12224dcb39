"""The report's charts and periods, over plain data (no Django: tested on its own).

A chart is drawn by the template as SVG from the geometry computed here: horizontal bars,
one per row, scaled to the largest value, with the label left and the number right of the
bar. Each chart is accompanied by a table with the same rows (accessibility).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

type Zahl = int | Decimal

BREITE = 640
LABEL_BREITE = 230
ZAHL_BREITE = 60
ZEILE = 26
BALKEN = 18
RAND = 4


@dataclass(frozen=True)
class Balken:
    label: str
    wert: Zahl
    y: int  # top of the bar
    breite: float  # bar length in px
    text_y: int  # baseline of label and number
    wert_x: float  # where the number starts


@dataclass(frozen=True)
class Diagramm:
    breite: int
    hoehe: int
    label_breite: int
    balken: tuple[Balken, ...]


def balkendiagramm(zeilen: Sequence[tuple[str, Zahl]], *, breite: int = BREITE) -> Diagramm:
    """Geometry of a horizontal bar chart of `zeilen` (label, value); values below zero are
    drawn as zero. An empty or all-zero chart has bars of length zero."""
    platz = breite - LABEL_BREITE - ZAHL_BREITE
    groesster = max((max(w, 0) for _l, w in zeilen), default=0)
    balken = []
    for i, (label, wert) in enumerate(zeilen):
        laenge = platz * float(max(wert, 0)) / float(groesster) if groesster else 0.0
        y = RAND + i * ZEILE
        balken.append(
            Balken(
                label=label,
                wert=wert,
                y=y,
                breite=round(laenge, 1),
                text_y=y + BALKEN - 4,
                wert_x=round(LABEL_BREITE + laenge + 6, 1),
            )
        )
    return Diagramm(
        breite=breite,
        hoehe=RAND * 2 + max(len(balken), 1) * ZEILE,
        label_breite=LABEL_BREITE,
        balken=tuple(balken),
    )


# --------------------------------------------------------------------------- periods

QUARTAL = "quartal"
VORQUARTAL = "vorquartal"
JAHR = "jahr"
VORJAHR = "vorjahr"
WAHLEN = (QUARTAL, VORQUARTAL, JAHR, VORJAHR)


def quartal(tag: date) -> tuple[date, date]:
    """First and last day of the quarter `tag` lies in."""
    erster_monat = 3 * ((tag.month - 1) // 3) + 1
    anfang = date(tag.year, erster_monat, 1)
    if erster_monat == 10:
        return anfang, date(tag.year, 12, 31)
    return anfang, date(tag.year, erster_monat + 3, 1) - timedelta(days=1)


def zeitraum(wahl: str, heute: date) -> tuple[date, date] | None:
    """The days of a quick choice (this/last quarter, this/last year), or None."""
    if wahl == QUARTAL:
        return quartal(heute)
    if wahl == VORQUARTAL:
        return quartal(quartal(heute)[0] - timedelta(days=1))
    if wahl == JAHR:
        return date(heute.year, 1, 1), date(heute.year, 12, 31)
    if wahl == VORJAHR:
        return date(heute.year - 1, 1, 1), date(heute.year - 1, 12, 31)
    return None


def jahre(erstes: int, letztes: int, *, hoechstens: int = 10) -> list[int]:
    """The years of the timeline, the last `hoechstens` of erstes..letztes."""
    return list(range(max(erstes, letztes - hoechstens + 1), letztes + 1))
