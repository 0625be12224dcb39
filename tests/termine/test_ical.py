"""iCal: RFC 5545 details, feeds, the personal token feed, conditional GET; RSS/Atom."""

from datetime import date, datetime

import pytest
from icalendar import Calendar

from netzwerk.models import Schulferien
from termine import services
from termine.models import TerminAusnahme
from tests.factories import ArbeitsgruppeFactory
from tests.termine.factories import OrtsteilFactory, TerminFactory, berlin

pytestmark = pytest.mark.django_db


def kalender(antwort) -> Calendar:
    assert antwort["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(antwort.content)


def events(antwort):
    return kalender(antwort).walk("VEVENT")


def test_ics_eines_termins(client, jetzt, akteur_a):
    termin = TerminFactory(
        titel="Fest; mit, Sonderzeichen \\ und Umlauten: Größe",
        beschreibung="Zeile eins\nZeile zwei " + "lang " * 30,
        start=berlin(2026, 6, 20, 14),
        ende=berlin(2026, 6, 20, 22),
        veranstalter=[akteur_a],
        ort="Schlossplatz",
    )
    antwort = client.get(f"/termine/{termin.pk}.ics")
    roh = antwort.content.decode()
    assert "BEGIN:VTIMEZONE" in roh and "TZID:Europe/Berlin" in roh
    assert "DTSTART;TZID=Europe/Berlin:20260620T140000" in roh
    assert "SUMMARY:Fest\\; mit\\, Sonderzeichen \\\\ und Umlauten: Größe" in roh
    assert all(len(zeile.encode()) <= 75 for zeile in roh.split("\r\n"))  # folded
    (event,) = events(antwort)
    assert str(event["UID"]) == f"termin-{termin.uid}@testserver"
    assert event["SEQUENCE"] == 0
    assert event["STATUS"] == "CONFIRMED"
    assert "DTSTAMP" in event and "LAST-MODIFIED" in event
    assert str(event["URL"]) == f"http://testserver/termine/{termin.pk}/"
    assert "Zeile eins\nZeile zwei" in str(event["DESCRIPTION"])
    assert "Heimatverein Ballenstedt" in str(event["DESCRIPTION"])
    assert 'attachment; filename="termin-' in antwort["Content-Disposition"]


def test_absage_und_sequenz(client, jetzt):
    termin = TerminFactory()
    services.termin_absagen(termin=termin, grund="Regen", von=None)
    (event,) = events(client.get(f"/termine/{termin.pk}.ics"))
    assert event["STATUS"] == "CANCELLED"
    assert event["SEQUENCE"] == 1
    assert "Regen" in str(event["DESCRIPTION"])


def test_ganztaegig_als_datum(client, jetzt):
    termin = TerminFactory(ganztaegig=True, start=berlin(2026, 5, 22), ende=berlin(2026, 5, 23))
    roh = client.get(f"/termine/{termin.pk}.ics").content.decode()
    assert "DTSTART;VALUE=DATE:20260522" in roh
    assert "DTEND;VALUE=DATE:20260523" in roh


def test_serie_mit_rrule_und_exdate(client, jetzt):
    Schulferien.objects.create(
        name="Sommerferien 2026", beginn=date(2026, 7, 4), ende=date(2026, 7, 12)
    )
    termin = TerminFactory(
        start=berlin(2026, 6, 4, 18),
        ende=berlin(2026, 6, 4, 20),
        wiederholung="woechentlich",
        intervall=1,
        wochentag=3,
        wiederholen_bis=date(2026, 12, 17),
        pausiert_in_schulferien=True,
    )
    TerminAusnahme.objects.create(termin=termin, datum=date(2026, 6, 18))
    roh = client.get(f"/termine/{termin.pk}.ics").content.decode()
    assert "RRULE:FREQ=WEEKLY;UNTIL=20261217T225959Z;INTERVAL=1;BYDAY=TH" in roh
    (event,) = Calendar.from_ical(roh).walk("VEVENT")
    exdates = sorted(
        d.dt for ex in [event["EXDATE"]] for d in (ex.dts if hasattr(ex, "dts") else [])
    )
    assert [d.date() for d in exdates] == [date(2026, 6, 18), date(2026, 7, 9)]
    assert all(d.hour == 18 for d in exdates)


def test_feed_enthaelt_nur_oeffentliche_termine(client, jetzt, akteur_a):
    TerminFactory(titel="Öffentlich", veranstalter=[akteur_a])
    TerminFactory(titel="Intern", sichtbarkeit="netzwerk", veranstalter=[akteur_a])
    titel = {str(e["SUMMARY"]) for e in events(client.get("/termine/ical/termine.ics"))}
    assert titel == {"Öffentlich"}
    titel = {
        str(e["SUMMARY"]) for e in events(client.get(f"/termine/ical/akteur/{akteur_a.slug}.ics"))
    }
    assert titel == {"Öffentlich"}


def test_feeds_nach_kategorie_ortsteil_und_gruppe(client, jetzt):
    rieder = OrtsteilFactory(name="Rieder", slug="rieder")
    offen = ArbeitsgruppeFactory(slug="garten", sichtbarkeit="oeffentlich")
    intern = ArbeitsgruppeFactory(slug="steuerung", sichtbarkeit="intern")
    TerminFactory(titel="Lesung", kategorie="kultur")
    TerminFactory(titel="Dorffest", ortsteil=rieder)
    TerminFactory(titel="Gartentag", arbeitsgruppe=offen)

    def titel(pfad):
        return {str(e["SUMMARY"]) for e in events(client.get(pfad))}

    assert titel("/termine/ical/kategorie/kultur.ics") == {"Lesung"}
    assert titel("/termine/ical/ortsteil/rieder.ics") == {"Dorffest"}
    assert titel("/termine/ical/gruppe/garten.ics") == {"Gartentag"}
    assert client.get(f"/termine/ical/gruppe/{intern.slug}.ics").status_code == 404
    assert client.get("/termine/ical/kategorie/gibtsnicht.ics").status_code == 404


def test_persoenlicher_feed_mit_widerrufbarem_token(
    client, client_fuer, jetzt, mitglied_a, akteur_b
):
    TerminFactory(titel="Netzwerkrunde", sichtbarkeit="netzwerk", veranstalter=[akteur_b])
    alt = mitglied_a.feed_token
    antwort = client.get(f"/termine/feed/{alt}.ics")
    assert {str(e["SUMMARY"]) for e in events(antwort)} == {"Netzwerkrunde"}
    assert "private" in antwort["Cache-Control"]
    client_fuer(mitglied_a).post("/termine/feed-link/erneuern/")
    mitglied_a.refresh_from_db()
    assert mitglied_a.feed_token != alt
    assert client.get(f"/termine/feed/{alt}.ics").status_code == 404
    assert client.get(f"/termine/feed/{mitglied_a.feed_token}.ics").status_code == 200


def test_bedingter_abruf_gibt_304_bis_sich_etwas_aendert(client, jetzt):
    termin = TerminFactory(titel="Fest")
    erste = client.get("/termine/ical/termine.ics")
    etag, geaendert = erste["ETag"], erste["Last-Modified"]
    assert (
        client.get("/termine/ical/termine.ics", headers={"If-None-Match": etag}).status_code == 304
    )
    antwort = client.get("/termine/ical/termine.ics", headers={"If-Modified-Since": geaendert})
    assert antwort.status_code == 304
    services.termin_absagen(termin=termin, grund="Regen", von=None)
    neu = client.get("/termine/ical/termine.ics", headers={"If-None-Match": etag})
    assert neu.status_code == 200
    assert "CANCELLED" in neu.content.decode()
    einzel = client.get(f"/termine/{termin.pk}.ics")
    assert (
        client.get(
            f"/termine/{termin.pk}.ics", headers={"If-None-Match": einzel["ETag"]}
        ).status_code
        == 304
    )


@pytest.mark.parametrize("anzahl", [1, 20])
def test_feed_konstante_abfragen(client, jetzt, akteur_a, django_assert_num_queries, anzahl):
    for _ in range(anzahl):
        TerminFactory(veranstalter=[akteur_a], wiederholung="woechentlich")
    with django_assert_num_queries(5):
        client.get("/termine/ical/termine.ics")


def test_hilfeseite_mit_webcal_links(client):
    seite = client.get("/termine/abonnieren/").content.decode()
    assert 'href="webcal://testserver/termine/ical/termine.ics"' in seite
    for name in ("Google", "Apple", "Outlook", "Thunderbird"):
        assert name in seite


def test_rss_und_atom(client, jetzt):
    TerminFactory(titel="Neues Konzert", start=berlin(2026, 7, 1, 19), ende=berlin(2026, 7, 1, 21))
    TerminFactory(titel="Geheim", sichtbarkeit="netzwerk")
    rss = client.get("/termine/rss/").content.decode()
    assert "<rss" in rss and "01.07.2026: Neues Konzert" in rss and "Geheim" not in rss
    atom = client.get("/termine/atom/").content.decode()
    assert "<feed" in atom and "Neues Konzert" in atom
    assert isinstance(jetzt, datetime)


def test_feed_wird_zwischengespeichert_und_nach_aenderung_neu_gebaut(
    client, jetzt, akteur_a, django_assert_max_num_queries
):
    termin = TerminFactory(titel="Chorprobe", veranstalter=[akteur_a])
    erster = client.get("/termine/ical/termine.ics").content
    # Only the ETag's aggregates are queried; the calendar text comes from the cache.
    with django_assert_max_num_queries(4):
        zweiter = client.get("/termine/ical/termine.ics").content
    assert zweiter == erster
    termin.titel = "Chorprobe mit Gästen"
    termin.sequence += 1
    termin.save()
    assert b"Chorprobe mit G" in client.get("/termine/ical/termine.ics").content
