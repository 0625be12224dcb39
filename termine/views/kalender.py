"""Public calendar pages: list, month, day, a date's detail."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from netzwerk.eingaben import datum, datum_oder_404
from netzwerk.models import Schulferien
from netzwerk.seiten import blaettern
from netzwerk.zeit import ortszeit
from termine import ical, schnellwahl, services
from termine.abschnitte import abschnitte
from termine.forms import WANN, TerminFilter
from termine.kalender import eintraege_laden, nach_tagen
from termine.models import Termin
from termine.wiederholung import in_ferien, vorkommen

VORSCHAU_TAGE = 365
# Feeds carry the recent past too, so that a date does not vanish from calendars the day after.
FEED_RUECKBLICK = timedelta(days=180)


def _gefiltert(request: HttpRequest) -> TerminFilter:
    return TerminFilter(request.GET or None, queryset=Termin.objects.sichtbar_fuer(request.user))


def _filter_query(request: HttpRequest) -> str:
    """The current filters as a query string, for links between list, month and day."""
    werte = request.GET.copy()
    werte.pop("seite", None)
    return werte.urlencode()


def _paare(request: HttpRequest) -> list[tuple[str, str]]:
    return [(k, v) for k, werte in request.GET.lists() for v in werte]


def _filter_kontext(request: HttpRequest, filter_: TerminFilter) -> dict:
    """What the filter form (behind the "Filter" button) and the quick choices need."""
    return {
        "filter": filter_,
        "filter_query": _filter_query(request),
        "filter_anzahl": schnellwahl.anzahl_aktiv(_paare(request), TerminFilter.FELDER_IM_FILTER),
    }


def liste(request: HttpRequest) -> HttpResponse:
    """Upcoming dates, paginated, with filters."""
    filter_ = _gefiltert(request)
    jetzt = timezone.now()
    von, bis = jetzt, jetzt + timedelta(days=VORSCHAU_TAGE)
    if tage := filter_.tage:
        # What is over today is not shown ("upcoming"); what runs now is.
        von, bis = max(jetzt, ortszeit(tage[0])), ortszeit(tage[1] + timedelta(days=1))
    eintraege, _ferien = eintraege_laden(filter_.qs, von, bis, nur_ferien=filter_.nur_in_ferien)
    seite = blaettern(request, eintraege)
    heute = timezone.localdate()
    wahlen = [("wann", wert, label) for wert, label in WANN]
    wahlen.append(("ferien", "on", _("In the holidays")))
    return render(
        request,
        "termine/liste.html",
        {
            **_filter_kontext(request, filter_),
            "seite": seite,
            "heute": heute,
            "schnellwahl": schnellwahl.chips(_paare(request), wahlen),
            "zeitraum": tage,
        },
    )


def monat(request: HttpRequest, jahr: int | None = None, monat: int | None = None) -> HttpResponse:
    """A month as a grid (a table; on small screens a list per day)."""
    heute = timezone.localdate()
    if jahr is None or monat is None:
        jahr, monat = heute.year, heute.month
    datum_oder_404(jahr, monat)
    wochen = calendar.Calendar(firstweekday=0).monthdatescalendar(jahr, monat)
    erster, letzter = wochen[0][0], wochen[-1][-1]
    filter_ = _gefiltert(request)
    eintraege, ferien = eintraege_laden(
        filter_.qs,
        ortszeit(erster),
        ortszeit(letzter + timedelta(days=1)),
        nur_ferien=filter_.nur_in_ferien,
    )
    pro_tag = nach_tagen(eintraege, erster, letzter)
    vorher = date(jahr, monat, 1) - timedelta(days=1)
    nachher = date(jahr, monat, 28) + timedelta(days=7)
    return render(
        request,
        "termine/monat.html",
        {
            **_filter_kontext(request, filter_),
            "monat_erster": date(jahr, monat, 1),
            "wochen": [
                [
                    {
                        "tag": tag,
                        "eintraege": pro_tag[tag],
                        "im_monat": tag.month == monat,
                        "heute": tag == heute,
                        "ferien": in_ferien(tag, ferien),
                    }
                    for tag in woche
                ]
                for woche in wochen
            ],
            "wochentage": [WEEKDAYS[i] for i in range(7)],
            "vorher": vorher,
            "nachher": nachher,
            "anzahl": len(eintraege),
        },
    )


def tag(request: HttpRequest, jahr: int, monat: int, tag: int) -> HttpResponse:
    """All dates of one day."""
    der_tag = datum_oder_404(jahr, monat, tag)
    filter_ = _gefiltert(request)
    eintraege, ferien = eintraege_laden(
        filter_.qs,
        ortszeit(der_tag),
        ortszeit(der_tag + timedelta(days=1)),
        nur_ferien=filter_.nur_in_ferien,
    )
    ferien_namen = list(Schulferien.objects.am(der_tag).values_list("name", flat=True))
    return render(
        request,
        "termine/tag.html",
        {
            **_filter_kontext(request, filter_),
            "tag": der_tag,
            "eintraege": eintraege,
            "vorher": der_tag - timedelta(days=1),
            "nachher": der_tag + timedelta(days=1),
            "ferien_namen": ferien_namen,
            "feiertag": services.feiertage().get(der_tag),
        },
    )


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One date; for a series, `?am=YYYY-MM-DD` picks the occurrence (default: the next)."""
    termin = get_object_or_404(Termin.objects.sichtbar_fuer(request.user).fuer_listen(), pk=pk)
    jetzt = timezone.now()
    ferien = [
        (f.beginn, f.ende)
        for f in Schulferien.objects.ueberschneidend(
            timezone.localdate(jetzt) - timedelta(days=400),
            timezone.localdate(jetzt) + timedelta(days=400),
        )
    ]
    serie = termin.als_serie()
    vorkommen_ = None
    naechste = []
    if termin.wiederkehrend:
        if gewaehlt := datum(request.GET.get("am")):
            treffer = vorkommen(
                serie,
                ortszeit(gewaehlt),
                ortszeit(gewaehlt + timedelta(days=1)),
                schulferien=ferien,
            )
            vorkommen_ = next((v for v in treffer if v.tag == gewaehlt), None)
        naechste = vorkommen(serie, jetzt, jetzt + timedelta(days=120), schulferien=ferien)[:6]
        if vorkommen_ is None and naechste:
            vorkommen_ = naechste[0]
    start = vorkommen_.start if vorkommen_ else termin.start
    ende = vorkommen_.ende if vorkommen_ else termin.ende
    return render(
        request,
        "termine/detail.html",
        {
            "termin": termin,
            "start": start,
            "ende": ende,
            "naechste": naechste,
            "darf_bearbeiten": Termin.objects.schreibbar_fuer(request.user).filter(pk=pk).exists(),
            "ausnahmen": list(termin.ausnahmen.all()),
            "veranstalter": list(termin.veranstalter.all()),
            "absolute_url": ical.absolute_url(termin.get_absolute_url()),
            "abschnitte": abschnitte(request, termin),
        },
    )
