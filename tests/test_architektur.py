"""The import rules of docs/architektur.md, checked by walking the source (no dependency).

- The app cores are stacked netzwerk ← vereine ← arbeitsgruppen ← termine: a core module
  imports only cores at or below its own level.
- A room is a subpackage of an app with its own `urls.py` (a capability with pages, e.g.
  `termine/stammtisch/`, `vereine/marktplatz/`). Rooms may use every core; no core imports a
  room (except the app's wiring: apps.py, the models and admin packages, management
  commands); a room imports no other room, except the rooms it contains or is contained in.
- Pure modules (algorithms over plain data) import nothing from Django or the project's models.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORES = ["netzwerk", "vereine", "arbeitsgruppen", "termine"]
# Modules that must stay free of Django: the algorithms, tested and benchmarked on plain data.
PURE = [
    "termine.wiederholung",
    "termine.terminabgleich",
    "termine.schnellwahl",
    "termine.stammtisch.rotation",
    "termine.ferien.verlosung.zuteilung",
    "vereine.marktplatz.passung",
    "vereine.marktplatz.statistik",
    "vereine.ressourcen.verfuegbarkeit",
    "termine.aktionstag.kollisionen",
    "netzwerk.koordination.diagramm",
]
NICHT_GEPRUEFT = {"migrations"}
# Where an app registers its rooms with Django; these may import the rooms (and only they).
VERDRAHTUNG = ("apps.py", "models/__init__.py", "admin/__init__.py", "management/commands/")


def _modulname(pfad: Path) -> str:
    teile = pfad.relative_to(ROOT).with_suffix("").parts
    if teile[-1] == "__init__":
        teile = teile[:-1]
    return ".".join(teile)


def _quellen() -> list[Path]:
    return sorted(
        pfad
        for app in CORES
        for pfad in (ROOT / app).rglob("*.py")
        if not NICHT_GEPRUEFT & set(pfad.relative_to(ROOT).parts)
    )


def _rooms() -> list[str]:
    return sorted(
        _modulname(urls.parent)
        for app in CORES
        for urls in (ROOT / app).glob("*/**/urls.py")
        if (urls.parent / "__init__.py").exists()
    )


def _importe(pfad: Path) -> list[str]:
    """Every module `pfad` imports, resolved to absolute names (also imports inside functions)."""
    modul = _modulname(pfad)
    paket = modul if pfad.name == "__init__.py" else modul.rpartition(".")[0]
    namen = []
    for knoten in ast.walk(ast.parse(pfad.read_text(), str(pfad))):
        if isinstance(knoten, ast.Import):
            namen += [alias.name for alias in knoten.names]
        elif isinstance(knoten, ast.ImportFrom):
            basis = knoten.module or ""
            if knoten.level:
                oben = paket.split(".")
                oben = oben[: len(oben) - knoten.level + 1]
                basis = ".".join([*oben, basis] if basis else oben)
            # `from termine import stammtisch` imports the room: look at each name.
            namen += [f"{basis}.{alias.name}" for alias in knoten.names]
    return namen


def _room_von(modul: str, rooms: list[str]) -> str | None:
    treffer = [r for r in rooms if modul == r or modul.startswith(r + ".")]
    return max(treffer, key=len) if treffer else None


def _verwandt(a: str, b: str) -> bool:
    return a == b or a.startswith(b + ".") or b.startswith(a + ".")


def verstoesse() -> list[str]:
    rooms = _rooms()
    fehler = []
    for pfad in _quellen():
        modul = _modulname(pfad)
        eigene_app = modul.split(".")[0]
        eigener_room = _room_von(modul, rooms)
        for ziel in _importe(pfad):
            ziel_app = ziel.split(".")[0]
            if ziel_app not in CORES:
                continue
            ziel_room = _room_von(ziel, rooms)
            wo = f"{pfad.relative_to(ROOT)} imports {ziel}"
            if ziel_room is None:
                if eigener_room is None and CORES.index(ziel_app) > CORES.index(eigene_app):
                    fehler.append(f"{wo}: core {eigene_app} may not import the higher core")
            elif eigener_room is None:
                if "/".join(pfad.relative_to(ROOT).parts[1:]).startswith(VERDRAHTUNG):
                    continue
                fehler.append(f"{wo}: a core may not import a room")
            elif not _verwandt(eigener_room, ziel_room):
                fehler.append(f"{wo}: rooms do not import each other")
    return fehler


def test_importe_folgen_den_schichten():
    assert verstoesse() == []


def _rein_erlaubt(ziel: str) -> bool:
    """A pure module may import other pure modules (and their parts)."""
    return any(ziel == p or ziel.startswith(p + ".") for p in PURE)


@pytest.mark.parametrize("modul", PURE)
def test_reine_module_kennen_kein_django(modul):
    basis = ROOT / modul.replace(".", "/")
    dateien = sorted(basis.rglob("*.py")) if basis.is_dir() else [basis.with_suffix(".py")]
    assert dateien[0].exists(), f"{modul} is listed as pure but does not exist"
    fremd = [
        ziel
        for pfad in dateien
        for ziel in _importe(pfad)
        if ziel.split(".")[0] in {"django", *CORES} and not _rein_erlaubt(ziel)
    ]
    assert fremd == [], f"{modul} must stay free of Django and models: {fremd}"


def test_die_pruefung_findet_verstoesse(tmp_path, monkeypatch):
    """The walk itself: a core importing a higher core or a room is reported."""
    for name in ("netzwerk", "termine", "termine/raum"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "__init__.py").write_text("")
    (tmp_path / "termine" / "raum" / "urls.py").write_text("")
    (tmp_path / "netzwerk" / "a.py").write_text("from termine import models\n")
    (tmp_path / "termine" / "b.py").write_text("def f():\n    from .raum import views\n")
    (tmp_path / "termine" / "raum" / "c.py").write_text("from netzwerk import models\n")
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    monkeypatch.setattr(f"{__name__}.CORES", ["netzwerk", "termine"])
    gemeldet = verstoesse()
    assert len(gemeldet) == 2
    assert "netzwerk/a.py imports termine" in gemeldet[0]
    assert "termine/b.py imports termine.raum" in gemeldet[1]


# A module longer than this is split into a package by responsibility (issue 12); migrations
# and demo data are exempt.
HOECHSTENS_ZEILEN = 500
OHNE_GRENZE = {"demo.py"}


def zu_lange_dateien() -> list[str]:
    return [
        f"{pfad.relative_to(ROOT)}: {zeilen} lines"
        for pfad in _quellen()
        if pfad.name not in OHNE_GRENZE
        and (zeilen := len(pfad.read_text().splitlines())) > HOECHSTENS_ZEILEN
    ]


def test_keine_datei_ist_laenger_als_500_zeilen():
    assert zu_lange_dateien() == [], "split these into a package by responsibility"


def test_die_laengenpruefung_findet_lange_dateien(tmp_path, monkeypatch):
    (tmp_path / "termine" / "migrations").mkdir(parents=True)
    lang = "x = 1\n" * (HOECHSTENS_ZEILEN + 1)
    for name in ("lang.py", "demo.py", "migrations/0001_initial.py"):
        (tmp_path / "termine" / name).write_text(lang)
    (tmp_path / "termine" / "kurz.py").write_text("x = 1\n" * HOECHSTENS_ZEILEN)
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    monkeypatch.setattr(f"{__name__}.CORES", ["termine"])
    assert zu_lange_dateien() == [f"termine/lang.py: {HOECHSTENS_ZEILEN + 1} lines"]
