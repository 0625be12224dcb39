"""The room's pages: what they show to whom, in a constant number of queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from netzwerk.koordination import services
from netzwerk.models import Seite
from tests.factories import AkteurFactory, ArbeitsgruppeFactory
from tests.netzwerk.koordination.factories import FolgeschrittFactory, HerausforderungFactory

pytestmark = pytest.mark.django_db


def _html(client, url) -> str:
    antwort = client.get(url)
    assert antwort.status_code == 200
    return antwort.content.decode()


def test_liste_zeigt_interne_nur_dem_netzwerk(client_fuer, bewohner, mitglied_a):
    HerausforderungFactory(titel="Zu wenig Nachwuchs", sichtbarkeit="oeffentlich")
    HerausforderungFactory(titel="Streit um den Saal", sichtbarkeit="netzwerk")
    url = reverse("koordination:liste")
    oeffentlich = _html(client_fuer(bewohner), url)
    assert "Zu wenig Nachwuchs" in oeffentlich
    assert "Streit um den Saal" not in oeffentlich
    assert "nach dem Anmelden" in oeffentlich
    assert "Streit um den Saal" in _html(client_fuer(mitglied_a), url)


def test_liste_filtert(client_fuer):
    HerausforderungFactory(titel="Offen und Nachwuchs", kategorie="nachwuchs")
    HerausforderungFactory(titel="Räume fehlen", kategorie="raeume")
    html = _html(client_fuer(), reverse("koordination:liste") + "?kategorie=raeume")
    assert "Räume fehlen" in html and "Offen und Nachwuchs" not in html
    # A value that is not a choice is dropped, never an error page.
    assert "Räume fehlen" in _html(client_fuer(), reverse("koordination:liste") + "?status=xyz")


def _anzahl_abfragen(client, url) -> int:
    with CaptureQueriesContext(connection) as abfragen:
        assert client.get(url).status_code == 200
    return len(abfragen)


@pytest.mark.parametrize("persona_name", ["anonym", "mitglied_a"])
def test_liste_mit_konstanter_zahl_von_abfragen(persona_name, request, client_fuer):
    user = None if persona_name == "anonym" else request.getfixturevalue(persona_name)
    client = client_fuer(user)
    url = reverse("koordination:liste")
    HerausforderungFactory(ortsteil=None)
    FolgeschrittFactory()
    eine = _anzahl_abfragen(client, url)
    for _ in range(15):
        FolgeschrittFactory(herausforderung=HerausforderungFactory())
    assert _anzahl_abfragen(client, url) == eine


def test_detail_mit_verlauf_schritten_und_vorhaben(client_fuer, koordination, bewohner, mitglied_a):
    from arbeitsgruppen.models import Vorhaben

    h = services.aufnehmen(
        titel="Zu wenig Nachwuchs",
        von=koordination,
        sichtbarkeit="oeffentlich",
        akteure=[AkteurFactory(name="Heimatverein")],
        aufgekommen_am=timezone.localdate() - timedelta(days=20),
    )
    services.schritt_vereinbaren(
        herausforderung=h,
        text="Schule anschreiben",
        person=koordination,
        faellig_am=timezone.localdate() - timedelta(days=1),
        von=koordination,
    )
    intern = ArbeitsgruppeFactory(name="Steuerungsgruppe", sichtbarkeit="intern")
    services.uebergeben(
        herausforderung=h,
        vorhaben=Vorhaben.objects.create(gruppe=intern, titel="Nachwuchsplan"),
        von=koordination,
    )
    url = h.get_absolute_url()
    html = _html(client_fuer(bewohner), url)
    assert "Heimatverein" in html
    assert "Schule anschreiben" in html and "überfällig" in html
    assert "Aufgenommen" in html and "An eine Arbeitsgruppe übergeben" in html
    # The person who took it on, and an internal group's project, stay inside.
    assert "Kim Koordination" not in html
    assert "Nachwuchsplan" not in html.split("Verlauf")[0]
    assert "Kim Koordination" in _html(client_fuer(mitglied_a), url)
    assert "Nachwuchsplan</a>" in _html(client_fuer(koordination), url)


def test_detail_in_konstanter_zahl_von_abfragen(client_fuer, koordination):
    h = HerausforderungFactory()
    url = h.get_absolute_url()
    client = client_fuer()
    FolgeschrittFactory(herausforderung=h)
    services.besprechen(herausforderung=h, text="eins", von=koordination)
    eine = _anzahl_abfragen(client, url)
    for i in range(10):
        FolgeschrittFactory(herausforderung=h, akteur=AkteurFactory())
        services.besprechen(herausforderung=h, text=f"noch {i}", von=koordination)
    assert _anzahl_abfragen(client, url) == eine


def test_ueber_uns_mit_text_und_zeitleiste(client_fuer):
    Seite.objects.create(art="ueber-uns", titel="Wer wir sind", inhalt="<p>Das Netzwerk.</p>")
    HerausforderungFactory(aufgekommen_am=timezone.localdate())
    html = _html(client_fuer(), reverse("koordination:ueber_uns"))
    assert "Wer wir sind" in html and "<p>Das Netzwerk.</p>" in html
    assert "Das Netzwerk Jahr für Jahr" in html
    assert f'<th scope="row" class="fw-normal">{timezone.localdate().year}</th>' in html
    assert "<svg" in html
    # The page of that kind leads here.
    antwort = client_fuer().get(reverse("seite", args=["ueber-uns"]))
    assert antwort["Location"] == reverse("koordination:ueber_uns")


def test_interne_treffen_werden_nicht_genannt(client_fuer, koordination, bewohner):
    from tests.factories import StammtischTerminFactory

    intern = StammtischTerminFactory(
        titel="Geheime Gruppensitzung",
        sichtbarkeit="gruppe",
        arbeitsgruppe=ArbeitsgruppeFactory(sichtbarkeit="intern"),
        start=timezone.now() - timedelta(days=2),
    )
    h = HerausforderungFactory(termin=intern)
    services.besprechen(herausforderung=h, text="Notiz", termin=intern, von=koordination)
    assert "Geheime Gruppensitzung" not in _html(client_fuer(bewohner), h.get_absolute_url())
    assert "Geheime Gruppensitzung" in _html(client_fuer(koordination), h.get_absolute_url())
