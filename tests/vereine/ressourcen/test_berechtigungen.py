"""Every URL of the pool × every persona × GET/POST.

anonymous → login page; resident (not in the network) → 403; member of A and B → the pool;
another actor's items and lendings → 404; coordinators may do everything.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse

from tests.vereine.ressourcen.factories import RessourceFactory, anfrage
from vereine.ressourcen.kalender import feed_token
from vereine.ressourcen.models import Ausleihe, Ressource

pytestmark = pytest.mark.django_db


@dataclass
class Welt:
    ressource_a: Ressource
    ausleihe_a: Ausleihe  # actor B asks actor A


@pytest.fixture
def welt(akteur_a, akteur_b, mitglied_a, mitglied_b) -> Welt:
    ressource_a = RessourceFactory(akteur=akteur_a, name="Beamer A")
    return Welt(ressource_a, anfrage(ressource_a, akteur_b, user=mitglied_b))


@dataclass
class Fall:
    name: str
    url: Callable[[Welt], str]
    methode: str
    erwartet: dict[str, int]  # persona → status (302 for anonymous = login)


NETZ = {"anonym": 302, "bewohner": 403, "mitglied_a": 200, "mitglied_b": 200, "koordination": 200}
NUR_A = {**NETZ, "mitglied_b": 404}
# Coordinators without an actor of their own have nobody to borrow for.
NUR_B = {**NETZ, "mitglied_a": 403, "koordination": 403}

FAELLE = [
    Fall("liste", lambda w: reverse("ressourcen:liste"), "GET", NETZ),
    Fall("meine", lambda w: reverse("ressourcen:meine"), "GET", NETZ),
    Fall("detail", lambda w: reverse("ressourcen:detail", args=[w.ressource_a.pk]), "GET", NETZ),
    # A cannot borrow its own item (no actor to ask for): 403; B asks.
    Fall(
        "anfragen",
        lambda w: reverse("ressourcen:anfragen", args=[w.ressource_a.pk]),
        "GET",
        NUR_B,
    ),
    Fall("neu", lambda w: reverse("ressourcen:neu", args=["heimatverein"]), "GET", NUR_A),
    Fall(
        "bearbeiten",
        lambda w: reverse("ressourcen:bearbeiten", args=[w.ressource_a.pk]),
        "GET",
        NUR_A,
    ),
    Fall(
        "zustand",
        lambda w: reverse("ressourcen:zustand", args=[w.ressource_a.pk]),
        "POST",
        {**NUR_A, "mitglied_a": 302, "koordination": 302},
    ),
    Fall(
        "ausleihe",
        lambda w: reverse("ressourcen:ausleihe", args=[w.ausleihe_a.pk]),
        "GET",
        NETZ,
    ),
    Fall(
        "antworten",
        lambda w: reverse("ressourcen:ausleihe", args=[w.ausleihe_a.pk]),
        "POST",
        {**NUR_A, "mitglied_a": 302, "koordination": 302},
    ),
    Fall(
        "uebergabe",
        lambda w: reverse("ressourcen:uebergabe", args=[w.ausleihe_a.pk]),
        "GET",
        {**NUR_A, "mitglied_a": 302, "koordination": 302},  # not accepted yet: back to it
    ),
    Fall(
        "zurueckziehen",
        lambda w: reverse("ressourcen:zurueckziehen", args=[w.ausleihe_a.pk]),
        "POST",
        {**NUR_A, "mitglied_a": 404, "mitglied_b": 302, "koordination": 302},
    ),
]


@pytest.mark.parametrize("fall", FAELLE, ids=lambda f: f.name)
def test_matrix(fall, persona, welt, client_fuer, mitglied_a):
    name, user = persona
    client = client_fuer(user)
    url = fall.url(welt)
    daten = {"entscheidung": "ablehnen", "antwort": "Leider nicht", "zustand": "einsatzbereit"}
    antwort = client.post(url, daten) if fall.methode == "POST" else client.get(url)
    assert antwort.status_code == fall.erwartet[name], name
    if name == "anonym":
        assert antwort["Location"].startswith(reverse("account_login"))


def test_fremde_post_aendern_nichts(welt, client_fuer, mitglied_b, bewohner):
    for user in (mitglied_b, bewohner):
        client_fuer(user).post(
            reverse("ressourcen:ausleihe", args=[welt.ausleihe_a.pk]),
            {"entscheidung": "annehmen"},
        )
        client_fuer(user).post(
            reverse("ressourcen:bearbeiten", args=[welt.ressource_a.pk]),
            {
                "name": "Gekapert",
                "art": "raum",
                "menge": 1,
                "vorlauf_tage": 0,
                "ausleihbar_fuer": "alle",
            },
        )
    welt.ausleihe_a.refresh_from_db()
    welt.ressource_a.refresh_from_db()
    assert welt.ausleihe_a.status == Ausleihe.Status.ANGEFRAGT
    assert welt.ressource_a.name == "Beamer A"


def test_feed_nur_mit_richtigem_schluessel(welt, client_fuer, akteur_a):
    url = reverse("ressourcen:feed", args=[akteur_a.slug, feed_token(akteur_a)])
    assert client_fuer().get(url).status_code == 200
    falsch = reverse("ressourcen:feed", args=[akteur_a.slug, "0" * 32])
    assert client_fuer().get(falsch).status_code == 404
