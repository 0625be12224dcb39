"""The public calendar: list, month grid, day view, filters, detail; constant queries."""

from datetime import date

import pytest

from netzwerk.models import Schulferien
from termine import services
from tests.factories import AkteurFactory
from tests.termine.factories import OrtsteilFactory, TerminFactory, berlin

pytestmark = pytest.mark.django_db


def text(antwort) -> str:
    return antwort.content.decode()


def test_liste_zeigt_kommende_termine_mit_serie(client, jetzt, akteur_a):
    TerminFactory(
        titel="Vergangenes Fest", start=berlin(2026, 5, 1, 10), ende=berlin(2026, 5, 1, 12)
    )
    TerminFactory(
        titel="Sommerfest",
        start=berlin(2026, 6, 20, 14),
        ende=berlin(2026, 6, 20, 22),
        veranstalter=[akteur_a],
    )
    TerminFactory(
        titel="Training",
        start=berlin(2026, 5, 7, 18),
        ende=berlin(2026, 5, 7, 20),
        wiederholung="woechentlich",
    )
    seite = text(client.get("/termine/"))
    assert "Sommerfest" in seite
    assert "Heimatverein Ballenstedt" in seite
    assert "Vergangenes Fest" not in seite
    # The weekly training shows with its next occurrences, linked to the day.
    assert seite.count("Training") >= 5
    assert "?am=2026-06-04" in seite


def test_abgesagter_termin_bleibt_sichtbar_durchgestrichen_mit_grund(client, jetzt):
    termin = TerminFactory(
        titel="Sportfest", start=berlin(2026, 6, 10, 10), ende=berlin(2026, 6, 10, 16)
    )
    services.termin_absagen(termin=termin, grund="Der Platz ist überflutet.", von=None)
    seite = text(client.get("/termine/"))
    assert 'class="abgesagt">Sportfest' in seite
    assert "Der Platz ist überflutet." in seite
    detail = text(client.get(f"/termine/{termin.pk}/"))
    assert "Dieser Termin fällt aus" in detail or "abgesagt" in detail
    assert "Der Platz ist überflutet." in detail


def test_filter_kategorie_ortsteil_akteur_ferien(client, jetzt):
    badeborn = OrtsteilFactory(name="Badeborn", slug="badeborn")
    verein = AkteurFactory(name="Kulturverein", slug="kulturverein")
    Schulferien.objects.create(
        name="Sommerferien 2026", beginn=date(2026, 7, 4), ende=date(2026, 8, 14)
    )
    TerminFactory(
        titel="Konzert",
        kategorie="kultur",
        start=berlin(2026, 6, 5, 19),
        ende=berlin(2026, 6, 5, 21),
        veranstalter=[verein],
    )
    TerminFactory(
        titel="Fußballturnier",
        kategorie="sport",
        ortsteil=badeborn,
        start=berlin(2026, 6, 6, 10),
        ende=berlin(2026, 6, 6, 16),
    )
    TerminFactory(
        titel="Ferienzirkus",
        kategorie="kinder_jugend",
        start=berlin(2026, 7, 10, 10),
        ende=berlin(2026, 7, 10, 12),
    )

    def titel(query):
        seite = text(client.get("/termine/?" + query))
        return {t for t in ("Konzert", "Fußballturnier", "Ferienzirkus") if t in seite}

    assert titel("kategorie=kultur") == {"Konzert"}
    assert titel("ortsteil=badeborn") == {"Fußballturnier"}
    assert titel("akteur=kulturverein") == {"Konzert"}
    assert titel("ferien=on") == {"Ferienzirkus"}
    assert titel("") == {"Konzert", "Fußballturnier", "Ferienzirkus"}


def test_unbekannter_filterwert_ergibt_hinweis_statt_fehler(client, jetzt):
    antwort = client.get("/termine/?kategorie=quatsch&ortsteil=nirgendwo")
    assert antwort.status_code == 200
    assert "invalid-feedback" in text(antwort)


