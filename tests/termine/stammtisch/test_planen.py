# ruff: noqa: F811  (the fixtures of test_admin.py are imported, then requested by name)
"""The planning page's host choices are a formset (termine/stammtisch/admin/planen.py): one
choice per proposal, a host from outside the pool is refused next to its row with what was
chosen kept, and the posted form count cannot add meetings."""

import pytest
from django.urls import reverse

from termine.models import Stammtisch
from tests.factories import AkteurFactory
from tests.termine.stammtisch.test_admin import (  # noqa: F401  (fixtures)
    admin_client,
    formular,
    jetzt,
    reihe,
)

pytestmark = pytest.mark.django_db


def _seite(admin_client, reihe, anzahl=3):
    url = reverse("admin:termine_stammtischreihe_planen", args=[reihe.pk])
    seite = admin_client.get(url, {"anzahl": anzahl}).content.decode()
    return url, formular(seite.split("</form>", 1)[1]) | {"anlegen": ["1"]}


def test_ein_gastgeber_ausserhalb_des_pools_wird_am_feld_abgelehnt(jetzt, admin_client, reihe):
    url, daten = _seite(admin_client, reihe)
    chor = reihe.pool.get(akteur__name="Chor Harmonie").akteur
    daten["gastgeber-0-gastgeber"] = [str(chor.pk)]
    daten["gastgeber-1-gastgeber"] = [str(AkteurFactory(name="Fremder Verein").pk)]
    antwort = admin_client.post(url, daten)
    inhalt = antwort.content.decode()
    assert "Bitte wähle einen Gastgeber aus dem Pool." in inhalt
    assert f'<option value="{chor.pk}" selected>Chor Harmonie</option>' in inhalt
    assert not Stammtisch.objects.exists()


def test_niemand_als_gastgeber_ist_erlaubt(jetzt, admin_client, reihe):
    url, daten = _seite(admin_client, reihe, anzahl=2)
    daten["gastgeber-1-gastgeber"] = [""]
    admin_client.post(url, daten)
    stammtische = list(Stammtisch.objects.order_by("termin__start"))
    assert len(stammtische) == 2
    assert stammtische[0].gastgeber is not None and stammtische[1].gastgeber is None


def test_die_formularzahl_im_post_legt_keine_weiteren_termine_an(jetzt, admin_client, reihe):
    url, daten = _seite(admin_client, reihe, anzahl=2)
    daten["gastgeber-TOTAL_FORMS"] = ["9"]
    admin_client.post(url, daten)
    assert Stammtisch.objects.count() == 2
