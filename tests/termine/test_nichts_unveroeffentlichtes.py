"""Nothing unpublished reaches the public: a world with a draft and a submitted holiday offer,
an offer of a period not yet released, an internal group's meeting and a cancelled date, then
every public page an anonymous visitor can reach by following links (home, lists, details,
calendars, feeds), the direct addresses of the hidden things, and the Stammtisch mails.

Decision (issue 11): a cancelled date is not hidden – people must learn that it is off, and
subscribed calendars need STATUS:CANCELLED to drop it – but wherever it appears it says so,
and it never appears where dates are planned (the Stammtisch agenda and its mails).
"""

from __future__ import annotations

import re
from collections import deque
from datetime import datetime, time, timedelta
from urllib.parse import urljoin, urlsplit

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from termine.models import StammtischEinladung, Termin
from termine.stammtisch import services as dienste
from tests.arbeitsgruppen.factories import MitgliedFactory
from tests.factories import (
    ArbeitsgruppeFactory,
    FerienangebotFactory,
    FerienzeitraumFactory,
    StammtischFactory,
    StammtischreiheFactory,
    StammtischTerminFactory,
    TeilnahmeFactory,
    UserFactory,
    ferien_durchfuehrung,
)
from tests.termine.factories import BERLIN, TerminFactory

pytestmark = pytest.mark.django_db

GEHEIM = [
    "Entwurf Trommelkurs",
    "Eingereicht Zauberschule",
    "Vorab Kanutour",
    "Haushaltsklausur Intern",
    "Vorstand Verborgen",
]
ABGESAGT = "Konzert im Kurpark"
SICHTBAR = ["Zirkuswoche Offen", "Stadtfest Ballenstedt"]

START = ["/", "/termine/", "/termine/monat/", "/stammtisch/", "/ferienkalender/", "/akteure/"]
START += ["/arbeitsgruppen/", "/termine/ical/termine.ics", "/termine/rss/", "/termine/atom/"]
NICHT_FOLGEN = ("/admin/", "/konto/", "/i18n/", "/static/", "/media/", "/mein-bereich/")
HOECHSTENS = 400


@pytest.fixture
def welt(akteur_a, akteur_b, mitglied_a):
    """All hidden things share a day with public ones, inside the next Stammtisch's
    Terminabgleich, so that any leak through a clash shows up too."""
    zeitraum = FerienzeitraumFactory(name="Sommerferien", slug="sommerferien")
    tag = zeitraum.beginn
    offen = FerienangebotFactory(akteur=akteur_a, zeitraum=zeitraum, titel="Zirkuswoche Offen")
    ferien_durchfuehrung(offen)
    for titel, status in [
        ("Entwurf Trommelkurs", "entwurf"),
        ("Eingereicht Zauberschule", "eingereicht"),
    ]:
        ferien_durchfuehrung(
            FerienangebotFactory(akteur=akteur_b, zeitraum=zeitraum, titel=titel, status=status)
        )
    # Published offer, but its period is released only next week: even a Termin marked
    # public must stay hidden until then.
    spaeter = FerienzeitraumFactory(
        name="Herbstferien",
        slug="herbstferien",
        beginn=tag,
        veroeffentlichung=timezone.now() + timedelta(days=7),
    )
    ferien_durchfuehrung(
        FerienangebotFactory(akteur=akteur_b, zeitraum=spaeter, titel="Vorab Kanutour")
    )
    Termin.objects.filter(titel="Vorab Kanutour").update(sichtbarkeit="oeffentlich")

    gruppe = ArbeitsgruppeFactory(name="Vorstand Verborgen", slug="vorstand", sichtbarkeit="intern")
    MitgliedFactory(gruppe=gruppe, user=UserFactory())
    beginn = datetime.combine(tag, time(10), tzinfo=BERLIN)
    TerminFactory(
        titel="Haushaltsklausur Intern",
        sichtbarkeit="gruppe",
        arbeitsgruppe=gruppe,
        start=beginn,
        ende=beginn + timedelta(hours=3),
    )
    TerminFactory(
        titel="Stadtfest Ballenstedt",
        grossveranstaltung=True,
        start=beginn,
        ende=beginn + timedelta(hours=8),
        veranstalter=[akteur_a],
    )
    TerminFactory(
        titel=ABGESAGT,
        status="abgesagt",
        absage_grund="Die Band ist krank.",
        start=beginn,
        ende=beginn + timedelta(hours=2),
    )

    reihe = StammtischreiheFactory(name="Vereinsstammtisch Süd", slug="sued", oeffentlich=True)
    TeilnahmeFactory(reihe=reihe, akteur=akteur_a)
    TeilnahmeFactory(reihe=reihe, akteur=akteur_b)
    treffen_start = timezone.now() + timedelta(days=14)
    return StammtischFactory(
        reihe=reihe,
        gastgeber=akteur_a,
        gastgeber_status="zugesagt",
        termin=StammtischTerminFactory(
            titel="Vereinsstammtisch Süd",
            start=treffen_start,
            ende=treffen_start + timedelta(hours=2),
            status="bestaetigt",
        ),
    )


def _links(inhalt: str, von: str) -> list[str]:
    ziele = []
    for href in re.findall(r'href="([^"#]+)', inhalt):
        ziel = urljoin(von, href.replace("&amp;", "&"))
        teile = urlsplit(ziel)
        if teile.netloc and teile.netloc != "testserver":
            continue
        pfad = teile.path + (f"?{teile.query}" if teile.query else "")
        if pfad.startswith("/") and not pfad.startswith(NICHT_FOLGEN):
            ziele.append(pfad)
    return ziele


