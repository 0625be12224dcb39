"""iCalendar (RFC 5545) export of Termine: one writer for single downloads and all feeds.

Decisions, so that calendar apps behave:

* A recurring Termin is one VEVENT with RRULE (and EXDATE for exceptions and, when it
  pauses in the school holidays, for the holiday days), not a list of copies.
* Times carry TZID=Europe/Berlin with a VTIMEZONE, so a weekly 18:00 stays 18:00 in
  summer and winter; RRULE's UNTIL is then given in UTC as the RFC demands.
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
from django.utils import timezone
from icalendar import Calendar, Event

from termine.models import Termin
from termine.wiederholung import MONATLICH, WOECHENTLICH, ausgelassene_tage

BERLIN = ZoneInfo("Europe/Berlin")
UTC = ZoneInfo("UTC")
PRODID = "-//Engagementportal//Termine//DE"
_BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_STATUS = {
    Termin.Status.GEPLANT: "TENTATIVE",
    Termin.Status.BESTAETIGT: "CONFIRMED",
    Termin.Status.ABGESAGT: "CANCELLED",
}


def absolute_url(pfad: str) -> str:
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
        nummer = termin.woche_im_monat or 1
        regel = {"FREQ": "MONTHLY", **regel, "BYDAY": f"{nummer}{_BYDAY[wochentag]}"}
    if termin.wiederholen_bis:
        if termin.ganztaegig:
            regel["UNTIL"] = termin.wiederholen_bis
        else:
            # UNTIL is inclusive and must be UTC when DTSTART has a TZID.
            ende_des_tages = datetime.combine(
                termin.wiederholen_bis, time(23, 59, 59), tzinfo=BERLIN
            )
            regel["UNTIL"] = ende_des_tages.astimezone(UTC)
    return regel


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
    else:
        event.add("dtstart", termin.start.astimezone(BERLIN))
        event.add("dtend", termin.ende.astimezone(BERLIN))
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
    """A VCALENDAR with a VTIMEZONE for every zone used and one VEVENT per Termin."""
    termine = list(termine)
    return kalender_aus(
        [vevent(termin, ferien=ferien) for termin in termine],
        name=name,
        erster=min((t.erster_tag for t in termine), default=None),
    )


def kalender_aus(
    ereignisse: Iterable[Event],
    *,
    name: str,
    erster: date | None = None,
    methode: str | None = None,
) -> bytes:
    """Wrap VEVENTs (from `vevent`) into a VCALENDAR; `erster` is the earliest day in it."""
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
    for event in ereignisse:
        cal.add_component(event)
    # The VTIMEZONE needs to cover only the span of the dates (not the zone's whole history).
    anfang = (erster or timezone.localdate()) - timedelta(days=366)
    cal.add_missing_timezones(first_date=anfang)
    return cal.to_ical()
