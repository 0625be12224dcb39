"""Every calendar app reads our .ics alike: Mozilla's ical.js (Thunderbird) and zoneinfo agree.

ical.js takes the time zone from the VTIMEZONE in the text (tests/ical_utc.mjs); the Python
side takes the TZID's rules from tzdata (zoneinfo) and ignores the VTIMEZONE. Both must give
the same UTC instant for every DTSTART/DTEND of every occurrence up to 2035, in every feed
and download the demo serves, including dates on and next to the switch days. A local time
that occurs twice means its first occurrence (fold=0, RFC 5545 3.3.5); one that does not
occur (02:30 on the March switch day) is read with the offset before the gap, as the RFC and
zoneinfo (fold=0) do.

Without Node.js or node_modules/ical.js (`make install-dev` runs `npm ci`) the comparison is
skipped; under CI=true it fails instead.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import UTC, date, datetime, time, timedelta
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from icalendar import Calendar

from arbeitsgruppen.models import Arbeitsgruppe
from netzwerk.models import Ortsteil, User
from termine import ical
from termine.models import (
    Aktionstag,
    Ferienangebot,
    Ferienzeitraum,
    Stammtisch,
    Termin,
    TerminAusnahme,
)
from tests.factories import (
    FerienangebotFactory,
    FerienzeitraumFactory,
    StammtischFactory,
    StammtischTerminFactory,
    ferien_durchfuehrung,
)
from tests.termine.factories import OrtsteilFactory, TerminFactory, berlin
from vereine.models import Akteur
from vereine.ressourcen.kalender import feed_url as ressourcen_feed_url

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[2]
SKRIPT = REPO / "tests" / "ical_utc.mjs"
BERLIN = ZoneInfo("Europe/Berlin")
# Occurrences are compared up to the end of 2035 (the same bound on both sides).
BIS = datetime(2036, 1, 1, tzinfo=UTC)
HOECHSTENS = 2000  # occurrences per VEVENT, as in ical_utc.mjs

# Every .ics route of the site and how the test finds all of its URLs in the demo.
ICS_ROUTEN = {
    "termine:ics",
    "termine:feed",
    "termine:feed_akteur",
    "termine:feed_kategorie",
    "termine:feed_ortsteil",
    "termine:feed_gruppe",
    "termine:feed_persoenlich",
    "stammtisch:ics",
    "ferien:feed",
    "ferien:angebot_ics",
    "ressourcen:feed",
    "aktionstag:feed",
}


# --- the two readers ----------------------------------------------------------------------


def ical_js(texte: list[str]) -> list[dict[str, list[list[str]]]]:
    """What Thunderbird reads: per calendar {uid: [[start, ende], ...]} in UTC."""
    node = shutil.which("node")
    if node is None or not (REPO / "node_modules" / "ical.js").is_dir():
        grund = "Node.js or node_modules/ical.js missing (make install-dev runs npm ci)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {grund}.")
        pytest.skip(f"{grund}: ical.js comparison skipped.")
    lauf = subprocess.run(
        [node, str(SKRIPT), BIS.strftime("%Y-%m-%dT%H:%M:%SZ")],
        input=json.dumps(texte),
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO,
        check=False,
    )
    assert lauf.returncode == 0, lauf.stderr
    ergebnis = []
    for kalender in json.loads(lauf.stdout):
        nach_uid: dict[str, list[list[str]]] = {}
        for event in kalender:
            nach_uid.setdefault(event["uid"], []).extend(event["vorkommen"])
        ergebnis.append(nach_uid)
    return ergebnis


def _zeitpunkt(prop, wert=None) -> datetime | date:
    """A DTSTART/DTEND/EXDATE value by tzdata: TZID with zoneinfo (fold=0), or UTC, or a day."""
    wert = prop.dt if wert is None else wert
    if not isinstance(wert, datetime):
        return wert
    tzid = prop.params.get("TZID")
    if tzid:
        # Only the wall time and the TZID count here, never the file's VTIMEZONE.
        return wert.replace(tzinfo=ZoneInfo(tzid), fold=0)
    assert wert.tzinfo is not None, "we never write floating times"
    return wert


def _text(zeit: datetime | date) -> str:
    if isinstance(zeit, datetime):
        return zeit.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return zeit.isoformat()


def _vor_dem_ende(zeit: datetime | date) -> bool:
    if isinstance(zeit, datetime):
        return zeit < BIS
    return zeit < BIS.date()


def _ausgelassen(event) -> set[str]:
    eintraege = event.get("EXDATE", [])
    if not isinstance(eintraege, list):
        eintraege = [eintraege]
    return {_text(_zeitpunkt(ex, d.dt)) for ex in eintraege for d in ex.dts}


def zoneinfo(text: str) -> dict[str, list[list[str]]]:
    """What tzdata says: {uid: [[start, ende], ...]} in UTC, recurrences expanded."""
    nach_uid: dict[str, list[list[str]]] = {}
    for event in Calendar.from_ical(text).walk("VEVENT"):
        start, ende = _zeitpunkt(event["DTSTART"]), _zeitpunkt(event["DTEND"])
        if "RRULE" not in event:
            vorkommen = [[_text(start), _text(ende)]]
        else:
            # The rule runs in wall time (18:00 stays 18:00); each occurrence keeps the
            # first one's wall-clock length.
            ganztaegig = not isinstance(start, datetime)
            anfang = datetime.combine(start, time()) if ganztaegig else start
            dauer = (
                (ende - start)
                if ganztaegig
                else ende.replace(tzinfo=None) - start.replace(tzinfo=None)
            )
            regel = rrulestr(event["RRULE"].to_ical().decode(), dtstart=anfang)
            ausgelassen = _ausgelassen(event)
            vorkommen = []
            for beginn in regel:
                if ganztaegig:
                    beginn = beginn.date()
                if not _vor_dem_ende(beginn) or len(vorkommen) >= HOECHSTENS:
                    break
                if _text(beginn) in ausgelassen:
                    continue
                if ganztaegig:
                    schluss = beginn + dauer
                else:
                    schluss = (beginn.replace(tzinfo=None) + dauer).replace(tzinfo=start.tzinfo)
                vorkommen.append([_text(beginn), _text(schluss)])
        nach_uid.setdefault(str(event["UID"]), []).extend(vorkommen)
    return nach_uid


# --- the dates around the switches --------------------------------------------------------


def _letzter_sonntag(jahr: int, monat: int) -> date:
    tag = date(jahr, monat + 1, 1) - timedelta(days=1)
    return tag - timedelta(days=(tag.weekday() - 6) % 7)


def _umstellungstage(heute: date) -> list[tuple[date, date]]:
    """(March switch, October switch) of every year from this one to 2035, not yet past."""
    return [
        (_letzter_sonntag(jahr, 3), _letzter_sonntag(jahr, 10))
        for jahr in range(heute.year, 2036)
        if _letzter_sonntag(jahr, 10) >= heute
    ]


def _am(tag: date, stunde: int, minute: int = 0, *, fold: int = 0) -> datetime:
    return datetime.combine(tag, time(stunde, minute), tzinfo=BERLIN).replace(fold=fold)


def umstellungstermine() -> dict[str, Termin]:
    """Public dates on and next to every coming DST switch until 2035, in their own Ortsteil.

    Named by what they test; the first year also gets series across both switches, a
    Stammtisch and a holiday period with occasions on the switch weekend.
    """
    ortsteil = OrtsteilFactory(name="Uhrenhausen", slug="uhrenhausen")
    termine: dict[str, Termin] = {}

    def termin(name: str, start: datetime, ende: datetime, **felder) -> Termin:
        termine[name] = TerminFactory(
            titel=name, start=start, ende=ende, ortsteil=ortsteil, **felder
        )
        return termine[name]

    for maerz, oktober in _umstellungstage(timezone.localdate()):
        j = maerz.year
        samstag, montag = timedelta(days=-1), timedelta(days=1)
        termin(f"{j} Samstag vor März", _am(maerz + samstag, 18), _am(maerz + samstag, 20))
        # 01:30 CET to 03:30 CEST: one hour across the gap.
        termin(f"{j} über die Lücke", _am(maerz, 1, 30), _am(maerz, 3, 30))
        termin(f"{j} nach der Lücke", _am(maerz, 3, 30), _am(maerz, 5))
        termin(f"{j} Montag nach März", _am(maerz + montag, 18), _am(maerz + montag, 20))
        termin(f"{j} Samstag vor Oktober", _am(oktober + samstag, 18), _am(oktober + samstag, 20))
        # 02:30 happens twice: the first (CEST) and the second (CET) time.
        termin(f"{j} doppelt erstes", _am(oktober, 2, 30), _am(oktober, 4))
        termin(f"{j} doppelt zweites", _am(oktober, 2, 30, fold=1), _am(oktober, 3, 30))
        termin(f"{j} Montag nach Oktober", _am(oktober + montag, 18), _am(oktober + montag, 20))
        termin(f"{j} ganztägig", _am(maerz, 0), _am(maerz + montag, 0), ganztaegig=True)

    maerz, oktober = _umstellungstage(timezone.localdate())[0]
    # Thursdays 18:00 from four weeks before the March switch to four weeks after October's,
    # one left out: crosses both switches with RRULE, UNTIL and EXDATE.
    donnerstag = maerz - timedelta(days=24)
    serie = termin(
        "Donnerstags über beide Umstellungen",
        _am(donnerstag, 18),
        _am(donnerstag, 20),
        wiederholung="woechentlich",
        wochentag=3,
        wiederholen_bis=oktober + timedelta(days=28),
    )
    TerminAusnahme.objects.create(termin=serie, datum=maerz + timedelta(days=4))
    # Sundays 10:00 without end: every switch up to 2035.
    termin(
        "Sonntags ohne Ende",
        _am(maerz - timedelta(days=14), 10),
        _am(maerz - timedelta(days=14), 12),
        wiederholung="woechentlich",
        wochentag=6,
    )
    # The Stammtisch on the Thursday after the March switch (summer time).
    stammtisch = StammtischFactory(
        termin=StammtischTerminFactory(
            start=_am(maerz + timedelta(days=4), 18),
            ende=_am(maerz + timedelta(days=4), 20),
            ortsteil=ortsteil,
        )
    )
    termine["Stammtisch"] = stammtisch.termin
    # A holiday period over the October switch with occasions Saturday to Monday.
    beginn = oktober - timedelta(days=8)
    zeitraum = FerienzeitraumFactory(
        name="Uhrenferien",
        beginn=beginn,
        ende=oktober + timedelta(days=5),
        anmeldung_ab=_am(beginn - timedelta(days=30), 0),
        anmeldung_bis=_am(beginn, 0),
    )
    angebot = FerienangebotFactory(zeitraum=zeitraum, titel="Nachtwanderung")
    for tag in (7, 8, 9):
        ferien_durchfuehrung(angebot, tag=tag, von=2, bis=4)
    return termine


# --- every .ics the site serves -----------------------------------------------------------


def _ics_routen(muster=None, namensraum: str = "") -> set[str]:
    gefunden = set()
    for eintrag in get_resolver().url_patterns if muster is None else muster:
        if isinstance(eintrag, URLResolver):
            raum = f"{namensraum}{eintrag.namespace}:" if eintrag.namespace else namensraum
            gefunden |= _ics_routen(eintrag.url_patterns, raum)
        elif isinstance(eintrag, URLPattern) and str(eintrag.pattern).endswith(".ics"):
            gefunden.add(f"{namensraum}{eintrag.name}")
    return gefunden


def alle_ics_adressen(koordination: User) -> list[str]:
    """The URL of every feed and download the demo (plus fixtures) serves.

    Seen as a coordinator: every date, meeting and period, drafts included.
    """
    adressen = [reverse("termine:feed")]
    adressen += [reverse("termine:feed_kategorie", args=[k]) for k in Termin.Kategorie.values]
    adressen += [reverse("termine:feed_ortsteil", args=[o.slug]) for o in Ortsteil.objects.all()]
    adressen += [
        reverse("termine:feed_akteur", args=[a.slug]) for a in Akteur.objects.oeffentlich()
    ]
    adressen += [
        reverse("termine:feed_gruppe", args=[g.slug])
        for g in Arbeitsgruppe.objects.exclude(sichtbarkeit=Arbeitsgruppe.Sichtbarkeit.INTERN)
    ]
    adressen += [
        reverse("termine:feed_persoenlich", args=[u.feed_token])
        for u in User.objects.filter(is_active=True)
    ]
    adressen += [
        reverse("termine:ics", args=[pk])
        for pk in Termin.objects.sichtbar_fuer(koordination).values_list("pk", flat=True)
    ]
    adressen += [
        reverse("stammtisch:ics", args=[pk])
        for pk in Stammtisch.objects.sichtbar_fuer(koordination).values_list("pk", flat=True)
    ]
    adressen += [reverse("ferien:feed", args=[z.slug]) for z in Ferienzeitraum.objects.all()]
    adressen += [
        reverse("ferien:angebot_ics", args=[a.zeitraum.slug, a.pk])
        for a in Ferienangebot.objects.veroeffentlicht().select_related("zeitraum")
    ]
    adressen += [ressourcen_feed_url(a) for a in Akteur.objects.all()]
    adressen += [reverse("aktionstag:feed", args=[t.pk]) for t in Aktionstag.objects.all()]
    return adressen


def test_jede_ics_route_wird_geprueft():
    """A new .ics route must join ICS_ROUTEN and alle_ics_adressen()."""
    assert _ics_routen() == ICS_ROUTEN


def test_ical_js_und_zoneinfo_lesen_jeden_feed_der_demo_gleich(client_fuer, koordination):
    call_command("demodaten", stdout=StringIO())
    termine = umstellungstermine()
    client = client_fuer(koordination)
    texte, adressen = [], []
    for adresse in alle_ics_adressen(koordination):
        antwort = client.get(adresse)
        assert antwort.status_code == 200, adresse
        assert antwort["Content-Type"].startswith("text/calendar"), adresse
        texte.append(antwort.content.decode())
        adressen.append(adresse)
    assert len(adressen) > 100  # the demo is alive: feeds and many single downloads

    gesehen = set()
    for adresse, text, thunderbird in zip(adressen, texte, ical_js(texte), strict=True):
        tzdata = zoneinfo(text)
        assert thunderbird == tzdata, adresse
        gesehen |= set(tzdata)
    # The fixtures were all read, each on its own download as in the feeds.
    assert {ical.uid(t) for t in termine.values()} <= gesehen


@pytest.fixture
def thunderbird_liest(client):
    """The occurrences ical.js reads from a URL: {uid: [[start, ende], ...]}."""

    def lesen(adresse: str) -> dict[str, list[list[str]]]:
        (ergebnis,) = ical_js([client.get(adresse).content.decode()])
        return ergebnis

    return lesen


def test_der_stammtisch_im_april_2027_beginnt_um_16_uhr_utc(thunderbird_liest):
    # The case from the report: Thunderbird read 17:00 UTC, an hour late.
    stammtisch = StammtischFactory(
        termin=StammtischTerminFactory(start=berlin(2027, 4, 8, 18), ende=berlin(2027, 4, 8, 20))
    )
    (vorkommen,) = thunderbird_liest(reverse("stammtisch:ics", args=[stammtisch.pk])).values()
    assert vorkommen == [["2027-04-08T16:00:00Z", "2027-04-08T18:00:00Z"]]
    (vorkommen,) = thunderbird_liest(reverse("termine:ics", args=[stammtisch.termin.pk])).values()
    assert vorkommen == [["2027-04-08T16:00:00Z", "2027-04-08T18:00:00Z"]]


def test_die_doppelte_stunde_im_oktober_steht_in_utc(client, thunderbird_liest):
    # 02:30 happens twice on 31 October 2027; ical.js would read a wall time as the second.
    erstes = TerminFactory(start=berlin(2027, 10, 31, 2, 30), ende=berlin(2027, 10, 31, 4))
    zweites = TerminFactory(
        start=berlin(2027, 10, 31, 2, 30).replace(fold=1), ende=berlin(2027, 10, 31, 4)
    )
    roh = client.get(reverse("termine:ics", args=[erstes.pk])).content.decode()
    assert "DTSTART:20271031T003000Z" in roh
    assert "DTEND;TZID=Europe/Berlin:20271031T040000" in roh
    roh = client.get(reverse("termine:ics", args=[zweites.pk])).content.decode()
    assert "DTSTART:20271031T013000Z" in roh
    assert list(thunderbird_liest(reverse("termine:ics", args=[erstes.pk])).values()) == [
        [["2027-10-31T00:30:00Z", "2027-10-31T03:00:00Z"]]
    ]
    assert list(thunderbird_liest(reverse("termine:ics", args=[zweites.pk])).values()) == [
        [["2027-10-31T01:30:00Z", "2027-10-31T03:00:00Z"]]
    ]


def test_eine_serie_nachts_am_umstellungstag_liest_ical_js_anders(client, thunderbird_liest):
    """The known limit (termine/ical.py): a series keeps its wall time, also at 02:30.

    On the switch days RFC 5545 (and zoneinfo) read 02:30 with the offset before the gap
    and as the first of the two 02:30 in October; ical.js reads the offset after the gap and
    the second 02:30. If this test fails, ical.js changed: the big comparison above may then
    take such a series too.
    """
    februar = date(2027, 2, 28)
    serie = TerminFactory(
        start=_am(februar, 2, 30),
        ende=_am(februar, 3, 30),
        wiederholung="monatlich",
        wochentag=6,
        woche_im_monat=-1,
        wiederholen_bis=date(2027, 10, 31),
    )
    text = client.get(reverse("termine:ics", args=[serie.pk])).content.decode()
    (tzdata,) = zoneinfo(text).values()
    (thunderbird,) = thunderbird_liest(reverse("termine:ics", args=[serie.pk])).values()
    anders = [(a[0], b[0]) for a, b in zip(thunderbird, tzdata, strict=True) if a != b]
    assert anders == [
        ("2027-03-28T00:30:00Z", "2027-03-28T01:30:00Z"),
        ("2027-10-31T01:30:00Z", "2027-10-31T00:30:00Z"),
    ]


def test_eine_wochenserie_bleibt_ueber_die_umstellung_um_18_uhr(thunderbird_liest):
    serie = TerminFactory(
        start=berlin(2027, 3, 18, 18),
        ende=berlin(2027, 3, 18, 20),
        wiederholung="woechentlich",
        wochentag=3,
        wiederholen_bis=date(2027, 4, 8),
    )
    TerminAusnahme.objects.create(termin=serie, datum=date(2027, 4, 1))
    (vorkommen,) = thunderbird_liest(reverse("termine:ics", args=[serie.pk])).values()
    assert vorkommen == [
        ["2027-03-18T17:00:00Z", "2027-03-18T19:00:00Z"],
        ["2027-03-25T17:00:00Z", "2027-03-25T19:00:00Z"],
        ["2027-04-08T16:00:00Z", "2027-04-08T18:00:00Z"],
    ]


def test_die_vtimezone_ist_die_der_kalenderprogramme(client):
    termin = TerminFactory(start=berlin(2027, 4, 8, 18), ende=berlin(2027, 4, 8, 20))
    roh = client.get(reverse("termine:ics", args=[termin.pk])).content.decode()
    zeitzone = roh[roh.index("BEGIN:VTIMEZONE") : roh.index("END:VTIMEZONE")]
    assert roh.count("BEGIN:VTIMEZONE") == 1 and "RDATE" not in roh
    assert "TZID:Europe/Berlin" in zeitzone
    sommer = zeitzone[zeitzone.index("BEGIN:DAYLIGHT") : zeitzone.index("END:DAYLIGHT")]
    winter = zeitzone[zeitzone.index("BEGIN:STANDARD") : zeitzone.index("END:STANDARD")]
    assert zeitzone.count("BEGIN:DAYLIGHT") == 1 and zeitzone.count("BEGIN:STANDARD") == 1
    for teil, zeilen in [
        (
            sommer,
            ["DTSTART:19700329T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST"],
        ),
        (
            winter,
            ["DTSTART:19701025T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET"],
        ),
    ]:
        for zeile in zeilen:
            assert zeile + "\r\n" in teil
        (regel,) = [z for z in teil.split("\r\n") if z.startswith("RRULE:")]
        assert set(regel.removeprefix("RRULE:").split(";")) == {
            "FREQ=YEARLY",
            "BYDAY=-1SU",
            "BYMONTH=3" if teil is sommer else "BYMONTH=10",
        }
