"""The admin's start page lists what waits for a coordinator's decision."""

import pytest
from django.urls import reverse

from arbeitsgruppen.models import Beitrittsanfrage
from tests.factories import (
    AkteurFactory,
    ArbeitsgruppeFactory,
    FerienangebotFactory,
    StammtischFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_nichts_wartet(client, koordination):
    client.force_login(koordination)
    html = client.get(reverse("admin:index")).content.decode()
    assert "Wartet auf deine Entscheidung" in html
    assert "Nichts wartet" in html


def test_offene_entscheidungen_mit_anzahl_und_link(client, koordination):
    AkteurFactory(status="beantragt")
    AkteurFactory(status="beantragt")
    AkteurFactory(status="aktiv")
    FerienangebotFactory(status="eingereicht")
    StammtischFactory(gastgeber_status="abgelehnt")
    Beitrittsanfrage.objects.create(gruppe=ArbeitsgruppeFactory(), user=UserFactory())
    client.force_login(koordination)
    html = client.get(reverse("admin:index")).content.decode()

    akteure = reverse("admin:vereine_akteur_changelist") + "?status__exact=beantragt"
    assert f'<a href="{akteure}">Vorgeschlagene Akteure' in html
    assert "<td>2</td>" in html
    assert "Ferienangebote, die auf Veröffentlichung warten" in html
    assert "Gastgeber abgesagt" in html
    assert "Anfragen, einer Arbeitsgruppe beizutreten" in html
    assert "Nichts wartet" not in html
    # The link leads to the filtered list.
    liste = client.get(akteure).content.decode()
    assert "2 Akteure" in liste or "2 von" in liste
