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

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.cookiejar import CookieJar
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection

BASIS = Path(__file__).resolve().parents[2]
SNIPPET = BASIS / "deploy" / "nginx-mehrere-server.conf"
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]


def _freier_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _KeineWeiterleitung(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _oeffner(cookies: CookieJar | None = None):
    handler = [_KeineWeiterleitung()]
    if cookies is not None:
        handler.append(urllib.request.HTTPCookieProcessor(cookies))
    return urllib.request.build_opener(*handler)


def _abrufen(url: str, *, daten: dict | None = None, kopf: dict | None = None, oeffner=None):
    """(status, headers, body) of one request; HTTP errors are answers too."""
    anfrage = urllib.request.Request(
        url,
        data=urllib.parse.urlencode(daten).encode() if daten is not None else None,
        headers=kopf or {},
    )
    try:
        with (oeffner or _oeffner()).open(anfrage, timeout=60) as antwort:
            return antwort.status, antwort.headers, antwort.read().decode()
    except urllib.error.HTTPError as fehler:
        return fehler.code, fehler.headers, fehler.read().decode(errors="replace")


def _csrf(seite: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', seite).group(1)


class Verbund:
    """Two app servers, two task workers and nginx on one fresh PostgreSQL database."""

    def __init__(self) -> None:
        self.verzeichnis = Path(tempfile.mkdtemp(prefix="portal-verbund-"))
        self.mails = self.verzeichnis / "mails"
        db = settings.DATABASES["default"]
        # pytest-django points NAME at its test database; ours sits next to it.
        self.db_name = f"{db['NAME']}_verbund"
        self.db = {
            "host": db["HOST"] or "127.0.0.1",
            "port": db["PORT"] or 5432,
            "user": db["USER"],
            "password": db["PASSWORD"],
        }
        self.umgebung = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "netzwerk.settings",
            "DEBUG": "false",
            "SECRET_KEY": "verbund-test-not-secret",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_COOKIES": "false",
            "SITE_URL": "http://127.0.0.1",
            "DATABASE_URL": "postgres://{user}:{password}@{host}:{port}/".format(**self.db)
            + self.db_name,
            "VAR_DIR": str(self.verzeichnis),
            "STATIC_ROOT": str(self.verzeichnis / "static"),
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(self.mails),
        }
        self.umgebung.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        self.prozesse: dict[str, subprocess.Popen] = {}
        self.ports = {"a": _freier_port(), "b": _freier_port(), "nginx": _freier_port()}

    # ------------------------------------------------------------------ set up / tear down

    def _sql(self, befehl: str, datenbank: str = "postgres") -> None:
        with psycopg.connect(dbname=datenbank, autocommit=True, **self.db) as verbindung:
            verbindung.execute(befehl)

    def abfrage(self, sql: str, parameter=()) -> list[tuple]:
        with psycopg.connect(dbname=self.db_name, **self.db) as verbindung:
            return verbindung.execute(sql, parameter).fetchall()

    def verwalten(self, *argumente: str) -> str:
        lauf = subprocess.run(
            [sys.executable, "manage.py", *argumente],
            cwd=BASIS,
            env=self.umgebung,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert lauf.returncode == 0, f"manage.py {' '.join(argumente)}:\n{lauf.stderr[-3000:]}"
        return lauf.stdout

    def daten(self, aufruf: str) -> dict:
        ausgabe = self.verwalten("shell", "-c", f"from tests.verbund import daten; {aufruf}")
        return json.loads(ausgabe.split("DATEN=", 1)[1]) if "DATEN=" in ausgabe else {}

    def _starten(self, name: str, *befehl: str) -> None:
        with open(self.verzeichnis / f"{name}.log", "w") as protokoll:
            self.prozesse[name] = subprocess.Popen(
                befehl,
                cwd=BASIS,
                env=self.umgebung,
                stdout=subprocess.DEVNULL,
                stderr=protokoll,
                start_new_session=True,  # its own process group: killing it kills its workers
            )

    def starten(self) -> None:
        self._sql(f'DROP DATABASE IF EXISTS "{self.db_name}"')
        self._sql(f'CREATE DATABASE "{self.db_name}"')
        self.verwalten("migrate", "--noinput", "-v", "0")
        self.verwalten("createcachetable")
        self.verwalten("collectstatic", "--noinput", "-v", "0")
        for name in ("a", "b"):
            self._starten(
                name,
                sys.executable,
                "-m",
                "gunicorn",
                "netzwerk.wsgi",
                "--bind",
                f"127.0.0.1:{self.ports[name]}",
                "--workers",
                "2",
                "--threads",
                "4",
                "--worker-class",
                "gthread",
                "--access-logfile",
                str(self.verzeichnis / f"zugriffe-{name}.log"),
            )
        for nummer in (1, 2):
            self._starten(
                f"worker{nummer}",
                sys.executable,
                "manage.py",
                "db_worker",
                "--no-startup-delay",
                "--worker-id",
                f"verbund-{nummer}",
            )
        konfiguration = self.verzeichnis / "nginx.conf"
        snippet = (
            SNIPPET.read_text()
            .replace("127.0.0.1:8001", f"127.0.0.1:{self.ports['a']}")
            .replace("127.0.0.1:8002", f"127.0.0.1:{self.ports['b']}")
            .replace("127.0.0.1:8080", f"127.0.0.1:{self.ports['nginx']}")
            .replace("/srv/portal/app/staticfiles/", f"{self.verzeichnis}/static/")
        )
        temp = self.verzeichnis / "nginx-temp"
        temp.mkdir()
        konfiguration.write_text(
            f"""
daemon off;
worker_processes 1;
pid {self.verzeichnis}/nginx.pid;
error_log {self.verzeichnis}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
{snippet}
}}
"""
        )
        self._starten("nginx", NGINX, "-c", str(konfiguration), "-p", str(self.verzeichnis))
        for url in (self.url("a"), self.url("b"), self.url()):
            for _ in range(150):
                try:
                    urllib.request.urlopen(url + "/", timeout=2)
                    break
                except OSError:
                    time.sleep(0.2)
            else:
                raise RuntimeError(f"{url} did not start: {self.protokolle()}")

    def stoppen(self) -> None:
        for prozess in self.prozesse.values():
            if prozess.poll() is None:
                os.killpg(prozess.pid, signal.SIGTERM)
        for prozess in self.prozesse.values():
            try:
                prozess.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(prozess.pid, signal.SIGKILL)
        self._sql(f'DROP DATABASE IF EXISTS "{self.db_name}" WITH (FORCE)')
        shutil.rmtree(self.verzeichnis, ignore_errors=True)

    # ------------------------------------------------------------------------- helpers

    def url(self, instanz: str = "nginx") -> str:
        return f"http://127.0.0.1:{self.ports[instanz]}"

    def protokolle(self) -> str:
        return "\n".join(
            f"--- {pfad.name}\n{pfad.read_text()[-3000:]}"
            for pfad in sorted(self.verzeichnis.glob("*.log"))
        )

    def zugriffe(self, instanz: str, muster: str) -> int:
        pfad = self.verzeichnis / f"zugriffe-{instanz}.log"
        return sum(1 for zeile in pfad.read_text().splitlines() if muster in zeile)


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


def _anmelden(basis: str, pfad: str, session_key: str, kind_id: int, schranke=None) -> int:
    """One family: its session, the form's CSRF token, then the POST (after the barrier)."""
    sitzung = f"{settings.SESSION_COOKIE_NAME}={session_key}"
    status, kopf, seite = _abrufen(basis + pfad, kopf={"Cookie": sitzung})
    assert status == 200, seite[:500]
    csrf = next(
        c.split(";", 1)[0]
        for c in kopf.get_all("Set-Cookie")
        if c.startswith(settings.CSRF_COOKIE_NAME + "=")
    )
    if schranke is not None:
        schranke.wait()
    status, _kopf, _seite = _abrufen(
        basis + pfad,
        daten={"csrfmiddlewaretoken": _csrf(seite), "kind": kind_id, "notfall_telefon": "0170 1"},
        kopf={"Cookie": f"{sitzung}; {csrf}", "Referer": basis + pfad},
    )
    return status


def test_anmeldeansturm_ueber_beide_instanzen_ueberbucht_nicht(verbund):
    daten = verbund.daten("daten.familien(50, 10, 'Kletterwald')")
    durchfuehrung = daten["durchfuehrung"]
    pfad = f"/ferienkalender/anmelden/{durchfuehrung}/"
    schranke = threading.Barrier(len(daten["familien"]))
    with ThreadPoolExecutor(max_workers=len(daten["familien"])) as pool:
        antworten = list(
            pool.map(
                lambda f: _anmelden(verbund.url(), pfad, f[0], f[1], schranke), daten["familien"]
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


def _login(basis: str, email: str, passwort: str, cookies: CookieJar) -> str:
    oeffner = _oeffner(cookies)
    _status, _kopf, seite = _abrufen(basis + "/konto/login/", oeffner=oeffner)
    _status, _kopf, antwort = _abrufen(
        basis + "/konto/login/",
        daten={"csrfmiddlewaretoken": _csrf(seite), "login": email, "password": passwort},
        kopf={"Referer": basis + "/konto/login/"},
        oeffner=oeffner,
    )
    return antwort


def _angemeldet(cookies: CookieJar) -> bool:
    return any(c.name == settings.SESSION_COOKIE_NAME for c in cookies)


def test_login_sperre_zaehlt_ueber_beide_instanzen(verbund):
    passwort = verbund.daten("daten.konten()")["passwort"]
    # Five wrong passwords, alternating between the instances (as nginx would spread them).
    for versuch in range(5):
        cookies = CookieJar()
        _login(verbund.url("ab"[versuch % 2]), "gesperrt@example.org", "falsch", cookies)
        assert not _angemeldet(cookies)
    # The sixth attempt is refused on either instance, even with the right password – the
    # same limit as on one server (tests/netzwerk/test_konten.py).
    for instanz in ("a", "b"):
        cookies = CookieJar()
        antwort = _login(verbund.url(instanz), "gesperrt@example.org", passwort, cookies)
        assert not _angemeldet(cookies)
        assert "zu viele" in antwort.lower()


def test_eine_sitzung_gilt_auf_beiden_instanzen(verbund):
    cookies = CookieJar()
    _login(verbund.url("a"), "unterwegs@example.org", "ein-sicheres-passwort-123", cookies)
    assert _angemeldet(cookies)
    status, _kopf, seite = _abrufen(verbund.url("b") + "/mein-bereich/", oeffner=_oeffner(cookies))
    assert status == 200
    assert "Hallo Ulla!" in seite
    # Control: without the session b sends to the login.
    assert _abrufen(verbund.url("b") + "/mein-bereich/")[0] == 302


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


def test_eine_aenderung_gilt_sofort_auf_beiden_instanzen(verbund):
    termin = verbund.abfrage("SELECT id FROM termine_termin WHERE titel = 'Vereinsfest alt'")[0][0]
    vorher = {i: _abrufen(verbund.url(i) + "/termine/ical/termine.ics") for i in ("a", "b")}
    assert vorher["a"][1]["ETag"] == vorher["b"][1]["ETag"]
    assert all("Vereinsfest alt" in body for _s, _k, body in vorher.values())
    for instanz in ("a", "b"):  # fill any page cache on both
        assert "Vereinsfest alt" in _abrufen(verbund.url(instanz) + "/termine/")[2]

    # A save elsewhere (a third process, like the admin on another machine).
    verbund.daten(f"daten.termin_umbenennen({termin}, 'Vereinsfest neu')")

    for instanz in ("a", "b"):
        _status, kopf, body = _abrufen(
            verbund.url(instanz) + "/termine/ical/termine.ics",
            kopf={"If-None-Match": vorher[instanz][1]["ETag"]},
        )
        assert _status == 200
        assert kopf["ETag"] != vorher[instanz][1]["ETag"]
        assert "Vereinsfest neu" in body
        assert "Vereinsfest neu" in _abrufen(verbund.url(instanz) + "/termine/")[2]


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
            lesen.append(_abrufen(verbund.url() + "/ferienkalender/")[0])

    def familie(eintrag):
        time.sleep(eintrag[2] * 0.05)  # spread over three seconds
        return _anmelden(verbund.url(), pfad, eintrag[0], eintrag[1])

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
    assert _abrufen(verbund.url() + "/ferienkalender/")[0] == 200
