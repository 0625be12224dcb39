"""Every URL of Jugendbeteiligung × every persona (+ the room's own) × GET/POST.

Public: the list, an idea, the guardian's link. Login needed (anonymous → login page):
posting, the profile, supporting, reporting. Moderators only (the working group's lead and
the coordinators; anyone else logged in → 403): moderation, status, hide, responsibility,
project. A hidden idea is not found (404) except by its author and the moderators.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse

from arbeitsgruppen.jugend import services
from arbeitsgruppen.jugend.models import Idee
from tests.arbeitsgruppen.jugend.factories import IdeeFactory

pytestmark = pytest.mark.django_db

PERSONAS = [
    "anonym",
    "bewohner",
    "mitglied_a",
    "koordination",
    "ag_leitung",
    "jugendclub",
    "jugendliche",
    "junge",
]


@dataclass
class Welt:
    idee: Idee
    versteckt: Idee
    token: str


@pytest.fixture
def welt(idee, junge, ag_leitung) -> Welt:
    versteckt = IdeeFactory(titel="Versteckt", autor=idee.autor)
    services.verstecken(idee=versteckt, grund="Name genannt", von=ag_leitung)
    return Welt(idee, versteckt, services.bestaetigung_token(junge.jugendprofil))


@dataclass
class Fall:
    name: str
    url: Callable[[Welt], str]
    methode: str
    erwartet: dict[str, int]


def _alle(status: int, **abweichend) -> dict[str, int]:
    return {p: abweichend.get(p, status) for p in PERSONAS}


LOGIN = 302
OEFFENTLICH = _alle(200)
EINGELOGGT = _alle(200, anonym=LOGIN)
MODERATION = _alle(403, anonym=LOGIN, koordination=200, ag_leitung=200)
# Redirect to the idea after a successful POST.
MOD_POST = _alle(403, anonym=LOGIN, koordination=302, ag_leitung=302)

FAELLE = [
    Fall("liste", lambda w: reverse("jugend:liste"), "GET", OEFFENTLICH),
    Fall("detail", lambda w: reverse("jugend:detail", args=[w.idee.pk]), "GET", OEFFENTLICH),
    Fall(
        "detail versteckt",
        lambda w: reverse("jugend:detail", args=[w.versteckt.pk]),
        "GET",
        _alle(404, koordination=200, ag_leitung=200, jugendliche=200),
    ),
    Fall(
        "bestaetigen",
        lambda w: reverse("jugend:bestaetigen", args=[w.token]),
        "GET",
        OEFFENTLICH,
    ),
    # Without a profile: to the profile page; the 14-year-old waits for the guardian (403).
    Fall(
        "neu",
        lambda w: reverse("jugend:neu"),
        "GET",
        _alle(302, koordination=200, jugendclub=200, ag_leitung=200, jugendliche=200, junge=403),
    ),
    Fall("profil", lambda w: reverse("jugend:profil"), "GET", EINGELOGGT),
    Fall(
        "unterstuetzen",
        lambda w: reverse("jugend:unterstuetzen", args=[w.idee.pk]),
        "POST",
        _alle(302),
    ),
    Fall(
        "zurueckziehen",
        lambda w: reverse("jugend:zurueckziehen", args=[w.idee.pk]),
        "POST",
        _alle(302),
    ),
    Fall("melden", lambda w: reverse("jugend:melden", args=[w.idee.pk]), "GET", EINGELOGGT),
    Fall("moderation", lambda w: reverse("jugend:moderation"), "GET", MODERATION),
    Fall("status", lambda w: reverse("jugend:status", args=[w.idee.pk]), "GET", MODERATION),
    Fall(
        "zustaendig",
        lambda w: reverse("jugend:zustaendig", args=[w.idee.pk]),
        "GET",
        MODERATION,
    ),
    Fall(
        "verstecken",
        lambda w: reverse("jugend:verstecken", args=[w.idee.pk]),
        "POST",
        MOD_POST,
    ),
    Fall(
        "vorhaben",
        lambda w: reverse("jugend:vorhaben", args=[w.idee.pk]),
        "POST",
        MOD_POST,
    ),
]


@pytest.mark.parametrize("fall", FAELLE, ids=lambda f: f.name)
@pytest.mark.parametrize("persona_name", PERSONAS)
def test_matrix(fall, persona_name, welt, client_fuer, request):
    user = None if persona_name == "anonym" else request.getfixturevalue(persona_name)
    client = client_fuer(user)
    url = fall.url(welt)
    antwort = client.post(url, {"grund": "Test"}) if fall.methode == "POST" else client.get(url)
    assert antwort.status_code == fall.erwartet[persona_name], persona_name
    if persona_name == "anonym" and antwort.status_code == 302:
        assert antwort["Location"].startswith(reverse("account_login"))


def test_fremde_post_aendern_nichts(welt, client_fuer, bewohner, jugendclub):
    for user in (bewohner, jugendclub):
        c = client_fuer(user)
        c.post(reverse("jugend:status", args=[welt.idee.pk]), {"status": "abgelehnt", "text": "x"})
        c.post(reverse("jugend:verstecken", args=[welt.idee.pk]), {"grund": "weg"})
        c.post(reverse("jugend:zustaendig", args=[welt.idee.pk]), {})
    welt.idee.refresh_from_db()
    assert welt.idee.status == "eingegangen" and not welt.idee.versteckt
    assert welt.idee.antwort_bis is None
