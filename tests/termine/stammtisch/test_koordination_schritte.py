"""Coordinators' steps around the Stammtisch: their own topics need no approval, minutes are
written and published in one step, the navigation leads there, and the invitation says why
an answer takes a second tap."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from termine.models import Protokoll, Thema
from termine.stammtisch import services as dienste
from tests.termine.stammtisch import test_admin as admin_tests

# The admin tests' form reader and fixtures (a fixed clock, a series with three actors).
formular = admin_tests.formular
jetzt = admin_tests.jetzt
reihe = admin_tests.reihe
geplant = admin_tests.geplant
admin_client = admin_tests.admin_client

pytestmark = pytest.mark.django_db


def _mit_neuem_thema(daten: dict, titel: str) -> dict:
    """The change form's data plus one inline row, as "Add another topic" clones it."""
    neu = int(daten["themen-TOTAL_FORMS"][0])
    for name, wert in list(daten.items()):
        if name.startswith("themen-__prefix__-"):
            daten[name.replace("__prefix__", str(neu))] = wert
    daten[f"themen-{neu}-titel"] = [titel]
    daten["themen-TOTAL_FORMS"] = [str(neu + 1)]
    return daten


def test_thema_der_koordination_im_admin_ist_gleich_angenommen(
    admin_client, koordination, geplant, mailoutbox
):
    stammtisch = geplant[0]
    stammtisch.reihe.koordination.add(koordination)  # who would be asked to approve
    url = reverse("admin:termine_stammtisch_change", args=[stammtisch.pk])
    seite = admin_client.get(url).content.decode()
    daten = formular(seite, "stammtisch_form")
    # The empty row the admin clones offers "Angenommen", not "Eingereicht".
    assert daten["themen-__prefix__-status"] == ["angenommen"]

    antwort = admin_client.post(url, _mit_neuem_thema(daten, "Zeltverleih im Sommer"))

    assert antwort.status_code == 302, antwort.content.decode()[:2000]
    thema = Thema.objects.get()
    assert thema.status == Thema.Status.ANGENOMMEN
    assert thema.eingereicht_von == koordination
    # It is on the public agenda at once, and nobody was asked to approve it.
    detail = admin_client.get(stammtisch.get_absolute_url()).content.decode()
    assert "Zeltverleih im Sommer" in detail
    assert not mailoutbox


def test_thema_der_koordination_ueber_die_seite_ist_angenommen(
    client_fuer, koordination, geplant, mailoutbox
):
    stammtisch = geplant[0]
    stammtisch.reihe.koordination.add(koordination)
    antwort = client_fuer(koordination).post(
        reverse("stammtisch:thema", args=[stammtisch.pk]),
        {"titel": "Gemeinsamer Kalender"},
        follow=True,
    )
    assert "Dein Thema steht auf der Tagesordnung." in antwort.content.decode()
    assert Thema.objects.get().status == Thema.Status.ANGENOMMEN
    assert not mailoutbox


def test_thema_einer_koordinatorin_der_reihe_ist_angenommen(client_fuer, geplant, mailoutbox):
    """Named coordinators of the series (no staff account) run it too."""
    stammtisch = geplant[0]
    mitglied = stammtisch.reihe.pool.first().akteur.mitgliedschaften.first().user
    stammtisch.reihe.koordination.add(mitglied)
    client_fuer(mitglied).post(
        reverse("stammtisch:thema", args=[stammtisch.pk]), {"titel": "Gemeinsamer Kalender"}
    )
    assert Thema.objects.get().status == Thema.Status.ANGENOMMEN
    assert not mailoutbox


def test_thema_eines_mitglieds_bleibt_eingereicht(client_fuer, koordination, geplant, mailoutbox):
    """Control: a member's topic still waits for the coordinators, who get a mail."""
    stammtisch = geplant[0]
    stammtisch.reihe.koordination.add(koordination)
    mitglied = stammtisch.reihe.pool.first().akteur.mitgliedschaften.first().user
    antwort = client_fuer(mitglied).post(
        reverse("stammtisch:thema", args=[stammtisch.pk]),
        {"titel": "Gemeinsamer Kalender"},
        follow=True,
    )
    assert "Dein Thema steht auf der Tagesordnung." not in antwort.content.decode()
    assert Thema.objects.get().status == Thema.Status.EINGEREICHT
    assert [m.to for m in mailoutbox] == [[koordination.email]]


def test_protokoll_speichern_und_veroeffentlichen_in_einem_schritt(
    admin_client, geplant, mailoutbox
):
    stammtisch = geplant[0]
    angel = stammtisch.reihe.pool.get(akteur__name="Angelverein").akteur
    # Answers come after the invitation (the meeting's state).
    dienste.bestaetigen(stammtisch=stammtisch, gastgeber_hat_zugesagt=True)
    stammtisch.refresh_from_db()
    dienste.rsvp_setzen(stammtisch=stammtisch, email=f"{angel.slug}@example.org", antwort="zusage")
    mailoutbox.clear()
    url = reverse("admin:termine_protokoll_add") + f"?termin={stammtisch.termin_id}"
    seite = admin_client.get(url).content.decode()
    assert 'name="_veroeffentlichen"' in seite
    assert "Speichern, veröffentlichen und an die Teilnehmenden mailen" in seite
    daten = formular(seite, "protokoll_form")
    daten["punkte-0-notizen"] = ["Der Angelverein zeigt seinen Teich."]
    daten["_veroeffentlichen"] = ["1"]

    antwort = admin_client.post(url, daten, follow=True)

    html = antwort.content.decode()
    assert "veröffentlicht und an 1 Person gemailt" in html
    protokoll = Protokoll.objects.get()
    assert protokoll.veroeffentlicht
    (mail,) = mailoutbox
    assert mail.to == ["angelverein@example.org"]
    assert "Der Angelverein zeigt seinen Teich." in mail.body  # the items were saved first
    # Published minutes offer no second publishing.
    seite = admin_client.get(reverse("admin:termine_protokoll_change", args=[protokoll.pk]))
    assert 'name="_veroeffentlichen"' not in seite.content.decode()


def test_protokoll_nur_speichern_veroeffentlicht_nicht(admin_client, geplant, mailoutbox):
    url = reverse("admin:termine_protokoll_add") + f"?termin={geplant[0].termin_id}"
    daten = formular(admin_client.get(url).content.decode(), "protokoll_form")
    daten["_save"] = ["Sichern"]
    admin_client.post(url, daten)
    assert not Protokoll.objects.get().veroeffentlicht
    assert not mailoutbox


def test_hauptnavigation_fuehrt_zum_stammtisch(client, reihe):
    seite = client.get("/").content.decode()
    navigation = seite.split('aria-label="Hauptnavigation"')[1].split("</nav>")[0]
    assert f'href="{reverse("stammtisch:uebersicht")}"' in navigation
    assert ">Stammtisch</a>" in navigation
    uebersicht = client.get(reverse("stammtisch:uebersicht")).content.decode()
    assert re.search(r'href="/stammtisch/" aria-current="page">Stammtisch<', uebersicht)


def test_einladung_sagt_ehrlich_dass_ein_zweiter_tipp_noetig_ist(geplant, mailoutbox):
    dienste.bestaetigen(stammtisch=geplant[0], gastgeber_hat_zugesagt=True)
    mail = mailoutbox[0]
    html = mail.alternatives[0][0]
    for text in (mail.body, html):
        assert "Ein Klick genügt" not in text
        assert "fragt noch einmal nach" in text
        assert "damit kein Mailprogramm, das Links prüft, für dich antworten kann" in text
