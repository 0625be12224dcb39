"""The fixed clock of the suite (tests/conftest.py `_feste_uhr`, tests/uhren.py).

Every test starts at the selected clock, whichever that is; the clocks are what their names
say; and no code reads the machine's own date or a naive "now", which would slip past the
clock's time zone (the container runs in UTC, the portal in Berlin).
"""

import ast
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from tests.conftest import testuhr as gewaehlte_uhr
from tests.uhren import UHREN, VERSCHOBENE, uhr_des_tages

BERLIN = ZoneInfo("Europe/Berlin")
ROOT = Path(__file__).resolve().parents[1]


def test_jeder_test_beginnt_zur_gewaehlten_uhr(request):
    uhr = gewaehlte_uhr(request.config)
    assert abs(timezone.now() - uhr) < timedelta(seconds=30)
    assert abs(time.time() - uhr.timestamp()) < 30
    assert timezone.localdate() == uhr.astimezone(BERLIN).date()


def test_die_uhr_tickt_weiter(request):
    """The clock is not frozen: durations, timeouts and ordering by creation time still work."""
    vorher = timezone.now()
    time.sleep(0.01)
    assert timezone.now() > vorher


@pytest.mark.parametrize("name", UHREN)
def test_die_uhren_sind_was_ihr_name_sagt(name):
    uhr = datetime.fromisoformat(UHREN[name])
    # The written offset is Berlin's at that instant (a wrong one would shift the day).
    assert uhr.utcoffset() == uhr.astimezone(BERLIN).utcoffset()
    lokal = uhr.astimezone(BERLIN)
    erwartet = {
        "sommerzeit": lambda: lokal.dst() and not (lokal - timedelta(hours=9)).dst(),
        "winterzeit": lambda: not lokal.dst() and (lokal - timedelta(hours=8)).dst(),
        "schalttag": lambda: (lokal.month, lokal.day) == (2, 29),
        "silvester": lambda: (lokal + timedelta(hours=1)).year == lokal.year + 1,
    }
    assert erwartet.get(name, lambda: True)()


def test_ci_nimmt_reihum_jede_verschobene_uhr():
    assert "standard" not in VERSCHOBENE
    assert {uhr_des_tages(tag) for tag in range(1, 1 + len(VERSCHOBENE))} == set(VERSCHOBENE)


# Calls that read the machine's date or a naive local time: date.today(), datetime.today(),
# datetime.utcnow() and datetime.now() without a time zone.
VERBOTEN = {("date", "today"), ("datetime", "today"), ("datetime", "utcnow"), ("datetime", "now")}


def _quellen():
    for pfad in sorted(ROOT.rglob("*.py")):
        teile = pfad.relative_to(ROOT).parts
        if teile[0] in {".venv", "node_modules", "var", "staticfiles"} or teile[0].startswith("."):
            continue
        yield pfad


def _naive_uhrzeiten(quelltext: str) -> list[tuple[int, str]]:
    funde = []
    for knoten in ast.walk(ast.parse(quelltext)):
        if not (isinstance(knoten, ast.Call) and isinstance(knoten.func, ast.Attribute)):
            continue
        ziel = knoten.func.value
        name = ziel.attr if isinstance(ziel, ast.Attribute) else getattr(ziel, "id", None)
        if (name, knoten.func.attr) not in VERBOTEN:
            continue
        if knoten.func.attr == "now" and (knoten.args or knoten.keywords):
            continue  # datetime.now(tz) is aware
        funde.append((knoten.lineno, f"{name}.{knoten.func.attr}()"))
    return funde


def test_niemand_liest_das_datum_der_maschine():
    """Use timezone.now() / timezone.localdate() (Berlin), never the machine's local date."""
    funde = [
        f"{pfad.relative_to(ROOT)}:{zeile} {aufruf}"
        for pfad in _quellen()
        for zeile, aufruf in _naive_uhrzeiten(pfad.read_text(encoding="utf-8"))
    ]
    assert funde == []


def test_die_pruefung_findet_naive_uhrzeiten():
    quelltext = (
        "import datetime as dt\n"
        "from datetime import UTC, date, datetime\n"
        "a = date.today()\n"
        "b = dt.datetime.now()\n"
        "c = datetime.now(UTC)\n"
        "d = dt.date.today()\n"
        "e = datetime.utcnow()\n"
    )
    assert _naive_uhrzeiten(quelltext) == [
        (3, "date.today()"),
        (4, "datetime.now()"),
        (6, "date.today()"),
        (7, "datetime.utcnow()"),
    ]
