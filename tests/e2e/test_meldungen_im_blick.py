"""Every submit shows its result in view, on a phone (360 × 800): a wish (with htmx and
without JavaScript), the actor contact form, "Ich möchte helfen", and "Trotzdem speichern"
on the Termin form without the tick. axe scans each answer (except without JavaScript)."""

import re
from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from termine.models import Termin, VerlosungsEinstellung, Wunsch
from tests.factories import (
    PASSWORT,
    AkteurFactory,
    FerienangebotFactory,
    FerienzeitraumFactory,
    GesuchFactory,
    KindFactory,
    MitgliedschaftFactory,
    UserFactory,
    ferien_durchfuehrung,
)
from tests.termine.factories import BERLIN, TerminFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TELEFON = {"width": 360, "height": 800}


def absenden(page, knopf) -> None:
    """Click and wait until the answer page has loaded (and scrolled to its anchor)."""
    with page.expect_navigation(wait_until="load"):
        knopf.click()


RUHIG = """() => new Promise((fertig) => {
  let zuletzt = -1, gleich = 0;
  const pruefen = () => {
    gleich = window.scrollY === zuletzt ? gleich + 1 : 0;
    zuletzt = window.scrollY;
    if (gleich >= 5) fertig(); else setTimeout(pruefen, 50);
  };
  pruefen();
})"""


def im_blick(page, ziel, javascript: bool = True) -> bool:
    ziel.wait_for()
    if javascript:
        # Bootstrap scrolls smoothly to an anchor: measure where the scrolling ends.
        page.evaluate(RUHIG)
    box = ziel.bounding_box()
    return (
        box is not None
        and box["y"] >= 0
        and box["y"] + box["height"] <= TELEFON["height"]
        and box["x"] >= 0
        and box["x"] + box["width"] <= TELEFON["width"] + 1
    )


@pytest.fixture
def wunschphase():
    zeitraum = FerienzeitraumFactory(modus="verlosung", name="Osterferien 2030", slug="ostern-2030")
    VerlosungsEinstellung.objects.create(zeitraum=zeitraum, max_favoriten=2)
    # Enough offers that the ones further down sit far below the page's top.
    for i in range(12):
        ferien_durchfuehrung(
            FerienangebotFactory(zeitraum=zeitraum, titel=f"Angebot {i:02d}"), tag=i
        )
    eltern = UserFactory(email="eltern@example.org")
    heute = timezone.localdate()
    mia = KindFactory(eltern=eltern, vorname="Mia", geburtsdatum=date(heute.year - 8, 1, 1))
    return f"/ferienkalender/wuensche/{zeitraum.slug}/kind/{mia.pk}/", mia


def test_wunsch_mit_htmx_antwortet_im_blick(page, einloggen, pruefe_barrierefreiheit, wunschphase):
    url, mia = wunschphase
    einloggen(page, "eltern@example.org", PASSWORT)
    page.set_viewport_size(TELEFON)
    page.goto(page.base_url + url)
    ladungen = []
    page.on("load", lambda p: ladungen.append(p.url))
    knopf = page.get_by_role("button", name=re.compile(r"Wünschen\s*: Angebot 10"))
    knopf.scroll_into_view_if_needed()
    knopf.click()
    meldung = page.locator("#wunsch-meldung").get_by_text("Wunsch eingetragen: Angebot 10.")
    assert im_blick(page, meldung)
    assert Wunsch.objects.filter(kind=mia, durchfuehrung__angebot__titel="Angebot 10").exists()
    assert not ladungen  # no full reload
    # The lists are updated in place.
    assert page.get_by_role("heading", name="Eingetragener Wunsch (1)").count() == 1
    pruefe_barrierefreiheit(page, "wunsch-htmx-meldung")


