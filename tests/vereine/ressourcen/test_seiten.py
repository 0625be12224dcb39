"""The pages of the pool as members use them: browse, month view, ask, answer, hand over."""

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from tests.factories import AkteurFactory
from tests.vereine.bilddateien import png_bytes
from tests.vereine.ressourcen.factories import RessourceFactory, anfrage, tag
from vereine.ressourcen import services
from vereine.ressourcen.kalender import feed_token
from vereine.ressourcen.models import Ausleihe, Ressource, Uebergabe

pytestmark = pytest.mark.django_db


@pytest.fixture
def pavillon(akteur_a, mitglied_a, ortsteile):
    return RessourceFactory(
        akteur=akteur_a,
        name="Faltpavillon",
        ortsteil=ortsteile["Badeborn"],
        bedingungen="Rückgabe gereinigt",
    )


def test_liste_filtert_nach_art_und_ortsteil(client_fuer, mitglied_b, pavillon, ortsteile):
    RessourceFactory(name="Vereinsbus", art=Ressource.Art.FAHRZEUG)
    RessourceFactory(name="Versteckt", aktiv=False)
    client = client_fuer(mitglied_b)
    html = client.get(reverse("ressourcen:liste")).content.decode()
    assert "Faltpavillon" in html and "Vereinsbus" in html and "Versteckt" not in html
    html = client.get(reverse("ressourcen:liste"), {"art": "fahrzeug"}).content.decode()
    assert "Vereinsbus" in html and "Faltpavillon" not in html
    html = client.get(reverse("ressourcen:liste"), {"ortsteil": "badeborn"}).content.decode()
    assert "Faltpavillon" in html and "Vereinsbus" not in html
    html = client.get(reverse("ressourcen:liste"), {"art": "quatsch"}).content.decode()
    assert "Faltpavillon" in html  # a bad filter shows everything, never an error


@pytest.mark.parametrize("anzahl", [1, 25])
def test_liste_mit_fester_zahl_von_abfragen(
    client_fuer, mitglied_b, django_assert_num_queries, anzahl, ortsteile
):
    for i in range(anzahl):
        RessourceFactory(name=f"Ding {i}", ortsteil=ortsteile["Rieder"])
    client = client_fuer(mitglied_b)
    client.get(reverse("ressourcen:liste"))
    with django_assert_num_queries(7):
        html = client.get(reverse("ressourcen:liste")).content.decode()
    assert "Ding 0" in html


def test_monatsansicht_ohne_namen_fuer_andere(client_fuer, pavillon, mitglied_a, mitglied_b):
    ausleihe = anfrage(pavillon, AkteurFactory(name="Geheimer Chor"), von=5, bis=6)
    services.ausleihe_annehmen(ausleihe=ausleihe, von=mitglied_a)
    monat = tag(5).strftime("%Y-%m")
    url = reverse("ressourcen:detail", args=[pavillon.pk])
    html = client_fuer(mitglied_b).get(url, {"monat": monat}).content.decode()
    assert "Geheimer Chor" not in html
    assert html.count('class="zeichen">✕') >= 2 - (tag(6).month != tag(5).month)
    html_eigen = client_fuer(mitglied_a).get(url, {"monat": monat}).content.decode()
    assert "Geheimer Chor" in html_eigen
    # Nonsense months fall back to the current one.
    assert client_fuer(mitglied_b).get(url, {"monat": "2026-13"}).status_code == 200


def test_anfrage_mit_fehlern_behaelt_eingaben(client_fuer, pavillon, mitglied_b):
    url = reverse("ressourcen:anfragen", args=[pavillon.pk])
    antwort = client_fuer(mitglied_b).post(
        url,
        {"von": tag(0).isoformat(), "bis": "kein Datum", "menge": 1, "nachricht": "Sommerfest"},
    )
    html = antwort.content.decode()
    assert antwort.status_code == 200
    assert "Sommerfest" in html
    assert "Gib ein gültiges Datum ein." in html or "gültiges Datum" in html
    antwort = client_fuer(mitglied_b).post(
        url, {"von": tag(0).isoformat(), "bis": tag(1).isoformat(), "menge": 1}
    )
    assert "Tage Vorlauf" in antwort.content.decode()
    assert not Ausleihe.objects.exists()


def test_anfragen_annehmen_und_uebergeben(client_fuer, pavillon, akteur_b, mitglied_a, mitglied_b):
    mail.outbox.clear()
    antwort = client_fuer(mitglied_b).post(
        reverse("ressourcen:anfragen", args=[pavillon.pk]),
        {
            "akteur": akteur_b.pk,
            "von": tag(7).isoformat(),
            "bis": tag(8).isoformat(),
            "menge": 1,
            "nachricht": "Für unser Sportfest",
        },
    )
    ausleihe = Ausleihe.objects.get()
    assert antwort["Location"] == ausleihe.get_absolute_url()
    assert len(mail.outbox) == 2
    owner = client_fuer(mitglied_a)
    # Declining needs a reason.
    html = owner.post(ausleihe.get_absolute_url(), {"entscheidung": "ablehnen"}).content.decode()
    assert "Bitte sag kurz, warum" in html
    owner.post(ausleihe.get_absolute_url(), {"entscheidung": "annehmen", "antwort": "Klar!"})
    ausleihe.refresh_from_db()
    assert ausleihe.status == Ausleihe.Status.ANGENOMMEN
    assert any(m.subject == "Zugesagt: Faltpavillon" for m in mail.outbox)
    url = reverse("ressourcen:uebergabe", args=[ausleihe.pk])
    html = owner.post(url, {"schaden": "on", "vollstaendig": "on"}).content.decode()
    assert "Bitte notiere, was fehlt" in html
    foto = SimpleUploadedFile("zelt.png", png_bytes(), content_type="image/png")
    owner.post(url, {"vollstaendig": "on", "foto": foto, "foto_alt": "Zelt im Lager"})
    uebergabe = Uebergabe.objects.get()
    assert uebergabe.foto.name.endswith(".png") and "zelt" not in uebergabe.foto.name
    owner.post(url, {"notiz": "Hering fehlt"})
    ausleihe.refresh_from_db()
    assert ausleihe.status == Ausleihe.Status.ZURUECKGEGEBEN
    html = owner.get(pavillon.get_absolute_url()).content.decode()
    assert "Unvollständig" in html and "Hering fehlt" in html


