"""Privacy as code: the registry, its system check, and the retention job."""

from datetime import date, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from termine.ferien import datenschutz
from termine.ferien import services as ferien
from termine.ferien.models import lokale_mitternacht
from termine.ferien.verlosung import services as dienste
from termine.models import (
    Anmeldung,
    Anpassung,
    Ferienangebot,
    Gruppenmitglied,
    Kind,
    Verlosungslauf,
    Wunsch,
    Wunschgruppe,
)
from tests.factories import (
    FerienangebotFactory,
    FerienzeitraumFactory,
    KindFactory,
    KoordinationFactory,
    ferien_durchfuehrung,
    geburtsdatum_fuer,
)


def test_das_register_ist_vollstaendig():
    assert datenschutz.pruefen() == []


def test_check_scheitert_ohne_regel_fuer_ein_feld():
    register = dict(datenschutz.REGISTER)
    del register["termine.Kind.geburtsdatum"]
    fehler = datenschutz.pruefen(register=register)
    assert [f.id for f in fehler] == ["netzwerk.E901"]
    assert "termine.Kind.geburtsdatum" in fehler[0].msg


@pytest.mark.parametrize(
    "feld",
    [
        "termine.Wunsch.kind",
        "termine.Wunsch.favorit",
        "termine.Wunschgruppe.code",
        "termine.Gruppenmitglied.kind",
        "termine.Anpassung.grund",
        "termine.Anpassung.folgen",
        "termine.Verlosungslauf.eingabe",
        "termine.Verlosungslauf.bestaetigt_von",
    ],
)
def test_check_deckt_die_modelle_der_wunschphase_vollstaendig_ab(feld):
    """A field of the wish phase's models that nobody classified fails the check."""
    register = dict(datenschutz.REGISTER)
    del register[feld]
    fehler = datenschutz.pruefen(register=register)
    assert [f.id for f in fehler] == ["netzwerk.E901"]
    assert feld in fehler[0].msg


def test_check_scheitert_fuer_markierte_felder_ohne_regel():
    register = dict(datenschutz.REGISTER)
    del register["termine.Ferienangebot.kontaktperson"]
    fehler = datenschutz.pruefen(register=register)
    assert [f.id for f in fehler] == ["netzwerk.E902"]


