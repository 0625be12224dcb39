"""Permission matrix of the Marktplatz: every URL × persona × method.

anonymous → login page (member pages) or 404 (unconfirmed deals); resident and member of B →
404 for A's entries and A's deals; member of A and coordinator → works. A deal one party has
not confirmed is not public. Forged requests mixing A's URL with B's objects change nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.vereine.marktplatz.factories import EintragFactory, VereinbarungFactory, markt_anlegen
from vereine.marktplatz import services
from vereine.marktplatz import urls as marktplatz_urls
from vereine.marktplatz.models import Eintrag, Markt, MarktAnmeldung, Vereinbarung
from vereine.models import Akteur

pytestmark = pytest.mark.django_db


@dataclass
class Welt:
    a: Akteur
    b: Akteur
    firma: Akteur
    markt: Markt
    eintrag_a: Eintrag
    eintrag_b: Eintrag
    offen: Vereinbarung  # A ↔ firma, firma has not confirmed
    fertig: Vereinbarung  # A ↔ firma, confirmed by both
    deal_b: Vereinbarung  # B ↔ firma


@pytest.fixture
def welt(akteur_a, akteur_b, mitglied_a, mitglied_b, firma) -> Welt:
    markt = markt_anlegen(tage=0)
    MarktAnmeldung.objects.create(markt=markt, akteur=akteur_a)
    return Welt(
        a=akteur_a,
        b=akteur_b,
        firma=firma,
        markt=markt,
        eintrag_a=EintragFactory(akteur=akteur_a, titel="Eintrag A"),
        eintrag_b=EintragFactory(akteur=akteur_b, titel="Eintrag B"),
        offen=VereinbarungFactory(
            markt=markt, partner_a=akteur_a, partner_b=firma, bestaetigt_b_am=None, gibt_a="Offen A"
        ),
        fertig=VereinbarungFactory(markt=markt, partner_a=akteur_a, partner_b=firma),
        deal_b=VereinbarungFactory(
            markt=markt, partner_a=akteur_b, partner_b=firma, gibt_a="B gibt"
        ),
    )


def _bis() -> str:
    return (timezone.localdate() + timedelta(days=30)).isoformat()


@dataclass
class Fall:
    name: str
    url: Callable[[Welt], str]
    methoden: tuple[str, ...]
    erwartet: dict[str, int]  # persona → status (302 = to the login page, or done)
    daten: Callable[[Welt], dict] = lambda w: {}
    wirkung: Callable[[Welt], bool] | None = None


OEFFENTLICH = dict.fromkeys(["anonym", "bewohner", "mitglied_a", "mitglied_b", "koordination"], 200)
NUR_A = {"anonym": 302, "bewohner": 404, "mitglied_a": 200, "mitglied_b": 404, "koordination": 200}
NUR_A_POST = {**NUR_A, "mitglied_a": 302, "koordination": 302}
UNBESTAETIGT = {**NUR_A, "anonym": 404}

FAELLE = [
    Fall("start", lambda w: reverse("marktplatz:start"), ("GET",), OEFFENTLICH),
    Fall(
        "eintrag",
        lambda w: reverse("marktplatz:eintrag", args=[w.eintrag_a.pk]),
        ("GET",),
        OEFFENTLICH,
    ),
    Fall("statistik", lambda w: reverse("marktplatz:statistik"), ("GET",), OEFFENTLICH),
    Fall("statistik_csv", lambda w: reverse("marktplatz:statistik_csv"), ("GET",), OEFFENTLICH),
    Fall("markt", lambda w: reverse("marktplatz:markt", args=[w.markt.pk]), ("GET",), OEFFENTLICH),
    Fall("live", lambda w: reverse("marktplatz:live", args=[w.markt.pk]), ("GET",), OEFFENTLICH),
    Fall(
        "vereinbarung",
        lambda w: reverse("marktplatz:vereinbarung", args=[w.fertig.pk]),
        ("GET",),
        OEFFENTLICH,
    ),
    Fall(
        "vereinbarung_unbestaetigt",
        lambda w: reverse("marktplatz:vereinbarung", args=[w.offen.pk]),
        ("GET",),
        UNBESTAETIGT,
    ),
    Fall(
        "vereinbarung_pdf",
        lambda w: reverse("marktplatz:vereinbarung_pdf", args=[w.offen.pk]),
        ("GET",),
        UNBESTAETIGT,
    ),
    Fall(
        "bestaetigen_link",
        lambda w: reverse(
            "marktplatz:bestaetigen_link",
            kwargs={"token": services.bestaetigungs_token(w.offen, "b")},
        ),
        ("GET", "POST"),
        OEFFENTLICH,
        wirkung=lambda w: Vereinbarung.objects.get(pk=w.offen.pk).bestaetigt,
    ),
    Fall(
        "eigene",
        lambda w: reverse("marktplatz:eigene", args=[w.a.slug]),
        ("GET",),
        NUR_A,
    ),
    Fall(
        "eintrag_neu",
        lambda w: reverse("marktplatz:eintrag_neu", args=[w.a.slug]),
        ("GET", "POST"),
        NUR_A,
        daten=lambda w: {
            "typ": "angebot",
            "art": "zeit",
            "titel": "Neu von A",
            "text": "x",
            "akteur": w.b.pk,
        },
        wirkung=lambda w: Eintrag.objects.filter(titel="Neu von A", akteur=w.a).exists(),
    ),
    Fall(
        "eintrag_bearbeiten",
        lambda w: reverse("marktplatz:eintrag_bearbeiten", args=[w.a.slug, w.eintrag_a.pk]),
        ("GET", "POST"),
        NUR_A,
        daten=lambda w: {"typ": "bedarf", "art": "zeit", "titel": "Geändert", "text": "x"},
        wirkung=lambda w: Eintrag.objects.get(pk=w.eintrag_a.pk).titel == "Geändert",
    ),
    Fall(
        "anmelden",
        lambda w: reverse("marktplatz:anmelden", args=[w.markt.pk]),
        ("POST",),
        NUR_A_POST,
        daten=lambda w: {"akteur": w.a.pk},
    ),
    Fall(
        "abmelden",
        lambda w: reverse("marktplatz:abmelden", args=[w.markt.pk, w.a.slug]),
        ("POST",),
        NUR_A_POST,
        wirkung=lambda w: not MarktAnmeldung.objects.filter(akteur=w.a).exists(),
    ),
    Fall(
        "bestaetigen",
        lambda w: reverse("marktplatz:bestaetigen", args=[w.offen.pk, "a"]),
        ("POST",),
        {**NUR_A_POST, "anonym": 302},
    ),
    Fall(
        "seite_bearbeiten",
        lambda w: reverse("marktplatz:seite_bearbeiten", args=[w.fertig.pk, "a"]),
        ("GET", "POST"),
        NUR_A,
        daten=lambda w: {"gibt": "Neu gegeben", "art": "zeit", "kontakt": "Anna"},
        wirkung=lambda w: Vereinbarung.objects.get(pk=w.fertig.pk).gibt_a == "Neu gegeben",
    ),
    Fall(
        "ergebnis",
        lambda w: reverse("marktplatz:ergebnis", args=[w.fertig.pk]),
        ("GET", "POST"),
        NUR_A,
        daten=lambda w: {"status": "umgesetzt", "bericht": "Hat geklappt"},
        wirkung=lambda w: Vereinbarung.objects.get(pk=w.fertig.pk).status == "umgesetzt",
    ),
    Fall(
        "erfassen",
        lambda w: reverse("marktplatz:erfassen", args=[w.markt.pk]),
        ("GET", "POST"),
        {"anonym": 302, "bewohner": 403, "mitglied_a": 200, "mitglied_b": 200, "koordination": 200},
        daten=lambda w: {
            "partner_a": w.a.name,
            "gibt_a": "Ein Raum",
            "art_a": "raeume",
            "kontakt_a": "Anna",
            "partner_b": w.firma.name,
            "gibt_b": "Ein Transport",
            "art_b": "logistik",
            "kontakt_b": "Frank",
            "bis": _bis(),
        },
        wirkung=lambda w: Vereinbarung.objects.filter(gibt_a="Ein Raum").exists(),
    ),
]

# POSTs that succeed redirect; a POST of the member of B to the live form shows the form
# again with the reason (200) and writes nothing.
POST_ERFOLG = {"bestaetigen_link": 200, "erfassen": 302}
ERLAUBT_POST = {
    "eintrag_neu": {"mitglied_a", "koordination"},
    "eintrag_bearbeiten": {"mitglied_a", "koordination"},
    "abmelden": {"mitglied_a", "koordination"},
    "seite_bearbeiten": {"mitglied_a", "koordination"},
    "ergebnis": {"mitglied_a", "koordination"},
    "erfassen": {"mitglied_a", "koordination"},
    "bestaetigen_link": {"anonym", "bewohner", "mitglied_a", "mitglied_b", "koordination"},
}


@pytest.mark.parametrize(
    "fall,methode",
    [pytest.param(f, m, id=f"{f.name}-{m}") for f in FAELLE for m in f.methoden],
)
def test_urls_je_persona(client_fuer, persona, welt, fall, methode, mailoutbox):
    name, user = persona
    client = client_fuer(user)
    url = fall.url(welt)
    antwort = client.get(url) if methode == "GET" else client.post(url, fall.daten(welt))
    erwartet = fall.erwartet[name]
    if methode == "POST" and erwartet == 200 and fall.name not in POST_ERFOLG:
        erwartet = 302
    if methode == "POST" and fall.name == "erfassen" and name in ("mitglied_a", "koordination"):
        erwartet = 302
    assert antwort.status_code == erwartet, antwort.content.decode()[:1500]
    if erwartet == 302 and name == "anonym":
        assert antwort.url.startswith(reverse("account_login") + "?next=")
    if methode == "POST" and fall.wirkung is not None:
        assert fall.wirkung(welt) is (name in ERLAUBT_POST.get(fall.name, set()))
    # Whatever happened, B's objects are untouched.
    assert Eintrag.objects.get(pk=welt.eintrag_b.pk).titel == "Eintrag B"
    assert Vereinbarung.objects.get(pk=welt.deal_b.pk).gibt_a == "B gibt"


def test_jede_url_steht_in_der_matrix():
    namen = {muster.name for muster in marktplatz_urls.urlpatterns}
    abgedeckt = {f.name for f in FAELLE} - {"vereinbarung_unbestaetigt"}
    assert namen == abgedeckt


@pytest.mark.parametrize(
    "url",
    [
        lambda w: reverse("marktplatz:eintrag_bearbeiten", args=[w.a.slug, w.eintrag_b.pk]),
        lambda w: reverse(
            "marktplatz:eintrag", args=[EintragFactory(akteur=w.b, status="pruefung").pk]
        ),
        lambda w: reverse("marktplatz:seite_bearbeiten", args=[w.deal_b.pk, "a"]),
        lambda w: reverse("marktplatz:seite_bearbeiten", args=[w.offen.pk, "b"]),
        lambda w: reverse("marktplatz:ergebnis", args=[w.deal_b.pk]),
        lambda w: reverse("marktplatz:bestaetigen", args=[w.offen.pk, "b"]),
        lambda w: reverse("marktplatz:abmelden", args=[w.markt.pk, w.b.slug]),
    ],
    ids=[
        "eintrag_b",
        "eintrag_in_pruefung",
        "seite_b",
        "andere_seite",
        "ergebnis_b",
        "bestaetigen_fuer_firma",
        "abmelden_b",
    ],
)
def test_a_mit_fremden_objekten_ist_404(client_fuer, mitglied_a, welt, url, mailoutbox):
    antwort = client_fuer(mitglied_a).post(
        url(welt),
        {
            "titel": "Gekapert",
            "text": "x",
            "typ": "angebot",
            "art": "zeit",
            "gibt": "x",
            "kontakt": "x",
            "status": "umgesetzt",
        },
    )
    assert antwort.status_code == 404
    assert Eintrag.objects.get(pk=welt.eintrag_b.pk).titel == "Eintrag B"
    assert Vereinbarung.objects.get(pk=welt.offen.pk).bestaetigt_b_am is None
    assert Vereinbarung.objects.get(pk=welt.deal_b.pk).status == "offen"
    assert not mailoutbox
