"""Open challenges and overdue follow-ups are proposed for the next Stammtisch's agenda."""

from datetime import timedelta

import pytest
from django.utils import timezone

from netzwerk import tagesordnung
from tests.factories import AkteurFactory, StammtischFactory
from tests.netzwerk.koordination.factories import FolgeschrittFactory, HerausforderungFactory

pytestmark = pytest.mark.django_db


def _unsere(stichtag):
    return [
        v
        for v in tagesordnung.vorschlaege(stichtag)
        if v.art in {"Herausforderung", "Überfällige Folgeaufgabe"}
    ]


def test_offene_herausforderungen_und_ueberfaellige_schritte():
    heute = timezone.localdate()
    stichtag = heute + timedelta(days=14)
    alt = HerausforderungFactory(titel="Nachwuchs", aufgekommen_am=heute - timedelta(days=60))
    HerausforderungFactory(titel="Räume", aufgekommen_am=heute - timedelta(days=10))
    HerausforderungFactory(titel="Erledigt", status="abgeschlossen")
    HerausforderungFactory(titel="Nach dem Treffen", aufgekommen_am=stichtag + timedelta(days=1))
    FolgeschrittFactory(
        herausforderung=alt,
        text="Schule anschreiben",
        akteur=AkteurFactory(name="Heimatverein"),
        faellig_am=heute,
    )
    FolgeschrittFactory(herausforderung=alt, text="Noch Zeit", faellig_am=stichtag)
    FolgeschrittFactory(
        herausforderung=alt, text="Schon erledigt", faellig_am=heute, erledigt_am=heute
    )
    vorschlaege = _unsere(stichtag)
    assert [v.titel for v in vorschlaege] == ["Nachwuchs", "Räume", "Nachwuchs: Schule anschreiben"]
    assert vorschlaege[0].url == alt.get_absolute_url()
    assert vorschlaege[0].text.startswith("Offen seit ")
    assert "Heimatverein" in vorschlaege[2].text


def test_interne_werden_nur_gezaehlt():
    HerausforderungFactory(titel="Geheimer Streit", sichtbarkeit="netzwerk")
    HerausforderungFactory(titel="Noch einer", sichtbarkeit="netzwerk")
    FolgeschrittFactory(
        herausforderung=HerausforderungFactory(titel="Intern", sichtbarkeit="netzwerk"),
        faellig_am=timezone.localdate() - timedelta(days=3),
    )
    titel = [v.titel for v in _unsere(timezone.localdate())]
    assert titel == ["3 weitere offene Herausforderungen, nur für das Netzwerk"]


def test_die_tagesordnung_des_stammtischs_zeigt_sie(client_fuer):
    st = StammtischFactory()
    HerausforderungFactory(titel="Zu wenig Nachwuchs")
    html = client_fuer().get(st.get_absolute_url()).content.decode()
    assert "Offene Punkte aus dem Netzwerk" in html
    assert "Zu wenig Nachwuchs" in html