def test_check_meldet_unbekannte_regeln_und_veraltete_felder():
    register = {
        **datenschutz.REGISTER,
        "termine.Kind.vorname": "gibt_es_nicht",
        "termine.Kind.lieblingsfarbe": "familie",
    }
    assert sorted(f.id for f in datenschutz.pruefen(register=register)) == [
        "netzwerk.E903",
        "netzwerk.E904",
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
        vorname="Fiona", geburtsdatum=geburtsdatum_fuer(9, d.erster_tag), hinweise="Asthma"
    )
    papier = KindFactory(
        eltern=None,
        vorname="Paul",
        nachname="Papier",
        sorgeberechtigt_name="Petra Papier",
        geburtsdatum=geburtsdatum_fuer(9, d.erster_tag),
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


# ------------------------------------------------------------------------------ wish phase


@pytest.fixture
def wunschphase(db):
    """A wish-mode period: two linked children wish for one place; a preview with a logged
    manual change (the holder's place taken away, the other child moved up)."""
    zeitraum = FerienzeitraumFactory(modus="verlosung")
    d = ferien_durchfuehrung(FerienangebotFactory(zeitraum=zeitraum), plaetze=1)
    anna, ben = (
        KindFactory(
            vorname=name, nachname="Beispiel", geburtsdatum=geburtsdatum_fuer(9, d.erster_tag)
        )
        for name in ("Anna", "Ben")
    )
    for kind in (anna, ben):
        dienste.wunsch_hinzufuegen(kind=kind, durchfuehrung=d, von=kind.eltern)
    gruppe = dienste.gruppe_gruenden(kind=anna, zeitraum=zeitraum, von=anna.eltern)
    dienste.gruppe_beitreten(kind=ben, zeitraum=zeitraum, code=gruppe.code, von=ben.eltern)
    koordination = KoordinationFactory()
    lauf = dienste.vorschau(zeitraum=zeitraum, seed=1, von=koordination)
    (inhaber,) = [k for k, *_rest in lauf.ergebnis["plaetze"]]
    anpassung = dienste.anpassen(
        lauf=lauf,
        kind=Kind.objects.get(pk=inhaber),
        durchfuehrung=d,
        aktion=Anpassung.Aktion.ENTFERNEN,
        grund="Die Mutter von Anna hat angerufen",
        von=koordination,
    )
    assert "Beispiel" in anpassung.folgen  # the child who moved up, by name
    return zeitraum, anpassung, koordination


def lokal(tag: date, stunde: int):
    return lokale_mitternacht(tag) + timedelta(hours=stunde)


def _bestand() -> tuple[int, int, int]:
    return Wunsch.objects.count(), Wunschgruppe.objects.count(), Gruppenmitglied.objects.count()


def test_wunschphase_bleibt_bis_zum_ende_des_zeitraums(wunschphase):
    zeitraum, anpassung, _ = wunschphase
    bericht = datenschutz.anwenden(jetzt=lokal(zeitraum.ende, 20))
    assert (bericht.wuensche_geloescht, bericht.wunschgruppen_geloescht) == (0, 0)
    assert _bestand() == (2, 1, 2)
    anpassung.refresh_from_db()
    assert anpassung.kind_id and anpassung.grund == "Die Mutter von Anna hat angerufen"


def test_gruppen_gehen_mit_dem_zeitraum_wuensche_nach_12_wochen(wunschphase):
    zeitraum, anpassung, koordination = wunschphase
    lauf = anpassung.lauf
    eingabe = lauf.eingabe

    bericht = datenschutz.anwenden(jetzt=lokal(zeitraum.ende + timedelta(days=1), 9))
    assert bericht.wunschgruppen_geloescht == 1 and bericht.wuensche_geloescht == 0
    assert _bestand() == (2, 0, 0)
    anpassung.refresh_from_db()
    assert anpassung.kind_id is not None  # the log keeps the child for 12 weeks

    spaeter = lokal(zeitraum.ende + timedelta(weeks=12, days=1), 9)
    bericht = datenschutz.anwenden(jetzt=spaeter)
    assert (bericht.wuensche_geloescht, bericht.anpassungen_pseudonymisiert) == (2, 1)
    assert _bestand() == (0, 0, 0)
    anpassung.refresh_from_db()
    # The audit stays: what was changed, where, by whom and when; the child and the reason go.
    assert anpassung.kind is None and anpassung.folgen == ""
    assert anpassung.grund == datenschutz.GRUND_ENTFERNT
    assert anpassung.aktion == Anpassung.Aktion.ENTFERNEN and anpassung.von == koordination
    assert anpassung.durchfuehrung_id is not None
    # The run's JSON (ids only) is kept as the audit of the draw.
    assert Verlosungslauf.objects.get(pk=lauf.pk).eingabe == eingabe
    assert Kind.objects.filter(vorname__in=["Anna", "Ben"]).count() == 2  # families keep them
    # Nothing left to do on the next day.
    bericht = datenschutz.anwenden(jetzt=spaeter + timedelta(days=1))
    assert (bericht.wuensche_geloescht, bericht.anpassungen_pseudonymisiert) == (0, 0)


def test_probelauf_zaehlt_die_wunschphase_und_aendert_nichts(wunschphase):
    zeitraum, anpassung, _ = wunschphase
    ausgabe = StringIO()
    with time_machine.travel(lokal(zeitraum.ende + timedelta(weeks=13), 9), tick=False):
        call_command("ferien_datenschutz", "--dry-run", stdout=ausgabe)
    text = ausgabe.getvalue()
    assert "would delete 2 wishes" in text
    assert "would delete 1 wish groups" in text
    assert "would remove child and reason from 1 manual lottery changes" in text
    assert _bestand() == (2, 1, 2)
    anpassung.refresh_from_db()
    assert anpassung.grund == "Die Mutter von Anna hat angerufen"


def test_mit_dem_kind_gehen_wuensche_und_gruppe_sofort(wunschphase):
    zeitraum, anpassung, _ = wunschphase
    anna = Kind.objects.get(vorname="Anna")
    ben = Kind.objects.get(vorname="Ben")
    anna.delete()
    ben.delete()
    assert Wunsch.objects.count() == 0 and Gruppenmitglied.objects.count() == 0
    anpassung.refresh_from_db()
    assert anpassung.kind is None  # SET_NULL: the log no longer points at the child
    # The group code that no child is left in goes with the next daily run.
    assert Wunschgruppe.objects.count() == 1
    assert datenschutz.anwenden().wunschgruppen_geloescht == 1
    assert Wunschgruppe.objects.count() == 0


@pytest.mark.django_db
def test_taegliche_aufgabe_raeumt_die_wunschphase_auf(wunschphase):
    zeitraum, _, _ = wunschphase
    with time_machine.travel(lokal(zeitraum.ende + timedelta(weeks=13), 9), tick=False):
        ergebnis = datenschutz.taeglich.enqueue()
    assert any("delete 2 wishes" in z for z in ergebnis.return_value)
    assert _bestand() == (0, 0, 0)
