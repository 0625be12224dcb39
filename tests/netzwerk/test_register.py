"""The cross-app registries of netzwerk that rooms plug into: report figures, agenda
proposals (tested with the Stammtisch agenda, tests/termine/stammtisch) and
the privacy registry."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command

from netzwerk import datenschutz, kennzahlen


@pytest.fixture
def leere_register(monkeypatch):
    monkeypatch.setattr(kennzahlen, "_QUELLEN", [])


def test_kennzahlen_nach_gruppe_und_reihenfolge_fuer_den_zeitraum(leere_register):
    gesehen = []

    @kennzahlen.quelle("Zweite", reihenfolge=20)
    def zweite(von, bis):
        gesehen.append((von, bis))
        return [kennzahlen.Kennzahl("b.zahl", "B", 2)]

    @kennzahlen.quelle("Erste", reihenfolge=10)
    def erste(von, bis):
        return [
            kennzahlen.Kennzahl("a.zahl", "A", 1, aufschluesselung=(("Kirche", 1),)),
        ]

    @kennzahlen.quelle("Leer", reihenfolge=5)
    def leer(von, bis):
        return []

    gruppen = kennzahlen.bericht(date(2026, 1, 1), date(2026, 3, 31))

    assert [(g.titel, [k.schluessel for k in g.kennzahlen]) for g in gruppen] == [
        ("Erste", ["a.zahl"]),
        ("Zweite", ["b.zahl"]),
    ]
    assert gesehen == [(date(2026, 1, 1), date(2026, 3, 31))]


def test_datenschutz_pruefen_vereint_die_bereiche_aller_raeume():
    from termine.ferien.models import Ferienangebot

    ohne_regel = datenschutz.Bereich("x", regeln={}, register={})
    fehler = datenschutz.pruefen([ohne_regel], modelle=[Ferienangebot])
    assert [f.id for f in fehler] == ["netzwerk.E902"]

    mit_regel = datenschutz.Bereich(
        "y",
        regeln={"r": datenschutz.Regel("r", "…")},
        register={"termine.Ferienangebot.kontaktperson": "r"},
    )
    assert datenschutz.pruefen([ohne_regel, mit_regel], modelle=[Ferienangebot]) == []


@pytest.mark.django_db
def test_befehl_datenschutz_laeuft_fuer_jeden_bereich(capsys):
    assert {b.name for b in datenschutz.bereiche()} >= {"ferien"}
    call_command("datenschutz", "--dry-run")
    ausgabe = capsys.readouterr().out
    assert "ferien: would erase notes" in ausgabe
