"""One vocabulary for scoped querysets: `sichtbar_fuer(user)` (may see) and
`schreibbar_fuer(user)` (may change), German like netzwerk/berechtigungen.py. The English
`editable_by` is gone."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_kein_editable_by_mehr_im_code():
    gefunden = {}
    for app in ("netzwerk", "vereine", "arbeitsgruppen", "termine", "docs"):
        for pfad in (ROOT / app).rglob("*"):
            if pfad.suffix in {".py", ".html", ".md"} and "migrations" not in pfad.parts:
                anzahl = len(re.findall(r"\beditable_by\b", pfad.read_text()))
                if anzahl:
                    gefunden[str(pfad.relative_to(ROOT))] = anzahl
    assert gefunden == {}, "say schreibbar_fuer(user)"
