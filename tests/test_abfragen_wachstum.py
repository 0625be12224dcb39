"""Cost grows with the page, not with the data: the public list pages make as many queries
with ten times the data as with the data once (pages cut to 20 entries; recurring dates
from the occurrences table)."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import (
    AkteurFactory,
    ArbeitsgruppeFactory,
    FerienangebotFactory,
    FerienzeitraumFactory,
    ferien_durchfuehrung,
)
from tests.termine.factories import TerminFactory

pytestmark = pytest.mark.django_db

SEITEN = [
    "/",
    "/termine/",
    "/termine/?ferien=on",
    "monat",
    "/akteure/",
    "/arbeitsgruppen/",
    "/ferienkalender/",
    "zeitraum",
    "zeitraum-tage",
]


def _daten(faktor: int, zeitraum) -> dict[str, str]:
    heute = timezone.localtime().replace(hour=18, minute=0, second=0, microsecond=0)
    for i in range(3 * faktor):
        start = heute + timedelta(days=1 + i % 25)
        TerminFactory(
            veranstalter=[AkteurFactory()],
            start=start,
            ende=start + timedelta(hours=2),
            wiederholung=("keine", "woechentlich", "monatlich")[i % 3],
        )
    for _ in range(2 * faktor):
        ArbeitsgruppeFactory(sichtbarkeit="oeffentlich")
    for i in range(2 * faktor):
        ferien_durchfuehrung(FerienangebotFactory(zeitraum=zeitraum), tag=i % 10)
    lokal = timezone.localdate() + timedelta(days=10)
    return {
        "monat": f"/termine/monat/{lokal.year}/{lokal.month}/",
        "zeitraum": zeitraum.get_absolute_url(),
        "zeitraum-tage": zeitraum.get_absolute_url() + "tage/",
    }


def _abfragen(pfade: dict[str, str]) -> dict[str, int]:
    zahlen = {}
    client = Client()
    for seite in SEITEN:
        pfad = pfade.get(seite, seite)
        client.get(pfad)
        cache.clear()  # measure the rendering, not the page cache
        with CaptureQueriesContext(connection) as abfragen:
            assert client.get(pfad).status_code == 200
        zahlen[seite] = len(abfragen)
    return zahlen


def test_zehnfache_daten_gleiche_abfragen():
    zeitraum = FerienzeitraumFactory(name="Sommerferien 2030", slug="sommer-2030")
    einmal = _abfragen(_daten(1, zeitraum))
    zehnmal = _abfragen(_daten(9, zeitraum))  # 1 + 9
    assert zehnmal == einmal
