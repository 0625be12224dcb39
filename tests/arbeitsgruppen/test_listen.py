"""Every list page: a constant number of SQL queries for 1 and for many items; filters and
pagination work."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from arbeitsgruppen import services
from tests.arbeitsgruppen.factories import (
    AufgabeFactory,
    BeitragFactory,
    MitgliedFactory,
    ThreadFactory,
    VorhabenFactory,
)
from tests.factories import ArbeitsgruppeFactory

PDF = b"%PDF-1.4\\n%%EOF\\n"


def _gruppen(n, mitglied, gruppe):
    for i in range(n - 1):
        g = ArbeitsgruppeFactory(name=f"Gruppe {i:02d}", sichtbarkeit="transparent")
        MitgliedFactory(gruppe=g, user=mitglied)


def _aufgaben(n, mitglied, gruppe):
    for i in range(n):
        AufgabeFactory(
            gruppe=gruppe,
            zustaendig=mitglied,
            vorhaben=VorhabenFactory(gruppe=gruppe),
            faellig=timezone.localdate() + timedelta(days=i - 3),
            status=["offen", "in_arbeit", "erledigt"][i % 3],
        )


def _vorhaben(n, mitglied, gruppe):
    for _ in range(n):
        v = VorhabenFactory(gruppe=gruppe, verantwortlich=mitglied)
        AufgabeFactory(gruppe=gruppe, vorhaben=v)


def _dokumente(n, mitglied, gruppe):
    import io

    for i in range(n):
        d = services.dokument_hochladen(
            gruppe=gruppe, titel=f"D{i}", datei=io.BytesIO(PDF), dateiname="d.pdf", von=mitglied
        )
        services.dokument_ersetzen(
            dokument=d, datei=io.BytesIO(PDF), dateiname="d.pdf", von=mitglied
        )


def _threads(n, mitglied, gruppe):
    for _ in range(n):
        BeitragFactory(thread=ThreadFactory(gruppe=gruppe, erstellt_von=mitglied), autor=mitglied)


def _beitraege(n, mitglied, gruppe):
    thread = ThreadFactory(gruppe=gruppe, pk=999)
    for _ in range(n):
        BeitragFactory(thread=thread, autor=mitglied)


def _detail(n, mitglied, gruppe):
    _aufgaben(n, mitglied, gruppe)
    _threads(n, mitglied, gruppe)
    for _ in range(n):
        MitgliedFactory(gruppe=gruppe)


# page, url, data builder, queries (the same literal for 1 and 25 items)
SEITEN = [
    ("liste", lambda g: reverse("arbeitsgruppen:liste"), _gruppen, 8),
    ("meine_aufgaben", lambda g: reverse("arbeitsgruppen:meine_aufgaben"), _aufgaben, 5),
    ("aufgaben", lambda g: reverse("arbeitsgruppen:aufgaben", args=[g.slug]), _aufgaben, 10),
    ("vorhaben", lambda g: reverse("arbeitsgruppen:vorhaben_liste", args=[g.slug]), _vorhaben, 9),
    ("dokumente", lambda g: reverse("arbeitsgruppen:dokumente", args=[g.slug]), _dokumente, 10),
    ("diskussion", lambda g: reverse("arbeitsgruppen:diskussion", args=[g.slug]), _threads, 9),
    ("thread", lambda g: reverse("arbeitsgruppen:thread", args=[g.slug, 999]), _beitraege, 10),
    # (the dates slot asks for the horizon of the occurrences table)
    ("detail", lambda g: reverse("arbeitsgruppen:detail", args=[g.slug]), _detail, 18),
]


@pytest.mark.parametrize("anzahl", [1, 25])
@pytest.mark.parametrize("name,url,daten,abfragen", SEITEN, ids=[s[0] for s in SEITEN])
def test_konstante_anzahl_abfragen(
    client_fuer, django_assert_num_queries, gruppe, mitglied, name, url, daten, abfragen, anzahl
):
    daten(anzahl, mitglied, gruppe)
    c = client_fuer(mitglied)
    with django_assert_num_queries(abfragen):
        antwort = c.get(url(gruppe))
    assert antwort.status_code == 200


def test_gruppenliste_filter_und_seiten(client_fuer, gruppe, mitglied, bewohner):
    for i in range(25):
        ArbeitsgruppeFactory(name=f"Gruppe {i:02d}", sichtbarkeit="oeffentlich")
    ArbeitsgruppeFactory(name="Geheimrat", sichtbarkeit="intern")
    c = client_fuer(mitglied)
    erste = c.get(reverse("arbeitsgruppen:liste")).content.decode()
    assert 'aria-current="page">1</span>' in erste and "?seite=2" in erste
    assert "Geheimrat" not in erste
    meine = c.get(reverse("arbeitsgruppen:liste"), {"meine": "on"}).content.decode()
    assert "Gemeinschaftsgarten" in meine and "Gruppe 00" not in meine
    assert "Du bist Mitglied" in meine
    transparent = c.get(reverse("arbeitsgruppen:liste"), {"sichtbarkeit": "transparent"})
    assert "Gemeinschaftsgarten" in transparent.content.decode()
    assert "Gruppe 00" not in transparent.content.decode()
    # Page links keep the filter.
    gefiltert = c.get(reverse("arbeitsgruppen:liste"), {"sichtbarkeit": "oeffentlich"}).content
    assert b"?sichtbarkeit=oeffentlich&amp;seite=2" in gefiltert
    # Residents outside the network see only public groups.
    fuer_bewohner = client_fuer(bewohner).get(reverse("arbeitsgruppen:liste")).content.decode()
    assert "Gemeinschaftsgarten" not in fuer_bewohner and "Gruppe 00" in fuer_bewohner
    anonym = client_fuer(None).get(reverse("arbeitsgruppen:liste")).content.decode()
    assert "Weitere Gruppen sind für alle im Netzwerk offen" in anonym


def test_board_filter_nach_vorhaben_und_meine(client_fuer, gruppe, mitglied, leitung):
    v = VorhabenFactory(gruppe=gruppe, titel="Saatgutbörse")
    AufgabeFactory(gruppe=gruppe, titel="Mit Vorhaben", vorhaben=v, zustaendig=leitung)
    AufgabeFactory(gruppe=gruppe, titel="Meine", zustaendig=mitglied)
    c = client_fuer(mitglied)
    url = reverse("arbeitsgruppen:aufgaben", args=[gruppe.slug])
    nach_vorhaben = c.get(url, {"vorhaben": v.pk}).content.decode()
    assert "Mit Vorhaben" in nach_vorhaben and ">Meine<" not in nach_vorhaben
    meine = c.get(url, {"meine": "1"}).content.decode()
    assert "Mit Vorhaben" not in meine and ">Meine<" in meine
