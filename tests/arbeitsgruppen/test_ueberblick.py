"""The weekly and daily overview mails, with explicit points in time."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from arbeitsgruppen import services
from arbeitsgruppen.models import Mitglied
from tests.arbeitsgruppen.factories import (
    AufgabeFactory,
    BeitragFactory,
    MitgliedFactory,
    ThreadFactory,
)
from tests.factories import ArbeitsgruppeFactory

BERLIN = ZoneInfo("Europe/Berlin")
# Monday, 7:00 in Berlin: when cron sends the weekly overview.
MONTAG = datetime(2026, 3, 2, 7, 0, tzinfo=BERLIN)


@pytest.fixture
def zwei_gruppen(gruppe, leitung, mitglied):
    jugend = ArbeitsgruppeFactory(name="Jugendbeteiligung", slug="jugend")
    MitgliedFactory(gruppe=jugend, user=mitglied)
    return gruppe, jugend


def _beitrag(gruppe, autor, text, wann, titel="Gießplan"):
    thread = gruppe.threads.filter(titel=titel).first() or ThreadFactory(gruppe=gruppe, titel=titel)
    return BeitragFactory(thread=thread, autor=autor, text=text, erstellt=wann)


def test_ein_ueberblick_ueber_alle_gruppen(zwei_gruppen, leitung, mitglied, mailoutbox):
    garten, jugend = zwei_gruppen
    _beitrag(garten, leitung, "Wer gießt am Wochenende?", MONTAG - timedelta(days=2))
    _beitrag(jugend, leitung, "Ideen-Box steht.", MONTAG - timedelta(days=1), titel="Ideen")
    _beitrag(garten, mitglied, "Eigener Beitrag", MONTAG - timedelta(days=1))
    _beitrag(garten, leitung, "Zu alt", MONTAG - timedelta(days=8))
    AufgabeFactory(
        gruppe=garten, titel="Holz besorgen", zustaendig=mitglied, faellig=date(2026, 2, 27)
    )
    AufgabeFactory(gruppe=jugend, titel="Plakat", zustaendig=mitglied, faellig=date(2026, 3, 9))
    AufgabeFactory(gruppe=jugend, titel="Später", zustaendig=mitglied, faellig=date(2026, 3, 10))
    AufgabeFactory(
        gruppe=garten,
        titel="Fertig",
        zustaendig=mitglied,
        faellig=date(2026, 3, 3),
        status="erledigt",
    )

    assert services.wochenueberblick_senden(jetzt=MONTAG) == 2
    mail = next(m for m in mailoutbox if m.to == ["mitglied@example.org"])
    assert mail.subject == "Deine Woche in den Arbeitsgruppen"
    text = mail.body
    assert "Wer gießt am Wochenende?" in text and "Ideen-Box steht." in text
    assert "Eigener Beitrag" not in text and "Zu alt" not in text
    assert "Holz besorgen (Gemeinschaftsgarten), fällig Fr, 27. Feb – ÜBERFÄLLIG" in text
    assert "Plakat (Jugendbeteiligung), fällig Mo, 9. Mär" in text
    assert "Später" not in text and "Fertig" not in text
    assert "http://testserver/arbeitsgruppen/meine-aufgaben/" in text
    assert "ÜBERFÄLLIG" in mail.alternatives[0].content

    # The lead sees the member's posts but no tasks of their own.
    fuer_leitung = next(m for m in mailoutbox if m.to == ["leitung@example.org"])
    assert "Eigener Beitrag" in fuer_leitung.body
    assert "Deine Aufgaben" not in fuer_leitung.body


def test_nichts_neues_keine_mail_und_nichts_doppelt(zwei_gruppen, leitung, mitglied, mailoutbox):
    garten, _jugend = zwei_gruppen
    assert services.wochenueberblick_senden(jetzt=MONTAG) == 0
    assert mailoutbox == []
    # It remembers the run, so a second run in the same week sends nothing even with news.
    _beitrag(garten, leitung, "Neu am Montag", MONTAG + timedelta(hours=1))
    assert services.wochenueberblick_senden(jetzt=MONTAG + timedelta(hours=2)) == 0
    # A week later the post comes – exactly once.
    naechster = MONTAG + timedelta(days=7)
    assert services.wochenueberblick_senden(jetzt=naechster) == 1
    assert "Neu am Montag" in mailoutbox[0].body
    assert services.wochenueberblick_senden(jetzt=naechster + timedelta(days=7)) == 0
    m = Mitglied.objects.get(user=mitglied, gruppe=garten)
    assert m.letzter_wochenueberblick == naechster + timedelta(days=7)


def test_einstellungen_werden_beachtet(gruppe, leitung, mitglied, mailoutbox):
    _beitrag(gruppe, leitung, "Hallo", MONTAG - timedelta(hours=3))
    Mitglied.objects.filter(user=mitglied).update(benachrichtigung="aus")
    assert services.wochenueberblick_senden(jetzt=MONTAG) == 0
    Mitglied.objects.filter(user=mitglied).update(benachrichtigung="taeglich")
    assert services.tagesueberblick_senden(jetzt=MONTAG) == 1
    assert mailoutbox[0].subject == "Heute neu in deinen Arbeitsgruppen"
    assert "Hallo" in mailoutbox[0].body
    # Daily: the same post is not reported again the next day.
    assert services.tagesueberblick_senden(jetzt=MONTAG + timedelta(days=1)) == 0


def test_ueberdauert_die_zeitumstellung(gruppe, leitung, mitglied, mailoutbox):
    """Last Sunday of March: the week has only 167 hours; nothing is lost or doubled."""
    sonntag = datetime(2026, 3, 29, 12, 0, tzinfo=BERLIN)
    vorher = datetime(2026, 3, 23, 7, 0, tzinfo=BERLIN)
    nachher = datetime(2026, 3, 30, 7, 0, tzinfo=BERLIN)
    assert services.wochenueberblick_senden(jetzt=vorher) == 0
    _beitrag(gruppe, leitung, "Sommerzeit", sonntag)
    assert services.wochenueberblick_senden(jetzt=nachher) == 1
    assert "Sommerzeit" in mailoutbox[0].body


def test_treffen_der_naechsten_woche(gruppe, leitung, mitglied, mailoutbox):
    """Meetings come from the Termine app through the relation `gruppe.termine` (this app
    does not import termine; the test may)."""
    from django.apps import apps

    termin = apps.get_model("termine", "Termin")
    for titel, tage, status in [
        ("Gartentreffen (Beispiel)", 2, "geplant"),
        ("Abgesagtes Treffen", 3, "abgesagt"),
        ("In drei Wochen", 21, "geplant"),
    ]:
        start = MONTAG + timedelta(days=tage, hours=11)
        termin.objects.create(
            titel=titel,
            start=start,
            ende=start + timedelta(hours=2),
            arbeitsgruppe=gruppe,
            sichtbarkeit="gruppe",
            status=status,
            absage_grund="Regen" if status == "abgesagt" else "",
        )
    assert services.wochenueberblick_senden(jetzt=MONTAG) == 2
    text = mailoutbox[0].body
    assert "Treffen: Gartentreffen (Beispiel)" in text
    assert "Abgesagtes Treffen" not in text and "In drei Wochen" not in text


def test_kommando_fuer_cron(gruppe, leitung, mitglied, mailoutbox, capsys):
    from django.utils import timezone

    _beitrag(gruppe, leitung, "Für cron", timezone.now() - timedelta(hours=1))
    call_command("arbeitsgruppen_ueberblick")
    assert "1 overview mail(s) queued." in capsys.readouterr().out
    assert "Für cron" in mailoutbox[0].body
    call_command("arbeitsgruppen_ueberblick", "--taeglich")
    assert "0 overview mail(s) queued." in capsys.readouterr().out


def test_task_ruft_den_dienst(gruppe, leitung, mitglied, mailoutbox):
    from django.utils import timezone

    from arbeitsgruppen.tasks import wochenueberblick

    _beitrag(gruppe, leitung, "Per Task", timezone.now() - timedelta(hours=1))
    ergebnis = wochenueberblick.enqueue()
    assert ergebnis.return_value == 1
    assert "Per Task" in mailoutbox[0].body
