"""The network's time zone and date formats in one place (netzwerk/zeit.py): the zone comes
from settings.TIME_ZONE, dates are shown in the active language's short formats, and no module
writes its own zone or strftime pattern."""

import re
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import translation

from netzwerk.zeit import kurzer_zeitpunkt, kurzes_datum, ortszeit, uhrzeit, zone
from termine import ical, terminabgleich, wiederholung
from termine.stammtisch import rotation

ROOT = Path(__file__).resolve().parents[2]
UTC = ZoneInfo("UTC")


def test_die_zone_kommt_aus_den_einstellungen(settings):
    assert str(zone()) == settings.TIME_ZONE == "Europe/Berlin"
    settings.TIME_ZONE = "Europe/Vienna"
    assert str(zone()) == "Europe/Vienna"
    assert ortszeit(date(2027, 1, 5)).tzinfo == ZoneInfo("Europe/Vienna")


def test_die_reinen_module_und_das_ical_rechnen_in_derselben_zone():
    """They import nothing from Django and keep a constant: it must be the setting."""
    for modul in (wiederholung, terminabgleich, rotation):
        assert str(modul.BERLIN) == settings.TIME_ZONE, modul.__name__
    assert f"TZID:{settings.TIME_ZONE}\n" in ical.VTIMEZONE_BERLIN


def test_ortszeit_im_sommer_im_winter_und_in_der_zeitumstellung():
    assert ortszeit(date(2027, 7, 1)).utcoffset().total_seconds() == 2 * 3600
    assert ortszeit(date(2027, 1, 1), time(18)).astimezone(UTC) == datetime(
        2027, 1, 1, 17, tzinfo=UTC
    )
    # 02:30 on the last Sunday of March does not exist: read as before the switch (fold=0).
    assert ortszeit(date(2027, 3, 28), time(2, 30)).astimezone(UTC) == datetime(
        2027, 3, 28, 1, 30, tzinfo=UTC
    )


def test_kurze_formate_auf_deutsch_in_ortszeit():
    silvester_utc = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)
    assert kurzes_datum(date(2027, 3, 8)) == "08.03.2027"
    assert kurzes_datum(silvester_utc) == "01.01.2027"
    assert kurzer_zeitpunkt(silvester_utc) == "01.01.2027 00:30"
    assert uhrzeit(silvester_utc) == "00:30"
    assert uhrzeit(time(9, 5)) == "09:05"


def test_andere_sprache_andere_formate():
    with translation.override("en"):
        assert kurzes_datum(date(2027, 3, 8)) == "03/08/2027"


def _quellen():
    for app in ("netzwerk", "vereine", "arbeitsgruppen", "termine"):
        for pfad in (ROOT / app).rglob("*.py"):
            if "migrations" not in pfad.parts:
                yield pfad, pfad.read_text()


def test_keine_eigene_zeitzone_ausser_in_den_reinen_modulen():
    reine = {
        ROOT / f"{m.__name__.replace('.', '/')}.py"
        for m in (wiederholung, terminabgleich, rotation)
    }
    eigene = [
        str(pfad.relative_to(ROOT))
        for pfad, text in _quellen()
        if 'ZoneInfo("Europe/' in text and pfad not in reine
    ]
    assert eigene == [], "use netzwerk.zeit.zone() or ortszeit()"


def test_keine_handgeschriebenen_datumsformate():
    muster = re.compile(r"%d\.%m\.|strftime\(\"%H:%M\"\)|:%H:%M\}")
    # The notation the exception-days field reads back (two patterns) and writes (one).
    erlaubt = {"termine/forms.py": 3}
    gefunden = {
        str(pfad.relative_to(ROOT)): len(muster.findall(text))
        for pfad, text in _quellen()
        if muster.search(text)
    }
    assert gefunden == erlaubt, "use netzwerk.zeit.kurzes_datum / kurzer_zeitpunkt / uhrzeit"


def test_vorlagen_zeigen_daten_im_format_der_sprache():
    von_hand = [
        str(pfad.relative_to(ROOT))
        for app in ("netzwerk", "vereine", "arbeitsgruppen", "termine", "templates")
        for endung in ("html", "txt")
        for pfad in (ROOT / app).rglob(f"*.{endung}")
        if re.search(r"\|date:[\"']d\.m\.Y", pfad.read_text())
    ]
    assert von_hand == [], 'use |date:"SHORT_DATE_FORMAT" or "SHORT_DATETIME_FORMAT"'
