"""Content versions per family of pages, and the page cache for anonymous visitors.

A *family* is an app's content (netzwerk, vereine, arbeitsgruppen, termine – the rooms share
their app's family). Any save or delete of one of its models (signals, so admin and services
alike), and any ``QuerySet.update``/``bulk_create``/``bulk_update`` on one (wrapped here),
gives the family a new version, inside the same transaction and once more on commit.
Versions live in Django's cache (the database cache by default, so every app server sees the
same), one `get_many` reads them all.

Used for:

* :class:`SeitenCacheMiddleware`: public pages listed in :data:`SEITEN` are stored for
  anonymous GETs under their address, language, day and the versions of the families they
  show; a save makes the next request render afresh (no stale content); raw SQL, which
  bypasses all of this, is at most :data:`SEKUNDEN` old.
* ETag and Last-Modified of the iCal feeds (:func:`termine.feeds.ical_feed`): a conditional
  GET is answered from the versions alone, without loading rows; a worker may use the
  versions it read up to a second ago (:data:`FEED_MAX_ALTER`), so a 304 needs no query.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Iterable
from datetime import UTC, datetime

from django.apps import apps as django_apps
from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

FAMILIEN = ("netzwerk", "vereine", "arbeitsgruppen", "termine")
ALLE = FAMILIEN
SEKUNDEN = 120
FEED_MAX_ALTER = 1.0
PRAEFIX = "inhalt-version:"

# Derived or technical tables whose writes change no page.
IGNORIERT = {"termine.vorkommen", "termine.vorkommenstand", "netzwerk.joblauf"}

# Public pages cached for anonymous visitors (URL name → families shown). Pages show each
# other's content (an actor's dates, a date's organisers), so most depend on all families.
SEITEN: dict[str, tuple[str, ...]] = {
    name: ALLE
    for name in (
        "startseite",
        "vereine:liste",
        "vereine:detail",
        "vereine:gesuche",
        "vereine:gesuch",
        "termine:liste",
        "termine:monat",
        "termine:monat_aktuell",
        "termine:tag",
        "termine:detail",
        "ferien:kalender",
        "ferien:liste",
        "ferien:tage",
        "ferien:angebot",
        "ferien:woche",
        "arbeitsgruppen:liste",
        "arbeitsgruppen:detail",
        "stammtisch:uebersicht",
        "stammtisch:detail",
        "marktplatz:start",
        "marktplatz:eintrag",
    )
}

# A member's own pages, cached per session (URL name → families shown), and the seconds a
# stored copy is good for: copies belong to a window of that many seconds, so a state that
# changes at a full minute (a registration opening at 8:00) is never served from before.
EIGENE_SEITEN: dict[str, tuple[str, ...]] = {
    name: ALLE
    for name in (
        "mein_bereich",
        "termine:meine",
        "ferien:familie",
        "ferien:anbieter",
        "ressourcen:liste",
        "ressourcen:detail",
        "ressourcen:meine",
    )
}
FENSTER_EIGENE = 10


def _neue_version() -> tuple[float, str]:
    # A time (for Last-Modified) and a random part: a frozen test clock or an evicted
    # entry must never bring back a version that was used before.
    return (time.time(), secrets.token_hex(6))


# Versions as read by this process, for readers that accept them `max_alter` seconds old.
_gelesen: dict[tuple[str, ...], tuple[float, dict]] = {}


def versionen(
    familien: Iterable[str] = FAMILIEN, *, max_alter: float = 0
) -> dict[str, tuple[float, str]]:
    """The current version of each family (one cache read; a missing one is created).

    With `max_alter` a copy this process read at most that many seconds ago will do (no
    read at all): for the iCal feeds' conditional GETs, where a second does not matter.
    A bump in this process always discards the copy."""
    familien = tuple(familien)
    if max_alter:
        gelesen = _gelesen.get(familien)
        if gelesen and time.monotonic() - gelesen[0] < max_alter:
            return gelesen[1]
    schluessel = {PRAEFIX + f: f for f in familien}
    werte = cache.get_many(list(schluessel))
    for k in schluessel.keys() - werte.keys():
        cache.add(k, _neue_version(), None)
        werte[k] = cache.get(k) or _neue_version()
    ergebnis = {schluessel[k]: v for k, v in werte.items()}
    _gelesen[familien] = (time.monotonic(), ergebnis)
    return ergebnis


def erhoehen(*familien: str) -> None:
    """Give `familien` new versions, now and again when the transaction commits.

    Side effects: writes the versions to the cache (with the database cache inside the
    running transaction)."""
    if not familien:
        return

    def schreiben() -> None:
        _gelesen.clear()
        cache.set_many({PRAEFIX + f: _neue_version() for f in familien}, None)

    schreiben()
    transaction.on_commit(schreiben)


def fingerabdruck(familien: Iterable[str] = FAMILIEN) -> str:
    """A short hash of the families' versions (for cache keys and ETags)."""
    return stand(familien)[0]


def stand(familien: Iterable[str] = FAMILIEN, *, max_alter: float = 0) -> tuple[str, datetime]:
    """The families' fingerprint and when the latest of them changed (one cache read, or
    none with `max_alter`, see :func:`versionen`)."""
    werte = versionen(familien, max_alter=max_alter)
    roh = repr(sorted(werte.items()))
    zuletzt = datetime.fromtimestamp(max(v[0] for v in werte.values()), tz=UTC)
    return hashlib.sha256(roh.encode()).hexdigest()[:24], zuletzt


# --------------------------------------------------------------------------- signals


