"""The Markt der guten Geschäfte live, in the browser: a broker writes down a deal on a phone
(360 px) – first with money in it, which the rule refuses – and the big screen counts up
without a reload (htmx polling). axe finds nothing on the form, its error state and the big
screen. The screenshots of the guide come from here (var/screenshots/marktplatz-*.png).
"""

import time
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import PASSWORT, AkteurFactory, UserFactory
from tests.vereine.marktplatz.factories import markt_anlegen
from vereine.marktplatz import services
from vereine.marktplatz.models import MarktAnmeldung, Vereinbarung

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def welt(db):
    firma = AkteurFactory(name="Tischlerei Holzwerk", slug="tischlerei", art="unternehmen")
    verein = AkteurFactory(name="Sportverein Badeborn", slug="sv-badeborn")
    AkteurFactory(name="Sportfreunde Rieder", slug="sf-rieder")
    makler = UserFactory(email="makler@example.org", anzeigename="Mia Maklerin")
    markt = markt_anlegen(tage=0, makler=[makler])
    for akteur in (firma, verein):
        MarktAnmeldung.objects.create(markt=markt, akteur=akteur)
    return {"firma": firma, "verein": verein, "makler": makler, "markt": markt}


def test_deal_am_handy_und_grossbildschirm(
    browser, page, einloggen, pruefe_barrierefreiheit, welt, live_server
):
    markt = welt["markt"]
    # The big screen, on its own (1280 px, not logged in).
    leinwand = browser.new_context(
        locale="de-DE", viewport={"width": 1280, "height": 800}
    ).new_page()
    leinwand.goto(f"{live_server.url}/marktplatz/maerkte/{markt.pk}/live/")
    zahl = leinwand.locator(".marktplatz-zahl-wert")
    assert zahl.inner_text() == "0"

    page.set_viewport_size({"width": 360, "height": 800})
    einloggen(page, "makler@example.org", PASSWORT)
    page.goto(f"{page.base_url}/marktplatz/maerkte/{markt.pk}/")
    page.get_by_text("1 Unternehmen").wait_for()
    page.get_by_role("link", name="Vereinbarung aufschreiben").click()
    page.get_by_role("heading", name="Vereinbarung aufschreiben").wait_for()
    pruefe_barrierefreiheit(page, "marktplatz-erfassen")

    beginn = time.monotonic()
    page.locator("#id_partner_a").fill("Tischlerei Holzwerk")
    page.locator("#id_gibt_a").fill("Wir spenden 200 € für Trikots")
    page.locator("#id_art_a").select_option("sachmittel")
    page.locator("#id_kontakt_a").fill("Frau Weber")
    page.get_by_label("Der erste Akteur hat vor Ort bestätigt").check()
    page.locator("#id_partner_b").fill("Sportverein Badeborn")
    page.locator("#id_gibt_b").fill("Ein Fußballturnier für die Belegschaft")
    page.locator("#id_art_b").select_option("know_how")
    page.locator("#id_kontakt_b").fill("Herr Krause")
    page.get_by_label("Der zweite Akteur hat vor Ort bestätigt").check()
    page.get_by_label("Umgesetzt bis").fill((timezone.localdate() + timedelta(days=60)).isoformat())
    page.get_by_label("Geschenkte Zeit in Stunden (geschätzt)").fill("12")
    page.get_by_role("button", name="Vereinbarung speichern").click()

    fehler = page.get_by_text("Beim Markt der guten Geschäfte wird alles gehandelt – außer Geld")
    fehler.wait_for()
    # What was typed is still there.
    assert page.locator("#id_gibt_b").input_value() == "Ein Fußballturnier für die Belegschaft"
    assert page.locator("#id_partner_a").input_value() == "Tischlerei Holzwerk"
    pruefe_barrierefreiheit(page, "marktplatz-erfassen-fehler")
    assert not Vereinbarung.objects.exists()

    page.locator("#id_gibt_a").fill("Holz und Werkzeug für eine Bank am Sportplatz")
    page.get_by_role("button", name="Vereinbarung speichern").click()
    page.get_by_text("Vereinbarung Nr. 1 ist aufgeschrieben").wait_for()
    assert time.monotonic() - beginn < 60
    page.get_by_role("heading", name="Engagement-Vereinbarung #1").wait_for()
    assert Vereinbarung.objects.get().bestaetigt

    # The big screen counts up without a reload.
    expect(zahl).to_have_text("1", timeout=12_000)
    services.vereinbarung_erfassen(
        markt=markt,
        partner_a=welt["firma"],
        partner_b=welt["verein"],
        gibt_a="Zwei Azubis helfen beim Zaunbau",
        art_a="zeit",
        kontakt_a="Frau Weber",
        gibt_b="Ein Lauftreff für die Belegschaft",
        art_b="zeit",
        kontakt_b="Herr Krause",
        bis=timezone.localdate() + timedelta(days=30),
        vor_ort_a=True,
        vor_ort_b=True,
        von=welt["makler"],
    )
    expect(zahl).to_have_text("2", timeout=12_000)
    assert "Zwei Azubis helfen beim Zaunbau" in leinwand.content()
    pruefe_barrierefreiheit(leinwand, "marktplatz-live")
    leinwand.context.close()


def test_marktplatz_seiten_ohne_barrieren(page, pruefe_barrierefreiheit, welt):
    from tests.vereine.marktplatz.factories import EintragFactory

    EintragFactory(akteur=welt["firma"], titel="Werkstattkurs für Jugendliche")
    bedarf = EintragFactory(akteur=welt["verein"], typ="bedarf", titel="Hilfe beim Vereinsheim")
    page.goto(page.base_url + "/marktplatz/")
    page.get_by_role("heading", name="Markt der guten Geschäfte").wait_for()
    pruefe_barrierefreiheit(page, "marktplatz-start")
    page.goto(page.base_url + bedarf.get_absolute_url())
    page.get_by_text("Werkstattkurs für Jugendliche").wait_for()
    pruefe_barrierefreiheit(page, "marktplatz-bedarf")
