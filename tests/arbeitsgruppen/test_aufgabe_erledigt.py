"""`erledigt_am` follows one rule, in the service, whichever way a task is saved: set when the
task becomes done (a done task keeps its day), cleared when it is reopened – on the board, in
the group's task form and in the admin's change form."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from arbeitsgruppen import services
from arbeitsgruppen.models import Aufgabe
from tests.arbeitsgruppen.factories import AufgabeFactory
from tests.arbeitsgruppen.formular import formular

pytestmark = pytest.mark.django_db


def test_erledigt_am_wird_gesetzt_behalten_und_geloescht(gruppe):
    montag = timezone.now()
    aufgabe = services.aufgabe_speichern(
        aufgabe=AufgabeFactory.build(gruppe=gruppe, status=Aufgabe.Status.ERLEDIGT), jetzt=montag
    )
    assert aufgabe.erledigt_am == montag
    services.aufgabe_speichern(aufgabe=aufgabe, jetzt=montag + timedelta(days=2))
    services.aufgabe_status_setzen(
        aufgabe=aufgabe, status=Aufgabe.Status.ERLEDIGT, jetzt=montag + timedelta(days=3)
    )
    aufgabe.refresh_from_db()
    assert aufgabe.erledigt_am == montag
    services.aufgabe_status_setzen(aufgabe=aufgabe, status=Aufgabe.Status.OFFEN)
    aufgabe.refresh_from_db()
    assert aufgabe.erledigt_am is None


def test_das_aufgabenformular_der_gruppe_setzt_erledigt_am(client_fuer, gruppe, leitung):
    aufgabe = AufgabeFactory(gruppe=gruppe, titel="Hochbeet bauen")
    c = client_fuer(leitung)
    seite = c.get(reverse("arbeitsgruppen:aufgabe_bearbeiten", args=[gruppe.slug, aufgabe.pk]))
    form = formular(seite, mit_feld="titel")
    c.post(seite.request["PATH_INFO"], form["felder"] | {"status": "erledigt"})
    aufgabe.refresh_from_db()
    assert aufgabe.status == "erledigt" and aufgabe.erledigt_am is not None


def test_das_adminformular_setzt_und_loescht_erledigt_am(admin_client, gruppe):
    aufgabe = AufgabeFactory(gruppe=gruppe, titel="Hochbeet bauen")
    url = reverse("admin:arbeitsgruppen_aufgabe_change", args=[aufgabe.pk])
    form = formular(admin_client.get(url), mit_feld="titel")
    admin_client.post(url, form["felder"] | {"status": "erledigt"})
    aufgabe.refresh_from_db()
    assert aufgabe.status == "erledigt" and aufgabe.erledigt_am is not None
    form = formular(admin_client.get(url), mit_feld="titel")
    admin_client.post(url, form["felder"] | {"status": "offen"})
    aufgabe.refresh_from_db()
    assert aufgabe.status == "offen" and aufgabe.erledigt_am is None