def test_wunsch_ohne_javascript_antwortet_im_blick(browser, live_server, wunschphase):
    """axe needs JavaScript; the page itself is the one scanned in the test above."""
    url, mia = wunschphase
    # Without JavaScript nothing can wait for a smooth scroll to end: no smooth scrolling.
    context = browser.new_context(
        locale="de-DE", viewport=TELEFON, java_script_enabled=False, reduced_motion="reduce"
    )
    page = context.new_page()
    try:
        page.goto(live_server.url + "/konto/login/")
        page.get_by_label("E-Mail").fill("eltern@example.org")
        page.get_by_label("Passwort").fill(PASSWORT)
        page.get_by_role("button", name="Anmelden").click()
        page.goto(live_server.url + url)
        absenden(page, page.get_by_role("button", name=re.compile(r"Wünschen\s*: Angebot 10")))
        assert page.url.endswith("#auswahl")
        assert im_blick(page, page.get_by_text("Wunsch eingetragen: Angebot 10."), False)
    finally:
        context.close()


def test_kontakt_und_helfen_danken_im_blick(page, pruefe_barrierefreiheit):
    akteur = AkteurFactory(
        name="Sportverein Badeborn",
        slug="sv-badeborn",
        beschreibung="Wir spielen Fußball. " * 80,
    )
    gesuch = GesuchFactory(akteur=akteur, titel="Helfer:innen für das Sommerfest")
    page.set_viewport_size(TELEFON)
    page.goto(page.base_url + akteur.get_absolute_url())
    page.locator("#id_name").fill("Rita")
    page.locator("#id_email").fill("rita@example.org")
    page.locator("#id_nachricht").fill("Wann trainiert ihr?")
    page.locator("#id_nachricht").scroll_into_view_if_needed()
    absenden(page, page.get_by_role("button", name="Nachricht senden"))
    assert im_blick(page, page.locator(".alert", has_text="Danke!"))
    pruefe_barrierefreiheit(page, "kontakt-danke")

    page.goto(page.base_url + gesuch.get_absolute_url())
    page.locator("#id_name").fill("Hanna Helferin")
    page.locator("#id_email").fill("hanna@example.org")
    page.locator("#id_einwilligung").check()
    page.locator("#id_einwilligung").scroll_into_view_if_needed()
    absenden(page, page.locator("form[action$='#helfen-titel'] button[type=submit]"))
    assert im_blick(page, page.locator(".alert", has_text="Danke!"))
    pruefe_barrierefreiheit(page, "helfen-danke")


def test_trotzdem_speichern_ohne_haken_zeigt_den_fehler_am_kaestchen(
    page, einloggen, pruefe_barrierefreiheit
):
    sport = AkteurFactory(name="SV Badeborn", slug="sv-badeborn")
    user = UserFactory(email="mitglied@example.org")
    MitgliedschaftFactory(user=user, akteur=sport)
    tag = timezone.localdate() + timedelta(days=10)
    for i in range(6):
        TerminFactory(
            titel=f"Anderer Termin {i}",
            start=datetime.combine(tag, time(9 + i), tzinfo=BERLIN),
            ende=datetime.combine(tag, time(10 + i), tzinfo=BERLIN),
            veranstalter=[sport],
        )
    einloggen(page, "mitglied@example.org", PASSWORT)
    page.set_viewport_size(TELEFON)
    page.goto(page.base_url + "/termine/neu/")
    page.locator("#id_titel").fill("Jugendturnier")
    page.locator("#id_start_datum").fill(tag.isoformat())
    page.locator("#id_start_zeit").fill("14:00")
    page.locator("#id_ende_zeit").fill("17:00")
    page.get_by_label("SV Badeborn").check()
    absenden(page, page.get_by_role("button", name="Prüfen und speichern"))
    absenden(page, page.get_by_role("button", name="Trotzdem speichern"))
    fehler = page.get_by_text("Bitte setz hier das Häkchen")
    assert im_blick(page, fehler)
    assert not Termin.objects.filter(titel="Jugendturnier").exists()
    pruefe_barrierefreiheit(page, "termin-trotzdem-fehler")
