"""Benchmark of the Ferienkalender: list page, registration burst, PDF leaflet.

Run from the repository root::

    .venv/bin/python benchmarks/ferien.py                 # 300 offers, 900 occasions
    .venv/bin/python benchmarks/ferien.py --angebote 100 --laeufe 3

Creates a fresh SQLite database in a temporary directory (the test settings, migrated, a file
database with the production options WAL + IMMEDIATE), fills it with ``--angebote`` offers of
one period (three occasions each, spread over the days, districts and 30 Akteure), then:

* requests the list page (first page, and filtered "8 years, free places") and the
  day-by-day calendar with Django's test Client: median/maximum time, SQL queries per
  request, tracemalloc peak of one request;
* fires a burst of ``--anmeldungen`` registrations from 8 threads (own connections) at 10
  occasions with 10 places each, through :func:`termine.ferien.services.anmelden` (checks, lock,
  confirmation mail with .ics): total time, registrations per second, and checks that no
  occasion is overbooked;
* renders the PDF leaflet of all offers with WeasyPrint: time, pages, size, tracemalloc
  peak (Python objects) and the process's peak RSS (includes Pango/cairo; target < 300 MB).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import threading
import time
import tracemalloc
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["VAR_DIR"] = tempfile.mkdtemp(prefix="ferien-benchmark-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
os.environ.pop("DATABASE_URL", None)

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

BERLIN = ZoneInfo("Europe/Berlin")


def daten_anlegen(anzahl: int):
    from netzwerk.models import Ortsteil
    from termine.models import Durchfuehrung, Ferienangebot, Ferienzeitraum, Termin
    from vereine.models import Akteur

    ortsteile = [
        Ortsteil.objects.create(name=name, slug=name.lower())
        for name in ("Ballenstedt", "Asmusstedt", "Badeborn", "Opperode", "Radisleben", "Rieder")
    ]
    akteure = Akteur.objects.bulk_create(
        Akteur(name=f"Verein {i}", slug=f"verein-{i}", status="aktiv") for i in range(30)
    )
    jetzt = datetime(2026, 6, 1, 9, tzinfo=BERLIN)
    zeitraum = Ferienzeitraum.objects.create(
        name="Sommerferien 2026",
        slug="sommerferien-2026",
        beginn=date(2026, 7, 4),
        ende=date(2026, 8, 14),
        veroeffentlichung=jetzt - timedelta(days=30),
        anmeldung_ab=jetzt - timedelta(days=1),
        anmeldung_bis=datetime(2026, 7, 3, 20, tzinfo=BERLIN),
        status="veroeffentlicht",
    )
    kategorien = list(Ferienangebot.Kategorie.values)
    angebote = Ferienangebot.objects.bulk_create(
        Ferienangebot(
            akteur=akteure[i % len(akteure)],
            zeitraum=zeitraum,
            titel=f"Ferienangebot Nummer {i}",
            beschreibung="Wir basteln, spielen und entdecken gemeinsam. " * 4,
            kategorie=kategorien[i % len(kategorien)],
            alter_von=4 + i % 6,
            alter_bis=10 + i % 6,
            kosten=i % 4,
            ort=f"Treffpunkt {i}",
            ortsteil=ortsteile[i % len(ortsteile)],
            mitbringen="Getränk" if i % 2 else "",
            status="veroeffentlicht",
        )
        for i in range(anzahl)
    )
    termine = []
    for n, angebot in enumerate(angebote):
        for k in range(3):
            tag = zeitraum.beginn + timedelta(days=(n + 11 * k) % 42)
            start = datetime.combine(tag, datetime.min.time(), tzinfo=BERLIN) + timedelta(
                hours=9 + (n % 5)
            )
            termine.append(
                Termin(
                    titel=angebot.titel,
                    start=start,
                    ende=start + timedelta(hours=3),
                    kategorie="kinder_jugend",
                    status="bestaetigt",
                )
            )
    termine = Termin.objects.bulk_create(termine)
    Durchfuehrung.objects.bulk_create(
        Durchfuehrung(angebot=angebote[i // 3], termin=t, max_plaetze=10 if i < 60 else 40)
        for i, t in enumerate(termine)
    )
    return zeitraum, jetzt


def messen(client: Client, pfad: str, laeufe: int) -> dict:
    client.get(pfad)
    zeiten = []
    for _ in range(laeufe):
        anfang = time.perf_counter()
        antwort = client.get(pfad)
        zeiten.append(time.perf_counter() - anfang)
        assert antwort.status_code == 200, (pfad, antwort.status_code)
    with CaptureQueriesContext(connection) as abfragen:
        client.get(pfad)
    anzahl_abfragen = len(abfragen)
    tracemalloc.start()
    antwort = client.get(pfad)
    _aktuell, spitze = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "median": statistics.median(zeiten),
        "max": max(zeiten),
        "abfragen": anzahl_abfragen,
        "spitze": spitze,
        "groesse": len(antwort.content),
    }


def ansturm(anzahl: int, jetzt: datetime) -> dict:
    from netzwerk.models import User
    from termine.ferien import services as ferien
    from termine.models import Anmeldung, Durchfuehrung, Kind

    ziele = list(
        Durchfuehrung.objects.filter(max_plaetze=10)
        .select_related("termin", "angebot__zeitraum", "angebot__akteur", "angebot__ortsteil")
        .order_by("pk")[:10]
    )
    familien = []
    for i in range(anzahl):
        user = User.objects.create_user(email=f"familie{i}@example.org", password=None)
        angebot = ziele[i % len(ziele)].angebot
        geburt = date(2026 - angebot.alter_von - 1, 1, 1)
        kind = Kind.objects.create(
            eltern=user, vorname=f"Kind {i}", nachname="X", geburtsdatum=geburt
        )
        familien.append((user, kind, ziele[i % len(ziele)]))
    fehler: list[Exception] = []

    def arbeiten(teil):
        try:
            for user, kind, ziel in teil:
                ferien.anmelden(kind=kind, durchfuehrung=ziel, von=user, jetzt=jetzt)
        except Exception as e:
            fehler.append(e)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=arbeiten, args=(familien[i::8],)) for i in range(8)]
    anfang = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    dauer = time.perf_counter() - anfang
    assert not fehler, fehler
    for ziel in ziele:
        assert Anmeldung.objects.bestaetigt().filter(durchfuehrung=ziel).count() <= 10
    return {
        "dauer": dauer,
        "bestaetigt": Anmeldung.objects.bestaetigt().count(),
        "warteliste": Anmeldung.objects.warteliste().count(),
    }


def heft(zeitraum) -> dict:
    import io

    from pypdf import PdfReader

    from termine.ferien.heft import heft_als_pdf
    from termine.ferien.views import _heft_kontext

    heft_als_pdf(_heft_kontext(zeitraum))  # warm up fonts
    anfang = time.perf_counter()
    pdf = heft_als_pdf(_heft_kontext(zeitraum))
    dauer = time.perf_counter() - anfang
    # tracemalloc slows Python down several times: its own run, not timed.
    tracemalloc.start()
    heft_als_pdf(_heft_kontext(zeitraum))
    _aktuell, spitze = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return {
        "dauer": dauer,
        "seiten": len(PdfReader(io.BytesIO(pdf)).pages),
        "groesse": len(pdf),
        "spitze": spitze,
        "rss": rss,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--angebote", type=int, default=300)
    parser.add_argument("--anmeldungen", type=int, default=200)
    parser.add_argument("--laeufe", type=int, default=10)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    zeitraum, jetzt = daten_anlegen(args.angebote)
    import time_machine

    seiten = {
        "Liste (1. Seite)": "/ferienkalender/sommerferien-2026/",
        "Liste gefiltert (8 Jahre, freie Plätze)": (
            "/ferienkalender/sommerferien-2026/?alter=8&frei=on"
        ),
        "Tag für Tag (eine Woche)": "/ferienkalender/sommerferien-2026/tage/?woche=2026-07-06",
    }
    with time_machine.travel(jetzt, tick=True):
        client = Client()
        ergebnisse = {name: messen(client, pfad, args.laeufe) for name, pfad in seiten.items()}
        burst = ansturm(args.anmeldungen, jetzt)
    pdf = heft(zeitraum)
    print(f"{args.angebote} Angebote, {args.angebote * 3} Durchführungen, SQLite (WAL, IMMEDIATE)")
    print()
    print("| Seite | Median | Maximum | SQL-Abfragen | Speicherspitze | Antwort |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, e in ergebnisse.items():
        print(
            f"| {name} | {e['median'] * 1000:.0f} ms | {e['max'] * 1000:.0f} ms | "
            f"{e['abfragen']} | {e['spitze'] / 1024 / 1024:.1f} MB | {e['groesse'] / 1024:.0f} KB |"
        )
    print()
    print("| Ansturm | Dauer | pro Sekunde | bestätigt | Warteliste |")
    print("|---|---:|---:|---:|---:|")
    print(
        f"| {args.anmeldungen} Anmeldungen, 8 Threads, 10 Durchführungen à 10 Plätze | "
        f"{burst['dauer']:.1f} s | {args.anmeldungen / burst['dauer']:.0f} | "
        f"{burst['bestaetigt']} | {burst['warteliste']} |"
    )
    print()
    print("| PDF-Heft | Dauer | Seiten | Größe | Python-Spitze | Prozess-Spitze (RSS) |")
    print("|---|---:|---:|---:|---:|---:|")
    print(
        f"| {args.angebote} Angebote | {pdf['dauer']:.1f} s | {pdf['seiten']} | "
        f"{pdf['groesse'] / 1024:.0f} KB | {pdf['spitze'] / 1024 / 1024:.0f} MB | "
        f"{pdf['rss'] / 1024 / 1024:.0f} MB |"
    )


if __name__ == "__main__":
    main()
