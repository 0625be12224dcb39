"""The calendar core's section registry (termine/abschnitte.py), without any room."""

import pytest

from termine import abschnitte as registry


@pytest.fixture
def leere_registry(monkeypatch):
    monkeypatch.setattr(registry, "_QUELLEN", [])
    return registry


def test_abschnitte_in_reihenfolge_und_nur_mit_daten(leere_registry):
    gesehen = []

    @leere_registry.abschnitt("a.html")
    def erste(request, termin):
        gesehen.append(("erste", termin))
        return {"n": 1}

    @leere_registry.abschnitt("b.html")
    def nichts(request, termin):
        gesehen.append(("nichts", termin))
        return None

    @leere_registry.abschnitt("c.html")
    def dritte(request, termin):
        return {"termin": termin}

    ergebnis = leere_registry.abschnitte("anfrage", "termin-7")

    assert [(a.vorlage, a.daten) for a in ergebnis] == [
        ("a.html", {"n": 1}),
        ("c.html", {"termin": "termin-7"}),
    ]
    assert gesehen == [("erste", "termin-7"), ("nichts", "termin-7")]


def test_doppelte_registrierung_zeigt_den_abschnitt_einmal(leere_registry):
    def quelle(request, termin):
        return {}

    leere_registry.abschnitt("a.html")(quelle)
    leere_registry.abschnitt("a.html")(quelle)

    assert len(leere_registry.abschnitte(None, None)) == 1


def test_der_pool_ist_im_kern_registriert():
    # The wiring: vereine's ready() registers the pool's section; the core imports no room.
    assert "ressourcen/termin_abschnitt.html" in [v for v, _ in registry._QUELLEN]
