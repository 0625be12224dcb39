"""A member's own pages from the per-session page cache (netzwerk/zwischenspeicher.py).

The second view of Mein Bereich, Familie, the provider list or the resources in the same
session costs the session and the user, not the page; a save, a waiting message, another
session or the next ten-second window render afresh, and nobody gets another's page.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.test.utils import CaptureQueriesContext

from tests.factories import KindFactory, UserFactory

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
# Session and user: what a page from the cache still costs.
ABFRAGEN_AUS_DEM_CACHE = 2


@pytest.fixture
def uhr():
    """A clock standing still half a second into a ten-second window."""
    jetzt = datetime.now(BERLIN).replace(second=0, microsecond=500_000)
    with time_machine.travel(jetzt, tick=False) as t:
        yield t


def _angemeldet(client_fuer, user):
    """A member's browser: logged in, with the CSRF cookie its first page set (the logout form)."""
    client = client_fuer(user)
    client.get("/akteure/")
    return client


def _abfragen(client, pfad: str) -> int:
    with CaptureQueriesContext(connection) as abfragen:
        _text(client, pfad)
    return len(abfragen)


def _text(client, pfad: str) -> str:
    antwort = client.get(pfad)
    assert antwort.status_code == 200
    return antwort.content.decode()


@pytest.mark.parametrize(
    "pfad",
    ["/mein-bereich/", "/termine/mein/", "/ferienkalender/familie/", "/ressourcen/meine/"],
)
def test_zweiter_abruf_kostet_nur_sitzung_und_user(
    uhr, pfad, mitglied_a, client_fuer, django_assert_num_queries
):
    client = _angemeldet(client_fuer, mitglied_a)
    erster = _text(client, pfad)
    with django_assert_num_queries(ABFRAGEN_AUS_DEM_CACHE):
        assert _text(client, pfad) == erster


def test_gespeicherte_aenderung_erscheint_sofort(uhr, mitglied_a, akteur_a, client_fuer):
    client = _angemeldet(client_fuer, mitglied_a)
    assert "Heimatverein Ballenstedt" in _text(client, "/mein-bereich/")
    akteur_a.name = "Heimatverein Ballenstedt-Rieder"
    akteur_a.save()
    assert "Heimatverein Ballenstedt-Rieder" in _text(client, "/mein-bereich/")


def test_neues_kind_erscheint_auf_der_familienseite(uhr, client_fuer):
    eltern = UserFactory(email="eltern@example.org")
    client = _angemeldet(client_fuer, eltern)
    assert "Jola" not in _text(client, "/ferienkalender/familie/")
    KindFactory(eltern=eltern, vorname="Jola")
    assert "Jola" in _text(client, "/ferienkalender/familie/")


def test_niemand_bekommt_die_seite_eines_anderen(uhr, mitglied_a, mitglied_b, client_fuer):
    fuer_a = _text(_angemeldet(client_fuer, mitglied_a), "/mein-bereich/")
    assert "Heimatverein Ballenstedt" in fuer_a
    fuer_b = _text(_angemeldet(client_fuer, mitglied_b), "/mein-bereich/")
    assert "Sportverein Badeborn" in fuer_b
    assert "Heimatverein Ballenstedt" not in fuer_b


def test_neue_sitzung_rendert_neu(uhr, mitglied_a, client_fuer):
    _text(_angemeldet(client_fuer, mitglied_a), "/mein-bereich/")
    zweite_sitzung = _angemeldet(client_fuer, mitglied_a)
    assert _abfragen(zweite_sitzung, "/mein-bereich/") > ABFRAGEN_AUS_DEM_CACHE


def test_wartende_nachricht_wird_gezeigt(uhr, mitglied_a, client_fuer):
    client = _angemeldet(client_fuer, mitglied_a)
    _text(client, "/mein-bereich/")
    # As after a form that says something and changes nothing: the message rides in a cookie.
    antwort = HttpResponse()
    nachricht = Message(constants.SUCCESS, "Die Einladung ist unterwegs.")
    CookieStorage(HttpRequest())._store([nachricht], antwort)
    client.cookies["messages"] = antwort.cookies["messages"].value
    assert "Die Einladung ist unterwegs." in _text(client, "/mein-bereich/")
    # Shown once: the next view has no message and may come from the cache again.
    assert "Die Einladung ist unterwegs." not in _text(client, "/mein-bereich/")


def test_naechstes_zeitfenster_rendert_neu(uhr, mitglied_a, client_fuer, django_assert_num_queries):
    client = _angemeldet(client_fuer, mitglied_a)
    _text(client, "/mein-bereich/")
    uhr.shift(9)  # 9.5 s into the window: still the stored copy
    with django_assert_num_queries(ABFRAGEN_AUS_DEM_CACHE):
        _text(client, "/mein-bereich/")
    uhr.shift(1)  # the next window, e.g. 8:00:00 when registration opens
    assert _abfragen(client, "/mein-bereich/") > ABFRAGEN_AUS_DEM_CACHE


def test_andere_seiten_kommen_fuer_angemeldete_nicht_aus_dem_cache(uhr, mitglied_a, client_fuer):
    client = _angemeldet(client_fuer, mitglied_a)
    _text(client, "/akteure/")
    assert _abfragen(client, "/akteure/") > ABFRAGEN_AUS_DEM_CACHE


def test_zeitfenster_beginnt_zur_vollen_minute():
    """Registration opens at a full minute: a window never spans one."""
    from netzwerk.zwischenspeicher import FENSTER_EIGENE

    assert 60 % FENSTER_EIGENE == 0
    acht = datetime(2026, 7, 1, 8, 0, tzinfo=BERLIN).timestamp()
    assert acht % FENSTER_EIGENE == 0
