"""Screenshots of the demo site for the guides (docs/img/demo-*.png).

    make screenshots            # or: .venv/bin/python docs/screenshots.py

Builds a throw-away SQLite database with the demo data, starts the development server on a
free local port, logs in as the demo personas in Debian's Chromium and saves the pages the
guides show. The browser tests make their own screenshots (var/screenshots/); these show
the living demo instead of test data. The demo is built around the day it is loaded, so the
pictures show the holiday periods and dates of the day you make them (their names and dates
differ from a demo loaded later; what the pages show does not).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ZIEL = ROOT / "docs" / "img"
PASSWORT = "demo-passwort-2026"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# (file name, login or None, path, width)
SEITEN = [
    ("demo-startseite-360", None, "/", 360),
    ("demo-ferienkalender-360", None, "/ferienkalender/", 360),
    ("ferien-liste-gefiltert-360", None, "/ferienkalender/?alter=8&frei=on", 360),
    ("demo-akteur-360", None, "/akteure/heimatverein/", 360),
    ("demo-mein-bereich-1280", "mitglied@example.org", "/mein-bereich/", 1280),
    ("demo-familie-360", "eltern@example.org", "/ferienkalender/familie/", 360),
    ("demo-admin-start-1280", "koordination@example.org", "/admin/", 1280),
    # The demo makes the past Aktionstag first, so the upcoming one is number 2.
    ("aktionstag-programm-360", None, "/aktionstag/2/", 360),
    (
        "aktionstag-koordination-1280",
        "koordination@example.org",
        "/aktionstag/2/koordination/",
        1280,
    ),
    ("jugend-liste-360", None, "/jugend/", 360),
    ("jugend-moderation-1280", "jugend@example.org", "/jugend/moderation/", 1280),
    ("koordination-bericht-1280", "koordination@example.org", "/netzwerk/bericht/", 1280),
    ("koordination-herausforderungen-360", None, "/netzwerk/herausforderungen/", 360),
    ("koordination-ueber-uns-1280", None, "/netzwerk/ueber-uns/", 1280),
]


def _freier_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="portal-screenshots-"))
    env = {
        **os.environ,
        "DEBUG": "true",
        "VAR_DIR": str(tmp),
        "DATABASE_URL": f"sqlite:///{tmp / 'db.sqlite3'}",
        "LOG_LEVEL": "ERROR",
    }
    for befehl in (["migrate", "-v0"], ["createcachetable"], ["demodaten"]):
        subprocess.run(
            [sys.executable, "manage.py", *befehl],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    port = _freier_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    basis = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        ZIEL.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_FLAGS)
            for name, login, pfad, breite in SEITEN:
                context = browser.new_context(
                    locale="de-DE", viewport={"width": breite, "height": 900}
                )
                page = context.new_page()
                if login:
                    page.goto(basis + "/konto/login/")
                    page.fill("#id_login", login)
                    page.fill("#id_password", PASSWORT)
                    page.click("main button[type=submit]")
                    page.wait_for_load_state()
                page.goto(basis + pfad)
                page.screenshot(path=ZIEL / f"{name}.png", full_page=True)
                print(f"docs/img/{name}.png")
                context.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
