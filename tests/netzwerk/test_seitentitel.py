"""Every page of the public and the member walk has its own, fitting <h1> and <title>.

The pages are listed explicitly (the walk of a resident and a parent, then of a member of two
actors) with a word the heading must contain. Titles and headings must differ between the
pages of a walk: two pages called "Nächste Termine" tell a screen-reader user (and a browser
tab) nothing. The catalogues are checked as well: one German text shared by several different
English strings is how "Neuer Termin" once read "Nächste Termine".
"""

from __future__ import annotations

import html as html_lib
import io
import re
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse

from arbeitsgruppen.models import Arbeitsgruppe
from netzwerk.models import User
from termine.models import Ferienangebot, Ferienzeitraum, Termin
from tests import conftest
from vereine.models import Akteur

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def demo(request, django_db_setup, django_db_blocker):
    """The demo data once for the module (under the test clock), rolled back at its end."""
    with (
        time_machine.travel(conftest.testuhr(request.config), tick=True),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        call_command("demodaten", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


def _akteur() -> str:
    return reverse("vereine:detail", args=[Akteur.objects.order_by("name").first().slug])


def _termin() -> str:
    return reverse("termine:detail", args=[Termin.objects.oeffentlich().order_by("pk").first().pk])


def _zeitraum() -> str:
    zeitraum = Ferienzeitraum.objects.oeffentlich().order_by("-beginn").first()
    return reverse("ferien:liste", args=[zeitraum.slug])


def _angebot() -> str:
    angebot = Ferienangebot.objects.oeffentlich().order_by("pk").first()
    return reverse("ferien:angebot", args=[angebot.zeitraum.slug, angebot.pk])


def _gruppe() -> str:
    return reverse(
        "arbeitsgruppen:detail", args=[Arbeitsgruppe.objects.oeffentlich().order_by("pk")[0].slug]
    )


def _u(name: str, *args) -> Callable[[], str]:
    return lambda: reverse(name, args=args)


# (url, a word the <h1> contains); None: the page's own object name, checked to be non-empty
OEFFENTLICH = [
    (_u("startseite"), None),
    (_u("vereine:liste"), "Akteure"),
    (_akteur, None),
    (_u("termine:liste"), "Termine"),
    (_u("termine:monat_aktuell"), None),
    (_u("termine:abonnieren"), "abonnieren"),
    (_termin, None),
    (_u("ferien:kalender"), None),
    (_zeitraum, None),
    (_angebot, None),
    (_u("arbeitsgruppen:liste"), "Arbeitsgruppen"),
    (_gruppe, None),
    (_u("vereine:gesuche"), None),
    (_u("marktplatz:start"), None),
    (_u("stammtisch:uebersicht"), "Stammtisch"),
    (_u("seite", "impressum"), "Impressum"),
    (_u("barriere_melden"), "Barriere"),
]
ELTERN = [
    (_u("mein_bereich"), None),
    (_u("ferien:familie"), None),
]
MITGLIED = [
    (_u("mein_bereich"), None),
    (_u("termine:neu"), "Neuer Termin"),
    (_u("termine:meine"), "Termine"),
    (_u("ferien:anbieter"), None),
    (_u("arbeitsgruppen:meine_aufgaben"), "Aufgaben"),
    (_u("ressourcen:meine"), None),
    (_u("vereine:vorschlagen"), None),
]


def _text(fragment: str) -> str:
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def _titel_und_h1(html: str) -> tuple[str, str]:
    titel = _text(re.search(r"<title>(.*?)</title>", html, re.S).group(1))
    ueberschriften = re.findall(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert len(ueberschriften) == 1, ueberschriften
    return titel, _text(ueberschriften[0])


def _rundgang(client: Client, seiten) -> dict[str, tuple[str, str]]:
    gesehen = {}
    for url_von, wort in seiten:
        url = url_von()
        antwort = client.get(url)
        assert antwort.status_code == 200, url
        titel, h1 = _titel_und_h1(antwort.content.decode())
        assert h1, url
        if wort:
            assert wort.lower() in h1.lower(), (url, h1)
        # the title names the page first, then the network
        assert titel.split(" · ")[0].strip(), (url, titel)
        gesehen[url] = (titel, h1)
    for stelle in (0, 1):
        doppelt = defaultdict(list)
        for url, paar in gesehen.items():
            doppelt[paar[stelle]].append(url)
        assert {t: u for t, u in doppelt.items() if len(u) > 1} == {}
    return gesehen


@pytest.mark.parametrize(
    "persona,seiten",
    [
        (None, OEFFENTLICH),
        ("eltern@example.org", OEFFENTLICH + ELTERN),
        ("mitglied@example.org", OEFFENTLICH + MITGLIED),
    ],
)
def test_jede_seite_hat_eigene_ueberschrift_und_titel(demo, db, persona, seiten):
    client = Client()
    if persona:
        client.force_login(User.objects.get(email=persona))
    _rundgang(client, seiten)


def _grob(englisch: str) -> str:
    """'Log out', 'Logout' and 'Sign out' are one thing; so are 'Member' and 'members'."""
    return re.sub(r"[^a-z]", "", englisch.lower()).replace("sign", "log").removesuffix("s")


def test_kein_deutscher_text_fuer_viele_verschiedene_quellen():
    """Catalogue entries whose German is shared by more than two English strings that differ
    beyond case and number are almost always a slip (an old fuzzy match taken over)."""
    verdaechtig = {}
    for pfad in sorted(ROOT.glob("*/**/locale/de/LC_MESSAGES/django.po")):
        if ".venv" in pfad.parts or "node_modules" in pfad.parts:
            continue
        quellen = defaultdict(set)
        for eintrag in polib.pofile(str(pfad)):
            if eintrag.msgstr:
                quellen[eintrag.msgstr].add(_grob(eintrag.msgid))
        for deutsch, englisch in quellen.items():
            if len(englisch) > 2:
                verdaechtig[f"{pfad.relative_to(ROOT)}: {deutsch}"] = sorted(englisch)
    assert verdaechtig == {}
