"""One pagination (netzwerk/seiten.py and templates/_seiten.html) for every list: the page links
keep the filters, name their steps where the list wants it, and no template or view builds
page links by hand."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from netzwerk.seiten import blaettern, letzte_seite
from tests.factories import AkteurFactory, FerienangebotFactory, FerienzeitraumFactory
from tests.termine.factories import OrtsteilFactory, TerminFactory, berlin

ROOT = Path(__file__).resolve().parents[2]
APPS = ["netzwerk", "vereine", "arbeitsgruppen", "termine", "templates"]


def _seite(query: str, objekte):
    return blaettern(RequestFactory().get("/", {"seite": query} if query else {}), objekte)


def test_eine_falsche_seitenzahl_zeigt_die_erste_oder_letzte_seite():
    zahlen = list(range(45))
    assert _seite("", zahlen).number == 1
    assert _seite("zwei", zahlen).number == 1
    assert _seite("3", zahlen).object_list == zahlen[40:]
    assert _seite("99", zahlen).number == 3
    assert letzte_seite(zahlen) == 3
    assert letzte_seite([]) == 1


@pytest.mark.django_db
def test_die_terminliste_blaettert_mit_filter_frueher_und_spaeter(client):
    badeborn = OrtsteilFactory(name="Badeborn", slug="badeborn")
    morgen = timezone.localdate() + timedelta(days=1)  # upcoming under every test clock
    for i in range(25):
        tag = morgen + timedelta(days=i % 20)
        TerminFactory(
            titel=f"Probe {i:02d}",
            ortsteil=badeborn,
            start=berlin(tag.year, tag.month, tag.day, 18),
            ende=berlin(tag.year, tag.month, tag.day, 20),
        )
    erste = client.get(f"/termine/?ortsteil={badeborn.pk}").content.decode()
    assert re.search(rf'href="\?ortsteil={badeborn.pk}&amp;seite=2">Spätere Termine</a>', erste)
    assert "Frühere Termine" not in erste
    zweite = client.get(f"/termine/?ortsteil={badeborn.pk}&seite=2").content.decode()
    assert re.search(rf'href="\?ortsteil={badeborn.pk}&amp;seite=1">Frühere Termine</a>', zweite)
    assert 'aria-current="page">2</span>' in zweite


@pytest.mark.django_db
def test_ferienkalender_und_widget_behalten_den_filter_beim_blaettern(client):
    zeitraum = FerienzeitraumFactory(slug="sommer-2030")
    akteur = AkteurFactory()
    for i in range(25):
        FerienangebotFactory(zeitraum=zeitraum, akteur=akteur, titel=f"Angebot {i:03d}")
    liste = client.get(reverse("ferien:liste", args=[zeitraum.slug]) + "?kostenlos=on")
    assert 'href="?kostenlos=on&amp;seite=2">Weiter</a>' in liste.content.decode()
    widget = client.get(reverse("ferien:widget", args=[zeitraum.slug]) + "?kostenlos=on")
    assert 'href="?kostenlos=on&amp;seite=2">Mehr Angebote</a>' in widget.content.decode()


def _dateien(endung: str):
    for ordner in APPS:
        for pfad in (ROOT / ordner).rglob(f"*.{endung}"):
            if "migrations" not in pfad.parts:
                yield pfad


def test_keine_vorlage_baut_seitenlinks_von_hand():
    von_hand = [
        str(pfad.relative_to(ROOT))
        for pfad in _dateien("html")
        if pfad.name != "_seiten.html"
        and re.search(r"page_number|has_next|has_previous", pfad.read_text())
    ]
    assert von_hand == [], "use {% include '_seiten.html' %}"


def test_nur_netzwerk_seiten_schneidet_listen_in_seiten():
    eigene = [
        str(pfad.relative_to(ROOT))
        for pfad in _dateien("py")
        if "Paginator(" in pfad.read_text() and pfad != ROOT / "netzwerk" / "seiten.py"
    ]
    assert eigene == [], "use netzwerk.seiten.blaettern"
