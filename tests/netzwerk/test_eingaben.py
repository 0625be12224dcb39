"""Ids, numbers and dates from a request (netzwerk.eingaben), NUL bytes, development media.

What a visitor sees when they send something odd: a 404 for a day that is not in the
calendar, a field error in German with the typed value kept, a 400 page for NUL bytes; never
a 500. The sweep over every route and form is in test_feindliche_eingaben.py.
"""

from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse

from netzwerk.eingaben import datum, datum_oder_404, ganzzahl, id_aus
from termine.models import Termin
from tests.factories import ArbeitsgruppeFactory
from tests.termine.factories import TerminFactory
from tests.termine.formulare import formular_daten

RIESIG = "99999999999999999999"


@pytest.mark.parametrize(
    "wert,erwartet",
    [
        ("42", 42),
        ("0", 0),
        ("²", None),
        ("٣", None),
        (" 4", None),
        ("1_000", None),
        ("-1", None),
        ("", None),
        (None, None),
        (RIESIG, None),
        (str(2**63 - 1), 2**63 - 1),
        (str(2**63), None),
    ],
)
def test_ganzzahl_nur_ascii_ziffern_im_bereich_einer_datenbank_id(wert, erwartet):
    assert ganzzahl(wert) == erwartet


def test_id_ist_positiv():
    assert id_aus("0") is None
    assert id_aus("7") == 7


@pytest.mark.parametrize(
    "wert,erwartet",
    [
        ("2026-11-25", date(2026, 11, 25)),
        ("1900-01-01", date(1900, 1, 1)),
        ("2200-12-31", date(2200, 12, 31)),
        ("1899-12-31", None),
        ("2201-01-01", None),
        ("9999-12-31", None),
        ("0001-01-01", None),
        ("2026-02-30", None),
        ("20261125", None),
        ("2026-11-25T10:00", None),
        ("²026-11-25", None),
        (None, None),
    ],
)
def test_datum_nur_iso_tage_von_1900_bis_2200(wert, erwartet):
    assert datum(wert) == erwartet


@pytest.mark.parametrize(
    "tag", [(9999, 12, 31), (1, 1, 1), (0, 1, 1), (2026, 2, 30), (10**20, 1, 1)]
)
def test_datum_oder_404(tag):
    from django.http import Http404

    with pytest.raises(Http404):
        datum_oder_404(*tag)


# --- Calendar URLs and query parameters ---------------------------------------------------------
@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/termine/monat/0/1/",
        "/termine/monat/9999/12/",
        "/termine/monat/1899/12/",
        "/termine/tag/9999/12/31/",
        "/termine/tag/1/1/1/",
        "/termine/tag/2201/1/1/",
        f"/termine/tag/2026/{RIESIG}/1/",
        f"/termine/{RIESIG}/",
    ],
)
def test_tage_ausserhalb_des_kalenders_sind_nicht_gefunden(client, url):
    antwort = client.get(url)
    assert antwort.status_code == 404
    assert "Seite nicht gefunden" in antwort.content.decode()


