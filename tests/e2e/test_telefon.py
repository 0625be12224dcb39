"""The portal on a phone (360 × 800) with the demo data: nothing wider than the screen, a
compact header with the menu behind "Menü", the first date and the first holiday offer
visible without scrolling, "what is on this weekend" one tap from the home page, and axe
finds nothing on the main pages.

The walk follows links from the home page (one page per shape of address, as the Nu walk in
test_html_validitaet.py does), once as a visitor and once as a member of the Heimatverein
(its members, volunteer needs and working groups are the pages that were too wide).
"""

import io
import re
from importlib import import_module
from urllib.parse import urljoin, urlsplit

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from playwright.sync_api import expect

from netzwerk.demo import DEMO_PASSWORT

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TELEFON = {"width": 360, "height": 800}
NICHT_FOLGEN = re.compile(
    r"^/(admin|media|static|i18n)/|/(rss|atom|feed)/$|\.[a-z]+$|/widget/$|/konto/(logout|loeschen)/"
)
HOECHSTENS = 90

BREITER_ALS_DER_SCHIRM = """() => {
  const breite = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= window.innerWidth) return null;
  const zu_breit = [...document.querySelectorAll('body *')]
    .filter((el) => el.getBoundingClientRect().right > breite + 1)
    .slice(0, 3)
    .map((el) => `${el.tagName}.${el.className} ${(el.textContent || '').trim().slice(0, 40)}`);
  return [document.documentElement.scrollWidth, zu_breit];
}"""


@pytest.fixture
def demo():
    # The Themen come from a data migration, which transactional tests flush.
    import_module("vereine.migrations.0002_themen").themen_anlegen(django_apps, None)
    call_command("demodaten", stdout=io.StringIO())


def _form(pfad: str) -> str:
    return re.sub(r"\d+", "0", pfad)


def _zu_breit(page) -> list | None:
    return page.evaluate(BREITER_ALS_DER_SCHIRM)


def _rundgang(page, start: list[str]) -> list[str]:
    """Visits pages reachable from `start` at phone width; returns those wider than 360 px."""
    warteschlange, formen, fehler, besucht = list(start), set(map(_form, start)), [], 0
    while warteschlange and besucht < HOECHSTENS:
        pfad = warteschlange.pop(0)
        antwort = page.goto(page.base_url + pfad)
        besucht += 1
        if not antwort or not antwort.headers.get("content-type", "").startswith("text/html"):
            continue
        if zu_breit := _zu_breit(page):
            fehler.append(f"{pfad}: {zu_breit}")
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            ziel = urlsplit(urljoin(page.url, href))
            if ziel.netloc != urlsplit(page.base_url).netloc or NICHT_FOLGEN.search(ziel.path):
                continue
            if _form(ziel.path) not in formen:
                formen.add(_form(ziel.path))
                warteschlange.append(ziel.path)
    assert besucht >= 20, "the walk reached too few pages to mean anything"
    return fehler


