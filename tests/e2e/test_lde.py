"""Lernen durch Engagement in the browser at 360 px: a teacher finds a need on the board,
takes it up with her class, plans the phases (which land in the shared calendar), ticks a
standard; the partner sees the plan and dates, the public sees what the class does. axe finds
nothing on the board, the need, the project form (with an error), the phases, the plan and
the public page. Screenshots for docs/lde.md come from here.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from arbeitsgruppen.lde.models import Engagementbedarf, Klassenprojekt
from termine.models import Termin
from tests.factories import PASSWORT, AkteurFactory, MitgliedschaftFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def welt():
    garten = AkteurFactory(name="Gartenfreunde Radisleben", slug="gartenfreunde")
    schule = AkteurFactory(name="Gymnasium Ballenstedt", slug="gymnasium", art="schule")
    lea = MitgliedschaftFactory(
        akteur=schule, rolle="redaktion", user=UserFactory(email="lea@example.org")
    ).user
    gerd = MitgliedschaftFactory(akteur=garten, user=UserFactory(email="gerd@example.org")).user
    heute = timezone.localdate()
    bedarf = Engagementbedarf.objects.create(
        akteur=garten,
        titel="Insektenhotel für den Gemeinschaftsgarten",
        beschreibung="Nistplätze für Wildbienen planen und bauen.",
        von=heute,
        bis=heute + timedelta(days=90),
        ort="Gemeinschaftsgarten",
        kontakt="Herr Krause, 039483 1111",
    )
    return {"lea": lea, "gerd": gerd, "bedarf": bedarf, "schule": schule}


def _telefon(browser, live_server):
    context = browser.new_context(locale="de-DE", viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.base_url = live_server.url
    return context, page


def test_vom_bedarf_zum_projekt_am_telefon(
    browser, live_server, einloggen, pruefe_barrierefreiheit, welt
):
    context, page = _telefon(browser, live_server)
    einloggen(page, "lea@example.org", PASSWORT)
    page.goto(live_server.url + "/lernen-durch-engagement/bedarfe/")
    expect(page.get_by_role("heading", name="Bedarfe für Schulklassen")).to_be_visible()
    pruefe_barrierefreiheit(page, "lde-bedarfe")
    page.get_by_role("link", name="Insektenhotel für den Gemeinschaftsgarten").click()
    expect(page.get_by_text("Herr Krause, 039483 1111")).to_be_visible()
    pruefe_barrierefreiheit(page, "lde-bedarf")
    page.get_by_role("link", name="Mit einer Klasse übernehmen").click()
    page.get_by_role("textbox", name=re.compile(r"^Klasse")).fill("6b")
    page.get_by_label("Fach").fill("Biologie")
    page.get_by_label("Schuljahr").fill("2026")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Bitte schreib das Schuljahr so")).to_be_visible()
    assert page.get_by_label("Fach").input_value() == "Biologie"
    pruefe_barrierefreiheit(page, "lde-projekt-fehler")
    heute = timezone.localdate()
    jahr = heute.year if heute.month >= 8 else heute.year - 1
    page.get_by_label("Schuljahr").fill(f"{jahr}/{(jahr + 1) % 100:02d}")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", name="Termine der Phasen")).to_be_visible()
    projekt = Klassenprojekt.objects.get()
    assert list(projekt.bedarfe.all()) == [welt["bedarf"]]
    page.get_by_label("Recherche: erster Tag").fill((heute + timedelta(days=1)).isoformat())
    page.get_by_label("Recherche: letzter Tag").fill((heute + timedelta(days=10)).isoformat())
    page.get_by_label("Aktion: erster Tag").fill((heute + timedelta(days=30)).isoformat())
    pruefe_barrierefreiheit(page, "lde-phasen")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_text("Die Phasen stehen im gemeinsamen Kalender")).to_be_visible()
    assert Termin.objects.filter(veranstalter=welt["schule"]).count() == 2
    page.get_by_role("link", name="Qualitätsstandards").click()
    page.get_by_label("Realer Bedarf: erfüllt").check()
    page.get_by_label("Realer Bedarf: Notiz").fill("Die Gartenfreunde brauchen Nistplätze.")
    page.get_by_role("button", name="Speichern").click()
    reflexion = page.get_by_role("textbox", name=re.compile(r"^Reflexion"))
    reflexion.fill("Die Klasse hat Insekten gezählt.")
    page.get_by_role("button", name="Reflexion speichern").click()
    expect(page.get_by_text("Die Klasse hat Insekten gezählt.")).to_be_visible()
    pruefe_barrierefreiheit(page, "lde-plan")
    context.close()

    context, page = _telefon(browser, live_server)
    einloggen(page, "gerd@example.org", PASSWORT)
    page.goto(live_server.url + f"/lernen-durch-engagement/projekte/{projekt.pk}/plan/")
    expect(page.get_by_role("heading", name="Die vier Phasen")).to_be_visible()
    assert page.get_by_text("Die Klasse hat Insekten gezählt.").count() == 0
    context.close()

    context, page = _telefon(browser, live_server)
    page.goto(live_server.url + "/lernen-durch-engagement/")
    page.get_by_role("link", name="Insektenhotel für den Gemeinschaftsgarten").click()
    expect(page.get_by_text("Realer Bedarf")).to_be_visible()
    pruefe_barrierefreiheit(page, "lde-projekt")
    context.close()
