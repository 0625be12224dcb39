"""Lernen durch Engagement in the back office: lists with filters and search, the action that
takes needs off the board, and deleting a project together with its Termine."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from arbeitsgruppen.lde import services
from arbeitsgruppen.lde.models import Engagementbedarf, Klassenprojekt
from termine.models import Termin
from tests.arbeitsgruppen.lde.factories import BedarfFactory, projekt, tag

pytestmark = pytest.mark.django_db


def test_listen_mit_filtern_und_suche(client_fuer, koordination, schule, akteur_a, lehrkraft):
    BedarfFactory(akteur=akteur_a, titel="Vorlesen in der Kita")
    p = projekt(schule, [akteur_a], von=lehrkraft)
    services.reflexion_schreiben(phase=p.phasen.first(), text="Gut gelaufen", von=lehrkraft)
    admin = client_fuer(koordination)
    for name, suche, erwartet in [
        ("engagementbedarf", "Kita", "Vorlesen in der Kita"),
        ("klassenprojekt", "6b", "Insektenhotel für den Garten"),
        ("reflexion", "Gut", "Gut gelaufen"),
    ]:
        url = reverse(f"admin:arbeitsgruppen_{name}_changelist")
        html = admin.get(url, {"q": suche}).content.decode()
        assert erwartet in html, name
    html = admin.get(reverse("admin:arbeitsgruppen_klassenprojekt_change", args=[p.pk]))
    assert "Recherche" in html.content.decode()


def test_aktion_nimmt_bedarfe_von_der_pinnwand(client_fuer, koordination):
    offen, erledigt = BedarfFactory(), BedarfFactory(status="erledigt")
    seite = client_fuer(koordination).post(
        reverse("admin:arbeitsgruppen_engagementbedarf_changelist"),
        {"action": "zurueckziehen", ACTION_CHECKBOX_NAME: [offen.pk, erledigt.pk]},
        follow=True,
    )
    assert "1 Bedarf von der Pinnwand genommen." in seite.content.decode()
    status = dict(Engagementbedarf.objects.values_list("pk", "status"))
    assert status == {offen.pk: "zurueckgezogen", erledigt.pk: "erledigt"}


def test_loeschen_nimmt_die_termine_mit(client_fuer, koordination, schule, akteur_a):
    p = projekt(schule, [akteur_a])
    services.phasen_speichern(projekt=p, daten={"aktion": (tag(3), tag(4))}, von=None)
    assert Termin.objects.count() == 1
    client_fuer(koordination).post(
        reverse("admin:arbeitsgruppen_klassenprojekt_delete", args=[p.pk]), {"post": "yes"}
    )
    assert not Klassenprojekt.objects.exists()
    assert not Termin.objects.exists()
    q = projekt(schule, [akteur_a])
    services.phasen_speichern(projekt=q, daten={"aktion": (tag(3), tag(4))}, von=None)
    client_fuer(koordination).post(
        reverse("admin:arbeitsgruppen_klassenprojekt_changelist"),
        {"action": "delete_selected", ACTION_CHECKBOX_NAME: [q.pk], "post": "yes"},
    )
    assert not Klassenprojekt.objects.exists()
    assert not Termin.objects.exists()


def test_navigation_fuehrt_zu_den_projekten(client_fuer):
    html = client_fuer().get(reverse("seite", args=["impressum"])).content.decode()
    assert f'href="{reverse("lde:projekte")}">Lernen durch Engagement</a>' in html
