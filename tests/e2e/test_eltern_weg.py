"""The parent's way on a phone (issue 14): from the home page to a confirmed registration in
at most 3 page loads and 8 interactions, at 360 × 800, with axe on every step.

Counted: every page load of the main frame (the browser's ``load`` event: a redirect after a
form is one load, the page it lands on) and every interaction (a click, a fill, a tick).
The parent is logged in before the walk starts, as on their own phone."""

from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from termine.models import Anmeldung
from tests.factories import (
    PASSWORT,
    FerienangebotFactory,
    FerienzeitraumFactory,
    KindFactory,
    UserFactory,
    ferien_durchfuehrung,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

HOECHSTENS_LADEN = 3
HOECHSTENS_SCHRITTE = 8


class Weg:
    """Counts page loads and interactions of one walk; scans every page it reaches."""

    def __init__(self, page, pruefe_barrierefreiheit) -> None:
        self.page = page
        self.pruefen = pruefe_barrierefreiheit
        self.ladungen: list[str] = []
        self.schritte: list[str] = []
        page.on("load", lambda p: self.ladungen.append(p.url))

    def laden(self, url: str, name: str) -> None:
        self.page.goto(url)
        self.page.wait_for_load_state()
        self.pruefen(self.page, name)

    def klick(self, ziel, name: str | None = None) -> None:
        self.schritte.append(f"klick {ziel}")
        ziel.click()
        if name:
            self.page.wait_for_load_state()
            self.pruefen(self.page, name)

    def ausfuellen(self, ziel, text: str) -> None:
        self.schritte.append(f"ausfüllen {ziel}")
        ziel.fill(text)

    def ankreuzen(self, ziel) -> None:
        self.schritte.append(f"ankreuzen {ziel}")
        ziel.check()

    def im_blick(self, ziel) -> bool:
        box = ziel.bounding_box()
        groesse = self.page.viewport_size
        return (
            box is not None
            and box["y"] >= 0
            and box["y"] + box["height"] <= groesse["height"]
            and box["x"] >= 0
            and box["x"] + box["width"] <= groesse["width"]
        )

    def ziel_erreicht(self) -> None:
        assert len(self.ladungen) <= HOECHSTENS_LADEN, self.ladungen
        assert len(self.schritte) <= HOECHSTENS_SCHRITTE, self.schritte


@pytest.fixture
def sommer():
    zeitraum = FerienzeitraumFactory(name="Sommerferien 2030", slug="sommer-2030")
    kanu = FerienangebotFactory(
        zeitraum=zeitraum, titel="Kanutour auf dem Teich", alter_von=8, alter_bis=12
    )
    d = ferien_durchfuehrung(kanu, tag=2, plaetze=8)
    # More offers around it, so the home page has a choice to make.
    for titel, tag in (("Töpfern", 5), ("Waldrallye", 7)):
        ferien_durchfuehrung(FerienangebotFactory(zeitraum=zeitraum, titel=titel), tag=tag)
    return kanu, d


def _eltern(*kinder):
    eltern = UserFactory(email="eltern@example.org", anzeigename="Paula Eltern")
    heute = timezone.localdate()
    for vorname, alter, telefon in kinder:
        KindFactory(
            eltern=eltern,
            vorname=vorname,
            geburtsdatum=date(heute.year - alter, 1, 1),
            notfall_telefon=telefon,
        )
    return eltern


def test_eltern_mit_einem_passenden_kind_in_drei_ladungen(
    page, einloggen, pruefe_barrierefreiheit, sommer
):
    kanu, d = sommer
    _eltern(("Mia", 9, "0170 1234567"), ("Lena", 5, "0170 1234567"))
    einloggen(page, "eltern@example.org", PASSWORT)
    page.set_viewport_size({"width": 360, "height": 800})
    weg = Weg(page, pruefe_barrierefreiheit)

    weg.laden(page.base_url + "/", "eltern-weg-1-startseite")
    # The home page's Ferienkalender teaser lists what Mia can register for now.
    angebot = page.locator(".ferien-jetzt").get_by_role("link", name="Kanutour auf dem Teich")
    expect(page.get_by_text("Jetzt anmelden – passend für Mia:")).to_be_visible()
    weg.klick(angebot, "eltern-weg-2-angebot")
    # Only Mia fits; Lena's reason is there; one tap registers Mia.
    expect(page.get_by_text("Lena: zu jung (5 Jahre, ab 8)")).to_be_visible()
    weg.klick(page.get_by_role("button", name="Mia anmelden"), "eltern-weg-3-bestaetigt")

    meldung = page.get_by_text("Geschafft! Mia ist für „Kanutour auf dem Teich“ angemeldet.")
    expect(meldung).to_be_visible()
    assert weg.im_blick(meldung)
    assert Anmeldung.objects.get(durchfuehrung=d).status == "bestaetigt"
    weg.ziel_erreicht()
    assert len(weg.ladungen) == 3 and len(weg.schritte) == 2


def test_eltern_mit_zwei_kindern_ohne_telefon_in_drei_ladungen(
    page, einloggen, pruefe_barrierefreiheit, sommer
):
    kanu, d = sommer
    _eltern(("Mia", 9, ""), ("Ben", 10, ""))
    einloggen(page, "eltern@example.org", PASSWORT)
    page.set_viewport_size({"width": 360, "height": 800})
    weg = Weg(page, pruefe_barrierefreiheit)

    weg.laden(page.base_url + "/", "eltern-weg-zwei-1-startseite")
    weg.klick(
        page.locator(".ferien-jetzt").get_by_role("link", name="Kanutour auf dem Teich"),
        "eltern-weg-zwei-2-angebot",
    )
    weg.ankreuzen(page.get_by_label("Mia"))
    weg.ankreuzen(page.get_by_label("Ben"))
    weg.ausfuellen(page.get_by_label("Telefon für Notfälle"), "0170 7654321")
    weg.klick(page.get_by_role("button", name="Anmelden"), "eltern-weg-zwei-3-bestaetigt")

    for name in ("Mia", "Ben"):
        meldung = page.get_by_text(f"Geschafft! {name} ist für „Kanutour auf dem Teich“")
        expect(meldung).to_be_visible()
    assert weg.im_blick(page.get_by_text("Geschafft! Ben ist für").first)
    assert Anmeldung.objects.filter(durchfuehrung=d, status="bestaetigt").count() == 2
    weg.ziel_erreicht()
