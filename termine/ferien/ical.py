"""iCalendar export of Ferienkalender occasions (one VEVENT per Durchfuehrung).

Built with the calendar's one writer (termine.ical): the UID is the occasion's Termin's, so
a calendar app that subscribed to both shows the occasion once. Title, place and text are the
offer's, and the URL points at the offer's page, which is where families register.
"""

from __future__ import annotations

from collections.abc import Iterable

from icalendar import Event

from termine import ical
from termine.models import Durchfuehrung


def uid(durchfuehrung: Durchfuehrung) -> str:
    return ical.uid(durchfuehrung.termin)


def vevent(durchfuehrung: Durchfuehrung) -> Event:
    """The VEVENT of one occasion (needs angebot, its akteur and termin loaded)."""
    termin = durchfuehrung.termin
    angebot = durchfuehrung.angebot
    ort = ", ".join(
        t for t in [angebot.ort, angebot.ortsteil.name if angebot.ortsteil else ""] if t
    )
    teile = [angebot.beschreibung, f"{angebot.akteur.name}"]
    if angebot.mitbringen:
        teile.append(f"Mitbringen: {angebot.mitbringen}")
    return ical.vevent(
        termin,
        titel=angebot.titel,
        kategorie=angebot.get_kategorie_display(),
        ort=ort,
        beschreibung="\n\n".join(t for t in teile if t),
        url=ical.absolute_url(angebot.get_absolute_url()),
        # An occasion that takes place is confirmed, whatever its Termin's planning state.
        status="CANCELLED" if termin.abgesagt else "CONFIRMED",
    )


def kalender(durchfuehrungen: Iterable[Durchfuehrung], *, name: str) -> bytes:
    return ical.kalender_aus([vevent(d) for d in durchfuehrungen], name=name)
