"""Coordinators answer requests in the admin: the same services, the same lock, no 500."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import mail
from django.urls import reverse

from tests.factories import AkteurFactory
from tests.vereine.ressourcen.factories import RessourceFactory, anfrage
from vereine.ressourcen import services
from vereine.ressourcen.models import Ausleihe, Belegung

pytestmark = pytest.mark.django_db

LISTE = "admin:vereine_ausleihe_changelist"


@pytest.fixture
def pavillon(akteur_a, mitglied_a):
    return RessourceFactory(akteur=akteur_a, name="Faltpavillon")


def _aktion(client, aktion, ausleihen, **daten):
    return client.post(
        reverse(LISTE),
        {"action": aktion, ACTION_CHECKBOX_NAME: [a.pk for a in ausleihen], **daten},
        follow=True,
    )


def test_annehmen_mit_zwischenseite(client_fuer, koordination, pavillon):
    ausleihe = anfrage(pavillon, AkteurFactory(name="Chor Rieder"), von=10, bis=12)
    mail.outbox.clear()
    admin = client_fuer(koordination)
    seite = _aktion(admin, "annehmen", [ausleihe]).content.decode()
    assert "Diese Anfragen werden angenommen" in seite and "Chor Rieder" in seite
    ausleihe.refresh_from_db()
    assert ausleihe.status == Ausleihe.Status.ANGEFRAGT  # nothing happens before the confirm

    seite = _aktion(
        admin, "annehmen", [ausleihe], bestaetigt="1", antwort="Abholung ab 9 Uhr"
    ).content.decode()
    assert "1 Anfrage angenommen." in seite
    ausleihe.refresh_from_db()
    assert ausleihe.status == Ausleihe.Status.ANGENOMMEN
    assert ausleihe.antwort == "Abholung ab 9 Uhr"
    assert ausleihe.beantwortet_von == koordination
    assert Belegung.objects.filter(ausleihe=ausleihe).count() == 1
    assert any("Abholung ab 9 Uhr" in m.body for m in mail.outbox)


def test_ueberschneidende_annahme_wird_mit_meldung_abgelehnt(
    client_fuer, koordination, pavillon, mitglied_a
):
    erste = anfrage(pavillon, von=10, bis=12)
    zweite = anfrage(pavillon, von=11, bis=13)
    services.ausleihe_annehmen(ausleihe=erste, von=mitglied_a)
    seite = _aktion(client_fuer(koordination), "annehmen", [zweite], bestaetigt="1")
    assert seite.status_code == 200
    html = seite.content.decode()
    assert "Nicht angenommen" in html and "Faltpavillon" in html
    zweite.refresh_from_db()
    assert zweite.status == Ausleihe.Status.ANGEFRAGT
    assert not Belegung.objects.filter(ausleihe=zweite).exists()


def test_zwei_sich_ueberschneidende_auf_einmal(client_fuer, koordination, pavillon):
    """Both selected: the older one gets the unit, the other is refused (not a 500)."""
    erste = anfrage(pavillon, von=10, bis=12)
    zweite = anfrage(pavillon, von=12, bis=14)
    html = _aktion(
        client_fuer(koordination), "annehmen", [zweite, erste], bestaetigt="1"
    ).content.decode()
    assert "1 Anfrage angenommen." in html and "Nicht angenommen" in html
    erste.refresh_from_db()
    zweite.refresh_from_db()
    assert (erste.status, zweite.status) == (Ausleihe.Status.ANGENOMMEN, Ausleihe.Status.ANGEFRAGT)


def test_ablehnen_braucht_eine_nachricht(client_fuer, koordination, pavillon):
    ausleihe = anfrage(pavillon, von=10, bis=12)
    mail.outbox.clear()
    admin = client_fuer(koordination)
    html = _aktion(admin, "ablehnen", [ausleihe], bestaetigt="1", antwort=" ").content.decode()
    assert "Bitte sag kurz, warum" in html
    ausleihe.refresh_from_db()
    assert ausleihe.status == Ausleihe.Status.ANGEFRAGT and mail.outbox == []

    html = _aktion(
        admin, "ablehnen", [ausleihe], bestaetigt="1", antwort="Ist in der Reparatur."
    ).content.decode()
    assert "1 Anfrage abgelehnt." in html
    ausleihe.refresh_from_db()
    assert ausleihe.status == Ausleihe.Status.ABGELEHNT
    assert ausleihe.antwort == "Ist in der Reparatur."
    assert mail.outbox


def test_nur_offene_anfragen(client_fuer, koordination, pavillon, mitglied_a):
    ausleihe = anfrage(pavillon, von=10, bis=12)
    services.ausleihe_ablehnen(ausleihe=ausleihe, von=mitglied_a, antwort="Nein")
    html = _aktion(client_fuer(koordination), "annehmen", [ausleihe]).content.decode()
    assert "Keine der gewählten Ausleihen ist eine offene Anfrage." in html
    ausleihe.refresh_from_db()
    assert ausleihe.status == Ausleihe.Status.ABGELEHNT
