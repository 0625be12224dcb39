"""Discussion: plain text with safe links, edit window, immediate notifications."""

from datetime import timedelta

import time_machine
from django.urls import reverse
from django.utils import timezone

from arbeitsgruppen import services
from arbeitsgruppen.models import Beitrag, Mitglied, Thread
from tests.arbeitsgruppen.factories import MitgliedFactory
from tests.arbeitsgruppen.formular import formular
from tests.factories import UserFactory


def test_thema_anlegen_und_antworten(client_fuer, gruppe, leitung, mitglied):
    c = client_fuer(mitglied)
    seite = c.get(reverse("arbeitsgruppen:thread_neu", args=[gruppe.slug]))
    daten = formular(seite, mit_feld="titel")["felder"] | {
        "titel": "Saatgut",
        "text": "Wer hat Tomaten?",
    }
    thread_seite = c.post(seite.request["PATH_INFO"], daten, follow=True)
    thread = Thread.objects.get()
    assert thread.titel == "Saatgut" and thread.erstellt_von == mitglied
    assert "Wer hat Tomaten?" in thread_seite.content.decode()
    antwort = client_fuer(leitung).post(thread.get_absolute_url(), {"text": "Ich!"})
    beitrag = Beitrag.objects.get(text="Ich!")
    assert antwort["Location"] == f"{thread.get_absolute_url()}?seite=1#beitrag-{beitrag.pk}"


def test_text_wird_escaped_und_links_klickbar(client_fuer, gruppe, mitglied):
    thread = services.thread_anlegen(
        gruppe=gruppe,
        titel="Links",
        text='Siehe https://example.org/a?b=1&c=2 <script>alert("x")</script>\nZeile 2',
        von=mitglied,
    )
    inhalt = client_fuer(mitglied).get(thread.get_absolute_url()).content.decode()
    assert (
        '<a href="https://example.org/a?b=1&amp;c=2" rel="nofollow">https://example.org/a?b=1&amp;c=2</a>'
        in inhalt
    )
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>Zeile 2" in inhalt
    assert "<script>alert" not in inhalt


def test_leerer_beitrag_gibt_meldung(client_fuer, gruppe, mitglied):
    thread = services.thread_anlegen(gruppe=gruppe, titel="T", text="a", von=mitglied)
    antwort = client_fuer(mitglied).post(thread.get_absolute_url(), {"text": ""})
    assert antwort.status_code == 400
    assert "Bitte schreib etwas." in antwort.content.decode()


def test_bearbeiten_im_zeitfenster(client_fuer, gruppe, mitglied):
    thread = services.thread_anlegen(gruppe=gruppe, titel="T", text="Tippfehlr", von=mitglied)
    beitrag = thread.beitraege.get()
    c = client_fuer(mitglied)
    seite = c.get(thread.get_absolute_url()).content.decode()
    bearbeiten = reverse("arbeitsgruppen:beitrag_bearbeiten", args=[gruppe.slug, beitrag.pk])
    assert bearbeiten in seite
    form = formular(c.get(bearbeiten), mit_feld="text")
    assert form["felder"]["text"].strip() == "Tippfehlr"
    c.post(bearbeiten, {"text": "Tippfehler"})
    beitrag.refresh_from_db()
    assert beitrag.text == "Tippfehler" and beitrag.bearbeitet is not None
    assert "bearbeitet" in c.get(thread.get_absolute_url()).content.decode()
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        assert bearbeiten not in c.get(thread.get_absolute_url()).content.decode()


def test_sofort_benachrichtigung_nur_an_wer_es_will(
    gruppe, leitung, mitglied, mailoutbox, django_capture_on_commit_callbacks
):
    Mitglied.objects.filter(user__in=[leitung, mitglied]).update(benachrichtigung="sofort")
    MitgliedFactory(
        gruppe=gruppe, user=UserFactory(email="woche@example.org"), benachrichtigung="woechentlich"
    )
    MitgliedFactory(
        gruppe=gruppe, user=UserFactory(email="aus@example.org"), benachrichtigung="aus"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.thread_anlegen(
            gruppe=gruppe,
            titel="Gießplan",
            text="Wer gießt im August? https://x.example.org",
            von=mitglied,
        )
    assert [m.to for m in mailoutbox] == [["leitung@example.org"]]  # not the author, not the others
    mail = mailoutbox[0]
    assert mail.subject == "[Gemeinschaftsgarten] Gießplan"
    assert "Max Mitglied hat in „Gießplan“ geschrieben" in mail.body
    assert "Wer gießt im August?" in mail.body
    assert "http://testserver/arbeitsgruppen/garten/#benachrichtigungen" in mail.body
