"""The home page leads straight to offers a family can register for now (the parent's
way from the home page to a confirmed registration: home → offer → done)."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from termine.ferien import services as ferien
from tests.factories import (
    FerienangebotFactory,
    FerienzeitraumFactory,
    KindFactory,
    UserFactory,
    ferien_durchfuehrung,
    geburtsdatum_fuer,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def zeitraum():
    return FerienzeitraumFactory(name="Sommerferien 2031")


def _angebot(zeitraum, titel, tag, **extra):
    angebot = FerienangebotFactory(zeitraum=zeitraum, titel=titel, **extra)
    return angebot, ferien_durchfuehrung(angebot, tag=tag, plaetze=extra.pop("plaetze", 10))


def _jetzt_anmelden(html):
    return html.split("ferien-jetzt")[1].split("</ul>")[0] if "ferien-jetzt" in html else ""


def test_startseite_zeigt_die_naechsten_angebote_mit_freien_plaetzen(client, zeitraum):
    _angebot(zeitraum, "Kanutour", 3)
    _angebot(zeitraum, "Töpfern", 1)
    voll, d = _angebot(zeitraum, "Reiten", 0)
    d.max_plaetze = 1
    d.save()
    kind = KindFactory(geburtsdatum=geburtsdatum_fuer(8))
    ferien.anmelden(kind=kind, durchfuehrung=d, von=kind.eltern)
    _angebot(zeitraum, "Einfach vorbeikommen", 0, anmeldung_noetig=False)
    _angebot(zeitraum, "Entwurf", 0, status="entwurf")
    _angebot(zeitraum, "Später", 9)
    _angebot(zeitraum, "Noch später", 12)
    html = client.get("/").content.decode()
    assert "Jetzt anmelden:" in html
    liste = _jetzt_anmelden(html)
    titel = re.findall(r'<a href="[^"]+">([^<]+)</a>', liste)
    assert titel == ["Töpfern", "Kanutour", "Später"]
    assert zeitraum.angebote.get(titel="Töpfern").get_absolute_url() in liste


def test_fuer_eltern_nur_was_zu_den_kindern_passt(client_fuer, zeitraum):
    _angebot(zeitraum, "Kanutour", 1, alter_von=10, alter_bis=14)
    _angebot(zeitraum, "Basteln", 2, alter_von=4, alter_bis=7)
    _angebot(zeitraum, "Graffiti", 3, alter_von=14, alter_bis=18)
    eltern = UserFactory()
    KindFactory(eltern=eltern, vorname="Mia", geburtsdatum=geburtsdatum_fuer(6))
    KindFactory(eltern=eltern, vorname="Ben", geburtsdatum=geburtsdatum_fuer(11))
    KindFactory(eltern=eltern, vorname="Ole", geburtsdatum=geburtsdatum_fuer(2))
    html = client_fuer(eltern).get("/").content.decode()
    # Ole is too young for anything: the list is not said to be for him.
    assert "Jetzt anmelden – passend für Ben, Mia:" in html
    liste = _jetzt_anmelden(html)
    assert "Kanutour" in liste and "Basteln" in liste and "Graffiti" not in liste


def test_nichts_zum_anmelden_wenn_die_anmeldung_nicht_offen_ist(client):
    zeitraum = FerienzeitraumFactory()
    # Registration opens only later (the period is published already).
    zeitraum.anmeldung_ab = zeitraum.veroeffentlichung + timedelta(days=20)
    zeitraum.save()
    _angebot(zeitraum, "Kanutour", 1)
    html = client.get("/").content.decode()
    assert "Sommerferien" in html
    assert "Jetzt anmelden" not in html


def test_startseite_hat_konstante_abfragen(client_fuer, zeitraum):
    eltern = UserFactory()
    KindFactory(eltern=eltern, geburtsdatum=geburtsdatum_fuer(8))
    client = client_fuer(eltern)

    def abfragen():
        client.get("/")
        with CaptureQueriesContext(connection) as erfasst:
            client.get("/")
        return len(erfasst)

    # 19 = 16 + the slot for the next Aktionstag + the horizon of the occurrences table (dates
    # slot) + the latest youth ideas (arbeitsgruppen slot), each one query whatever the data.
    _angebot(zeitraum, "Eins", 1)
    assert abfragen() == 19
    for i in range(5):
        _angebot(zeitraum, f"Mehr {i}", 2 + i)
    assert abfragen() == 19
