"""Browser test: a group's Leitung writes the minutes of a meeting, makes a mistake, fixes
it and publishes; axe finds nothing on the form, also in the error state."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from termine.models import Protokoll
from tests.arbeitsgruppen.factories import MitgliedFactory
from tests.factories import PASSWORT, AkteurFactory, ArbeitsgruppeFactory, UserFactory
from tests.termine.factories import TerminFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_leitung_schreibt_protokoll_im_browser(page, einloggen, pruefe_barrierefreiheit):
    gruppe = ArbeitsgruppeFactory(name="Gemeinschaftsgarten", slug="garten")
    gruppe.akteure.add(AkteurFactory(name="Gartenverein Ballenstedt"))
    leitung = UserFactory(email="lea@example.org", anzeigename="Lea")
    MitgliedFactory(gruppe=gruppe, user=leitung, rolle="leitung")
    MitgliedFactory(gruppe=gruppe, user=UserFactory(email="max@example.org"))
    start = timezone.now() - timedelta(days=3)
    TerminFactory(
        titel="Gartentreffen",
        start=start,
        ende=start + timedelta(hours=2),
        arbeitsgruppe=gruppe,
        sichtbarkeit="gruppe",
    )

    einloggen(page, "lea@example.org", PASSWORT)
    page.goto(page.base_url + gruppe.get_absolute_url())
    page.get_by_role("link", name="Protokoll schreiben").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Protokoll: Gartentreffen")
    pruefe_barrierefreiheit(page, "gruppenprotokoll-formular")

    page.get_by_label("Personenzahl").fill("6")
    page.get_by_label("Gartenverein Ballenstedt").check()
    page.locator("#id_punkte-0-titel").fill("Beete im Frühjahr")
    page.locator("#id_aufgaben-0-faellig_am").fill("2026-04-01")
    page.get_by_role("button", name="Speichern und veröffentlichen").click()
    expect(page.get_by_role("alert")).to_contain_text("Bitte prüf")
    expect(page.locator("#id_punkte-0-titel")).to_have_value("Beete im Frühjahr")
    pruefe_barrierefreiheit(page, "gruppenprotokoll-formular-fehler")

    page.locator("#id_aufgaben-0-text").fill("Saatgut kaufen")
    page.get_by_role("button", name="Speichern und veröffentlichen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Gartentreffen")
    expect(page.get_by_text("Saatgut kaufen")).to_be_visible()
    assert Protokoll.objects.get().veroeffentlicht
    assert sorted(a for m in mail.outbox for a in m.to) == ["lea@example.org", "max@example.org"]
