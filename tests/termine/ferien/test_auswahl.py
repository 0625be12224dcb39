"""Which children a family can register: the service's verdict, the form that only offers
those, the reasons for the others, and the one-step registration on the offer page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from termine.ferien import services as ferien
from termine.models import Anmeldung
from tests.factories import (
    FerienangebotFactory,
    FerienzeitraumFactory,
    KindFactory,
    UserFactory,
    ferien_durchfuehrung,
    geburtsdatum_fuer,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def zeitraum():
    return FerienzeitraumFactory(max_anmeldungen_pro_kind=2)


@pytest.fixture
def angebot(zeitraum):
    return FerienangebotFactory(zeitraum=zeitraum, titel="Klettern", alter_von=9, alter_bis=16)


@pytest.fixture
def eltern():
    return UserFactory(email="eltern@example.org")


def _kind(eltern, vorname, alter, **extra):
    return KindFactory(
        eltern=eltern, vorname=vorname, geburtsdatum=geburtsdatum_fuer(alter), **extra
    )


def _gruende(auswahl):
    return {a.kind.vorname: a.grund for a in auswahl}


# ------------------------------------------------------------------------------ service


def test_dienst_nennt_fuer_jedes_kind_den_grund(zeitraum, angebot, eltern):
    d = ferien_durchfuehrung(angebot, tag=0, von=9, bis=12)
    lena = _kind(eltern, "Lena", 7)
    _kind(eltern, "Tom", 17)
    _kind(eltern, "Mia", 10)
    ohne = _kind(eltern, "Ole", 10)
    ohne.geburtsdatum = None
    ohne.save()
    assert _gruende(ferien.kinder_fuer_anmeldung(eltern=eltern, durchfuehrung=d)) == {
        "Lena": "zu jung (7 Jahre, ab 9)",
        "Mia": None,
        "Ole": "Geburtsdatum fehlt",
        "Tom": "zu alt (17 Jahre, bis 16)",
    }
    # The same rule refuses the registration itself.
    with pytest.raises(ferien.AnmeldungNichtMoeglich) as fehler:
        ferien.anmelden(kind=lena, durchfuehrung=d, von=eltern)
    assert fehler.value.code == "alter"


def test_dienst_kennt_doppelte_ueberschneidende_und_das_maximum(zeitraum, angebot, eltern):
    d = ferien_durchfuehrung(angebot, tag=0, von=9, bis=12, plaetze=1)
    gleichzeitig = ferien_durchfuehrung(
        FerienangebotFactory(zeitraum=zeitraum, titel="Kanu"), tag=0, von=11, bis=13
    )
    spaeter = [ferien_durchfuehrung(angebot, tag=t) for t in (3, 4)]
    besetzt = _kind(UserFactory(), "Fremd", 10)
    ferien.anmelden(kind=besetzt, durchfuehrung=d, von=besetzt.eltern)
    mia = _kind(eltern, "Mia", 10)
    ben = _kind(eltern, "Ben", 10)
    ida = _kind(eltern, "Ida", 10)
    jan = _kind(eltern, "Jan", 10)
    # Mia waits for d; Ben is confirmed at the same time elsewhere; Ida has reached the maximum.
    ferien.anmelden(kind=mia, durchfuehrung=d, von=eltern)
    ferien.anmelden(kind=ben, durchfuehrung=gleichzeitig, von=eltern)
    for s in spaeter:
        ferien.anmelden(kind=ida, durchfuehrung=s, von=eltern)
    auswahl = ferien.kinder_fuer_anmeldung(eltern=eltern, durchfuehrung=d)
    assert _gruende(auswahl) == {
        "Ben": "zur selben Zeit bei „Kanu“",
        "Ida": "hat schon 2 Anmeldungen, mehr geht nicht",
        "Jan": None,
        "Mia": "steht schon auf der Warteliste (Platz 1)",
    }
    # Every refusal in the list is the one anmelden gives.
    for eintrag in auswahl:
        if eintrag.moeglich:
            continue
        with pytest.raises(ferien.AnmeldungNichtMoeglich) as fehler:
            ferien.anmelden(kind=eintrag.kind, durchfuehrung=d, von=eltern)
        assert fehler.value.code == eintrag.code
        assert fehler.value.nachricht == eintrag.nachricht
    # A waiting entry elsewhere overlaps as well.
    ferien.anmelden(kind=jan, durchfuehrung=gleichzeitig, von=eltern)
    assert _gruende(ferien.kinder_fuer_anmeldung(eltern=eltern, durchfuehrung=d))["Jan"] == (
        "zur selben Zeit bei „Kanu“"
    )


def test_dienst_braucht_zwei_abfragen_egal_wie_viele_kinder(zeitraum, angebot, eltern):
    termine = [ferien_durchfuehrung(angebot, tag=t) for t in range(3)]
    for anzahl in (1, 4):
        for i in range(anzahl):
            kind = _kind(eltern, f"K{anzahl}{i}", 10)
            ferien.anmelden(kind=kind, durchfuehrung=termine[i % 3], von=eltern)
        with CaptureQueriesContext(connection) as abfragen:
            ferien.kinder_fuer_durchfuehrungen(eltern=eltern, durchfuehrungen=termine)
        assert len(abfragen) == 2


def test_dienst_fragt_fuer_anonyme_nichts(angebot, django_assert_num_queries):
    from django.contrib.auth.models import AnonymousUser

    d = ferien_durchfuehrung(angebot)
    with django_assert_num_queries(0):
        assert ferien.kinder_fuer_anmeldung(eltern=AnonymousUser(), durchfuehrung=d) == []


# ------------------------------------------------------------------------ registration page


def test_formular_bietet_nur_passende_kinder_an_und_sagt_warum(client_fuer, angebot, eltern):
    d = ferien_durchfuehrung(angebot)
    lena = _kind(eltern, "Lena", 7)
    mia = _kind(eltern, "Mia", 10)
    seite = client_fuer(eltern).get(reverse("ferien:anmelden", args=[d.pk])).content.decode()
    assert f'name="kind" value="{mia.pk}"' in seite
    assert f'value="{lena.pk}"' not in seite
    assert "Lena: zu jung (7 Jahre, ab 9)" in seite
    # The only eligible child is ticked already.
    assert f'value="{mia.pk}"' in seite and "checked" in seite


def test_formular_lehnt_ein_untergeschobenes_kind_mit_grund_ab(client_fuer, angebot, eltern):
    d = ferien_durchfuehrung(angebot)
    lena = _kind(eltern, "Lena", 7)
    _kind(eltern, "Mia", 10)
    antwort = client_fuer(eltern).post(
        reverse("ferien:anmelden", args=[d.pk]), {"kind": lena.pk, "notfall_telefon": "0170 1"}
    )
    inhalt = antwort.content.decode()
    assert "Lena ist an dem Tag 7; dieses Angebot ist für Kinder von 9 bis 16" in inhalt
    assert not Anmeldung.objects.exists()


def test_keins_der_kinder_passt(client_fuer, angebot, eltern):
    d = ferien_durchfuehrung(angebot)
    _kind(eltern, "Lena", 7)
    seite = client_fuer(eltern).get(reverse("ferien:anmelden", args=[d.pk])).content.decode()
    assert "Keins deiner Kinder kann an diesem Termin teilnehmen" in seite
    assert "Lena: zu jung (7 Jahre, ab 9)" in seite
    assert 'type="submit"' not in seite.split("<main")[1].split("</main>")[0]


def test_geschwister_zusammen_anmelden(client_fuer, angebot, eltern, mailoutbox):
    d = ferien_durchfuehrung(angebot, plaetze=1)
    mia = _kind(eltern, "Mia", 10)
    ben = _kind(eltern, "Ben", 11)
    antwort = client_fuer(eltern).post(
        reverse("ferien:anmelden", args=[d.pk]),
        {"kind": [mia.pk, ben.pk], "notfall_telefon": ""},
        follow=True,
    )
    inhalt = antwort.content.decode()
    assert "Geschafft! Ben ist für „Klettern“ angemeldet." in inhalt
    assert "Mia ist auf Platz 1 der Warteliste" in inhalt
    assert sorted(Anmeldung.objects.values_list("kind__vorname", "status")) == [
        ("Ben", "bestaetigt"),
        ("Mia", "warteliste"),
    ]


def test_telefon_nur_wenn_keins_gespeichert(client_fuer, angebot, eltern):
    d = ferien_durchfuehrung(angebot)
    mia = _kind(eltern, "Mia", 10, notfall_telefon="")
    client = client_fuer(eltern)
    url = reverse("ferien:anmelden", args=[d.pk])
    antwort = client.post(url, {"kind": mia.pk})
    assert "Bitte gib eine Telefonnummer für Notfälle an." in antwort.content.decode()
    client.post(url, {"kind": mia.pk, "notfall_telefon": "0170 9"})
    mia.refresh_from_db()
    assert mia.notfall_telefon == "0170 9"
    assert Anmeldung.objects.get(kind=mia).notfall_telefon == "0170 9"


# ------------------------------------------------------------------------------ offer page


def _angebotsseite(client, angebot):
    return client.get(angebot.get_absolute_url()).content.decode()


def test_ein_passendes_kind_meldet_sich_auf_der_angebotsseite_an(client_fuer, angebot, eltern):
    d = ferien_durchfuehrung(angebot)
    _kind(eltern, "Lena", 7)
    mia = _kind(eltern, "Mia", 10)
    client = client_fuer(eltern)
    seite = _angebotsseite(client, angebot)
    assert f'action="{reverse("ferien:anmelden", args=[d.pk])}"' in seite
    assert f'<input type="hidden" name="kind" value="{mia.pk}">' in seite
    assert "Mia anmelden" in seite
    assert "Lena: zu jung (7 Jahre, ab 9)" in seite
    # The phone is known: the button is all it takes.
    assert 'name="notfall_telefon"' not in seite
    antwort = client.post(reverse("ferien:anmelden", args=[d.pk]), {"kind": mia.pk}, follow=True)
    assert antwort.redirect_chain[-1][0] == reverse("ferien:familie")
    assert "Geschafft! Mia ist für „Klettern“ angemeldet." in antwort.content.decode()
    assert Anmeldung.objects.get().kind == mia
    # Afterwards Mia is no longer offered for that date.
    seite = _angebotsseite(client, angebot)
    assert "Mia ist angemeldet." in seite
    assert "Mia: schon angemeldet" in seite


def test_mehrere_passende_kinder_werden_auf_der_angebotsseite_gewaehlt(
    client_fuer, zeitraum, eltern
):
    angebot = FerienangebotFactory(zeitraum=zeitraum, schwimmfaehigkeit_noetig=True)
    d = ferien_durchfuehrung(angebot)
    mia = _kind(eltern, "Mia", 8, notfall_telefon="")
    ben = _kind(eltern, "Ben", 9, schwimmer=True)
    seite = _angebotsseite(client_fuer(eltern), angebot)
    assert f'id="kind-{d.pk}-{mia.pk}"' in seite and f'id="kind-{d.pk}-{ben.pk}"' in seite
    # Mia has no phone and no swimming confirmation yet: the form asks for both.
    assert f'id="telefon-{d.pk}"' in seite
    assert f'id="schwimmer-{d.pk}"' in seite


def test_kein_knopf_wenn_kein_kind_passt(client_fuer, angebot, eltern):
    d = ferien_durchfuehrung(angebot)
    _kind(eltern, "Lena", 7)
    seite = _angebotsseite(client_fuer(eltern), angebot)
    assert reverse("ferien:anmelden", args=[d.pk]) not in seite
    assert "Keins deiner Kinder kann an diesem Termin teilnehmen" in seite


def test_angebotsseite_hat_konstante_abfragen(client_fuer, zeitraum, eltern):
    def abfragen(anzahl):
        angebot = FerienangebotFactory(zeitraum=zeitraum, alter_von=6, alter_bis=12)
        for t in range(anzahl):
            ferien_durchfuehrung(angebot, tag=t)
        client = client_fuer(eltern)
        client.get(angebot.get_absolute_url())
        with CaptureQueriesContext(connection) as erfasst:
            client.get(angebot.get_absolute_url())
        return len(erfasst)

    _kind(eltern, "Mia", 8)
    assert abfragen(1) == 9
    for i in range(3):
        _kind(eltern, f"K{i}", 9)
    assert abfragen(5) == 9
