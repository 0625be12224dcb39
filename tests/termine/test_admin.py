"""The admin back office: upcoming by default, clash column, cancel and duplicate actions."""

import pytest

from termine.models import Termin
from tests.termine.factories import TerminFactory, berlin

pytestmark = pytest.mark.django_db

LISTE = "/admin/termine/termin/"


@pytest.fixture
def admin_client(client_fuer, koordination):
    return client_fuer(koordination)


def test_standardmaessig_nur_kommende(admin_client, jetzt):
    TerminFactory(titel="Altes Fest", start=berlin(2026, 4, 1, 10), ende=berlin(2026, 4, 1, 12))
    TerminFactory(titel="Neues Fest", start=berlin(2026, 7, 1, 10), ende=berlin(2026, 7, 1, 12))
    seite = admin_client.get(LISTE).content.decode()
    assert "Neues Fest" in seite and "Altes Fest" not in seite
    alle = admin_client.get(LISTE + "?zeit=alle").content.decode()
    assert "Neues Fest" in alle and "Altes Fest" in alle
    vergangen = admin_client.get(LISTE + "?zeit=vergangene").content.decode()
    assert "Altes Fest" in vergangen and "Neues Fest" not in vergangen


def test_konfliktspalte_zaehlt_ueberschneidungen(admin_client, jetzt):
    a = TerminFactory(titel="Stadtfest", start=berlin(2026, 7, 4, 10), ende=berlin(2026, 7, 4, 22))
    TerminFactory(titel="Turnier", start=berlin(2026, 7, 4, 14), ende=berlin(2026, 7, 4, 18))
    TerminFactory(
        titel="Abgesagt",
        start=berlin(2026, 7, 4, 14),
        ende=berlin(2026, 7, 4, 18),
        status="abgesagt",
        absage_grund="Regen",
    )
    TerminFactory(titel="Allein", start=berlin(2026, 7, 8, 14), ende=berlin(2026, 7, 8, 18))
    antwort = admin_client.get(LISTE)
    zahlen = {t.titel: t.konflikt_anzahl for t in antwort.context["cl"].result_list}
    assert zahlen == {"Stadtfest": 1, "Turnier": 1, "Abgesagt": 0, "Allein": 0}
    assert a.pk


@pytest.mark.parametrize("anzahl", [1, 25])
def test_liste_konstante_abfragen(admin_client, jetzt, akteur_a, django_assert_num_queries, anzahl):
    for i in range(anzahl):
        TerminFactory(
            veranstalter=[akteur_a],
            start=berlin(2026, 7, 1 + i % 5, 18),
            ende=berlin(2026, 7, 1 + i % 5, 20),
        )
    with django_assert_num_queries(15):
        admin_client.get(LISTE)


def test_absagen_mit_zwischenseite(admin_client, jetzt):
    termin = TerminFactory(titel="Sommerfest")
    daten = {"action": "absagen", "_selected_action": [termin.pk]}
    zwischen = admin_client.post(LISTE, daten)
    assert zwischen.status_code == 200
    assert "Sommerfest" in zwischen.content.decode()
    termin.refresh_from_db()
    assert termin.status == "bestaetigt"
    admin_client.post(LISTE, {**daten, "grund": "Unwetterwarnung"})
    termin.refresh_from_db()
    assert (termin.status, termin.absage_grund, termin.sequence) == (
        "abgesagt",
        "Unwetterwarnung",
        1,
    )


def test_duplizieren(admin_client, jetzt, akteur_a):
    termin = TerminFactory(
        titel="Herbstmarkt", veranstalter=[akteur_a], status="abgesagt", absage_grund="x"
    )
    admin_client.post(LISTE, {"action": "duplizieren", "_selected_action": [termin.pk]})
    kopie = Termin.objects.exclude(pk=termin.pk).get()
    assert kopie.titel == "Herbstmarkt" and kopie.uid != termin.uid
    assert kopie.status == "geplant" and kopie.absage_grund == ""
    assert list(kopie.veranstalter.all()) == [akteur_a]


def test_speichern_im_admin_erhoeht_sequenz(admin_client, jetzt):
    termin = TerminFactory(titel="Lesung")
    seite = admin_client.get(f"{LISTE}{termin.pk}/change/")
    assert seite.status_code == 200
    from tests.termine.formulare import formular_daten

    daten = formular_daten(seite, titel="Lesung im Schloss")
    daten.pop("_addanother", None)
    daten.pop("_continue", None)
    antwort = admin_client.post(f"{LISTE}{termin.pk}/change/", daten)
    assert antwort.status_code == 302, antwort.content.decode()[:3000]
    termin.refresh_from_db()
    assert (termin.titel, termin.sequence) == ("Lesung im Schloss", 1)


def test_suche(admin_client, jetzt):
    TerminFactory(titel="Kräutermarkt")
    TerminFactory(titel="Laternenumzug")
    seite = admin_client.get(LISTE + "?q=kräuter").content.decode()
    assert "Kräutermarkt" in seite and "Laternenumzug" not in seite
