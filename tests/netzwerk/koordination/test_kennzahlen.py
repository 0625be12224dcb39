"""The report's figures match the database: each one is recomputed here independently (in
Python, over all rows) on fixture data inside and outside the period."""

from collections import Counter
from datetime import timedelta

import pytest
from django.utils import timezone

from arbeitsgruppen.models import Arbeitsgruppe, Aufgabe, Vorhaben
from netzwerk import kennzahlen
from netzwerk.koordination.models import Herausforderung
from netzwerk.models import Ortsteil
from termine.models import Anmeldung, Durchfuehrung, Protokoll, Stammtisch, Termin
from tests.factories import (
    AkteurFactory,
    ArbeitsgruppeFactory,
    FerienangebotFactory,
    FerienzeitraumFactory,
    GesuchFactory,
    KindFactory,
    RueckmeldungFactory,
    StammtischFactory,
    StammtischTerminFactory,
    ferien_durchfuehrung,
)
from tests.netzwerk.koordination.factories import HerausforderungFactory
from tests.vereine.marktplatz.factories import VereinbarungFactory, markt_anlegen
from tests.vereine.ressourcen.factories import RessourceFactory, anfrage
from vereine.marktplatz.models import Vereinbarung
from vereine.models import Akteur, Rueckmeldung
from vereine.ressourcen.models import Ausleihe

pytestmark = pytest.mark.django_db

TAGE = 90


@pytest.fixture
def zeitraum():
    heute = timezone.localdate()
    return heute - timedelta(days=TAGE), heute + timedelta(days=TAGE)


def _tag(wert):
    return timezone.localdate(wert)


def _zahlen(von, bis) -> dict:
    return {k.schluessel: k for g in kennzahlen.bericht(von, bis) for k in g.kennzahlen}


def _vor(tage: int):
    return timezone.now() - timedelta(days=tage)


@pytest.fixture
def daten():
    """Rows inside the period (±90 days around today) and outside it."""
    oben = Ortsteil.objects.create(name="Opperode", slug="opperode", reihenfolge=2)
    baden = Ortsteil.objects.create(name="Badeborn", slug="badeborn", reihenfolge=1)
    akteure = [
        AkteurFactory(art="verein", ortsteil=oben),
        AkteurFactory(art="verein", ortsteil=baden),
        AkteurFactory(art="schule", ortsteil=None),
        AkteurFactory(art="kirche", ortsteil=oben, status="beantragt"),
        AkteurFactory(art="unternehmen", ortsteil=baden),
    ]
    alt = AkteurFactory(art="kita", ortsteil=oben)
    Akteur.objects.filter(pk=alt.pk).update(erstellt=_vor(400))

    gesuch = GesuchFactory(akteur=akteure[0])
    RueckmeldungFactory(gesuch=gesuch)
    RueckmeldungFactory(gesuch=gesuch)
    RueckmeldungFactory(gesuch=GesuchFactory(akteur=akteure[1]))
    alte = RueckmeldungFactory(gesuch=GesuchFactory(akteur=akteure[1]))
    Rueckmeldung.objects.filter(pk=alte.pk).update(erstellt=_vor(200))

    gruppe = ArbeitsgruppeFactory()
    Vorhaben.objects.create(gruppe=gruppe, titel="Garten")
    fertig = Vorhaben.objects.create(
        gruppe=gruppe,
        titel="Bank",
        status="abgeschlossen",
        ende=timezone.localdate() - timedelta(days=5),
    )
    Vorhaben.objects.filter(pk=fertig.pk).update(erstellt=_vor(300))
    Aufgabe.objects.create(gruppe=gruppe, titel="Gießen", status="erledigt", erledigt_am=_vor(3))
    Aufgabe.objects.create(gruppe=gruppe, titel="Alt", status="erledigt", erledigt_am=_vor(300))
    Aufgabe.objects.create(gruppe=gruppe, titel="Offen")

    # Stammtische: two held with minutes, one cancelled, one to come, one long ago.
    gehalten = []
    for tage in (10, 40):
        st = StammtischFactory(termin=StammtischTerminFactory(start=_vor(tage)))
        gehalten.append(st)
    p1 = Protokoll.objects.create(termin=gehalten[0].termin)
    p1.anwesende.set(akteure[:3])
    p2 = Protokoll.objects.create(termin=gehalten[1].termin)
    p2.anwesende.set([akteure[0], akteure[4], alt])
    abgesagt = StammtischFactory(termin=StammtischTerminFactory(start=_vor(20), status="abgesagt"))
    Protokoll.objects.create(termin=abgesagt.termin).anwesende.set([akteure[3]])
    StammtischFactory()  # in 14 days: not held yet
    frueher = StammtischFactory(termin=StammtischTerminFactory(start=_vor(200)))
    Protokoll.objects.create(termin=frueher.termin).anwesende.set([akteure[2]])

    Termin.objects.create(
        titel="Sommerfest", start=_vor(5), ende=_vor(5) + timedelta(hours=3), kategorie="fest"
    )
    Termin.objects.create(
        titel="Abgesagt",
        start=_vor(6),
        ende=_vor(6) + timedelta(hours=1),
        kategorie="sport",
        status="abgesagt",
    )

    # Holidays: an offer with two occasions in the period, one outside, a draft.
    angebot = FerienangebotFactory(kategorie="natur")
    d1 = ferien_durchfuehrung(angebot, tag=0, plaetze=10)
    d2 = ferien_durchfuehrung(angebot, tag=1, plaetze=None)
    spaeter = FerienangebotFactory(
        zeitraum=FerienzeitraumFactory(beginn=timezone.localdate() + timedelta(days=200))
    )
    ferien_durchfuehrung(spaeter, tag=0, plaetze=8)
    entwurf = FerienangebotFactory(status="entwurf")
    ferien_durchfuehrung(entwurf, tag=0, plaetze=5)
    kinder = [KindFactory() for _ in range(3)]
    Anmeldung.objects.create(kind=kinder[0], durchfuehrung=d1, status="bestaetigt", alter=8)
    Anmeldung.objects.create(kind=kinder[0], durchfuehrung=d2, status="bestaetigt", alter=8)
    Anmeldung.objects.create(kind=kinder[1], durchfuehrung=d1, status="bestaetigt", alter=8)
    Anmeldung.objects.create(
        kind=kinder[2], durchfuehrung=d1, status="warteliste", alter=8, warteliste_position=1
    )

    markt = markt_anlegen(tage=-10)
    VereinbarungFactory(markt=markt, stunden=16)
    VereinbarungFactory(markt=markt, stunden=None, status="umgesetzt")
    VereinbarungFactory(markt=markt, bestaetigt_b_am=None)
    VereinbarungFactory(markt=markt_anlegen(tage=-200, titel="Alter Markt"), stunden=5)

    ressource = RessourceFactory(menge=3)
    for von, status in ((10, "angenommen"), (12, "zurueckgegeben"), (14, "abgelehnt")):
        a = anfrage(ressource, von=von, bis=von + 1)
        Ausleihe.objects.filter(pk=a.pk).update(status=status)
    spaet = anfrage(ressource, von=150, bis=151)
    Ausleihe.objects.filter(pk=spaet.pk).update(status="angenommen")

    HerausforderungFactory(kategorie="nachwuchs")
    HerausforderungFactory(kategorie="raeume", aufgekommen_am=timezone.localdate())
    HerausforderungFactory(
        status="abgeschlossen",
        abgeschlossen_am=timezone.localdate(),
        aufgekommen_am=timezone.localdate() - timedelta(days=300),
    )


