"""The Aktionstag in the browser at 360 px: a guest finds the programme on the home page,
signs up for a shift with name and e-mail (first with a typo in the address), confirms by
the link in the mail and finds the confirmation with the .ics file; axe finds nothing on
the home page, the programme, the sign-up form (empty and with errors) and the confirmation.
Screenshots for docs/aktionstag.md come from here.
"""

import re

import pytest
from playwright.sync_api import expect

from termine.models import Helfereinsatz
from tests.factories import AkteurFactory
from tests.termine.aktionstag.factories import aktionstag, schicht, station

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def welt():
    tag = aktionstag(in_tagen=20)
    heimat = AkteurFactory(name="Heimatverein Ballenstedt", slug="heimatverein")
    station(tag, heimat, titel="Museumsrallye")
    station(tag, AkteurFactory(name="Sportverein Badeborn"), titel="Torwandschießen", platz=2)
    return {"tag": tag, "kuchen": schicht(tag, titel="Kuchenstand", von=13, bis=16)}


def test_gast_traegt_sich_am_telefon_ein(
    browser, live_server, pruefe_barrierefreiheit, welt, mailoutbox
):
    context = browser.new_context(locale="de-DE", viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(live_server.url + "/")
    pruefe_barrierefreiheit(page, "aktionstag-startseite")
    page.get_by_role("link", name="Programm und Helferschichten").click()
    page.get_by_role("heading", name="Tag des Ehrenamts", level=1).wait_for()
    expect(page.get_by_text("Museumsrallye")).to_be_visible()
    pruefe_barrierefreiheit(page, "aktionstag-programm")

    page.locator(f"a[href='/aktionstag/schicht/{welt['kuchen'].pk}/']").click()
    page.get_by_role("heading", name="Mithelfen: Kuchenstand").wait_for()
    pruefe_barrierefreiheit(page, "aktionstag-helfen")
    page.get_by_label("Dein Name").fill("Gerd Gast")
    page.get_by_label("Deine E-Mail-Adresse").fill("gerd@example")
    page.get_by_role("button", name="Eintragen").click()
    page.locator(".invalid-feedback, .is-invalid").first.wait_for()
    assert page.get_by_label("Dein Name").input_value() == "Gerd Gast"
    pruefe_barrierefreiheit(page, "aktionstag-helfen-fehler")

    page.get_by_label("Deine E-Mail-Adresse").fill("gerd@example.org")
    page.get_by_role("button", name="Eintragen").click()
    page.get_by_role("heading", name="Fast geschafft").wait_for()
    assert not Helfereinsatz.objects.bestaetigt().exists()

    link = re.search(r"https?://\S+(/aktionstag/bestaetigen/\S+/)", mailoutbox[-1].body).group(1)
    page.goto(live_server.url + link)
    page.get_by_role("button", name="Ja, ich helfe mit").click()
    page.get_by_role("heading", name="Danke!").wait_for()
    pruefe_barrierefreiheit(page, "aktionstag-bestaetigt")
    einsatz = Helfereinsatz.objects.bestaetigt().get()
    assert (einsatz.gast_name, einsatz.schicht) == ("Gerd Gast", welt["kuchen"])
    assert mailoutbox[-1].attachments[0][0] == "schicht.ics"
    context.close()
