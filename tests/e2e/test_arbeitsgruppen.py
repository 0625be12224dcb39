"""Working groups in a real browser: a task from creation to done, a post, axe on every page
and form (also with errors)."""

import re

import pytest
from playwright.sync_api import expect

from arbeitsgruppen.models import Aufgabe, Beitrag
from tests.arbeitsgruppen.factories import (
    AufgabeFactory,
    BeitragFactory,
    MitgliedFactory,
    ThreadFactory,
    VorhabenFactory,
)
from tests.factories import PASSWORT, ArbeitsgruppeFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def garten():
    gruppe = ArbeitsgruppeFactory(
        name="Gemeinschaftsgarten",
        slug="garten",
        sichtbarkeit="oeffentlich",
        zweck="Wir gärtnern gemeinsam am Schlosspark.",
        ziele="Hochbeete für die Kita.",
        rhythmus="samstags ab 10 Uhr",
    )
    lea = UserFactory(email="lea@example.org", anzeigename="Lea Leitung")
    max_ = UserFactory(email="max@example.org", anzeigename="Max Mitglied")
    MitgliedFactory(gruppe=gruppe, user=lea, rolle="leitung")
    MitgliedFactory(gruppe=gruppe, user=max_)
    return gruppe


def test_aufgabe_anlegen_zuweisen_und_erledigen(page, einloggen, pruefe_barrierefreiheit, garten):
    einloggen(page, "lea@example.org", PASSWORT)
    page.goto(page.base_url + "/arbeitsgruppen/")
    page.get_by_role("link", name="Gemeinschaftsgarten").first.click()
    page.get_by_role("link", name="Aufgaben", exact=True).click()
    page.get_by_role("link", name="Neue Aufgabe").click()
    page.get_by_label("Titel").fill("Hochbeet bauen")
    page.get_by_label("zuständig").select_option(label="Max Mitglied")
    page.get_by_label("fällig am").fill("2026-05-02")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Aufgabe gespeichert: Hochbeet bauen")).to_be_visible()
    page.get_by_role("button", name="„Hochbeet bauen“ verschieben nach in Arbeit").click()
    spalte = page.get_by_role("region", name=re.compile("^in Arbeit"))
    expect(spalte.get_by_role("heading", name="Hochbeet bauen")).to_be_visible()
    pruefe_barrierefreiheit(page, "arbeitsgruppen-board")

    # The assignee finds it in Meine Aufgaben and marks it done.
    page.get_by_role("button", name="Abmelden").click()
    einloggen(page, "max@example.org", PASSWORT)
    page.goto(page.base_url + "/mein-bereich/")
    page.get_by_role("link", name="Alle meine Aufgaben").click()
    expect(page.get_by_role("heading", name="Hochbeet bauen")).to_be_visible()
    pruefe_barrierefreiheit(page, "arbeitsgruppen-meine-aufgaben")
    page.get_by_role("button", name="„Hochbeet bauen“ verschieben nach erledigt").click()
    expect(page.get_by_text("„Hochbeet bauen“ ist jetzt: erledigt.")).to_be_visible()
    aufgabe = Aufgabe.objects.get()
    assert aufgabe.status == "erledigt" and aufgabe.zustaendig.email == "max@example.org"


def test_beitrag_schreiben(page, einloggen, pruefe_barrierefreiheit, garten):
    thread = ThreadFactory(gruppe=garten, titel="Saatgutbörse")
    BeitragFactory(thread=thread, text="Wer bringt Tomaten mit? https://example.org/saat")
    einloggen(page, "max@example.org", PASSWORT)
    page.goto(page.base_url + "/arbeitsgruppen/garten/")
    page.get_by_role("link", name="Saatgutbörse").click()
    page.get_by_label("Dein Beitrag").fill("Ich bringe zwei Sorten mit.")
    page.get_by_role("button", name="Abschicken").click()
    expect(page.get_by_text("Ich bringe zwei Sorten mit.")).to_be_visible()
    expect(page.get_by_role("link", name="https://example.org/saat")).to_be_visible()
    assert Beitrag.objects.filter(text="Ich bringe zwei Sorten mit.").exists()
    pruefe_barrierefreiheit(page, "arbeitsgruppen-thread")


