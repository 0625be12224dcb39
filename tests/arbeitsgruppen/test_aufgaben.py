"""Tasks and projects: forms, board, moving, Meine Aufgaben, overdue marking."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from arbeitsgruppen.models import Aufgabe, Vorhaben
from tests.arbeitsgruppen.factories import AufgabeFactory, MitgliedFactory, VorhabenFactory
from tests.arbeitsgruppen.formular import formular
from tests.factories import ArbeitsgruppeFactory


def test_aufgabe_anlegen_zuweisen_und_verschieben(client_fuer, gruppe, leitung, mitglied):
    vorhaben = VorhabenFactory(gruppe=gruppe, titel="Saatgutbörse")
    c = client_fuer(leitung)
    seite = c.get(reverse("arbeitsgruppen:aufgabe_neu", args=[gruppe.slug]))
    form = formular(seite, mit_feld="titel")
    # Only members of the group can be chosen, only the group's projects.
    assert set(form["optionen"]["zustaendig"]) == {"", str(leitung.pk), str(mitglied.pk)}
    assert form["optionen"]["vorhaben"] == ["", str(vorhaben.pk)]
    daten = form["felder"] | {
        "titel": "Hochbeet bauen",
        "zustaendig": str(mitglied.pk),
        "faellig": "2026-05-01",
        "vorhaben": str(vorhaben.pk),
    }
    antwort = c.post(seite.request["PATH_INFO"], daten, follow=True)
    assert "Aufgabe gespeichert: Hochbeet bauen" in antwort.content.decode()
    aufgabe = Aufgabe.objects.get()
    assert (aufgabe.zustaendig, aufgabe.faellig, aufgabe.vorhaben, aufgabe.erstellt_von) == (
        mitglied,
        date(2026, 5, 1),
        vorhaben,
        leitung,
    )

    # The assignee moves it through the board with the buttons on the card.
    m = client_fuer(mitglied)
    board = m.get(reverse("arbeitsgruppen:aufgaben", args=[gruppe.slug]))
    knopf = formular(board, mit_feld="status")
    assert knopf["action"] == reverse(
        "arbeitsgruppen:aufgabe_status", args=[gruppe.slug, aufgabe.pk]
    )
    m.post(knopf["action"], {**knopf["felder"], "status": "erledigt"})
    aufgabe.refresh_from_db()
    assert aufgabe.status == "erledigt" and aufgabe.erledigt_am is not None
    m.post(knopf["action"], {"status": "offen"})
    aufgabe.refresh_from_db()
    assert aufgabe.status == "offen" and aufgabe.erledigt_am is None


def test_fehler_im_aufgabenformular_behalten_eingaben(client_fuer, gruppe, mitglied, fremd):
    antwort = client_fuer(mitglied).post(
        reverse("arbeitsgruppen:aufgabe_neu", args=[gruppe.slug]),
        {
            "titel": "",
            "notizen": "Wichtig!",
            "zustaendig": str(fremd.pk),
            "faellig": "morgen",
            "status": "offen",
        },
    )
    assert antwort.status_code == 400
    inhalt = antwort.content.decode()
    assert "Bitte gib der Aufgabe einen Titel." in inhalt
    assert "Bitte wähle ein Mitglied der Gruppe aus." in inhalt
    assert "Bitte gib ein Datum ein, z. B. 31.12.2026." in inhalt
    assert "Wichtig!" in inhalt
    assert not Aufgabe.objects.exists()


def test_ungueltiger_status_gibt_meldung(client_fuer, gruppe, mitglied):
    a = AufgabeFactory(gruppe=gruppe)
    antwort = client_fuer(mitglied).post(
        reverse("arbeitsgruppen:aufgabe_status", args=[gruppe.slug, a.pk]),
        {"status": "verloren"},
        follow=True,
    )
    assert "Diesen Status gibt es nicht" in antwort.content.decode()
    a.refresh_from_db()
    assert a.status == "offen"


def test_aufgabe_einer_anderen_gruppe_gibt_404(client_fuer, gruppe, mitglied):
    fremde = AufgabeFactory(gruppe=ArbeitsgruppeFactory())
    antwort = client_fuer(mitglied).post(
        reverse("arbeitsgruppen:aufgabe_status", args=[gruppe.slug, fremde.pk]),
        {"status": "erledigt"},
    )
    assert antwort.status_code == 404


def test_ueberfaellig_mit_text_und_farbe(client_fuer, gruppe, mitglied):
    heute = timezone.localdate()
    AufgabeFactory(
        gruppe=gruppe, titel="Zu spät", zustaendig=mitglied, faellig=heute - timedelta(days=1)
    )
    AufgabeFactory(gruppe=gruppe, titel="Pünktlich", zustaendig=mitglied, faellig=heute)
    AufgabeFactory(
        gruppe=gruppe, titel="Erledigt", status="erledigt", faellig=heute - timedelta(days=3)
    )
    inhalt = (
        client_fuer(mitglied)
        .get(reverse("arbeitsgruppen:aufgaben", args=[gruppe.slug]))
        .content.decode()
    )
    assert inhalt.count("ag-karte ag-ueberfaellig") == 1
    assert inhalt.count('<span class="ag-ueberfaellig-text">überfällig</span>') == 1
    karte = inhalt.split('id="aufgabe-')[1]
    assert "Zu spät" in karte  # ordered by due date


def test_meine_aufgaben_ueber_alle_gruppen(client_fuer, gruppe, mitglied):
    andere = ArbeitsgruppeFactory(name="Jugend")
    MitgliedFactory(gruppe=andere, user=mitglied)
    AufgabeFactory(gruppe=gruppe, titel="Gießen", zustaendig=mitglied)
    AufgabeFactory(gruppe=andere, titel="Plakat", zustaendig=mitglied, status="in_arbeit")
    AufgabeFactory(gruppe=andere, titel="Fertig", zustaendig=mitglied, status="erledigt")
    AufgabeFactory(gruppe=gruppe, titel="Nicht meine")
    # A task from a group I left does not show up.
    AufgabeFactory(gruppe=ArbeitsgruppeFactory(), titel="Alte Gruppe", zustaendig=mitglied)
    c = client_fuer(mitglied)
    inhalt = c.get(reverse("arbeitsgruppen:meine_aufgaben")).content.decode()
    assert "Gießen" in inhalt and "Plakat" in inhalt
    assert "Fertig" not in inhalt and "Nicht meine" not in inhalt and "Alte Gruppe" not in inhalt
    alle = c.get(reverse("arbeitsgruppen:meine_aufgaben"), {"status": "erledigt"}).content.decode()
    assert "Fertig" in alle and "Gießen" not in alle
    # The move buttons lead back here.
    aufgabe = Aufgabe.objects.get(titel="Gießen")
    antwort = c.post(
        reverse("arbeitsgruppen:aufgabe_status", args=[gruppe.slug, aufgabe.pk]),
        {"status": "erledigt", "weiter": "meine"},
    )
    assert antwort["Location"] == reverse("arbeitsgruppen:meine_aufgaben")


def test_mein_bereich_zeigt_aufgaben_gruppen_und_anfragen(client_fuer, gruppe, leitung, fremd):
    AufgabeFactory(
        gruppe=gruppe,
        titel="Überfällig",
        zustaendig=leitung,
        faellig=timezone.localdate() - timedelta(days=2),
    )
    from arbeitsgruppen.services import beitritt_anfragen

    beitritt_anfragen(gruppe=gruppe, user=fremd)
    inhalt = client_fuer(leitung).get(reverse("mein_bereich")).content.decode()
    assert "Meine Aufgaben" in inhalt
    assert "Überfällig" in inhalt and "überfällig" in inhalt
    assert "Gemeinschaftsgarten" in inhalt
    assert "Frida Fremd → Gemeinschaftsgarten" in inhalt


def test_vorhaben_anlegen_und_datumspruefung(client_fuer, gruppe, mitglied):
    c = client_fuer(mitglied)
    url = reverse("arbeitsgruppen:vorhaben_neu", args=[gruppe.slug])
    form = formular(c.get(url), mit_feld="titel")
    assert form["optionen"]["status"] == ["idee", "planung", "laeuft", "abgeschlossen"]
    daten = form["felder"] | {
        "titel": "Aktionstag",
        "status": "planung",
        "verantwortlich": str(mitglied.pk),
        "beginn": "2026-12-05",
        "ende": "2026-12-01",
    }
    fehler = c.post(url, daten)
    assert fehler.status_code == 400
    assert "Das Ende kann nicht vor dem Beginn liegen" in fehler.content.decode()
    daten["ende"] = "2026-12-05"
    c.post(url, daten)
    v = Vorhaben.objects.get()
    assert (v.titel, v.status, v.verantwortlich, v.beginn) == (
        "Aktionstag",
        "planung",
        mitglied,
        date(2026, 12, 5),
    )
    seite = c.get(v.get_absolute_url()).content.decode()
    assert "in Planung" in seite and "Max Mitglied" in seite


@pytest.mark.parametrize("titel", ["", " "])
def test_vorhaben_ohne_titel(client_fuer, gruppe, mitglied, titel):
    antwort = client_fuer(mitglied).post(
        reverse("arbeitsgruppen:vorhaben_neu", args=[gruppe.slug]),
        {"titel": titel, "status": "idee"},
    )
    assert "Bitte gib dem Vorhaben einen Titel." in antwort.content.decode()
