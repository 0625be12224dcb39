"""The public directory and an actor's page: search, filters, A–Z, pages, contact relay."""

import json
import re

import pytest
from django.urls import reverse

from tests.factories import AkteurFactory, GesuchFactory
from vereine.models import Akteur, Thema

pytestmark = pytest.mark.django_db


def _namen(html: str) -> list[str]:
    return re.findall(r'<h2 class="h5 card-title mb-1"><a href="[^"]+">([^<]+)</a>', html)


@pytest.fixture
def verzeichnis(ortsteile):
    sport = Thema.objects.get(slug="sport")
    kultur = Thema.objects.get(slug="kultur")
    chor = AkteurFactory(
        name="Gemischter Chor Opperode",
        art=Akteur.Art.VEREIN,
        ortsteil=ortsteile["Opperode"],
        beschreibung="Wir singen jeden Dienstag.",
    )
    chor.themen.set([kultur])
    sv = AkteurFactory(name="SV Badeborn", art=Akteur.Art.VEREIN, ortsteil=ortsteile["Badeborn"])
    sv.themen.set([sport, kultur])
    schule = AkteurFactory(
        name="Grundschule Rieder", art=Akteur.Art.SCHULE, ortsteil=ortsteile["Rieder"]
    )
    GesuchFactory(akteur=sv, titel="Trainer:in für die F-Jugend")
    AkteurFactory(name="Geheimer Kreis", sichtbarkeit=Akteur.Sichtbarkeit.NETZWERK)
    AkteurFactory(name="Beantragter Verein", status=Akteur.Status.BEANTRAGT)
    return {"chor": chor, "sv": sv, "schule": schule}


def test_verzeichnis_zeigt_nur_aktive_oeffentliche(client, verzeichnis):
    html = client.get(reverse("vereine:liste")).content.decode()
    assert _namen(html) == ["Gemischter Chor Opperode", "Grundschule Rieder", "SV Badeborn"]
    assert "3 Akteure gefunden" in html


def test_netzwerk_sichtbare_nur_fuer_angemeldete(client_fuer, bewohner, verzeichnis):
    html = client_fuer(bewohner).get(reverse("vereine:liste")).content.decode()
    assert "Geheimer Kreis" in _namen(html)
    assert "Beantragter Verein" not in html


@pytest.mark.parametrize(
    "parameter,erwartet",
    [
        ({"q": "singen"}, ["Gemischter Chor Opperode"]),
        ({"q": "chor"}, ["Gemischter Chor Opperode"]),
        ({"q": "Kultur"}, ["Gemischter Chor Opperode", "SV Badeborn"]),
        ({"art": "schule"}, ["Grundschule Rieder"]),
        ({"ortsteil": "badeborn"}, ["SV Badeborn"]),
        ({"thema": "sport"}, ["SV Badeborn"]),
        ({"sucht": "on"}, ["SV Badeborn"]),
        ({"buchstabe": "G"}, ["Gemischter Chor Opperode", "Grundschule Rieder"]),
        ({"thema": "kultur", "ortsteil": "opperode"}, ["Gemischter Chor Opperode"]),
    ],
)
def test_suche_und_filter(client, verzeichnis, parameter, erwartet):
    html = client.get(reverse("vereine:liste"), parameter).content.decode()
    assert _namen(html) == erwartet


def test_ungueltiger_filter_gibt_meldung_statt_fehler(client, verzeichnis):
    antwort = client.get(reverse("vereine:liste"), {"art": "raumschiff"})
    assert antwort.status_code == 200
    assert "raumschiff ist keine gültige Auswahl" in antwort.content.decode()


def test_leere_buchstaben_sind_keine_links(client, verzeichnis):
    html = client.get(reverse("vereine:liste")).content.decode()
    assert '<span class="vereine-az-leer">X</span>' in html
    assert "?buchstabe=S" in html


