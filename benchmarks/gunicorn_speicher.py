"""Memory of one gunicorn worker over 10,000 requests against the demo site.

Target (DEVELOPERS.md): a worker stays under 150 MB RSS after 10,000 requests.

    .venv/bin/python benchmarks/gunicorn_speicher.py [--requests 10000]

Sets up a throw-away SQLite database with the demo data in a temp folder, starts gunicorn
with one sync worker on 127.0.0.1, sends the requests over keep-alive connections to a mix of
public pages, and prints a table: requests, throughput, latency percentiles and the worker's
RSS at the start, after warm-up and at the end. Bounded: stops after the requests or 10 min.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PFADE = ["/", "/akteure/", "/termine/", "/seite/impressum/", "/konto/login/", "/gibt-es-nicht/"]


def rss_mb(pid: int) -> float:
    for zeile in Path(f"/proc/{pid}/status").read_text().splitlines():
        if zeile.startswith("VmRSS:"):
            return int(zeile.split()[1]) / 1024
    return float("nan")


def freier_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=10_000)
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="bench-gunicorn-"))
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "benchmark-only-" + "x" * 40,
        "VAR_DIR": str(tmp),
        "STATIC_ROOT": str(tmp / "static"),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "DATABASE_URL": f"sqlite:///{tmp / 'db.sqlite3'}",
        "LOG_LEVEL": "ERROR",
    }
    py = sys.executable
    for befehl in (
        ["migrate", "-v0"],
        ["createcachetable"],
        ["demodaten"],
        ["collectstatic", "--noinput", "-v0"],
    ):
        subprocess.run(
            [py, "manage.py", *befehl], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
        )

    port = freier_port()
    gunicorn = subprocess.Popen(
        [
            str(Path(py).parent / "gunicorn"),
            "netzwerk.wsgi",
            "--workers",
            "1",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        kinder = Path(f"/proc/{gunicorn.pid}/task/{gunicorn.pid}/children").read_text().split()
        worker = int(kinder[0])
        rss_start = rss_mb(worker)

        dauern: list[float] = []
        fehler = 0
        rss_warm = rss_start
        ende = time.monotonic() + 600
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        t0 = time.perf_counter()
        for i in range(args.requests):
            if time.monotonic() > ende:
                break
            pfad = PFADE[i % len(PFADE)]
            a = time.perf_counter()
            conn.request("GET", pfad)
            antwort = conn.getresponse()
            antwort.read()
            dauern.append(time.perf_counter() - a)
            if antwort.status >= 500:
                fehler += 1
            if i == 500:
                rss_warm = rss_mb(worker)
        gesamt = time.perf_counter() - t0
        rss_ende = rss_mb(worker)
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)

    dauern.sort()
    q = statistics.quantiles(dauern, n=100)
    print(
        "| requests | req/s | p50 ms | p95 ms | p99 ms | 5xx | worker RSS start MB "
        "| after 500 MB | after all MB |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {len(dauern)} | {len(dauern) / gesamt:.0f} | {q[49] * 1000:.1f} | "
        f"{q[94] * 1000:.1f} | {q[98] * 1000:.1f} | {fehler} | {rss_start:.1f} | "
        f"{rss_warm:.1f} | {rss_ende:.1f} |"
    )
    print(
        f"target: worker RSS after all requests < 150 MB -> {'OK' if rss_ende < 150 else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
