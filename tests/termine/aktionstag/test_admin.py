"""The Aktionstag's back office: clash warnings, decisions by actions, the decisions waiting."""

import pytest
from django.core import mail
from django.urls import reverse

from netzwerk import entscheidungen
from termine.models import Station
from tests.termine.aktionstag.factories import einsatz, station

pytestmark = pytest.mark.django_db


@pytest.fixture
def zwei_auf_platz_1(tag, akteur_a, akteur_b, mitglied_b):
    a = station(tag, akteur_a, status=Station.Status.EINGEREICHT)
    b = station(
        tag,
        akteur_b,
        titel="Hüpfburg",
        von=12,
        bis=14,
        status=Station.Status.EINGEREICHT,
        eingereicht_von=mitglied_b,
    )
    frei = station(tag, akteur_b, titel="Torwand", platz=2, status=Station.Status.EINGEREICHT)
    return a, b, frei


def test_liste_und_station_warnen_vor_ueberschneidungen(
    client_fuer, koordination, zwei_auf_platz_1
):
    a, b, frei = zwei_auf_platz_1
    client = client_fuer(koordination)
    liste = client.get(reverse("admin:termine_station_changelist")).content.decode()
    assert liste.count("icon-no.svg") == 2 and liste.count("icon-yes.svg") == 1
    seite = client.get(reverse("admin:termine_station_change", args=[b.pk])).content.decode()
    assert "Achtung" in seite and reverse("admin:termine_station_change", args=[a.pk]) in seite
    seite = client.get(reverse("admin:termine_station_change", args=[frei.pk])).content.decode()
    assert "Keine Überschneidung" in seite


def test_annehmen_per_aktion_schreibt_der_einreichenden(
    client_fuer, koordination, zwei_auf_platz_1, mitglied_b
):
    _a, b, _frei = zwei_auf_platz_1
    assert any(o.anzahl == 3 for o in entscheidungen.offene_entscheidungen())
    client_fuer(koordination).post(
        reverse("admin:termine_station_changelist"),
        {"action": "annehmen", "_selected_action": [b.pk]},
    )
    b.refresh_from_db()
    assert b.status == Station.Status.ANGENOMMEN
    assert mail.outbox[-1].to == [mitglied_b.email]
    assert "Hüpfburg" in mail.outbox[-1].subject


def test_schicht_mit_helfenden_und_vermerk(client_fuer, koordination, aufbau):
    einsatz(aufbau, gast_name="Gerd Gast", gast_email="g@example.org")
    client = client_fuer(koordination)
    seite = client.get(reverse("admin:termine_schicht_change", args=[aufbau.pk])).content
    assert "Gerd Gast" in seite.decode() and "zeugnis_eingesehen_am" in seite.decode()
    liste = client.get(reverse("admin:termine_schicht_changelist")).content.decode()
    assert "1 (2–3)" in liste
    tag = client.get(reverse("admin:termine_aktionstag_changelist")).content.decode()
    assert "Tag des Ehrenamts" in tag


def test_nur_ein_termin_der_kategorie_aktionstag(tag):
    from django.core.exceptions import ValidationError

    tag.termin.kategorie = "fest"
    with pytest.raises(ValidationError) as fehler:
        tag.full_clean()
    assert "termin" in fehler.value.message_dict
