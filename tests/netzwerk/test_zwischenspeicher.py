"""The page cache for anonymous visitors and the feeds' ETags (netzwerk/zwischenspeicher.py).

A second anonymous request of a public page comes from the cache; after a save (a Termin,
an actor, an offer, a group) the next anonymous request shows the change; logged-in users
never get a cached public page (their own pages: test_zwischenspeicher_eigene.py); a feed's
304 needs no rows.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import (
    AkteurFactory,
    ArbeitsgruppeFactory,
    FerienangebotFactory,
    FerienzeitraumFactory,
    UserFactory,
    ferien_durchfuehrung,
)
from tests.termine.factories import TerminFactory

pytestmark = pytest.mark.django_db


def _bald(tage: int = 3):
    start = (timezone.localtime() + timedelta(days=tage)).replace(
        hour=18, minute=0, second=0, microsecond=0
    )
    return {"start": start, "ende": start + timedelta(hours=2)}


def _monat(termin) -> str:
    lokal = timezone.localtime(termin.start)
    return f"/termine/monat/{lokal.year}/{lokal.month}/"


def _text(pfad: str) -> str:
    antwort = Client().get(pfad)
    assert antwort.status_code == 200
    return antwort.content.decode()


@pytest.mark.parametrize("seite", ["/", "/termine/", "monat", "detail"])
def test_gespeicherter_termin_erscheint_sofort(seite):
    termin = TerminFactory(titel="Frühjahrsputz am Schloss", **_bald())
    pfad = {"monat": _monat(termin), "detail": termin.get_absolute_url()}.get(seite, seite)
    assert "Frühjahrsputz am Schloss" in _text(pfad)
    assert "Frühjahrsputz am Schloss" in _text(pfad)  # now from the cache

    termin.titel = "Herbstputz am Schloss"
    termin.save()

    text = _text(pfad)
    assert "Herbstputz am Schloss" in text
    assert "Frühjahrsputz am Schloss" not in text


def test_neuer_termin_erscheint_auf_der_liste():
    TerminFactory(titel="Erster Termin", **_bald(2))
    assert "Zweiter Termin" not in _text("/termine/")
    TerminFactory(titel="Zweiter Termin", **_bald(4))
    assert "Zweiter Termin" in _text("/termine/")


def test_zweiter_abruf_kommt_aus_dem_cache(django_assert_num_queries):
    TerminFactory(titel="Chorprobe", **_bald())
    _text("/termine/")
    # Locmem cache in the tests: a cached answer needs no query at all.
    with django_assert_num_queries(0):
        assert "Chorprobe" in _text("/termine/")


def test_ohne_seitencache_wird_jede_seite_gerendert(settings):
    settings.SEITEN_CACHE = False
    TerminFactory(titel="Chorprobe", **_bald())
    _text("/termine/")
    with CaptureQueriesContext(connection) as abfragen:
        assert "Chorprobe" in _text("/termine/")
    assert len(abfragen) > 0


@pytest.mark.parametrize("seite", ["/akteure/", "detail"])
def test_gespeicherter_akteur_erscheint_sofort(seite):
    akteur = AkteurFactory(name="Heimatverein Alt")
    pfad = akteur.get_absolute_url() if seite == "detail" else seite
    assert "Heimatverein Alt" in _text(pfad)
    akteur.name = "Heimatverein Neu"
    akteur.save()
    text = _text(pfad)
    assert "Heimatverein Neu" in text
    assert "Heimatverein Alt" not in text


@pytest.mark.parametrize("seite", ["liste", "angebot", "/ferienkalender/"])
def test_gespeichertes_angebot_erscheint_sofort(seite):
    zeitraum = FerienzeitraumFactory(name="Sommerferien 2030", slug="sommer-2030")
    angebot = FerienangebotFactory(zeitraum=zeitraum, titel="Floßbau am Teich")
    ferien_durchfuehrung(angebot)
    pfad = {"liste": zeitraum.get_absolute_url(), "angebot": angebot.get_absolute_url()}.get(
        seite, seite
    )
    vorher = _text(pfad)
    angebot.titel = "Kanutour auf der Selke"
    angebot.save()
    nachher = _text(pfad)
    if "Floßbau am Teich" in vorher:
        assert "Kanutour auf der Selke" in nachher
        assert "Floßbau am Teich" not in nachher
    else:  # the overview of all periods names the periods, not the offers
        assert seite == "/ferienkalender/"
        zeitraum.name = "Sommerferien 2031"
        zeitraum.save()
        assert "Sommerferien 2031" in _text(pfad)


def test_gespeicherte_gruppe_erscheint_sofort():
    gruppe = ArbeitsgruppeFactory(name="AG Radwege", sichtbarkeit="oeffentlich")
    assert "AG Radwege" in _text("/arbeitsgruppen/")
    gruppe.name = "AG Wanderwege"
    gruppe.save()
    assert "AG Wanderwege" in _text("/arbeitsgruppen/")


def test_angemeldete_bekommen_keine_gespeicherte_seite(client_fuer):
    TerminFactory(titel="Chorprobe", **_bald())
    anonym = _text("/")
    user = UserFactory(anzeigename="Erika Beispiel")
    angemeldet = client_fuer(user).get("/").content.decode()
    assert angemeldet != anonym
    # ... and their page is not handed to the next anonymous visitor either.
    assert _text("/") == anonym


def test_seite_setzt_kein_csrf_cookie_fuer_anonyme():
    antwort = Client().get("/termine/")
    assert "csrftoken" not in antwort.cookies


# --------------------------------------------------------------------------- iCal ETags

FEEDS = ["/termine/ical/termine.ics", "/termine/ical/kategorie/vereinsleben.ics"]


@pytest.mark.parametrize("pfad", FEEDS)
def test_geaenderter_termin_aendert_das_etag_jedes_feeds(pfad):
    termin = TerminFactory(titel="Sommerfest", kategorie="vereinsleben", **_bald())
    client = Client()
    erstes = client.get(pfad)
    assert erstes.status_code == 200 and b"Sommerfest" in erstes.content
    etag = erstes["ETag"]
    assert client.get(pfad, headers={"if-none-match": etag}).status_code == 304

    termin.titel = "Herbstfest"
    termin.save()

    zweites = client.get(pfad, headers={"if-none-match": etag})
    assert zweites.status_code == 200
    assert zweites["ETag"] != etag
    assert b"Herbstfest" in zweites.content


def test_neue_ausnahme_aendert_das_etag():
    termin = TerminFactory(wiederholung="woechentlich", **_bald())
    client = Client()
    etag = client.get(FEEDS[0])["ETag"]
    termin.ausnahmen.create(datum=timezone.localdate(termin.start) + timedelta(days=7))
    assert client.get(FEEDS[0])["ETag"] != etag


def test_304_laedt_keine_zeilen(django_assert_num_queries):
    TerminFactory(**_bald())
    client = Client()
    etag = client.get(FEEDS[0])["ETag"]
    # The content versions come from the cache (locmem here): no query for a 304.
    with django_assert_num_queries(0):
        assert client.get(FEEDS[0], headers={"if-none-match": etag}).status_code == 304


def test_absage_per_update_erscheint_sofort():
    from termine import services

    termin = TerminFactory(titel="Sommerfest", **_bald())
    assert "Regenwetter" not in _text(termin.get_absolute_url())
    services.termin_absagen(termin=termin, grund="Regenwetter", von=None)
    assert "Regenwetter" in _text(termin.get_absolute_url())
