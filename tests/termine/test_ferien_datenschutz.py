"""Privacy as code: the registry, its system check, and the retention job."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from termine import datenschutz, ferien
from termine.models import Anmeldung, Ferienangebot, Kind
from tests.factories import (
    FerienangebotFactory,
    FerienzeitraumFactory,
    KindFactory,
    ferien_durchfuehrung,
)


def test_das_register_ist_vollstaendig():
    assert datenschutz.pruefen() == []


def test_check_scheitert_ohne_regel_fuer_ein_feld():
    register = dict(datenschutz.REGISTER)
    del register["termine.Kind.geburtsdatum"]
    fehler = datenschutz.pruefen(register=register)
    assert [f.id for f in fehler] == ["termine.E901"]
    assert "termine.Kind.geburtsdatum" in fehler[0].msg


def test_check_scheitert_fuer_markierte_felder_ohne_regel():
    register = dict(datenschutz.REGISTER)
    del register["termine.Ferienangebot.kontaktperson"]
    fehler = datenschutz.pruefen(register=register)
    assert [f.id for f in fehler] == ["termine.E902"]


def test_check_meldet_unbekannte_regeln_und_veraltete_felder():
    register = {
        **datenschutz.REGISTER,
        "termine.Kind.vorname": "gibt_es_nicht",
        "termine.Kind.lieblingsfarbe": "familie",
    }
    assert sorted(f.id for f in datenschutz.pruefen(register=register)) == [
        "termine.E903",
        "termine.E904",
    ]


def test_check_laeuft_mit_manage_py_check():
    from django.core import checks

    assert not [m for m in checks.run_checks(tags=["datenschutz"]) if m.is_serious()]
    assert Ferienangebot.personenbezogene_felder == ("kontaktperson",)


@pytest.fixture
def vergangene_ferien(db):
    """A period that ended 13 weeks ago with notes, waiting entries and a paper child."""
    heute = timezone.localdate()
    ende = heute - timedelta(weeks=13)
    zeitraum = FerienzeitraumFactory(
        beginn=ende - timedelta(days=10),
        ende=ende,
        anmeldung_ab=timezone.now() - timedelta(weeks=20),
        anmeldung_bis=timezone.now() - timedelta(weeks=15),
    )
    angebot = FerienangebotFactory(zeitraum=zeitraum)
    d = ferien_durchfuehrung(angebot, plaetze=1)
    familie = KindFactory(
        vorname="Fiona", geburtsdatum=date(heute.year - 9, 1, 1), hinweise="Asthma"
    )
    papier = KindFactory(
        eltern=None,
        vorname="Paul",
        nachname="Papier",
        sorgeberechtigt_name="Petra Papier",
        geburtsdatum=date(heute.year - 9, 1, 1),
    )
    Kind.objects.filter(pk=papier.pk).update(erstellt=timezone.now() - timedelta(weeks=20))
    Anmeldung.objects.create(
        kind=familie,
        durchfuehrung=d,
        status="bestaetigt",
        alter=9,
        hinweise="Asthma",
        notfall_telefon="0170 1",
        anwesend=True,
    )
    Anmeldung.objects.create(
        kind=papier, durchfuehrung=d, status="warteliste", warteliste_position=1, alter=9
    )
    return d, familie, papier


@pytest.mark.django_db
def test_probelauf_aendert_nichts(vergangene_ferien):
    ausgabe = StringIO()
    call_command("ferien_datenschutz", "--dry-run", stdout=ausgabe)
    assert "would erase notes and emergency phones of 1 registrations" in ausgabe.getvalue()
    assert "would delete 1 waiting entries" in ausgabe.getvalue()
    assert "would pseudonymise 1 children" in ausgabe.getvalue()
    assert Anmeldung.objects.filter(hinweise="Asthma").exists()
    assert Anmeldung.objects.count() == 2


@pytest.mark.django_db
def test_lauf_loescht_und_pseudonymisiert(vergangene_ferien):
    d, familie, papier = vergangene_ferien
    call_command("ferien_datenschutz", stdout=StringIO())
    (anmeldung,) = Anmeldung.objects.all()  # the waiting entry is gone
    assert anmeldung.kind is None and anmeldung.anwesend is None
    assert anmeldung.hinweise == "" and anmeldung.notfall_telefon == ""
    assert anmeldung.alter == 9 and anmeldung.status == "bestaetigt"  # statistics stay
    familie.refresh_from_db()
    assert familie.vorname == "Fiona"  # the family's own record stays with the family
    papier.refresh_from_db()
    assert papier.vorname == "Kind" and papier.geburtsdatum is None
    assert papier.sorgeberechtigt_name == "" and papier.pseudonymisiert_am
    # A second run has nothing left to do.
    assert datenschutz.anwenden(dry_run=True).zeilen()[0].startswith("would erase notes and")
    assert datenschutz.anwenden().hinweise_geloescht == 0


@pytest.mark.django_db
def test_hinweise_erst_14_tage_nach_dem_termin(vergangene_ferien):
    zeitraum = FerienzeitraumFactory()
    angebot = FerienangebotFactory(zeitraum=zeitraum)
    d = ferien_durchfuehrung(angebot)
    kind = KindFactory(hinweise="Brille", hinweise_einwilligung_am=timezone.now())
    anmeldung = ferien.anmelden(kind=kind, durchfuehrung=d, von=kind.eltern)
    assert anmeldung.hinweise == "Brille"
    datenschutz.anwenden(jetzt=d.termin.ende + timedelta(days=13))
    anmeldung.refresh_from_db()
    assert anmeldung.hinweise == "Brille"
    datenschutz.anwenden(jetzt=d.termin.ende + timedelta(days=15))
    anmeldung.refresh_from_db()
    assert anmeldung.hinweise == ""


@pytest.mark.django_db
def test_taegliche_aufgabe(vergangene_ferien):
    ergebnis = datenschutz.taeglich.enqueue()
    assert any("pseudonymise 1 children" in z for z in ergebnis.return_value)