def test_bild_wird_geprueft(client_fuer, mitglied_a, akteur_a):
    svg = SimpleUploadedFile("x.svg", b"<svg></svg>", content_type="image/svg+xml")
    antwort = client_fuer(mitglied_a).post(
        reverse("ressourcen:neu", args=[akteur_a.slug]),
        {
            "name": "Beamer",
            "art": "technik",
            "menge": 1,
            "vorlauf_tage": 2,
            "ausleihbar_fuer": "alle",
            "aktiv": "on",
            "foto": svg,
        },
    )
    html = antwort.content.decode()
    assert "SVG-Dateien" in html and 'value="Beamer"' in html
    assert not Ressource.objects.exists()


def test_neue_ressource_mit_menge_und_freigabe(client_fuer, mitglied_a, akteur_a, akteur_b):
    url = reverse("ressourcen:neu", args=[akteur_a.slug])
    daten = {
        "name": "Bierzeltgarnitur",
        "art": "moebel",
        "menge": 20,
        "vorlauf_tage": 3,
        "ausleihbar_fuer": "ausgewaehlte",
        "aktiv": "on",
    }
    html = client_fuer(mitglied_a).post(url, daten).content.decode()
    assert "Kreuze mindestens einen Akteur an" in html
    client_fuer(mitglied_a).post(url, {**daten, "freigegeben_fuer": [akteur_b.pk]})
    ressource = Ressource.objects.get()
    assert ressource.einheiten.count() == 20
    assert list(ressource.freigegeben_fuer.all()) == [akteur_b]
    assert ressource.zustaende.count() == 1


def test_feed_zeigt_beide_seiten_nur_mit_titel(
    client_fuer, pavillon, akteur_a, akteur_b, mitglied_a
):
    ausleihe = anfrage(pavillon, akteur_b, von=5, bis=6)
    ausleihe.nachricht = "Privates Detail"
    ausleihe.save()
    services.ausleihe_annehmen(ausleihe=ausleihe, von=mitglied_a)
    for akteur, titel in [
        (akteur_a, "Verliehen: Faltpavillon an Sportverein Badeborn"),
        (akteur_b, "Ausgeliehen: Faltpavillon von Heimatverein Ballenstedt"),
    ]:
        url = reverse("ressourcen:feed", args=[akteur.slug, feed_token(akteur)])
        ics = client_fuer().get(url).content.decode()
        entfaltet = re.sub(r"\r\n[ \t]", "", ics)
        assert f"SUMMARY:{titel}" in entfaltet
        assert "DTSTART;VALUE=DATE:" + tag(5).strftime("%Y%m%d") in ics
        assert "DTEND;VALUE=DATE:" + tag(7).strftime("%Y%m%d") in ics
        assert "Privates Detail" not in ics and "CLASS:PRIVATE" in ics


def test_mein_bereich_zeigt_offene_anfragen(client_fuer, pavillon, mitglied_a, bewohner):
    anfrage(pavillon)
    html = client_fuer(mitglied_a).get(reverse("mein_bereich")).content.decode()
    assert "1 Anfrage für eure Ressourcen wartet" in html
    html = client_fuer(bewohner).get(reverse("mein_bereich")).content.decode()
    assert "Geteilte Ressourcen" not in html


def test_erinnerungsbefehl(pavillon, mitglied_a, akteur_b, mitglied_b, capsys):
    import time_machine

    ausleihe = anfrage(pavillon, akteur_b, von=4, bis=5, user=mitglied_b)
    services.ausleihe_annehmen(ausleihe=ausleihe, von=mitglied_a)
    mail.outbox.clear()
    with time_machine.travel(tag(5).isoformat() + "T08:00:00+01:00", tick=False):
        call_command("ressourcen_erinnerungen")
    assert "1 reminder(s) queued." in capsys.readouterr().out
    assert mail.outbox[0].subject == "Bitte heute zurückbringen: Faltpavillon"


def test_admin_und_entscheidungen(client_fuer, koordination, pavillon, mitglied_a):
    import time_machine

    a = anfrage(pavillon, von=20, bis=21)
    b = anfrage(pavillon, von=20, bis=21)
    services.ausleihe_annehmen(ausleihe=a, von=mitglied_a)
    admin = client_fuer(koordination)
    html = admin.get(reverse("admin:vereine_ressource_changelist"), {"o": "7"}).content.decode()
    assert '<td class="field-anzahl_ausleihen">1</td>' in html
    html = admin.get(reverse("admin:vereine_ressource_changelist"), {"q": "Falt"}).content
    assert b"Faltpavillon" in html
    with time_machine.travel(b.erstellt.timestamp() + 8 * 86400, tick=False):
        html = admin.get(reverse("admin:index")).content.decode()
        assert "seit über einer Woche unbeantwortet" in html
        liste = admin.get(reverse("admin:vereine_ausleihe_changelist"), {"wartet": "ja"})
        assert liste.context["cl"].result_count == 1
    assert admin.get(reverse("admin:vereine_ausleihe_change", args=[a.pk])).status_code == 200
    assert (
        admin.get(reverse("admin:vereine_ressource_change", args=[pavillon.pk])).status_code == 200
    )
