"""Properties of the recurrence expansion (termine/wiederholung.py) over many generated series.

* DST invariance: every occurrence starts at the first one's wall-clock time and ends at
  that time plus the first one's wall-clock duration, in summer and in winter time alike.
  An end that falls into the spring gap (02:xx on the last Sunday of March) does not exist
  on the wall clock: it is read as Python reads such a time (fold=0, the offset before the
  switch), so a 00:30-02:00 meeting ends at 03:00 summer time, after 90 real minutes.
* Window additivity: the occurrences starting in [a, c) are those starting in [a, b) and
  those starting in [b, c).
* Excluded days (exceptions, school holidays of a pausing series) never appear.
* The iCal export says the same: python-dateutil's ``rrulestr`` over the exported
  RRULE minus the exported EXDATEs gives exactly the occurrences of ``vorkommen``.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rruleset, rrulestr
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from termine import ical
from termine.models import Termin, TerminAusnahme
from termine.wiederholung import KEINE, MONATLICH, WOECHENTLICH, Serie, vorkommen

BERLIN = ZoneInfo("Europe/Berlin")
EIGENSCHAFT = settings(max_examples=50, deadline=None)

# Start days around both DST switches of several years; wall-clock hours outside the
# switching night's 02:00-03:00 (a time that happens twice or never has no single meaning).
start_tage = st.dates(min_value=date(2025, 1, 1), max_value=date(2029, 12, 31))
stunden = st.sampled_from([0, 1, 6, 9, 12, 17, 18, 19, 23])
minuten = st.sampled_from([0, 15, 30, 45])


@st.composite
def serien(draw, *, mit_ende_offen: bool = True) -> Serie:
    tag = draw(start_tage)
    start = datetime.combine(tag, time(draw(stunden), draw(minuten)), tzinfo=BERLIN)
    dauer = timedelta(minutes=draw(st.integers(0, 5 * 60)))
    wiederholung = draw(st.sampled_from([WOECHENTLICH, MONATLICH]))
    bis = draw(st.none() | st.integers(0, 400).map(lambda n: tag + timedelta(days=n)))
    if not mit_ende_offen and bis is None:
        bis = tag + timedelta(days=400)
    ausnahmen = draw(
        st.frozensets(st.integers(0, 400).map(lambda n: tag + timedelta(days=n)), max_size=8)
    )
    return Serie(
        start=start,
        ende=start + dauer,
        wiederholung=wiederholung,
        intervall=draw(st.integers(1, 3)),
        wochentag=draw(st.none() | st.integers(0, 6)),
        woche_im_monat=draw(st.none() | st.sampled_from([1, 2, 3, 4, -1]))
        if wiederholung == MONATLICH
        else None,
        bis=bis,
        ausnahmen=ausnahmen,
        pausiert_in_schulferien=draw(st.booleans()),
    )


@st.composite
def schulferien(draw) -> list[tuple[date, date]]:
    perioden = draw(
        st.lists(st.tuples(start_tage, st.integers(0, 40)), max_size=4),
    )
    return [(beginn, beginn + timedelta(days=laenge)) for beginn, laenge in perioden]


def _fenster(serie: Serie, tage: int = 500) -> tuple[datetime, datetime]:
    von = serie.start - timedelta(days=1)
    return von, von + timedelta(days=tage)


def _lokal(zeitpunkt: datetime) -> datetime:
    return zeitpunkt.astimezone(BERLIN)


@EIGENSCHAFT
@given(serie=serien())
def test_wanduhrzeit_und_dauer_bleiben_ueber_die_zeitumstellung(serie):
    erster = _lokal(serie.start)
    wanddauer = _lokal(serie.ende).replace(tzinfo=None) - erster.replace(tzinfo=None)
    for v in vorkommen(serie, *_fenster(serie)):
        start, ende = _lokal(v.start), _lokal(v.ende)
        assert start.time() == erster.time()
        # Instants, not wall times: two datetimes with the same tzinfo compare as wall times.
        gemeint = (start.replace(tzinfo=None) + wanddauer).replace(tzinfo=BERLIN)
        assert ende.timestamp() == gemeint.timestamp()


@EIGENSCHAFT
@given(
    serie=serien(),
    ferien=schulferien(),
    a=st.integers(-30, 200),
    ab=st.integers(0, 200),
    bc=st.integers(0, 200),
)
def test_zeitfenster_sind_additiv(serie, ferien, a, ab, bc):
    anfang = serie.start + timedelta(days=a, hours=a % 24)
    mitte = anfang + timedelta(days=ab, minutes=ab)
    schluss = mitte + timedelta(days=bc)

    def starts(von, bis):
        # Starting in [von, bis): `vorkommen` also returns dates running into `von`.
        return [
            v.start for v in vorkommen(serie, von, bis, schulferien=ferien) if von <= v.start < bis
        ]

    assert starts(anfang, schluss) == starts(anfang, mitte) + starts(mitte, schluss)


@EIGENSCHAFT
@given(serie=serien(), ferien=schulferien())
def test_ausgenommene_tage_erscheinen_nie(serie, ferien):
    for v in vorkommen(serie, *_fenster(serie), schulferien=ferien):
        assert v.tag not in serie.ausnahmen
        if serie.pausiert_in_schulferien:
            assert not any(beginn <= v.tag <= ende for beginn, ende in ferien)
        if serie.bis:
            assert v.tag <= serie.bis


def test_einzeltermin_hat_genau_ein_vorkommen():
    start = datetime(2026, 3, 29, 18, tzinfo=BERLIN)
    serie = Serie(start=start, ende=start + timedelta(hours=2), wiederholung=KEINE)
    assert [v.start for v in vorkommen(serie, *_fenster(serie))] == [start]


# ------------------------------------------------------------------- agreement with iCal


def _termin(serie: Serie) -> Termin:
    termin = Termin.objects.create(
        titel="Serie",
        start=serie.start,
        ende=serie.ende,
        wiederholung=serie.wiederholung,
        intervall=serie.intervall,
        wochentag=serie.wochentag,
        woche_im_monat=serie.woche_im_monat,
        wiederholen_bis=serie.bis,
        pausiert_in_schulferien=serie.pausiert_in_schulferien,
        kategorie="vereinsleben",
        sichtbarkeit="oeffentlich",
        status="bestaetigt",
    )
    TerminAusnahme.objects.bulk_create(
        TerminAusnahme(termin=termin, datum=tag) for tag in serie.ausnahmen
    )
    return Termin.objects.prefetch_related("ausnahmen", "veranstalter").get(pk=termin.pk)


def _aus_dem_export(event, bis: datetime) -> list[datetime]:
    """What a calendar app computes: DTSTART, RRULE and EXDATE read back with dateutil."""
    dtstart = event.decoded("dtstart")
    regel = event["rrule"].to_ical().decode()
    menge = rruleset()
    menge.rrule(rrulestr(f"RRULE:{regel}", dtstart=dtstart))
    exdates = event.get("exdate")
    for liste in exdates if isinstance(exdates, list) else [exdates] if exdates else []:
        for eintrag in liste.dts:
            menge.exdate(eintrag.dt)
    return [d for d in menge.between(dtstart - timedelta(seconds=1), bis, inc=False)]


@pytest.mark.django_db
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(serie=serien(mit_ende_offen=False), ferien=schulferien())
def test_rrule_export_ergibt_dieselben_vorkommen(serie, ferien):
    with transaction.atomic():
        termin = _termin(serie)
        event = ical.vevent(termin, ferien=ferien)
        _von, bis = _fenster(serie)
        erwartet = [
            v.start for v in vorkommen(termin.als_serie(), serie.start, bis, schulferien=ferien)
        ]
        assert _aus_dem_export(event, bis) == erwartet
        transaction.set_rollback(True)
