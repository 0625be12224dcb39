"""Search in the directory of Akteure: whole words, never letters inside another word
(issue 14: "Sport" found the Autohaus because it lends a "Transporter").

PostgreSQL: full-text with German stemming and ranking; SQLite: word beginnings. The tests
without a mark run on both (CI runs the suite once on each); the marked ones on one only.
"""

import re

import pytest
from django.db import connection
from django.urls import reverse

from tests.factories import AkteurFactory
from vereine.models import Akteur, Thema
from vereine.suche import akteure_suchen, suchwoerter

pytestmark = pytest.mark.django_db


def _namen(html: str) -> list[str]:
    return re.findall(r'<h2 class="h5 card-title mb-1"><a href="[^"]+">([^<]+)</a>', html)


@pytest.fixture
def akteure(ortsteile):
    sport = Thema.objects.get(slug="sport")
    sv = AkteurFactory(name="SV Badeborn", kurzbeschreibung="Fußball und Turnen.")
    sv.themen.set([sport])
    AkteurFactory(
        name="Autohaus Harzrand",
        art=Akteur.Art.UNTERNEHMEN,
        kurzbeschreibung="Werkstatt und Fahrzeugverleih; leiht Vereinen einen Transporter.",
    )
    AkteurFactory(name="Angelverein Rieder", beschreibung="Sportangeln am Teich, jeden Samstag.")
    AkteurFactory(name="Sportfreunde Opperode", beschreibung="Wir spielen Volleyball.")
    AkteurFactory(
        name="Gemischter Chor Opperode",
        kurzbeschreibung="Wir singen.",
        beschreibung="Unsere Chöre proben dienstags im Gemeindehaus.",
    )
    AkteurFactory(name="Gartenfreunde Badeborn", beschreibung="Ein Garten für alle.")


def _suche(client, text) -> list[str]:
    antwort = client.get(reverse("vereine:liste"), {"q": text})
    assert antwort.status_code == 200
    return _namen(antwort.content.decode())


def test_sport_findet_kein_wort_das_sport_nur_enthaelt(client, akteure):
    gefunden = _suche(client, "Sport")

    assert "Autohaus Harzrand" not in gefunden  # "Transporter"
    assert set(gefunden) == {"SV Badeborn", "Angelverein Rieder", "Sportfreunde Opperode"}


def test_treffer_im_namen_zuerst(client, akteure):
    gefunden = _suche(client, "sport")

    # Alphabetically the Angelverein would lead; its hit is only in the description.
    assert gefunden[0] == "Sportfreunde Opperode"
    assert set(gefunden[1:]) == {"Angelverein Rieder", "SV Badeborn"}


def test_mehrere_woerter_muessen_alle_passen(client, akteure):
    assert _suche(client, "Sport Badeborn") == ["SV Badeborn"]
    assert _suche(client, "Fußball Turnen") == ["SV Badeborn"]
    assert _suche(client, "Chor Volleyball") == []


def test_gross_und_kleinschreibung_auch_bei_umlauten(client, akteure):
    assert _suche(client, "fußBALL") == ["SV Badeborn"]
    assert _suche(client, "CHÖRE") == ["Gemischter Chor Opperode"]


@pytest.mark.parametrize("text", ["!!!", "'", "sport' & !(", ":*", "\\(", "a" * 500, "% _"])
def test_sonderzeichen_sind_kein_fehler(client, akteure, text):
    # Punctuation is no search word; what remains is searched as plain words.
    antwort = client.get(reverse("vereine:liste"), {"q": text})
    assert antwort.status_code == 200
    gefunden = _namen(antwort.content.decode())
    if text == "sport' & !(":
        assert "Sportfreunde Opperode" in gefunden and "Autohaus Harzrand" not in gefunden
    else:
        assert gefunden == []


def test_suchwoerter():
    assert suchwoerter("  Sport, Spiel & Spaß!  ") == ["sport", "spiel", "spaß"]
    assert suchwoerter("a_b") == ["a", "b"]
    assert suchwoerter("") == []
    assert len(suchwoerter("x " * 50)) == 8


def test_suche_wiederholt_keine_akteure_mit_mehreren_themen(akteure):
    sv = Akteur.objects.get(name="SV Badeborn")
    sv.themen.set(Thema.objects.all())
    gefunden = list(akteure_suchen(Akteur.objects.all(), "Badeborn"))
    assert [a.name for a in gefunden].count("SV Badeborn") == 1


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="German stemming is PostgreSQL's")
def test_postgres_volltext_mit_deutschem_wortstamm(client, akteure):
    # "Chöre" and "Chor" share their stem; "Gärten" finds the "Garten".
    assert _suche(client, "Chöre") == ["Gemischter Chor Opperode"]
    assert _suche(client, "Chor") == ["Gemischter Chor Opperode"]
    assert _suche(client, "Gärten") == ["Gartenfreunde Badeborn"]
    # Stop words do not narrow the search.
    assert _suche(client, "Fußball und Turnen") == ["SV Badeborn"]
    # Only stop words: nothing to search for, and no error.
    assert _suche(client, "und der") == []


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="ranking is PostgreSQL's")
def test_postgres_ordnet_nach_rang(akteure):
    gefunden = akteure_suchen(Akteur.objects.all(), "Sport")
    raenge = {a.name: a.suchrang for a in gefunden}
    # Name (weight A) before topic (B) before description (C).
    assert raenge["Sportfreunde Opperode"] > raenge["SV Badeborn"] > raenge["Angelverein Rieder"]
    assert [a.name for a in gefunden] == [
        "Sportfreunde Opperode",
        "SV Badeborn",
        "Angelverein Rieder",
    ]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite variant")
def test_sqlite_wortanfang_ohne_wortstamm(client, akteure):
    # Word beginnings only: "Chor" finds the choir, the plural does not reach the singular.
    assert _suche(client, "Chor") == ["Gemischter Chor Opperode"]
    assert _suche(client, "Gärten") == []
    assert _suche(client, "ort") == []  # inside "Sport", not at a word's start
