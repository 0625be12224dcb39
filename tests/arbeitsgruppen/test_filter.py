"""The working groups' list filters are FilterSets (arbeitsgruppen/filters.py): they filter
what they should, keep the chosen value in the page's form, and drop a value that is not a
choice instead of failing."""

import pytest
from django.urls import reverse

from tests.arbeitsgruppen.factories import ThreadFactory, VorhabenFactory

pytestmark = pytest.mark.django_db


def test_vorhaben_nach_status(client_fuer, gruppe, leitung):
    VorhabenFactory(gruppe=gruppe, titel="Saatgutbörse", status="laeuft")
    VorhabenFactory(gruppe=gruppe, titel="Kompost", status="abgeschlossen")
    url = reverse("arbeitsgruppen:vorhaben_liste", args=[gruppe.slug])
    aktiv = client_fuer(leitung).get(url, {"status": "laeuft"}).content.decode()
    assert "Saatgutbörse" in aktiv and "Kompost" not in aktiv
    assert '<option value="laeuft" selected>' in aktiv
    kaputt = client_fuer(leitung).get(url, {"status": "geheim"}).content.decode()
    assert "Saatgutbörse" in kaputt and "Kompost" in kaputt


def test_diskussion_suchen(client_fuer, gruppe, mitglied):
    ThreadFactory(gruppe=gruppe, titel="Wer hat Tomaten?")
    ThreadFactory(gruppe=gruppe, titel="Gießplan August")
    url = reverse("arbeitsgruppen:diskussion", args=[gruppe.slug])
    seite = client_fuer(mitglied).get(url, {"q": "tomate"}).content.decode()
    assert "Wer hat Tomaten?" in seite and "Gießplan" not in seite
    assert 'value="tomate"' in seite


def test_unbekannte_filterwerte_zeigen_die_ganze_liste(client_fuer, gruppe, mitglied):
    antwort = client_fuer(mitglied).get(
        reverse("arbeitsgruppen:liste"), {"sichtbarkeit": "geheim", "meine": "vielleicht"}
    )
    assert antwort.status_code == 200
    assert "Gemeinschaftsgarten" in antwort.content.decode()
    dokumente = client_fuer(mitglied).get(
        reverse("arbeitsgruppen:dokumente", args=[gruppe.slug]), {"art": "<script>"}
    )
    assert dokumente.status_code == 200 and "&lt;script&gt;" not in dokumente.content.decode()


def test_meine_aufgaben_offen_alle_oder_ein_status(client_fuer, gruppe, mitglied):
    from tests.arbeitsgruppen.factories import AufgabeFactory

    AufgabeFactory(gruppe=gruppe, titel="Gießen", zustaendig=mitglied)
    AufgabeFactory(gruppe=gruppe, titel="Ernten", zustaendig=mitglied, status="erledigt")
    url = reverse("arbeitsgruppen:meine_aufgaben")

    def titel(**query):
        seite = client_fuer(mitglied).get(url, query).content.decode()
        return {t for t in ("Gießen", "Ernten") if t in seite}

    assert titel() == {"Gießen"}
    assert titel(status="kaputt") == {"Gießen"}
    assert titel(status="erledigt") == {"Ernten"}
    assert titel(status="alle") == {"Gießen", "Ernten"}


def test_das_board_zeigt_das_gewaehlte_vorhaben_an(client_fuer, gruppe, mitglied):
    v = VorhabenFactory(gruppe=gruppe, titel="Saatgutbörse")
    url = reverse("arbeitsgruppen:aufgaben", args=[gruppe.slug])
    seite = client_fuer(mitglied).get(url, {"vorhaben": v.pk}).content.decode()
    assert f'<option value="{v.pk}" selected>Saatgutbörse</option>' in seite
    assert client_fuer(mitglied).get(url, {"vorhaben": "9" * 30}).status_code == 200