def _ganz_im_bild(page, locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= TELEFON["height"]


def test_besucher_am_telefon(demo, page, pruefe_barrierefreiheit):
    page.set_viewport_size(TELEFON)
    page.goto(page.base_url + "/")

    # The header is one compact row; the links sit behind "Menü" until it is tapped.
    kopf = page.locator("header.portal-kopf").bounding_box()
    assert kopf["height"] <= 120, kopf
    termine_link = page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Termine"
    )
    expect(termine_link).to_be_hidden()
    menue = page.get_by_role("button", name="Menü")
    assert menue.get_attribute("aria-expanded") == "false"
    menue.click()
    termine_link.wait_for(state="visible")
    assert menue.get_attribute("aria-expanded") == "true"
    pruefe_barrierefreiheit(page, "telefon-menue-offen")

    # "What is on this weekend?": one tap from the home page.
    page.goto(page.base_url + "/")
    page.get_by_role("link", name="Dieses Wochenende").click()
    page.wait_for_load_state()
    assert "wann=wochenende" in page.url
    chip = page.get_by_role("navigation", name="Schnellauswahl").get_by_role(
        "link", name="Dieses Wochenende"
    )
    assert chip.get_attribute("aria-current") == "true"
    pruefe_barrierefreiheit(page, "telefon-termine-wochenende")

    # The lists show results first: the first entry is on screen without scrolling.
    page.goto(page.base_url + "/termine/")
    assert _ganz_im_bild(page, page.locator(".termin-eintrag").first)
    expect(page.get_by_label("Kategorie")).to_be_hidden()  # behind the "Filter" button
    page.locator("summary", has_text="Filter").click()
    expect(page.get_by_label("Kategorie")).to_be_visible()
    pruefe_barrierefreiheit(page, "telefon-termine")

    page.goto(page.base_url + "/ferienkalender/")
    assert _ganz_im_bild(page, page.locator(".ferien-karte .card-title").first)
    pruefe_barrierefreiheit(page, "telefon-ferienkalender")
    # Filters picked in the opened panel are counted on the button (htmx updates it).
    page.locator("summary", has_text="Filter").click()
    page.get_by_label("Nur kostenlose").check()
    page.locator("#filter-anzahl", has_text="1 aktiv").wait_for()
    # The same on "Tag für Tag", whose htmx answer is the whole page.
    page.get_by_role("link", name="Tag für Tag").click()
    page.locator("summary", has_text="Filter").click()
    page.get_by_label("Nur mit freien Plätzen").check()
    page.locator("#filter-anzahl", has_text="1 aktiv").wait_for()

    for pfad, name in [
        ("/", "telefon-start"),
        ("/akteure/", "telefon-akteure"),
        ("/arbeitsgruppen/unternehmenskooperationen/", "telefon-gruppe"),
        ("/akteure/mitmachen/", "telefon-mitmachen"),
        ("/marktplatz/", "telefon-marktplatz"),
    ]:
        page.goto(page.base_url + pfad)
        pruefe_barrierefreiheit(page, name)

    zu_breit = _rundgang(page, ["/", "/termine/?wann=wochenende"])
    assert zu_breit == [], "wider than the phone:\n" + "\n".join(zu_breit)


def test_mitglied_am_telefon(demo, page, einloggen, pruefe_barrierefreiheit):
    page.set_viewport_size(TELEFON)
    einloggen(page, "mitglied@example.org", DEMO_PASSWORT)
    for pfad, name in [
        ("/mein-bereich/", "telefon-mein-bereich"),
        ("/akteure/heimatverein/mitglieder/", "telefon-mitglieder"),
        ("/akteure/heimatverein/gesuche/", "telefon-gesuche"),
        ("/arbeitsgruppen/unternehmenskooperationen/", "telefon-gruppe-mitglied"),
    ]:
        page.goto(page.base_url + pfad)
        assert _zu_breit(page) is None, (pfad, _zu_breit(page))
        pruefe_barrierefreiheit(page, name)
    zu_breit = _rundgang(page, ["/mein-bereich/"])
    assert zu_breit == [], "wider than the phone:\n" + "\n".join(zu_breit)


def test_ohne_javascript_bleibt_das_menue_offen(demo, browser, live_server):
    kontext = browser.new_context(java_script_enabled=False, viewport=TELEFON, locale="de-DE")
    seite = kontext.new_page()
    seite.goto(live_server.url + "/termine/")
    navigation = seite.get_by_role("navigation", name="Hauptnavigation")
    expect(navigation.get_by_role("link", name="Ferienkalender")).to_be_visible()
    expect(seite.get_by_role("button", name="Menü")).to_be_hidden()
    # The filters open without JavaScript too (<details>).
    seite.locator("summary", has_text="Filter").click()
    expect(seite.get_by_label("Kategorie")).to_be_visible()
    kontext.close()