@pytest.mark.django_db
def test_grenzen_des_kalenders_sind_erreichbar(client):
    assert client.get("/termine/monat/1900/1/").status_code == 200
    assert client.get("/termine/tag/2200/12/31/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("am", ["9999-12-31", "0001-01-01", "²", RIESIG])
def test_serie_mit_unsinnigem_tag_zeigt_das_naechste_vorkommen(client, am):
    termin = TerminFactory(titel="Lauftreff", wiederholung=Termin.Wiederholung.WOECHENTLICH)
    antwort = client.get(f"/termine/{termin.pk}/", {"am": am})
    assert antwort.status_code == 200
    assert "Lauftreff" in antwort.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("wert", ["²", RIESIG, "-1", "0"])
def test_aufgaben_mit_unsinnigem_vorhaben_zeigen_alle_aufgaben(client_fuer, bewohner, wert):
    gruppe = ArbeitsgruppeFactory(slug="garten", sichtbarkeit="oeffentlich")
    gruppe.aufgaben.create(titel="Beet umgraben", erstellt_von=bewohner)
    antwort = client_fuer(bewohner).get("/arbeitsgruppen/garten/aufgaben/", {"vorhaben": wert})
    assert antwort.status_code == 200
    assert "Beet umgraben" in antwort.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("wert", ["²", RIESIG])
def test_neuer_termin_mit_unsinniger_gruppe_ist_ein_leeres_formular(client_fuer, mitglied_a, wert):
    antwort = client_fuer(mitglied_a).get("/termine/neu/", {"gruppe": wert})
    assert antwort.status_code == 200
    assert 'name="titel"' in antwort.content.decode()


# --- Forms: a German message next to the field, the value kept -------------------------------
def _feld(html: str, feld_id: str) -> str:
    """The HTML around one field: where its error message stands."""
    stelle = html.index(f'id="{feld_id}"')
    return html[max(0, stelle - 1500) : stelle + 1500]


@pytest.mark.django_db
@pytest.mark.parametrize("tag", ["9999-12-31", "0001-01-01"])
@pytest.mark.parametrize("feld", ["start_datum", "ende_datum"])
def test_termin_am_rand_des_kalenders_ist_ein_feldfehler(
    client_fuer, mitglied_a, akteur_a, tag, feld
):
    client = client_fuer(mitglied_a)
    werte = {
        "titel": "Jahrtausendfest",
        "start_datum": "2026-09-12",
        "start_zeit": "14:00",
        "ende_zeit": "18:00",
        "kategorie": "fest",
        "veranstalter": [str(akteur_a.pk)],
        "ort": "Obstwiese",
        feld: tag,
    }
    daten = formular_daten(client.get("/termine/neu/"), **werte)
    antwort = client.post("/termine/neu/", daten)
    assert antwort.status_code == 200
    html = antwort.content.decode()
    umgebung = _feld(html, f"id_{feld}")
    assert "Bitte gib ein Datum zwischen dem 01.01.1900 und dem 31.12.2200 ein." in umgebung
    assert f'value="{tag}"' in umgebung
    assert 'value="Jahrtausendfest"' in html
    assert not Termin.objects.filter(titel="Jahrtausendfest").exists()

    # The live clash check of the same form answers with an empty list, not an error.
    abgleich = client.post("/termine/abgleich/", daten, headers={"HX-Request": "true"})
    assert abgleich.status_code == 200


@pytest.mark.django_db
def test_ausnahmetag_am_rand_des_kalenders_ist_ein_feldfehler(client_fuer, mitglied_a, akteur_a):
    client = client_fuer(mitglied_a)
    daten = formular_daten(
        client.get("/termine/neu/"),
        titel="Chor",
        start_datum="2026-09-12",
        start_zeit="19:00",
        kategorie="fest",
        veranstalter=[str(akteur_a.pk)],
        wiederholung="woechentlich",
        ausnahmen_text="31.12.9999",
    )
    html = client.post("/termine/neu/", daten).content.decode()
    umgebung = _feld(html, "id_ausnahmen_text")
    assert "Bitte gib ein Datum zwischen dem 01.01.1900 und dem 31.12.2200 ein." in umgebung
    assert 'value="31.12.9999"' in umgebung


@pytest.mark.django_db
@pytest.mark.parametrize("wert", [RIESIG, "²"])
def test_unsinniges_thema_eines_akteurs_ist_ein_feldfehler(client_fuer, mitglied_a, akteur_a, wert):
    client = client_fuer(mitglied_a)
    url = reverse("vereine:bearbeiten", args=[akteur_a.slug])
    daten = formular_daten(client.get(url), themen=[wert], kurzbeschreibung="Neu beschrieben")
    antwort = client.post(url, daten)
    assert antwort.status_code == 200
    html = antwort.content.decode()
    assert f"{wert} ist keine gültige Auswahl" in html
    assert "Neu beschrieben" in html
    akteur_a.refresh_from_db()
    assert akteur_a.kurzbeschreibung != "Neu beschrieben"


# --- NUL bytes ----------------------------------------------------------------------------------
@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/termine/?q=%00", "/akteure/?q=a%00b", "/termine/feed/%00.ics", "/akteure/%00/"]
)
def test_nul_in_adresse_oder_abfrage_ist_eine_fehlerhafte_anfrage(client, url):
    antwort = client.get(url)
    assert antwort.status_code == 400
    assert "Das hat nicht geklappt" in antwort.content.decode()


@pytest.mark.django_db
def test_nul_in_einem_formularwert_ist_eine_fehlerhafte_anfrage(client_fuer, bewohner):
    antwort = client_fuer(bewohner).post(
        "/barriere-melden/", {"seite": "/", "beschreibung": "Knopf\x00fehlt"}
    )
    assert antwort.status_code == 400
    assert "Das hat nicht geklappt" in antwort.content.decode()


# --- Development media --------------------------------------------------------------------------
@pytest.fixture
def medien(settings, tmp_path):
    settings.SERVE_MEDIA = True
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "akteure").mkdir()
    (tmp_path / "akteure" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\nlogo")
    (tmp_path / "private" / "dokumente").mkdir(parents=True)
    (tmp_path / "private" / "dokumente" / "geheim.pdf").write_bytes(b"%PDF-1.7 vertraulich")
    return tmp_path


@pytest.mark.django_db
def test_entwicklungsmedien_liefern_oeffentliche_dateien(client, medien):
    antwort = client.get("/media/akteure/logo.png")
    assert antwort.status_code == 200
    assert b"".join(antwort.streaming_content).endswith(b"logo")
    assert antwort["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/media/private/dokumente/geheim.pdf",
        "/media//private/dokumente/geheim.pdf",
        "/media/./private/dokumente/geheim.pdf",
        "/media/%2e/private/dokumente/geheim.pdf",
        "/media/%2E%2Fprivate/dokumente/geheim.pdf",
        "/media/%2Fprivate/dokumente/geheim.pdf",
        "/media/%252e/private/dokumente/geheim.pdf",
        "/media/akteure/../private/dokumente/geheim.pdf",
        "/media/akteure/%2e%2e/private/dokumente/geheim.pdf",
        "/media/akteure/..%2fprivate/dokumente/geheim.pdf",
        "/media/PRIVATE/dokumente/geheim.pdf",
        "/media/private/",
        "/media/../../etc/passwd",
        "/media/",
    ],
)
def test_entwicklungsmedien_liefern_nie_private_dateien(client, medien, url):
    antwort = client.get(url)
    assert antwort.status_code == 404
    inhalt = b"".join(antwort.streaming_content) if antwort.streaming else antwort.content
    assert b"vertraulich" not in inhalt


@pytest.mark.django_db
def test_private_datei_ueber_symlink_wird_nicht_geliefert(client, medien):
    (medien / "akteure" / "link").symlink_to(medien / "private")
    assert client.get("/media/akteure/link/dokumente/geheim.pdf").status_code == 404


@pytest.mark.django_db
def test_ohne_serve_media_liefert_die_anwendung_keine_medien(client, medien, settings):
    settings.SERVE_MEDIA = False
    assert client.get("/media/akteure/logo.png").status_code == 404
    assert Path(medien / "akteure" / "logo.png").exists()
