"""The coordinators' back office for working groups."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from arbeitsgruppen import services
from arbeitsgruppen.models import Arbeitsgruppe, Aufgabe, Beitrittsanfrage, Mitglied
from tests.arbeitsgruppen.factories import (
    AufgabeFactory,
    BeitragFactory,
    LinkFactory,
    ThreadFactory,
    VorhabenFactory,
)


@pytest.fixture
def admin_client(client_fuer, koordination):
    return client_fuer(koordination)


@pytest.mark.parametrize(
    "modell",
    [
        "arbeitsgruppe",
        "mitglied",
        "aufgabe",
        "vorhaben",
        "dokument",
        "thread",
        "beitrittsanfrage",
        "einladung",
    ],
)
def test_listen_und_formulare_laden(admin_client, gruppe, leitung, mitglied, fremd, modell):
    AufgabeFactory(gruppe=gruppe, zustaendig=mitglied)
    VorhabenFactory(gruppe=gruppe)
    LinkFactory(gruppe=gruppe)
    BeitragFactory(thread=ThreadFactory(gruppe=gruppe))
    services.beitritt_anfragen(gruppe=gruppe, user=fremd)
    services.einladen(gruppe=gruppe, email="x@example.org", von=leitung)
    liste = admin_client.get(reverse(f"admin:arbeitsgruppen_{modell}_changelist"), {"q": "a"})
    assert liste.status_code == 200
    obj = liste.context["cl"].model.objects.first()
    aendern = admin_client.get(reverse(f"admin:arbeitsgruppen_{modell}_change", args=[obj.pk]))
    assert aendern.status_code == 200


def test_gruppe_mit_mitgliedern_als_inline(admin_client, gruppe, leitung, mitglied):
    seite = admin_client.get(reverse("admin:arbeitsgruppen_arbeitsgruppe_change", args=[gruppe.pk]))
    inhalt = seite.content.decode()
    assert "mitglieder-TOTAL_FORMS" in inhalt
    liste = admin_client.get(reverse("admin:arbeitsgruppen_arbeitsgruppe_changelist"))
    zeile = liste.context["cl"].result_list[0]
    assert (zeile._mitglieder, zeile._offen) == (2, 0)
    gesucht = admin_client.get(
        reverse("admin:arbeitsgruppen_arbeitsgruppe_changelist"), {"q": "leitung@example.org"}
    )
    assert [g.name for g in gesucht.context["cl"].result_list] == ["Gemeinschaftsgarten"]
    gefiltert = admin_client.get(
        reverse("admin:arbeitsgruppen_arbeitsgruppe_changelist"), {"sichtbarkeit": "intern"}
    )
    assert list(gefiltert.context["cl"].result_list) == []


def test_ueberfaellig_filter_und_erledigt_aktion(admin_client, gruppe, mitglied):
    heute = timezone.localdate()
    alt = AufgabeFactory(gruppe=gruppe, titel="Alt", faellig=heute - timedelta(days=1))
    AufgabeFactory(gruppe=gruppe, titel="Neu", faellig=heute + timedelta(days=30))
    url = reverse("admin:arbeitsgruppen_aufgabe_changelist")
    gefiltert = admin_client.get(url, {"faelligkeit": "ueberfaellig"})
    assert [a.titel for a in gefiltert.context["cl"].result_list] == ["Alt"]
    antwort = admin_client.post(
        url, {"action": "als_erledigt", "_selected_action": [alt.pk]}, follow=True
    )
    assert "1 Aufgabe als erledigt markiert." in antwort.content.decode()
    alt.refresh_from_db()
    assert alt.status == Aufgabe.Status.ERLEDIGT and alt.erledigt_am is not None


def test_anfrage_im_admin_annehmen_schickt_mail(admin_client, gruppe, leitung, fremd, mailoutbox):
    anfrage = services.beitritt_anfragen(gruppe=gruppe, user=fremd)
    admin_client.post(
        reverse("admin:arbeitsgruppen_beitrittsanfrage_changelist"),
        {"action": "annehmen", "_selected_action": [anfrage.pk]},
    )
    anfrage.refresh_from_db()
    assert anfrage.status == Beitrittsanfrage.Status.ANGENOMMEN
    assert Mitglied.objects.filter(gruppe=gruppe, user=fremd).exists()
    assert mailoutbox[-1].to == ["fremd@example.org"]


def test_nur_koordination_kommt_in_den_admin(client_fuer, leitung):
    antwort = client_fuer(leitung).get(reverse("admin:arbeitsgruppen_arbeitsgruppe_changelist"))
    assert antwort.status_code == 302


def test_gruppe_darf_keine_portal_adresse_als_kurzname_haben(client, koordination):
    client.force_login(koordination)
    antwort = client.post(
        reverse("admin:arbeitsgruppen_arbeitsgruppe_add"),
        {
            "name": "Meine Aufgaben",
            "slug": "meine-aufgaben",
            "sichtbarkeit": "oeffentlich",
            "mitglieder-TOTAL_FORMS": "0",
            "mitglieder-INITIAL_FORMS": "0",
        },
    )
    assert "Diese Adresse braucht das Portal selbst" in antwort.content.decode()
    assert not Arbeitsgruppe.objects.filter(slug="meine-aufgaben").exists()
