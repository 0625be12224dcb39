"""The workflows of Lernen durch Engagement: projects, phases as Termine of the school,
standards, closing, the overview and the report figures."""

from datetime import timedelta

import pytest
from django.utils import timezone

from arbeitsgruppen.lde import services
from arbeitsgruppen.lde.kennzahlen import lde_kennzahlen
from arbeitsgruppen.lde.models import Engagementbedarf, Klassenprojekt, schuljahr_zu
from netzwerk import kennzahlen
from termine.models import Termin
from tests.arbeitsgruppen.lde.factories import BedarfFactory, SchuleFactory, projekt, tag
from tests.factories import AkteurFactory

pytestmark = pytest.mark.django_db


def test_schuljahr_wechselt_am_ersten_august():
    from datetime import date

    assert schuljahr_zu(date(2026, 7, 31)) == "2025/26"
    assert schuljahr_zu(date(2026, 8, 1)) == "2026/27"
    assert schuljahr_zu(date(2099, 9, 1)) == "2099/00"


def test_neues_projekt_hat_vier_phasen_und_sechs_standards(schule, akteur_a, lehrkraft):
    bedarf = BedarfFactory(akteur=akteur_a)
    p = projekt(schule, [akteur_a], bedarfe=[bedarf], von=lehrkraft)
    assert [ph.art for ph in p.phasen.all()] == ["recherche", "planung", "aktion", "abschluss"]
    assert p.standards.count() == 6
    assert not p.standards.filter(erfuellt=True).exists()
    bedarf.refresh_from_db()
    assert bedarf.status == Engagementbedarf.Status.UEBERNOMMEN
    assert p.erstellt_von == lehrkraft


def test_phasen_werden_termine_der_schule(schule, akteur_a, lehrkraft):
    p = projekt(schule, [akteur_a], von=lehrkraft)
    services.phasen_speichern(
        projekt=p,
        daten={"recherche": (tag(3), tag(10)), "aktion": (tag(30), None)},
        von=lehrkraft,
    )
    termine = Termin.objects.order_by("start")
    assert termine.count() == 2
    recherche = termine[0]
    assert recherche.titel == "Lernen durch Engagement, Klasse 6b: Recherche"
    assert recherche.ganztaegig
    assert timezone.localdate(recherche.start) == tag(3)
    assert timezone.localdate(recherche.ende) == tag(11)  # the day after the last, at 0:00
    assert set(recherche.veranstalter.all()) == {schule, akteur_a}
    assert recherche.sichtbarkeit == Termin.Sichtbarkeit.NETZWERK
    assert recherche.kategorie == Termin.Kategorie.BILDUNG
    assert timezone.localdate(termine[1].ende) == tag(31)  # a single day

    # Moving a phase moves its Termin (a new revision); clearing the dates removes it.
    services.phasen_speichern(
        projekt=p,
        daten={"recherche": (tag(5), tag(12)), "aktion": (None, None)},
        von=lehrkraft,
    )
    recherche.refresh_from_db()
    assert timezone.localdate(recherche.start) == tag(5)
    assert recherche.sequence == 1
    assert Termin.objects.count() == 1
    assert p.phasen.get(art="aktion").termin is None


def test_phasen_ueber_die_zeitumstellung(schule, akteur_a, lehrkraft):
    from datetime import date

    p = projekt(schule, [akteur_a], von=lehrkraft)
    # The last Sunday of October 2026: the day has 25 hours in Berlin.
    services.phasen_speichern(
        projekt=p, daten={"aktion": (date(2026, 10, 24), date(2026, 10, 25))}, von=lehrkraft
    )
    termin = Termin.objects.get()
    assert timezone.localtime(termin.start).hour == 0
    assert timezone.localtime(termin.ende).hour == 0
    assert timezone.localdate(termin.ende) == date(2026, 10, 26)


def test_projekt_aendern_nimmt_klassennamen_in_die_termine(schule, akteur_a, akteur_b, lehrkraft):
    p = projekt(schule, [akteur_a], von=lehrkraft)
    services.phasen_speichern(projekt=p, daten={"planung": (tag(1), tag(2))}, von=lehrkraft)
    p.klasse = "6c"
    services.projekt_aendern(projekt=p, von=lehrkraft, partner=[akteur_b], bedarfe=[])
    termin = Termin.objects.get()
    assert "Klasse 6c" in termin.titel
    assert set(termin.veranstalter.all()) == {schule, akteur_b}


def test_projekt_loeschen_nimmt_die_termine_mit(schule, akteur_a, lehrkraft):
    p = projekt(schule, [akteur_a], von=lehrkraft)
    services.phasen_speichern(projekt=p, daten={"planung": (tag(1), tag(2))}, von=lehrkraft)
    services.projekt_loeschen(projekt=p)
    assert not Termin.objects.exists()
    assert not Klassenprojekt.objects.exists()