def test_monatsraster_und_tagesansicht(client, jetzt):
    TerminFactory(
        titel="Tag des Ehrenamts",
        ganztaegig=True,
        start=berlin(2026, 5, 22),
        ende=berlin(2026, 5, 23),
    )
    monat = text(client.get("/termine/monat/2026/5/"))
    assert "<table" in monat and "Tag des Ehrenamts" in monat
    kopf = monat[monat.index("<thead>") : monat.index("</thead>")]
    assert [k.split("</th>")[0] for k in kopf.split('scope="col">')[1:]] == [
        "Montag",
        "Dienstag",
        "Mittwoch",
        "Donnerstag",
        "Freitag",
        "Samstag",
        "Sonntag",
    ]
    assert "/termine/tag/2026/5/22/" in monat
    tag = text(client.get("/termine/tag/2026/5/22/"))
    assert "Tag des Ehrenamts" in tag
    assert "ganztägig" in tag
    assert "Tag des Ehrenamts" not in text(client.get("/termine/tag/2026/5/21/"))


def test_ungueltige_daten_ergeben_404(client):
    assert client.get("/termine/monat/2026/13/").status_code == 404
    assert client.get("/termine/tag/2026/2/30/").status_code == 404


def test_nicht_oeffentlicher_termin_ist_fuer_gaeste_404(client, client_fuer, mitglied_a):
    termin = TerminFactory(titel="Interne Runde", sichtbarkeit="netzwerk")
    assert client.get(f"/termine/{termin.pk}/").status_code == 404
    assert "Interne Runde" not in text(client.get("/termine/"))
    assert "Interne Runde" in text(client_fuer(mitglied_a).get(f"/termine/{termin.pk}/"))


def test_detail_einer_serie_zeigt_das_gewaehlte_vorkommen(client, jetzt):
    termin = TerminFactory(
        titel="Chorprobe",
        start=berlin(2026, 5, 6, 19),
        ende=berlin(2026, 5, 6, 21),
        wiederholung="woechentlich",
    )
    seite = text(client.get(f"/termine/{termin.pk}/?am=2026-06-17"))
    assert "17. Juni 2026" in seite
    assert "Nächste Termine dieser Reihe" in seite


@pytest.mark.parametrize("anzahl", [1, 30])
def test_liste_hat_konstante_abfragen(client, jetzt, django_assert_num_queries, anzahl):
    ortsteil = OrtsteilFactory()
    for i in range(anzahl):
        TerminFactory(
            veranstalter=[AkteurFactory()],
            ortsteil=ortsteil,
            start=berlin(2026, 6, 2 + i % 20, 18),
            ende=berlin(2026, 6, 2 + i % 20, 20),
            wiederholung="woechentlich" if i % 3 else "keine",
        )
    # + the horizon of the occurrences table, COUNT and LIMIT of the page.
    with django_assert_num_queries(9):
        client.get("/termine/")


@pytest.mark.parametrize("anzahl", [1, 30])
def test_monat_hat_konstante_abfragen(client, jetzt, django_assert_num_queries, anzahl):
    for i in range(anzahl):
        TerminFactory(
            veranstalter=[AkteurFactory()],
            start=berlin(2026, 6, 1 + i % 28, 18),
            ende=berlin(2026, 6, 1 + i % 28, 20),
        )
    # + the horizon of the occurrences table.
    with django_assert_num_queries(8):
        client.get("/termine/monat/2026/6/")


@pytest.mark.parametrize("anzahl", [1, 30])
def test_tag_hat_konstante_abfragen(client, jetzt, django_assert_num_queries, anzahl):
    for _ in range(anzahl):
        TerminFactory(
            veranstalter=[AkteurFactory()],
            start=berlin(2026, 6, 3, 18),
            ende=berlin(2026, 6, 3, 20),
        )
    # + the horizon of the occurrences table.
    with django_assert_num_queries(10):
        client.get("/termine/tag/2026/6/3/")
