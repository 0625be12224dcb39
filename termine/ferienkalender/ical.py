"""iCalendar export of Ferienkalender occasions (one VEVENT per Durchfuehrung).

The UID is the one of the occasion's Termin (the same scheme as the calendar's own feeds), so
a calendar app that subscribed to both shows the occasion once. The URL points at the offer's
page, which is where families register.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from icalendar import Calendar, Event

from termine.models import Durchfuehrung

BERLIN = ZoneInfo("Europe/Berlin")
UTC = ZoneInfo("UTC")
PRODID = "-//Engagementportal//Ferienkalender//DE"


def uid(durchfuehrung: Durchfuehrung) -> str:
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0] or "engagementportal"
    return f"termin-{durchfuehrung.termin.uid}@{host}"


def vevent(durchfuehrung: Durchfuehrung) -> Event:
    """The VEVENT of one occasion (needs angebot, its akteur and termin loaded)."""
    termin = durchfuehrung.termin
    angebot = durchfuehrung.angebot
    event = Event()
    event.add("uid", uid(durchfuehrung))
    event.add("sequence", termin.sequence)
    geaendert = termin.geaendert.astimezone(UTC).replace(microsecond=0)
    event.add("dtstamp", geaendert)
    event.add("last-modified", geaendert)
    event.add("summary", angebot.titel)
    if termin.ganztaegig:
        event.add("dtstart", termin.erster_tag)
        event.add("dtend", termin.letzter_tag + timedelta(days=1))
    else:
        event.add("dtstart", termin.start.astimezone(BERLIN))
        event.add("dtend", termin.ende.astimezone(BERLIN))
    event.add("status", "CANCELLED" if termin.abgesagt else "CONFIRMED")
    event.add("categories", [angebot.get_kategorie_display()])
    ort = ", ".join(
        t for t in [angebot.ort, angebot.ortsteil.name if angebot.ortsteil else ""] if t
    )
    if ort:
        event.add("location", ort)
    teile = [angebot.beschreibung, f"{angebot.akteur.name}"]
    if angebot.mitbringen:
        teile.append(f"Mitbringen: {angebot.mitbringen}")
    event.add("description", "\n\n".join(t for t in teile if t))
    event.add("url", settings.SITE_URL + angebot.get_absolute_url())
    return event


def kalender(durchfuehrungen: Iterable[Durchfuehrung], *, name: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Berlin")
    cal.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT1H")
    for durchfuehrung in durchfuehrungen:
        cal.add_component(vevent(durchfuehrung))
    cal.add_missing_timezones()
    return cal.to_ical()