def test_akteure_und_ehrenamt(daten, zeitraum):
    von, bis = zeitraum
    zahlen = _zahlen(von, bis)
    neu = [
        a for a in Akteur.objects.all() if a.status == "aktiv" and von <= _tag(a.erstellt) <= bis
    ]
    assert zahlen["vereine.neue_akteure"].wert == len(neu)
    assert len(neu) > 4  # also the hosts, providers and partners of the other rows
    arten = dict(Akteur.Art.choices)
    assert dict(zahlen["vereine.neue_akteure"].aufschluesselung) == {
        str(arten[k]): n for k, n in Counter(a.art for a in neu).items()
    }
    orte = Counter(a.ortsteil.name if a.ortsteil else "Ganze Stadt / ohne Ortsteil" for a in neu)
    assert dict(zahlen["vereine.neue_akteure_ortsteil"].aufschluesselung) == dict(orte)
    # Districts in their order, "no district" last.
    assert [label for label, _n in zahlen["vereine.neue_akteure_ortsteil"].aufschluesselung] == [
        "Badeborn",
        "Opperode",
        "Ganze Stadt / ohne Ortsteil",
    ]
    antworten = [r for r in Rueckmeldung.objects.all() if von <= _tag(r.erstellt) <= bis]
    assert zahlen["vereine.rueckmeldungen"].wert == len(antworten) == 3
    assert zahlen["vereine.gesuche_beantwortet"].wert == len({r.gesuch_id for r in antworten})


