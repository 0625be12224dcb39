"""Home page, legal pages edited in the admin, barrier report, error pages."""

import pytest
from django.test import Client
from django.urls import reverse

from netzwerk.models import Netzwerkprofil, Seite

pytestmark = pytest.mark.django_db


def test_startseite_zeigt_netzwerk_aus_der_konfiguration(client):
    Netzwerkprofil.objects.create(
        name="Netzwerk Musterstadt", ort="Musterstadt", kurzbeschreibung="Alle zusammen."
    )
    html = client.get(reverse("startseite")).content.decode()
    assert '<html lang="de">' in html
    assert "Netzwerk Musterstadt" in html and "Alle zusammen." in html
    assert "Ballenstedt" not in html
    for eintrag in ["Start", "Akteure", "Termine", "Ferienkalender", "Arbeitsgruppen", "Mitmachen"]:
        assert f">{eintrag}</a>" in html
    for fuss in ["Impressum", "Datenschutz", "Barrierefreiheit", "Barriere melden"]:
        assert fuss in html
    assert 'href="#inhalt"' in html and 'id="inhalt"' in html


def test_sprachwechsel_auf_englisch(client):
    antwort = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)
    html = antwort.content.decode()
    assert '<html lang="en">' in html
    assert ">Working groups</a>" in html


def test_rechtstext_aus_dem_admin_ohne_skripte(client):
    Seite.objects.create(
        art=Seite.Art.IMPRESSUM,
        titel="Impressum",
        inhalt="<h2>Anbieter</h2><p>Verein X</p><script>alert(1)</script><p onclick='x()'>y</p>",
    )
    html = client.get(reverse("seite", args=["impressum"])).content.decode()
    assert "<h2>Anbieter</h2>" in html and "Verein X" in html
    assert "<script>alert" not in html and "onclick" not in html


def test_unbekannte_seite_ist_404(client):
    assert client.get("/seite/gibtsnicht/").status_code == 404


def test_koordination_bearbeitet_rechtstext_im_admin(client, koordination):
    client.force_login(koordination)
    antwort = client.post(
        reverse("admin:netzwerk_seite_add"),
        {"art": "datenschutz", "titel": "Datenschutz", "inhalt": "<p>Wir speichern wenig.</p>"},
    )
    assert antwort.status_code == 302
    assert "Wir speichern wenig." in Client().get("/seite/datenschutz/").content.decode()


def test_barriere_melden_schickt_mail_an_koordination(client, mailoutbox):
    Netzwerkprofil.objects.create(name="N", ort="O", kontakt_email="team@example.org")
    antwort = client.post(
        reverse("barriere_melden"),
        {"seite": "/termine/", "beschreibung": "Der Kalender ist mit Tastatur nicht bedienbar."},
        follow=True,
    )
    assert "Danke" in antwort.content.decode()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["team@example.org"]
    assert "Tastatur" in mailoutbox[0].body and "/termine/" in mailoutbox[0].body


def test_barriere_melden_ohne_text_zeigt_fehler_am_feld(client, mailoutbox):
    antwort = client.post(reverse("barriere_melden"), {"seite": "/x/", "beschreibung": ""})
    html = antwort.content.decode()
    assert "Dieses Feld ist zwingend erforderlich" in html
    assert 'value="/x/"' in html
    assert not mailoutbox


def test_honigtopf_verschluckt_bot_meldungen(client, mailoutbox):
    Netzwerkprofil.objects.create(name="N", ort="O", kontakt_email="team@example.org")
    client.post(
        reverse("barriere_melden"),
        {"beschreibung": "Spam", "website": "http://spam.example"},
    )
    assert not mailoutbox


def test_404_seite_ist_deutsch_und_im_layout(client):
    antwort = client.get("/gibt-es-nicht/")
    html = antwort.content.decode()
    assert antwort.status_code == 404
    assert "Diese Seite finden wir nicht" in html
    assert "Impressum" in html


def test_500_seite_braucht_keinen_kontext():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Da ist etwas schiefgegangen" in html
