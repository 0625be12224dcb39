"""Every route of the portal has an entry in a permission matrix.

A matrix is a test module named `test_berechtigungen*.py` anywhere under tests/ (one per app
or room) that checks its URLs for every persona. This test enumerates the URL patterns of the
project and fails for a route whose name appears in no matrix, so that a new page cannot ship
without its permission check. The admin (tested in each app's test_admin), allauth's account
pages and Django's language switch are outside the portal's own rules.
"""

from __future__ import annotations

import ast
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

TESTS = Path(__file__).resolve().parent
FREMD = ("admin/", "konto/", "i18n/", "media/", "static/", "__debug__/")


def _routen(muster, praefix: str = "", namensraum: str | None = None):
    for m in muster:
        if isinstance(m, URLResolver):
            ns = ":".join(filter(None, [namensraum, m.namespace])) or None
            yield from _routen(m.url_patterns, praefix + str(m.pattern), ns)
        elif isinstance(m, URLPattern):
            name = m.name and (f"{namensraum}:{m.name}" if namensraum else m.name)
            yield praefix + str(m.pattern), name


def portal_routen() -> dict[str, str]:
    """name → pattern of every route the portal itself serves."""
    return {
        name: muster
        for muster, name in _routen(get_resolver().url_patterns)
        if not muster.lstrip("^").startswith(FREMD)
    }


def in_matrizen() -> set[str]:
    """Every string of the matrix modules; a matrix that builds `f"ns:{name}"` from short
    names covers `ns:name` for each of its strings."""
    namen = set()
    for pfad in TESTS.rglob("test_berechtigungen*.py"):
        texte, namensraeume = set(), set()
        for knoten in ast.walk(ast.parse(pfad.read_text())):
            if isinstance(knoten, ast.Constant) and isinstance(knoten.value, str):
                texte.add(knoten.value)
            elif isinstance(knoten, ast.JoinedStr) and knoten.values:
                anfang = knoten.values[0]
                if isinstance(anfang, ast.Constant) and str(anfang.value).endswith(":"):
                    namensraeume.add(anfang.value)
        namen |= texte | {ns + t for ns in namensraeume for t in texte}
    return namen


def test_jede_route_hat_einen_namen():
    ohne = [muster for muster, name in _routen(get_resolver().url_patterns) if not name]
    assert [m for m in ohne if not m.lstrip("^").startswith(FREMD)] == []


def test_jede_route_steht_in_einer_berechtigungsmatrix():
    routen = portal_routen()
    fehlend = sorted(
        f"{name} ({muster})" for name, muster in routen.items() if name not in in_matrizen()
    )
    assert fehlend == [], (
        "routes without a permission matrix entry (add each route name to a persona matrix in "
        "a module tests/<app>/[<room>/]test_berechtigungen*.py):\n" + "\n".join(fehlend)
    )
