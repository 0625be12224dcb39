"""Concurrency proof of the helper sign-up: a full shift refuses more helpers even when many
press "Eintragen" at the same moment (the same harness as the Ferienkalender's,
tests/termine/ferien/test_parallel.py).

30 residents, each logged in with a session of their own, send real HTTP POSTs through the
real sign-up view of a running server at once (a barrier releases all threads together) for
a shift with 5 places. On PostgreSQL (pytest-django's ``live_server``, one connection per
request thread): exactly 5 confirmed sign-ups. The control run with
``AKTIONSTAG_OHNE_SPERRE = True`` switches only the row lock off and must overbook, which
proves that the harness really produces parallel sign-ups. SQLite's in-memory test database
cannot run writers in parallel, so these tests are skipped there.
"""

from __future__ import annotations

import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.core.servers.basehttp import WSGIServer
from django.db import connection
from django.test import Client

from termine.models import Helfereinsatz
from tests.factories import UserFactory
from tests.termine.aktionstag.factories import aktionstag, schicht

HELFENDE = 30
PLAETZE = 5

WSGIServer.request_queue_size = max(WSGIServer.request_queue_size, 4 * HELFENDE)

nur_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL (row locks); run with DATABASE_URL=postgres://… as CI does",
)


class _KeineWeiterleitung(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OEFFNER = urllib.request.build_opener(_KeineWeiterleitung)


def _vorbereiten(basis_url: str, session_key: str, pfad: str) -> tuple[str, str]:
    """A browser of its own: session cookie, CSRF cookie and token from the rendered form."""
    sitzung = f"{settings.SESSION_COOKIE_NAME}={session_key}"
    antwort = OEFFNER.open(
        urllib.request.Request(basis_url + pfad, headers={"Cookie": sitzung}), timeout=30
    )
    seite = antwort.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', seite).group(1)
    csrf = next(
        c.split(";", 1)[0]
        for c in antwort.headers.get_all("Set-Cookie")
        if c.startswith(settings.CSRF_COOKIE_NAME + "=")
    )
    return f"{sitzung}; {csrf}", token


def _ansturm(basis_url: str, schicht_id: int, sitzungen: list[str]) -> list[int]:
    pfad = f"/aktionstag/schicht/{schicht_id}/"
    vorbereitet = [_vorbereiten(basis_url, s, pfad) for s in sitzungen]
    schranke = threading.Barrier(len(vorbereitet))

    def absenden(eintrag) -> int:
        cookies, token = eintrag
        daten = urllib.parse.urlencode({"csrfmiddlewaretoken": token}).encode()
        anfrage = urllib.request.Request(
            basis_url + pfad, data=daten, headers={"Cookie": cookies, "Referer": basis_url + pfad}
        )
        schranke.wait()
        try:
            return OEFFNER.open(anfrage, timeout=60).status
        except urllib.error.HTTPError as fehler:
            return fehler.code

    with ThreadPoolExecutor(max_workers=len(vorbereitet)) as pool:
        return list(pool.map(absenden, vorbereitet))


def _daten_anlegen() -> tuple[int, list[str]]:
    schicht_ = schicht(aktionstag(), titel="Kuchenstand", min_helfer=1, max_helfer=PLAETZE)
    sitzungen = []
    for _ in range(HELFENDE):
        client = Client()
        client.force_login(UserFactory())
        sitzungen.append(client.cookies[settings.SESSION_COOKIE_NAME].value)
    return schicht_.pk, sitzungen


@pytest.mark.postgres
@nur_postgres
@pytest.mark.django_db(transaction=True)
def test_parallele_eintragungen_ueberbuchen_nicht(live_server):
    schicht_id, sitzungen = _daten_anlegen()
    antworten = _ansturm(live_server.url, schicht_id, sitzungen)
    # Signed up: sent on to the programme; refused: the form again with the message.
    assert sorted(antworten) == [200] * (HELFENDE - PLAETZE) + [302] * PLAETZE
    assert Helfereinsatz.objects.bestaetigt().filter(schicht_id=schicht_id).count() == PLAETZE


@pytest.mark.postgres
@nur_postgres
@pytest.mark.django_db(transaction=True)
def test_ohne_sperre_sieht_der_test_die_ueberbuchung(live_server, settings):
    """Control: the same load without the row lock overbooks, so the harness can see races."""
    settings.AKTIONSTAG_OHNE_SPERRE = True
    schicht_id, sitzungen = _daten_anlegen()
    antworten = _ansturm(live_server.url, schicht_id, sitzungen)
    assert all(code < 500 for code in antworten)
    assert Helfereinsatz.objects.bestaetigt().filter(schicht_id=schicht_id).count() > PLAETZE
