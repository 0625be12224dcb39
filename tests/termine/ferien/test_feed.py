"""The Ferienkalender's iCal feed: the same conditional GET and caching as the calendar's."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from termine.ferien import services as ferien
from tests.factories import FerienangebotFactory, FerienzeitraumFactory, ferien_durchfuehrung

pytestmark = pytest.mark.django_db


def test_ferienkalender_feed_mit_bedingtem_abruf(client, koordination):
    angebot = FerienangebotFactory(titel="Waldtag")
    durchfuehrung = ferien_durchfuehrung(angebot, tag=1)
    adresse = reverse("ferien:feed", args=[angebot.zeitraum.slug])
    erste = client.get(adresse)
    assert "SUMMARY:Waldtag" in erste.content.decode()
    assert erste["Cache-Control"] == "public, max-age=300"
    assert f'filename="ferienkalender-{angebot.zeitraum.slug}.ics"' in erste["Content-Disposition"]
    etag = erste["ETag"]
    assert client.get(adresse, headers={"If-None-Match": etag}).status_code == 304
    nicht_geaendert = client.get(adresse, headers={"If-Modified-Since": erste["Last-Modified"]})
    assert nicht_geaendert.status_code == 304

    # The offer changes: a new ETag, the new text.
    angebot.titel = "Waldtag mit Picknick"
    ferien.angebot_speichern(angebot=angebot, von=koordination)
    zweite = client.get(adresse, headers={"If-None-Match": etag})
    assert zweite.status_code == 200
    assert "SUMMARY:Waldtag mit Picknick" in zweite.content.decode()
    assert zweite["ETag"] != etag

    # The occasion moves an hour: again.
    termin = durchfuehrung.termin
    ferien.durchfuehrung_speichern(
        angebot=angebot,
        start=termin.start + timedelta(hours=1),
        ende=termin.ende + timedelta(hours=1),
        max_plaetze=durchfuehrung.max_plaetze,
        von=koordination,
        durchfuehrung=durchfuehrung,
    )
    dritte = client.get(adresse, headers={"If-None-Match": zweite["ETag"]})
    assert dritte.status_code == 200 and dritte["ETag"] != zweite["ETag"]
    beginn = timezone.localtime(termin.start + timedelta(hours=1))
    assert f"DTSTART;TZID=Europe/Berlin:{beginn:%Y%m%dT%H%M%S}" in dritte.content.decode()

    # A second occasion appears, then goes: a new ETag each time.
    neu = ferien_durchfuehrung(angebot, tag=2)
    vierte = client.get(adresse, headers={"If-None-Match": dritte["ETag"]})
    assert vierte.status_code == 200 and vierte.content.decode().count("BEGIN:VEVENT") == 2
    ferien.durchfuehrung_loeschen(durchfuehrung=neu)
    fuenfte = client.get(adresse, headers={"If-None-Match": vierte["ETag"]})
    assert fuenfte.status_code == 200 and fuenfte.content.decode().count("BEGIN:VEVENT") == 1


def test_ferienkalender_feed_eines_entwurfs_nur_privat(client, client_fuer, koordination):
    entwurf = FerienzeitraumFactory(status="entwurf")
    ferien_durchfuehrung(FerienangebotFactory(zeitraum=entwurf, titel="Geheimtipp"), tag=0)
    adresse = reverse("ferien:feed", args=[entwurf.slug])
    assert client.get(adresse).status_code == 404
    antwort = client_fuer(koordination).get(adresse)
    assert "Geheimtipp" in antwort.content.decode()
    assert antwort["Cache-Control"] == "private, max-age=300"


@pytest.mark.parametrize("anzahl", [1, 8])
def test_ferienkalender_feed_konstante_abfragen(client, django_assert_num_queries, anzahl):
    zeitraum = FerienzeitraumFactory()
    for nummer in range(anzahl):
        ferien_durchfuehrung(FerienangebotFactory(zeitraum=zeitraum), tag=nummer % 5)
    adresse = reverse("ferien:feed", args=[zeitraum.slug])
    with django_assert_num_queries(4):
        erste = client.get(adresse)
    assert erste.content.decode().count("BEGIN:VEVENT") == anzahl
    # Then only the period and the ETag's aggregate: the text comes from the cache.
    with django_assert_num_queries(2):
        assert client.get(adresse).content == erste.content
