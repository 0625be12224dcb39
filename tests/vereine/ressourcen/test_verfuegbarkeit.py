"""The pure availability functions: overlaps, free units, the month grid."""

from datetime import date

from vereine.ressourcen.verfuegbarkeit import (
    belegt_je_tag,
    einheiten_waehlen,
    freie_einheiten,
    monatsraster,
    ueberschneiden,
)

T = date(2026, 12, 1)


def d(n: int) -> date:
    return date(2026, 12, n)


def test_ueberschneiden_schliesst_die_grenztage_ein():
    assert ueberschneiden(d(1), d(3), d(3), d(5))
    assert not ueberschneiden(d(1), d(3), d(4), d(5))
    assert ueberschneiden(d(2), d(2), d(1), d(9))


def test_freie_einheiten_und_auswahl():
    buchungen = [(1, d(1), d(3)), (2, d(5), d(6))]
    assert freie_einheiten([1, 2, 3], buchungen, d(3), d(5)) == [3]
    assert freie_einheiten([1, 2, 3], buchungen, d(4), d(4)) == [1, 2, 3]
    assert einheiten_waehlen([1, 2, 3], buchungen, d(4), d(4), 2) == [1, 2]
    assert einheiten_waehlen([1, 2, 3], buchungen, d(3), d(5), 2) is None


def test_belegt_je_tag_zaehlt_einheiten():
    zaehler = belegt_je_tag([(1, d(1), d(3)), (2, d(3), d(10))], d(2), d(4))
    assert zaehler == {d(2): 1, d(3): 2, d(4): 1}


def test_monatsraster_beginnt_montags_und_zeigt_freie_einheiten():
    wochen = monatsraster(2026, 12, menge=2, buchungen=[(1, d(24), d(26))], heute=d(10))
    assert wochen[0][0].datum == date(2026, 11, 30) and not wochen[0][0].im_monat
    assert all(len(w) == 7 for w in wochen)
    tage = {t.datum: t for w in wochen for t in w}
    assert tage[d(24)].belegt == 1 and tage[d(24)].frei == 1 and not tage[d(24)].ausgebucht
    assert tage[d(9)].vergangen and not tage[d(10)].vergangen
