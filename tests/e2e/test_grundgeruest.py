"""Every persona logs in through the real login page; axe finds nothing on the core pages."""

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORT, KoordinationFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("persona", ["bewohner", "mitglied", "eltern", "koordination"])
def test_persona_meldet_sich_an(page, einloggen, persona):
    fabrik = KoordinationFactory if persona == "koordination" else UserFactory
    fabrik(email=f"{persona}@example.org", anzeigename=persona.title())
    einloggen(page, f"{persona}@example.org", PASSWORT)
    expect(page.get_by_role("heading", name=f"Hallo {persona.title()}!")).to_be_visible()
    expect(page.get_by_role("button", name="Abmelden")).to_be_visible()


@pytest.mark.parametrize(
    "pfad,name",
    [
        ("/", "startseite"),
        ("/konto/login/", "login"),
        ("/konto/signup/", "registrierung"),
        ("/konto/password/reset/", "passwort-vergessen"),
        ("/gibt-es-nicht/", "404"),
        ("/barriere-melden/", "barriere-melden"),
    ],
)
def test_kernseiten_sind_barrierefrei(page, pruefe_barrierefreiheit, pfad, name):
    page.goto(page.base_url + pfad)
    pruefe_barrierefreiheit(page, name)


def test_login_fehler_ist_barrierefrei(page, pruefe_barrierefreiheit):
    page.goto(page.base_url + "/konto/login/")
    page.get_by_label("E-Mail").fill("niemand@example.org")
    page.get_by_label("Passwort").fill("falsch")
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_text("Passwort sind leider falsch")).to_be_visible()
    pruefe_barrierefreiheit(page, "login-fehler")
