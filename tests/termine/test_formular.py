"""Members enter, edit and cancel dates of their own actors; the Terminabgleich warns."""

import pytest

from termine.models import Termin
from tests.factories import ArbeitsgruppeFactory
from tests.termine.factories import TerminFactory, berlin
from tests.termine.formulare import formular_daten

pytestmark = pytest.mark.django_db


def text(antwort) -> str:
    return antwort.content.decode()


@pytest.fixture
def mitglied(client_fuer, mitglied_a):
    return client_fuer(mitglied_a)


def neues_formular(client, akteur, **felder):
    seite = client.get("/termine/neu/")
    werte = {
        "titel": "Apfelfest",
        "start_datum": "2026-09-12",
        "start_zeit": "14:00",
        "ende_zeit": "18:00",
        "kategorie": "fest",
        "veranstalter": [str(akteur.pk)],
        "ort": "Obstwiese",
    }
    werte.update(felder)
    return formular_daten(seite, **werte)


def test_gaeste_werden_zur_anmeldung_geschickt(client):
    antwort = client.get("/termine/neu/")
    assert antwort.status_code == 302
    assert "/konto/login/" in antwort["Location"]


def test_mitglied_legt_termin_an(mitglied, jetzt, akteur_a, mitglied_a):
    antwort = mitglied.post("/termine/neu/", neues_formular(mitglied, akteur_a))
    termin = Termin.objects.get(titel="Apfelfest")
    assert antwort.status_code == 302 and antwort["Location"] == f"/termine/{termin.pk}/"
    assert termin.start == berlin(2026, 9, 12, 14)
    assert termin.ende == berlin(2026, 9, 12, 18)
    assert list(termin.veranstalter.all()) == [akteur_a]
    assert termin.erstellt_von == mitglied_a
    assert termin.sequence == 0
    assert "Apfelfest" in text(mitglied.get(antwort["Location"]))


def test_fremder_veranstalter_ist_ein_feldfehler(mitglied, jetzt, akteur_a, akteur_b):
    daten = neues_formular(mitglied, akteur_a, veranstalter=[str(akteur_b.pk)])
    antwort = mitglied.post("/termine/neu/", daten)
    assert antwort.status_code == 200
    assert "Auswahl" in text(antwort) or "gültige" in text(antwort)
    assert 'value="Apfelfest"' in text(antwort)  # nothing typed is lost
    assert not Termin.objects.exists()


def test_fremde_termine_sind_404(mitglied, akteur_b):
    termin = TerminFactory(veranstalter=[akteur_b])
    assert mitglied.get(f"/termine/{termin.pk}/bearbeiten/").status_code == 404
    assert mitglied.post(f"/termine/{termin.pk}/absagen/", {"grund": "x"}).status_code == 404
    termin.refresh_from_db()
    assert termin.status == "bestaetigt"


def test_ende_vor_start_gibt_deutsche_meldung_am_feld(mitglied, jetzt, akteur_a):
    daten = neues_formular(mitglied, akteur_a, ende_zeit="12:00")
    antwort = mitglied.post("/termine/neu/", daten)
    assert "Das Ende liegt vor dem Beginn" in text(antwort)
    assert not Termin.objects.exists()


def test_ohne_uhrzeit_und_nicht_ganztaegig(mitglied, jetzt, akteur_a):
    daten = neues_formular(mitglied, akteur_a, start_zeit="", ende_zeit="")
    antwort = mitglied.post("/termine/neu/", daten)
    assert "Bitte gib eine Anfangszeit an" in text(antwort)


def test_ganztaegig_mehrtaegig(mitglied, jetzt, akteur_a):
    daten = neues_formular(
        mitglied, akteur_a, start_zeit="", ende_zeit="", ganztaegig="on", ende_datum="2026-09-13"
    )
    mitglied.post("/termine/neu/", daten)
    termin = Termin.objects.get()
    assert (termin.start, termin.ende) == (berlin(2026, 9, 12), berlin(2026, 9, 14))


