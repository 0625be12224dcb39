"""Youth ideas in the browser at 360 px: a 17-year-old chooses a nickname and posts an idea
(first with an insult the word list refuses, the message beside the field); a resident
supports it and asks for news. axe finds nothing on the list, the forms (also with errors)
and the idea; the idea shows the nickname, never the name.
"""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from arbeitsgruppen.jugend.models import Idee, Unterstuetzung
from netzwerk.models import Ortsteil
from tests.factories import PASSWORT, ArbeitsgruppeFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def welt():
    ArbeitsgruppeFactory(name="Jugendbeteiligung", slug="jugendbeteiligung")
    Ortsteil.objects.get_or_create(slug="rieder", defaults={"name": "Rieder"})
    return {
        "jugend": UserFactory(email="lena@example.org", anzeigename="Lena Lindner"),
        "bewohner": UserFactory(email="rita@example.org", anzeigename="Rita Bewohnerin"),
    }


def _telefon(browser, live_server):
    context = browser.new_context(locale="de-DE", viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.base_url = live_server.url
    return context, page


def test_idee_einreichen_und_unterstuetzen_am_telefon(
    browser, live_server, einloggen, pruefe_barrierefreiheit, welt
):
    context, page = _telefon(browser, live_server)
    einloggen(page, "lena@example.org", PASSWORT)
    page.goto(live_server.url + "/jugend/")
    expect(page.get_by_role("heading", name="Jugendideen")).to_be_visible()
    pruefe_barrierefreiheit(page, "jugend-liste-leer")
    page.get_by_role("link", name="Idee einreichen").click()
    # Without a profile: first the nickname and the birth year.
    expect(page.get_by_role("heading", name="Dein Spitzname für Ideen")).to_be_visible()
    page.get_by_label("Spitzname").fill("Skatefan")
    page.get_by_label("Geburtsjahr").fill(str(timezone.localdate().year - 17))
    pruefe_barrierefreiheit(page, "jugend-profil")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", name="Idee einreichen")).to_be_visible()
    page.get_by_label("Titel").fill("Bolzplatz in Rieder")
    page.get_by_label("Was ist deine Idee?").fill("Zwei Tore und ein Netz.")
    page.get_by_label("Warum ist sie wichtig?").fill("Der Bürgermeister ist ein Idiot.")
    page.get_by_label("Wo?").select_option(label="Rieder")
    page.get_by_role("button", name="Idee einreichen").click()
    expect(page.get_by_text("ohne Beleidigung")).to_be_visible()
    assert page.get_by_label("Titel").input_value() == "Bolzplatz in Rieder"
    pruefe_barrierefreiheit(page, "jugend-idee-fehler")
    page.get_by_label("Warum ist sie wichtig?").fill("Wir haben keinen Platz zum Kicken.")
    page.get_by_role("button", name="Idee einreichen").click()
    expect(page.get_by_text("Danke! Deine Idee ist online.")).to_be_visible()
    expect(page.get_by_text("von Skatefan")).to_be_visible()
    assert "Lindner" not in page.content()
    pruefe_barrierefreiheit(page, "jugend-idee")
    context.close()

    context, page = _telefon(browser, live_server)
    einloggen(page, "rita@example.org", PASSWORT)
    page.goto(live_server.url + "/jugend/")
    page.get_by_role("link", name="Bolzplatz in Rieder").click()
    page.get_by_label("Schickt mir eine E-Mail, wenn sich etwas tut").check()
    page.get_by_role("button", name="Idee unterstützen").click()
    expect(page.get_by_text("Danke für deine Unterstützung!")).to_be_visible()
    expect(page.get_by_role("heading", name="1 Unterstützer:in")).to_be_visible()
    pruefe_barrierefreiheit(page, "jugend-unterstuetzt")
    unterstuetzung = Unterstuetzung.objects.get()
    assert unterstuetzung.benachrichtigen and unterstuetzung.idee == Idee.objects.get()
    page.get_by_role("button", name="Unterstützung zurückziehen").click()
    expect(page.get_by_role("heading", name="0 Unterstützer:innen")).to_be_visible()
    context.close()