def test_arbeitsgruppen(daten, zeitraum):
    von, bis = zeitraum
    zahlen = _zahlen(von, bis)
    assert zahlen["arbeitsgruppen.gruppen"].wert == Arbeitsgruppe.objects.count()
    neu = [v for v in Vorhaben.objects.all() if von <= _tag(v.erstellt) <= bis]
    assert zahlen["arbeitsgruppen.vorhaben_neu"].wert == len(neu) == 1
    fertig = [
        v
        for v in Vorhaben.objects.all()
        if v.status == "abgeschlossen" and v.ende and von <= v.ende <= bis
    ]
    assert zahlen["arbeitsgruppen.vorhaben_abgeschlossen"].wert == len(fertig) == 1
    erledigt = [
        a for a in Aufgabe.objects.all() if a.erledigt_am and von <= _tag(a.erledigt_am) <= bis
    ]
    assert zahlen["arbeitsgruppen.aufgaben_erledigt"].wert == len(erledigt) == 1


def test_kalender(daten, zeitraum):
    von, bis = zeitraum
    termine = [
        t for t in Termin.objects.all() if t.status != "abgesagt" and von <= _tag(t.start) <= bis
    ]
    k = _zahlen(von, bis)["termine.termine"]
    assert k.wert == len(termine)
    kategorien = dict(Termin.Kategorie.choices)
    assert dict(k.aufschluesselung) == {
        str(kategorien[c]): n for c, n in Counter(t.kategorie for t in termine).items()
    }


def test_stammtisch(daten, zeitraum):
    von, bis = zeitraum
    zahlen = _zahlen(von, bis)
    jetzt = timezone.now()
    gehalten = [
        s
        for s in Stammtisch.objects.select_related("termin")
        if s.termin.status != "abgesagt"
        and von <= _tag(s.termin.start) <= bis
        and s.termin.start < jetzt
    ]
    assert zahlen["stammtisch.treffen"].wert == len(gehalten) == 2
    anwesend = [a for s in gehalten for a in s.termin.protokoll.anwesende.all()]
    assert zahlen["stammtisch.teilnahmen"].wert == len(anwesend) == 6
    verschiedene = {a.pk: a for a in anwesend}.values()
    assert zahlen["stammtisch.akteure"].wert == len(verschiedene) == 5
    arten = dict(Akteur.Art.choices)
    assert dict(zahlen["stammtisch.akteure"].aufschluesselung) == {
        str(arten[k]): n for k, n in Counter(a.art for a in verschiedene).items()
    }
    assert sum(n for _l, n in zahlen["stammtisch.akteure_ortsteil"].aufschluesselung) == 5


def test_ferien(daten, zeitraum):
    von, bis = zeitraum
    zahlen = _zahlen(von, bis)
    termine = [
        d
        for d in Durchfuehrung.objects.select_related("termin", "angebot")
        if d.angebot.status == "veroeffentlicht"
        and not d.abgesagt
        and von <= _tag(d.termin.start) <= bis
    ]
    assert zahlen["ferien.termine"].wert == len(termine) == 2
    assert zahlen["ferien.angebote"].wert == len({d.angebot_id for d in termine}) == 1
    assert zahlen["ferien.plaetze"].wert == sum(d.max_plaetze or 0 for d in termine) == 10
    bestaetigt = [
        a
        for a in Anmeldung.objects.all()
        if a.status == "bestaetigt" and a.durchfuehrung in termine
    ]
    assert zahlen["ferien.anmeldungen"].wert == len(bestaetigt) == 3
    assert zahlen["ferien.kinder"].wert == len({a.kind_id for a in bestaetigt}) == 2


def test_marktplatz_und_ressourcen(daten, zeitraum):
    von, bis = zeitraum
    zahlen = _zahlen(von, bis)
    deals = [
        v
        for v in Vereinbarung.objects.select_related("markt__termin")
        if v.bestaetigt_a_am and v.bestaetigt_b_am and von <= _tag(v.markt.termin.start) <= bis
    ]
    assert zahlen["marktplatz.vereinbarungen"].wert == len(deals) == 2
    assert zahlen["marktplatz.stunden"].wert == sum(v.stunden or 0 for v in deals) == 16
    ausleihen = [
        a
        for a in Ausleihe.objects.all()
        if a.status in {"angenommen", "ausgegeben", "zurueckgegeben"} and von <= a.von <= bis
    ]
    assert zahlen["ressourcen.ausleihen"].wert == len(ausleihen) == 2


def test_herausforderungen(daten, zeitraum):
    von, bis = zeitraum
    zahlen = _zahlen(von, bis)
    alle = list(Herausforderung.objects.all())
    assert zahlen["koordination.herausforderungen"].wert == len(
        [h for h in alle if von <= h.aufgekommen_am <= bis]
    )
    assert zahlen["koordination.abgeschlossen"].wert == len(
        [h for h in alle if h.abgeschlossen_am and von <= h.abgeschlossen_am <= bis]
    )


def test_leerer_zeitraum_hat_keine_gruppen_ohne_zahlen(db):
    heute = timezone.localdate()
    for gruppe in kennzahlen.bericht(heute, heute):
        assert gruppe.kennzahlen
        assert all(k.wert == 0 for k in gruppe.kennzahlen)