def test_seiten_sind_barrierefrei(page, einloggen, pruefe_barrierefreiheit, garten):
    lea = garten.mitglieder.get(rolle="leitung").user
    v = VorhabenFactory(gruppe=garten, titel="Saatgutbörse", verantwortlich=lea)
    AufgabeFactory(gruppe=garten, titel="Zu spät", zustaendig=lea, faellig="2020-01-01", vorhaben=v)
    BeitragFactory(thread=ThreadFactory(gruppe=garten, titel="Gießplan"), autor=lea)
    bittsteller = UserFactory(anzeigename="Bert Bittsteller")
    from arbeitsgruppen import services

    services.beitritt_anfragen(gruppe=garten, user=bittsteller, nachricht="Ich helfe gern.")
    link = services.link_anlegen(
        gruppe=garten, titel="Gießplan-Pad", url="https://pad.example.org", von=lea
    )
    einloggen(page, "lea@example.org", PASSWORT)
    for pfad, name in [
        ("/arbeitsgruppen/", "arbeitsgruppen-liste"),
        ("/arbeitsgruppen/garten/", "arbeitsgruppen-gruppe"),
        ("/arbeitsgruppen/garten/vorhaben/", "arbeitsgruppen-vorhaben"),
        (f"/arbeitsgruppen/garten/vorhaben/{v.pk}/", "arbeitsgruppen-vorhaben-detail"),
        ("/arbeitsgruppen/garten/dokumente/", "arbeitsgruppen-dokumente"),
        (f"/arbeitsgruppen/garten/dokumente/{link.pk}/", "arbeitsgruppen-dokument"),
        ("/arbeitsgruppen/garten/diskussion/", "arbeitsgruppen-diskussion"),
        ("/arbeitsgruppen/garten/mitglieder/", "arbeitsgruppen-mitglieder"),
        ("/arbeitsgruppen/garten/austreten/", "arbeitsgruppen-austreten"),
    ]:
        page.goto(page.base_url + pfad)
        pruefe_barrierefreiheit(page, name)


@pytest.mark.parametrize(
    "pfad,name,knopf",
    [
        ("/arbeitsgruppen/garten/aufgaben/neu/", "aufgabe", "Speichern"),
        ("/arbeitsgruppen/garten/vorhaben/neu/", "vorhaben", "Speichern"),
        ("/arbeitsgruppen/garten/dokumente/neu/", "dokument", "Speichern"),
        ("/arbeitsgruppen/garten/diskussion/neu/", "thema", "Speichern"),
        ("/arbeitsgruppen/garten/mitglieder/", "einladung", "Einladung senden"),
    ],
)
def test_formulare_mit_fehlern_sind_barrierefrei(
    page, einloggen, pruefe_barrierefreiheit, garten, pfad, name, knopf
):
    einloggen(page, "lea@example.org", PASSWORT)
    page.goto(page.base_url + pfad)
    pruefe_barrierefreiheit(page, f"arbeitsgruppen-form-{name}")
    page.get_by_role("button", name=knopf).click()
    expect(page.locator(".invalid-feedback, .alert-danger").first).to_be_visible()
    pruefe_barrierefreiheit(page, f"arbeitsgruppen-form-{name}-fehler")


def test_beitreten_formular_ist_barrierefrei(page, einloggen, pruefe_barrierefreiheit, garten):
    UserFactory(email="neu@example.org", anzeigename="Nina Neu")
    einloggen(page, "neu@example.org", PASSWORT)
    page.goto(page.base_url + "/arbeitsgruppen/garten/")
    page.get_by_role("link", name="Mitmachen").last.click()
    pruefe_barrierefreiheit(page, "arbeitsgruppen-form-beitreten")
    page.get_by_role("button", name="Anfrage schicken").click()
    expect(
        page.get_by_text("Danke! Die Leitung der Gruppe antwortet dir per E-Mail.")
    ).to_be_visible()
