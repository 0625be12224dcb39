"""The German catalogues are complete: no untranslated or fuzzy entry, and compiled."""

import gettext
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[1]
KATALOGE = sorted(ROOT.glob("*/locale/de/LC_MESSAGES/django.po"))


def test_jede_app_hat_einen_deutschen_katalog():
    apps = {p.parts[-5] for p in KATALOGE}
    assert {"netzwerk", "vereine", "arbeitsgruppen", "termine"} <= apps


@pytest.mark.parametrize("po_pfad", KATALOGE, ids=lambda p: p.parts[-5])
def test_katalog_ist_vollstaendig(po_pfad):
    po = polib.pofile(str(po_pfad))
    offen = [e.msgid for e in po.untranslated_entries()]
    unscharf = [e.msgid for e in po.fuzzy_entries()]
    assert not offen, f"untranslated in {po_pfad}: {offen}"
    assert not unscharf, f"fuzzy in {po_pfad}: {unscharf}"


@pytest.mark.parametrize("po_pfad", KATALOGE, ids=lambda p: p.parts[-5])
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
