"""Querysets speak the domain: who sees which dates, who may edit them, what is upcoming."""

import pytest
from django.db import IntegrityError

from termine.models import Termin
from tests.factories import ArbeitsgruppeFactory, UserFactory
from tests.termine.factories import TerminFactory, berlin

pytestmark = pytest.mark.django_db


@pytest.fixture
def gruppe():
    return ArbeitsgruppeFactory(name="AG Gemeinschaftsgarten", slug="garten")


@pytest.fixture
def gaertnerin(gruppe):
    user = UserFactory(email="gaertnerin@example.org")
    gruppe.mitglieder.create(user=user, rolle="mitglied")
    return user


@pytest.fixture
def termine(akteur_a, akteur_b, gruppe):
    return {
        "oeffentlich": TerminFactory(titel="Stadtfest", veranstalter=[akteur_a]),
        "netzwerk": TerminFactory(
            titel="Vorstandsrunde", sichtbarkeit="netzwerk", veranstalter=[akteur_b]
        ),
        "gruppe": TerminFactory(titel="Gartentreffen", sichtbarkeit="gruppe", arbeitsgruppe=gruppe),
    }


def sichtbar(user):
    from django.contrib.auth.models import AnonymousUser

    return set(
        Termin.objects.sichtbar_fuer(user or AnonymousUser()).values_list("titel", flat=True)
    )


def test_sichtbarkeit_je_persona(termine, persona, gaertnerin):
    name, user = persona
    erwartet = {
        "anonym": {"Stadtfest"},
        "bewohner": {"Stadtfest"},
        "mitglied_a": {"Stadtfest", "Vorstandsrunde"},
        "mitglied_b": {"Stadtfest", "Vorstandsrunde"},
        "koordination": {"Stadtfest", "Vorstandsrunde", "Gartentreffen"},
    }[name]
    assert sichtbar(user) == erwartet


def test_gruppenmitglied_sieht_gruppentermine_und_netzwerktermine(termine, gaertnerin):
    assert sichtbar(gaertnerin) == {"Stadtfest", "Vorstandsrunde", "Gartentreffen"}


def test_bearbeiten_duerfen_nur_die_eigenen(
    termine, mitglied_a, mitglied_b, gaertnerin, koordination, bewohner
):
    def darf(user):
        return set(Termin.objects.schreibbar_fuer(user).values_list("titel", flat=True))

    assert darf(mitglied_a) == {"Stadtfest"}
    assert darf(mitglied_b) == {"Vorstandsrunde"}
    assert darf(gaertnerin) == {"Gartentreffen"}
    assert darf(bewohner) == set()
    assert darf(koordination) == {"Stadtfest", "Vorstandsrunde", "Gartentreffen"}


def test_mehrere_veranstalter_geben_keine_doppelten_zeilen(akteur_a, akteur_b, koordination):
    from tests.factories import MitgliedschaftFactory

    user = UserFactory()
    MitgliedschaftFactory(user=user, akteur=akteur_a)
    MitgliedschaftFactory(user=user, akteur=akteur_b)
    TerminFactory(veranstalter=[akteur_a, akteur_b])
    assert Termin.objects.schreibbar_fuer(user).count() == 1
    assert Termin.objects.sichtbar_fuer(user).count() == 1


def test_kommende_und_zeitraum(jetzt):
    vorbei = TerminFactory(
        titel="Vorbei", start=berlin(2026, 5, 1, 10), ende=berlin(2026, 5, 1, 12)
    )
    laeuft = TerminFactory(titel="Läuft", start=berlin(2026, 6, 1, 8), ende=berlin(2026, 6, 1, 10))
    serie = TerminFactory(
        titel="Serie",
        start=berlin(2026, 1, 5, 18),
        ende=berlin(2026, 1, 5, 20),
        wiederholung="woechentlich",
    )
    serie_vorbei = TerminFactory(
        titel="Alte Serie",
        start=berlin(2026, 1, 5, 18),
        ende=berlin(2026, 1, 5, 20),
        wiederholung="woechentlich",
        wiederholen_bis=berlin(2026, 3, 1).date(),
    )
    kommend = set(Termin.objects.kommende().values_list("titel", flat=True))
    assert kommend == {"Läuft", "Serie"}
    im_mai = set(
        Termin.objects.im_zeitraum(berlin(2026, 5, 1), berlin(2026, 6, 1)).values_list(
            "titel", flat=True
        )
    )
    assert im_mai == {"Vorbei", "Serie"}
    assert vorbei and laeuft and serie and serie_vorbei


def test_ende_vor_start_verbietet_die_datenbank():
    with pytest.raises(IntegrityError):
        TerminFactory(start=berlin(2026, 6, 2, 10), ende=berlin(2026, 6, 2, 9))


def test_uid_ist_stabil_und_eindeutig():
    a, b = TerminFactory(), TerminFactory()
    uid = a.uid
    a.titel = "Neu"
    a.save()
    a.refresh_from_db()
    assert a.uid == uid != b.uid


def test_ganztaegiger_termin_letzter_tag():
    termin = TerminFactory(ganztaegig=True, start=berlin(2026, 5, 22), ende=berlin(2026, 5, 24))
    assert (termin.erster_tag.day, termin.letzter_tag.day) == (22, 23)
