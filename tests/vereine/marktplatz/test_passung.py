"""The matching of offers and needs (pure function) and its reasons on the page."""

import pytest
from django.urls import reverse

from tests.vereine.marktplatz.factories import EintragFactory
from vereine.marktplatz.passung import Daten, vorschlaege


def _d(pk, typ="angebot", art="know_how", akteur=None, ortsteil=None, themen=()):
    return Daten(pk, typ, art, akteur if akteur is not None else pk, ortsteil, frozenset(themen))


def test_nur_die_andere_seite_derselben_art_von_anderen_akteuren():
    bedarf = _d(1, typ="bedarf", akteur=100)
    kandidaten = [
        _d(2),  # fits
        _d(3, typ="bedarf"),  # same type
        _d(4, art="zeit"),  # other kind
        _d(5, akteur=100),  # own actor
    ]
    assert [v.pk for v in vorschlaege(bedarf, kandidaten)] == [2]


def test_themen_und_ortsteil_ranken_hoeher_und_sind_der_grund():
    bedarf = _d(1, typ="bedarf", ortsteil="Badeborn", themen={"Sport", "Kultur"})
    kandidaten = [
        _d(2),
        _d(3, ortsteil="Badeborn"),
        _d(4, themen={"Sport"}),
        _d(5, ortsteil="Badeborn", themen={"Sport", "Kultur"}),
        _d(6, ortsteil="Rieder"),
    ]
    ergebnis = vorschlaege(bedarf, kandidaten)
    assert [v.pk for v in ergebnis] == [5, 4, 3, 6, 2]
    assert ergebnis[0].themen == ("Kultur", "Sport")
    assert ergebnis[0].ortsteil == "Badeborn"
    assert ergebnis[2].themen == () and ergebnis[2].ortsteil == "Badeborn"
    assert ergebnis[3].ortsteil is None


def test_anzahl_begrenzt_und_stabil():
    bedarf = _d(1, typ="bedarf")
    ergebnis = vorschlaege(bedarf, [_d(n) for n in range(2, 30)], anzahl=3)
    assert [v.pk for v in ergebnis] == [29, 28, 27]


def test_ohne_ortsteil_kein_ortsteilgrund():
    assert vorschlaege(_d(1, typ="bedarf"), [_d(2)])[0].ortsteil is None


@pytest.mark.django_db
def test_bedarf_zeigt_passende_angebote_mit_grund(client, akteur_a, firma, ortsteile):
    badeborn = ortsteile["Badeborn"]
    bedarf = EintragFactory(
        akteur=akteur_a,
        typ="bedarf",
        art="know_how",
        titel="Hilfe beim Jahresabschluss",
        ortsteil=badeborn,
    )
    EintragFactory(
        akteur=firma, typ="angebot", art="know_how", titel="Buchhaltung erklärt", ortsteil=badeborn
    )
    EintragFactory(akteur=firma, typ="angebot", art="zeit", titel="Passt nicht")
    seite = client.get(reverse("marktplatz:eintrag", args=[bedarf.pk])).content.decode()
    assert "Passende Angebote" in seite
    assert "Buchhaltung erklärt" in seite
    assert "beide: Know-how, Ortsteil Badeborn" in seite
    assert "Passt nicht" not in seite