def test_htmx_bekommt_nur_die_ergebnisse(client, verzeichnis):
    html = client.get(
        reverse("vereine:liste"), {"q": "chor"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert html.lstrip().startswith('<div id="ergebnisse">')
    assert "<html" not in html and "Gemischter Chor Opperode" in html


@pytest.mark.parametrize("parameter", [{"sucht": "on"}, {"q": "Verein", "sucht": "on"}])
@pytest.mark.parametrize("anzahl", [1, 45])
def test_verzeichnis_braucht_feste_zahl_von_abfragen(
    client, ortsteile, django_assert_num_queries, anzahl, parameter
):
    themen = list(Thema.objects.all()[:3])
    for i in range(anzahl):
        akteur = AkteurFactory(name=f"Verein {i:03}", ortsteil=ortsteile["Ballenstedt"])
        akteur.themen.set(themen)
        GesuchFactory(akteur=akteur)
    # Netzwerkprofil, letters, count, page, topics, form choices (districts, topics);
    # the search adds none.
    with django_assert_num_queries(7):
        antwort = client.get(reverse("vereine:liste"), parameter)
    assert len(_namen(antwort.content.decode())) == min(anzahl, 20)


def test_seiten(client, ortsteile):
    for i in range(25):
        AkteurFactory(name=f"Verein {i:02}")
    html = client.get(reverse("vereine:liste"), {"seite": 2}).content.decode()
    assert _namen(html) == [f"Verein {i:02}" for i in range(20, 25)]
    assert 'aria-current="page">2<' in html


def test_detailseite_zeigt_profil_ohne_email(client, verzeichnis):
    sv = verzeichnis["sv"]
    sv.telefon = "039483 12345"
    sv.save()
    html = client.get(sv.get_absolute_url()).content.decode()
    assert '<h1 class="mb-1">SV Badeborn</h1>' in html
    assert "Trainer:in für die F-Jugend" in html
    assert sv.kontakt_email not in html
    assert 'property="og:title" content="SV Badeborn"' in html
    daten = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    )
    assert daten["@type"] == "Organization" and daten["name"] == "SV Badeborn"
    assert daten["telephone"] == "039483 12345"
    assert "email" not in daten


def test_beschreibung_steht_nur_einmal_auf_der_seite(client, ortsteile):
    # Many repeat their short description at the start of the description.
    akteur = AkteurFactory(
        name="Heimatverein",
        kurzbeschreibung="Wir pflegen die Geschichte des Ortes.",
        beschreibung="Wir pflegen die Geschichte des Ortes.\n\nJeden Mittwoch offen.",
    )
    html = client.get(akteur.get_absolute_url()).content.decode()
    inhalt = html.split("<main", 1)[1]
    assert inhalt.count("Wir pflegen die Geschichte des Ortes.") == 1
    assert "Jeden Mittwoch offen." in inhalt
    # A description that says only the same is not shown a second time either.
    akteur.beschreibung = "Wir pflegen die Geschichte des Ortes."
    akteur.save()
    inhalt = client.get(akteur.get_absolute_url()).content.decode().split("<main", 1)[1]
    assert inhalt.count("Wir pflegen die Geschichte des Ortes.") == 1


def test_json_ld_kann_das_script_nicht_verlassen(client):
    akteur = AkteurFactory(name="Böse </script><script>alert(1)</script>", slug="boese")
    html = client.get(akteur.get_absolute_url()).content.decode()
    json_teil = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert "\\u003C/script\\u003E" in json_teil.group(1)
    assert "<script>alert(1)" not in html


def test_unsichtbare_akteure_sind_404(client, verzeichnis):
    beantragt = Akteur.objects.get(name="Beantragter Verein")
    assert client.get(beantragt.get_absolute_url()).status_code == 404
    netzwerk = Akteur.objects.get(name="Geheimer Kreis")
    assert client.get(netzwerk.get_absolute_url()).status_code == 404


def _kontakt(client, akteur, **extra):
    daten = {"name": "Rita", "email": "rita@example.org", "nachricht": "Wann probt ihr?"}
    daten.update(extra)
    return client.post(akteur.get_absolute_url(), daten, follow=True)


def test_kontaktformular_leitet_weiter(client, verzeichnis, mailoutbox):
    chor = verzeichnis["chor"]
    antwort = _kontakt(client, chor)
    assert "Danke! Deine Nachricht ist unterwegs." in antwort.content.decode()
    (mail,) = mailoutbox
    assert mail.to == [chor.kontakt_email]
    assert mail.reply_to == ["rita@example.org"]
    assert "Wann probt ihr?" in mail.body and "Rita" in mail.subject


def test_kontaktformular_fehler_behaelt_eingaben(client, verzeichnis, mailoutbox):
    antwort = _kontakt(client, verzeichnis["chor"], email="kaputt")
    html = antwort.content.decode()
    assert "gültige E-Mail-Adresse" in html
    assert "Wann probt ihr?" in html and 'value="Rita"' in html
    assert not mailoutbox


def test_kontaktformular_honigtopf(client, verzeichnis, mailoutbox):
    antwort = _kontakt(client, verzeichnis["chor"], homepage="http://spam.example")
    assert "Danke!" in antwort.content.decode()
    assert not mailoutbox


def test_kontaktformular_ratenbegrenzung(client, verzeichnis, mailoutbox):
    for _ in range(5):
        _kontakt(client, verzeichnis["chor"])
    antwort = _kontakt(client, verzeichnis["chor"], nachricht="Noch eine")
    html = antwort.content.decode()
    assert "viele Nachrichten geschickt" in html and "Noch eine" in html
    assert len(mailoutbox) == 5


def test_kontakt_ohne_adresse_geht_an_die_leitung(client, mitglied_a, akteur_a, mailoutbox):
    akteur_a.kontakt_email = ""
    akteur_a.save()
    _kontakt(client, akteur_a)
    assert mailoutbox[0].to == [mitglied_a.email]


def test_startseite_zeigt_akteure_und_gesuche(client, verzeichnis):
    html = client.get(reverse("startseite")).content.decode()
    assert "3 Akteure sind im Netzwerk." in html
    assert "Trainer:in für die F-Jugend" in html
