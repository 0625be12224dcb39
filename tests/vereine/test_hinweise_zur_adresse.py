"""The contact form and "Ich möchte helfen" say the same true thing: who sees your address.

The contact form relays with reply-to the sender (the actor sees the address and answers
directly); a volunteer's offer reaches the actor without the address (answered through the
portal). Each test reads the hint on the page and then checks the mail that really leaves.
"""

import pytest
from django.urls import reverse

from tests.factories import GesuchFactory
from vereine.models import Rueckmeldung

pytestmark = pytest.mark.django_db

KONTAKT_HINWEIS = (
    "Wir leiten deinen Namen, deine Nachricht und deine E-Mail-Adresse an den Akteur weiter. "
    "Er antwortet dir direkt per E-Mail."
)
HELFEN_HINWEIS = (
    "Wir leiten deinen Namen und deine Nachricht an den Akteur weiter, nicht deine "
    "E-Mail-Adresse. Er antwortet dir über das Portal per E-Mail; deine Adresse sieht er "
    "erst, wenn du zurückschreibst."
)


def test_kontaktformular_sagt_dass_der_akteur_die_adresse_bekommt(client, akteur_a, mailoutbox):
    seite = client.get(akteur_a.get_absolute_url()).content.decode()
    assert KONTAKT_HINWEIS in seite
    assert "bleibt bei uns" not in seite
    daten = {"name": "Rita", "email": "rita@example.org", "nachricht": "Wann probt ihr?"}
    client.post(akteur_a.get_absolute_url(), daten)
    (mail,) = mailoutbox
    # True: the actor gets the address (reply-to) and answers by e-mail directly.
    assert mail.to == [akteur_a.kontakt_email]
    assert mail.reply_to == ["rita@example.org"]


def test_helfen_sagt_dass_die_adresse_bei_uns_bleibt(
    client, client_fuer, mitglied_a, akteur_a, mailoutbox
):
    gesuch = GesuchFactory(akteur=akteur_a, titel="Chronik abtippen")
    seite = client.get(gesuch.get_absolute_url()).content.decode()
    assert HELFEN_HINWEIS in seite
    assert "antwortet dir direkt" not in seite
    daten = {"name": "Hanna", "email": "hanna@example.org", "einwilligung": "on"}
    client.post(gesuch.get_absolute_url(), daten)
    (mail,) = mailoutbox
    # True: the actor's mail carries neither the address nor a reply-to to it …
    assert "hanna@example.org" not in str(mail.message())
    # … the database keeps it for the answer through the portal …
    assert Rueckmeldung.objects.get().email == "hanna@example.org"
    assert reverse("vereine:rueckmeldungen", args=[akteur_a.slug, gesuch.pk]) in mail.body
    # … and the actor's page of responses does not show it either.
    leitung = client_fuer(mitglied_a)
    seite = leitung.get(reverse("vereine:rueckmeldungen", args=[akteur_a.slug, gesuch.pk]))
    assert "Hanna" in seite.content.decode()
    assert "hanna@example.org" not in seite.content.decode()
