"""Concurrency proof of the Sofortanmeldung (issue item 12).

50 families, each logged in with its own session, press "Anmelden" at the same moment for an
occasion with 10 places. Real HTTP POSTs go through the real registration view of a running
server; a barrier releases all threads at once.

* PostgreSQL (pytest-django's ``live_server``, threads per request, one database connection
  each): exactly 10 confirmed, 40 on the waiting list with positions 1..40, no error
  responses. The control run with ``FERIEN_ANMELDUNG_OHNE_SPERRE = True`` switches the row
  lock off (nothing else: no pause in the registration path) and must show overbooking,
  which proves that the harness really produces parallel registrations.
* SQLite: the test database is in memory and pytest-django's live server then shares ONE
  connection between its threads, so it cannot run writers in parallel. This variant starts
  gunicorn (2 processes × 8 threads) on a file database with the production settings (WAL,
  IMMEDIATE transactions, 20 s busy timeout) instead: no server errors, no overbooking.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.core.servers.basehttp import WSGIServer
from django.db import connection
from django.test import Client

from termine.models import Anmeldung
from tests import ansturm
from tests.factories import (
    FerienangebotFactory,
    FerienzeitraumFactory,
    KindFactory,
    UserFactory,
    ferien_durchfuehrung,
)

FAMILIEN = 50
PLAETZE = 10
BASIS = Path(__file__).resolve().parents[3]

# The live server listens with a backlog of 10 connections; 50 at once overflow it and the
# kernel resets some. A real server sits behind a proxy with a large backlog, so give the
# test server one too. Set at import (collection time), before the session's live server
# starts listening; it changes nothing else.
WSGIServer.request_queue_size = max(WSGIServer.request_queue_size, 4 * FAMILIEN)

nur_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL (row locks); run with DATABASE_URL=postgres://… as CI does",
)


def _ansturm(basis_url: str, durchfuehrung_id: int, familien: list[tuple[str, int]]) -> list[int]:
    """Prepare every family, then fire all POSTs at once; returns the HTTP status codes."""
    pfad = f"/ferienkalender/anmelden/{durchfuehrung_id}/"
    auftraege = []
    for session_key, kind_id in familien:
        cookies, token = ansturm.vorbereiten(basis_url, session_key, pfad)
        daten = {"csrfmiddlewaretoken": token, "kind": kind_id, "notfall_telefon": "0170 1"}
        auftraege.append((pfad, cookies, daten))
    return [status for status, _ in ansturm.gleichzeitig(basis_url, auftraege)]


def _daten_anlegen() -> tuple[int, list[tuple[str, int]]]:
    angebot = FerienangebotFactory(zeitraum=FerienzeitraumFactory(), titel="Kletterwald")
    durchfuehrung = ferien_durchfuehrung(angebot, plaetze=PLAETZE)
    familien = []
    for _ in range(FAMILIEN):
        kind = KindFactory(eltern=UserFactory())
        client = Client()
        client.force_login(kind.eltern)
        familien.append((client.cookies[settings.SESSION_COOKIE_NAME].value, kind.pk))
    return durchfuehrung.pk, familien


def _ergebnis(durchfuehrung_id: int) -> tuple[int, list[int]]:
    anmeldungen = Anmeldung.objects.filter(durchfuehrung_id=durchfuehrung_id)
    bestaetigt = anmeldungen.filter(status="bestaetigt").count()
    positionen = sorted(
        anmeldungen.filter(status="warteliste").values_list("warteliste_position", flat=True)
    )
    return bestaetigt, positionen


@pytest.mark.postgres
@nur_postgres
@pytest.mark.django_db(transaction=True)
def test_parallele_anmeldungen_ueberbuchen_nicht(live_server):
    durchfuehrung_id, familien = _daten_anlegen()
    antworten = _ansturm(live_server.url, durchfuehrung_id, familien)
    assert antworten == [302] * FAMILIEN  # every family was sent on to its overview
    bestaetigt, positionen = _ergebnis(durchfuehrung_id)
    assert bestaetigt == PLAETZE
    assert positionen == list(range(1, FAMILIEN - PLAETZE + 1))


@pytest.mark.postgres
@nur_postgres
@pytest.mark.django_db(transaction=True)
def test_ohne_sperre_sieht_der_test_die_ueberbuchung(live_server, settings):
    """Control: the same load without the row lock overbooks, so the harness can see races."""
    settings.FERIEN_ANMELDUNG_OHNE_SPERRE = True
    durchfuehrung_id, familien = _daten_anlegen()
    antworten = _ansturm(live_server.url, durchfuehrung_id, familien)
    assert all(code < 500 for code in antworten)
    bestaetigt, _positionen = _ergebnis(durchfuehrung_id)
    assert bestaetigt > PLAETZE


# ---------------------------------------------------------------------------------- SQLite


def _freier_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the SQLite variant (PostgreSQL runs the live tests)"
)
def test_parallele_anmeldungen_auf_sqlite_ohne_fehler_und_ohne_ueberbuchung():
    verzeichnis = Path(tempfile.mkdtemp(prefix="ferien-sqlite-"))
    datenbank = verzeichnis / "db.sqlite3"
    umgebung = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": f"sqlite:///{datenbank}",
        "VAR_DIR": str(verzeichnis),
    }
    python = sys.executable

    def verwalten(*argumente, eingabe: str | None = None) -> str:
        return subprocess.run(
            [python, "manage.py", *argumente],
            cwd=BASIS,
            env=umgebung,
            input=eingabe,
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
        ).stdout

    verwalten("migrate", "--noinput", "-v", "0")
    ausgabe = verwalten(
        "shell",
        "-c",
        "import json\n"
        "from tests.termine.ferien.test_parallel import _daten_anlegen\n"
        "print('DATEN=' + json.dumps(_daten_anlegen()))",
    )
    durchfuehrung_id, familien = json.loads(ausgabe.split("DATEN=", 1)[1])
    port = _freier_port()
    server = subprocess.Popen(
        [
            python,
            "-m",
            "gunicorn",
            "netzwerk.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "8",
            "--worker-class",
            "gthread",
            "--log-level",
            "warning",
        ],
        cwd=BASIS,
        env=umgebung,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    basis_url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(basis_url + "/", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        antworten = _ansturm(basis_url, durchfuehrung_id, [tuple(f) for f in familien])
    finally:
        server.terminate()
        _, fehlerausgabe = server.communicate(timeout=30)
    assert antworten == [302] * FAMILIEN, fehlerausgabe
    with sqlite3.connect(datenbank) as db:
        zeilen = db.execute(
            "SELECT status, warteliste_position FROM termine_anmeldung WHERE durchfuehrung_id=?",
            (durchfuehrung_id,),
        ).fetchall()
    assert sum(1 for status, _ in zeilen if status == "bestaetigt") == PLAETZE
    assert sorted(p for status, p in zeilen if status == "warteliste") == list(
        range(1, FAMILIEN - PLAETZE + 1)
    )
