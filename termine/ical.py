"""iCalendar (RFC 5545) export of Termine: one writer for single downloads and all feeds.

Decisions, so that calendar apps behave:

* A recurring Termin is one VEVENT with RRULE (and EXDATE for exceptions and, when it
  pauses in the school holidays, for the holiday days), not a list of copies.
* Times carry TZID=Europe/Berlin with a VTIMEZONE, so a weekly 18:00 stays 18:00 in
  summer and winter; RRULE's UNTIL is then given in UTC as the RFC demands.
* The VTIMEZONE is the one calendar apps ship themselves for Europe/Berlin: one DAYLIGHT and
  one STANDARD rule (last Sunday of March/October) instead of the RDATE lists the icalendar
  library generates from tzdata, which Mozilla's ical.js (Thunderbird) misreads by an hour
  in summer. The rule holds since 1996; tests compare it with tzdata for 2026-2035, so a
  change of the EU's rules turns them red.
* A single date that starts or ends in the October hour that happens twice is written in
  UTC: RFC 5545 reads such a wall time as the first one, ical.js as the second. A series
  keeps its wall time; if it meets the switch at night (02:00-03:00 on the last Sunday of
  March or October), apps may differ by an hour on that day (working around it would need
  RDATE, which not every app supports).
* All-day Termine are VALUE=DATE with an exclusive DTEND (the model stores them so).
* UID is the Termin's stable uuid; SEQUENCE its revision; DTSTAMP and LAST-MODIFIED its
  last change, so the same data always gives the same bytes (good for ETags).
* Text escaping and line folding are the library's job.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from icalendar import Calendar, Event, Timezone

from netzwerk.zeit import ortszeit, zone
from termine.models import Termin
from termine.wiederholung import (
    MONATLICH,
    WOECHENTLICH,
    ausgelassene_tage,
    standard_woche_im_monat,
)

UTC = ZoneInfo("UTC")
PRODID = "-//Engagementportal//Termine//DE"
# Part of every ETag of an .ics: raise it when the same data is written differently (the
# VTIMEZONE, say), so that subscribed calendars fetch the new text instead of hearing 304.
FORMAT = 2
# As Thunderbird, Apple Calendar and Outlook ship it (valid since 1996).
VTIMEZONE_BERLIN = """\
BEGIN:VTIMEZONE
TZID:Europe/Berlin
X-LIC-LOCATION:Europe/Berlin
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE
"""
_BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_STATUS = {
    Termin.Status.GEPLANT: "TENTATIVE",
    Termin.Status.BESTAETIGT: "CONFIRMED",
    Termin.Status.ABGESAGT: "CANCELLED",
}


def absolute_url(pfad: str, request: HttpRequest | None = None) -> str:
    """The full address of `pfad`: on a page the one the visitor used, else ``SITE_URL``.

    Pages build links from the request, so that they work wherever the portal is served;
    mails and background jobs have no request and use the configured ``SITE_URL``.
    """
    if request is not None:
        return request.build_absolute_uri(pfad)
    return settings.SITE_URL + pfad


def uid(termin: Termin) -> str:
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0] or "engagementportal"
    return f"termin-{termin.uid}@{host}"


def _rrule(termin: Termin) -> dict | None:
    if not termin.wiederkehrend:
        return None
    wochentag = termin.wochentag
    if wochentag is None:
        wochentag = timezone.localtime(termin.start).weekday()
    regel: dict = {"INTERVAL": termin.intervall}
    if termin.wiederholung == WOECHENTLICH:
        regel = {"FREQ": "WEEKLY", **regel, "BYDAY": _BYDAY[wochentag]}
    elif termin.wiederholung == MONATLICH:
        # The same default as the recurrence itself: the start day's week of the month.
        nummer = termin.woche_im_monat or standard_woche_im_monat(
            timezone.localtime(termin.start).date()
        )
        regel = {"FREQ": "MONTHLY", **regel, "BYDAY": f"{nummer}{_BYDAY[wochentag]}"}
    if termin.wiederholen_bis:
        if termin.ganztaegig:
            regel["UNTIL"] = termin.wiederholen_bis
        else:
            # UNTIL is inclusive and must be UTC when DTSTART has a TZID.
            ende_des_tages = ortszeit(termin.wiederholen_bis, time(23, 59, 59))
            regel["UNTIL"] = ende_des_tages.astimezone(UTC)
    return regel


def _zeit(zeitpunkt: datetime) -> datetime:
    """Berlin wall time, or UTC for a time in the hour that happens twice.

    In the October night 02:00-03:00 happens twice. With TZID such a time means the first
    one (RFC 5545 3.3.5), but ical.js (Thunderbird) reads the second; in UTC it is the same
    instant for every app.
    """
    lokal = zeitpunkt.astimezone(zone())
    if lokal.replace(fold=0).utcoffset() != lokal.replace(fold=1).utcoffset():
        return zeitpunkt.astimezone(UTC)
    return lokal


def _ort(termin: Termin) -> str:
    teile = [termin.ort]
    if termin.veranstaltungsort_id and termin.veranstaltungsort.name not in termin.ort:
        teile.append(termin.veranstaltungsort.name)
    if termin.ortsteil_id and termin.ortsteil.name not in termin.ort:
        teile.append(termin.ortsteil.name)
    return ", ".join(teil for teil in teile if teil)


def _beschreibung(termin: Termin) -> str:
    teile = []
    if termin.abgesagt and termin.absage_grund:
        teile.append(f"ABGESAGT: {termin.absage_grund}")
    if termin.beschreibung:
        teile.append(termin.beschreibung)
    veranstalter = ", ".join(a.name for a in termin.veranstalter.all())
    if veranstalter:
        teile.append(f"Veranstalter: {veranstalter}")
    if termin.anmeldung_info:
        teile.append(f"Anmeldung: {termin.anmeldung_info}")
    if termin.anmeldung_link:
        teile.append(termin.anmeldung_link)
    return "\n\n".join(teile)


def vevent(
    termin: Termin,
    *,
    ferien: Sequence[tuple[date, date]] = (),
    titel: str | None = None,
    kategorie: str | None = None,
    ort: str | None = None,
    beschreibung: str | None = None,
    url: str | None = None,
    status: str | None = None,
) -> Event:
    """The VEVENT of `termin` (organisers and exceptions should be prefetched).

    Features that present a Termin as something else (a holiday occasion, a Stammtisch)
    pass their own title, category, place, description, page or status; everything that
    makes calendar apps behave (UID, SEQUENCE, times, recurrence) stays the Termin's.
    """
    event = Event()
    event.add("uid", uid(termin))
    event.add("sequence", termin.sequence)
    geaendert = termin.geaendert.astimezone(UTC).replace(microsecond=0)
    event.add("dtstamp", geaendert)
    event.add("last-modified", geaendert)
    event.add("created", termin.erstellt.astimezone(UTC).replace(microsecond=0))
    event.add("summary", termin.titel if titel is None else titel)
    if termin.ganztaegig:
        event.add("dtstart", termin.erster_tag)
        event.add("dtend", termin.letzter_tag + timedelta(days=1))
    elif termin.wiederkehrend:
        # A series keeps its wall-clock time (18:00 in summer and in winter).
        event.add("dtstart", termin.start.astimezone(zone()))
        event.add("dtend", termin.ende.astimezone(zone()))
    else:
        event.add("dtstart", _zeit(termin.start))
        event.add("dtend", _zeit(termin.ende))
    regel = _rrule(termin)
    if regel:
        event.add("rrule", regel)
        ausgelassen = ausgelassene_tage(termin.als_serie(), schulferien=ferien)
        if ausgelassen:
            if termin.ganztaegig:
                event.add("exdate", [tag.date() for tag in ausgelassen])
            else:
                event.add("exdate", ausgelassen)
    event.add("status", status or _STATUS[termin.status])
    event.add(
        "class", "PUBLIC" if termin.sichtbarkeit == Termin.Sichtbarkeit.OEFFENTLICH else "PRIVATE"
    )
    event.add("categories", [kategorie or termin.get_kategorie_display()])
    ort = _ort(termin) if ort is None else ort
    if ort:
        event.add("location", ort)
    beschreibung = _beschreibung(termin) if beschreibung is None else beschreibung
    if beschreibung:
        event.add("description", beschreibung)
    event.add("url", url or absolute_url(termin.get_absolute_url()))
    return event


def kalender(
    termine: Iterable[Termin],
    *,
    name: str,
    ferien: Sequence[tuple[date, date]] = (),
) -> bytes:
    """A VCALENDAR with the VTIMEZONE of Europe/Berlin and one VEVENT per Termin."""
    return kalender_aus([vevent(termin, ferien=ferien) for termin in termine], name=name)


def kalender_aus(
    ereignisse: Iterable[Event],
    *,
    name: str,
    methode: str | None = None,
) -> bytes:
    """Wrap VEVENTs (from `vevent`) into a VCALENDAR with the VTIMEZONE of Europe/Berlin."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if methode:
        cal.add("method", methode)
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Berlin")
    # Hints for subscribing apps to look again every hour.
    cal.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT1H")
    cal.add_component(Timezone.from_ical(VTIMEZONE_BERLIN))
    for event in ereignisse:
        cal.add_component(event)
    return cal.to_ical()
