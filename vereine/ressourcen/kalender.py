"""An actor's lendings as a private iCal feed (network-internal, titles only).

The actor feeds of the calendar (`termine:feed_akteur`) are public and carry only public
dates, so lendings get a feed of their own per actor: both what it borrows and what it lends.
Its URL carries an HMAC of the actor, so only the members who see it on "Ausleihen" can
subscribe; the VCALENDAR comes from termine.ical's writer.
"""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from icalendar import Event

from termine import ical
from vereine.models import Akteur
from vereine.ressourcen.models import Ausleihe

SALZ = "vereine.ressourcen.feed"


def feed_token(akteur: Akteur) -> str:
    return salted_hmac(SALZ, f"{akteur.pk}:{akteur.slug}", algorithm="sha256").hexdigest()[:32]


def feed_pruefen(akteur: Akteur, token: str) -> bool:
    return constant_time_compare(feed_token(akteur), token)


def feed_url(akteur: Akteur, request=None) -> str:
    """The feed's address; from the request on a page (see `termine.ical.absolute_url`)."""
    return ical.absolute_url(
        reverse("ressourcen:feed", kwargs={"slug": akteur.slug, "token": feed_token(akteur)}),
        request,
    )


def _uid(ausleihe: Ausleihe) -> str:
    return f"ausleihe-{ausleihe.pk}@" + ical.absolute_url("").split("://", 1)[-1].split("/")[0]


def vevent(ausleihe: Ausleihe, *, fuer: Akteur) -> Event:
    """All-day VEVENT of a lending, titled from `fuer`'s side; no description (titles only)."""
    if ausleihe.ressource.akteur_id == fuer.pk:
        titel = _("Lent: %(name)s to %(akteur)s") % {
            "name": ausleihe.ressource.name,
            "akteur": ausleihe.akteur.name,
        }
    else:
        titel = _("Borrowed: %(name)s from %(akteur)s") % {
            "name": ausleihe.ressource.name,
            "akteur": ausleihe.ressource.akteur.name,
        }
    if ausleihe.menge > 1:
        titel = f"{ausleihe.menge} × {titel}"
    event = Event()
    event.add("uid", _uid(ausleihe))
    stand = ausleihe.geaendert.astimezone(ical.UTC).replace(microsecond=0)
    event.add("dtstamp", stand)
    event.add("last-modified", stand)
    event.add("summary", titel)
    event.add("dtstart", ausleihe.von)
    event.add("dtend", ausleihe.bis + timedelta(days=1))
    event.add("class", "PRIVATE")
    event.add("transp", "TRANSPARENT")
    event.add("url", ical.absolute_url(ausleihe.get_absolute_url()))
    return event


def kalender_fuer(akteur: Akteur) -> bytes:
    """The feed: accepted, handed-over and returned lendings of `akteur`, both directions."""
    ausleihen = list(
        (Ausleihe.objects.filter(akteur=akteur) | Ausleihe.objects.filter(ressource__akteur=akteur))
        .filter(status__in=Ausleihe.BELEGEND_ODER_ERLEDIGT)
        .select_related("ressource", "ressource__akteur", "akteur")
        .order_by("von", "pk")
    )
    return ical.kalender_aus(
        [vevent(a, fuer=akteur) for a in ausleihen],
        name=_("Lendings: %(name)s") % {"name": akteur.name},
    )
