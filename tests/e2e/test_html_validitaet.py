"""The public pages of the demo, as a visitor reaches them by following links from the home page.

Every page the server sends here goes to the session's W3C Nu check (tests/e2e/conftest.py)
like the pages of all other browser tests; this walk makes sure that every kind of public page
is among them, not only those a workflow happens to pass.
"""

import io
import re
from html.parser import HTMLParser
from importlib import import_module
from urllib.parse import urljoin, urlsplit

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# One page per shape of address is enough: /termine/monat/2027/1/ shows nothing that
# /termine/monat/2026/12/ does not, and without this the month links would lead on for ever.
NICHT_FOLGEN = re.compile(r"^/(admin|media|static|i18n)/|/(rss|atom)/$|\.[a-z]+$")
HOECHSTENS = 150


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a" and (href := dict(attrs).get("href")):
            self.hrefs.append(href)


def _form(pfad: str) -> str:
    return re.sub(r"\d+", "0", pfad)


def test_oeffentliche_seiten_der_demo(page, nu_sammlung):
    if nu_sammlung is None:
        pytest.skip("No Nu checker (java, node_modules/vnu-jar): nothing to check the pages with.")
    # The Themen come from a data migration, which transactional tests flush.
    import_module("vereine.migrations.0002_themen").themen_anlegen(django_apps, None)
    call_command("demodaten", stdout=io.StringIO())
    warteschlange, formen, besucht = ["/"], {_form("/")}, []
    while warteschlange and len(besucht) < HOECHSTENS:
        pfad = warteschlange.pop(0)
        # Fetched without rendering: the checker reads the server's HTML, and a walk through
        # 80 pages in the browser would cost half a minute.
        antwort = page.request.get(page.base_url + pfad)
        assert antwort.ok, f"{pfad} answers {antwort.status}"
        besucht.append(pfad)
        if not antwort.headers.get("content-type", "").startswith("text/html"):
            continue
        links = _Links()
        links.feed(antwort.text())
        for href in links.hrefs:
            ziel = urlsplit(urljoin(antwort.url, href))
            if ziel.netloc != urlsplit(page.base_url).netloc or NICHT_FOLGEN.search(ziel.path):
                continue
            if _form(ziel.path) not in formen:
                formen.add(_form(ziel.path))
                warteschlange.append(ziel.path)
    # Every part of the demo is reached: actors, dates, holidays, groups, Stammtisch.
    for teil in ("/akteure/", "/termine/", "/ferienkalender/", "/arbeitsgruppen/", "/stammtisch/"):
        assert sum(p.startswith(teil) for p in besucht) >= 3, (teil, besucht)
