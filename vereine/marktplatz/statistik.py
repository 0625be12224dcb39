"""Figures for the press and the funder: a pure function over plain data.

Counted are deals confirmed by both parties. The realised share is taken over the deals
whose outcome is known (done or did not happen), so a market held last week is not shown
as a failure. Each deal counts once per kind that one of its sides gives.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

UMGESETZT = "umgesetzt"
NICHT_ZUSTANDE = "nicht_zustande"
UNTERNEHMEN = "unternehmen"


@dataclass(frozen=True)
class Deal:
    markt: int
    art_a: str
    art_b: str
    status: str
    stunden: int | None = None


@dataclass(frozen=True)
class Teilnahme:
    """One actor registered for one market, on its side ("unternehmen" or "gemeinnuetzig")."""

    markt: int
    seite: str


@dataclass
class Zahlen:
    deals: int = 0
    umgesetzt: int = 0
    nicht_zustande: int = 0
    stunden: int = 0
    unternehmen: int = 0
    gemeinnuetzig: int = 0
    arten: Counter = field(default_factory=Counter)

    @property
    def offen(self) -> int:
        return self.deals - self.umgesetzt - self.nicht_zustande

    @property
    def quote(self) -> float | None:
        """Share of done deals among those with a known outcome (None: nothing known yet)."""
        bekannt = self.umgesetzt + self.nicht_zustande
        return self.umgesetzt / bekannt if bekannt else None


@dataclass
class Auswertung:
    je_markt: dict[int, Zahlen]
    gesamt: Zahlen


def _zaehlen(zahlen: Zahlen, deal: Deal) -> None:
    zahlen.deals += 1
    zahlen.umgesetzt += deal.status == UMGESETZT
    zahlen.nicht_zustande += deal.status == NICHT_ZUSTANDE
    zahlen.stunden += deal.stunden or 0
    for art in {deal.art_a, deal.art_b}:
        zahlen.arten[art] += 1


def auswerten(
    deals: Iterable[Deal], teilnahmen: Iterable[Teilnahme], maerkte: Iterable[int] = ()
) -> Auswertung:
    """Figures per market (every id in `maerkte` gets a row, also without deals) and in total."""
    je_markt = {m: Zahlen() for m in maerkte}
    gesamt = Zahlen()
    for deal in deals:
        _zaehlen(je_markt.setdefault(deal.markt, Zahlen()), deal)
        _zaehlen(gesamt, deal)
    for t in teilnahmen:
        zeile = je_markt.setdefault(t.markt, Zahlen())
        if t.seite == UNTERNEHMEN:
            zeile.unternehmen += 1
            gesamt.unternehmen += 1
        else:
            zeile.gemeinnuetzig += 1
            gesamt.gemeinnuetzig += 1
    return Auswertung(je_markt, gesamt)
