"""Capacity of one and of two app servers behind nginx (README "Mehrere Server").

Run from the repository root, with a PostgreSQL role that may create databases::

    DATABASE_URL=postgres://portal:…@127.0.0.1:5432/portal .venv/bin/python benchmarks/verbund.py

For 1 and 2 gunicorn instances (2 sync-thread workers each) behind nginx with the snippet
``deploy/nginx-mehrere-server.conf``, on a fresh database with the demo data
(tests/verbund/verbund.py starts everything and removes it again):

* the Ferienkalender page with wrk (4 connections, ``--sekunden`` per run, median of 3):
  through nginx (its micro-cache answers), and from the app servers themselves (Django's page
  cache for anonymous visitors; the instances measured one after the other, summed),
  requests per second and per app worker;
* a registration morning: ``--familien`` logged-in families register for one occasion with
  enough places, 16 at a time, through nginx: registrations per second (each one decided
  under the occasion's row lock, with its confirmation mail queued).

Only 127.0.0.1 is used; every run is bounded in time. Needs nginx and wrk (Debian packages
nginx-light and wrk).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django

django.setup()

from tests.verbund.verbund import NGINX, Verbund, anmelden  # noqa: E402

WORKER_JE_INSTANZ = 2


def wrk(url: str, sekunden: int) -> float:
    ausgabe = subprocess.run(
        ["wrk", "-t1", "-c4", f"-d{sekunden}s", url],
        capture_output=True,
        text=True,
        check=True,
        timeout=sekunden + 30,
    ).stdout
    return float(re.search(r"Requests/sec:\s+([\d.]+)", ausgabe).group(1))


def messen(instanzen: int, familien: int, sekunden: int) -> dict:
    verbund = Verbund(instanzen=instanzen, arbeiter=1, prozesse=WORKER_JE_INSTANZ)
    try:
        verbund.starten()
        verbund.verwalten("demodaten")
        url = verbund.url() + "/ferienkalender/"
        wrk(url, 1)  # warm up
        seite = statistics.median(wrk(url, sekunden) for _ in range(3))
        # The app servers themselves (no micro-cache): all instances side by side.
        app = statistics.median(
            sum(wrk(verbund.url(name) + "/ferienkalender/", sekunden) for name in verbund.instanzen)
            for _ in range(3)
        )

        daten = verbund.daten(f"daten.familien({familien}, {familien}, 'Messlauf')")
        pfad = f"/ferienkalender/anmelden/{daten['durchfuehrung']}/"
        beginn = time.perf_counter()
        with ThreadPoolExecutor(max_workers=16) as pool:
            antworten = list(
                pool.map(lambda f: anmelden(verbund.url(), pfad, f[0], f[1]), daten["familien"])
            )
        dauer = time.perf_counter() - beginn
        bestaetigt = verbund.abfrage(
            "SELECT count(*) FROM termine_anmeldung WHERE durchfuehrung_id = %s",
            (daten["durchfuehrung"],),
        )[0][0]
        return {
            "instanzen": instanzen,
            "seite": seite,
            "app": app,
            "anmeldungen_s": familien / dauer,
            "fehler": sum(1 for a in antworten if a != 302),
            "bestaetigt": bestaetigt,
        }
    finally:
        verbund.stoppen()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--familien", type=int, default=200)
    parser.add_argument("--sekunden", type=int, default=5)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL=postgres://… (a role that may create databases).")
    if NGINX is None or shutil.which("wrk") is None:
        sys.exit("Needs nginx and wrk: apt-get install nginx-light wrk")

    print(
        f"{'app servers':>11} | {'workers':>7} | {'via nginx req/s':>15} | {'app req/s':>9} | "
        f"{'per worker':>10} | {'registrations/s':>15} | errors"
    )
    print(f"{'-' * 11}-|-{'-' * 7}-|-{'-' * 15}-|-{'-' * 9}-|-{'-' * 10}-|-{'-' * 15}-|-------")
    for instanzen in (1, 2):
        m = messen(instanzen, args.familien, args.sekunden)
        worker = instanzen * WORKER_JE_INSTANZ
        print(
            f"{instanzen:>11} | {worker:>7} | {m['seite']:>15.0f} | {m['app']:>9.0f} | "
            f"{m['app'] / worker:>10.0f} | "
            f"{m['anmeldungen_s']:>15.1f} | {m['fehler']} "
            f"({m['bestaetigt']} of {args.familien} registered)"
        )


if __name__ == "__main__":
    main()
