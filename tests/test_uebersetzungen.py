"""The German catalogues are complete: no untranslated or fuzzy entry, and compiled."""

import gettext
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[1]
APPS = ("netzwerk", "vereine", "arbeitsgruppen", "termine")
# Each app has a catalogue; a room (a subpackage such as vereine/marktplatz/) may have its own.
KATALOGE = sorted(
    pfad for app in APPS for pfad in (ROOT / app).glob("**/locale/de/LC_MESSAGES/django.po")
)


def _name(pfad: Path) -> str:
    return "/".join(pfad.relative_to(ROOT).parts[:-4])


def test_jede_app_hat_einen_deutschen_katalog():
    assert set(APPS) <= {_name(p) for p in KATALOGE}


@pytest.mark.parametrize("po_pfad", KATALOGE, ids=_name)
def test_katalog_ist_vollstaendig(po_pfad):
    po = polib.pofile(str(po_pfad))
    offen = [e.msgid for e in po.untranslated_entries()]
    unscharf = [e.msgid for e in po.fuzzy_entries()]
    assert not offen, f"untranslated in {po_pfad}: {offen}"
    assert not unscharf, f"fuzzy in {po_pfad}: {unscharf}"


@pytest.mark.parametrize("po_pfad", KATALOGE, ids=_name)
def test_katalog_ist_kompiliert(po_pfad):
    """The committed .mo says what the .po says (run `make messages` after editing)."""
    mo_pfad = po_pfad.with_suffix(".mo")
    assert mo_pfad.exists(), f"{mo_pfad} missing: run make messages"
    with mo_pfad.open("rb") as fh:
        mo = gettext.GNUTranslations(fh)
    po = polib.pofile(str(po_pfad))
    for eintrag in po.translated_entries():
        if eintrag.msgid_plural:
            continue
        schluessel = f"{eintrag.msgctxt}\x04{eintrag.msgid}" if eintrag.msgctxt else eintrag.msgid
        assert mo._catalog.get(schluessel) == eintrag.msgstr, f"{mo_pfad} is stale: {eintrag.msgid}"


def test_leere_auswahl_ist_deutsch():
    """Django 6.1's empty select choice comes without German; our catalogue supplies it."""
    from django.db.models.fields import BLANK_CHOICE_LABEL
    from django.utils import translation

    with translation.override("de"):
        assert str(BLANK_CHOICE_LABEL) == "– Bitte auswählen –"


def test_gleiche_quelle_gleiche_uebersetzung():
    """Django merges all catalogues into one: a room's catalogue would silently change the
    wording of another app's page if the same source string were translated differently."""
    gesehen: dict[tuple[str | None, str], tuple[str, str]] = {}
    widersprueche = []
    for po_pfad in KATALOGE:
        for eintrag in polib.pofile(str(po_pfad)).translated_entries():
            if eintrag.msgid_plural:
                continue
            schluessel = (eintrag.msgctxt, eintrag.msgid)
            vorher = gesehen.setdefault(schluessel, (eintrag.msgstr, _name(po_pfad)))
            if vorher[0] != eintrag.msgstr:
                widersprueche.append(
                    f"{eintrag.msgid!r}: {vorher[1]} {vorher[0]!r} ≠ {_name(po_pfad)} "
                    f"{eintrag.msgstr!r}"
                )
    assert widersprueche == []
