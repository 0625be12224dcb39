"""Quick choices of the calendar lists: "Heute", "Dieses Wochenende", "Nächste Woche".

Pure: the caller passes today's date in Europe/Berlin (`timezone.localdate()`), so the ranges
follow the (test) clock. Also counts the active filters behind the "Filter" button and builds
the query strings of the chips, over plain (key, value) pairs of the request's query.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from urllib.parse import urlencode

HEUTE = "heute"
WOCHENENDE = "wochenende"
NAECHSTE_WOCHE = "naechste-woche"
WAHLEN = (HEUTE, WOCHENENDE, NAECHSTE_WOCHE)

type Paare = Iterable[tuple[str, str]]


def tage(wahl: str, heute: date) -> tuple[date, date] | None:
    """First and last day of a quick choice, or None for an unknown one.

    The weekend is the coming Saturday and Sunday; on a Saturday it is today and tomorrow, on
    a Sunday only today (yesterday is over). Next week is Monday to Sunday after this week,
    also on a Sunday.
    """
    if wahl == HEUTE:
        return heute, heute
    if wahl == WOCHENENDE:
        if heute.weekday() == 6:
            return heute, heute
        samstag = heute + timedelta(days=5 - heute.weekday())
        return samstag, samstag + timedelta(days=1)
    if wahl == NAECHSTE_WOCHE:
        montag = heute + timedelta(days=7 - heute.weekday())
        return montag, montag + timedelta(days=6)
    return None


def ueberschneidet(bereich: tuple[date, date], von: date, bis: date) -> bool:
    """Whether a quick choice's days touch the days von..bis (e.g. a holiday period)."""
    return bereich[0] <= bis and bereich[1] >= von


def anzahl_aktiv(paare: Paare, felder: Iterable[str]) -> int:
    """How many of the given filter fields have a non-empty value."""
    felder = set(felder)
    return len({schluessel for schluessel, wert in paare if schluessel in felder and wert})


def umschalten(paare: Paare, schluessel: str, wert: str) -> tuple[str, bool]:
    """The query with `schluessel=wert` switched on, or off when it is on already.

    Returns the query string (without the page number, which belongs to the old results)
    and whether the choice was on. Other filters stay as they are.
    """
    paare = [(k, v) for k, v in paare if k != "seite"]
    an = (schluessel, wert) in paare
    rest = [(k, v) for k, v in paare if k != schluessel]
    if not an:
        rest.append((schluessel, wert))
    return urlencode(rest), an


def chips(paare: Paare, wahlen: Iterable[tuple[str, str, str]]) -> list[dict]:
    """One chip per (parameter, value, label): its label, link query and whether it is on."""
    paare = list(paare)
    ergebnis = []
    for schluessel, wert, label in wahlen:
        query, an = umschalten(paare, schluessel, wert)
        ergebnis.append({"label": label, "query": query, "an": an})
    return ergebnis