def test_terminabgleich_warnt_und_speichert_erst_auf_wunsch(mitglied, jetzt, akteur_a, akteur_b):
    TerminFactory(
        titel="Stadtfest",
        grossveranstaltung=True,
        kategorie="fest",
        start=berlin(2026, 9, 12, 10),
        ende=berlin(2026, 9, 12, 23),
        veranstalter=[akteur_b],
    )
    antwort = mitglied.post("/termine/neu/", neues_formular(mitglied, akteur_a))
    seite = text(antwort)
    assert "Terminabgleich" in seite
    assert "Stadtfest" in seite
    assert "Großveranstaltung am selben Tag" in seite
    assert not Termin.objects.filter(titel="Apfelfest").exists()
    # The re-shown form holds everything; ticking "save anyway" saves.
    daten = formular_daten(antwort, trotzdem_speichern="on")
    antwort = mitglied.post("/termine/neu/", daten)
    assert antwort.status_code == 302
    assert Termin.objects.filter(titel="Apfelfest").exists()


def test_trotzdem_speichern_ohne_haekchen_sagt_es_neben_dem_kaestchen(
    mitglied, jetzt, akteur_a, akteur_b
):
    TerminFactory(
        titel="Stadtfest",
        start=berlin(2026, 9, 12, 10),
        ende=berlin(2026, 9, 12, 23),
        veranstalter=[akteur_b],
    )
    antwort = mitglied.post("/termine/neu/", neues_formular(mitglied, akteur_a))
    antwort = mitglied.post("/termine/neu/", formular_daten(antwort, trotzdem="1"))
    seite = text(antwort)
    assert not Termin.objects.filter(titel="Apfelfest").exists()
    fehler = "Bitte setz hier das Häkchen, wenn du trotz der anderen Termine speichern willst."
    # The message belongs to the box: crispy puts it right below, linked by the field's id.
    # The message belongs to the box: marked invalid and described by the message below it.
    assert 'aria-invalid="true" aria-describedby="id_trotzdem_speichern_error"' in seite
    unter_dem_kaestchen = seite.split('id="id_trotzdem_speichern_error"')[1][:400]
    assert fehler in unter_dem_kaestchen
    # Ticked, it saves.
    antwort = mitglied.post(
        "/termine/neu/", formular_daten(antwort, trotzdem="1", trotzdem_speichern="on")
    )
    assert antwort.status_code == 302


def test_terminabgleich_verraet_keine_gruppentermine(mitglied, jetzt, akteur_a):
    gruppe = ArbeitsgruppeFactory()
    TerminFactory(
        titel="Geheime Sitzung",
        sichtbarkeit="gruppe",
        arbeitsgruppe=gruppe,
        start=berlin(2026, 9, 12, 15),
        ende=berlin(2026, 9, 12, 16),
    )
    antwort = mitglied.post("/termine/neu/", neues_formular(mitglied, akteur_a))
    assert "Geheime Sitzung" not in text(antwort)
    assert antwort.status_code == 302


def test_live_abgleich_per_htmx(mitglied, jetzt, akteur_a, akteur_b):
    TerminFactory(
        titel="Stadtfest",
        start=berlin(2026, 9, 12, 10),
        ende=berlin(2026, 9, 12, 23),
        veranstalter=[akteur_b],
    )
    antwort = mitglied.post(
        "/termine/abgleich/", neues_formular(mitglied, akteur_a), headers={"HX-Request": "true"}
    )
    assert "Stadtfest" in text(antwort)
    assert "<html" not in text(antwort)
    leer = mitglied.post("/termine/abgleich/", {"titel": ""}, headers={"HX-Request": "true"})
    assert "Stadtfest" not in text(leer)


def test_bearbeiten_erhoeht_die_sequenz(mitglied, jetzt, akteur_a):
    termin = TerminFactory(
        titel="Stammtisch",
        veranstalter=[akteur_a],
        start=berlin(2026, 9, 1, 19),
        ende=berlin(2026, 9, 1, 21),
    )
    seite = mitglied.get(f"/termine/{termin.pk}/bearbeiten/")
    assert 'value="2026-09-01"' in text(seite) and 'value="19:00"' in text(seite)
    daten = formular_daten(seite, titel="Stammtisch im Herbst", trotzdem_speichern="on")
    mitglied.post(f"/termine/{termin.pk}/bearbeiten/", daten)
    termin.refresh_from_db()
    assert termin.titel == "Stammtisch im Herbst"
    assert termin.sequence == 1
    assert termin.start == berlin(2026, 9, 1, 19)


