"""Links on pages come from the address the visitor used; SITE_URL is for mails and jobs."""

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.factories import FerienangebotFactory, FerienzeitraumFactory, GesuchFactory
from tests.termine.factories import TerminFactory

pytestmark = pytest.mark.django_db

HOST = "kalender.example.net"
ANDERER_HOST = override_settings(ALLOWED_HOSTS=[HOST], SITE_URL="http://127.0.0.1:8000")


@ANDERER_HOST
def test_abonnieren_zeigt_links_mit_dem_host_der_anfrage(client):
    seite = client.get("/termine/abonnieren/", headers={"host": HOST}).content.decode()
    assert f'href="webcal://{HOST}/termine/ical/termine.ics"' in seite
    assert f"<code>http://{HOST}/termine/ical/termine.ics</code>" in seite
    assert "127.0.0.1" not in seite
    # Google wants the address to copy: the page names the scheme it really shows.
    assert "die mit http:// beginnt, nicht den Link „abonnieren“" in seite
    assert "https" not in seite.split("Google Kalender")[1].split("Outlook")[0]


@ANDERER_HOST
def test_abonnieren_ueber_https_zeigt_https_adressen(client):
    seite = client.get("/termine/abonnieren/", headers={"host": HOST}, secure=True)
    html = seite.content.decode()
    assert f"<code>https://{HOST}/termine/ical/termine.ics</code>" in html
    assert f"<code>http://{HOST}" not in html
    assert "die mit https:// beginnt" in html


@ANDERER_HOST
def test_persoenlicher_feed_mit_dem_host_der_anfrage(client_fuer, mitglied_a):
    client = client_fuer(mitglied_a)
    adresse = f"{HOST}/termine/feed/{mitglied_a.feed_token}.ics"
    abonnieren = client.get("/termine/abonnieren/", headers={"host": HOST}).content.decode()
    assert f'href="webcal://{adresse}"' in abonnieren
    assert f'<code class="small">http://{adresse}</code>' in abonnieren
    mein_bereich = client.get("/mein-bereich/", headers={"host": HOST}).content.decode()
    assert f'href="webcal://{adresse}"' in mein_bereich
    assert "127.0.0.1" not in mein_bereich


@ANDERER_HOST
def test_akteursseite_abo_link_mit_dem_host_der_anfrage(client, akteur_a):
    TerminFactory(titel="Heimatabend", veranstalter=[akteur_a])
    seite = client.get(akteur_a.get_absolute_url(), headers={"host": HOST}).content.decode()
    assert f'href="webcal://{HOST}/termine/ical/akteur/{akteur_a.slug}.ics"' in seite
    assert "127.0.0.1" not in seite


@ANDERER_HOST
def test_widget_verlinkt_den_host_der_anfrage(client):
    zeitraum = FerienzeitraumFactory(name="Sommerferien 2030", slug="sommer-2030")
    angebot = FerienangebotFactory(zeitraum=zeitraum, titel="Kanutour")
    url = reverse("ferien:widget", args=[zeitraum.slug])
    seite = client.get(url, headers={"host": HOST}, secure=True).content.decode()
    assert f'href="https://{HOST}{zeitraum.get_absolute_url()}"' in seite
    assert f'href="https://{HOST}{angebot.get_absolute_url()}"' in seite
    assert "127.0.0.1" not in seite


@ANDERER_HOST
def test_ressourcen_feed_adresse_mit_dem_host_der_anfrage(client_fuer, mitglied_a, akteur_a):
    seite = client_fuer(mitglied_a).get(reverse("ressourcen:meine"), headers={"host": HOST})
    html = seite.content.decode()
    assert f"http://{HOST}/ressourcen/" in html
    assert "127.0.0.1" not in html


@override_settings(ALLOWED_HOSTS=[HOST], SITE_URL="https://portal.example.org")
def test_mails_behalten_site_url(client, akteur_a, mailoutbox):
    """Control: a mail sent while answering a request to another host still uses SITE_URL."""
    gesuch = GesuchFactory(akteur=akteur_a, titel="Chronik abtippen")
    daten = {"name": "Hanna", "email": "hanna@example.org", "einwilligung": "on"}
    client.post(gesuch.get_absolute_url(), daten, headers={"host": HOST})
    (nachricht,) = mailoutbox
    pfad = reverse("vereine:rueckmeldungen", args=[akteur_a.slug, gesuch.pk])
    assert f"https://portal.example.org{pfad}" in nachricht.body
    assert HOST not in nachricht.body
