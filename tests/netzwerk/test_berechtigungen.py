"""The one vocabulary of permission predicates and the one gate for coordinators' pages."""

from __future__ import annotations

import pytest
from django.urls import reverse

from netzwerk.berechtigungen import im_netzwerk, im_netzwerk_bedingung, ist_koordination
from netzwerk.models import User
from tests.arbeitsgruppen.factories import MitgliedFactory
from tests.factories import (
    ArbeitsgruppeFactory,
    FerienzeitraumFactory,
    KoordinationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def ag_mitglied():
    return MitgliedFactory(gruppe=ArbeitsgruppeFactory(), user=UserFactory()).user


@pytest.fixture
def inaktive_koordination():
    return KoordinationFactory(email="ehemals@example.org", is_active=False)


def _im_netzwerk_per_sql(user) -> bool:
    return User.objects.filter(im_netzwerk_bedingung(user)).exists()


@pytest.mark.parametrize(
    ("wer", "darf_alles", "netzwerk"),
    [
        ("anonym", False, False),
        ("bewohner", False, False),
        ("mitglied_a", False, True),
        ("ag_mitglied", False, True),
        ("koordination", True, True),
        ("inaktive_koordination", False, False),
    ],
)
def test_praedikate_je_persona(request, wer, darf_alles, netzwerk):
    from django.contrib.auth.models import AnonymousUser

    user = AnonymousUser() if wer == "anonym" else request.getfixturevalue(wer)
    assert ist_koordination(user) is darf_alles
    assert im_netzwerk(user) is netzwerk
    # The queryset form says the same (querysets let coordinators through before asking).
    if not darf_alles:
        assert _im_netzwerk_per_sql(user) is netzwerk


@pytest.fixture(params=["termine:terminabgleich", "ferien:statistik", "ferien:statistik_csv"])
def koordinationsseite(request) -> str:
    if request.param.startswith("ferien:"):
        return reverse(request.param, args=[FerienzeitraumFactory().slug])
    return reverse(request.param)


def test_anonyme_gehen_zur_anmeldung(client, koordinationsseite):
    antwort = client.get(koordinationsseite)
    assert antwort.status_code == 302
    assert antwort.url == f"{reverse('account_login')}?next={koordinationsseite}"


@pytest.mark.parametrize("wer", ["bewohner", "mitglied_a", "ag_mitglied"])
def test_angemeldete_ohne_koordination_sehen_die_403_seite(
    request, client_fuer, koordinationsseite, wer
):
    antwort = client_fuer(request.getfixturevalue(wer)).get(koordinationsseite)
    assert antwort.status_code == 403
    assert "Das darfst du leider nicht" in antwort.content.decode()


def test_inaktive_koordination_kommt_nicht_durch(
    client_fuer, koordinationsseite, inaktive_koordination
):
    antwort = client_fuer(inaktive_koordination).get(koordinationsseite)
    # An inactive account is not logged in at all (the session is refused): login page.
    assert antwort.status_code == 302
    assert antwort.url.startswith(reverse("account_login"))


def test_koordination_sieht_die_seite(client_fuer, koordination, koordinationsseite):
    antwort = client_fuer(koordination).get(koordinationsseite)
    assert antwort.status_code == 200


def test_auch_ein_eingelassenes_inaktives_konto_bekommt_die_403_seite(
    settings, client_fuer, koordinationsseite, inaktive_koordination
):
    """The gate does not rely on the login backend refusing inactive accounts."""
    settings.AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.AllowAllUsersModelBackend"]
    antwort = client_fuer(inaktive_koordination).get(koordinationsseite)
    assert antwort.status_code == 403
    assert "Das darfst du leider nicht" in antwort.content.decode()