def _familie(modell) -> str | None:
    meta = modell._meta
    # Historical models (migrations) are left to `nach_migration`: the cache table may not
    # exist yet.
    if meta.apps is not django_apps or meta.app_label not in FAMILIEN:
        return None
    return None if meta.label_lower in IGNORIERT else meta.app_label


def nach_migration(sender, **kwargs) -> None:
    """Data migrations write without our signals: every family gets a new version (unless
    the cache table is not there yet – then nothing is cached either)."""
    try:
        with transaction.atomic():
            erhoehen(*FAMILIEN)
    except DatabaseError:
        pass


def gespeichert(sender, update_fields=None, **kwargs) -> None:
    if update_fields and set(update_fields) <= {"last_login"}:
        return  # a login changes no page
    if familie := _familie(sender):
        erhoehen(familie)


def geloescht(sender, **kwargs) -> None:
    if familie := _familie(sender):
        erhoehen(familie)


def m2m_geaendert(sender, instance, action: str, **kwargs) -> None:
    if action.startswith("post_") and (familie := _familie(type(instance))):
        erhoehen(familie)


def _mit_versionserhoehung(methode):
    """Wrap a QuerySet method that writes without signals (update, bulk_create, bulk_update)
    so that it, too, bumps its model's family: services cancel a date or move a waiting
    list with ``update()``."""

    def gewickelt(self, *args, **kwargs):
        ergebnis = methode(self, *args, **kwargs)
        if familie := _familie(self.model):
            erhoehen(familie)
        return ergebnis

    gewickelt.__wrapped__ = methode
    gewickelt.__doc__ = methode.__doc__
    return gewickelt


def verbinden() -> None:
    """Connect the signals and wrap the signal-less writers (from NetzwerkConfig.ready)."""
    from django.db.models import QuerySet
    from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

    # Per model of the families only: a post_delete receiver for every model would turn off
    # Django's fast deletes everywhere (sessions, tasks).
    for modell in django_apps.get_models(include_auto_created=True):
        if familie_des_modells := _familie(modell):
            uid = f"inhalt_version_{familie_des_modells}_{modell._meta.label_lower}"
            post_save.connect(gespeichert, sender=modell, dispatch_uid=uid + "_save")
            post_delete.connect(geloescht, sender=modell, dispatch_uid=uid + "_delete")
    m2m_changed.connect(m2m_geaendert, dispatch_uid="inhalt_version_m2m")
    post_migrate.connect(nach_migration, dispatch_uid="inhalt_version_migrate")
    for name in ("update", "bulk_create", "bulk_update"):
        methode = getattr(QuerySet, name)
        if not hasattr(methode, "__wrapped__"):
            setattr(QuerySet, name, _mit_versionserhoehung(methode))


# --------------------------------------------------------------------------- page cache


class SeitenCacheMiddleware:
    """Serves the pages of :data:`SEITEN` to anonymous GETs from the cache, and a member's
    own pages (:data:`EIGENE_SEITEN`) to the same session.

    Anonymous: only requests without a session cookie. Members: keyed by their session (a
    new login renders afresh) and CSRF cookie, and by a window of :data:`FENSTER_EIGENE`
    seconds. Not while a message waits (the messages cookie; messages kept in the session
    come with it), never for htmx requests; only complete 200 answers that set no cookie
    (anonymous: that are not private either). Last in MIDDLEWARE, so the outer middleware
    (security headers, CSP, clickjacking, the session's Vary) still runs on every answer.
    """

    KOEPFE = ("Content-Type", "Content-Language", "Cache-Control")

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        schluessel = getattr(request, "_seiten_schluessel", None)
        neu = schluessel and not getattr(response, "_aus_dem_cache", False)
        if neu and self._speicherbar(response, privat=request._seiten_privat):
            koepfe = [(k, response[k]) for k in self.KOEPFE if k in response]
            dauer = FENSTER_EIGENE if request._seiten_privat else SEKUNDEN
            cache.set(schluessel, (response.content, koepfe), dauer)
        return response

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if request.method not in ("GET", "HEAD") or "HX-Request" in request.headers:
            return None
        if "messages" in request.COOKIES or not settings.SEITEN_CACHE:
            return None
        match = request.resolver_match
        if not match:
            return None
        teile = [
            request.get_host(),
            request.is_secure(),
            request.get_full_path(),
            getattr(request, "LANGUAGE_CODE", ""),
            timezone.localdate().isoformat(),
        ]
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            familien = EIGENE_SEITEN.get(match.view_name)
            if familien is None:
                return None
            teile += [
                user.pk,
                request.session.session_key,
                request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""),
                int(time.time() // FENSTER_EIGENE),
            ]
            privat = True
        else:
            familien = SEITEN.get(match.view_name)
            if familien is None or settings.SESSION_COOKIE_NAME in request.COOKIES:
                return None
            privat = False
        teile.append(fingerabdruck(familien))
        schluessel = "seite:" + hashlib.sha256(repr(teile).encode()).hexdigest()
        request._seiten_schluessel = schluessel
        request._seiten_privat = privat
        gespeichert = cache.get(schluessel)
        if gespeichert is None:
            return None
        inhalt, koepfe = gespeichert
        antwort = HttpResponse(inhalt)
        for kopf, wert in koepfe:
            antwort[kopf] = wert
        antwort._aus_dem_cache = True
        return antwort

    @staticmethod
    def _speicherbar(response: HttpResponse, *, privat: bool) -> bool:
        steuerung = response.get("Cache-Control", "")
        verboten = ("no-store",) if privat else ("private", "no-store", "no-cache")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not any(wort in steuerung for wort in verboten)
        )
