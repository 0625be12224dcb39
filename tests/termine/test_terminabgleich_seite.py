"""The coordinators' Terminabgleich page, its text export and the reusable service."""

import re
from datetime import date

import pytest

from termine import services
from tests.termine.factories import TerminFactory, berlin

pytestmark = pytest.mark.django_db


@pytest.fixture
def ueberschneidung(akteur_a, akteur_b):
    TerminFactory(
        titel="Stadtfest",
        grossveranstaltung=True,
        start=berlin(2026, 6, 13, 10),
        ende=berlin(2026, 6, 13, 23),
        veranstalter=[akteur_a],
    )
    TerminFactory(
        titel="Sportfest",
        start=berlin(2026, 6, 13, 9),
        ende=berlin(2026, 6, 13, 15),
        veranstalter=[akteur_b],
    )
    TerminFactory(titel="Lesung", start=berlin(2026, 6, 20, 19), ende=berlin(2026, 6, 20, 21))


def test_service_liefert_tage_mit_ueberschneidungen(jetzt, ueberschneidung):
    tage = services.terminabgleich_fuer_zeitraum(
        von=date(2026, 6, 1), bis=date(2026, 6, 30), sichtbar_fuer=None
    )
    assert [t.day for t in tage] == [date(2026, 6, 13)]
    assert {t.title for t in tage[0].termine} == {"Stadtfest", "Sportfest"}


def test_seite_nur_fuer_koordination(client, client_fuer, persona, jetzt):
    name, user = persona
    antwort = client_fuer(user).get("/termine/terminabgleich/")
    if name == "anonym":
        assert antwort.status_code == 302
    elif name == "koordination":
        assert antwort.status_code == 200
    else:
        assert antwort.status_code == 403


def test_seite_und_markdown_export(client_fuer, koordination, jetzt, ueberschneidung):
    client = client_fuer(koordination)
    seite = client.get("/termine/terminabgleich/").content.decode()
    assert "Samstag, 13. Juni 2026" in seite
    # The reasons are a short list, not a row of "Er ist … Er findet …" sentences.
    assert _gruende(seite) == [
        [
            "Großveranstaltung am selben Tag",
            "Zur selben Zeit",
            "Dieselbe Art von Veranstaltung",
            "Für dieselben Leute",
        ]
    ]
    assert "Er findet" not in seite and "Er ist" not in seite
    assert "Lesung" not in seite
    text = client.get("/termine/terminabgleich/?format=md")
    assert text["Content-Type"] == "text/markdown; charset=utf-8"
    inhalt = text.content.decode()
    assert "### 13.06.2026" in inhalt and "- 09:00 Sportfest" in inhalt
    assert "  - Warum: Großveranstaltung am selben Tag · Zur selben Zeit · Dieselbe Art" in inhalt


def _gruende(seite: str) -> list[list[str]]:
    """The reasons of every match as the page lists them."""
    listen = re.findall(r'<div class="abgleich-gruende small">(.*?)</div>', seite, re.S)
    return [re.findall(r"<li[^>]*>(.*?)</li>", liste) for liste in listen]


def test_ungueltiger_zeitraum_ergibt_hinweis(client_fuer, koordination, jetzt):
    seite = client_fuer(koordination).get("/termine/terminabgleich/?von=gestern").content.decode()
    assert "Bitte gib die Tage so ein" in seite


def test_serie_zeigt_das_vorkommen_am_tag_des_konflikts(client_fuer, koordination, jetzt):
    """A weekly series clashing on 11 June is listed with that Thursday, not its start."""
    TerminFactory(
        titel="Lauftreff",
        start=berlin(2026, 1, 8, 18),
        ende=berlin(2026, 1, 8, 19),
        wiederholung="woechentlich",
        wochentag=3,
    )
    TerminFactory(
        titel="Stadtfest",
        grossveranstaltung=True,
        start=berlin(2026, 6, 11, 10),
        ende=berlin(2026, 6, 11, 23),
    )
    seite = client_fuer(koordination).get("/termine/terminabgleich/").content.decode()
    assert "Donnerstag, 11. Juni 2026" in seite
    assert "Lauftreff</a> (Do, 11. Juni 2026, 18:00" in seite
    assert "8. Januar 2026" not in seite
    assert "?am=2026-06-11" in seite
