"""The pure recurrence expansion: rules, exceptions, school holidays, DST."""

from datetime import date, timedelta

import pytest

from termine.wiederholung import (
    MONATLICH,
    WOECHENTLICH,
    Serie,
    ausgelassene_tage,
    standard_woche_im_monat,
    vorkommen,
)
from tests.termine.factories import berlin


def woechentlich(**kwargs) -> Serie:
    werte = {
        "start": berlin(2026, 3, 5, 18),
        "ende": berlin(2026, 3, 5, 20),
        "wiederholung": WOECHENTLICH,
    }
    werte.update(kwargs)
    return Serie(**werte)


def starts(serie, von, bis, **kwargs):
    return [(v.start.date(), v.start.hour) for v in vorkommen(serie, von, bis, **kwargs)]


def test_einzeltermin_ist_ein_vorkommen_wenn_er_den_zeitraum_beruehrt():
    serie = Serie(start=berlin(2026, 5, 22, 10), ende=berlin(2026, 5, 22, 16))
    assert len(vorkommen(serie, berlin(2026, 5, 22, 15), berlin(2026, 5, 23))) == 1
    assert vorkommen(serie, berlin(2026, 5, 22, 16), berlin(2026, 5, 23)) == []
    assert vorkommen(serie, berlin(2026, 5, 21), berlin(2026, 5, 22, 10)) == []


def test_termin_ohne_dauer_wird_am_startpunkt_gefunden():
    serie = Serie(start=berlin(2026, 5, 22, 10), ende=berlin(2026, 5, 22, 10))
    assert len(vorkommen(serie, berlin(2026, 5, 22, 10), berlin(2026, 5, 23))) == 1


def test_woechentlich_ueber_die_sommerzeit_bleibt_18_uhr_ortszeit():
    serie = woechentlich(start=berlin(2026, 3, 19, 18), ende=berlin(2026, 3, 19, 20))
    liste = vorkommen(serie, berlin(2026, 3, 1), berlin(2026, 4, 10))
    assert [(v.start.day, v.start.hour, v.ende.hour) for v in liste] == [
        (19, 18, 20),
        (26, 18, 20),
        (2, 18, 20),
        (9, 18, 20),
    ]
    # The UTC offset changes on 29 March: 17:00 UTC before, 16:00 UTC after.
    assert liste[1].start.utcoffset() == timedelta(hours=1)
    assert liste[2].start.utcoffset() == timedelta(hours=2)


def test_woechentlich_ueber_das_ende_der_sommerzeit_bleibt_18_uhr_ortszeit():
    serie = woechentlich(start=berlin(2026, 10, 15, 18), ende=berlin(2026, 10, 15, 20))
    liste = vorkommen(serie, berlin(2026, 10, 1), berlin(2026, 11, 6))
    assert [(v.start.day, v.start.hour) for v in liste] == [(15, 18), (22, 18), (29, 18), (5, 18)]
    assert liste[1].start.utcoffset() == timedelta(hours=2)
    assert liste[2].start.utcoffset() == timedelta(hours=1)
    # Two hours long also in the night the clocks go back.
    assert all(v.ende - v.start == timedelta(hours=2) for v in liste)


def test_alle_zwei_wochen_bis_einschliesslich_enddatum():
    serie = woechentlich(intervall=2, bis=date(2026, 4, 2))
    assert starts(serie, berlin(2026, 1, 1), berlin(2026, 12, 31)) == [
        (date(2026, 3, 5), 18),
        (date(2026, 3, 19), 18),
        (date(2026, 4, 2), 18),
    ]


def test_ausnahmen_fallen_aus():
    serie = woechentlich(ausnahmen={date(2026, 3, 12)})
    assert starts(serie, berlin(2026, 3, 1), berlin(2026, 3, 20)) == [
        (date(2026, 3, 5), 18),
        (date(2026, 3, 19), 18),
    ]


def test_pause_in_den_schulferien_nur_wenn_gewuenscht():
    ferien = [(date(2026, 3, 30), date(2026, 4, 4))]
    mit_pause = woechentlich(
        start=berlin(2026, 3, 26, 18), ende=berlin(2026, 3, 26, 20), pausiert_in_schulferien=True
    )
    ohne_pause = woechentlich(start=berlin(2026, 3, 26, 18), ende=berlin(2026, 3, 26, 20))
    von, bis = berlin(2026, 3, 25), berlin(2026, 4, 10)
    assert [d for d, _ in starts(mit_pause, von, bis, schulferien=ferien)] == [
        date(2026, 3, 26),
        date(2026, 4, 9),
    ]
    assert len(starts(ohne_pause, von, bis, schulferien=ferien)) == 3


def test_monatlich_am_zweiten_dienstag():
    serie = Serie(
        start=berlin(2026, 1, 13, 19),
        ende=berlin(2026, 1, 13, 21),
        wiederholung=MONATLICH,
        wochentag=1,
        woche_im_monat=2,
    )
    assert [d for d, _ in starts(serie, berlin(2026, 1, 1), berlin(2026, 5, 1))] == [
        date(2026, 1, 13),
        date(2026, 2, 10),
        date(2026, 3, 10),
        date(2026, 4, 14),
    ]


def test_monatlich_am_letzten_freitag():
    serie = Serie(
        start=berlin(2026, 1, 30, 19),
        ende=berlin(2026, 1, 30, 21),
        wiederholung=MONATLICH,
        woche_im_monat=-1,
    )
    assert [d for d, _ in starts(serie, berlin(2026, 1, 1), berlin(2026, 5, 1))] == [
        date(2026, 1, 30),
        date(2026, 2, 27),
        date(2026, 3, 27),
        date(2026, 4, 24),
    ]


@pytest.mark.parametrize(
    "tag,nummer",
    [
        (date(2026, 1, 1), 1),
        (date(2026, 1, 14), 2),
        (date(2026, 1, 28), 4),
        (date(2026, 1, 29), -1),
    ],
)
def test_standard_woche_im_monat(tag, nummer):
    assert standard_woche_im_monat(tag) == nummer


def test_mehrtaegiger_serientermin_wird_im_laufenden_zeitraum_gefunden():
    serie = woechentlich(start=berlin(2026, 3, 6, 18), ende=berlin(2026, 3, 8, 12))
    liste = vorkommen(serie, berlin(2026, 3, 14), berlin(2026, 3, 15))
    assert [v.start.date() for v in liste] == [date(2026, 3, 13)]


def test_ausgelassene_tage_fuer_exdate():
    serie = woechentlich(
        start=berlin(2026, 3, 26, 18),
        ende=berlin(2026, 3, 26, 20),
        ausnahmen={date(2026, 4, 16), date(2026, 4, 17)},  # the 17th is no rule day
        pausiert_in_schulferien=True,
    )
    tage = ausgelassene_tage(serie, schulferien=[(date(2026, 3, 30), date(2026, 4, 4))])
    assert [(t.date(), t.hour) for t in tage] == [(date(2026, 4, 2), 18), (date(2026, 4, 16), 18)]


def test_ungueltige_serie_wird_abgelehnt():
    with pytest.raises(ValueError):
        Serie(start=berlin(2026, 1, 2), ende=berlin(2026, 1, 1))
    with pytest.raises(ValueError):
        woechentlich(intervall=0)
