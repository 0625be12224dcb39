"""The Aktionstag's pages: programme, station application, sign-up (account and guest),
Mein Bereich, home page, the Termin page's section, coordinator view, CSV, PDF, iCal."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from termine.models import Helfereinsatz, Station
from tests.factories import AkteurFactory
from tests.termine.aktionstag.factories import aktionstag, einsatz, schicht, station

pytestmark = pytest.mark.django_db


def test_programm_nach_zeit_und_ort_nur_angenommene(client, tag, station_a, akteur_b, aufbau):
    station(tag, akteur_b, titel="Torwandschießen", platz=2, von=10, bis=11)
    station(tag, akteur_b, titel="Noch offen", platz=3, status=Station.Status.EINGEREICHT)
    seite = client.get(reverse("aktionstag:programm", args=[tag.pk])).content.decode()
    assert seite.index("Torwandschießen") < seite.index("Kinderschminken")
    assert "Noch offen" not in seite
    assert "Aufbau" in seite and reverse("aktionstag:helfen", args=[aufbau.pk]) in seite
    nach_ort = client.get(reverse("aktionstag:programm", args=[tag.pk]), {"nach": "ort"})
    inhalt = nach_ort.content.decode()
    assert inhalt.index("Platz 1") < inhalt.index("Platz 2")


def test_programm_mit_fester_zahl_von_abfragen(client, tag, akteur_a, django_assert_num_queries):
    def zaehlen() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as abfragen:
            client.get(reverse("aktionstag:programm", args=[tag.pk]))
        return len(abfragen)

    station(tag, akteur_a)
    schicht(tag)
    eine = zaehlen()
    for nummer in range(5):
        s = station(tag, AkteurFactory(), titel=f"Station {nummer}", platz=nummer + 2)
        einsatz(schicht(tag, station=s))
    assert zaehlen() == eine


def test_listen_mit_fester_zahl_von_abfragen(client_fuer, koordination):
    def zaehlen(name: str, pk=None) -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client = client_fuer(koordination)
        with CaptureQueriesContext(connection) as abfragen:
            client.get(reverse(name, args=[pk] if pk else []))
        return len(abfragen)

    tag = aktionstag()
    aktionstag(in_tagen=-30)
    s = station(tag, AkteurFactory())
    einsatz(schicht(tag, station=s))
    vorher = [
        zaehlen("aktionstag:liste"),
        zaehlen("aktionstag:koordination", tag.pk),
        zaehlen("aktionstag:helferliste", s.pk),
        zaehlen("aktionstag:helfer_csv", tag.pk),
    ]
    for nummer in range(4):
        aktionstag(in_tagen=40 + nummer)
        aktionstag(in_tagen=-40 - nummer)
        weitere = station(tag, AkteurFactory(), titel=f"S{nummer}", platz=nummer + 5)
        einsatz(schicht(tag, station=weitere))
        einsatz(schicht(tag, station=s, titel=f"Schicht {nummer}"))
    nachher = [
        zaehlen("aktionstag:liste"),
        zaehlen("aktionstag:koordination", tag.pk),
        zaehlen("aktionstag:helferliste", s.pk),
        zaehlen("aktionstag:helfer_csv", tag.pk),
    ]
    assert nachher == vorher


def test_station_bewerben_und_fehler_neben_dem_feld(client_fuer, tag, mitglied_a, akteur_a):
    client = client_fuer(mitglied_a)
    url = reverse("aktionstag:station_neu", args=[tag.pk])
    antwort = client.post(
        url,
        {
            "akteur": akteur_a.pk,
            "titel": "Bastelstand",
            "beschreibung": "Basteln",
            "von": "07:00",
            "bis": "09:00",
            "tische": 0,
        },
    )
    seite = antwort.content.decode()
    assert antwort.status_code == 200 and "Bastelstand" in seite  # nothing typed is lost
    assert "innerhalb des Tages" in seite or "within the day" in seite
    assert not Station.objects.exists()
    antwort = client.post(
        url,
        {
            "akteur": akteur_a.pk,
            "titel": "Bastelstand",
            "beschreibung": "Basteln",
            "von": "12:00",
            "bis": "14:00",
            "platz": 4,
            "tische": 2,
            "strom": "on",
        },
    )
    assert antwort.status_code == 302
    station_ = Station.objects.get()
    assert (station_.platz, station_.tische, station_.strom) == (4, 2, True)
    assert station_.status == Station.Status.EINGEREICHT
    bereich = client.get(reverse("mein_bereich")).content.decode()
    assert "Bastelstand" in bereich and "Wartet auf Entscheidung" in bereich


def test_eintragen_mit_konto_und_absagen_im_mein_bereich(client_fuer, aufbau, bewohner):
    client = client_fuer(bewohner)
    antwort = client.post(reverse("aktionstag:helfen", args=[aufbau.pk]))
    assert antwort.status_code == 302
    einsatz_ = Helfereinsatz.objects.get(user=bewohner)
    assert mail.outbox[-1].attachments[0][0] == "schicht.ics"
    bereich = client.get(reverse("mein_bereich")).content.decode()
    assert "Aufbau" in bereich
    assert reverse("aktionstag:absagen", args=[einsatz_.pk]) in bereich
    client.post(reverse("aktionstag:absagen", args=[einsatz_.pk]))
    assert not Helfereinsatz.objects.exists()


def test_gast_eintragen_bestaetigen_absagen(client, aufbau):
    url = reverse("aktionstag:helfen", args=[aufbau.pk])
    antwort = client.post(url, {"gast_name": "Gerd Gast", "gast_email": "kein-mail"})
    assert "gast_email" in antwort.content.decode() and "Gerd Gast" in antwort.content.decode()
    antwort = client.post(url, {"gast_name": "Gerd Gast", "gast_email": "gerd@example.org"})
    assert "gerd@example.org" in antwort.content.decode()
    link = re.search(r"(/aktionstag/bestaetigen/\S+/)", mail.outbox[-1].body).group(1)
    assert "Yes" in client.get(link).content.decode() or "Ja" in client.get(link).content.decode()
    assert Helfereinsatz.objects.bestaetigt().count() == 0  # a GET (mail scanner) confirms nothing
    client.post(link)
    assert Helfereinsatz.objects.bestaetigt().get().gast_name == "Gerd Gast"
    absagen = re.search(r"(/aktionstag/absagen/\S+/)", mail.outbox[-1].body).group(1)
    client.post(absagen)
    assert not Helfereinsatz.objects.exists()


def test_mindestalter_fehler_neben_dem_feld(client_fuer, tag, bewohner):
    kuchen = schicht(tag, titel="Kuchenstand", mindestalter=16)
    antwort = client_fuer(bewohner).post(reverse("aktionstag:helfen", args=[kuchen.pk]))
    assert "16" in antwort.content.decode() and not Helfereinsatz.objects.exists()


def test_startseite_und_terminseite_zeigen_den_tag(client, tag):
    start = client.get(reverse("startseite")).content.decode()
    assert "Tag des Ehrenamts" in start and tag.get_absolute_url() in start
    termin = client.get(tag.termin.get_absolute_url()).content.decode()
    assert tag.get_absolute_url() in termin


def test_vergangener_tag_nicht_auf_der_startseite(client):
    aktionstag(in_tagen=-3, titel="Alter Tag")
    assert "Alter Tag" not in client.get(reverse("startseite")).content.decode()


def test_koordination_zeigt_konflikte_luecken_und_zahlen(
    client_fuer, koordination, tag, station_a, akteur_b, aufbau
):
    station(
        tag, akteur_b, titel="Hüpfburg", platz=1, von=12, bis=14, status=Station.Status.EINGEREICHT
    )
    einsatz(aufbau)
    seite = client_fuer(koordination).get(reverse("aktionstag:koordination", args=[tag.pk]))
    inhalt = seite.content.decode()
    assert "Hüpfburg" in inhalt and "Kinderschminken" in inhalt
    assert inhalt.count("text-danger") == 2  # each of the two sees the other
    assert "1 von mindestens 2" in inhalt or "1 of at least 2" in inhalt


def test_csv_und_pdf_und_ical(client_fuer, koordination, tag, station_a, aufbau):
    einsatz(
        schicht(tag, station=station_a, titel="Schminken"), gast_name="Gerd", gast_email="g@x.org"
    )
    client = client_fuer(koordination)
    csv = client.get(reverse("aktionstag:helfer_csv", args=[tag.pk])).content.decode("utf-8-sig")
    assert "Gerd;g@x.org" in csv and "Kinderschminken;Schminken" in csv
    pdf = client.get(reverse("aktionstag:programm_pdf", args=[tag.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    ics = client.get(reverse("aktionstag:feed", args=[tag.pk]))
    ereignisse = Calendar.from_ical(ics.content).walk("VEVENT")
    assert [str(e["summary"]) for e in ereignisse] == ["Kinderschminken (Heimatverein Ballenstedt)"]


def test_zeugnis_vermerken_mit_fehlern_neben_dem_feld(client_fuer, mitglied_a, tag, station_a):
    e = einsatz(schicht(tag, station=station_a, mit_kindern=True))
    heute = timezone.localdate()
    vermerk = {"eingesehen_am": str(heute), "eingesehen_von": "Anna"}
    client = client_fuer(mitglied_a)
    url = reverse("aktionstag:zeugnis", args=[e.pk])
    antwort = client.post(
        url, {**vermerk, "gueltig_bis": str(heute.replace(year=heute.year - 3, day=1))}
    )
    assert antwort.status_code == 400
    assert f'id="id_{e.pk}_gueltig_bis"' in antwort.content.decode()
    client.post(url, {**vermerk, "gueltig_bis": str(heute.replace(year=heute.year + 3, day=1))})
    e.refresh_from_db()
    assert (e.zeugnis_eingesehen_am, e.zeugnis_eingesehen_von) == (heute, "Anna")


def test_mein_bereich_bietet_stationen_nur_mitgliedern_an(client_fuer, tag, bewohner, mitglied_a):
    url = reverse("aktionstag:station_neu", args=[tag.pk])
    assert url in client_fuer(mitglied_a).get(reverse("mein_bereich")).content.decode()
    assert url not in client_fuer(bewohner).get(reverse("mein_bereich")).content.decode()


def test_erinnerungsbefehl(capsys, aufbau, bewohner):
    from datetime import time, timedelta

    import time_machine
    from django.core.management import call_command

    from netzwerk.zeit import ortszeit

    einsatz(aufbau, user=bewohner)
    with time_machine.travel(ortszeit(aufbau.aktionstag.tag - timedelta(days=1), time(9))):
        call_command("aktionstag_erinnerungen")
    assert "1 reminder(s) queued." in capsys.readouterr().out
    assert mail.outbox[-1].to == [bewohner.email] and "Morgen" in mail.outbox[-1].subject


def test_mein_bereich_mit_fester_zahl_von_abfragen(client_fuer, mitglied_a, akteur_a):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_fuer(mitglied_a)

    def zaehlen() -> int:
        client.get(reverse("mein_bereich"))
        cache.clear()  # the rendering is counted, not the copy from the page cache
        with CaptureQueriesContext(connection) as abfragen:
            client.get(reverse("mein_bereich"))
        return len(abfragen)

    tag = aktionstag()
    einsatz(schicht(tag), user=mitglied_a)
    station(tag, akteur_a)
    eine = zaehlen()
    for nummer in range(4):
        weiterer = aktionstag(in_tagen=40 + nummer, titel=f"Tag {nummer}")
        einsatz(schicht(weiterer), user=mitglied_a)
        station(weiterer, akteur_a, titel=f"Station {nummer}")
    assert zaehlen() == eine
    assert "Station 3" in client.get(reverse("mein_bereich")).content.decode()
