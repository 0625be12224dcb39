"""Shared pieces of the Verlosung workflow: group-code alphabet, reasons, the error."""

from __future__ import annotations

# Group codes: no 0/O, 1/I/L, so that a code read out on the phone arrives intact.
CODE_ZEICHEN = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LAENGE = 6

MAX_SEED = 10**9  # drawn seeds have nine digits: easy to read out and type in again


class Grund:
    """Why a wish was not fulfilled (codes stored in the run's JSON; :func:`grund_text`)."""

    AUSGEBUCHT = "ausgebucht"
    UEBERSCHNEIDUNG = "ueberschneidung"
    GLEICHES_ANGEBOT = "gleiches_angebot"
    HOECHSTZAHL = "hoechstzahl"
    UEBERSCHNEIDUNG_WARTELISTE = "ueberschneidung_warteliste"
    GLEICHES_ANGEBOT_WARTELISTE = "gleiches_angebot_warteliste"
    HOECHSTZAHL_WARTELISTE = "hoechstzahl_warteliste"
    ALTER = "alter"
    GEBURTSDATUM = "geburtsdatum"
    SCHWIMMER = "schwimmer"
    ANGEMELDET = "angemeldet"
    NICHT_VERFUEGBAR = "nicht_verfuegbar"
    MANUELL = "manuell"
    FREI = "frei"


class VerlosungNichtMoeglich(Exception):
    """A wish-phase or Verlosung action was refused; `nachricht` says why and what to do."""

    def __init__(self, nachricht: str, feld: str | None = None) -> None:
        super().__init__(nachricht)
        self.nachricht = nachricht
        self.feld = feld
