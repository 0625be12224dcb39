"""Browser tests of the calendar: clash warning, filtering and feeds, accessibility."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from termine.models import Termin
from tests.factories import PASSWORT, AkteurFactory, MitgliedschaftFactory, UserFactory
from tests.termine.factories import BERLIN, OrtsteilFactory, TerminFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def um(tage: int, stunde: int) -> datetime:
    tag = timezone.localdate() + timedelta(days=tage)
    return datetime.combine(tag, time(stunde), tzinfo=BERLIN)


@pytest.fixture
def kalender():
    badeborn = OrtsteilFactory(name="Badeborn", slug="badeborn")
    heimat = AkteurFactory(name="Heimatverein Ballenstedt", slug="heimatverein")
    sport = AkteurFactory(name="SV Badeborn", slug="sv-badeborn")
    TerminFactory(
        titel="Stadtfest",
        grossveranstaltung=True,
        kategorie="fest",
        start=um(10, 10),
        ende=um(10, 23),
        veranstalter=[heimat],
    )
    TerminFactory(
        titel="Fußballturnier",
        kategorie="sport",
        ortsteil=badeborn,
        start=um(12, 10),
        ende=um(12, 16),
        veranstalter=[sport],
    )
    TerminFactory(
        titel="Sportfest",
        kategorie="sport",
        status="abgesagt",
        absage_grund="Der Platz ist gesperrt.",
        start=um(14, 9),
        ende=um(14, 15),
        veranstalter=[sport],
    )
    return {"heimat": heimat, "sport": sport}


def test_mitglied_sieht_terminabgleich_und_speichert_trotzdem(page, einloggen, kalender):
    user = UserFactory(email="mitglied@example.org", anzeigename="Maria")
    MitgliedschaftFactory(user=user, akteur=kalender["sport"])
    einloggen(page, "mitglied@example.org", PASSWORT)
    page.goto(page.base_url + "/termine/neu/")
    page.locator("#id_titel").fill("Jugendturnier")
    page.locator("#id_start_datum").fill(um(10, 0).date().isoformat())
    page.locator("#id_start_zeit").fill("14:00")
    page.locator("#id_ende_zeit").fill("17:00")
    page.get_by_label("SV Badeborn").check()
    # htmx shows the clash while typing …
    live = page.locator("#terminabgleich-live")
    live.get_by_text("Stadtfest").wait_for()
    page.get_by_role("button", name="Prüfen und speichern").click()
    # … and the submitted form shows it again, ranked, with the choice to save anyway.
    expect(
        page.get_by_role("heading", name="Terminabgleich: 1 Überschneidung").first
    ).to_be_visible()
    gruende = page.locator(".abgleich-gruende").first
    assert gruende.get_by_role("listitem").first.inner_text() == "Großveranstaltung am selben Tag"
    assert not Termin.objects.filter(titel="Jugendturnier").exists()
    page.get_by_label("Trotzdem speichern, ich habe mir die anderen Termine angesehen").check()
    page.get_by_role("button", name="Trotzdem speichern").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name="Jugendturnier")).to_be_visible()
    assert Termin.objects.filter(titel="Jugendturnier").exists()


def test_bewohnerin_filtert_und_findet_den_feed(page, kalender, pruefe_barrierefreiheit):
    page.goto(page.base_url + "/termine/")
    expect(page.get_by_role("link", name="Stadtfest")).to_be_visible()
    # The results come first; the filters open behind the "Filter" button.
    page.locator("summary", has_text="Filter").click()
    page.get_by_label("Kategorie").select_option(label="Sport")
    page.get_by_role("button", name="Anzeigen").click()
    page.wait_for_load_state()
    expect(page.get_by_role("link", name="Fußballturnier")).to_be_visible()
    assert page.get_by_role("link", name="Stadtfest").count() == 0
    expect(page.locator("summary", has_text="1 aktiv")).to_be_visible()
    # The cancelled date stays, struck through, with its reason.
    expect(page.get_by_text("Der Platz ist gesperrt.")).to_be_visible()
    pruefe_barrierefreiheit(page, "termine-liste")
    page.get_by_role("link", name="Kalender abonnieren (iCal)").click()
    page.wait_for_load_state()
    link = page.get_by_role("link", name="abonnieren").first
    assert link.get_attribute("href").startswith("webcal://")
    assert link.get_attribute("href").endswith("/termine/ical/termine.ics")
    pruefe_barrierefreiheit(page, "termine-abonnieren")


def test_barrierefreiheit_monat_tag_detail(page, kalender, pruefe_barrierefreiheit):
    tag = um(10, 0).date()
    page.goto(page.base_url + f"/termine/monat/{tag.year}/{tag.month}/")
    pruefe_barrierefreiheit(page, "termine-monat")
    page.goto(page.base_url + f"/termine/tag/{tag.year}/{tag.month}/{tag.day}/")
    expect(page.get_by_role("link", name="Stadtfest")).to_be_visible()
    pruefe_barrierefreiheit(page, "termine-tag")
    page.get_by_role("link", name="Stadtfest").click()
    page.wait_for_load_state()
    expect(page.get_by_role("link", name="In meinen Kalender (.ics)")).to_be_visible()
    pruefe_barrierefreiheit(page, "termine-detail")


def test_formular_mit_fehlern_ist_barrierefrei(page, einloggen, kalender, pruefe_barrierefreiheit):
    user = UserFactory(email="mitglied@example.org")
    MitgliedschaftFactory(user=user, akteur=kalender["heimat"])
    einloggen(page, "mitglied@example.org", PASSWORT)
    page.goto(page.base_url + "/termine/neu/")
    page.locator("#id_titel").fill("Lesung")
    page.locator("#id_start_datum").fill(um(20, 0).date().isoformat())
    page.locator("#id_start_zeit").fill("19:00")
    page.locator("#id_ende_zeit").fill("18:00")
    page.get_by_role("button", name="Prüfen und speichern").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Das Ende liegt vor dem Beginn")).to_be_visible()
    assert page.locator("#id_titel").input_value() == "Lesung"
    pruefe_barrierefreiheit(page, "termine-formular-fehler")
