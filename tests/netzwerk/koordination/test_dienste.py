"""The challenges' workflows: every step changes the rows and writes one dated history line."""

from datetime import timedelta

import pytest
from django.utils import timezone

from netzwerk.koordination import services
from netzwerk.koordination.models import Herausforderung, Verlaufseintrag
from tests.factories import AkteurFactory, ArbeitsgruppeFactory, StammtischTerminFactory
from tests.netzwerk.koordination.factories import FolgeschrittFactory, HerausforderungFactory

pytestmark = pytest.mark.django_db


def _verlauf(h):
    return list(h.verlauf.values_list("art", "datum"))


def test_aufnehmen_mit_sitzung_und_akteuren(koordination):
    heute = timezone.localdate()
    sitzung = StammtischTerminFactory(start=timezone.now() - timedelta(days=3))
    akteur = AkteurFactory()
    h = services.aufnehmen(
        titel="Zu wenig Nachwuchs",
        von=koordination,
        kategorie="nachwuchs",
        herkunft="stammtisch",
        termin=sitzung,
        akteure=[akteur],
        aufgekommen_am=heute - timedelta(days=3),
    )
    assert h.status == Herausforderung.Status.OFFEN
    assert list(h.akteure.all()) == [akteur]
    eintrag = h.verlauf.get()
    assert (eintrag.art, eintrag.datum, eintrag.termin) == (
        "aufgenommen",
        heute - timedelta(days=3),
        sitzung,
    )
    assert eintrag.erstellt_von == koordination


def test_besprechen_datiert_auf_die_sitzung(koordination):
    h = HerausforderungFactory()
    sitzung = StammtischTerminFactory(start=timezone.now() - timedelta(days=10))
    eintrag = services.besprechen(
        herausforderung=h, text="Schule fragen", termin=sitzung, von=koordination
    )
    assert eintrag.datum == timezone.localdate(sitzung.start)
    assert eintrag.art == Verlaufseintrag.Art.NOTIZ
    assert eintrag.termin == sitzung


def test_schritt_vereinbaren_und_erledigen(koordination):
    h = HerausforderungFactory()
    akteur = AkteurFactory(name="Heimatverein")
    schritt = services.schritt_vereinbaren(
        herausforderung=h, text="Flyer drucken", akteur=akteur, person=koordination, von=None
    )
    services.schritt_erledigen(schritt=schritt, von=koordination)
    services.schritt_erledigen(schritt=schritt, von=koordination)  # a second call: nothing
    schritt.refresh_from_db()
    assert schritt.erledigt_am == timezone.localdate()
    assert [a for a, _d in _verlauf(h)] == ["schritt", "erledigt"]
    # The history names the actor, never the person (public challenges show it).
    assert h.verlauf.first().text == "Flyer drucken (Heimatverein)"


def test_uebergeben_an_ein_vorhaben(koordination):
    from arbeitsgruppen.models import Vorhaben

    gruppe = ArbeitsgruppeFactory(name="AG Jugend")
    vorhaben = Vorhaben.objects.create(gruppe=gruppe, titel="Jugendforum")
    h = HerausforderungFactory()
    services.uebergeben(herausforderung=h, vorhaben=vorhaben, von=koordination)
    h.refresh_from_db()
    assert h.status == Herausforderung.Status.UEBERGEBEN
    assert (h.vorhaben, h.arbeitsgruppe) == (vorhaben, gruppe)
    assert h.verlauf.get().text == "AG Jugend: Jugendforum"


def test_abschliessen_und_wieder_oeffnen(koordination):
    h = HerausforderungFactory()
    with pytest.raises(services.KoordinationFehler):
        services.abschliessen(herausforderung=h, ergebnis="  ", von=koordination)
    services.abschliessen(herausforderung=h, ergebnis="Patenschaften vereinbart", von=koordination)
    h.refresh_from_db()
    assert h.status == "abgeschlossen"
    assert h.abgeschlossen_am == timezone.localdate()
    with pytest.raises(services.KoordinationFehler):
        services.abschliessen(herausforderung=h, ergebnis="nochmal", von=koordination)
    with pytest.raises(services.KoordinationFehler):
        services.schritt_vereinbaren(herausforderung=h, text="zu spät", von=koordination)
    services.wieder_oeffnen(herausforderung=h, von=koordination, grund="kam wieder auf")
    h.refresh_from_db()
    assert (h.status, h.abgeschlossen_am, h.ergebnis) == ("offen", None, "")
    assert [a for a, _d in _verlauf(h)] == ["abgeschlossen", "wieder_geoeffnet"]


def test_ueberfaellig_nur_offene_schritte_offener_herausforderungen():
    heute = timezone.localdate()
    gestern = heute - timedelta(days=1)
    faellig = FolgeschrittFactory(faellig_am=gestern)
    FolgeschrittFactory(faellig_am=heute)  # due today: not overdue yet
    FolgeschrittFactory(faellig_am=gestern, erledigt_am=gestern)
    FolgeschrittFactory(
        faellig_am=gestern, herausforderung=HerausforderungFactory(status="abgeschlossen")
    )
    from netzwerk.koordination.models import Folgeschritt

    assert list(Folgeschritt.objects.ueberfaellig(heute)) == [faellig]
