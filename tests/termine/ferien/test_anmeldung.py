"""Families and the Sofortanmeldung: children, checks, waiting list, cancellation, mails."""

import json
from datetime import timedelta

import pytest
import time_machine
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from netzwerk.services import konto_loeschen
from termine.ferien import services as ferien
from termine.models import Anmeldung, Einwilligung, Kind
from tests.factories import (
    FerienangebotFactory,
    KindFactory,
    UserFactory,
    ferien_durchfuehrung,
    geburtsdatum_fuer,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def angebot(zeitraum):
    return FerienangebotFactory(zeitraum=zeitraum, titel="Kanutour", kontaktperson="Herr Kahn")


@pytest.fixture
def eltern():
    return UserFactory(email="eltern@example.org", anzeigename="Paula Eltern")


def _kind(eltern, vorname="Mia", alter=8):
    """A child `alter` years old on the first day of the default period."""
    return KindFactory(eltern=eltern, vorname=vorname, geburtsdatum=geburtsdatum_fuer(alter))


def _positionen(durchfuehrung):
    return list(
        Anmeldung.objects.warteliste()
        .filter(durchfuehrung=durchfuehrung)
        .values_list("warteliste_position", flat=True)
    )


def test_freier_platz_wird_bestaetigt_mit_mail_und_ics(angebot, eltern, mailoutbox):
    d = ferien_durchfuehrung(angebot, plaetze=2)
    anmeldung = ferien.anmelden(kind=_kind(eltern), durchfuehrung=d, von=eltern)
    assert anmeldung.status == Anmeldung.Status.BESTAETIGT
    assert anmeldung.alter == 8
    assert anmeldung.notfall_telefon == "0170 1234567"
    (mail,) = mailoutbox
    assert mail.to == ["eltern@example.org"]
    assert "Mia ist angemeldet: Kanutour" in mail.subject
    name, inhalt, typ = mail.attachments[0]
    assert typ == "text/calendar"
    assert "SUMMARY:Kanutour" in inhalt


def test_volle_durchfuehrung_fuehrt_zur_warteliste_ohne_luecken(angebot, mailoutbox):
    d = ferien_durchfuehrung(angebot, plaetze=1)
    ergebnisse = []
    for i in range(4):
        eltern = UserFactory()
        ergebnisse.append(ferien.anmelden(kind=_kind(eltern, f"K{i}"), durchfuehrung=d, von=eltern))
    assert [a.status for a in ergebnisse] == ["bestaetigt"] + ["warteliste"] * 3
    assert _positionen(d) == [1, 2, 3]
    assert "Platz 2 der Warteliste" in mailoutbox[2].body
    assert not mailoutbox[2].attachments


@pytest.mark.parametrize("alter,erwartet", [(5, "alter"), (6, None), (12, None), (13, "alter")])
def test_alter_am_ersten_tag_zaehlt(angebot, eltern, alter, erwartet):
    d = ferien_durchfuehrung(angebot)
    stichtag = d.erster_tag
    # Birthday exactly on the first day: the child already has the new age.
    kind = KindFactory(eltern=eltern, geburtsdatum=stichtag.replace(year=stichtag.year - alter))
    if erwartet is None:
        ferien.anmelden(kind=kind, durchfuehrung=d, von=eltern)
    else:
        with pytest.raises(ferien.AnmeldungNichtMoeglich) as fehler:
            ferien.anmelden(kind=kind, durchfuehrung=d, von=eltern)
        assert fehler.value.code == erwartet
        assert "von 6 bis 12" in fehler.value.nachricht


def test_keine_doppelte_anmeldung(angebot, eltern):
    d = ferien_durchfuehrung(angebot)
    kind = _kind(eltern)
    ferien.anmelden(kind=kind, durchfuehrung=d, von=eltern)
    with pytest.raises(ferien.AnmeldungNichtMoeglich) as fehler:
        ferien.anmelden(kind=kind, durchfuehrung=d, von=eltern)
    assert fehler.value.code == "doppelt"


def test_datenbank_verbietet_doppelte_aktive_anmeldung(angebot, eltern):
    d = ferien_durchfuehrung(angebot)
    kind = _kind(eltern)
    Anmeldung.objects.create(kind=kind, durchfuehrung=d, status="storniert", alter=8)
    Anmeldung.objects.create(kind=kind, durchfuehrung=d, status="bestaetigt", alter=8)
    with pytest.raises(IntegrityError):
        Anmeldung.objects.create(
            kind=kind, durchfuehrung=d, status="warteliste", warteliste_position=1, alter=8
        )


def test_keine_ueberschneidung(zeitraum, angebot, eltern):
    kind = _kind(eltern)
    ferien.anmelden(
        kind=kind, durchfuehrung=ferien_durchfuehrung(angebot, von=9, bis=12), von=eltern
    )
    anderes = FerienangebotFactory(zeitraum=zeitraum, titel="Töpfern")
    with pytest.raises(ferien.AnmeldungNichtMoeglich) as fehler:
        ferien.anmelden(
            kind=kind, durchfuehrung=ferien_durchfuehrung(anderes, von=11, bis=14), von=eltern
        )
    assert fehler.value.code == "ueberschneidung"
    assert "Kanutour" in fehler.value.nachricht
    # Back to back is fine.
    ferien.anmelden(
        kind=kind, durchfuehrung=ferien_durchfuehrung(anderes, von=12, bis=14), von=eltern
    )


def test_hoechstzahl_pro_kind(zeitraum, eltern):
    kind = _kind(eltern)
    for tag in range(3):
        a = FerienangebotFactory(zeitraum=zeitraum)
        ferien.anmelden(kind=kind, durchfuehrung=ferien_durchfuehrung(a, tag=tag), von=eltern)
    with pytest.raises(ferien.AnmeldungNichtMoeglich) as fehler:
        a = FerienangebotFactory(zeitraum=zeitraum)
        ferien.anmelden(kind=kind, durchfuehrung=ferien_durchfuehrung(a, tag=5), von=eltern)
    assert fehler.value.code == "maximum"


def test_anmeldezeitraum(angebot, eltern):
    d = ferien_durchfuehrung(angebot)
    kind = _kind(eltern)
    zeitraum = angebot.zeitraum
    zeitraum.anmeldung_ab = timezone.now() + timedelta(days=2)
    zeitraum.save()
    with pytest.raises(ferien.AnmeldungNichtMoeglich) as fehler:
        ferien.anmelden(kind=kind, durchfuehrung=d, von=eltern)
    assert fehler.value.code == "geschlossen"
    assert "startet am" in fehler.value.nachricht
    zeitraum.anmeldung_ab = timezone.now() - timedelta(days=5)
    zeitraum.anmeldung_bis = timezone.now() - timedelta(days=1)
    zeitraum.save()
    with pytest.raises(ferien.AnmeldungNichtMoeglich, match="geschlossen"):
        ferien.anmelden(kind=kind, durchfuehrung=d, von=eltern)
    zeitraum.anmeldung_bis = timezone.now() + timedelta(days=1)
    zeitraum.modus = "verlosung"
    zeitraum.save()
    with pytest.raises(ferien.AnmeldungNichtMoeglich):
        ferien.anmelden(kind=kind, durchfuehrung=d, von=eltern)


def test_schwimmen_nur_wo_noetig(zeitraum, eltern):
    angebot = FerienangebotFactory(zeitraum=zeitraum, schwimmfaehigkeit_noetig=True)
    d = ferien_durchfuehrung(angebot)
    kind = _kind(eltern)
    with pytest.raises(ferien.AnmeldungNichtMoeglich) as fehler:
        ferien.anmelden(kind=kind, durchfuehrung=d, von=eltern)
    assert fehler.value.code == "schwimmer"
    kind.schwimmer = True
    ferien.anmelden(kind=kind, durchfuehrung=d, von=eltern)


def test_fremdes_kind_nicht(angebot, eltern):
    d = ferien_durchfuehrung(angebot)
    with pytest.raises(ferien.AnmeldungNichtMoeglich, match="eigenen Kinder"):
        ferien.anmelden(kind=_kind(UserFactory()), durchfuehrung=d, von=eltern)


def test_stornieren_laesst_die_warteliste_nachruecken(angebot, mailoutbox):
    d = ferien_durchfuehrung(angebot, plaetze=1)
    familien = [UserFactory(email=f"familie{i}@example.org") for i in range(4)]
    anmeldungen = [
        ferien.anmelden(kind=_kind(e, f"K{i}"), durchfuehrung=d, von=e)
        for i, e in enumerate(familien)
    ]
    mailoutbox.clear()
    nachgerueckt = ferien.stornieren(anmeldung=anmeldungen[0], von=familien[0])
    assert [a.pk for a in nachgerueckt] == [anmeldungen[1].pk]
    anmeldungen[1].refresh_from_db()
    assert anmeldungen[1].status == "bestaetigt" and anmeldungen[1].nachgerueckt_am
    assert _positionen(d) == [1, 2]
    betreffe = {m.to[0]: m.subject for m in mailoutbox}
    assert "Storniert: K0" in betreffe["familie0@example.org"]
    assert "K1 ist nachgerückt" in betreffe["familie1@example.org"]
    # Leaving the waiting list closes the gap too.
    ferien.stornieren(anmeldung=anmeldungen[2], von=familien[2])
    assert _positionen(d) == [1]
    assert Anmeldung.objects.get(pk=anmeldungen[3].pk).warteliste_position == 1


def test_storno_frist(angebot, eltern, koordination):
    d = ferien_durchfuehrung(angebot)
    anmeldung = ferien.anmelden(kind=_kind(eltern), durchfuehrung=d, von=eltern)
    zu_spaet = d.termin.start - timedelta(days=1)
    with pytest.raises(ferien.AnmeldungNichtMoeglich) as fehler:
        ferien.stornieren(anmeldung=anmeldung, von=eltern, jetzt=zu_spaet)
    assert fehler.value.code == "frist"
    assert "Herr Kahn" in fehler.value.nachricht
    # Coordinators may still cancel (e.g. a phone call on the day).
    ferien.stornieren(anmeldung=anmeldung, von=koordination, jetzt=zu_spaet)
    anmeldung.refresh_from_db()
    assert anmeldung.status == "storniert"


def test_absage_benachrichtigt_alle(angebot, mailoutbox, mitglied_a):
    d = ferien_durchfuehrung(angebot, plaetze=1)
    for i in range(3):
        e = UserFactory(email=f"f{i}@example.org")
        ferien.anmelden(kind=_kind(e, f"K{i}"), durchfuehrung=d, von=e)
    mailoutbox.clear()
    anzahl = ferien.durchfuehrung_absagen(durchfuehrung=d, von=mitglied_a, grund="Gewitter")
    assert anzahl == 3
    assert sorted(m.to[0] for m in mailoutbox) == [
        "f0@example.org",
        "f1@example.org",
        "f2@example.org",
    ]
    assert "Gewitter" in mailoutbox[0].body
    d.termin.refresh_from_db()
    assert d.termin.status == "abgesagt" and d.termin.sequence == 1
    assert set(Anmeldung.objects.values_list("status", flat=True)) == {"abgesagt"}


def test_mehr_plaetze_lassen_nachruecken(angebot, mitglied_a, mailoutbox):
    d = ferien_durchfuehrung(angebot, plaetze=1)
    for i in range(3):
        e = UserFactory()
        ferien.anmelden(kind=_kind(e, f"K{i}"), durchfuehrung=d, von=e)
    mailoutbox.clear()
    ferien.durchfuehrung_speichern(
        angebot=angebot,
        start=d.termin.start,
        ende=d.termin.ende,
        max_plaetze=2,
        von=mitglied_a,
        durchfuehrung=d,
    )
    assert Anmeldung.objects.bestaetigt().count() == 2
    assert _positionen(d) == [1]


def test_kind_loeschen_gibt_den_platz_frei(angebot, eltern):
    d = ferien_durchfuehrung(angebot, plaetze=1)
    kind = _kind(eltern)
    ferien.anmelden(kind=kind, durchfuehrung=d, von=eltern)
    andere = UserFactory()
    wartend = ferien.anmelden(kind=_kind(andere, "Ole"), durchfuehrung=d, von=andere)
    ferien.kind_loeschen(kind=kind)
    wartend.refresh_from_db()
    assert wartend.status == "bestaetigt"
    assert not Kind.objects.filter(pk=kind.pk).exists()


def test_konto_loeschen_loescht_kinder_und_anmeldungen(angebot, eltern):
    d = ferien_durchfuehrung(angebot, plaetze=1)
    kind = _kind(eltern)
    ferien.anmelden(kind=kind, durchfuehrung=d, von=eltern)
    andere = UserFactory()
    wartend = ferien.anmelden(kind=_kind(andere, "Ole"), durchfuehrung=d, von=andere)
    konto_loeschen(user=eltern)
    assert not Kind.objects.filter(pk=kind.pk).exists()
    assert not Anmeldung.objects.filter(kind_id=kind.pk).exists()
    wartend.refresh_from_db()
    assert wartend.status == "bestaetigt"


# ------------------------------------------------------------------------------ pages


def test_kind_anlegen_mit_einwilligungen(client_fuer, eltern):
    client = client_fuer(eltern)
    url = reverse("ferien:kind_neu")
    # Without the confirmation nothing is stored, and the typed values stay.
    antwort = client.post(
        url, {"vorname": "Lea", "nachname": "Sommer", "geburtsdatum": "2018-03-04"}
    )
    inhalt = antwort.content.decode()
    assert "Bitte bestätige, dass du dieses Kind anmelden darfst." in inhalt
    assert 'value="Lea"' in inhalt
    assert not Kind.objects.exists()
    # Notes without consent are refused.
    antwort = client.post(
        url,
        {
            "vorname": "Lea",
            "nachname": "Sommer",
            "geburtsdatum": "2018-03-04",
            "hinweise": "Nussallergie",
            "sorgeberechtigt": "on",
        },
    )
    assert "Hinweise speichern wir nur mit dieser Einwilligung" in antwort.content.decode()
    client.post(
        url,
        {
            "vorname": "Lea",
            "nachname": "Sommer",
            "geburtsdatum": "2018-03-04",
            "notfall_telefon": "0171 555",
            "hinweise": "Nussallergie",
            "hinweise_teilen": "on",
            "sorgeberechtigt": "on",
        },
    )
    kind = Kind.objects.get()
    assert kind.eltern == eltern and kind.hinweise_einwilligung_am
    assert sorted(kind.einwilligungen.values_list("art", "version")) == [
        ("hinweise", "2026-1"),
        ("sorgeberechtigt", "2026-1"),
    ]
    # Withdrawing the consent erases the notes.
    client.post(
        reverse("ferien:kind_bearbeiten", args=[kind.pk]),
        {
            "vorname": "Lea",
            "nachname": "Sommer",
            "geburtsdatum": "2018-03-04",
            "hinweise": "",
            "sorgeberechtigt": "on",
        },
    )
    kind.refresh_from_db()
    assert kind.hinweise == "" and kind.hinweise_einwilligung_am is None
    assert Einwilligung.objects.filter(kind=kind).count() == 2


def test_geburtsdatum_in_der_zukunft(client_fuer, eltern):
    antwort = client_fuer(eltern).post(
        reverse("ferien:kind_neu"),
        {"vorname": "X", "nachname": "Y", "geburtsdatum": "2099-01-01", "sorgeberechtigt": "on"},
    )
    assert "liegt in der Zukunft" in antwort.content.decode()


def test_fremde_kinder_und_anmeldungen_sind_404(client_fuer, angebot, eltern):
    kind = _kind(eltern)
    anmeldung = ferien.anmelden(kind=kind, durchfuehrung=ferien_durchfuehrung(angebot), von=eltern)
    fremd = client_fuer(UserFactory())
    assert fremd.get(reverse("ferien:kind_bearbeiten", args=[kind.pk])).status_code == 404
    assert fremd.post(reverse("ferien:kind_loeschen", args=[kind.pk])).status_code == 404
    assert fremd.post(reverse("ferien:stornieren", args=[anmeldung.pk])).status_code == 404


def test_anonyme_werden_zum_login_geschickt(client, angebot):
    d = ferien_durchfuehrung(angebot)
    for url in [
        reverse("ferien:familie"),
        reverse("ferien:anmelden", args=[d.pk]),
        reverse("ferien:daten_export"),
    ]:
        antwort = client.get(url)
        assert antwort.status_code == 302 and "/konto/login/" in antwort["Location"]


def test_anmelden_ueber_das_formular(client_fuer, angebot, eltern, mailoutbox):
    d = ferien_durchfuehrung(angebot, plaetze=1)
    mia, ben = _kind(eltern, "Mia"), _kind(eltern, "Ben")
    client = client_fuer(eltern)
    url = reverse("ferien:anmelden", args=[d.pk])
    seite = client.get(url).content.decode()
    assert f'value="{mia.pk}"' in seite and f'value="{ben.pk}"' in seite
    assert "schwimmen" not in seite
    antwort = client.post(url, {"kind": mia.pk, "notfall_telefon": "0170 1"}, follow=True)
    assert "Geschafft! Mia ist für „Kanutour“ angemeldet." in antwort.content.decode()
    antwort = client.post(url, {"kind": ben.pk, "notfall_telefon": "0170 1"}, follow=True)
    inhalt = antwort.content.decode()
    assert "Ben ist auf Platz 1 der Warteliste" in inhalt
    assert "Warteliste, Platz 1" in inhalt
    # A duplicate shows the reason next to the field, nothing breaks.
    antwort = client.post(url, {"kind": mia.pk, "notfall_telefon": "0170 1"})
    assert "Mia ist für diesen Termin schon angemeldet." in antwort.content.decode()
    assert Anmeldung.objects.count() == 2


def test_schwimmfrage_nur_bei_bedarf(client_fuer, zeitraum, eltern):
    angebot = FerienangebotFactory(zeitraum=zeitraum, schwimmfaehigkeit_noetig=True)
    d = ferien_durchfuehrung(angebot)
    kind = _kind(eltern)
    client = client_fuer(eltern)
    url = reverse("ferien:anmelden", args=[d.pk])
    assert "Seepferdchen" in client.get(url).content.decode()
    antwort = client.post(url, {"kind": kind.pk, "notfall_telefon": "1"})
    assert "müssen Kinder schwimmen können" in antwort.content.decode()
    client.post(url, {"kind": kind.pk, "notfall_telefon": "1", "schwimmer": "on"})
    kind.refresh_from_db()
    assert kind.schwimmer is True
    assert Anmeldung.objects.filter(kind=kind).exists()


def test_stornieren_ueber_die_seite(client_fuer, angebot, eltern):
    anmeldung = ferien.anmelden(
        kind=_kind(eltern), durchfuehrung=ferien_durchfuehrung(angebot), von=eltern
    )
    client = client_fuer(eltern)
    familie = client.get(reverse("ferien:familie")).content.decode()
    assert reverse("ferien:stornieren", args=[anmeldung.pk]) in familie
    antwort = client.post(reverse("ferien:stornieren", args=[anmeldung.pk]), follow=True)
    assert "Storniert: Mia ist nicht mehr für „Kanutour“ angemeldet." in antwort.content.decode()


def test_stornieren_nach_der_frist_zeigt_den_grund(client_fuer, angebot, eltern):
    d = ferien_durchfuehrung(angebot)
    anmeldung = ferien.anmelden(kind=_kind(eltern), durchfuehrung=d, von=eltern)
    with time_machine.travel(d.termin.start - timedelta(days=1)):
        antwort = client_fuer(eltern).post(reverse("ferien:stornieren", args=[anmeldung.pk]))
    assert "Frist zum Stornieren" in antwort.content.decode()
    anmeldung.refresh_from_db()
    assert anmeldung.status == "bestaetigt"


def test_daten_export(client_fuer, angebot, eltern):
    kind = _kind(eltern)
    ferien.anmelden(kind=kind, durchfuehrung=ferien_durchfuehrung(angebot), von=eltern)
    _kind(UserFactory(), "Fremd")
    antwort = client_fuer(eltern).get(reverse("ferien:daten_export"))
    daten = json.loads(antwort.content)
    assert daten["konto"]["email"] == "eltern@example.org"
    assert [k["vorname"] for k in daten["kinder"]] == ["Mia"]
    assert daten["kinder"][0]["anmeldungen"][0]["angebot"] == "Kanutour"


def test_mein_bereich_zeigt_anmeldungen(client_fuer, angebot, eltern):
    ferien.anmelden(kind=_kind(eltern), durchfuehrung=ferien_durchfuehrung(angebot), von=eltern)
    inhalt = client_fuer(eltern).get(reverse("mein_bereich")).content.decode()
    assert "Mia: <a" in inhalt and "Kanutour" in inhalt
    assert reverse("ferien:familie") in inhalt
