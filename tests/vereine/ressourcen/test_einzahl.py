"""A count of one reads in the singular: "1 Tag Vorlauf", not "1 Tage Vorlauf"."""

import pytest
from django.urls import reverse

from tests.vereine.ressourcen.factories import RessourceFactory, tag
from vereine.ressourcen.models import Ausleihe

pytestmark = pytest.mark.django_db


def test_ein_tag_vorlauf_im_singular(client_fuer, akteur_a, mitglied_a, mitglied_b):
    pavillon = RessourceFactory(akteur=akteur_a, name="Faltpavillon", vorlauf_tage=1)
    antwort = client_fuer(mitglied_b).post(
        reverse("ressourcen:anfragen", args=[pavillon.pk]),
        {"von": tag(0).isoformat(), "bis": tag(1).isoformat(), "menge": 1},
    )
    html = antwort.content.decode()
    assert "brauchen 1 Tag Vorlauf" in html and "1 Tage" not in html
    assert not Ausleihe.objects.exists()
