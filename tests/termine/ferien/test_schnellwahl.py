"""Quick choices in the Ferienkalender: only those that meet the period, ranges from the clock."""

from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse

from tests.factories import (
    AkteurFactory,
    FerienangebotFactory,
    FerienzeitraumFactory,
    ferien_durchfuehrung,
)
from tests.termine.factories import berlin

pytestmark = pytest.mark.django_db

MONTAG = date(2030, 7, 8)  # the period's first day


@pytest.fixture
def zeitraum():
    with time_machine.travel(berlin(2030, 6, 1, 9), tick=False):
        return FerienzeitraumFactory(
            name="Sommerferien 2030", slug="sommer-2030", beginn=MONTAG, ende=MONTAG + timedelta(27)
        )


@pytest.fixture
def angebote(zeitraum):
    akteur = AkteurFactory()
    # One offer per day of the first two weeks, titled by its day.
    for tag in range(14):
        angebot = FerienangebotFactory(
            zeitraum=zeitraum, akteur=akteur, titel=f"Angebot {(MONTAG + timedelta(tag)):%d.%m.}"
        )
        ferien_durchfuehrung(angebot, tag=tag)


def _titel(client, zeitraum, query=""):
    seite = client.get(reverse("ferien:liste", args=[zeitraum.slug]) + query).content.decode()
    return sorted(
        t for t in (f"Angebot {(MONTAG + timedelta(i)):%d.%m.}" for i in range(14)) if t in seite
    )


def test_samstag_in_den_ferien(client, zeitraum, angebote):
    assert MONTAG.weekday() == 0
    with time_machine.travel(berlin(2030, 7, 13, 8), tick=False):  # Saturday of week one
        assert _titel(client, zeitraum, "?wann=heute") == ["Angebot 13.07."]
        assert _titel(client, zeitraum, "?wann=wochenende") == ["Angebot 13.07.", "Angebot 14.07."]
        assert _titel(client, zeitraum, "?wann=naechste-woche") == [
            f"Angebot {d:02d}.07." for d in range(15, 22)
        ]
        seite = client.get(reverse("ferien:liste", args=[zeitraum.slug]) + "?wann=wochenende")
    inhalt = seite.content.decode()
    assert 'aria-current="true">Dieses Wochenende' in inhalt
    assert 'href="?wann=heute">Heute' in inhalt
    # The chip's choice travels with the filter form, which has no active filter.
    assert '<input type="hidden" name="wann" value="wochenende"' in inhalt
    assert "aktiv</span>" not in inhalt


def test_sonntag_ist_das_wochenende_nur_noch_heute(client, zeitraum, angebote):
    with time_machine.travel(berlin(2030, 7, 14, 8), tick=False):
        assert _titel(client, zeitraum, "?wann=wochenende") == ["Angebot 14.07."]


def test_vor_den_ferien_keine_chips(client, zeitraum, angebote):
    with time_machine.travel(berlin(2030, 6, 1, 9), tick=False):
        inhalt = client.get(reverse("ferien:liste", args=[zeitraum.slug])).content.decode()
    assert "Dieses Wochenende" not in inhalt
    assert "Schnellauswahl" not in inhalt


def test_am_letzten_freitag_nur_heute_und_wochenende(client, zeitraum, angebote):
    with time_machine.travel(berlin(2030, 8, 2, 9), tick=False):  # Friday of the last week
        inhalt = client.get(reverse("ferien:liste", args=[zeitraum.slug])).content.decode()
    assert ">Heute<" in inhalt and ">Dieses Wochenende<" in inhalt
    assert ">Nächste Woche<" not in inhalt


def test_filterknopf_zaehlt_aktive_filter(client, zeitraum, angebote):
    url = reverse("ferien:liste", args=[zeitraum.slug])
    with time_machine.travel(berlin(2030, 7, 10, 9), tick=False):
        inhalt = client.get(url + "?alter=8&kostenlos=on&kategorie=").content.decode()
        # The htmx answer carries the new number for the button.
        antwort = client.get(url, {"alter": 8}, headers={"HX-Request": "true"}).content.decode()
    assert "2 aktiv" in inhalt
    # (picked by hx-select-oob="#filter-anzahl" on the form)
    assert '<span id="filter-anzahl"> <span class="badge text-bg-dark">1 aktiv' in antwort


def test_widget_ist_verlinkt(client, client_fuer, koordination, zeitraum, angebote):
    """Visitors, providers and coordinators find the embed code without reading the docs."""
    widget = reverse("ferien:widget", args=[zeitraum.slug])
    with time_machine.travel(berlin(2030, 7, 10, 9), tick=False):
        liste = client.get(reverse("ferien:liste", args=[zeitraum.slug])).content.decode()
        verwaltung = client_fuer(koordination).get("/admin/termine/ferienzeitraum/")
    verwaltung = verwaltung.content.decode()
    assert 'id="einbinden"' in liste
    assert f'&lt;iframe src="http://testserver{widget}" title="Ferienkalender"' in liste
    assert f'href="{widget}"' in liste
    assert f'href="{zeitraum.get_absolute_url()}#einbinden">Widget für Websites' in verwaltung