def test_standards_und_abschluss(schule, akteur_a, lehrkraft):
    bedarf = BedarfFactory(akteur=akteur_a)
    p = projekt(schule, [akteur_a], bedarfe=[bedarf], von=lehrkraft)
    services.standards_speichern(
        projekt=p, werte={"realer_bedarf": (True, "  Der Garten braucht Insekten. ")}
    )
    s = p.standards.get(standard="realer_bedarf")
    assert s.erfuellt and s.notiz == "Der Garten braucht Insekten."
    services.projekt_abschliessen(projekt=p, ergebnis="Ein Hotel für 200 Bienen.", stunden=24)
    p.refresh_from_db()
    bedarf.refresh_from_db()
    assert p.abgeschlossen and p.abgeschlossen_am == timezone.localdate() and p.stunden == 24
    assert bedarf.status == Engagementbedarf.Status.ERLEDIGT


def test_bedarfe_auf_der_pinnwand():
    offen = BedarfFactory(titel="Offen")
    BedarfFactory(titel="Vorbei", von=tag(-30), bis=tag(-1))
    BedarfFactory(titel="Ohne Ende", von=None, bis=None)
    BedarfFactory(titel="Zurückgezogen", status="zurueckgezogen")
    BedarfFactory(titel="Inaktiv", akteur=AkteurFactory(status="inaktiv"))
    titel = set(Engagementbedarf.objects.offen().values_list("titel", flat=True))
    assert titel == {offen.titel, "Ohne Ende"}


def test_uebersicht_und_kennzahlen(schule, akteur_a, akteur_b, lehrkraft):
    jahr = services.aktuelles_schuljahr()
    b1, b2 = BedarfFactory(akteur=akteur_a), BedarfFactory(akteur=akteur_b)
    p1 = projekt(schule, [akteur_a], bedarfe=[b1], klasse="6b", von=lehrkraft)
    p2 = projekt(schule, [akteur_a, akteur_b], bedarfe=[b2], klasse="5a", von=lehrkraft)
    p3 = projekt(SchuleFactory(), [akteur_b], klasse="6B", schuljahr="2019/20")
    services.phasen_speichern(projekt=p1, daten={"aktion": (tag(-10), tag(-5))}, von=None)
    services.phasen_speichern(projekt=p2, daten={"aktion": (tag(20), tag(25))}, von=None)
    services.phasen_speichern(projekt=p3, daten={"aktion": (tag(-3), None)}, von=None)
    services.projekt_abschliessen(projekt=p1, ergebnis="Fertig", stunden=20)

    zeilen = services.uebersicht(Klassenprojekt.objects.all())
    assert [z.schuljahr for z in zeilen] == [jahr, "2019/20"]
    aktuell = zeilen[0]
    assert (aktuell.projekte, aktuell.klassen, aktuell.partner, aktuell.bedarfe) == (2, 2, 2, 2)
    assert aktuell.stunden == 20

    zahlen = {k.schluessel: k.wert for k in lde_kennzahlen(tag(-14), tag(0))}
    assert zahlen == {
        "lde.projekte": 2,  # p1 and p3 (p2 is later)
        "lde.klassen": 2,  # "6b" at two schools
        "lde.partner": 2,
        "lde.bedarfe": 1,
        "lde.stunden": 20,
    }
    gruppen = {g.titel: g for g in kennzahlen.bericht(tag(-14), tag(0))}
    assert "Lernen durch Engagement" in gruppen


def test_kennzahlen_zaehlen_nichts_ausserhalb(schule, akteur_a):
    p = projekt(schule, [akteur_a])
    services.phasen_speichern(projekt=p, daten={"aktion": (tag(40), tag(41))}, von=None)
    services.projekt_abschliessen(
        projekt=p, ergebnis="", stunden=5, am=timezone.localdate() + timedelta(days=50)
    )
    assert all(k.wert == 0 for k in lde_kennzahlen(tag(-14), tag(0)))


def test_datenschutz_entfernt_kontakte_nach_einem_jahr():
    from arbeitsgruppen.lde import datenschutz

    alt = BedarfFactory(von=tag(-500), bis=tag(-400))
    erledigt = BedarfFactory(status="erledigt")
    Engagementbedarf.objects.filter(pk=erledigt.pk).update(
        geaendert=timezone.now() - timedelta(days=400)
    )
    frisch = BedarfFactory(status="zurueckgezogen")
    probe = datenschutz.anwenden(dry_run=True)
    assert probe.kontakte_entfernt == 2
    assert Engagementbedarf.objects.get(pk=alt.pk).kontakt == alt.kontakt
    assert datenschutz.anwenden().kontakte_entfernt == 2
    kontakte = dict(Engagementbedarf.objects.values_list("pk", "kontakt"))
    assert kontakte[alt.pk] == kontakte[erledigt.pk] == datenschutz.KONTAKT_ENTFERNT
    assert kontakte[frisch.pk] == frisch.kontakt
    assert datenschutz.anwenden().kontakte_entfernt == 0
