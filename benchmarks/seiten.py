"""Throughput of the portal's pages next to reference pages, measured with wrk.

Run from the repository root (needs wrk and nginx from Debian: ``apt-get install wrk
nginx-light``; a PostgreSQL database for the figures in docs/benchmarks.md)::

    DATABASE_URL=postgres://user:pass@127.0.0.1:5432/db .venv/bin/python benchmarks/seiten.py
    .venv/bin/python benchmarks/seiten.py --dauer 5 --laeufe 3 --nur ferien
    DATABASE_URL=postgres://.../empty_db .venv/bin/python benchmarks/seiten.py --faktor 10
    .venv/bin/python benchmarks/seiten.py --ohne-cache    # every request rendered

Migrates the database given by DATABASE_URL (default: a throw-away SQLite file, only good for
a rough look), loads the demo data (``manage.py demodaten``; with ``--faktor 10`` ten times
it, benchmarks/vervielfachen.py: give it an empty database), collects the static files and
starts gunicorn with two sync workers on 127.0.0.1, DEBUG off, PORTAL_BENCHMARK=1 (routes the
two reference pages: a minimal page rendering a 50-item template through the same middleware
stack, and a bare HttpResponse). nginx serves a static copy of the Ferienkalender page (the
static reference) and, on a second port, proxies to gunicorn through the micro-cache of
``deploy/nginx-mikrocache.conf``.

The anonymous pages are measured as visitors get them: after the first request they come
from the page cache until something is saved (netzwerk/zwischenspeicher.py).

Then wrk (1 thread, 4 connections, ``--dauer`` seconds per run) measures every page in turn,
``--laeufe`` rounds alternating over all pages, and prints the median req/s per page and its
ratio to the minimal page (the iCal 304 to the bare response, the pages behind nginx to the
static file), then the RSS of both workers. Only 127.0.0.1; bounded by ``--max-minuten``.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"

VERVIELFACHEN = """
import sys
sys.path.insert(0, ".")
from benchmarks.vervielfachen import vervielfachen
vervielfachen({faktor})
"""

# Printed by `manage.py shell`: the paths of the detail pages and the sessions of the personas.
ERMITTELN = r"""
import json
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

def erster(modul, name, **filter):
    from importlib import import_module
    modell = getattr(import_module(modul), name)
    objekt = modell.objects.filter(**filter).order_by("pk").first()
    return objekt.get_absolute_url() if objekt else None

from termine.ferien.models import Ferienzeitraum
from django.db.models import Count
zeitraum = (
    Ferienzeitraum.objects.filter(status="veroeffentlicht")
    .annotate(n=Count("angebote")).order_by("-n", "beginn").first()
)
pfade = {
    "akteur": erster("vereine.models", "Akteur", status="aktiv"),
    "gesuch": erster("vereine.models", "Gesuch"),
    "termin": erster(
        "termine.models", "Termin", sichtbarkeit="oeffentlich", status="veroeffentlicht"
    ),
    "angebot": erster(
        "termine.ferien.models", "Ferienangebot", zeitraum=zeitraum, status="veroeffentlicht"
    ),
    "gruppe": erster("arbeitsgruppen.models", "Arbeitsgruppe", sichtbarkeit="oeffentlich"),
    "treffen": erster("termine.stammtisch.models", "Stammtisch"),
    "marktplatz": erster("vereine.marktplatz.models", "Eintrag"),
    "ressource": erster("vereine.ressourcen.models", "Ressource"),
    "zeitraum": zeitraum.get_absolute_url() if zeitraum else None,
}
sitzungen = {}
for email in ("mitglied@example.org", "eltern@example.org"):
    user = get_user_model().objects.get(email=email)
    client = Client()
    client.force_login(user)
    sitzungen[email] = client.cookies["sessionid"].value
