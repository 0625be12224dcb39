"""Issue item 9: every member URL with every persona, for GET and POST.

anonymous → login; resident and member of B → 404; member of A and coordinator → works.
Forged POSTs that name another actor, or mix A's URL with B's objects, change nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse

from tests.factories import GesuchFactory, MitgliedschaftFactory, RueckmeldungFactory
from vereine.models import Akteur, Einladung, Gesuch, Mitgliedschaft, Rueckmeldung

pytestmark = pytest.mark.django_db


@dataclass
class Welt:
    a: Akteur
    b: Akteur
    gesuch_a: Gesuch
    gesuch_b: Gesuch
    rueckmeldung_a: Rueckmeldung
    rueckmeldung_b: Rueckmeldung
    redaktion_a: Mitgliedschaft
    einladung_a: Einladung


@pytest.fixture
def welt(akteur_a, akteur_b, mitglied_a, mitglied_b) -> Welt:
    gesuch_a = GesuchFactory(akteur=akteur_a, titel="Gesuch A")
    gesuch_b = GesuchFactory(akteur=akteur_b, titel="Gesuch B")
    return Welt(
        a=akteur_a,
        b=akteur_b,
        gesuch_a=gesuch_a,
        gesuch_b=gesuch_b,
        rueckmeldung_a=RueckmeldungFactory(gesuch=gesuch_a),
        rueckmeldung_b=RueckmeldungFactory(gesuch=gesuch_b),
        redaktion_a=MitgliedschaftFactory(akteur=akteur_a, rolle="redaktion"),
        einladung_a=Einladung.objects.create(akteur=akteur_a, email="offen@example.org"),
    )


def _gesuch_daten(w: Welt, titel: str) -> dict:
    # Forged: names actor B; the actor must come from the URL only.
    return {
        "titel": titel,
        "beschreibung": "x",
        "art": "einmalig",
        "status": "offen",
        "akteur": w.b.pk,
    }


@dataclass
class Fall:
    name: str
    url: Callable[[Welt], str]
    methoden: tuple[str, ...]
    daten: Callable[[Welt], dict]
    wirkung: Callable[[Welt], bool]  # did the POST change what it should?


FAELLE = [
    Fall(
        "profil",
        lambda w: reverse("vereine:bearbeiten", args=[w.a.slug]),
        ("GET", "POST"),
        lambda w: {
            "name": "Neuer Name",
            "art": "verein",
            "sichtbarkeit": "oeffentlich",
            "status": "inaktiv",
            "slug": "x",
        },
        lambda w: Akteur.objects.filter(
            pk=w.a.pk, name="Neuer Name", status="aktiv", slug=w.a.slug
        ).exists(),
    ),
    Fall(
        "mitglieder",
        lambda w: reverse("vereine:mitglieder", args=[w.a.slug]),
        ("GET", "POST"),
        lambda w: {"email": "neu@example.org", "rolle": "redaktion"},
        lambda w: Einladung.objects.filter(akteur=w.a, email="neu@example.org").exists(),
    ),
    Fall(
        "rolle",
        lambda w: reverse("vereine:mitglied_rolle", args=[w.a.slug, w.redaktion_a.pk]),
        ("POST",),
        lambda w: {"rolle": "leitung"},
        lambda w: Mitgliedschaft.objects.get(pk=w.redaktion_a.pk).rolle == "leitung",
    ),
    Fall(
        "entfernen",
        lambda w: reverse("vereine:mitglied_entfernen", args=[w.a.slug, w.redaktion_a.pk]),
        ("POST",),
        lambda w: {},
        lambda w: not Mitgliedschaft.objects.filter(pk=w.redaktion_a.pk).exists(),
    ),
    Fall(
        "einladung_zurueckziehen",
        lambda w: reverse("vereine:einladung_zurueckziehen", args=[w.a.slug, w.einladung_a.pk]),
        ("POST",),
        lambda w: {},
        lambda w: not Einladung.objects.filter(pk=w.einladung_a.pk).exists(),
    ),
    Fall(
        "eigene_gesuche",
        lambda w: reverse("vereine:eigene_gesuche", args=[w.a.slug]),
        ("GET",),
        lambda w: {},
        lambda w: True,
    ),
    Fall(
        "gesuch_neu",
        lambda w: reverse("vereine:gesuch_neu", args=[w.a.slug]),
        ("GET", "POST"),
        lambda w: _gesuch_daten(w, "Neues Gesuch"),
        lambda w: Gesuch.objects.filter(titel="Neues Gesuch", akteur=w.a).exists(),
    ),
    Fall(
        "gesuch_bearbeiten",
        lambda w: reverse("vereine:gesuch_bearbeiten", args=[w.a.slug, w.gesuch_a.pk]),
        ("GET", "POST"),
        lambda w: _gesuch_daten(w, "Geändert"),
        lambda w: Gesuch.objects.filter(pk=w.gesuch_a.pk, titel="Geändert", akteur=w.a).exists(),
    ),
    Fall(
        "rueckmeldungen",
        lambda w: reverse("vereine:rueckmeldungen", args=[w.a.slug, w.gesuch_a.pk]),
        ("GET",),
        lambda w: {},
        lambda w: True,
    ),
    Fall(
        "rueckmeldung_status",
        lambda w: reverse("vereine:rueckmeldung_status", args=[w.a.slug, w.rueckmeldung_a.pk]),
        ("POST",),
        lambda w: {"status": "dabei"},
        lambda w: Rueckmeldung.objects.get(pk=w.rueckmeldung_a.pk).status == "dabei",
    ),
    Fall(
        "rueckmeldung_antworten",
        lambda w: reverse("vereine:rueckmeldung_antworten", args=[w.a.slug, w.rueckmeldung_a.pk]),
        ("GET", "POST"),
        lambda w: {"text": "Hallo!"},
        lambda w: Rueckmeldung.objects.get(pk=w.rueckmeldung_a.pk).beantwortet_am is not None,
    ),
]
ERLAUBT = {"mitglied_a", "koordination"}


@pytest.mark.parametrize(
    "fall,methode",
    [pytest.param(f, m, id=f"{f.name}-{m}") for f in FAELLE for m in f.methoden],
)
def test_mitglieder_urls_je_persona(client_fuer, persona, welt, fall, methode):
    name, user = persona
    client = client_fuer(user)
    url = fall.url(welt)
    antwort = client.get(url) if methode == "GET" else client.post(url, fall.daten(welt))

    if name == "anonym":
        assert antwort.status_code == 302
        assert antwort.url.startswith(reverse("account_login") + "?next=")
    elif name in ERLAUBT:
        if methode == "GET":
            assert antwort.status_code == 200
            assert welt.a.name in antwort.content.decode()
        else:
            assert antwort.status_code == 302, antwort.content.decode()[:2000]
    else:
        assert antwort.status_code == 404
    if methode == "POST" and fall.name not in ("eigene_gesuche", "rueckmeldungen"):
        assert fall.wirkung(welt) is (name in ERLAUBT)
    # Whatever happened, B's objects are untouched.
    assert Gesuch.objects.get(pk=welt.gesuch_b.pk).titel == "Gesuch B"
    assert Gesuch.objects.filter(akteur=welt.b).count() == 1


@pytest.mark.parametrize(
    "url",
    [
        lambda w: reverse("vereine:gesuch_bearbeiten", args=[w.a.slug, w.gesuch_b.pk]),
        lambda w: reverse("vereine:rueckmeldungen", args=[w.a.slug, w.gesuch_b.pk]),
        lambda w: reverse("vereine:rueckmeldung_status", args=[w.a.slug, w.rueckmeldung_b.pk]),
        lambda w: reverse("vereine:rueckmeldung_antworten", args=[w.a.slug, w.rueckmeldung_b.pk]),
        lambda w: reverse(
            "vereine:mitglied_rolle",
            args=[w.a.slug, Mitgliedschaft.objects.get(akteur=w.b).pk],
        ),
        lambda w: reverse(
            "vereine:mitglied_entfernen",
            args=[w.a.slug, Mitgliedschaft.objects.get(akteur=w.b).pk],
        ),
    ],
    ids=["gesuch", "rueckmeldungen", "status", "antworten", "rolle", "entfernen"],
)
def test_a_url_mit_b_objekt_ist_404(client_fuer, mitglied_a, welt, url, mailoutbox):
    antwort = client_fuer(mitglied_a).post(
        url(welt),
        {**_gesuch_daten(welt, "Gekapert"), "status": "dabei", "rolle": "redaktion", "text": "x"},
    )
    assert antwort.status_code == 404
    assert Gesuch.objects.get(pk=welt.gesuch_b.pk).titel == "Gesuch B"
    assert Rueckmeldung.objects.get(pk=welt.rueckmeldung_b.pk).status == "neu"
    assert Mitgliedschaft.objects.filter(akteur=welt.b, rolle="leitung").count() == 1
    assert not mailoutbox


def test_vorschlagen_braucht_nur_eine_anmeldung(client_fuer, persona):
    name, user = persona
    antwort = client_fuer(user).get(reverse("vereine:vorschlagen"))
    if name == "anonym":
        assert antwort.url.startswith(reverse("account_login"))
    else:
        assert "Neuen Akteur vorschlagen" in antwort.content.decode()


@pytest.mark.parametrize(
    "name", ["vereine:liste", "vereine:detail", "vereine:gesuche", "vereine:gesuch"]
)
def test_oeffentliche_seiten_fuer_jede_persona(client_fuer, persona, welt, name):
    args = {"vereine:detail": [welt.a.slug], "vereine:gesuch": [welt.gesuch_a.pk]}.get(name, [])
    antwort = client_fuer(persona[1]).get(reverse(name, args=args))
    assert antwort.status_code == 200
    assert "Gesuch B" not in antwort.content.decode() or name != "vereine:detail"


def test_gefaelschte_einladung_ist_abgelaufen(client_fuer, persona, welt):
    antwort = client_fuer(persona[1]).get(reverse("vereine:einladung", args=["gefaelscht:x"]))
    assert antwort.status_code == 410
