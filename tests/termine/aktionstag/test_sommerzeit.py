"""An action day on the last Sunday of March (clocks go forward at 02:00): stations and
shifts keep their wall-clock times in the form, the programme and the iCal feed."""

from datetime import date, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from netzwerk.zeit import ortszeit
from termine.models import Aktionstag, Station, Termin

pytestmark = pytest.mark.django_db


def _letzter_sonntag_im_maerz(jahr: int) -> date:
    tag = date(jahr, 3, 31)
    return tag - timedelta(days=(tag.weekday() + 1) % 7)


def test_station_am_tag_der_zeitumstellung(client_fuer, mitglied_a, akteur_a):
    jahr = timezone.localdate().year + 1
    tag = _letzter_sonntag_im_maerz(jahr)
    termin = Termin.objects.create(
        titel="Frühlingsfest",
        start=ortszeit(tag, time(1)),
        ende=ortszeit(tag, time(18)),
        kategorie=Termin.Kategorie.AKTIONSTAG,
    )
    tag_ = Aktionstag.objects.create(termin=termin, gelaende="Markt", stationen_offen=True)
    client = client_fuer(mitglied_a)
    client.post(
        reverse("aktionstag:station_neu", args=[tag_.pk]),
        {
            "akteur": akteur_a.pk,
            "titel": "Frühstück",
            "beschreibung": "Kaffee",
            "von": "01:30",
            "bis": "03:30",
            "ort": "Brunnen",
            "tische": 0,
        },
    )
    station = Station.objects.get()
    # 01:30 CET to 03:30 CEST is one hour of real time.
    assert station.ende - station.start == timedelta(hours=1)
    assert timezone.localtime(station.ende).time() == time(3, 30)
    station.status = Station.Status.ANGENOMMEN
    station.save()
    ics = client.get(reverse("aktionstag:feed", args=[tag_.pk])).content
    ereignis = Calendar.from_ical(ics).walk("VEVENT")[0]
    assert ereignis["dtstart"].dt.time() == time(1, 30)
    assert ereignis["dtend"].dt.time() == time(3, 30)
    assert str(ereignis["dtend"].dt.tzinfo) == "Europe/Berlin"
