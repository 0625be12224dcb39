"""The calendar's slots on the home page, in Mein Bereich and on actor and group pages."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from tests.factories import ArbeitsgruppeFactory
from tests.termine.factories import TerminFactory, berlin

pytestmark = pytest.mark.django_db


def rendern(vorlage: str, user, **kontext) -> str:
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = user or AnonymousUser()
    return Template("{% include '" + vorlage + "' %}").render(
        Context({"request": request, **kontext})
    )


def test_startseite_zeigt_naechste_oeffentliche_termine(client, jetzt):
    TerminFactory(titel="Kinderfest", start=berlin(2026, 6, 7, 14), ende=berlin(2026, 6, 7, 17))
    TerminFactory(titel="Interne Runde", sichtbarkeit="netzwerk")
    seite = client.get("/").content.decode()
    assert "Kinderfest" in seite and "Interne Runde" not in seite


def test_mein_bereich_mit_eigenen_terminen_und_feedlink(
    client_fuer, mitglied_a, akteur_a, akteur_b, jetzt
):
    TerminFactory(titel="Eigenes Fest", veranstalter=[akteur_a])
    TerminFactory(titel="Fremdes Fest", veranstalter=[akteur_b])
    seite = client_fuer(mitglied_a).get("/mein-bereich/").content.decode()
    assert "Eigenes Fest" in seite and "Fremdes Fest" not in seite
    assert f"webcal://testserver/termine/feed/{mitglied_a.feed_token}.ics" in seite
    assert "/termine/neu/" in seite
    assert "Link erneuern" in seite


def test_akteursseite_zeigt_termine_und_feed(akteur_a, jetzt):
    TerminFactory(titel="Heimatabend", veranstalter=[akteur_a])
    TerminFactory(titel="Vorstand", sichtbarkeit="netzwerk", veranstalter=[akteur_a])
    html = rendern("termine/_akteur.html", None, akteur=akteur_a)
    assert "Heimatabend" in html and "Vorstand" not in html
    assert f"webcal://testserver/termine/ical/akteur/{akteur_a.slug}.ics" in html


def test_gruppenseite_respektiert_sichtbarkeit(jetzt, mitglied_a, koordination):
    gruppe = ArbeitsgruppeFactory(sichtbarkeit="intern")
    TerminFactory(titel="Gruppentreffen", sichtbarkeit="gruppe", arbeitsgruppe=gruppe)
    assert "Gruppentreffen" not in rendern("termine/_gruppe.html", mitglied_a, gruppe=gruppe)
    html = rendern("termine/_gruppe.html", koordination, gruppe=gruppe)
    assert "Gruppentreffen" in html
    assert "abonnieren" not in html  # internal groups have no public feed


def test_startseite_fuehrt_zum_laufenden_ferienkalender(client):
    from tests.factories import FerienangebotFactory, FerienzeitraumFactory

    zeitraum = FerienzeitraumFactory(name="Sommerferien 2031")
    FerienangebotFactory(zeitraum=zeitraum, status="veroeffentlicht")
    FerienangebotFactory(zeitraum=zeitraum, status="veroeffentlicht")
    FerienangebotFactory(zeitraum=zeitraum, status="entwurf")
    seite = client.get("/").content.decode()
    assert "Sommerferien 2031" in seite
    assert "2 Angebote für Kinder" in seite
    assert "Anmeldung ist offen" in seite
    assert 'href="/ferienkalender/"' in seite


def test_startseite_ohne_ferienkalender_bleibt_ruhig(client):
    seite = client.get("/").content.decode()
    assert "Was kann mein Kind in den Ferien machen?" not in seite
