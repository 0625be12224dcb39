"""Browser tests of the Stammtisch: a coordinator plans in the admin, a member answers the
invitation from the mail link, and axe finds nothing on the public and member pages."""

import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from termine.models import Protokoll, Rueckmeldung, Stammtisch, Thema
from termine.stammtisch import services as dienste
from tests.e2e.conftest import SCREENSHOTS
from tests.factories import (
    PASSWORT,
    AkteurFactory,
    KoordinationFactory,
    MitgliedschaftFactory,
    StammtischreiheFactory,
    TeilnahmeFactory,
    UserFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def reihe():
    reihe = StammtischreiheFactory(
        name="Vereinsstammtisch Nord",
        slug="nord",
        anker=date(2025, 1, 1),
        wiederkehrende_themen="Neues aus der Stadt",
    )
    for name, slug in [
        ("Angelverein Rieder", "angelverein"),
        ("Chor Asmusstedt", "chor"),
        ("Heimatverein Ballenstedt", "heimatverein"),
    ]:
        akteur = AkteurFactory(name=name, slug=slug, strasse="Marktstraße 1", plz="06493")
        TeilnahmeFactory(reihe=reihe, akteur=akteur)
    return reihe


@pytest.fixture
def mitglied(reihe):
    user = UserFactory(email="maria@example.org", anzeigename="Maria")
    MitgliedschaftFactory(user=user, akteur=reihe.pool.get(akteur__slug="chor").akteur)
    return user


@pytest.fixture
def treffen(reihe, mitglied):
    """The next meeting, confirmed; one past meeting with published minutes."""
    vorbei = dienste.naechste_termine_planen(
        reihe=reihe, anzahl=1, jetzt=timezone.now() - timedelta(days=120)
    )[0]
    protokoll = Protokoll.objects.create(
        termin=vorbei.termin,
        personenzahl=12,
        beschluesse="Wir teilen ein Festzelt.",
        veroeffentlicht_am=timezone.now(),
    )
    protokoll.anwesende.set([vorbei.gastgeber])
    (stammtisch,) = dienste.naechste_termine_planen(reihe=reihe, anzahl=1)
    Thema.objects.create(stammtisch=stammtisch, titel="Gemeinsames Festzelt", status="angenommen")
    # The host agreed by phone; the coordinators say so when they invite.
    dienste.bestaetigen(stammtisch=stammtisch, gastgeber_hat_zugesagt=True)
    return stammtisch


def test_koordination_plant_die_naechsten_drei_treffen(page, einloggen, reihe):
    KoordinationFactory(email="kim@example.org", anzeigename="Kim")
    einloggen(page, "kim@example.org", PASSWORT)

    page.goto(page.base_url + f"/admin/termine/stammtischreihe/{reihe.pk}/change/")
    page.get_by_role("link", name="Nächste Termine planen").first.click()
    page.get_by_label("Wie viele Termine?").fill("3")
    page.get_by_role("button", name="Vorschläge zeigen").click()

    # The click returns once the new page is committed, not parsed: wait for its rows (the
    # old page, without ?anzahl, showed three proposals too).
    expect(page).to_have_url(re.compile(r"/planen/\?anzahl=3$"))
    zeilen = page.locator("tr.planen-zeile")
    expect(zeilen).to_have_count(3)
    assert "noch nie Gastgeber" in zeilen.first.inner_text()
    # The coordinators know better for the first date.
    zeilen.first.locator("select").select_option(label="Heimatverein Ballenstedt")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "stammtisch-planen-1280.png", full_page=True)
    page.get_by_role("button", name="Diese Termine anlegen").click()

    expect(page.get_by_text("3 Termine geplant")).to_be_visible()
    gastgeber = [s.gastgeber.name for s in Stammtisch.objects.order_by("termin__start")]
    assert len(gastgeber) == 3
    assert gastgeber[0] == "Heimatverein Ballenstedt"
    assert all(a != b for a, b in zip(gastgeber, gastgeber[1:], strict=False))


