"""Template tags of the calendar: date formatting and the slots on other apps' pages.

Other apps include ``termine/_akteur.html`` etc., which call these tags, so that vereine
and arbeitsgruppen never import termine.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django import template
from django.db.models import Exists, IntegerField, OuterRef, Subquery, Value
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as datumsformat
from django.utils.translation import gettext as _

from arbeitsgruppen.models import Arbeitsgruppe
from netzwerk.berechtigungen import ist_koordination
from termine.ical import absolute_url
from termine.kalender import naechste_eintraege
from termine.models import Protokoll, Termin
from termine.views import webcal
from vereine.models import Akteur

register = template.Library()

ANZAHL = 5
VERGANGENE = 3


@register.simple_tag
def zeitraum(start: datetime, ende: datetime, ganztaegig: bool = False) -> str:
    """“Do, 19. März 2026, 18:00–20:00 Uhr”, “Fr, 22. Mai 2026, ganztägig”, or a range
    of days for multi-day dates; always in local time."""
    start, ende = timezone.localtime(start), timezone.localtime(ende)
    tag = "D, j. F Y"
    if ganztaegig:
        # All-day dates end at local midnight after their last day (exclusive).
        letzter = ende.date()
        if ende > start and ende.time() == time(0):
            letzter -= timedelta(days=1)
        if letzter <= start.date():
            return _("%(tag)s, all day") % {"tag": datumsformat(start, tag)}
        return _("%(von)s to %(bis)s") % {
            "von": datumsformat(start, tag),
            "bis": datumsformat(letzter, tag),
        }
    if ende.date() != start.date():
        return _("%(von)s, %(zeit)s to %(bis)s") % {
            "von": datumsformat(start, tag),
            "zeit": datumsformat(start, "H:i"),
            "bis": datumsformat(ende, tag + ", H:i"),
        }
    if ende == start:
        return _("%(tag)s, %(zeit)s") % {
            "tag": datumsformat(start, tag),
            "zeit": datumsformat(start, "H:i"),
        }
    return _("%(tag)s, %(von)s–%(bis)s") % {
        "tag": datumsformat(start, tag),
        "von": datumsformat(start, "H:i"),
        "bis": datumsformat(ende, "H:i"),
    }


@register.simple_tag
def uhrzeit(eintrag) -> str:
    """Short time for grid cells: “18:00” or “all day”."""
    if eintrag.ganztaegig:
        return _("all day")
    return datumsformat(timezone.localtime(eintrag.start), "H:i")


@register.simple_tag(takes_context=True)
def webcal_link(context, pfad: str) -> str:
    """``{% webcal_link pfad %}``: the webcal:// address of a feed on the visitor's host."""
    # An inclusion tag's context keeps the request as an attribute, not as a variable.
    request = getattr(context, "request", None) or context.get("request")
    return webcal(absolute_url(pfad, request))


@register.inclusion_tag("termine/tags/eintraege.html", takes_context=True)
def startseite_termine(context) -> dict:
    liste = naechste_eintraege(Termin.objects.oeffentlich(), ANZAHL)
    return {"eintraege": liste, "leer": _("No dates planned at the moment.")}


@register.inclusion_tag("termine/tags/akteur.html", takes_context=True)
def naechste_termine(context, akteur) -> dict:
    user = context["request"].user
    qs = Termin.objects.sichtbar_fuer(user).filter(
        pk__in=Termin.objects.fuer_akteur(akteur).values("pk")
    )
    return {
        "eintraege": naechste_eintraege(qs, ANZAHL),
        "akteur": akteur,
        "feed": reverse("termine:feed_akteur", args=[akteur.slug]),
        "oeffentlich": akteur.sichtbarkeit == "oeffentlich" and akteur.status == "aktiv",
    }


@register.inclusion_tag("termine/tags/gruppe.html", takes_context=True)
def gruppen_termine(context, gruppe) -> dict:
    user = context["request"].user
    qs = Termin.objects.sichtbar_fuer(user).filter(arbeitsgruppe=gruppe)
    return {
        "eintraege": naechste_eintraege(qs, ANZAHL),
        "vergangene": _vergangene_treffen(qs, user),
        "gruppe": gruppe,
        # The group page hands in what the user may do there (members write, also dates).
        "darf_planen": bool(getattr(context.get("zugang"), "darf_schreiben", False)),
        "feed": reverse("termine:feed_gruppe", args=[gruppe.slug])
        if gruppe.sichtbarkeit != Arbeitsgruppe.Sichtbarkeit.INTERN
        else "",
    }


def _vergangene_treffen(qs, user) -> list[Termin]:
    """The group's last few single meetings, each annotated in the same query with
    ``protokoll_link_pk`` (minutes `user` may read, else None) and ``darf_protokoll``
    (`user` may write the minutes). One query whatever the number of meetings."""
    if user.is_authenticated:
        lesbar = Protokoll.objects.sichtbar_fuer(user).filter(termin=OuterRef("pk"))
        schreibbar = Exists(Termin.objects.schreibbar_fuer(user).filter(pk=OuterRef("pk")))
        qs = qs.annotate(
            protokoll_link_pk=Subquery(lesbar.values("pk")[:1]), darf_protokoll=schreibbar
        )
    else:
        qs = qs.annotate(
            protokoll_link_pk=Value(None, output_field=IntegerField()),
            darf_protokoll=Value(False),
        )
    return list(
        qs.filter(wiederholung=Termin.Wiederholung.KEINE, ende__lt=timezone.now())
        .nicht_abgesagt()
        .annotate(protokoll_da=Exists(Protokoll.objects.filter(termin=OuterRef("pk"))))
        .order_by("-start")[:VERGANGENE]
    )


@register.inclusion_tag("termine/tags/mein_bereich.html", takes_context=True)
def mein_bereich_termine(context) -> dict:
    user = context["request"].user
    return {
        "eintraege": naechste_eintraege(Termin.objects.eigene(user), ANZAHL),
        "feed": reverse("termine:feed_persoenlich", args=[user.feed_token]),
        "darf_anlegen": Akteur.objects.schreibbar_fuer(user).exists()
        or user.ag_mitgliedschaften.exists(),
        "csrf_token": context.get("csrf_token"),
        "ist_koordination": ist_koordination(user),
    }
