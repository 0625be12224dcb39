"""Benchmark of the funder's report over a year of 10× demo data.

Run from the repository root::

    .venv/bin/python benchmarks/bericht.py              # demo data ×10, three runs
    .venv/bin/python benchmarks/bericht.py --faktor 3 --laeufe 5

Creates a fresh SQLite database in a temporary directory (the test settings, migrated),
loads the demo data (`manage.py demodaten`) and multiplies the rows the figures count by
`--faktor` (actors, dates, Stammtische with their minutes, holiday occasions with their
registrations, responses, projects, tasks, deals, lendings, challenges). Then it requests the
report for the last 365 days as page, CSV and PDF with Django's test Client as a coordinator:
median/maximum time, SQL queries per request, tracemalloc peak of one request. Target: the
page in under 2 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["VAR_DIR"] = tempfile.mkdtemp(prefix="bericht-benchmark-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
os.environ.pop("DATABASE_URL", None)

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from benchmarks.vervielfachen import vervielfachen  # noqa: E402


def messen(client: Client, url: str, laeufe: int) -> tuple[list[float], int, float, int]:
    zeiten = []
    for _ in range(laeufe):
        anfang = time.perf_counter()
        antwort = client.get(url)
        zeiten.append(time.perf_counter() - anfang)
        assert antwort.status_code == 200, antwort.status_code
    with CaptureQueriesContext(connection) as abfragen:
        client.get(url)
    # Counted now: the next request's request_started signal empties the query log.
    anzahl_abfragen = len(abfragen)
    tracemalloc.start()
    antwort = client.get(url)
    _aktuell, spitze = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return zeiten, anzahl_abfragen, spitze / 2**20, len(antwort.content)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--faktor", type=int, default=10)
    parser.add_argument("--laeufe", type=int, default=3)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    call_command("demodaten", verbosity=0)
    vervielfachen(args.faktor)

    from netzwerk.models import User
    from termine.models import Termin
    from vereine.models import Akteur

    client = Client()
    client.force_login(User.objects.filter(is_staff=True).first())
    heute = timezone.localdate()
    query = f"?von={(heute - timedelta(days=364)).isoformat()}&bis={heute.isoformat()}"
    print(
        f"demo data ×{args.faktor}: {Akteur.objects.count()} actors, "
        f"{Termin.objects.count()} dates; report for {query[1:]}"
    )
    print("| output | median | max | SQL queries | peak memory | response |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, pfad in (
        ("page (/netzwerk/bericht/)", "/netzwerk/bericht/"),
        ("CSV", "/netzwerk/bericht.csv"),
        ("PDF", "/netzwerk/bericht.pdf"),
        ("About us (timeline; max = first, uncached)", "/netzwerk/ueber-uns/"),
    ):
        from django.core.cache import cache

        cache.clear()
        zeiten, abfragen, spitze, groesse = messen(client, pfad + query, args.laeufe)
        print(
            f"| {name} | {statistics.median(zeiten) * 1000:.0f} ms | {max(zeiten) * 1000:.0f} ms "
            f"| {abfragen} | {spitze:.1f} MB | {groesse // 1024} KB |"
        )


if __name__ == "__main__":
    main()
