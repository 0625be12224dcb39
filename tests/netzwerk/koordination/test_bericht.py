"""The funder's report: period form and quick choices, charts with tables, CSV and PDF."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from netzwerk.koordination import diagramm
from tests.factories import AkteurFactory
from tests.netzwerk.koordination.factories import HerausforderungFactory

pytestmark = pytest.mark.django_db


def test_bericht_zeigt_zahlen_diagramme_und_tabellen(client_fuer, koordination):
    AkteurFactory(art="verein")
    AkteurFactory(art="schule")
    HerausforderungFactory(aufgekommen_am=timezone.localdate(), kategorie="raeume")
    html = client_fuer(koordination).get(reverse("koordination:bericht")).content.decode()
    jahr = timezone.localdate().year
    assert f"01.01.{jahr}" in html and f"31.12.{jahr}" in html
    assert 'data-kennzahl="vereine.neue_akteure">' in html
    assert "Neue Akteure nach Art" in html
    assert html.count("<svg") >= 2
    assert 'role="img"' in html
    # Each chart's numbers as a table.
    assert '<th scope="row" class="fw-normal">Schule</th><td class="text-end">1</td>' in html
    assert "Raum und Ausstattung" in html or "Räume und Ausstattung" in html


def test_schnellwahl_und_eigener_zeitraum(client_fuer, koordination):
    client = client_fuer(koordination)
    heute = timezone.localdate()
    von, bis = diagramm.zeitraum(diagramm.VORQUARTAL, heute)
    html = client.get(reverse("koordination:bericht") + "?zeitraum=vorquartal").content.decode()
    assert von.strftime("%d.%m.%Y") in html and 'aria-current="true"' in html
    html = client.get(
        reverse("koordination:bericht") + f"?von={heute.isoformat()}&bis={heute.isoformat()}"
    ).content.decode()
    assert f"von {heute.strftime('%d.%m.%Y')} bis {heute.strftime('%d.%m.%Y')}" in html
    html = client.get(
        reverse("koordination:bericht") + f"?von={heute.isoformat()}&bis=2000-01-01"
    ).content.decode()
    assert "Das Ende liegt vor dem Anfang" in html


def test_csv(client_fuer, koordination):
    AkteurFactory(art="kirche", name="=HYPERLINK(1)")
    antwort = client_fuer(koordination).get(reverse("koordination:bericht_csv") + "?zeitraum=jahr")
    text = antwort.content.decode("utf-8-sig")
    assert antwort["Content-Type"].startswith("text/csv")
    zeilen = [z.split(";") for z in text.splitlines()]
    assert zeilen[0][:3] == ["Von", "Bis", "Gruppe"]
    neue = [z for z in zeilen if z[3] == "vereine.neue_akteure"]
    assert neue[0][5:7] == ["", "1"]
    assert neue[1][5:7] == ["Kirche", "1"]


def test_pdf(client_fuer, koordination):
    antwort = client_fuer(koordination).get(reverse("koordination:bericht_pdf"))
    assert antwort["Content-Type"] == "application/pdf"
    assert antwort.content.startswith(b"%PDF")


def test_bericht_in_konstanter_zahl_von_abfragen(client_fuer, koordination):
    client = client_fuer(koordination)
    url = reverse("koordination:bericht")

    def zaehlen():
        with CaptureQueriesContext(connection) as abfragen:
            client.get(url)
        return len(abfragen)

    AkteurFactory()
    HerausforderungFactory(aufgekommen_am=timezone.localdate())
    eine = zaehlen()
    for i in range(10):
        AkteurFactory(art="schule" if i % 2 else "verein")
        HerausforderungFactory(aufgekommen_am=timezone.localdate(), kategorie="finanzen")
    assert zaehlen() == eine


def test_diagramm_geometrie():
    d = diagramm.balkendiagramm([("a", 10), ("b", 5), ("c", 0)])
    assert [b.breite for b in d.balken] == [350.0, 175.0, 0.0]
    assert d.hoehe == 2 * diagramm.RAND + 3 * diagramm.ZEILE
    assert diagramm.balkendiagramm([]).balken == ()
    assert [b.breite for b in diagramm.balkendiagramm([("x", 0)]).balken] == [0.0]


@pytest.mark.parametrize(
    ("heute", "wahl", "erwartet"),
    [
        (date(2026, 11, 25), "quartal", (date(2026, 10, 1), date(2026, 12, 31))),
        (date(2026, 11, 25), "vorquartal", (date(2026, 7, 1), date(2026, 9, 30))),
        (date(2027, 2, 10), "vorquartal", (date(2026, 10, 1), date(2026, 12, 31))),
        (date(2028, 2, 29), "quartal", (date(2028, 1, 1), date(2028, 3, 31))),
        (date(2026, 1, 1), "vorjahr", (date(2025, 1, 1), date(2025, 12, 31))),
        (date(2026, 5, 5), "unbekannt", None),
    ],
)
def test_zeitraeume(heute, wahl, erwartet):
    assert diagramm.zeitraum(wahl, heute) == erwartet


def test_jahre_der_zeitleiste():
    assert diagramm.jahre(2010, 2026) == list(range(2017, 2027))
    assert diagramm.jahre(2026, 2026) == [2026]
    assert diagramm.jahre(2020, 2026) == list(range(2020, 2027))
