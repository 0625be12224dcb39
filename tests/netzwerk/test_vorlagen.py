"""Rules for every template that need no browser to check."""

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
OHNE = {".venv", "node_modules", ".git", "var"}


def _vorlagen():
    for pfad in REPO.rglob("templates/**/*.html"):
        if not OHNE & set(pfad.relative_to(REPO).parts):
            yield pfad


def test_htmx_attribute_in_valider_schreibweise():
    """htmx reads `data-hx-*` as well as `hx-*`; only the first is valid HTML (W3C Nu checker)."""
    falsch = re.compile(r"(?<![\w-])hx-[a-z-]+\s*=")
    funde = [
        f"{pfad.relative_to(REPO)}:{nr}"
        for pfad in _vorlagen()
        for nr, zeile in enumerate(pfad.read_text().splitlines(), 1)
        if falsch.search(zeile)
    ]
    assert list(_vorlagen()), "no templates found"
    assert not funde, f"write data-hx-… instead of hx-…: {funde}"
