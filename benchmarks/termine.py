"""Benchmark of the calendar pages with 2,000 dates.

Run from the repository root::

    .venv/bin/python benchmarks/termine.py            # 2,000 dates, 10 runs each
    .venv/bin/python benchmarks/termine.py --anzahl 500 --laeufe 3

Creates a fresh SQLite database in a temporary directory (the test settings, migrated),
fills it with ``--anzahl`` Termine over the year 2026 (every tenth a weekly series, two
organisers each, spread over the districts), then requests with Django's test Client:

* the upcoming list (``/termine/``, first page of the next 365 days),
* the month grid (``/termine/monat/2026/6/``),
* the full public iCal feed (``/termine/ical/termine.ics``).

Printed per page: median and maximum time over the runs, SQL queries per request, the
tracemalloc peak of one request, and the response size.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["VAR_DIR"] = tempfile.mkdtemp(prefix="termine-benchmark-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
os.environ.pop("DATABASE_URL", None)

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

BERLIN = ZoneInfo("Europe/Berlin")
SEITEN = {
    "Liste (/termine/)": "/termine/",
    "Monatsraster (Juni 2026)": "/termine/monat/2026/6/",
    "iCal-Feed (alle öffentlichen)": "/termine/ical/termine.ics",
}


def daten_anlegen(anzahl: int) -> None:
    from netzwerk.models import Ortsteil, Schulferien
    from termine.models import Termin
    from vereine.models import Akteur

    ortsteile = [
        Ortsteil.objects.create(name=name, slug=name.lower())
        for name in ("Ballenstedt", "Asmusstedt", "Badeborn", "Opperode", "Radisleben", "Rieder")
    ]
    Schulferien.objects.create(
        name="Sommerferien 2026",
        beginn=datetime(2026, 7, 4).date(),
        ende=datetime(2026, 8, 14).date(),
    )
    akteure = Akteur.objects.bulk_create(
        Akteur(name=f"Verein {i}", slug=f"verein-{i}", status="aktiv") for i in range(60)
    )
    kategorien = list(Termin.Kategorie.values)
    termine = []
    for i in range(anzahl):
        start = datetime(2026, 1, 1, 9, tzinfo=BERLIN) + timedelta(hours=i * 4 + (i % 5))
        serie = i % 10 == 0
        termine.append(
            Termin(
                titel=f"Termin {i}",
                beschreibung="Beschreibung " * 10,
                start=start,
                ende=start + timedelta(hours=2),
                kategorie=kategorien[i % len(kategorien)],
                ortsteil=ortsteile[i % len(ortsteile)],
                wiederholung="woechentlich" if serie else "keine",
                wochentag=start.weekday() if serie else None,
                pausiert_in_schulferien=serie and i % 20 == 0,
                status="abgesagt" if i % 50 == 0 else "bestaetigt",
                absage_grund="Regen" if i % 50 == 0 else "",
            )
        )
    termine = Termin.objects.bulk_create(termine)
    durch = Termin.veranstalter.through
    durch.objects.bulk_create(
        durch(termin_id=t.pk, akteur_id=akteure[(n + k) % len(akteure)].pk)
        for n, t in enumerate(termine)
        for k in (0, 7)
    )
    from termine.vorkommen import aufbauen

    aufbauen()  # bulk_create sends no signals; the daily job would do the same


def messen(client: Client, pfad: str, laeufe: int) -> dict:
    client.get(pfad)  # warm up (templates, translations)
    zeiten = []
    for _ in range(laeufe):
        anfang = time.perf_counter()
        antwort = client.get(pfad)
        zeiten.append(time.perf_counter() - anfang)
        assert antwort.status_code == 200, (pfad, antwort.status_code)
    with CaptureQueriesContext(connection) as abfragen:
        client.get(pfad)
    # Counted now: the next request's request_started signal empties the query log.
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--anzahl", type=int, default=2000)
    parser.add_argument("--laeufe", type=int, default=10)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    # As in Django's TestCase: keep one connection, so the queries of a request are counted.
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    daten_anlegen(args.anzahl)
    import time_machine

    # "Now" inside the year of dates, so the list and the feed have something to show.
    with time_machine.travel(datetime(2026, 6, 1, 9, tzinfo=BERLIN), tick=True):
        client = Client()
        ergebnisse = {name: messen(client, pfad, args.laeufe) for name, pfad in SEITEN.items()}
    print(
        f"{args.anzahl} Termine, {args.laeufe} Läufe, "
        f"SQLite in {settings.DATABASES['default']['NAME']}"
    )
    print()
    print("| Seite | Median | Maximum | SQL-Abfragen | Speicherspitze | Antwort |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, e in ergebnisse.items():
        print(
            f"| {name} | {e['median'] * 1000:.0f} ms | {e['max'] * 1000:.0f} ms | "
            f"{e['abfragen']} | {e['spitze'] / 1024 / 1024:.1f} MB | {e['groesse'] / 1024:.0f} KB |"
        )


if __name__ == "__main__":
    main()
