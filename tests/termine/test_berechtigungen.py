"""Permission matrix of the calendar and its rooms: every route × persona × method.

Personas (tests/conftest.py): anonymous, resident (`bewohner`, the parent of the family in this
world), member of actor A (owner of the dates, offers and the Stammtisch host), member of
actor B, coordinator. The house rule: anonymous → login page where a login helps; an object of
another actor or family → 404; readable but not writable → 403; public pages → 200.

Outcomes: "ok" (200, or a redirect that is not the login), "login", 403, 404, 405.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from arbeitsgruppen.models import Mitglied
from termine.models import Anmeldung, Ferienwoche, GastgeberAnfrage, Protokoll, Termin
from termine.stammtisch.services import Empfaenger, gastgeber_token, rueckmeldung_token
from tests.factories import (
    ArbeitsgruppeFactory,
    FerienangebotFactory,
    FerienzeitraumFactory,
    KindFactory,
    StammtischFactory,
    StammtischreiheFactory,
    StammtischTerminFactory,
    TeilnahmeFactory,
    ferien_durchfuehrung,
)
from tests.termine.factories import OrtsteilFactory, TerminFactory

pytestmark = pytest.mark.django_db

PERSONAS = ["anonym", "bewohner", "mitglied_a", "mitglied_b", "koordination"]


@dataclass
class Welt:
    termin_a: Termin
    gruppentreffen: Termin
    zeitraum: object
    angebot_a: object
    durchfuehrung_a: object
    kind: object
    anmeldung: Anmeldung
    stammtisch: object
    protokoll: Protokoll
    gastgeber_token: str
    antwort_token: str
    feed_token: str


@pytest.fixture
def welt(akteur_a, akteur_b, mitglied_a, mitglied_b, bewohner, koordination) -> Welt:
    jetzt = timezone.now()
    OrtsteilFactory(slug="badeborn", name="Badeborn")
    termin_a = TerminFactory(start=jetzt + timedelta(days=3), titel="Sommerfest A")
    termin_a.veranstalter.add(akteur_a)
    gruppe = ArbeitsgruppeFactory(slug="garten", sichtbarkeit="oeffentlich")
    Mitglied.objects.create(gruppe=gruppe, user=mitglied_a)
    gruppentreffen = TerminFactory(start=jetzt - timedelta(days=2), arbeitsgruppe=gruppe)
    zeitraum = FerienzeitraumFactory()
    angebot_a = FerienangebotFactory(akteur=akteur_a, zeitraum=zeitraum, titel="Kanutour A")
    durchfuehrung_a = ferien_durchfuehrung(angebot_a)
    Ferienwoche.objects.create(
        zeitraum=zeitraum,
        titel="Ferienwoche",
        slug="ferienwoche",
        beginn=zeitraum.beginn,
        ende=zeitraum.beginn + timedelta(days=4),
    )
    kind = KindFactory(eltern=bewohner, vorname="Mia")
    anmeldung = Anmeldung.objects.create(
        kind=kind,
        durchfuehrung=durchfuehrung_a,
        status="bestaetigt",
        alter=8,
        angemeldet_von=bewohner,
    )
    reihe = StammtischreiheFactory(slug="nord", name="Vereinsstammtisch Nord")
    TeilnahmeFactory(reihe=reihe, akteur=akteur_a)
    TeilnahmeFactory(reihe=reihe, akteur=akteur_b)
    stammtisch = StammtischFactory(
        reihe=reihe,
        gastgeber=akteur_a,
        termin=StammtischTerminFactory(),
        gastgeber_status="bestaetigt",
    )
    vorher = StammtischFactory(
        reihe=reihe,
        gastgeber=akteur_b,
        termin=StammtischTerminFactory(start=jetzt - timedelta(days=30)),
        gastgeber_status="bestaetigt",
    )
    protokoll = Protokoll.objects.create(termin=vorher.termin, veroeffentlicht_am=jetzt)
    anfrage = GastgeberAnfrage.objects.create(stammtisch=stammtisch, akteur=akteur_a)
    mitglied_b.feed_token = "feed-token-von-bert"
    mitglied_b.save(update_fields=["feed_token"])
    return Welt(
        termin_a=termin_a,
        gruppentreffen=gruppentreffen,
        zeitraum=zeitraum,
        angebot_a=angebot_a,
        durchfuehrung_a=durchfuehrung_a,
        kind=kind,
        anmeldung=anmeldung,
        stammtisch=stammtisch,
        protokoll=protokoll,
        gastgeber_token=gastgeber_token(anfrage),
        antwort_token=rueckmeldung_token(
            stammtisch, Empfaenger("mitglied-b@example.org", akteur_b.pk)
        ),
        feed_token="feed-token-von-bert",
    )


@dataclass
class Route:
    name: str
    url: Callable[[Welt], str]
    erwartet: dict[str, dict[str, object]]  # method → persona → outcome


def _je(anonym, bewohner, mitglied_a, mitglied_b, koordination) -> dict[str, object]:
    return dict(
        zip(PERSONAS, (anonym, bewohner, mitglied_a, mitglied_b, koordination), strict=True)
    )


OEFFENTLICH = _je("ok", "ok", "ok", "ok", "ok")
ANGEMELDET = _je("login", "ok", "ok", "ok", "ok")
NUR_POST = _je("login", 405, 405, 405, 405)
EIGENES_VON_A = _je("login", 404, "ok", 404, "ok")
IM_NETZWERK = _je("login", 403, "ok", "ok", "ok")
AKTEURSMITGLIEDER = _je("login", 404, "ok", "ok", "ok")
KOORDINATION = _je("login", 403, 403, 403, "ok")
FAMILIE = _je("login", "ok", 404, 404, 404)


def _r(name: str, url: Callable[[Welt], str], **erwartet) -> Route:
    return Route(name, url, erwartet)


def _u(name: str, *args) -> Callable[[Welt], str]:
    """reverse(name) with arguments computed from the world (callables) or given."""
    return lambda w: reverse(name, args=[a(w) if callable(a) else a for a in args])


def _zeitraum(w: Welt) -> str:
    return w.zeitraum.slug


ROUTEN: list[Route] = [
    # --- netzwerk: home, legal pages, Mein Bereich ---
    _r("startseite", _u("startseite"), GET=OEFFENTLICH),
    _r("seite", _u("seite", "impressum"), GET=OEFFENTLICH),
    _r("barriere_melden", _u("barriere_melden"), GET=OEFFENTLICH, POST=OEFFENTLICH),
    _r("mein_bereich", _u("mein_bereich"), GET=ANGEMELDET),
    _r("favicon", _u("favicon"), GET=OEFFENTLICH),
    _r("manifest", _u("manifest"), GET=OEFFENTLICH),
    # --- termine: the calendar core ---
    _r("termine:liste", _u("termine:liste"), GET=OEFFENTLICH),
    _r("termine:monat_aktuell", _u("termine:monat_aktuell"), GET=OEFFENTLICH),
    _r("termine:monat", _u("termine:monat", 2027, 1), GET=OEFFENTLICH),
    _r("termine:tag", _u("termine:tag", 2027, 1, 5), GET=OEFFENTLICH),
    _r("termine:detail", _u("termine:detail", lambda w: w.termin_a.pk), GET=OEFFENTLICH),
    _r("termine:ics", _u("termine:ics", lambda w: w.termin_a.pk), GET=OEFFENTLICH),
    _r("termine:abonnieren", _u("termine:abonnieren"), GET=OEFFENTLICH),
    _r("termine:feed", _u("termine:feed"), GET=OEFFENTLICH),
    _r("termine:rss", _u("termine:rss"), GET=OEFFENTLICH),
    _r("termine:atom", _u("termine:atom"), GET=OEFFENTLICH),
    _r("termine:feed_akteur", _u("termine:feed_akteur", "heimatverein"), GET=OEFFENTLICH),
    _r("termine:feed_gruppe", _u("termine:feed_gruppe", "garten"), GET=OEFFENTLICH),
    _r("termine:feed_kategorie", _u("termine:feed_kategorie", "vereinsleben"), GET=OEFFENTLICH),
    _r("termine:feed_ortsteil", _u("termine:feed_ortsteil", "badeborn"), GET=OEFFENTLICH),
    # The personal feed is reached by its secret link alone.
    _r(
        "termine:feed_persoenlich",
        _u("termine:feed_persoenlich", lambda w: w.feed_token),
        GET=OEFFENTLICH,
    ),
    _r("termine:meine", _u("termine:meine"), GET=ANGEMELDET),
    _r("termine:neu", _u("termine:neu"), GET=ANGEMELDET, POST=ANGEMELDET),
    _r(
        "termine:bearbeiten",
        _u("termine:bearbeiten", lambda w: w.termin_a.pk),
        GET=EIGENES_VON_A,
        POST=EIGENES_VON_A,
    ),
    _r(
        "termine:absagen",
        _u("termine:absagen", lambda w: w.termin_a.pk),
        GET=EIGENES_VON_A,
        POST=EIGENES_VON_A,
    ),
    _r("termine:abgleich", _u("termine:abgleich"), GET=NUR_POST, POST=ANGEMELDET),
    _r("termine:feed_token_erneuern", _u("termine:feed_token_erneuern"), POST=ANGEMELDET),
    _r("termine:terminabgleich", _u("termine:terminabgleich"), GET=KOORDINATION),
    _r(
        "termine:protokoll_bearbeiten",
        _u("termine:protokoll_bearbeiten", lambda w: w.gruppentreffen.pk),
        GET=EIGENES_VON_A,
        POST=EIGENES_VON_A,
    ),
    # --- stammtisch ---
    _r("stammtisch:uebersicht", _u("stammtisch:uebersicht"), GET=OEFFENTLICH),
    _r("stammtisch:reihe", _u("stammtisch:reihe", "nord"), GET=OEFFENTLICH),
    _r("stammtisch:geschichte", _u("stammtisch:geschichte", "nord"), GET=OEFFENTLICH),
    _r("stammtisch:detail", _u("stammtisch:detail", lambda w: w.stammtisch.pk), GET=OEFFENTLICH),
    _r("stammtisch:ics", _u("stammtisch:ics", lambda w: w.stammtisch.pk), GET=OEFFENTLICH),
    _r(
        "stammtisch:tagesordnung",
        _u("stammtisch:tagesordnung", lambda w: w.stammtisch.pk),
        GET=OEFFENTLICH,
    ),
    _r(
        "stammtisch:thema",
        _u("stammtisch:thema", lambda w: w.stammtisch.pk),
        GET=IM_NETZWERK,
        POST=IM_NETZWERK,
    ),
    _r(
        "stammtisch:antworten",
        _u("stammtisch:antworten", lambda w: w.stammtisch.pk),
        POST=ANGEMELDET,
    ),
    _r(
        "stammtisch:protokoll",
        _u("stammtisch:protokoll", lambda w: w.protokoll.pk),
        GET=AKTEURSMITGLIEDER,
    ),
    # Signed links from mails: the link is the permission, whoever opens it.
    _r(
        "stammtisch:antwort",
        _u("stammtisch:antwort", lambda w: w.antwort_token),
        GET=OEFFENTLICH,
        POST=OEFFENTLICH,
    ),
    _r(
        "stammtisch:gastgeber",
        _u("stammtisch:gastgeber", lambda w: w.gastgeber_token),
        GET=OEFFENTLICH,
    ),
    # --- ferien: public pages ---
    _r("ferien:kalender", _u("ferien:kalender"), GET=OEFFENTLICH),
    _r("ferien:liste", _u("ferien:liste", _zeitraum), GET=OEFFENTLICH),
    _r("ferien:tage", _u("ferien:tage", _zeitraum), GET=OEFFENTLICH),
    _r(
        "ferien:angebot",
        _u("ferien:angebot", _zeitraum, lambda w: w.angebot_a.pk),
        GET=OEFFENTLICH,
    ),
    _r(
        "ferien:angebot_ics",
        _u("ferien:angebot_ics", _zeitraum, lambda w: w.angebot_a.pk),
        GET=OEFFENTLICH,
    ),
    _r("ferien:feed", _u("ferien:feed", _zeitraum), GET=OEFFENTLICH),
    _r("ferien:rss", _u("ferien:rss", _zeitraum), GET=OEFFENTLICH),
    _r("ferien:heft", _u("ferien:heft", _zeitraum), GET=OEFFENTLICH),
    _r("ferien:heft_pdf", _u("ferien:heft_pdf", _zeitraum), GET=OEFFENTLICH),
    _r("ferien:woche", _u("ferien:woche", _zeitraum, "ferienwoche"), GET=OEFFENTLICH),
    _r(
        "ferien:woche_druck",
        _u("ferien:woche_druck", _zeitraum, "ferienwoche"),
        GET=OEFFENTLICH,
    ),
    _r("ferien:widget", _u("ferien:widget", _zeitraum), GET=OEFFENTLICH),
    _r("ferien:statistik", _u("ferien:statistik", _zeitraum), GET=KOORDINATION),
    _r("ferien:statistik_csv", _u("ferien:statistik_csv", _zeitraum), GET=KOORDINATION),
    # --- ferien: providers (members of the offering actor) ---
    _r("ferien:anbieter", _u("ferien:anbieter"), GET=ANGEMELDET),
    _r("ferien:angebot_neu", _u("ferien:angebot_neu"), GET=AKTEURSMITGLIEDER),
    _r(
        "ferien:angebot_bearbeiten",
        _u("ferien:angebot_bearbeiten", lambda w: w.angebot_a.pk),
        GET=EIGENES_VON_A,
        POST=EIGENES_VON_A,
    ),
    _r(
        "ferien:angebot_einreichen",
        _u("ferien:angebot_einreichen", lambda w: w.angebot_a.pk),
        GET=NUR_POST,
        POST=EIGENES_VON_A,
    ),
    _r(
        "ferien:angebot_kopieren",
        _u("ferien:angebot_kopieren", lambda w: w.angebot_a.pk),
        GET=EIGENES_VON_A,
    ),
    _r(
        "ferien:durchfuehrung_neu",
        _u("ferien:durchfuehrung_neu", lambda w: w.angebot_a.pk),
        GET=EIGENES_VON_A,
        POST=EIGENES_VON_A,
    ),
    _r(
        "ferien:durchfuehrung_bearbeiten",
        _u("ferien:durchfuehrung_bearbeiten", lambda w: w.durchfuehrung_a.pk),
        GET=EIGENES_VON_A,
        POST=EIGENES_VON_A,
    ),
    _r(
        "ferien:durchfuehrung_absagen",
        _u("ferien:durchfuehrung_absagen", lambda w: w.durchfuehrung_a.pk),
        GET=EIGENES_VON_A,
        POST=EIGENES_VON_A,
    ),
    _r(
        "ferien:teilnehmende",
        _u("ferien:teilnehmende", lambda w: w.durchfuehrung_a.pk),
        GET=EIGENES_VON_A,
    ),
    _r(
        "ferien:teilnehmende_csv",
        _u("ferien:teilnehmende_csv", lambda w: w.durchfuehrung_a.pk),
        GET=EIGENES_VON_A,
    ),
    _r(
        "ferien:anwesenheit",
        _u("ferien:anwesenheit", lambda w: w.durchfuehrung_a.pk),
        GET=NUR_POST,
        POST=EIGENES_VON_A,
    ),
    # --- ferien: families (the resident is the parent here) ---
    _r(
        "ferien:anmelden",
        _u("ferien:anmelden", lambda w: w.durchfuehrung_a.pk),
        GET=ANGEMELDET,
        POST=ANGEMELDET,
    ),
    _r("ferien:familie", _u("ferien:familie"), GET=ANGEMELDET),
    _r("ferien:daten_export", _u("ferien:daten_export"), GET=ANGEMELDET),
    _r("ferien:kind_neu", _u("ferien:kind_neu"), GET=ANGEMELDET, POST=ANGEMELDET),
    _r(
        "ferien:kind_bearbeiten",
        _u("ferien:kind_bearbeiten", lambda w: w.kind.pk),
        GET=FAMILIE,
        POST=FAMILIE,
    ),
    _r(
        "ferien:kind_loeschen",
        _u("ferien:kind_loeschen", lambda w: w.kind.pk),
        GET=FAMILIE,
        POST=FAMILIE,
    ),
    _r(
        "ferien:stornieren",
        _u("ferien:stornieren", lambda w: w.anmeldung.pk),
        GET=FAMILIE,
        POST=FAMILIE,
    ),
    # --- wish phase (this period registers directly: the child's wish page does not exist) ---
    _r("wuensche:uebersicht", _u("wuensche:uebersicht"), GET=ANGEMELDET),
    _r(
        "wuensche:kind",
        _u("wuensche:kind", _zeitraum, lambda w: w.kind.pk),
        GET=_je("login", 404, 404, 404, 404),
    ),
]


def _ergebnis(antwort) -> object:
    if antwort.status_code in (301, 302, 303):
        if antwort.url.startswith(reverse("account_login")):
            return "login"
        if antwort.url.startswith(reverse("admin:login")):
            return "admin-login"
        return "ok"
    if antwort.status_code == 200:
        return "ok"
    return antwort.status_code


def _faelle():
    for route in ROUTEN:
        for methode, je_persona in route.erwartet.items():
            for persona, ergebnis in je_persona.items():
                yield pytest.param(
                    route, methode, persona, ergebnis, id=f"{route.name}-{methode}-{persona}"
                )


@pytest.mark.parametrize("route,methode,persona,erwartet", list(_faelle()))
def test_route_je_persona(request, client_fuer, welt, route, methode, persona, erwartet):
    user = None if persona == "anonym" else request.getfixturevalue(persona)
    client = client_fuer(user)
    url = route.url(welt)
    antwort = client.get(url) if methode == "GET" else client.post(url, {})
    ergebnis = _ergebnis(antwort)
    if methode == "POST" and erwartet == "ok" and ergebnis == 400:
        ergebnis = "ok"  # let in, and told that the empty form is incomplete
    assert ergebnis == erwartet


@pytest.mark.parametrize(
    "name,status",
    [("stammtisch:antwort", 400), ("stammtisch:gastgeber", 400), ("termine:feed_persoenlich", 404)],
)
def test_gefaelschte_links_helfen_nicht(client, welt, name, status):
    """A forged mail link shows a page that says the link is invalid; a forged feed is 404."""
    assert client.get(reverse(name, args=["gefaelscht:abc"])).status_code == status


def test_familie_b_sieht_keine_kinder_von_a(client_fuer, welt, mitglied_b):
    """A family's page shows its own children only (the matrix checks the URLs)."""
    seite = client_fuer(mitglied_b).get(reverse("ferien:familie")).content.decode()
    assert "Mia" not in seite
