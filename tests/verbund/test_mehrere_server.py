"""The portal on several app servers: two gunicorn instances on one PostgreSQL behind nginx
(the upstream of ``deploy/nginx-mehrere-server.conf``), with two task workers.

Everything runs as in production: own processes, own database (``<name>_verbund``, created
and dropped here), the database cache, DEBUG off, collected static files. The data is made
by ``manage.py shell`` on the servers' (real) clock, relative to it (tests/verbund/daten.py).

Runs with PostgreSQL (CI's second run); skips on SQLite. Needs nginx (Debian nginx-light):
skipped locally without it, a failure under CI=true. The module's tests share the servers
and run in file order; the last one kills an instance.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.cookiejar import CookieJar

import pytest
from django.db import connection

from netzwerk.zwischenspeicher import FEED_MAX_ALTER
from tests.verbund.verbund import (
    BASIS,
    NGINX,
    Verbund,
    abrufen,
    angemeldet,
    anmelden,
    login,
    oeffner,
)

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]


@pytest.fixture(scope="module")
def verbund():
    if NGINX is None:
        grund = "nginx is not installed (apt-get install nginx-light)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {grund}.")
        pytest.skip(grund)
    verbund = Verbund()
    try:
        verbund.starten()
        yield verbund
    finally:
        verbund.stoppen()


# ------------------------------------------------------------------------------ the tests


def test_anmeldeansturm_ueber_beide_instanzen_ueberbucht_nicht(verbund):
    daten = verbund.daten("daten.familien(50, 10, 'Kletterwald')")
    durchfuehrung = daten["durchfuehrung"]
    pfad = f"/ferienkalender/anmelden/{durchfuehrung}/"
    schranke = threading.Barrier(len(daten["familien"]))
    with ThreadPoolExecutor(max_workers=len(daten["familien"])) as pool:
        antworten = list(
            pool.map(
                lambda f: anmelden(verbund.url(), pfad, f[0], f[1], schranke), daten["familien"]
            )
        )

    assert antworten == [302] * 50, verbund.protokolle()
    # nginx spread the registrations over both instances.
    assert verbund.zugriffe("a", f"POST {pfad}") > 0
    assert verbund.zugriffe("b", f"POST {pfad}") > 0
    zeilen = verbund.abfrage(
        "SELECT status, warteliste_position FROM termine_anmeldung "
        "WHERE durchfuehrung_id = %s ORDER BY erstellt, id",
        (durchfuehrung,),
    )
    assert sum(1 for status, _ in zeilen if status == "bestaetigt") == 10
    # The waiting list in arrival order: positions 1..40 in the order the rows were written.
    assert [p for status, p in zeilen if status == "warteliste"] == list(range(1, 41))


def test_login_sperre_zaehlt_ueber_beide_instanzen(verbund):
    passwort = verbund.daten("daten.konten()")["passwort"]
    # Five wrong passwords, alternating between the instances (as nginx would spread them).
    for versuch in range(5):
        cookies = CookieJar()
        login(verbund.url("ab"[versuch % 2]), "gesperrt@example.org", "falsch", cookies)
        assert not angemeldet(cookies)
    # The sixth attempt is refused on either instance, even with the right password – the
    # same limit as on one server (tests/netzwerk/test_konten.py).
    for instanz in ("a", "b"):
        cookies = CookieJar()
        antwort = login(verbund.url(instanz), "gesperrt@example.org", passwort, cookies)
        assert not angemeldet(cookies)
        assert "zu viele" in antwort.lower()


def test_eine_sitzung_gilt_auf_beiden_instanzen(verbund):
    cookies = CookieJar()
    login(verbund.url("a"), "unterwegs@example.org", "ein-sicheres-passwort-123", cookies)
    assert angemeldet(cookies)
    status, _kopf, seite = abrufen(verbund.url("b") + "/mein-bereich/", mit=oeffner(cookies))
    assert status == 200
    assert "Hallo Ulla!" in seite
    # Control: without the session b sends to the login.
    assert abrufen(verbund.url("b") + "/mein-bereich/")[0] == 302


def test_jede_mail_genau_einmal_mit_zwei_workern(verbund):
    verbund.daten("daten.mails(40)")
    for _ in range(300):
        offen = verbund.abfrage(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult "
            "WHERE status NOT IN ('SUCCESSFUL', 'FAILED')"
        )[0][0]
        if not offen:
            break
        time.sleep(0.2)
    assert offen == 0, verbund.protokolle()
    inhalt = "".join(pfad.read_text() for pfad in verbund.mails.glob("*"))
    empfaenger = re.findall(r"^To: (empfaenger-\d+@example\.org)$", inhalt, re.MULTILINE)
    assert sorted(empfaenger) == sorted(f"empfaenger-{n}@example.org" for n in range(40))
    assert verbund.abfrage(
        "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'FAILED'"
    ) == [(0,)]


def test_eine_aenderung_gilt_auf_beiden_instanzen(verbund):
    termin = verbund.abfrage("SELECT id FROM termine_termin WHERE titel = 'Vereinsfest alt'")[0][0]
    vorher = {i: abrufen(verbund.url(i) + "/termine/ical/termine.ics") for i in ("a", "b")}
    assert vorher["a"][1]["ETag"] == vorher["b"][1]["ETag"]
    assert all("Vereinsfest alt" in body for _s, _k, body in vorher.values())
    for instanz in ("a", "b"):  # fill any page cache on both
        assert "Vereinsfest alt" in abrufen(verbund.url(instanz) + "/termine/")[2]

    # A save elsewhere (a third process, like the admin on another machine).
    verbund.daten(f"daten.termin_umbenennen({termin}, 'Vereinsfest neu')")

    # Pages show it at once; a feed's worker may answer from versions it read up to
    # FEED_MAX_ALTER ago (a 304 without a query), after that the feed has it too.
    for instanz in ("a", "b"):
        assert "Vereinsfest neu" in abrufen(verbund.url(instanz) + "/termine/")[2]
    time.sleep(FEED_MAX_ALTER + 0.2)
    for instanz in ("a", "b"):
        _status, kopf, body = abrufen(
            verbund.url(instanz) + "/termine/ical/termine.ics",
            kopf={"If-None-Match": vorher[instanz][1]["ETag"]},
        )
        assert _status == 200
        assert kopf["ETag"] != vorher[instanz][1]["ETag"]
        assert "Vereinsfest neu" in body


def test_geplante_aufgabe_laeuft_auf_zwei_rechnern_nur_einmal(verbund):
    laeufe = [
        subprocess.Popen(
            [sys.executable, "manage.py", "datenschutz"],
            cwd=BASIS,
            env=verbund.umgebung,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    ausgaben = [lauf.communicate(timeout=120)[0] for lauf in laeufe]
    assert sorted(("already ran" in a, "ferien: " in a) for a in ausgaben) == [
        (False, True),  # one ran the retention rules
        (True, False),  # the other found the day taken
    ]


def test_ausfall_einer_instanz_verliert_keine_bestaetigte_anmeldung(verbund):
    daten = verbund.daten("daten.familien(60, 100, 'Zeltlager')")
    durchfuehrung = daten["durchfuehrung"]
    pfad = f"/ferienkalender/anmelden/{durchfuehrung}/"
    lesen: list[int] = []
    ende = threading.Event()

    def leser():
        while not ende.is_set():
            lesen.append(abrufen(verbund.url() + "/ferienkalender/")[0])

    def familie(eintrag):
        time.sleep(eintrag[2] * 0.05)  # spread over three seconds
        return anmelden(verbund.url(), pfad, eintrag[0], eintrag[1])

    familien = [(s, k, i) for i, (s, k) in enumerate(daten["familien"])]
    with ThreadPoolExecutor(max_workers=24) as pool:
        lesende = [pool.submit(leser) for _ in range(4)]
        antworten_zukunft = pool.submit(lambda: list(pool.map(familie, familien)))
        time.sleep(1.0)
        os.killpg(verbund.prozesse["a"].pid, signal.SIGKILL)  # instance a dies mid-load
        antworten = antworten_zukunft.result(timeout=120)
        time.sleep(0.5)
        ende.set()
        for zukunft in lesende:
            zukunft.result(timeout=60)

    # A POST in flight on the dead instance may fail (nginx does not repeat it); everything
    # else is answered by b. Every family that saw its confirmation has its registration.
    assert set(antworten) <= {302, 502}, antworten
    assert antworten.count(302) >= 50
    bestaetigt = verbund.abfrage(
        "SELECT count(*) FROM termine_anmeldung WHERE durchfuehrung_id = %s AND status = %s",
        (durchfuehrung, "bestaetigt"),
    )[0][0]
    assert bestaetigt >= antworten.count(302)
    # Reads were retried on b: no reader saw an error.
    assert lesen and set(lesen) == {200}
    assert abrufen(verbund.url() + "/ferienkalender/")[0] == 200