def _crawlen(client: Client, start: list[str]) -> dict[str, str]:
    """Breadth first over every link an anonymous visitor can follow."""
    gesehen: dict[str, str] = {}
    offen = deque(start)
    while offen and len(gesehen) < HOECHSTENS:
        url = offen.popleft()
        if url in gesehen:
            continue
        antwort = client.get(url)
        if antwort.status_code != 200 or antwort.get("Content-Type", "").startswith("image/"):
            gesehen[url] = ""
            continue
        inhalt = antwort.content.decode("utf-8", errors="replace")
        gesehen[url] = inhalt
        if "html" in antwort["Content-Type"]:
            offen.extend(z for z in _links(inhalt, url) if z not in gesehen)
    return gesehen


def _ics_abgesagt_markiert(inhalt: str) -> bool:
    """Every VEVENT of the cancelled date says STATUS:CANCELLED."""
    ereignisse = inhalt.replace("\r\n ", "").split("BEGIN:VEVENT")[1:]
    betroffen = [e for e in ereignisse if ABGESAGT in e]
    return all("STATUS:CANCELLED" in e for e in betroffen)


def test_oeffentliche_seiten_und_feeds_zeigen_nichts_unveroeffentlichtes(welt):
    client = Client()
    start = START + [
        reverse("stammtisch:detail", args=[welt.pk]),
        reverse("stammtisch:tagesordnung", args=[welt.pk]),
        reverse("stammtisch:ics", args=[welt.pk]),
    ]
    seiten = _crawlen(client, start)
    gelesen = {url: inhalt for url, inhalt in seiten.items() if inhalt}
    assert len(gelesen) > 40, sorted(seiten)  # the crawl really went round
    alles = "\n".join(gelesen.values())
    for titel in SICHTBAR:
        assert titel in alles, titel  # the world is visible where it should be
    for url, inhalt in gelesen.items():
        for titel in GEHEIM:
            assert titel not in inhalt, (titel, url)
        if ABGESAGT in inhalt:
            if "BEGIN:VCALENDAR" in inhalt:
                assert _ics_abgesagt_markiert(inhalt), url
            else:
                assert re.search("abgesagt|Abgesagt|Cancelled|cancelled", inhalt), url
    agenda = gelesen[reverse("stammtisch:tagesordnung", args=[welt.pk])]
    assert "Stadtfest Ballenstedt" in agenda
    assert ABGESAGT not in agenda


def test_direkte_adressen_der_verborgenen_dinge_sind_404(client, welt):
    for termin in Termin.objects.filter(titel__in=GEHEIM):
        for url in [reverse("termine:detail", args=[termin.pk]), f"/termine/{termin.pk}.ics"]:
            assert client.get(url).status_code == 404, url
    for angebot_termin in Termin.objects.filter(durchfuehrung__isnull=False, titel__in=GEHEIM):
        angebot = angebot_termin.durchfuehrung.angebot
        url = reverse("ferien:angebot", args=[angebot.zeitraum.slug, angebot.pk])
        assert client.get(url).status_code == 404, url


def test_netzwerk_sieht_fremde_unveroeffentlichte_angebote_nicht(client_fuer, welt, mitglied_a):
    """Unpublished offers are the offering actor's business: not the rest of the network's."""
    client = client_fuer(mitglied_a)
    for url in [
        reverse("stammtisch:tagesordnung", args=[welt.pk]),
        "/termine/",
        reverse("termine:feed"),
    ]:
        inhalt = client.get(url).content.decode()
        for titel in ["Entwurf Trommelkurs", "Eingereicht Zauberschule", "Vorab Kanutour"]:
            assert titel not in inhalt, (titel, url)


def test_anbieter_sieht_die_eigenen_unveroeffentlichten_termine(client_fuer, welt, akteur_b):
    from tests.factories import MitgliedschaftFactory

    anbieterin = MitgliedschaftFactory(akteur=akteur_b).user
    termin = Termin.objects.get(titel="Eingereicht Zauberschule")
    assert client_fuer(anbieterin).get(termin.get_absolute_url()).status_code == 200


def test_stammtisch_mails_zeigen_nichts_unveroeffentlichtes(welt, mitglied_a):
    # Whom the invitation is for is recorded when the coordinators invite.
    for person in dienste.einladungsliste(welt.reihe):
        StammtischEinladung.objects.create(
            stammtisch=welt, email=person.email, akteur_id=person.akteur_id
        )
    dienste.einladungen_versenden.call(stammtisch_id=welt.pk)
    dienste.erinnerung_versenden.call(stammtisch_id=welt.pk)
    assert mail.outbox
    for nachricht in mail.outbox:
        texte = [nachricht.subject, nachricht.body]
        texte += [inhalt for inhalt, _typ in getattr(nachricht, "alternatives", [])]
        texte += [
            a[1].decode() if isinstance(a[1], bytes) else str(a[1]) for a in nachricht.attachments
        ]
        for text in texte:
            for titel in [*GEHEIM, ABGESAGT]:
                assert titel not in text, (titel, nachricht.subject)
    assert any("Stadtfest Ballenstedt" in n.body for n in mail.outbox)
