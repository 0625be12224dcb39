"""Every URL of Lernen durch Engagement × every persona × GET/POST.

Personas: anonymous, resident (not in the network), the teacher of the project's school, a
teacher of another school, the partner (member of actor A), a member of an unrelated actor
(B) and a coordinator.

* needs board: anonymous → login, resident → 403, everybody in the network → the board;
  another actor's need cannot be edited (404);
* public project page: everyone (the project is published);
* plan and dates: the school, the partner and coordinators; others 404;
* the teachers' pages: the school and coordinators; the partner may read the plan → 403;
* overview and CSV: the schools' teachers (their own projects) and coordinators, others 403.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse

from arbeitsgruppen.lde.models import Engagementbedarf, Klassenprojekt, Reflexion
from tests.arbeitsgruppen.lde.factories import BedarfFactory, projekt

pytestmark = pytest.mark.django_db

PERSONAS = [
    "anonym",
    "bewohner",
    "lehrkraft",
    "andere_lehrkraft",
    "mitglied_a",
    "mitglied_b",
    "koordination",
]


@dataclass
class Welt:
    bedarf: Engagementbedarf
    projekt: Klassenprojekt


@pytest.fixture
def welt(schule, akteur_a, akteur_b, lehrkraft, andere_lehrkraft, mitglied_a, mitglied_b):
    bedarf = BedarfFactory(akteur=akteur_a, titel="Vorlesen in der Kita")
    return Welt(bedarf, projekt(schule, [akteur_a], von=lehrkraft))


@dataclass
class Fall:
    name: str
    url: Callable[[Welt], str]
    methode: str
    erwartet: dict[str, int]


ALLE = dict.fromkeys(PERSONAS, 200)
NETZ = {**ALLE, "anonym": 302, "bewohner": 403}
# The need belongs to actor A (the partner's actor).
BEDARF_A = {**NETZ, "lehrkraft": 404, "andere_lehrkraft": 404, "mitglied_b": 404}
PLAN = {**ALLE, "anonym": 302, "bewohner": 404, "andere_lehrkraft": 404, "mitglied_b": 404}
SCHULE = {**PLAN, "mitglied_a": 403}
SCHULE_POST = {**SCHULE, "lehrkraft": 302, "koordination": 302}
AUSWERTUNG = {
    **ALLE,
    "anonym": 302,
    "bewohner": 403,
    "mitglied_a": 403,
    "mitglied_b": 403,
}


def _projekt(name):
    return lambda w: reverse(f"lde:{name}", args=[w.projekt.pk])


FAELLE = [
    Fall("bedarfe", lambda w: reverse("lde:bedarfe"), "GET", NETZ),
    # Residents have no actor to post for; the teacher posts for the school.
    Fall("bedarf_neu", lambda w: reverse("lde:bedarf_neu"), "GET", NETZ),
    Fall("bedarf", lambda w: reverse("lde:bedarf", args=[w.bedarf.pk]), "GET", NETZ),
    Fall(
        "bedarf_bearbeiten",
        lambda w: reverse("lde:bedarf_bearbeiten", args=[w.bedarf.pk]),
        "GET",
        BEDARF_A,
    ),
    Fall(
        "bedarf_bearbeiten (POST)",
        lambda w: reverse("lde:bedarf_bearbeiten", args=[w.bedarf.pk]),
        "POST",
        {**BEDARF_A, "mitglied_a": 302, "koordination": 302},
    ),
    Fall("projekte", lambda w: reverse("lde:projekte"), "GET", ALLE),
    Fall("projekt", _projekt("projekt"), "GET", ALLE),
    # Only teachers (members of a school) and coordinators start projects.
    Fall(
        "projekt_neu",
        lambda w: reverse("lde:projekt_neu"),
        "GET",
        {**AUSWERTUNG},
    ),
    Fall("plan", _projekt("plan"), "GET", PLAN),
    Fall("projekt_bearbeiten", _projekt("projekt_bearbeiten"), "GET", SCHULE),
    Fall("phasen", _projekt("phasen"), "GET", SCHULE),
    Fall("phasen (POST)", _projekt("phasen"), "POST", SCHULE_POST),
    Fall("standards", _projekt("standards"), "GET", SCHULE),
    Fall("standards (POST)", _projekt("standards"), "POST", SCHULE_POST),
    Fall("reflexion", _projekt("reflexion"), "POST", SCHULE_POST),
    Fall("abschliessen", _projekt("abschliessen"), "GET", SCHULE),
    Fall("urkunde", _projekt("urkunde"), "GET", SCHULE),
    Fall("auswertung", lambda w: reverse("lde:auswertung"), "GET", AUSWERTUNG),
    Fall("auswertung_csv", lambda w: reverse("lde:auswertung_csv"), "GET", AUSWERTUNG),
]

DATEN = {
    "titel": "Neuer Titel",
    "beschreibung": "Beschreibung",
    "kontakt": "Telefon",
    "phase": "recherche",
    "text": "Die Klasse war begeistert.",
    "recherche_von": "",
}


@pytest.fixture(params=PERSONAS)
def lde_persona(request):
    if request.param == "anonym":
        return "anonym", None
    return request.param, request.getfixturevalue(request.param)


@pytest.mark.parametrize("fall", FAELLE, ids=lambda f: f.name)
def test_matrix(fall, lde_persona, welt, client_fuer):
    name, user = lde_persona
    client = client_fuer(user)
    url = fall.url(welt)
    daten = {**DATEN, "akteur": welt.bedarf.akteur_id}
    antwort = client.post(url, daten) if fall.methode == "POST" else client.get(url)
    assert antwort.status_code == fall.erwartet[name], name
    if name == "anonym" and antwort.status_code == 302:
        assert antwort["Location"].startswith(reverse("account_login"))


def test_partner_sieht_plan_aber_keine_reflexionen(welt, client_fuer, lehrkraft, mitglied_a):
    client_fuer(lehrkraft).post(
        reverse("lde:reflexion", args=[welt.projekt.pk]),
        {"phase": "recherche", "text": "Geheime Notiz der Lehrerin"},
    )
    assert Reflexion.objects.count() == 1
    lehrerin = client_fuer(lehrkraft).get(reverse("lde:plan", args=[welt.projekt.pk]))
    assert "Geheime Notiz der Lehrerin" in lehrerin.content.decode()
    partner = client_fuer(mitglied_a).get(reverse("lde:plan", args=[welt.projekt.pk]))
    assert partner.status_code == 200
    assert "Geheime Notiz der Lehrerin" not in partner.content.decode()
    assert "Recherche" in partner.content.decode()


def test_oeffentliche_seite_ohne_reflexionen_und_plan(welt, client_fuer, lehrkraft):
    client_fuer(lehrkraft).post(
        reverse("lde:reflexion", args=[welt.projekt.pk]),
        {"phase": "aktion", "text": "Geheime Notiz der Lehrerin"},
    )
    seite = client_fuer().get(reverse("lde:projekt", args=[welt.projekt.pk])).content.decode()
    assert "Geheime Notiz der Lehrerin" not in seite
    assert reverse("lde:plan", args=[welt.projekt.pk]) not in seite
    assert "Insektenhotel für den Garten" in seite


def test_unveroeffentlichtes_projekt_nur_fuer_schule_und_partner(
    welt, client_fuer, lehrkraft, mitglied_a, andere_lehrkraft, bewohner
):
    Klassenprojekt.objects.filter(pk=welt.projekt.pk).update(veroeffentlicht=False)
    url = reverse("lde:projekt", args=[welt.projekt.pk])
    assert client_fuer(lehrkraft).get(url).status_code == 200
    assert client_fuer(mitglied_a).get(url).status_code == 200
    for user in (None, bewohner, andere_lehrkraft):
        assert client_fuer(user).get(url).status_code == 404


def test_fremde_post_aendern_nichts(welt, client_fuer, mitglied_a, andere_lehrkraft):
    for user in (mitglied_a, andere_lehrkraft):
        client_fuer(user).post(
            reverse("lde:phasen", args=[welt.projekt.pk]), {"recherche_von": "2030-01-01"}
        )
        client_fuer(user).post(
            reverse("lde:reflexion", args=[welt.projekt.pk]),
            {"phase": "recherche", "text": "Fremd"},
        )
        client_fuer(user).post(
            reverse("lde:abschliessen", args=[welt.projekt.pk]),
            {"ergebnis": "Gekapert", "stunden": 3},
        )
    welt.projekt.refresh_from_db()
    assert not welt.projekt.phasen.filter(von__isnull=False).exists()
    assert not Reflexion.objects.exists()
    assert welt.projekt.ergebnis == ""
