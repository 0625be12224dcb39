"""A weekly 18:00 date keeps 18:00 local time across the last Sundays of March and October,
in the pages and in the feeds (DTSTART with TZID, and the expanded occurrences)."""

from datetime import date, timedelta

import pytest
import time_machine
from icalendar import Calendar

from termine.wiederholung import BERLIN
from tests.termine.factories import TerminFactory, berlin

pytestmark = pytest.mark.django_db


@pytest.fixture
def training():
    return TerminFactory(
        titel="Lauftreff",
        start=berlin(2026, 3, 19, 18),
        ende=berlin(2026, 3, 19, 20),
        wiederholung="woechentlich",
        wiederholen_bis=date(2026, 11, 5),
    )


@pytest.mark.parametrize(
    "jahr,monat,tage",
    [(2026, 3, [19, 26]), (2026, 4, [2]), (2026, 10, [22, 29]), (2026, 11, [5])],
)
def test_monatsraster_zeigt_18_uhr_vor_und_nach_der_umstellung(client, training, jahr, monat, tage):
    with time_machine.travel(berlin(2026, 3, 1, 9), tick=False):
        seite = client.get(f"/termine/monat/{jahr}/{monat}/").content.decode()
    for tag in tage:
        assert f"?am={jahr}-{monat:02d}-{tag:02d}" in seite
    assert "18:00 Lauftreff" in seite
    assert "17:00 Lauftreff" not in seite and "19:00 Lauftreff" not in seite


def test_tagesansichten_um_die_umstellungen(client, training):
    for tag in (date(2026, 3, 26), date(2026, 4, 2), date(2026, 10, 22), date(2026, 10, 29)):
        seite = client.get(f"/termine/tag/{tag.year}/{tag.month}/{tag.day}/").content.decode()
        assert "18:00–20:00 Uhr" in seite, tag


def test_detailseite_eines_vorkommens_nach_der_umstellung(client, training):
    seite = client.get(f"/termine/{training.pk}/?am=2026-10-29").content.decode()
    assert "29. Oktober 2026, 18:00–20:00 Uhr" in seite


def test_feed_dtstart_mit_tzid_und_expandierte_vorkommen(client, training):
    # The feed reaches a year back: read it while the 2026 series is current.
    with time_machine.travel(berlin(2026, 3, 1, 9), tick=False):
        roh = client.get("/termine/ical/termine.ics").content.decode()
    assert "DTSTART;TZID=Europe/Berlin:20260319T180000" in roh
    assert "DTEND;TZID=Europe/Berlin:20260319T200000" in roh
    assert "BEGIN:DAYLIGHT" in roh and "BEGIN:STANDARD" in roh
    (event,) = Calendar.from_ical(roh).walk("VEVENT")
    # What a calendar app computes from DTSTART + RRULE + VTIMEZONE:
    from dateutil.rrule import rrulestr

    start = event.decoded("DTSTART")
    regel = rrulestr(event["RRULE"].to_ical().decode(), dtstart=start)
    vorkommen = list(regel)
    lokal = [v.astimezone(BERLIN) for v in vorkommen]
    assert {v.hour for v in lokal} == {18}
    assert lokal[1].date() == date(2026, 3, 26) and lokal[1].utcoffset() == timedelta(hours=1)
    assert lokal[2].date() == date(2026, 4, 2) and lokal[2].utcoffset() == timedelta(hours=2)
    nach_oktober = [v for v in lokal if v.date() >= date(2026, 10, 22)]
    assert [v.date().day for v in nach_oktober] == [22, 29, 5]
    assert [v.utcoffset() for v in nach_oktober] == [
        timedelta(hours=2),
        timedelta(hours=1),
        timedelta(hours=1),
    ]