def test_serie_mit_ausnahmen_anlegen(mitglied, jetzt, akteur_a):
    daten = neues_formular(
        mitglied,
        akteur_a,
        wiederholung="woechentlich",
        intervall="1",
        ausnahmen_text="19.09.2026, 2026-09-26",
        trotzdem_speichern="on",
    )
    mitglied.post("/termine/neu/", daten)
    termin = Termin.objects.get()
    assert termin.wochentag == 5  # Saturday, taken from the start
    assert [str(a.datum) for a in termin.ausnahmen.all()] == ["2026-09-19", "2026-09-26"]


def test_unlesbare_ausnahme(mitglied, jetzt, akteur_a):
    daten = neues_formular(mitglied, akteur_a, wiederholung="woechentlich", ausnahmen_text="morgen")
    antwort = mitglied.post("/termine/neu/", daten)
    assert "„morgen“" in text(antwort) or "morgen" in text(antwort)
    assert not Termin.objects.exists()


def test_absagen_mit_grund(mitglied, jetzt, akteur_a):
    termin = TerminFactory(titel="Sommerfest", veranstalter=[akteur_a])
    leer = mitglied.post(f"/termine/{termin.pk}/absagen/", {"grund": ""})
    assert leer.status_code == 200
    mitglied.post(f"/termine/{termin.pk}/absagen/", {"grund": "Zu viel Regen"})
    termin.refresh_from_db()
    assert (termin.status, termin.absage_grund, termin.sequence) == ("abgesagt", "Zu viel Regen", 1)


def test_meine_termine_listet_nur_eigene(
    mitglied, jetzt, akteur_a, akteur_b, django_assert_num_queries
):
    TerminFactory(titel="Eigenes Fest", veranstalter=[akteur_a])
    TerminFactory(titel="Fremdes Fest", veranstalter=[akteur_b])
    seite = text(mitglied.get("/termine/mein/"))
    assert "Eigenes Fest" in seite and "Fremdes Fest" not in seite


@pytest.mark.parametrize("anzahl", [1, 25])
def test_meine_termine_konstante_abfragen(
    mitglied, jetzt, akteur_a, django_assert_num_queries, anzahl
):
    for _ in range(anzahl):
        TerminFactory(veranstalter=[akteur_a])
    with django_assert_num_queries(6):
        mitglied.get("/termine/mein/")


def _png() -> bytes:
    import io

    from PIL import Image

    puffer = io.BytesIO()
    Image.new("RGB", (40, 30), "green").save(puffer, "PNG")
    return puffer.getvalue()


def test_bild_wird_geprueft_und_gespeichert(mitglied, jetzt, akteur_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    daten = neues_formular(mitglied, akteur_a, bild_alt="Eine grüne Wiese")
    daten["bild"] = SimpleUploadedFile("wiese.png", _png(), content_type="image/png")
    antwort = mitglied.post("/termine/neu/", daten)
    assert antwort.status_code == 302
    termin = Termin.objects.get()
    assert termin.bild.name.startswith("termine/bilder/") and "wiese" not in termin.bild.name
    assert 'alt="Eine grüne Wiese"' in text(mitglied.get(antwort["Location"]))


def test_kein_bild_wird_abgelehnt(mitglied, jetzt, akteur_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    daten = neues_formular(mitglied, akteur_a)
    daten["bild"] = SimpleUploadedFile(
        "boese.png", b"<html>kein Bild</html>", content_type="image/png"
    )
    antwort = mitglied.post("/termine/neu/", daten)
    assert antwort.status_code == 200
    assert 'value="Apfelfest"' in text(antwort)
    assert not Termin.objects.exists()
