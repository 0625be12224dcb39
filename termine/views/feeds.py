"""iCal downloads, subscribable feeds and the subscribe page."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import condition

from arbeitsgruppen.models import Arbeitsgruppe
from netzwerk import zwischenspeicher
from netzwerk.models import Ortsteil, Schulferien, User
from netzwerk.zeit import ortszeit
from termine import feeds, ical
from termine.models import Termin
from termine.views.kalender import FEED_RUECKBLICK
from vereine.models import Akteur

# --------------------------------------------------------------------------- iCal


def _ical_antwort(inhalt: bytes, dateiname: str, *, anhang: bool) -> HttpResponse:
    antwort = HttpResponse(inhalt, content_type="text/calendar; charset=utf-8")
    art = "attachment" if anhang else "inline"
    antwort["Content-Disposition"] = f'{art}; filename="{dateiname}"'
    return antwort


def _termin_ics_etag(request, pk: int) -> str | None:
    werte = (
        Termin.objects.sichtbar_fuer(request.user)
        .filter(pk=pk)
        .values_list("uid", "sequence", "geaendert")
        .first()
    )
    if werte is None:
        return None
    return hashlib.sha256(repr((ical.FORMAT, werte)).encode()).hexdigest()[:32]


def _termin_ics_last_modified(request, pk: int):
    return (
        Termin.objects.sichtbar_fuer(request.user)
        .filter(pk=pk)
        .values_list("geaendert", flat=True)
        .first()
    )


@condition(etag_func=_termin_ics_etag, last_modified_func=_termin_ics_last_modified)
def termin_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """The .ics download of one date (a series with its RRULE)."""
    termin = get_object_or_404(Termin.objects.sichtbar_fuer(request.user).fuer_listen(), pk=pk)
    ferien = _alle_ferien()
    inhalt = ical.kalender([termin], name=termin.titel, ferien=ferien)
    return _ical_antwort(inhalt, f"termin-{termin.pk}.ics", anhang=True)


def _alle_ferien() -> list[tuple[date, date]]:
    return list(Schulferien.objects.values_list("beginn", "ende"))


type FeedQuelle = Callable[..., tuple[object, str]]


def _feed_view(quelle: FeedQuelle, *, privat: bool = False):
    """A calendar feed (see `feeds.ical_feed`) of the Termine `quelle` selects.

    `quelle(request, **kwargs)` returns the Termin queryset of the feed and its name, or
    raises Http404. The feed changes when any of its dates changes, appears or goes, and
    with the school holidays (they become EXDATEs).
    """

    def _termine(request, **kwargs):
        qs, name = quelle(request, **kwargs)
        return qs.kommende(timezone.now() - FEED_RUECKBLICK), name

    def stand(request, **kwargs) -> feeds.Stand:
        # The content versions alone (netzwerk/zwischenspeicher.py), no rows: any saved
        # Termin, exception, organiser, group membership or school holiday gives every feed a
        # new ETag (in other workers within a second); so does the day (the feed's window
        # moves on). The address is in the ETag.
        fingerabdruck, zuletzt = zwischenspeicher.stand(max_alter=zwischenspeicher.FEED_MAX_ALTER)
        heute = timezone.localdate()
        mitternacht = ortszeit(heute)
        return feeds.Stand(
            (fingerabdruck, heute.isoformat()), max(zuletzt, mitternacht), privat=privat
        )

    def bauen(request, **kwargs) -> bytes:
        qs, name = _termine(request, **kwargs)
        return ical.kalender(qs.fuer_listen(), name=name, ferien=_alle_ferien())

    return feeds.ical_feed(stand, bauen, dateiname="termine.ics")


def _netzwerkname() -> str:
    from netzwerk.models import Netzwerkprofil

    return Netzwerkprofil.aktuell().name


def _quelle_alle(request):
    return Termin.objects.oeffentlich(), _("%(netz)s: all dates") % {"netz": _netzwerkname()}


def _quelle_akteur(request, slug: str):
    akteur = get_object_or_404(Akteur.objects.oeffentlich(), slug=slug)
    qs = Termin.objects.oeffentlich().filter(pk__in=Termin.objects.fuer_akteur(akteur).values("pk"))
    return qs, _("Dates: %(name)s") % {"name": akteur.name}


def _quelle_kategorie(request, kategorie: str):
    if kategorie not in Termin.Kategorie.values:
        raise Http404
    label = Termin.Kategorie(kategorie).label
    return Termin.objects.oeffentlich().filter(kategorie=kategorie), _("Dates: %(name)s") % {
        "name": label
    }


def _quelle_ortsteil(request, slug: str):
    ortsteil = get_object_or_404(Ortsteil, slug=slug)
    return Termin.objects.oeffentlich().filter(ortsteil=ortsteil), _("Dates: %(name)s") % {
        "name": ortsteil.name
    }


def _quelle_gruppe(request, slug: str):
    # Only groups whose work is open to read publish a feed, and only their public dates.
    gruppe = get_object_or_404(
        Arbeitsgruppe.objects.exclude(sichtbarkeit=Arbeitsgruppe.Sichtbarkeit.INTERN), slug=slug
    )
    return Termin.objects.oeffentlich().filter(arbeitsgruppe=gruppe), _("Dates: %(name)s") % {
        "name": gruppe.name
    }


def _quelle_persoenlich(request, token: str):
    user = get_object_or_404(User, feed_token=token, is_active=True)
    return Termin.objects.sichtbar_fuer(user), _("%(netz)s: my dates") % {"netz": _netzwerkname()}


feed_alle = _feed_view(_quelle_alle)
feed_akteur = _feed_view(_quelle_akteur)
feed_kategorie = _feed_view(_quelle_kategorie)
feed_ortsteil = _feed_view(_quelle_ortsteil)
feed_gruppe = _feed_view(_quelle_gruppe)
feed_persoenlich = _feed_view(_quelle_persoenlich, privat=True)


def webcal(url: str) -> str:
    return "webcal://" + url.split("://", 1)[-1]


def abonnieren(request: HttpRequest) -> HttpResponse:
    """Help page: how to subscribe in Google, Apple, Outlook and Thunderbird."""

    def eintrag(name: str, pfad: str) -> dict[str, str]:
        # From the address the visitor used, not SITE_URL: the links must work here.
        url = ical.absolute_url(pfad, request)
        return {"name": name, "url": url, "webcal": webcal(url)}

    feeds = [eintrag(_("All public dates"), reverse("termine:feed"))]
    feeds += [
        eintrag(label, reverse("termine:feed_kategorie", args=[wert]))
        for wert, label in Termin.Kategorie.choices
    ]
    ortsteile = [
        eintrag(o.name, reverse("termine:feed_ortsteil", args=[o.slug]))
        for o in Ortsteil.objects.all()
    ]
    persoenlich = None
    if request.user.is_authenticated:
        persoenlich = eintrag(
            _("My dates"), reverse("termine:feed_persoenlich", args=[request.user.feed_token])
        )
    return render(
        request,
        "termine/abonnieren.html",
        {
            "feeds": feeds,
            "ortsteile": ortsteile,
            "persoenlich": persoenlich,
            "schema": request.scheme,
        },
    )
