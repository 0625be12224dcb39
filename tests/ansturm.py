"""The harness of the concurrency tests: many browsers press a button at the same moment.

Each browser has its own session; :func:`vorbereiten` fetches the form once (session cookie,
CSRF cookie, CSRF token), :func:`gleichzeitig` then releases all POSTs together through a
barrier against a running server. Used by the parallel tests of the Ferienkalender, the
resource pool and the Aktionstag.
"""

from __future__ import annotations

import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings


class _KeineWeiterleitung(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OEFFNER = urllib.request.build_opener(_KeineWeiterleitung)


def vorbereiten(basis_url: str, session_key: str, pfad: str) -> tuple[str, str]:
    """A browser of its own: (cookie header with session and CSRF cookie, form's CSRF token)."""
    sitzung = f"{settings.SESSION_COOKIE_NAME}={session_key}"
    antwort = OEFFNER.open(
        urllib.request.Request(basis_url + pfad, headers={"Cookie": sitzung}), timeout=30
    )
    seite = antwort.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', seite).group(1)
    csrf = next(
        c.split(";", 1)[0]
        for c in antwort.headers.get_all("Set-Cookie")
        if c.startswith(settings.CSRF_COOKIE_NAME + "=")
    )
    return f"{sitzung}; {csrf}", token


def gleichzeitig(basis_url: str, auftraege: list[tuple[str, str, dict]]) -> list[tuple[int, str]]:
    """POST every (pfad, cookies, daten) at the same moment; (status, body) each, in order.
    `daten` gets the CSRF token from the cookies' browser added by the caller."""
    schranke = threading.Barrier(len(auftraege))

    def absenden(auftrag) -> tuple[int, str]:
        pfad, cookies, daten = auftrag
        anfrage = urllib.request.Request(
            basis_url + pfad,
            data=urllib.parse.urlencode(daten).encode(),
            headers={"Cookie": cookies, "Referer": basis_url + pfad},
        )
        schranke.wait()
        try:
            antwort = OEFFNER.open(anfrage, timeout=60)
            return antwort.status, antwort.read().decode()
        except urllib.error.HTTPError as fehler:
            return fehler.code, fehler.read().decode()

    with ThreadPoolExecutor(max_workers=len(auftraege)) as pool:
        return list(pool.map(absenden, auftraege))
