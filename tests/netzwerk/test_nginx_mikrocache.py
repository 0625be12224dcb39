"""The README's nginx micro-cache (deploy/nginx-mikrocache.conf) in front of the app.

Starts nginx (Debian's nginx-light is enough) with the snippet in front of the live test
server: anonymous GETs are served from the micro-cache, requests with the session cookie
always reach the app, answers setting a cookie are not stored. Skipped when nginx is
missing locally; under CI=true it fails instead.
"""

import http.client
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from tests.termine.factories import TerminFactory

REPO = Path(__file__).resolve().parents[2]

KONFIGURATION = """
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
{user}
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    proxy_cache_path {tmp}/cache levels=1:2 keys_zone=portal_mikro:1m max_size=10m inactive=1m
                     use_temp_path=off;
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://127.0.0.1:{app};
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            include {snippet};
        }}
    }}
}}
"""


def _freier_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def nginx(live_server):
    programm = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None
    )
    if programm is None:
        grund = "nginx missing (apt-get install nginx-light)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {grund}.")
        pytest.skip(f"{grund}: micro-cache test skipped.")
    tmp = Path(tempfile.mkdtemp(prefix="nginx-test-"))
    tmp.chmod(0o777)
    port = _freier_port()
    app = live_server.url.rsplit(":", 1)[1]
    (tmp / "nginx.conf").write_text(
        KONFIGURATION.format(
            tmp=tmp,
            port=port,
            app=app,
            user="user root;" if os.geteuid() == 0 else "",
            snippet=REPO / "deploy" / "nginx-mikrocache.conf",
        )
    )
    prozess = subprocess.Popen(
        [programm, "-p", str(tmp), "-c", str(tmp / "nginx.conf"), "-g", "daemon off;"]
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        yield port
    finally:
        prozess.terminate()
        prozess.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)


def _get(port: int, pfad: str, cookie: str = "") -> tuple[int, str, str]:
    verbindung = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    verbindung.request("GET", pfad, headers={"Cookie": cookie} if cookie else {})
    antwort = verbindung.getresponse()
    inhalt = antwort.read().decode()
    verbindung.close()
    return antwort.status, antwort.getheader("X-Mikrocache", ""), inhalt


@pytest.mark.django_db(transaction=True)
def test_anonyme_aus_dem_mikrocache_angemeldete_nie(nginx):
    TerminFactory(titel="Laternenumzug")
    status, erst, _inhalt = _get(nginx, "/ferienkalender/")
    assert status == 200 and erst == "MISS"
    status, dann, _inhalt = _get(nginx, "/ferienkalender/")
    assert status == 200 and dann == "HIT"
    # The session cookie bypasses the cache, both ways.
    _status, angemeldet, _inhalt = _get(nginx, "/ferienkalender/", "sessionid=abc")
    assert angemeldet == "BYPASS"
    # An answer that sets a cookie (the login form's CSRF token) is never stored.
    _get(nginx, "/konto/login/")
    _status, login, _inhalt = _get(nginx, "/konto/login/")
    assert login != "HIT"
