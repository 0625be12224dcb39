"""The materialised occurrences (termine/vorkommen.py): the table says what the rule says,
follows every change, and ranges outside its horizon still work (expanded in Python)."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from netzwerk.models import Schulferien
from netzwerk.zeit import ortszeit
from termine import vorkommen as materialisiert
from termine.kalender import eintraege, eintraege_laden, schulferien
from termine.models import Termin, Vorkommen
from tests.termine.factories import TerminFactory, berlin

pytestmark = pytest.mark.django_db


def _python(von, bis):
    """The entries as expanded in Python, the reference."""
    termine = Termin.objects.im_zeitraum(von, bis).fuer_listen()
    return [
        (e.termin.pk, e.start, e.ende)
        for e in eintraege(termine, von, bis, ferien=schulferien(von.date(), bis.date()))
    ]


def _tabelle(von, bis, **kwargs):
    liste, _ferien = eintraege_laden(Termin.objects.all(), von, bis, **kwargs)
    return [(e.termin.pk, e.start, e.ende) for e in liste]


@pytest.fixture
def serien(jetzt):
    Schulferien.objects.create(name="Sommerferien", beginn=date(2026, 7, 9), ende=date(2026, 8, 19))
    woechentlich = TerminFactory(
        start=berlin(2026, 3, 3, 18), ende=berlin(2026, 3, 3, 20), wiederholung="woechentlich"
    )
    woechentlich.ausnahmen.create(datum=date(2026, 6, 9))
    TerminFactory(
        start=berlin(2026, 1, 13, 19),
        ende=berlin(2026, 1, 13, 21),
        wiederholung="monatlich",
        woche_im_monat=-1,
        wochentag=1,
    )
    TerminFactory(
        start=berlin(2026, 5, 6, 16),
        ende=berlin(2026, 5, 6, 17),
        wiederholung="woechentlich",
        intervall=2,
        pausiert_in_schulferien=True,
        wiederholen_bis=date(2027, 3, 1),
    )
    TerminFactory(start=berlin(2026, 6, 20, 10), ende=berlin(2026, 6, 22, 0), ganztaegig=True)
    return woechentlich


def test_tabelle_gleich_python(serien):
    for von, bis in [
        (berlin(2026, 6, 1, 9), berlin(2027, 6, 1, 9)),
        (berlin(2026, 10, 1), berlin(2026, 11, 2)),  # across the October clock change
        (berlin(2026, 6, 21, 12), berlin(2026, 6, 21, 13)),  # inside the multi-day date
    ]:
        assert _tabelle(von, bis) == _python(von, bis)


def test_nur_in_den_ferien(serien):
    von, bis = berlin(2026, 6, 1), berlin(2026, 9, 1)
    liste = _tabelle(von, bis, nur_ferien=True)
    assert liste
    assert all(date(2026, 7, 9) <= timezone.localdate(s) <= date(2026, 8, 19) for _, s, _e in liste)


def test_aenderung_verschiebt_die_zeilen(serien):
    serien.start += timedelta(hours=1)
    serien.ende += timedelta(hours=1)
    serien.save()
    von, bis = berlin(2026, 6, 1), berlin(2026, 9, 1)
    assert _tabelle(von, bis) == _python(von, bis)
    assert {timezone.localtime(v.start).hour for v in serien.vorkommen_zeilen.all()} == {19}


def test_ausnahme_und_schulferien_folgen(serien):
    von, bis = berlin(2026, 6, 1), berlin(2027, 6, 1)
    serien.ausnahmen.create(datum=date(2026, 6, 16))
    Schulferien.objects.create(
        name="Herbstferien", beginn=date(2026, 10, 12), ende=date(2026, 10, 24)
    )
    assert _tabelle(von, bis) == _python(von, bis)
    serien.ausnahmen.filter(datum=date(2026, 6, 16)).delete()
    assert _tabelle(von, bis) == _python(von, bis)


def test_geloeschter_termin_verschwindet(serien):
    pk = serien.pk
    serien.delete()
    assert not Vorkommen.objects.filter(termin_id=pk).exists()


def test_ausserhalb_des_horizonts_wird_gerechnet(serien):
    _von, bis = materialisiert.stand()
    spaeter = bis + timedelta(days=40)
    liste = _tabelle(spaeter, spaeter + timedelta(days=30))
    assert liste == _python(spaeter, spaeter + timedelta(days=30))
    assert any(pk == serien.pk for pk, _s, _e in liste)


def test_naechste_eintraege_begrenzt(serien):
    jetzt = timezone.now()
    liste, _ferien = eintraege_laden(Termin.objects.all(), jetzt, jetzt + timedelta(days=365))
    # COUNT and LIMIT: a page of 5 loads 5 rows.
    assert liste.count() > 5
    assert len(liste[:5]) == 5


def test_befehl_baut_alles_neu(serien):
    Vorkommen.objects.all().delete()
    call_command("vorkommen_aufbauen", stdout=StringIO())
    von, bis = ortszeit(timezone.localdate()), ortszeit(timezone.localdate() + timedelta(days=200))
    assert _tabelle(von, bis) == _python(von, bis)


def test_eintraege_verhalten_sich_wie_eine_liste(serien):
    von, bis = berlin(2026, 6, 1), berlin(2026, 9, 1)
    liste, _ferien = eintraege_laden(Termin.objects.all(), von, bis)
    alle = list(eintraege_laden(Termin.objects.all(), von, bis)[0])
    assert liste[0] == alle[0]
    assert liste[-1] == alle[-1]
    assert liste[2:5] == alle[2:5]
    with pytest.raises(IndexError):
        eintraege_laden(Termin.objects.all(), von, bis)[0][len(alle)]


def test_ausnahmen_aus_dem_formulardienst_und_kopie(serien):
    from termine import services

    von, bis = berlin(2026, 6, 1), berlin(2026, 9, 1)
    services.termin_speichern(termin=serien, von=None, ausnahmen=[date(2026, 6, 23)])
    assert _tabelle(von, bis) == _python(von, bis)
    assert date(2026, 6, 23) not in {timezone.localdate(s) for pk, s, _e in _tabelle(von, bis)}
    kopie = services.termin_duplizieren(termin=serien, von=None)
    assert kopie.vorkommen_zeilen.count() == serien.vorkommen_zeilen.count()
    assert _tabelle(von, bis) == _python(von, bis)


def test_update_der_zeiten_baut_neu(serien):
    von, bis = berlin(2026, 6, 1), berlin(2026, 9, 1)
    Termin.objects.filter(pk=serien.pk).update(
        start=berlin(2026, 3, 4, 10), ende=berlin(2026, 3, 4, 12)
    )
    assert _tabelle(von, bis) == _python(von, bis)
    assert {timezone.localtime(v.start).hour for v in serien.vorkommen_zeilen.all()} == {10}
