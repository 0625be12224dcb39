"""Akteure in the browser: a member keeps their entry, a resident finds an actor and offers
help; axe finds nothing on the directory, the actor page and every form (empty and with errors).
"""

import re

import pytest
from PIL import Image

from tests.factories import (
    PASSWORT,
    AkteurFactory,
    GesuchFactory,
    MitgliedschaftFactory,
    RueckmeldungFactory,
    UserFactory,
)
from vereine.models import Akteur, Rueckmeldung, Thema

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def ortsteile(db):
    from django.utils.text import slugify

    from netzwerk.models import Ortsteil

    namen = ["Ballenstedt", "Asmusstedt", "Badeborn", "Opperode", "Radisleben", "Rieder"]
    return {
        n: Ortsteil.objects.create(name=n, slug=slugify(n), reihenfolge=i)
        for i, n in enumerate(namen)
    }


@pytest.fixture
def welt(ortsteile, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # The Themen rows come from a data migration, which transactional tests flush.
    sport, _ = Thema.objects.get_or_create(slug="sport", defaults={"name": "Sport"})
    heimat = AkteurFactory(
        name="Heimatverein Ballenstedt",
        slug="heimatverein",
        ortsteil=ortsteile["Ballenstedt"],
        kurzbeschreibung="Wir pflegen die Geschichte der Stadt.",
    )
    sv = AkteurFactory(
        name="Sportverein Badeborn",
        slug="sv-badeborn",
        ortsteil=ortsteile["Badeborn"],
        kurzbeschreibung="Fußball und Gymnastik.",
    )
    sv.themen.set([sport])
    gesuch = GesuchFactory(
        akteur=sv,
        titel="Helfer:innen für das Sommerfest",
        zeitaufwand="ein Samstag",
        ortsteil=ortsteile["Badeborn"],
    )
    mitglied = MitgliedschaftFactory(
        akteur=heimat, user=UserFactory(email="mitglied@example.org", anzeigename="Maria")
    ).user
    return {"heimat": heimat, "sv": sv, "gesuch": gesuch, "mitglied": mitglied}


def test_mitglied_bearbeitet_eintrag_und_laedt_logo_hoch(
    page, einloggen, pruefe_barrierefreiheit, welt, tmp_path
):
    logo = tmp_path / "unser-logo.png"
    Image.new("RGB", (200, 200), (20, 90, 160)).save(logo)
    einloggen(page, "mitglied@example.org", PASSWORT)
    page.get_by_role("link", name="Profil bearbeiten").click()
    page.get_by_role("heading", name="Heimatverein Ballenstedt bearbeiten").wait_for()
    pruefe_barrierefreiheit(page, "akteur-bearbeiten")

    page.get_by_label("Kurzbeschreibung").fill(
        "Geschichte erleben – mit Museum und Stadtführungen."
    )
    page.get_by_label("Logo", exact=True).set_input_files(logo)
    page.get_by_role("button", name="Speichern").click()
    # Without a description of the logo the form comes back, the text is kept.
    page.get_by_text("Bitte beschreib das Logo in ein paar Worten").wait_for()
    assert "Stadtführungen" in page.get_by_label("Kurzbeschreibung").input_value()
    pruefe_barrierefreiheit(page, "akteur-bearbeiten-fehler")

    page.get_by_label("Logo", exact=True).set_input_files(logo)
    page.get_by_label("Beschreibung des Logos").fill("Logo: blaues Quadrat")
    page.get_by_role("button", name="Speichern").click()
    page.get_by_text("Gespeichert. Euer Eintrag ist aktuell.").wait_for()
    page.get_by_role("heading", name="Heimatverein Ballenstedt", level=1).wait_for()
    assert page.get_by_alt_text("Logo: blaues Quadrat").count() == 1
    akteur = Akteur.objects.get(slug="heimatverein")
    assert akteur.logo.name.startswith("akteure/logos/") and "unser-logo" not in akteur.logo.name
    assert akteur.kurzbeschreibung.endswith("Stadtführungen.")


def test_bewohnerin_filtert_und_bietet_hilfe_an(page, pruefe_barrierefreiheit, welt, mailoutbox):
    page.goto(page.base_url + "/akteure/")
    page.get_by_text("2 Akteure gefunden").wait_for()
    pruefe_barrierefreiheit(page, "akteure-verzeichnis")

    # htmx swaps the results when a filter changes.
    page.get_by_label("Ortsteil").select_option("badeborn")
    page.get_by_text("1 Akteur gefunden").wait_for()
    assert page.get_by_role("link", name="Heimatverein Ballenstedt").count() == 0
    assert "ortsteil=badeborn" in page.url
    page.get_by_label("Suche", exact=True).fill("nichts passt")
    page.get_by_role("button", name="Anzeigen").click()
    page.get_by_text("0 Akteure gefunden").wait_for()
    pruefe_barrierefreiheit(page, "akteure-verzeichnis-leer")

    page.get_by_label("Suche", exact=True).fill("Fußball")
    page.get_by_role("button", name="Anzeigen").click()
    page.get_by_role("link", name="Sportverein Badeborn").click()
    page.get_by_role("heading", name="Sportverein Badeborn", level=1).wait_for()
    pruefe_barrierefreiheit(page, "akteur-detail")

    page.get_by_role("link", name="Helfer:innen für das Sommerfest").click()
    pruefe_barrierefreiheit(page, "gesuch-detail")
    page.get_by_label("Dein Name").fill("Hanna Helferin")
    page.get_by_label("Deine E-Mail-Adresse").fill("hanna@example.org")
    page.get_by_label("Nachricht (freiwillig)").fill("Ich kann beim Kuchenstand helfen.")
    page.get_by_role("button", name="Angebot senden").click()
    page.get_by_text("Bitte stimm zu").wait_for()
    assert page.get_by_label("Dein Name").input_value() == "Hanna Helferin"
    pruefe_barrierefreiheit(page, "gesuch-helfen-fehler")

    page.get_by_label(re.compile("Ich bin einverstanden")).check()
    page.get_by_role("button", name="Angebot senden").click()
    page.get_by_text("Wir haben dein Angebot weitergegeben").wait_for()
    rueckmeldung = Rueckmeldung.objects.get()
    assert rueckmeldung.name == "Hanna Helferin" and rueckmeldung.gesuch == welt["gesuch"]
    assert len(mailoutbox) == 1 and "hanna@example.org" not in mailoutbox[0].body


def test_kontaktformular_und_mitmachen_sind_barrierefrei(page, pruefe_barrierefreiheit, welt):
    page.goto(page.base_url + "/akteure/mitmachen/")
    page.get_by_text("1 Gesuch gefunden").wait_for()
    pruefe_barrierefreiheit(page, "mitmachen")
    # The browser itself refuses -1 (min="0"); a hand-made link reaches the server's message.
    page.goto(page.base_url + "/akteure/mitmachen/?alter=-1")
    page.get_by_text("größer oder gleich 0").wait_for()
    pruefe_barrierefreiheit(page, "mitmachen-fehler")

    page.goto(page.base_url + "/akteure/heimatverein/")
    page.get_by_role("button", name="Nachricht senden").click()
    page.get_by_text("Dieses Feld ist zwingend erforderlich").first.wait_for()
    pruefe_barrierefreiheit(page, "akteur-kontakt-fehler")


def test_mitgliederformulare_sind_barrierefrei(page, einloggen, pruefe_barrierefreiheit, welt):
    gesuch = GesuchFactory(akteur=welt["heimat"], titel="Chronik abtippen")
    rueckmeldung = RueckmeldungFactory(gesuch=gesuch, name="Hanna")
    einloggen(page, "mitglied@example.org", PASSWORT)
    pruefe_barrierefreiheit(page, "mein-bereich-akteure")

    basis = page.base_url + "/akteure/heimatverein"
    seiten = [
        ("mitglieder", f"{basis}/mitglieder/", "Einladung senden"),
        ("gesuch-neu", f"{basis}/gesuche/neu/", "Speichern"),
        ("antworten", f"{basis}/rueckmeldungen/{rueckmeldung.pk}/antworten/", "Antwort senden"),
        ("vorschlagen", page.base_url + "/akteure/vorschlagen/", "Vorschlag senden"),
    ]
    for name, url, knopf in seiten:
        page.goto(url)
        pruefe_barrierefreiheit(page, f"form-{name}")
        page.get_by_role("button", name=knopf).click()
        page.get_by_text("Dieses Feld ist zwingend erforderlich").first.wait_for()
        pruefe_barrierefreiheit(page, f"form-{name}-fehler")

    page.goto(f"{basis}/gesuche/")
    pruefe_barrierefreiheit(page, "eigene-gesuche")
    page.goto(f"{basis}/gesuche/{gesuch.pk}/rueckmeldungen/")
    page.get_by_label("Status").select_option("dabei")
    page.get_by_role("button", name="Speichern Hanna").click()
    page.get_by_text("Status gespeichert.").wait_for()
    pruefe_barrierefreiheit(page, "rueckmeldungen")
    rueckmeldung.refresh_from_db()
    assert rueckmeldung.status == "dabei"


def test_einladung_ist_barrierefrei(page, pruefe_barrierefreiheit, welt):
    from vereine.models import Einladung
    from vereine.services import einladung_token

    einladung = Einladung.objects.create(akteur=welt["heimat"], email="neu@example.org")
    page.goto(page.base_url + f"/akteure/einladung/{einladung_token(einladung)}/")
    page.get_by_role("link", name="Konto anlegen").wait_for()
    pruefe_barrierefreiheit(page, "einladung")