def test_mitglied_antwortet_aus_der_einladung(page, treffen, mitglied, pruefe_barrierefreiheit):
    einladung = next(m for m in mail.outbox if m.to == ["maria@example.org"])
    link = re.search(r"http://testserver(/stammtisch/antwort/\S+\?antwort=zusage)", einladung.body)

    page.goto(page.base_url + link.group(1))
    expect(page.get_by_role("heading", name="Vereinsstammtisch Nord")).to_be_visible()
    pruefe_barrierefreiheit(page, "stammtisch-antwort")
    page.get_by_role("button", name="Ja, ich komme").click()

    expect(page.get_by_text("Danke! Deine Antwort ist gespeichert: Zusage.")).to_be_visible()
    rueckmeldung = Rueckmeldung.objects.get()
    assert (rueckmeldung.email, rueckmeldung.antwort, rueckmeldung.akteur.slug) == (
        "maria@example.org",
        "zusage",
        "chor",
    )


def test_oeffentliche_seiten_sind_barrierefrei(page, treffen, pruefe_barrierefreiheit):
    for pfad, name in [
        ("/stammtisch/", "stammtisch-uebersicht"),
        ("/stammtisch/nord/", "stammtisch-reihe"),
        (treffen.get_absolute_url(), "stammtisch-treffen"),
        (f"/stammtisch/treffen/{treffen.pk}/tagesordnung/", "stammtisch-tagesordnung"),
        ("/stammtisch/nord/geschichte/", "stammtisch-geschichte"),
        ("/stammtisch/antwort/kaputt/", "stammtisch-link-ungueltig"),
    ]:
        page.goto(page.base_url + pfad)
        pruefe_barrierefreiheit(page, name)


def test_mitgliederseiten_sind_barrierefrei(
    page, einloggen, treffen, mitglied, pruefe_barrierefreiheit
):
    einloggen(page, "maria@example.org", PASSWORT)

    page.goto(page.base_url + treffen.get_absolute_url())
    page.get_by_role("button", name="Vielleicht").click()
    expect(page.get_by_text("Deine Antwort: Vielleicht")).to_be_visible()
    pruefe_barrierefreiheit(page, "stammtisch-treffen-mitglied")

    page.goto(page.base_url + f"/stammtisch/treffen/{treffen.pk}/thema/")
    page.get_by_role("button", name="Thema einreichen").click()
    expect(page.get_by_text("Dieses Feld ist zwingend erforderlich.")).to_be_visible()
    pruefe_barrierefreiheit(page, "stammtisch-thema-fehler")
    page.get_by_label("Dein Thema").fill("Fahrdienst")
    page.get_by_role("button", name="Thema einreichen").click()
    expect(page.get_by_text("Danke! Die Koordination setzt dein Thema")).to_be_visible()

    page.goto(page.base_url + "/stammtisch/nord/geschichte/")
    page.get_by_role("link", name="Protokoll lesen").click()
    expect(page.get_by_text("Wir teilen ein Festzelt.")).to_be_visible()
    pruefe_barrierefreiheit(page, "stammtisch-protokoll")


def test_gastgeber_bestaetigt_per_link(page, reihe, pruefe_barrierefreiheit):
    (stammtisch,) = dienste.naechste_termine_planen(reihe=reihe, anzahl=1)
    anfrage = dienste.gastgeber_anfragen(stammtisch=stammtisch)

    page.goto(page.base_url + f"/stammtisch/gastgeber/{dienste.gastgeber_token(anfrage)}/")
    pruefe_barrierefreiheit(page, "stammtisch-gastgeber")
    page.get_by_role("button", name="Ja, wir sind Gastgeber").click()

    expect(page.get_by_text("Danke, dass ihr Gastgeber seid!")).to_be_visible()
    stammtisch.refresh_from_db()
    assert stammtisch.gastgeber_status == "zugesagt"
