"""Offers and needs: the member form with the money rule and the review flag, the public list."""

import pytest
from django.urls import reverse

from tests.arbeitsgruppen.formular import formular
from tests.factories import AkteurFactory
from tests.vereine.marktplatz.factories import EintragFactory
from vereine.marktplatz.models import Eintrag

pytestmark = pytest.mark.django_db


def _ausfuellen(client, url, **werte) -> dict:
    form = formular(client.get(url), mit_feld="titel")
    daten = {**form["felder"], "typ": "angebot", "art": "know_how", **werte}
    return daten


def test_mitglied_bietet_an_und_es_ist_gleich_oeffentlich(client_fuer, mitglied_a, akteur_a):
    client = client_fuer(mitglied_a)
    url = reverse("marktplatz:eintrag_neu", args=[akteur_a.slug])
    daten = _ausfuellen(
        client,
        url,
        titel="Vereinsheim für Feiern",
        text="Unser Saal für 60 Leute",
        art="raeume",
        umfang="ein Wochenende im Monat",
    )
    antwort = client.post(url, daten, follow=True)
    assert "Euer Eintrag ist auf dem Markt" in antwort.content.decode()
    eintrag = Eintrag.objects.get(titel="Vereinsheim für Feiern")
    assert (eintrag.akteur, eintrag.status, eintrag.erstellt_von) == (
        akteur_a,
        "oeffentlich",
        mitglied_a,
    )
    liste = client_fuer().get(reverse("marktplatz:start")).content.decode()
    assert "Vereinsheim für Feiern" in liste


def test_geld_wird_freundlich_abgelehnt_und_eingaben_bleiben(client_fuer, mitglied_a, akteur_a):
    client = client_fuer(mitglied_a)
    url = reverse("marktplatz:eintrag_neu", args=[akteur_a.slug])
    daten = _ausfuellen(
        client,
        url,
        titel="Trikots für die Jugend",
        text="Wir suchen eine Spende von 500 €",
        umfang="einmalig",
    )
    html = client.post(url, daten).content.decode()
    assert "Beim Markt der guten Geschäfte wird alles gehandelt – außer Geld" in html
    assert "gefunden: „Spende“" in html
    assert 'value="Trikots für die Jugend"' in html
    assert "Wir suchen eine Spende von 500 €</textarea>" in html
    assert not Eintrag.objects.exists()


def test_konkurrenz_wartet_auf_die_koordination(client_fuer, mitglied_firma, firma):
    client = client_fuer(mitglied_firma)
    url = reverse("marktplatz:eintrag_neu", args=[firma.slug])
    daten = _ausfuellen(
        client,
        url,
        titel="Malerarbeiten im Vereinsheim",
        text="Zwei Gesellen, ein Tag",
        art="zeit",
        konkurrenz="on",
    )
    antwort = client.post(url, daten, follow=True)
    assert "Die Koordination schaut es sich an" in antwort.content.decode()
    eintrag = Eintrag.objects.get()
    assert eintrag.status == "pruefung"
    anonym = client_fuer()
    assert "Malerarbeiten" not in anonym.get(reverse("marktplatz:start")).content.decode()
    assert anonym.get(eintrag.get_absolute_url()).status_code == 404
    # The member still sees it, with a note.
    assert "Wartet auf Prüfung" in client.get(eintrag.get_absolute_url()).content.decode()


def test_filter_nach_art_ortsteil_und_seite(client, akteur_a, firma, ortsteile):
    EintragFactory(
        akteur=akteur_a, titel="Verein Zeit Badeborn", art="zeit", ortsteil=ortsteile["Badeborn"]
    )
    EintragFactory(
        akteur=firma, titel="Firma Zeit Badeborn", art="zeit", ortsteil=ortsteile["Badeborn"]
    )
    EintragFactory(
        akteur=firma, titel="Firma Räume Rieder", art="raeume", ortsteil=ortsteile["Rieder"]
    )
    EintragFactory(akteur=akteur_a, titel="Verein Bedarf", typ="bedarf", art="zeit")

    def titel(**params):
        html = client.get(reverse("marktplatz:start"), params).content.decode()
        return {
            t
            for t in [
                "Verein Zeit Badeborn",
                "Firma Zeit Badeborn",
                "Firma Räume Rieder",
                "Verein Bedarf",
            ]
            if t in html
        }

    assert titel(art="zeit", typ="angebot") == {"Verein Zeit Badeborn", "Firma Zeit Badeborn"}
    assert titel(ortsteil="rieder") == {"Firma Räume Rieder"}
    assert titel(seite="unternehmen") == {"Firma Zeit Badeborn", "Firma Räume Rieder"}
    assert titel(seite="gemeinnuetzig") == {"Verein Zeit Badeborn", "Verein Bedarf"}
    assert titel(typ="bedarf") == {"Verein Bedarf"}


def test_htmx_bekommt_nur_die_ergebnisse(client, akteur_a):
    EintragFactory(akteur=akteur_a, titel="Nur das Stück")
    html = client.get(reverse("marktplatz:start"), headers={"HX-Request": "true"}).content.decode()
    assert html.lstrip().startswith('<div id="ergebnisse">')
    assert "Nur das Stück" in html and "<html" not in html


@pytest.mark.parametrize("anzahl", [1, 30])
def test_liste_braucht_feste_zahl_von_abfragen(
    client, ortsteile, django_assert_num_queries, anzahl
):
    for i in range(anzahl):
        akteur = AkteurFactory(art="unternehmen" if i % 2 else "verein")
        EintragFactory(akteur=akteur, ortsteil=ortsteile["Badeborn"], titel=f"Eintrag {i:03}")
    # Netzwerkprofil, count, page, markets, districts of the filter form.
    with django_assert_num_queries(5):
        html = client.get(reverse("marktplatz:start")).content.decode()
    assert html.count("marktplatz-eintrag ") == min(anzahl, 20)


def test_seiten(client, akteur_a):
    for i in range(25):
        EintragFactory(akteur=akteur_a, titel=f"Eintrag {i:02}")
    html = client.get(reverse("marktplatz:start"), {"seite": 2}).content.decode()
    assert html.count("marktplatz-eintrag ") == 5


def test_marktplatz_steht_in_der_hauptnavigation(client):
    html = client.get(reverse("startseite")).content.decode()
    assert f'href="{reverse("marktplatz:start")}">Marktplatz</a>' in html


def test_mein_bereich_fuehrt_zum_marktplatz_des_akteurs(client_fuer, mitglied_a, akteur_a):
    html = client_fuer(mitglied_a).get(reverse("mein_bereich")).content.decode()
    assert f'href="{reverse("marktplatz:eigene", args=[akteur_a.slug])}">Marktplatz</a>' in html
