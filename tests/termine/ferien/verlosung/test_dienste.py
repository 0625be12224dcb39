"""The Verlosung's adapter and workflow against the database: what it loads, what a preview
stores, manual changes, confirmation (Anmeldungen, mails with reasons) and what follows
(remaining places first come, waiting lists move up)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from termine.ferien import services as ferien
from termine.ferien.verlosung import services as dienste
from termine.models import (
    Anmeldung,
    Anpassung,
    Ferienzeitraum,
    VerlosungsEinstellung,
    Verlosungslauf,
    Wunsch,
)
from tests.factories import (
    FerienangebotFactory,
    FerienzeitraumFactory,
    KindFactory,
    KoordinationFactory,
    UserFactory,
    ferien_durchfuehrung,
    geburtsdatum_fuer,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def koordinatorin():
    return KoordinationFactory()


def _kind(vorname, alter=8, eltern=None, **felder):
    return KindFactory(
        vorname=vorname,
        geburtsdatum=geburtsdatum_fuer(alter),
        **({"eltern": eltern} if eltern else {}),
        **felder,
    )


def _wunsch(kind, d, favorit=False):
    return dienste.wunsch_hinzufuegen(kind=kind, durchfuehrung=d, von=kind.eltern) and (
        Wunsch.objects.filter(kind=kind, durchfuehrung=d).update(favorit=favorit)
    )


def _plaetze(lauf):
    return sorted((k, d) for k, d, *_rest in lauf.ergebnis["plaetze"])


# ----------------------------------------------------------------------------- wish phase


def test_wunsch_nur_fuer_passendes_alter_und_eigene_kinder(zeitraum):
    angebot = FerienangebotFactory(zeitraum=zeitraum, alter_von=10, alter_bis=12)
    d = ferien_durchfuehrung(angebot)
    mia = _kind("Mia", alter=8)
    with pytest.raises(dienste.VerlosungNichtMoeglich) as fehler:
        dienste.wunsch_hinzufuegen(kind=mia, durchfuehrung=d, von=mia.eltern)
    assert "Alter" in fehler.value.nachricht
    fremd = UserFactory()
    angebot.alter_von = 6
    angebot.save()
    with pytest.raises(dienste.VerlosungNichtMoeglich):
        dienste.wunsch_hinzufuegen(kind=mia, durchfuehrung=d, von=fremd)
    dienste.wunsch_hinzufuegen(kind=mia, durchfuehrung=d, von=mia.eltern)
    dienste.wunsch_hinzufuegen(kind=mia, durchfuehrung=d, von=mia.eltern)  # idempotent
    assert Wunsch.objects.filter(kind=mia).count() == 1


def test_wunschphase_endet_mit_ihrem_datum_und_mit_der_bestaetigung(zeitraum, koordinatorin):
    assert dienste.wunschphase_offen(zeitraum)
    einst = VerlosungsEinstellung.objects.create(
        zeitraum=zeitraum, wuensche_bis=timezone.now() - timedelta(minutes=1)
    )
    assert not dienste.wunschphase_offen(zeitraum)
    einst.wuensche_bis = None
    einst.save()
    assert dienste.wunschphase_offen(zeitraum)
    lauf = dienste.vorschau(zeitraum=zeitraum, von=koordinatorin)
    dienste.bestaetigen(lauf=lauf, von=koordinatorin)
    assert not dienste.wunschphase_offen(zeitraum)
    sofort = FerienzeitraumFactory(modus="sofort")
    assert not dienste.wunschphase_offen(sofort)


def test_hoechstens_k_favoriten(zeitraum):
    VerlosungsEinstellung.objects.create(zeitraum=zeitraum, max_favoriten=2)
    mia = _kind("Mia")
    wuensche = [
        dienste.wunsch_hinzufuegen(
            kind=mia,
            durchfuehrung=ferien_durchfuehrung(FerienangebotFactory(zeitraum=zeitraum), tag=i),
            von=mia.eltern,
        )
        for i in range(3)
    ]
    with pytest.raises(dienste.VerlosungNichtMoeglich) as fehler:
        dienste.favoriten_setzen(
            kind=mia, zeitraum=zeitraum, favoriten=[w.pk for w in wuensche], von=mia.eltern
        )
    assert fehler.value.feld == "favoriten"
    assert "höchstens 2 Favoriten" in fehler.value.nachricht
    assert not Wunsch.objects.filter(favorit=True).exists()
    dienste.favoriten_setzen(
        kind=mia, zeitraum=zeitraum, favoriten=[wuensche[0].pk, wuensche[2].pk], von=mia.eltern
    )
    assert set(Wunsch.objects.filter(favorit=True).values_list("pk", flat=True)) == {
        wuensche[0].pk,
        wuensche[2].pk,
    }


def test_gruppencode_verbindet_kinder_eine_gruppe_pro_zeitraum(zeitraum):
    d = ferien_durchfuehrung(FerienangebotFactory(zeitraum=zeitraum))
    mia, ben, ida = _kind("Mia"), _kind("Ben"), _kind("Ida")
    for kind in (mia, ben, ida):
        _wunsch(kind, d)
    gruppe = dienste.gruppe_gruenden(kind=mia, zeitraum=zeitraum, von=mia.eltern)
    assert len(gruppe.code) == dienste.CODE_LAENGE
    dienste.gruppe_beitreten(
        kind=ben, zeitraum=zeitraum, code=" " + gruppe.code.lower() + " ", von=ben.eltern
    )
    with pytest.raises(dienste.VerlosungNichtMoeglich) as fehler:
        dienste.gruppe_beitreten(kind=ida, zeitraum=zeitraum, code="XXXXXX", von=ida.eltern)
    assert fehler.value.feld == "code"
    # A new group takes the child out of its old one.
    neue = dienste.gruppe_gruenden(kind=ben, zeitraum=zeitraum, von=ben.eltern)
    assert dienste.gruppe_des_kindes(ben, zeitraum) == neue
    dienste.gruppe_beitreten(kind=mia, zeitraum=zeitraum, code=neue.code, von=mia.eltern)
    kinder = {k[0]: k for k in dienste.eingabe_laden(zeitraum).daten["kinder"]}
    assert kinder[mia.pk][3] == kinder[ben.pk][3] == neue.code
    assert kinder[ida.pk][3] is None
    assert not type(gruppe).objects.filter(pk=gruppe.pk).exists()  # the empty group is gone


# -------------------------------------------------------------------------------- adapter


def test_freie_plaetze_sind_plaetze_minus_bestaetigte_anmeldungen(zeitraum, koordinatorin):
    d = ferien_durchfuehrung(FerienangebotFactory(zeitraum=zeitraum), plaetze=3)
    Anmeldung.objects.create(kind=_kind("Alt"), durchfuehrung=d, status="bestaetigt", alter=8)
    Anmeldung.objects.create(kind=_kind("Weg"), durchfuehrung=d, status="storniert", alter=8)
    kinder = [_kind(f"K{i}") for i in range(4)]
    for kind in kinder:
        _wunsch(kind, d)
    lauf = dienste.vorschau(zeitraum=zeitraum, seed=7, von=koordinatorin)
    (zeile,) = lauf.eingabe["durchfuehrungen"]
    assert zeile[4] == 2  # three places, one confirmed; the cancelled one does not count
    assert len(lauf.ergebnis["plaetze"]) == 2
    assert len(lauf.ergebnis["wartelisten"][str(d.pk)]) == 2
    assert lauf.ergebnis["bericht"]["ohne_platz"] == 2


def test_alter_am_ersten_tag_der_durchfuehrung(zeitraum, koordinatorin):
    angebot = FerienangebotFactory(zeitraum=zeitraum, alter_von=8, alter_bis=12)
    d = ferien_durchfuehrung(angebot, tag=3)
    # Turns 8 exactly on the occasion's first day (after the period began): fits.
    geburtstag = d.erster_tag.replace(year=d.erster_tag.year - 8)
    lena = KindFactory(vorname="Lena", geburtsdatum=geburtstag)
    # One day younger: still 7 on that day.
    tom = KindFactory(vorname="Tom", geburtsdatum=geburtstag + timedelta(days=1))
    Wunsch.objects.create(kind=lena, durchfuehrung=d)
    Wunsch.objects.create(kind=tom, durchfuehrung=d)  # entered before a birthday was fixed
    lauf = dienste.vorschau(zeitraum=zeitraum, von=koordinatorin)
    assert _plaetze(lauf) == [(lena.pk, d.pk)]
    ((k, dd, _fav, grund, _mit, _pos),) = lauf.ergebnis["absagen"]
    assert (k, dd, grund) == (tom.pk, d.pk, dienste.Grund.ALTER)


def test_bestehende_anmeldungen_senken_das_maximum_und_blockieren_ueberschneidungen(
    zeitraum, koordinatorin
):
    zeitraum.max_anmeldungen_pro_kind = 2
    zeitraum.save()
    mia = _kind("Mia")
    frueh = ferien_durchfuehrung(FerienangebotFactory(zeitraum=zeitraum), tag=0, von=9, bis=12)
    Anmeldung.objects.create(kind=mia, durchfuehrung=frueh, status="bestaetigt", alter=8)
    gleichzeitig = ferien_durchfuehrung(FerienangebotFactory(zeitraum=zeitraum), tag=0, von=10)
    a = ferien_durchfuehrung(FerienangebotFactory(zeitraum=zeitraum), tag=1)
    b = ferien_durchfuehrung(FerienangebotFactory(zeitraum=zeitraum), tag=2)
    for d in (frueh, gleichzeitig, a, b):
        Wunsch.objects.create(kind=mia, durchfuehrung=d)
    lauf = dienste.vorschau(zeitraum=zeitraum, seed=1, von=koordinatorin)
    assert len(lauf.ergebnis["plaetze"]) == 1  # maximum 2, one already held
    gruende = {d: g for _k, d, _f, g, _m, _p in lauf.ergebnis["absagen"]}
    assert gruende[frueh.pk] == dienste.Grund.ANGEMELDET
    assert gruende[gleichzeitig.pk] == dienste.Grund.UEBERSCHNEIDUNG
    assert dienste.Grund.HOECHSTZAHL in gruende.values()


def test_wartelisten_ohne_ueberschneidung_und_favorit_zuerst(zeitraum, koordinatorin):
    # Two overlapping full occasions: the child may wait for only one of them, its favourite.
    a = ferien_durchfuehrung(FerienangebotFactory(zeitraum=zeitraum), tag=0, plaetze=1)
    b = ferien_durchfuehrung(FerienangebotFactory(zeitraum=zeitraum), tag=0, plaetze=1)
    for d in (a, b):
        Wunsch.objects.create(kind=_kind("Besetzt" + str(d.pk)), durchfuehrung=d, favorit=True)
    mia = _kind("Mia")
    Wunsch.objects.create(kind=mia, durchfuehrung=a)
    Wunsch.objects.create(kind=mia, durchfuehrung=b, favorit=True)
    lauf = dienste.vorschau(zeitraum=zeitraum, seed=3, von=koordinatorin)
    von_mia = {d: (g, pos) for k, d, _f, g, _m, pos in lauf.ergebnis["absagen"] if k == mia.pk}
    assert von_mia[b.pk] == (dienste.Grund.AUSGEBUCHT, 1)
    assert von_mia[a.pk] == (dienste.Grund.UEBERSCHNEIDUNG_WARTELISTE, None)


def test_prioritaet_fuer_kinder_ohne_platz_in_der_vorigen_verlosung(koordinatorin):
    alt = FerienzeitraumFactory(modus="verlosung")
    d_alt = ferien_durchfuehrung(FerienangebotFactory(zeitraum=alt), plaetze=1)
    mia, ben = _kind("Mia"), _kind("Ben")
    for kind in (mia, ben):
        Wunsch.objects.create(kind=kind, durchfuehrung=d_alt)
    lauf = dienste.vorschau(zeitraum=alt, seed=11, von=koordinatorin)
    dienste.bestaetigen(lauf=lauf, von=koordinatorin)
    ((gewinner, _d),) = _plaetze(lauf)
    verlierer = ben.pk if gewinner == mia.pk else mia.pk

    neu = FerienzeitraumFactory(
        modus="verlosung", beginn=alt.ende + timedelta(days=60), ende=alt.ende + timedelta(days=70)
    )
    d_neu = ferien_durchfuehrung(FerienangebotFactory(zeitraum=neu), plaetze=1)
    for kind in (mia, ben):
        Wunsch.objects.create(kind=kind, durchfuehrung=d_neu)
    for seed in range(5):
        lauf = dienste.vorschau(zeitraum=neu, seed=seed, von=koordinatorin)
        prio = {k[0] for k in lauf.eingabe["kinder"] if k[2]}
        assert prio == {verlierer}
        assert _plaetze(lauf) == [(verlierer, d_neu.pk)]


def test_prioritaet_bleibt_richtig_nachdem_anmeldungen_pseudonymisiert_sind(koordinatorin):
    """A child that moved up from the waiting list later gets no priority, also after the
    privacy job detached the old registrations from the children (12 weeks)."""
    from termine.ferien import datenschutz

    alt = FerienzeitraumFactory(modus="verlosung")
    d_alt = ferien_durchfuehrung(FerienangebotFactory(zeitraum=alt), plaetze=1)
    eltern = UserFactory()
    mia, ben = _kind("Mia", eltern=eltern), _kind("Ben", eltern=eltern)
    for kind in (mia, ben):
        Wunsch.objects.create(kind=kind, durchfuehrung=d_alt)
    lauf = dienste.vorschau(zeitraum=alt, seed=11, von=koordinatorin)
    dienste.bestaetigen(lauf=lauf, von=koordinatorin)
    ((gewinner, _d),) = _plaetze(lauf)
    # The winner cancels; the other child moves up from the waiting list.
    platz = Anmeldung.objects.get(kind_id=gewinner, status=Anmeldung.Status.BESTAETIGT)
    ferien.stornieren(anmeldung=platz, von=eltern)
    verlierer = ben.pk if gewinner == mia.pk else mia.pk
    assert Anmeldung.objects.get(kind_id=verlierer).status == Anmeldung.Status.BESTAETIGT

    datenschutz.anwenden(jetzt=timezone.now() + timedelta(weeks=200))
    assert not Anmeldung.objects.filter(kind__isnull=False).exists()

    neu = FerienzeitraumFactory(
        modus="verlosung",
        beginn=alt.ende + timedelta(days=300),
        ende=alt.ende + timedelta(days=310),
    )
    d_neu = ferien_durchfuehrung(FerienangebotFactory(zeitraum=neu), plaetze=1)
    for kind in (mia, ben):
        Wunsch.objects.create(kind=kind, durchfuehrung=d_neu)
    lauf = dienste.vorschau(zeitraum=neu, seed=1, von=koordinatorin)
    assert {k[0] for k in lauf.eingabe["kinder"] if k[2]} == set()


# --------------------------------------------------------------------- preview and changes


def _programm(zeitraum, kinder=8, plaetze=2):
    ds = [
        ferien_durchfuehrung(FerienangebotFactory(zeitraum=zeitraum), tag=i, plaetze=plaetze)
        for i in range(3)
    ]
    alle = []
    for i in range(kinder):
        kind = _kind(f"Kind{i:02d}", eltern=UserFactory(email=f"familie{i}@example.org"))
        for j, d in enumerate(ds):
            if (i + j) % 3 != 2:
                Wunsch.objects.create(kind=kind, durchfuehrung=d, favorit=j == i % 3)
        alle.append(kind)
    return ds, alle


def test_gleicher_seed_gleiches_ergebnis_und_nachrechenbar(zeitraum, koordinatorin):
    _programm(zeitraum)
    eins = dienste.vorschau(zeitraum=zeitraum, seed=4711, von=koordinatorin)
    zwei = dienste.vorschau(zeitraum=zeitraum, seed=4711, von=koordinatorin)
    assert eins.ergebnis == zwei.ergebnis
    assert eins.pruefsumme == zwei.pruefsumme
    assert dienste.nachrechnen(eins)
    ohne_seed = dienste.vorschau(zeitraum=zeitraum, von=koordinatorin)
    assert 0 <= ohne_seed.seed < dienste.MAX_SEED
    assert ohne_seed.ergebnis["seed"] == ohne_seed.seed
    wieder = dienste.vorschau(zeitraum=zeitraum, seed=ohne_seed.seed, von=koordinatorin)
    assert wieder.ergebnis["ziehung"] == ohne_seed.ergebnis["ziehung"]
    bericht = eins.ergebnis["bericht"]
    assert bericht["mit_platz"] == bericht["max_mit_platz"] == 6  # 3 occasions x 2 places


def test_anpassung_entfernt_platz_und_rueckt_nach_mit_protokoll(zeitraum, koordinatorin):
    ds, kinder = _programm(zeitraum)
    lauf = dienste.vorschau(zeitraum=zeitraum, seed=5, von=koordinatorin)
    d = ds[0]
    inhaber = next(k for k, dd, *_r in lauf.ergebnis["plaetze"] if dd == d.pk)
    erster_wartender = lauf.ergebnis["wartelisten"][str(d.pk)][0]
    kind = next(k for k in kinder if k.pk == inhaber)
    anpassung = dienste.anpassen(
        lauf=lauf,
        kind=kind,
        durchfuehrung=d,
        aktion=Anpassung.Aktion.ENTFERNEN,
        grund="Familie hat angerufen",
        von=koordinatorin,
    )
    lauf.refresh_from_db()
    assert (inhaber, d.pk) not in _plaetze(lauf)
    assert (erster_wartender, d.pk) in _plaetze(lauf)
    assert anpassung.von == koordinatorin and anpassung.grund == "Familie hat angerufen"
    assert "rückt von der Warteliste nach" in anpassung.folgen
    grund = next(
        g for k, dd, _f, g, _m, _p in lauf.ergebnis["absagen"] if (k, dd) == (inhaber, d.pk)
    )
    assert grund == dienste.Grund.MANUELL
    # Full now: giving a place needs the explicit "beyond the places".
    with pytest.raises(dienste.VerlosungNichtMoeglich) as fehler:
        dienste.anpassen(
            lauf=lauf,
            kind=kind,
            durchfuehrung=d,
            aktion=Anpassung.Aktion.HINZUFUEGEN,
            grund="doch",
            von=koordinatorin,
        )
    assert fehler.value.feld == "durchfuehrung"
    dienste.anpassen(
        lauf=lauf,
        kind=kind,
        durchfuehrung=d,
        aktion=Anpassung.Aktion.HINZUFUEGEN,
        grund="Anbieter nimmt ein Kind mehr",
        von=koordinatorin,
        ueber_kapazitaet=True,
    )
    lauf.refresh_from_db()
    assert (inhaber, d.pk) in _plaetze(lauf)
    assert lauf.anpassungen.count() == 2


# --------------------------------------------------------------------------- confirmation


def test_bestaetigung_legt_genau_die_anmeldungen_des_ergebnisses_an(
    zeitraum, koordinatorin, mailoutbox
):
    ds, kinder = _programm(zeitraum)
    lauf = dienste.vorschau(zeitraum=zeitraum, seed=99, von=koordinatorin)
    bestaetigung = dienste.bestaetigen(lauf=lauf, von=koordinatorin)
    lauf.refresh_from_db()
    assert lauf.status == Verlosungslauf.Status.BESTAETIGT
    assert lauf.bestaetigt_von == koordinatorin
    bestaetigt = set(Anmeldung.objects.bestaetigt().values_list("kind_id", "durchfuehrung_id"))
    assert bestaetigt == set(_plaetze(lauf))
    wartend = set(
        Anmeldung.objects.warteliste().values_list(
            "kind_id", "durchfuehrung_id", "warteliste_position"
        )
    )
    erwartet = {
        (k, d, pos)
        for k, d, _f, g, _m, pos in lauf.ergebnis["absagen"]
        if g == dienste.Grund.AUSGEBUCHT
    }
    assert wartend == erwartet
    for d, liste in lauf.ergebnis["wartelisten"].items():
        reihenfolge = list(
            Anmeldung.objects.warteliste()
            .filter(durchfuehrung_id=int(d))
            .values_list("kind_id", flat=True)
        )
        assert reihenfolge == liste  # the waiting list follows the draw
    assert bestaetigung.plaetze == 6 and bestaetigung.warteliste == len(wartend)
    assert bestaetigung.mails == len(kinder) == len(mailoutbox)
    with pytest.raises(dienste.VerlosungNichtMoeglich):
        dienste.bestaetigen(lauf=lauf, von=koordinatorin)


def test_mail_nennt_plaetze_und_gruende(zeitraum, koordinatorin, mailoutbox):
    eltern = UserFactory(email="eltern@example.org")
    voll = ferien_durchfuehrung(
        FerienangebotFactory(zeitraum=zeitraum, titel="Kanutour"), tag=0, von=9, bis=12, plaetze=1
    )
    frei = ferien_durchfuehrung(
        FerienangebotFactory(zeitraum=zeitraum, titel="Töpfern"), tag=1, plaetze=5
    )
    zugleich = ferien_durchfuehrung(
        FerienangebotFactory(zeitraum=zeitraum, titel="Zirkus"), tag=1, plaetze=5
    )
    andere = _kind("Frieda")
    Wunsch.objects.create(kind=andere, durchfuehrung=voll, favorit=True)
    mia = _kind("Mia", eltern=eltern)
    Wunsch.objects.create(kind=mia, durchfuehrung=voll)
    Wunsch.objects.create(kind=mia, durchfuehrung=frei, favorit=True)
    Wunsch.objects.create(kind=mia, durchfuehrung=zugleich)
    # Frieda is drawn first or not: her favourite wins the only place either way.
    lauf = dienste.vorschau(zeitraum=zeitraum, seed=2, von=koordinatorin)
    dienste.bestaetigen(lauf=lauf, von=koordinatorin)
    (mail,) = [m for m in mailoutbox if m.to == ["eltern@example.org"]]
    assert "Mia" in mail.subject and "Osterferien 2030" in mail.subject
    assert "Töpfern" in mail.body
    assert "Kanutour" in mail.body and "ausgebucht – Platz 1 auf der Warteliste" in mail.body
    assert "Zirkus" in mail.body and "überschneidet sich mit „Töpfern“" in mail.body
    name, inhalt, typ = mail.attachments[0]
    assert typ == "text/calendar" and "SUMMARY:Töpfern" in inhalt


def test_nach_bestaetigung_restplaetze_sofort_und_nachruecken(zeitraum, koordinatorin, mailoutbox):
    d = ferien_durchfuehrung(FerienangebotFactory(zeitraum=zeitraum), plaetze=1)
    rest = ferien_durchfuehrung(FerienangebotFactory(zeitraum=zeitraum), tag=2, plaetze=3)
    mia, ben = _kind("Mia"), _kind("Ben")
    for kind in (mia, ben):
        Wunsch.objects.create(kind=kind, durchfuehrung=d)
    spaet = _kind("Spät")
    with pytest.raises(ferien.AnmeldungNichtMoeglich) as fehler:
        ferien.anmelden(kind=spaet, durchfuehrung=rest, von=spaet.eltern)
    assert fehler.value.code == "geschlossen"
    lauf = dienste.vorschau(zeitraum=zeitraum, seed=8, von=koordinatorin)
    dienste.bestaetigen(lauf=lauf, von=koordinatorin)
    zeitraum = Ferienzeitraum.objects.get(pk=zeitraum.pk)
    assert zeitraum.anmeldung_offen()
    anmeldung = ferien.anmelden(kind=spaet, durchfuehrung=rest, von=spaet.eltern)
    assert anmeldung.status == Anmeldung.Status.BESTAETIGT
    platz = Anmeldung.objects.bestaetigt().get(durchfuehrung=d)
    wartend = Anmeldung.objects.warteliste().get(durchfuehrung=d)
    nachgerueckt = ferien.stornieren(anmeldung=platz, von=koordinatorin)
    assert [a.pk for a in nachgerueckt] == [wartend.pk]
    wartend.refresh_from_db()
    assert wartend.status == Anmeldung.Status.BESTAETIGT


def test_geaenderte_wuensche_verlangen_neue_vorschau(zeitraum, koordinatorin):
    ds, kinder = _programm(zeitraum)
    lauf = dienste.vorschau(zeitraum=zeitraum, seed=1, von=koordinatorin)
    Wunsch.objects.filter(kind=kinder[0]).delete()
    with pytest.raises(dienste.VerlosungNichtMoeglich) as fehler:
        dienste.bestaetigen(lauf=lauf, von=koordinatorin)
    assert "neue Vorschau" in fehler.value.nachricht
    assert not Anmeldung.objects.exists()
    lauf.refresh_from_db()
    assert lauf.status == Verlosungslauf.Status.VORSCHAU


def test_eingabe_laden_mit_fester_zahl_von_abfragen(
    zeitraum, django_assert_num_queries, koordinatorin
):
    for anzahl in (1, 12):
        Wunsch.objects.all().delete()
        for i in range(anzahl):
            d = ferien_durchfuehrung(FerienangebotFactory(zeitraum=zeitraum), tag=i % 5)
            Wunsch.objects.create(kind=_kind(f"Q{anzahl}-{i}"), durchfuehrung=d)
        zeitraum = Ferienzeitraum.objects.get(pk=zeitraum.pk)
        # settings, occasions, wishes, groups, existing registrations, previous run
        with django_assert_num_queries(6):
            dienste.eingabe_laden(zeitraum)
