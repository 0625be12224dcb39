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

import pytest
from django.conf import settings
from django.core.servers.basehttp import WSGIServer
from django.db import connection
from django.test import Client

from termine.models import Helfereinsatz
from tests import ansturm
from tests.factories import UserFactory
from tests.termine.aktionstag.factories import aktionstag, schicht

HELFENDE = 30
PLAETZE = 5

WSGIServer.request_queue_size = max(WSGIServer.request_queue_size, 4 * HELFENDE)

nur_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL (row locks); run with DATABASE_URL=postgres://… as CI does",
)


def _ansturm(basis_url: str, schicht_id: int, sitzungen: list[str]) -> list[int]:
    pfad = f"/aktionstag/schicht/{schicht_id}/"
    auftraege = []
    for sitzung in sitzungen:
        cookies, token = ansturm.vorbereiten(basis_url, sitzung, pfad)
        auftraege.append((pfad, cookies, {"csrfmiddlewaretoken": token}))
    return [status for status, _ in ansturm.gleichzeitig(basis_url, auftraege)]


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
    """Control: the same load without the row lock overbooks, so the harness can see races.

    Without the lock the window is only the moment between counting and saving, and now
    and then the threads pass it one after another: a new shift gets up to three rushes,
    and one overbooking proves that the harness produces parallel sign-ups."""
    settings.AKTIONSTAG_OHNE_SPERRE = True
    belegt = []
    for _versuch in range(3):
        schicht_id, sitzungen = _daten_anlegen()
        antworten = _ansturm(live_server.url, schicht_id, sitzungen)
        assert all(code < 500 for code in antworten)
        belegt.append(Helfereinsatz.objects.bestaetigt().filter(schicht_id=schicht_id).count())
        if belegt[-1] > PLAETZE:
            break
    assert max(belegt) > PLAETZE, belegt
