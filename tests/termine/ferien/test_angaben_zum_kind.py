"""What a registration tells about the child is stored by the service, under the lock of the
registration and only with it: the swimming ability a guardian confirms, the emergency phone
of a child without one, and a child a coordinator registers by phone (Kind, Einwilligung and
Anmeldung in one transaction). The admin page for it checks the model permission."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

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
def schwimmkurs(zeitraum):
    angebot = FerienangebotFactory(
        zeitraum=zeitraum, titel="Schwimmkurs", schwimmfaehigkeit_noetig=True
    )
    return ferien_durchfuehrung(angebot, plaetze=2)


@pytest.fixture
def eltern():
    return UserFactory(email="eltern@example.org")


def _kind(eltern, alter=8, **felder):
    return KindFactory(
        eltern=eltern,
        vorname="Mia",
        geburtsdatum=geburtsdatum_fuer(alter),
        **{"notfall_telefon": "", "schwimmer": None, **felder},
    )


def test_die_anmeldung_speichert_schwimmen_und_telefon_am_kind(schwimmkurs, eltern):
    kind = _kind(eltern)
    anmeldung = ferien.anmelden(
        kind=kind,
        durchfuehrung=schwimmkurs,
        von=eltern,
        notfall_telefon="039483 77",
        schwimmer=True,
    )
    assert anmeldung.status == Anmeldung.Status.BESTAETIGT
    assert anmeldung.notfall_telefon == "039483 77"
    kind.refresh_from_db()
    assert (kind.schwimmer, kind.notfall_telefon) == (True, "039483 77")


def test_die_eigene_nummer_des_kindes_bleibt(schwimmkurs, eltern):
    kind = _kind(eltern, notfall_telefon="0170 1111", schwimmer=True)
    anmeldung = ferien.anmelden(
        kind=kind, durchfuehrung=schwimmkurs, von=eltern, notfall_telefon="0170 2222"
    )
    assert anmeldung.notfall_telefon == "0170 2222"
    kind.refresh_from_db()
    assert kind.notfall_telefon == "0170 1111"


def test_eine_abgelehnte_anmeldung_aendert_das_kind_nicht(client_fuer, schwimmkurs, eltern):
    zu_alt = _kind(eltern, alter=15)
    antwort = client_fuer(eltern).post(
        reverse("ferien:anmelden", args=[schwimmkurs.pk]),
        {"kind": zu_alt.pk, "notfall_telefon": "039483 77", "schwimmer": "on"},
    )
    assert "Mia ist an dem Tag 15" in antwort.content.decode()
    zu_alt.refresh_from_db()
    assert (zu_alt.schwimmer, zu_alt.notfall_telefon) == (None, "")
    assert not Anmeldung.objects.exists()


def test_ohne_bestaetigung_kein_schwimmkurs(schwimmkurs, eltern):
    kind = _kind(eltern)
    with pytest.raises(ferien.AnmeldungNichtMoeglich) as fehler:
        ferien.anmelden(kind=kind, durchfuehrung=schwimmkurs, von=eltern, notfall_telefon="1")
    assert fehler.value.code == "schwimmer"
    kind.refresh_from_db()
    assert kind.notfall_telefon == ""


def _neues_kind(alter=8):
    return Kind(
        vorname="Paula",
        nachname="Papier",
        geburtsdatum=geburtsdatum_fuer(alter),
        sorgeberechtigt_name="Petra Papier",
        sorgeberechtigt_email="papier@example.org",
    )


def test_koordination_meldet_ein_neues_kind_in_einem_zug_an(schwimmkurs, koordination, mailoutbox):
    anmeldung = ferien.fuer_familie_anmelden(
        durchfuehrung=schwimmkurs,
        von=koordination,
        notfall_telefon="039483 1",
        neues_kind=_neues_kind(),
        schwimmer=True,
    )
    kind = Kind.objects.get()
    assert anmeldung.kind == kind and anmeldung.angemeldet_von == koordination
    assert (kind.eltern, kind.schwimmer, kind.notfall_telefon) == (None, True, "039483 1")
    einwilligung = kind.einwilligungen.get()
    assert (einwilligung.art, einwilligung.erteilt_von) == (
        Einwilligung.Art.SORGEBERECHTIGT,
        koordination,
    )
    assert mailoutbox[-1].to == ["papier@example.org"]


def test_wird_die_anmeldung_abgelehnt_entsteht_auch_kein_kind(schwimmkurs, koordination):
    with pytest.raises(ferien.AnmeldungNichtMoeglich) as fehler:
        ferien.fuer_familie_anmelden(
            durchfuehrung=schwimmkurs,
            von=koordination,
            notfall_telefon="039483 1",
            neues_kind=_neues_kind(alter=15),
            schwimmer=True,
        )
    assert fehler.value.code == "alter"
    assert not Kind.objects.exists()
    assert not Einwilligung.objects.exists()


def test_nur_die_koordination_meldet_fuer_familien_an(schwimmkurs, eltern):
    with pytest.raises(ferien.AnmeldungNichtMoeglich) as fehler:
        ferien.fuer_familie_anmelden(
            durchfuehrung=schwimmkurs, von=eltern, notfall_telefon="1", neues_kind=_neues_kind()
        )
    assert fehler.value.code == "fremd"
    assert not Kind.objects.exists()


def test_ein_bekanntes_kind_bekommt_die_schwimmbestaetigung(schwimmkurs, koordination, eltern):
    kind = _kind(eltern, notfall_telefon="0170 1111")
    ferien.fuer_familie_anmelden(
        durchfuehrung=schwimmkurs, von=koordination, notfall_telefon="1", kind=kind, schwimmer=True
    )
    kind.refresh_from_db()
    assert kind.schwimmer is True
    assert Kind.objects.count() == 1


@pytest.fixture
def mitarbeiterin():
    """Staff, but without the permission to add registrations."""
    return UserFactory(email="team@example.org", is_staff=True)


def test_die_adminseite_fragt_nach_der_modellberechtigung(client_fuer, mitarbeiterin, schwimmkurs):
    url = reverse("admin:termine_anmeldung_fuer_familie")
    assert client_fuer(mitarbeiterin).get(url).status_code == 403
    mitarbeiterin.user_permissions.add(
        Permission.objects.get(codename="add_anmeldung", content_type__app_label="termine")
    )
    seite = client_fuer(mitarbeiterin).get(url).content.decode()
    assert "Schwimmkurs" in seite
    # The admin site's own context (header, navigation), not the default site's.
    assert reverse("admin:index") in seite
