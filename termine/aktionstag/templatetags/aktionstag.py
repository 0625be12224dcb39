"""The Aktionstag's template slots: its part of Mein Bereich and of the home page."""

from __future__ import annotations

from django import template
from django.db.models import Q
from django.utils import timezone

from termine.aktionstag import services
from termine.models import Aktionstag, Helfereinsatz, Station

register = template.Library()


@register.inclusion_tag("termine/aktionstag/_mein_bereich_inhalt.html", takes_context=True)
def aktionstag_mein_bereich(context) -> dict:
    """The user's coming shifts (with cancel) and their actors' stations of coming days.
    Three queries, however many there are."""
    user = context["user"]
    jetzt = timezone.now()
    einsaetze = list(
        Helfereinsatz.objects.filter(user=user, schicht__ende__gte=jetzt)
        .select_related("schicht__aktionstag__termin", "schicht__station")
        .order_by("schicht__start", "pk")
    )
    for einsatz in einsaetze:
        einsatz.absagbar = services.absagen_moeglich(einsatz, jetzt)
    stationen = list(
        Station.objects.schreibbar_fuer(user)
        .filter(aktionstag__termin__ende__gte=jetzt)
        .filter(Q(akteur__mitgliedschaften__user=user))
        .distinct()
        .select_related("akteur", "aktionstag__termin")
        .order_by("aktionstag__termin__start", "start", "pk")
    )
    offen = [
        a
        for a in Aktionstag.objects.sichtbar_fuer(user).kommende(jetzt).select_related("termin")
        if a.stationen_moeglich(jetzt)
    ]
    return {"einsaetze": einsaetze, "stationen": stationen, "offen": offen, "user": user}


@register.inclusion_tag("termine/aktionstag/_startseite_inhalt.html", takes_context=True)
def aktionstag_startseite(context) -> dict:
    """The next action day while it is upcoming (one query), with its open shifts' count."""
    naechster = (
        Aktionstag.objects.sichtbar_fuer(context["user"])
        .kommende()
        .select_related("termin")
        .order_by("termin__start", "pk")
        .first()
    )
    return {"aktionstag": naechster}
