"""Several app servers on one PostgreSQL behind nginx, started as real processes.

Used by tests/verbund/test_mehrere_server.py and benchmarks/verbund.py. `Verbund` creates its
own database next to the configured one (``<name>_verbund``), migrates it, collects the static
files, starts ``instanzen`` gunicorn instances, ``arbeiter`` task workers and nginx with the
upstream snippet ``deploy/nginx-mehrere-server.conf`` (ports replaced), and removes
everything again in :meth:`Verbund.stoppen`.
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
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import psycopg
from django.conf import settings

from tests import ansturm

BASIS = Path(__file__).resolve().parents[2]
SNIPPET = BASIS / "deploy" / "nginx-mehrere-server.conf"
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


def freier_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _KeineWeiterleitung(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def oeffner(cookies: CookieJar | None = None):
    handler = [_KeineWeiterleitung()]
    if cookies is not None:
        handler.append(urllib.request.HTTPCookieProcessor(cookies))
    return urllib.request.build_opener(*handler)


def abrufen(url: str, *, daten: dict | None = None, kopf: dict | None = None, mit=None):
    """(status, headers, body) of one request; HTTP errors are answers too."""
    anfrage = urllib.request.Request(
        url,
        data=urllib.parse.urlencode(daten).encode() if daten is not None else None,
        headers=kopf or {},
    )
    try:
        with (mit or oeffner()).open(anfrage, timeout=60) as antwort:
            return antwort.status, antwort.headers, antwort.read().decode()
    except urllib.error.HTTPError as fehler:
        return fehler.code, fehler.headers, fehler.read().decode(errors="replace")


def csrf(seite: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', seite).group(1)


class Verbund:
    """Two app servers, two task workers and nginx on one fresh PostgreSQL database."""

    def __init__(self, *, instanzen: int = 2, arbeiter: int = 2, prozesse: int = 2) -> None:
        self.instanzen = [chr(ord("a") + i) for i in range(instanzen)]
        self.arbeiter = arbeiter
        self.gunicorn_prozesse = prozesse
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
        self.ports = {name: freier_port() for name in [*self.instanzen, "nginx"]}

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
        for name in self.instanzen:
            self._starten(
                name,
                sys.executable,
                "-m",
                "gunicorn",
                "netzwerk.wsgi",
                "--bind",
                f"127.0.0.1:{self.ports[name]}",
                "--workers",
                str(self.gunicorn_prozesse),
                "--threads",
                "4",
                "--worker-class",
                "gthread",
                "--access-logfile",
                str(self.verzeichnis / f"zugriffe-{name}.log"),
            )
        for nummer in range(1, self.arbeiter + 1):
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
        # The snippet's upstream lists two example servers: one line per instance instead.
        muster = re.compile(r"^\s*server 127\.0\.0\.1:800\d (.*)$", re.MULTILINE)
        optionen = muster.search(SNIPPET.read_text()).group(1)
        server = "".join(
            f"    server 127.0.0.1:{self.ports[name]} {optionen}\n" for name in self.instanzen
        )
        snippet = (
            muster.sub("", SNIPPET.read_text())
            .replace("upstream portal {", "upstream portal {\n" + server, 1)
            .replace("127.0.0.1:8080", f"127.0.0.1:{self.ports['nginx']}")
            .replace("/srv/portal/app/staticfiles/", f"{self.verzeichnis}/static/")
            .replace("/srv/portal/app/deploy/", f"{BASIS}/deploy/")
            .replace("/var/cache/nginx/portal", f"{self.verzeichnis}/nginx-cache")
        )
        temp = self.verzeichnis / "nginx-temp"
        temp.mkdir()
        konfiguration.write_text(
            f"""
daemon off;
{"user root;" if os.geteuid() == 0 else ""}
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
        for url in [*(self.url(name) for name in self.instanzen), self.url()]:
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


def anmelden(basis: str, pfad: str, session_key: str, kind_id: int, schranke=None) -> int:
    """One family: its session, the form's CSRF token, then the POST (after the barrier)."""
    cookies, token = ansturm.vorbereiten(basis, session_key, pfad)
    if schranke is not None:
        schranke.wait()
    status, _kopf, _seite = abrufen(
        basis + pfad,
        daten={"csrfmiddlewaretoken": token, "kind": kind_id, "notfall_telefon": "0170 1"},
        kopf={"Cookie": cookies, "Referer": basis + pfad},
    )
    return status


def login(basis: str, email: str, passwort: str, cookies: CookieJar) -> str:
    mit_cookies = oeffner(cookies)
    _status, _kopf, seite = abrufen(basis + "/konto/login/", mit=mit_cookies)
    _status, _kopf, antwort = abrufen(
        basis + "/konto/login/",
        daten={"csrfmiddlewaretoken": csrf(seite), "login": email, "password": passwort},
        kopf={"Referer": basis + "/konto/login/"},
        mit=mit_cookies,
    )
    return antwort


def angemeldet(cookies: CookieJar) -> bool:
    return any(c.name == settings.SESSION_COOKIE_NAME for c in cookies)
