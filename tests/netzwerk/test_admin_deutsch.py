"""The admin speaks German on every page a coordinator opens.

Django 6.1 and some third-party apps bring strings without German (the "Run" button, "Filter
by …", django-tasks-db's "Task Results", allauth's "MFA"); our catalogue supplies them
(netzwerk/fremde_texte.py, netzwerk's djangojs.po for the admin's scripts) and our models carry
German verbose names. This test opens, on the demo data and as a superuser, the admin index,
every app page and the list, add and change page of every registered model, and fails on a
list of English words in the visible text (text nodes, titles, labels, placeholders, button
values). The words are chosen so that they cannot be German ("Name", "Status", "Team" can).
"""

from __future__ import annotations

import io
import json
import re
from html.parser import HTMLParser

import pytest
import time_machine
from django.contrib import admin
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse

from netzwerk.models import User
from tests import conftest

ENGLISCH = re.compile(
    r"\b(?:"
    r"Add|Change|Delete|Save|Search|Filter by|Pagination|Today|Yesterday|Tomorrow|Run|Go|"
    r"Home|Select|Selected|Show all|History|View site|Log out|Logout|Yes|No|None|Unknown|"
    r"Any date|Past 7 days|This month|This year|Next|Previous|Clear|Remove|Choose|Results?|"
    r"Tasks?|Database|MFA|Authenticators?|Email|Created|Updated|Enqueued|Started|Finished|"
    r"Priority|Worker|Queue|Password|Username|Actions?|Accounts?|Groups?|Users?|"
    r"Permissions?|Content types?|Entries|Successful|Failed|Ready|Running|Verified|Primary|"
    r"Type|Data|Date|Time|Now|Currently|Description|Title|Comment|Address|Phone|Number|"
    r"Order|Active|Inactive|Can|from|to|by|of|the|and|with|for|is|are|at|on|between"
    r")\b"
)
# Texts that are right although they match: units, brand and format names.
ERLAUBT = re.compile(r"\b(?:CSV|PDF|iCal|ICS|TOTP|WebAuthn|URL|HTML|E-Mail|Markdown)\b")
SICHTBARE_ATTRIBUTE = {"title", "aria-label", "placeholder", "alt"}


class SichtbarerText(HTMLParser):
    """The text a coordinator reads: text nodes outside scripts and styles, plus the
    attributes a browser shows or reads aloud, and the labels of buttons."""

    def __init__(self):
        super().__init__()
        self.texte: list[str] = []
        self._versteckt = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style", "template"}:
            self._versteckt += 1
        werte = dict(attrs)
        for name, wert in werte.items():
            if wert and name in SICHTBARE_ATTRIBUTE:
                self.texte.append(wert)
        if tag == "input" and werte.get("type") in {"submit", "button"} and werte.get("value"):
            self.texte.append(werte["value"])

    def handle_endtag(self, tag):
        if tag in {"script", "style", "template"} and self._versteckt:
            self._versteckt -= 1

    def handle_data(self, data):
        if not self._versteckt and data.strip():
            self.texte.append(data.strip())


def englisch_in(html: str) -> set[str]:
    parser = SichtbarerText()
    parser.feed(html)
    funde = set()
    for text in parser.texte:
        for treffer in ENGLISCH.finditer(ERLAUBT.sub("", text)):
            funde.add(f"{treffer.group(0)!r} in {text[:80]!r}")
    return funde


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


def _admin_seiten() -> list[str]:
    urls = [reverse("admin:index")]
    for label in sorted({m._meta.app_label for m in admin.site._registry}):
        urls.append(reverse("admin:app_list", args=[label]))
    for model in sorted(admin.site._registry, key=lambda m: m._meta.label):
        info = model._meta.app_label, model._meta.model_name
        urls.append(reverse("admin:{}_{}_changelist".format(*info)))
        urls.append(reverse("admin:{}_{}_add".format(*info)))
        if obj := model._default_manager.order_by("pk").first():
            urls.append(reverse("admin:{}_{}_change".format(*info), args=[obj.pk]))
    return urls


def test_jede_admin_seite_ist_deutsch(demo, db):
    client = Client()
    client.force_login(User.objects.create_superuser("chefin@example.org", "x"))
    funde, geoeffnet = {}, 0
    for url in _admin_seiten():
        antwort = client.get(url)
        if antwort.status_code != 200:
            assert antwort.status_code in (302, 403), url  # add forbidden, or a single row
            continue
        geoeffnet += 1
        if englisch := englisch_in(antwort.content.decode()):
            funde[url] = sorted(englisch)
    assert geoeffnet > 100
    assert not funde, json.dumps(funde, indent=1, ensure_ascii=False)


def test_kalender_der_datumsfelder_ist_deutsch(client, db):
    """The admin's date picker is drawn by script; its strings come from the JS catalogue."""
    client.force_login(User.objects.create_superuser("kalender@example.org", "x"))
    katalog = client.get(reverse("admin:jsi18n")).content.decode()
    assert "Heute (%(date)s)" in katalog
    assert "%(day)s. %(month)s %(year)s" in katalog


def test_englische_woerter_werden_erkannt():
    assert englisch_in("<h2>Pagination Stammtische</h2>")
    assert englisch_in('<input type="submit" value="Run">')
    assert englisch_in('<a title="Search Stammtische">x</a>')
    assert not englisch_in("<p>Termine in Badeborn, E-Mail an die Koordination</p>")
    assert not englisch_in("<script>var No = 1;</script><p>Nein</p>")
