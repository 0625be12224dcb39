"""The pool in the browser at 360 px: a member asks for a pavilion, the owner's member
accepts; axe finds nothing on the pool, the item with its month view, the request form
(empty and with errors), the lending and the date it is for, whose page now lists the
pavilion. Screenshots for docs/ressourcen.md come from here.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import PASSWORT, AkteurFactory, MitgliedschaftFactory, UserFactory
from tests.termine.factories import TerminFactory
from vereine.ressourcen.models import Ausleihe, Ressource
from vereine.ressourcen.services import einheiten_abgleichen

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def welt():
    heimat = AkteurFactory(name="Heimatverein Ballenstedt", slug="heimatverein")
    sv = AkteurFactory(name="Sportverein Badeborn", slug="sv-badeborn")
    anna = MitgliedschaftFactory(
        akteur=heimat, user=UserFactory(email="anna@example.org", anzeigename="Anna")
    ).user
    bert = MitgliedschaftFactory(
        akteur=sv, user=UserFactory(email="bert@example.org", anzeigename="Bert")
    ).user
    pavillon = Ressource.objects.create(
        akteur=heimat,
        name="Faltpavillon 3 × 6 m",
        art=Ressource.Art.ZELT,
        menge=2,
        vorlauf_tage=3,
        ort="Heimatmuseum, Scheune",
        bedingungen="Rückgabe trocken und gereinigt.",
    )
    einheiten_abgleichen(ressource=pavillon)
    Ressource.objects.create(akteur=sv, name="Bierzeltgarnitur", art=Ressource.Art.MOEBEL)
    start = timezone.now().replace(microsecond=0) + timedelta(days=6)
    sportfest = TerminFactory(
        titel="Sportfest in Badeborn",
        start=start,
        ende=start + timedelta(hours=4),
        veranstalter=[sv],
    )
    return {"anna": anna, "bert": bert, "pavillon": pavillon, "sv": sv, "sportfest": sportfest}


def test_anfrage_und_zusage_am_telefon(
    browser, live_server, einloggen, pruefe_barrierefreiheit, welt
):
    context = browser.new_context(locale="de-DE", viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.base_url = live_server.url
    einloggen(page, "bert@example.org", PASSWORT)
    page.goto(live_server.url + "/ressourcen/")
    expect(page.get_by_role("heading", name="Geteilte Ressourcen")).to_be_visible()
    pruefe_barrierefreiheit(page, "ressourcen-pool")
    page.get_by_role("link", name="Faltpavillon 3 × 6 m").click()
    pruefe_barrierefreiheit(page, "ressourcen-ressource")
    page.get_by_role("link", name="Ausleihen anfragen").click()
    # Too early: the owner needs three days' notice; the message stands next to the field.
    heute = timezone.localdate()
    page.get_by_label("Erster Tag (Abholung)").fill(heute.isoformat())
    page.get_by_label("Letzter Tag (Rückgabe)").fill((heute + timedelta(days=1)).isoformat())
    page.get_by_label("Nachricht").fill("Für unser Sportfest")
    page.get_by_role("button", name="Anfrage schicken").click()
    expect(page.get_by_text("3 Tage Vorlauf")).to_be_visible()
    assert page.get_by_label("Nachricht").input_value() == "Für unser Sportfest"
    pruefe_barrierefreiheit(page, "ressourcen-anfrage-fehler")
    page.get_by_label("Erster Tag (Abholung)").fill((heute + timedelta(days=5)).isoformat())
    page.get_by_label("Letzter Tag (Rückgabe)").fill((heute + timedelta(days=6)).isoformat())
    page.get_by_label("Wie viele").fill("2")
    page.get_by_label("Für welchen Termin").select_option(label=_auswahl(welt["sportfest"]))
    page.get_by_role("button", name="Anfrage schicken").click()
    expect(page.get_by_text("Deine Anfrage ist verschickt")).to_be_visible()
    ausleihe = Ausleihe.objects.get()
    assert ausleihe.akteur == welt["sv"] and ausleihe.menge == 2
    assert ausleihe.termin == welt["sportfest"]
    context.close()

    context = browser.new_context(locale="de-DE", viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.base_url = live_server.url
    einloggen(page, "anna@example.org", PASSWORT)
    page.goto(live_server.url + "/mein-bereich/")
    page.get_by_role("link", name="Deine Ausleihen und Ressourcen").click()
    page.get_by_role("link", name="Faltpavillon 3 × 6 m").first.click()
    pruefe_barrierefreiheit(page, "ressourcen-anfrage-beantworten")
    page.get_by_label("Deine Nachricht").fill("Gern! Abholung ab 17 Uhr.")
    page.get_by_role("button", name="Annehmen").click()
    expect(page.get_by_text("Zugesagt. Beide Seiten haben eine E-Mail bekommen.")).to_be_visible()
    pruefe_barrierefreiheit(page, "ressourcen-zugesagt")
    ausleihe.refresh_from_db()
    assert ausleihe.status == Ausleihe.Status.ANGENOMMEN
    assert ausleihe.belegungen.count() == 2
    # The date's page lists what was lent for it (for members of the network).
    page.get_by_role("link", name="Sportfest in Badeborn").click()
    expect(page.get_by_role("heading", name="Genutzte Ressourcen")).to_be_visible()
    expect(
        page.get_by_text("verliehen von Heimatverein Ballenstedt an Sportverein")
    ).to_be_visible()
    pruefe_barrierefreiheit(page, "ressourcen-termin")
    context.close()


def _auswahl(termin) -> str:
    return f"{termin.titel} ({timezone.localdate(termin.start):%d.%m.%Y})"
