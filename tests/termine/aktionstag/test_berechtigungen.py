"""Every URL of the Aktionstag × every persona × GET/POST.

The programme, the shifts and the guests' links are public; applying with a station needs a
membership in an actor (anonymous → login, anybody else → 403); a station's pages belong to
its actor and the coordinators (others → 404, the station's existence is not theirs to
know); a sign-up is its helper's; the coordinator view is the coordinators' (403 otherwise).
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from termine.aktionstag import services
from termine.models import Helfereinsatz, Schicht, Station, Termin
from tests.termine.aktionstag.factories import aktionstag, einsatz, schicht

pytestmark = pytest.mark.django_db


@dataclass
class Welt:
    tag_pk: int
    station: Station
    schicht: Schicht
    einsatz_bewohner: Helfereinsatz
    einsatz_station: Helfereinsatz
    token: str


@pytest.fixture
def welt(tag, station_a, aufbau, bewohner, mitglied_a, mitglied_b, koordination) -> Welt:
    schminken = schicht(tag, station=station_a, titel="Schminken", mit_kindern=True)
    gast = Helfereinsatz.objects.create(schicht=aufbau, gast_name="Gast", gast_email="g@x.org")
    return Welt(
        tag.pk,
        station_a,
        aufbau,
        einsatz(aufbau, user=bewohner),
        einsatz(schminken),
        signing.dumps({"e": gast.pk}, salt=services.SALZ_BESTAETIGEN),
    )


@dataclass
class Fall:
    name: str
    url: Callable[[Welt], str]
    methode: str
    erwartet: dict[str, int]  # persona → status (302 for anonymous = login)


ALLE = dict.fromkeys(["anonym", "bewohner", "mitglied_a", "mitglied_b", "koordination"], 200)
MITGLIEDER = {**ALLE, "anonym": 302, "bewohner": 403, "koordination": 403}
STATION_A = {**ALLE, "anonym": 302, "bewohner": 404, "mitglied_b": 404}
KOORDINATION = {**ALLE, "anonym": 302, "bewohner": 403, "mitglied_a": 403, "mitglied_b": 403}

FAELLE = [
    Fall("aktionstag:liste", lambda w: reverse("aktionstag:liste"), "GET", ALLE),
    Fall(
        "aktionstag:programm",
        lambda w: reverse("aktionstag:programm", args=[w.tag_pk]),
        "GET",
        ALLE,
    ),
    Fall(
        "aktionstag:programm_pdf",
        lambda w: reverse("aktionstag:programm_pdf", args=[w.tag_pk]),
        "GET",
        ALLE,
    ),
    Fall("aktionstag:feed", lambda w: reverse("aktionstag:feed", args=[w.tag_pk]), "GET", ALLE),
    Fall(
        "aktionstag:station_neu",
        lambda w: reverse("aktionstag:station_neu", args=[w.tag_pk]),
        "GET",
        MITGLIEDER,
    ),
    Fall(
        "aktionstag:station_bearbeiten",
        lambda w: reverse("aktionstag:station_bearbeiten", args=[w.station.pk]),
        "GET",
        STATION_A,
    ),
    Fall(
        "aktionstag:helferliste",
        lambda w: reverse("aktionstag:helferliste", args=[w.station.pk]),
        "GET",
        STATION_A,
    ),
    Fall(
        "aktionstag:helferliste_csv",
        lambda w: reverse("aktionstag:helferliste_csv", args=[w.station.pk]),
        "GET",
        STATION_A,
    ),
    Fall(
        "aktionstag:zeugnis",
        lambda w: reverse("aktionstag:zeugnis", args=[w.einsatz_station.pk]),
        "POST",
        {**STATION_A, "mitglied_a": 302, "koordination": 302},
    ),
    Fall(
        "aktionstag:helfen",
        lambda w: reverse("aktionstag:helfen", args=[w.schicht.pk]),
        "GET",
        ALLE,
    ),
    Fall(
        "aktionstag:absagen",
        lambda w: reverse("aktionstag:absagen", args=[w.einsatz_bewohner.pk]),
        "POST",
        {"anonym": 302, "bewohner": 302, "mitglied_a": 404, "mitglied_b": 404, "koordination": 404},
    ),
    Fall(
        "aktionstag:gast_bestaetigen",
        lambda w: reverse("aktionstag:gast_bestaetigen", args=[w.token]),
        "GET",
        ALLE,
    ),
    Fall(
        "aktionstag:gast_absagen",
        lambda w: services.absage_link(w.einsatz_bewohner),
        "GET",
        ALLE,
    ),
    Fall(
        "aktionstag:koordination",
        lambda w: reverse("aktionstag:koordination", args=[w.tag_pk]),
        "GET",
        KOORDINATION,
    ),
    Fall(
        "aktionstag:helfer_csv",
        lambda w: reverse("aktionstag:helfer_csv", args=[w.tag_pk]),
        "GET",
        KOORDINATION,
    ),
]


@pytest.mark.parametrize("fall", FAELLE, ids=lambda f: f.name)
def test_matrix(fall, persona, welt, client_fuer):
    name, user = persona
    client = client_fuer(user)
    url = fall.url(welt)
    heute = timezone.localdate()
    daten = {
        "eingesehen_am": str(heute),
        "eingesehen_von": "Anna A.",
        "gueltig_bis": str(heute.replace(year=heute.year + 3, day=1)),
    }
    antwort = client.post(url, daten) if fall.methode == "POST" else client.get(url)
    assert antwort.status_code == fall.erwartet[name], name
    if name == "anonym" and antwort.status_code == 302:
        assert antwort["Location"].startswith(reverse("account_login"))


def test_ein_tag_nur_fuers_netzwerk_bleibt_draussen_verborgen(client_fuer, bewohner, mitglied_a):
    tag = aktionstag()
    Termin.objects.filter(pk=tag.termin_id).update(sichtbarkeit=Termin.Sichtbarkeit.NETZWERK)
    aufbau = schicht(tag)
    for user, status in [(None, 404), (bewohner, 404), (mitglied_a, 200)]:
        client = client_fuer(user)
        assert client.get(reverse("aktionstag:programm", args=[tag.pk])).status_code == status
        assert client.get(reverse("aktionstag:helfen", args=[aufbau.pk])).status_code == status


def test_fremde_post_aendern_nichts(welt, client_fuer, mitglied_b):
    client_fuer(mitglied_b).post(
        reverse("aktionstag:station_bearbeiten", args=[welt.station.pk]), {"titel": "Gekapert"}
    )
    client_fuer(mitglied_b).post(reverse("aktionstag:absagen", args=[welt.einsatz_bewohner.pk]))
    welt.station.refresh_from_db()
    assert welt.station.titel == "Kinderschminken"
    assert Helfereinsatz.objects.filter(pk=welt.einsatz_bewohner.pk).exists()


def test_ein_bestaetigungslink_ist_kein_absagelink(welt, client):
    antwort = client.get(reverse("aktionstag:gast_absagen", args=[welt.token]))
    assert antwort.status_code == 400
    assert "kaputt" in antwort.content.decode() or "broken" in antwort.content.decode()