print("JSON" + json.dumps({"pfade": pfade, "sitzungen": sitzungen}))
"""


@dataclass
class Seite:
    name: str
    pfad: str
    gruppe: str  # "anonym", "angemeldet", "304", "nginx", "referenz"
    cookie: str = ""
    kopf: dict[str, str] = field(default_factory=dict)
    port: str = "gunicorn"  # or "nginx-cache", "nginx-statisch"
    werte: list[float] = field(default_factory=list)


def freier_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def warten(port: int) -> None:
    for _ in range(200):
        try:
            socket.create_connection((HOST, port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"nothing listens on {HOST}:{port}")


def rss_mb(pid: int) -> float:
    for zeile in Path(f"/proc/{pid}/status").read_text().splitlines():
        if zeile.startswith("VmRSS:"):
            return int(zeile.split()[1]) / 1024
    return float("nan")


def abrufen(port: int, pfad: str, kopf: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    conn.request("GET", pfad, headers=kopf)
    antwort = conn.getresponse()
    inhalt = antwort.read()
    conn.close()
    return antwort.status, {k.lower(): v for k, v in antwort.getheaders()}, inhalt


def wrk(port: int, seite: Seite, dauer: int) -> float:
    befehl = ["wrk", "-t1", "-c4", f"-d{dauer}s"]
    for name, wert in seite.kopf.items():
        befehl += ["-H", f"{name}: {wert}"]
    ausgabe = subprocess.run(
        [*befehl, f"http://{HOST}:{port}{seite.pfad}"],
        capture_output=True,
        text=True,
        check=True,
        timeout=dauer + 60,
    ).stdout
    treffer = re.search(r"Requests/sec:\s+([\d.]+)", ausgabe)
    if not treffer:
        raise SystemExit(f"wrk gave no figure for {seite.pfad}:\n{ausgabe}")
    fehler = re.search(r"Non-2xx or 3xx responses: (\d+)", ausgabe)
    if fehler and seite.gruppe != "304":
        raise SystemExit(f"{seite.pfad}: {fehler.group(1)} non-2xx answers")
    return float(treffer.group(1))


def manage(env: dict[str, str], *befehl: str) -> str:
    return subprocess.run(
        [sys.executable, "manage.py", *befehl],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


NGINX_CONF = """
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
{user}
events {{ worker_connections 256; }}
http {{
    access_log off;
    default_type text/html;
    client_body_temp_path {tmp}/nginx-body;
    proxy_temp_path {tmp}/nginx-proxy;
    fastcgi_temp_path {tmp}/nginx-fastcgi;
    uwsgi_temp_path {tmp}/nginx-uwsgi;
    scgi_temp_path {tmp}/nginx-scgi;
    upstream portal {{ server {host}:{gunicorn}; keepalive 8; }}
    # From deploy/nginx-portal.conf: the cache zone (path in the temp folder here).
    proxy_cache_path {tmp}/nginx-cache levels=1:2 keys_zone=portal_mikro:10m max_size=100m
                     inactive=1m use_temp_path=off;
    server {{
        listen {host}:{statisch};
        root {tmp}/statisch;
    }}
    server {{
        listen {host}:{cache};
        server_name {host};
        location / {{
            proxy_pass http://portal;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            include {mikrocache};
        }}
    }}
}}
"""


def nginx_starten(
    tmp: Path, gunicorn_port: int, statisch: bytes
) -> tuple[subprocess.Popen, int, int]:
    (tmp / "statisch").mkdir()
    (tmp / "statisch" / "seite.html").write_bytes(statisch)
    (tmp / "nginx-cache").mkdir()
    for pfad in [tmp, tmp / "statisch", tmp / "statisch" / "seite.html", tmp / "nginx-cache"]:
        pfad.chmod(0o777 if pfad.is_dir() else 0o644)
    port_statisch, port_cache = freier_port(), freier_port()
    conf = tmp / "nginx.conf"
    conf.write_text(
        NGINX_CONF.format(
            tmp=tmp,
            host=HOST,
            gunicorn=gunicorn_port,
            statisch=port_statisch,
            cache=port_cache,
            user="user root;" if os.geteuid() == 0 else "",
            mikrocache=ROOT / "deploy" / "nginx-mikrocache.conf",
        )
    )
    prozess = subprocess.Popen(
        ["nginx", "-p", str(tmp), "-c", str(conf), "-g", "daemon off;"], cwd=tmp
    )
    warten(port_statisch)
    warten(port_cache)
    return prozess, port_statisch, port_cache


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dauer", type=int, default=3, help="seconds per wrk run")
    parser.add_argument("--laeufe", type=int, default=3, help="rounds over all pages (median)")
    parser.add_argument("--nur", default="", help="only pages whose name contains this")
    parser.add_argument(
        "--faktor", type=int, default=1, help="the demo data this many times (10: issue #13)"
    )
    parser.add_argument(
        "--ohne-cache", action="store_true", help="SEITEN_CACHE=false: every page rendered"
    )
    parser.add_argument("--max-minuten", type=int, default=30)
    args = parser.parse_args()

    fehlt = [p for p in ("wrk", "nginx") if not shutil.which(p)]
    if fehlt:
        # `make benchmarks` goes on with the other scripts.
        print(f"skipped, missing: {', '.join(fehlt)} (Debian: apt-get install wrk nginx-light)")
        return

    tmp = Path(tempfile.mkdtemp(prefix="bench-seiten-"))
    env = {
        **os.environ,
        "DEBUG": "false",
        "PORTAL_BENCHMARK": "1",
        "SECRET_KEY": "benchmark-only-" + "x" * 40,
        "VAR_DIR": str(tmp),
        "STATIC_ROOT": str(tmp / "static"),
        "ALLOWED_HOSTS": HOST,
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "ERROR",
        "SEITEN_CACHE": "false" if args.ohne_cache else "true",
    }
    env.setdefault("DATABASE_URL", f"sqlite:///{tmp / 'db.sqlite3'}")
    datenbank = env["DATABASE_URL"].split(":", 1)[0]
    print(f"database: {datenbank}; setting up (migrate, demo data, static files) ...", flush=True)
    manage(env, "migrate", "-v0")
    manage(env, "createcachetable")
    manage(env, "demodaten")
    if args.faktor > 1:
        print(f"demo data ×{args.faktor} ...", flush=True)
        manage(env, "shell", "-c", VERVIELFACHEN.format(faktor=args.faktor))
    manage(env, "collectstatic", "--noinput", "-v0")
    gefunden = json.loads(manage(env, "shell", "-c", ERMITTELN).split("JSON", 1)[1])
    pfade, sitzungen = gefunden["pfade"], gefunden["sitzungen"]

    seiten = [
        Seite("minimal page (50-item template)", "/_benchmark/minimal/", "referenz"),
        Seite("bare HttpResponse", "/_benchmark/leer/", "referenz"),
        Seite("nginx, static file", "/seite.html", "referenz", port="nginx-statisch"),
    ]
    anonym = [
        ("/ home", "/"),
        ("/akteure/", "/akteure/"),
        ("actor", pfade["akteur"]),
        ("/akteure/mitmachen/", "/akteure/mitmachen/"),
        ("call for help", pfade["gesuch"]),
        ("/termine/", "/termine/"),
        ("/termine/monat/", "/termine/monat/"),
        ("Termin", pfade["termin"]),
        ("/ferienkalender/", "/ferienkalender/"),
        ("holiday period list", pfade["zeitraum"]),
        ("holiday period days", pfade["zeitraum"] and pfade["zeitraum"] + "tage/"),
        ("holiday offer", pfade["angebot"]),
        ("/arbeitsgruppen/", "/arbeitsgruppen/"),
        ("working group", pfade["gruppe"]),
        ("/stammtisch/", "/stammtisch/"),
        ("Stammtisch meeting", pfade["treffen"]),
        ("/marktplatz/", "/marktplatz/"),
        ("marketplace entry", pfade["marktplatz"]),
        ("/termine/ical/termine.ics", "/termine/ical/termine.ics"),
    ]
    seiten += [Seite(name, pfad, "anonym") for name, pfad in anonym if pfad]
    mitglied = f"sessionid={sitzungen['mitglied@example.org']}"
    eltern = f"sessionid={sitzungen['eltern@example.org']}"
    seiten += [
        Seite("Mein Bereich (member)", "/mein-bereich/", "angemeldet", mitglied),
        Seite("my Termine (member)", "/termine/mein/", "angemeldet", mitglied),
        Seite("my holiday offers (provider)", "/ferienkalender/anbieten/", "angemeldet", mitglied),
        Seite("resources (member)", "/ressourcen/", "angemeldet", mitglied),
        Seite("resource (member)", pfade["ressource"] or "/ressourcen/", "angemeldet", mitglied),
        Seite("my resources (member)", "/ressourcen/meine/", "angemeldet", mitglied),
        Seite("Familie (parent)", "/ferienkalender/familie/", "angemeldet", eltern),
    ]
    seiten += [
        Seite("iCal feed, If-None-Match → 304", "/termine/ical/termine.ics", "304"),
    ]
    if pfade["zeitraum"]:
        seiten += [
            Seite(
                "holiday period list, micro-cache", pfade["zeitraum"], "nginx", port="nginx-cache"
            ),
            Seite("/ferienkalender/, micro-cache", "/ferienkalender/", "nginx", port="nginx-cache"),
            Seite("/ home, micro-cache", "/", "nginx", port="nginx-cache"),
        ]
    for seite in seiten:
        if seite.cookie:
            seite.kopf["Cookie"] = seite.cookie

    port = freier_port()
    gunicorn = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "netzwerk.wsgi",
            "--workers",
            "2",
            "--bind",
            f"{HOST}:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    nginx = None
    try:
        warten(port)
        # Check every page once (and warm the workers' caches) before measuring.
        for seite in seiten:
            if seite.port != "gunicorn":
                continue
            if seite.gruppe == "304":
                status, kopf, _ = abrufen(port, seite.pfad, {})
                seite.kopf["If-None-Match"] = kopf.get("etag", "")
                erwartet = 304
            else:
                erwartet = 200
            for _ in range(4):
                status, kopf, inhalt = abrufen(port, seite.pfad, seite.kopf)
            if status != erwartet:
                raise SystemExit(f"{seite.pfad}: status {status}, expected {erwartet}")
        _status, _kopf, statisch = abrufen(port, pfade["zeitraum"] or "/", {})
        nginx, port_statisch, port_cache = nginx_starten(tmp, port, statisch)
        ports = {"gunicorn": port, "nginx-statisch": port_statisch, "nginx-cache": port_cache}
        for seite in seiten:
            if seite.port == "nginx-cache":
                status, kopf, _ = abrufen(port_cache, seite.pfad, {})
                if status != 200:
                    raise SystemExit(f"nginx {seite.pfad}: status {status}")

        auswahl = [s for s in seiten if s.gruppe == "referenz" or args.nur in s.name]
        ende = time.monotonic() + args.max_minuten * 60
        for runde in range(args.laeufe):
            print(f"round {runde + 1}/{args.laeufe} ...", flush=True)
            for seite in auswahl:
                if time.monotonic() > ende:
                    raise SystemExit("time limit reached")
                seite.werte.append(wrk(ports[seite.port], seite, args.dauer))
        kinder = Path(f"/proc/{gunicorn.pid}/task/{gunicorn.pid}/children").read_text().split()
        rss = [rss_mb(int(pid)) for pid in kinder]
    finally:
        if nginx:
            nginx.terminate()
            nginx.wait(timeout=30)
        gunicorn.terminate()
        gunicorn.wait(timeout=30)

    median = {s.name: statistics.median(s.werte) for s in auswahl}
    minimal, leer, statisch_rps = (median[s.name] for s in seiten[:3])
    bezug = {
        "referenz": ("minimal page", minimal),
        "anonym": ("minimal page", minimal),
        "angemeldet": ("minimal page", minimal),
        "304": ("bare response", leer),
        "nginx": ("nginx static", statisch_rps),
    }
    ziel = {"anonym": 0.5, "angemeldet": 0.25, "304": 0.8, "nginx": 0.5}
    print()
    print(
        f"gunicorn 2 sync workers, {datenbank}, demo data ×{args.faktor}, "
        f"page cache {'off' if args.ohne_cache else 'on'}; "
        f"wrk 1 thread, 4 connections, {args.dauer} s, median of {args.laeufe}"
    )
    print()
    print("| page | req/s | ratio | to | target |")
    print("|---|---:|---:|---|---:|")
    for seite in auswahl:
        name, wert = bezug[seite.gruppe]
        verhaeltnis = median[seite.name] / wert
        soll = ziel.get(seite.gruppe)
        marke = "" if soll is None else f"≥ {soll}× {'OK' if verhaeltnis >= soll else 'MISSED'}"
        print(
            f"| {seite.name} (`{seite.pfad}`) | {median[seite.name]:,.0f} | "
            f"{verhaeltnis:.2f}× | {name} | {marke} |"
        )
    print()
    print("worker RSS after the run: " + ", ".join(f"{r:.1f} MB" for r in rss))


if __name__ == "__main__":
    main()
