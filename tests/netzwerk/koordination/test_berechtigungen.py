"""Every URL of the room × every persona.

Challenges: public ones for everyone, network-only ones for network members and coordinators
(404 for the others: their existence does not leak). The report and its downloads: only the
coordinators (anonymous → login, everybody else → 403). "About us" is public.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse

from netzwerk.koordination.models import Herausforderung
from tests.netzwerk.koordination.factories import HerausforderungFactory

pytestmark = pytest.mark.django_db


@dataclass
class Welt:
    oeffentlich: Herausforderung
    intern: Herausforderung


@pytest.fixture
def welt(mitglied_a, mitglied_b) -> Welt:
    return Welt(
        HerausforderungFactory(sichtbarkeit="oeffentlich"),
        HerausforderungFactory(sichtbarkeit="netzwerk"),
    )


@dataclass
class Fall:
    name: str
    url: Callable[[Welt], str]
    erwartet: dict[str, int]


ALLE = {"anonym": 200, "bewohner": 200, "mitglied_a": 200, "mitglied_b": 200, "koordination": 200}
NETZ = {**ALLE, "anonym": 404, "bewohner": 404}
KOORD = {"anonym": 302, "bewohner": 403, "mitglied_a": 403, "mitglied_b": 403, "koordination": 200}

FAELLE = [
    Fall("liste", lambda w: reverse("koordination:liste"), ALLE),
    Fall("detail", lambda w: reverse("koordination:detail", args=[w.oeffentlich.pk]), ALLE),
    Fall("detail intern", lambda w: reverse("koordination:detail", args=[w.intern.pk]), NETZ),
    Fall("bericht", lambda w: reverse("koordination:bericht"), KOORD),
    Fall("bericht_csv", lambda w: reverse("koordination:bericht_csv"), KOORD),
    Fall("bericht_pdf", lambda w: reverse("koordination:bericht_pdf"), KOORD),
    Fall("ueber_uns", lambda w: reverse("koordination:ueber_uns"), ALLE),
]


@pytest.mark.parametrize("fall", FAELLE, ids=lambda f: f.name)
def test_matrix(fall, persona, welt, client_fuer):
    name, user = persona
    antwort = client_fuer(user).get(fall.url(welt))
    assert antwort.status_code == fall.erwartet[name], name
    if antwort.status_code == 302:
        assert antwort["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("name", ["liste", "bericht", "ueber_uns"])
def test_post_wird_abgelehnt(name, client_fuer, koordination):
    assert client_fuer(koordination).post(reverse(f"koordination:{name}")).status_code == 405


def test_inaktive_koordination_sieht_keinen_bericht(client_fuer, koordination):
    koordination.is_active = False
    koordination.save()
    assert client_fuer(koordination).get(reverse("koordination:bericht")).status_code != 200
