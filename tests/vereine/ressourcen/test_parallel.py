"""Concurrency proof of accepting (issue item 3): no unit is ever lent twice on the same day.

An item with 3 units gets 30 requests of 30 actors for overlapping days. The owner's member
has 30 browser sessions open and presses "Annehmen" on all of them at the same moment: real
HTTP POSTs through the real view of a running server, released by a barrier.

* PostgreSQL (pytest-django's ``live_server``, a thread and a connection per request):
  exactly 3 accepted, 3 Belegungen, the other 27 answered with the "not free any more"
  message, no server error, and the exclusion constraint never had to step in (the row lock
  decided). The control run with ``RESSOURCEN_OHNE_SPERRE = True`` switches only the lock
  off (no artificial pause): the database's exclusion constraint then refuses colliding
  Belegungen (logged as a warning), which proves both that the harness produces real races and
  that the constraint holds without the lock.
* SQLite: pytest-django's live server shares one connection between its threads, so this
  variant starts gunicorn (2 processes × 8 threads) on a file database with the production
  settings (WAL, IMMEDIATE transactions): no server errors, exactly 3 accepted.
"""

from __future__ import annotations

import json
import logging
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
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.servers.basehttp import WSGIServer
from django.db import connection
from django.test import Client
from django.utils import timezone

from tests import ansturm
from tests.factories import AkteurFactory, MitgliedschaftFactory, UserFactory
from vereine.ressourcen import services
from vereine.ressourcen.models import Ausleihe, Belegung, Ressource

ANFRAGEN = 30
EINHEITEN = 3
BASIS = Path(__file__).resolve().parents[3]
WSGIServer.request_queue_size = max(WSGIServer.request_queue_size, 4 * ANFRAGEN)

nur_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL (row locks, exclusion constraint); run with DATABASE_URL=postgres://…",
)


def _ansturm(basis_url: str, faelle: list[tuple[str, int]]) -> list[tuple[int, str]]:
    """Prepare every session, then fire all "accept" POSTs at once; (status, body) each."""
    auftraege = []
    for key, pk in faelle:
        pfad = f"/ressourcen/ausleihe/{pk}/"
        cookies, token = ansturm.vorbereiten(basis_url, key, pfad)
        daten = {"csrfmiddlewaretoken": token, "entscheidung": "annehmen", "antwort": "Gern"}
        auftraege.append((pfad, cookies, daten))
    return ansturm.gleichzeitig(basis_url, auftraege)


def _daten_anlegen() -> list[tuple[str, int]]:
    eigentuemer = AkteurFactory(name="Schützenverein")
    mitglied = MitgliedschaftFactory(akteur=eigentuemer, user=UserFactory()).user
    ressource = Ressource.objects.create(
        akteur=eigentuemer, name="Festzelt", menge=EINHEITEN, vorlauf_tage=0
    )
    services.einheiten_abgleichen(ressource=ressource)
    heute = timezone.localdate()
    faelle = []
    for i in range(ANFRAGEN):
        # Overlapping periods (all share day 12), so every pair competes for the same units.
        ausleihe = Ausleihe.objects.create(
            ressource=ressource,
            akteur=AkteurFactory(),
            von=heute + timedelta(days=10 + i % 3),
            bis=heute + timedelta(days=12 + i % 2),
        )
        client = Client()
        client.force_login(mitglied)
        faelle.append((client.cookies[settings.SESSION_COOKIE_NAME].value, ausleihe.pk))
    return faelle


def _keine_ueberschneidung() -> bool:
    belegungen = list(Belegung.objects.values_list("einheit", "von", "bis"))
    return not any(
        a[0] == b[0] and a[1] <= b[2] and b[1] <= a[2]
        for i, a in enumerate(belegungen)
        for b in belegungen[i + 1 :]
    )


NICHT_FREI = "nicht mehr genug frei"


@pytest.mark.postgres
@nur_postgres
@pytest.mark.django_db(transaction=True)
def test_paralleles_zusagen_verleiht_keine_einheit_doppelt(live_server, caplog):
    faelle = _daten_anlegen()
    with caplog.at_level(logging.WARNING, logger="vereine.ressourcen.services"):
        antworten = _ansturm(live_server.url, faelle)
    codes = sorted(code for code, _ in antworten)
    assert codes == [200] * (ANFRAGEN - EINHEITEN) + [302] * EINHEITEN
    assert sum(NICHT_FREI in text for _, text in antworten) == ANFRAGEN - EINHEITEN
    assert Ausleihe.objects.filter(status="angenommen").count() == EINHEITEN
    assert Belegung.objects.count() == EINHEITEN and _keine_ueberschneidung()
    assert "refused" not in caplog.text  # the lock decided, not the constraint


@pytest.mark.postgres
@nur_postgres
@pytest.mark.django_db(transaction=True)
def test_ohne_sperre_muss_die_datenbank_einschreiten(live_server, settings, caplog):
    """Control: without the row lock the same load races; the exclusion constraint holds."""
    settings.RESSOURCEN_OHNE_SPERRE = True
    faelle = _daten_anlegen()
    with caplog.at_level(logging.WARNING, logger="vereine.ressourcen.services"):
        antworten = _ansturm(live_server.url, faelle)
    assert all(code < 500 for code, _ in antworten)
    assert "belegung_ohne_ueberschneidung refused" in caplog.text
    assert Ausleihe.objects.filter(status="angenommen").count() <= EINHEITEN
    assert _keine_ueberschneidung()


# ---------------------------------------------------------------------------------- SQLite


def _freier_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the SQLite variant (PostgreSQL runs the live tests)"
)
def test_paralleles_zusagen_auf_sqlite_ohne_fehler_und_ohne_doppelte_einheit():
    verzeichnis = Path(tempfile.mkdtemp(prefix="ressourcen-sqlite-"))
    datenbank = verzeichnis / "db.sqlite3"
    umgebung = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": f"sqlite:///{datenbank}",
        "VAR_DIR": str(verzeichnis),
    }

    def verwalten(*argumente) -> str:
        return subprocess.run(
            [sys.executable, "manage.py", *argumente],
            cwd=BASIS,
            env=umgebung,
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
        "from tests.vereine.ressourcen.test_parallel import _daten_anlegen\n"
        "print('DATEN=' + json.dumps(_daten_anlegen()))",
    )
    faelle = [tuple(f) for f in json.loads(ausgabe.split("DATEN=", 1)[1])]
    port = _freier_port()
    server = subprocess.Popen(
        [
            sys.executable,
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
        antworten = _ansturm(basis_url, faelle)
    finally:
        server.terminate()
        _, fehlerausgabe = server.communicate(timeout=30)
    codes = sorted(code for code, _ in antworten)
    assert codes == [200] * (ANFRAGEN - EINHEITEN) + [302] * EINHEITEN, fehlerausgabe
    with sqlite3.connect(datenbank) as db:
        angenommen = db.execute(
            "SELECT COUNT(*) FROM vereine_ausleihe WHERE status='angenommen'"
        ).fetchone()[0]
        belegungen = db.execute("SELECT einheit_id, von, bis FROM vereine_belegung").fetchall()
    assert angenommen == EINHEITEN
    assert len(belegungen) == EINHEITEN
    assert len({e for e, _von, _bis in belegungen}) == EINHEITEN
