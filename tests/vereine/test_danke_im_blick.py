"""After the contact form or “Ich möchte helfen” the thank-you is in view: the redirect
goes to the anchor of the content's top, where the message stands (the browser would
otherwise keep the form's anchor, 1,600 px below the message on a phone). The browser
test at 360 px is tests/e2e/test_meldungen_im_blick.py."""

import pytest

from tests.factories import AkteurFactory, GesuchFactory

pytestmark = pytest.mark.django_db


def _meldung_oben_im_inhalt(html: str, text: str) -> bool:
    inhalt = html.split('<main id="inhalt"')[1]
    return text in inhalt and inhalt.index(text) < inhalt.index("<h1")


def test_kontaktformular_springt_zum_danke(client, mailoutbox):
    akteur = AkteurFactory(name="Gemischter Chor")
    daten = {"name": "Rita", "email": "rita@example.org", "nachricht": "Wann probt ihr?"}
    antwort = client.post(akteur.get_absolute_url(), daten)
    assert antwort["Location"] == akteur.get_absolute_url() + "#inhalt"
    html = client.get(antwort["Location"]).content.decode()
    assert _meldung_oben_im_inhalt(html, "Danke!")
    assert len(mailoutbox) == 1


def test_helfen_springt_zum_danke(client, akteur_a, mailoutbox):
    gesuch = GesuchFactory(akteur=akteur_a, titel="Chronik abtippen")
    daten = {
        "name": "Hanna Helferin",
        "email": "hanna@example.org",
        "nachricht": "Ich kann samstags.",
        "einwilligung": "on",
    }
    antwort = client.post(gesuch.get_absolute_url(), daten)
    assert antwort["Location"] == gesuch.get_absolute_url() + "#inhalt"
    html = client.get(antwort["Location"]).content.decode()
    assert _meldung_oben_im_inhalt(html, "Danke!")
