"""Reference pages for `benchmarks/seiten.py`, routed only with PORTAL_BENCHMARK=1.

The benchmark compares every page with a minimal Django page (a 50-item template rendered
through the same middleware stack) and with a bare HttpResponse; both live here so that
they run in the same gunicorn as the portal. Never routed in production or in the tests.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

EINTRAEGE = [
    {"url": f"/beispiel/{i}/", "name": f"Eintrag {i}", "text": "Ein kurzer Beispieltext."}
    for i in range(50)
]


def minimal(request: HttpRequest) -> HttpResponse:
    return render(request, "benchmark/minimal.html", {"titel": "Referenz", "eintraege": EINTRAEGE})


def leer(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")
