"""Ferienkalender in a real browser: a family registers two children (one waits), cancels the
other and sees the move-up; a provider prints the participant list; axe scans every public,
family and provider page, including error states."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from netzwerk.models import Ortsteil
from termine.ferien import services as ferien
from termine.models import Ferienwoche
from tests.factories import (
    PASSWORT,
    FerienangebotFactory,
    FerienzeitraumFactory,
    KindFactory,
    MitgliedschaftFactory,
    UserFactory,
    ferien_durchfuehrung,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def programm():
    zeitraum = FerienzeitraumFactory(name="Sommerferien 2030", slug="sommer-2030")
    ortsteil = Ortsteil.objects.create(name="Badeborn", slug="badeborn")
    woche = Ferienwoche.objects.create(
        zeitraum=zeitraum,
        titel="Ferienwoche am Schloss",
        slug="schloss",
        beginn=zeitraum.beginn,
        ende=zeitraum.beginn + timedelta(days=4),
    )
    backen = FerienangebotFactory(
        zeitraum=zeitraum,
        titel="Brötchen backen",
        ortsteil=ortsteil,
        kontaktperson="Frau Krume, 039483 1234",
        mitbringen="Schürze",
        ferienwoche=woche,
    )
    d = ferien_durchfuehrung(backen, plaetze=2)
    FerienangebotFactory(zeitraum=zeitraum, titel="Kanu", kategorie="natur", alter_von=10)
    # One place is already taken by another family.
    andere = KindFactory(vorname="Frieda")
    ferien.anmelden(kind=andere, durchfuehrung=d, von=andere.eltern)
    return zeitraum, backen, d


@pytest.fixture
def familie():
    eltern = UserFactory(email="eltern@example.org", anzeigename="Paula Eltern")
    heute = timezone.localdate()
    KindFactory(eltern=eltern, vorname="Mia", geburtsdatum=date(heute.year - 8, 1, 1))
    KindFactory(eltern=eltern, vorname="Ben", geburtsdatum=date(heute.year - 9, 1, 1))
    return eltern


def _anmelden(page, url, vorname):
    page.goto(url)
    page.get_by_label(vorname).check()
    page.get_by_role("button", name="Jetzt anmelden").or_(
        page.get_by_role("button", name="Auf die Warteliste")
    ).click()
    page.wait_for_load_state()


def test_familie_meldet_an_storniert_und_sieht_das_nachruecken(
    page, einloggen, pruefe_barrierefreiheit, programm, familie
):
    zeitraum, backen, d = programm
    einloggen(page, "eltern@example.org", PASSWORT)
    page.goto(page.base_url + backen.get_absolute_url())
    expect(page.get_by_text("1 von 2 Plätzen frei")).to_be_visible()
    # Both children fit: they are chosen right on the offer page.
    expect(page.get_by_label("Mia")).to_be_visible()
    expect(page.get_by_label("Ben")).to_be_visible()
    pruefe_barrierefreiheit(page, "ferien-angebot-familie")
    anmelde_url = page.base_url + f"/ferienkalender/anmelden/{d.pk}/"
    page.goto(anmelde_url)
    pruefe_barrierefreiheit(page, "ferien-anmelden")
    _anmelden(page, anmelde_url, "Mia")
    expect(page.get_by_text("Geschafft! Mia ist für „Brötchen backen“ angemeldet.")).to_be_visible()
    _anmelden(page, anmelde_url, "Ben")
    expect(page.get_by_text("Ben ist auf Platz 1 der Warteliste")).to_be_visible()
    pruefe_barrierefreiheit(page, "ferien-familie")
    # Neither child is offered again; the page says why.
    page.goto(anmelde_url)
    expect(page.get_by_text("Mia: schon angemeldet")).to_be_visible()
    expect(page.get_by_text("Ben: steht schon auf der Warteliste (Platz 1)")).to_be_visible()
    pruefe_barrierefreiheit(page, "ferien-anmelden-keins")
    # Cancel Mia: Ben moves up.
    page.goto(page.base_url + "/ferienkalender/familie/")
    # Chromium puts a space before the visually hidden part of the name.
    page.get_by_role("link", name="Brötchen backen, Mia").click()
    pruefe_barrierefreiheit(page, "ferien-stornieren")
    page.get_by_role("button", name="Ja, stornieren").click()
    expect(page.get_by_text("Storniert: Mia ist nicht mehr")).to_be_visible()
    ben = page.get_by_role("region", name="Ben")
    expect(ben.get_by_text("bestätigt")).to_be_visible()
    expect(ben.get_by_text("von der Warteliste nachgerückt")).to_be_visible()


def test_anbieter_druckt_die_teilnehmendenliste(page, einloggen, pruefe_barrierefreiheit, programm):
    zeitraum, backen, d = programm
    mitglied = MitgliedschaftFactory(
        akteur=backen.akteur, user=UserFactory(email="mitglied@example.org")
    ).user
    einloggen(page, mitglied.email, PASSWORT)
    page.goto(page.base_url + "/ferienkalender/anbieten/")
    pruefe_barrierefreiheit(page, "ferien-anbieter")
    page.get_by_role("link", name="Brötchen backen").click()
    pruefe_barrierefreiheit(page, "ferien-angebot-bearbeiten")
    page.get_by_role("link", name="Teilnehmende").click()
    expect(
        page.get_by_role("cell", name="Frieda").or_(page.get_by_text("Frieda")).first
    ).to_be_visible()
    pruefe_barrierefreiheit(page, "ferien-teilnehmende")
    page.emulate_media(media="print")
    expect(page.locator(".portal-kopf")).to_be_hidden()
    expect(page.get_by_role("button", name="Anwesenheit speichern")).to_be_hidden()
    expect(page.get_by_role("table").first).to_be_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    page.emulate_media(media="screen")
    # Bad input in the occasion form: German message, values kept.
    page.goto(page.base_url + f"/ferienkalender/anbieten/{backen.pk}/termin/neu/")
    page.locator("#id_datum").fill("2001-01-01")
    page.locator("#id_beginn").fill("10:00")
    page.locator("#id_ende").fill("12:00")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Bitte wähl einen Tag zwischen")).to_be_visible()
    pruefe_barrierefreiheit(page, "ferien-termin-fehler")


@pytest.mark.parametrize(
    "pfad,name",
    [
        ("/ferienkalender/", "ferien-start"),
        ("/ferienkalender/sommer-2030/?alter=8&frei=on", "ferien-liste-gefiltert"),
        ("/ferienkalender/sommer-2030/?alter=acht", "ferien-liste-fehler"),
        ("/ferienkalender/sommer-2030/tage/", "ferien-tage"),
        ("/ferienkalender/sommer-2030/woche/schloss/", "ferien-woche"),
        ("/ferienkalender/sommer-2030/woche/schloss/druck/", "ferien-woche-druck"),
        ("/ferienkalender/sommer-2030/heft/", "ferien-heft"),
        ("/ferienkalender/sommer-2030/widget/?alter=8", "ferien-widget"),
    ],
)
def test_oeffentliche_seiten_sind_barrierefrei(page, pruefe_barrierefreiheit, programm, pfad, name):
    page.goto(page.base_url + pfad)
    pruefe_barrierefreiheit(page, name)


def test_detailseite_ist_barrierefrei(page, pruefe_barrierefreiheit, programm):
    _zeitraum, backen, _d = programm
    page.goto(page.base_url + backen.get_absolute_url())
    pruefe_barrierefreiheit(page, "ferien-angebot")


def test_ohne_ferien_ist_die_seite_barrierefrei(page, pruefe_barrierefreiheit):
    page.goto(page.base_url + "/ferienkalender/")
    expect(page.get_by_text("wird gerade vorbereitet")).to_be_visible()
    pruefe_barrierefreiheit(page, "ferien-kein-zeitraum")


def test_familienseiten_sind_barrierefrei(page, einloggen, pruefe_barrierefreiheit, programm):
    UserFactory(email="neu@example.org")
    einloggen(page, "neu@example.org", PASSWORT)
    page.goto(page.base_url + "/ferienkalender/familie/")
    pruefe_barrierefreiheit(page, "ferien-familie-leer")
    page.get_by_role("link", name="Kind eintragen").click()
    pruefe_barrierefreiheit(page, "ferien-kind-neu")
    page.get_by_label("Vorname").fill("Lea")
    page.get_by_label("Hinweise für die Anbieter").fill("Nussallergie")
    page.get_by_role("button", name="Speichern").click()
    expect(
        page.get_by_text("Bitte bestätige, dass du dieses Kind anmelden darfst.")
    ).to_be_visible()
    assert page.get_by_label("Vorname").input_value() == "Lea"
    pruefe_barrierefreiheit(page, "ferien-kind-fehler")
    page.get_by_label("Nachname").fill("Sommer")
    page.get_by_label("Geburtsdatum").fill("2018-03-04")
    page.get_by_label("Die Anbieter der Angebote").check()
    page.get_by_label("Ich bin sorgeberechtigt").check()
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", name="Lea Sommer")).to_be_visible()
    page.get_by_role("link", name="Lea löschen").click()
    pruefe_barrierefreiheit(page, "ferien-kind-loeschen")
