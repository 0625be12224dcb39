"""The Aktionstag's template slots: its part of Mein Bereich and of the home page."""

from __future__ import annotations

from django import template
from django.utils import timezone

from termine.aktionstag import services
from termine.models import Aktionstag, Helfereinsatz, Station
from vereine.models import Akteur

register = template.Library()


@register.inclusion_tag("termine/aktionstag/_mein_bereich_inhalt.html", takes_context=True)
def aktionstag_mein_bereich(context) -> dict:
    """The user's coming shifts (with cancel), their actors' stations of coming days and the
    days open for stations (for members of an actor). Four queries, however many there are."""
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
        Station.objects.filter(
            aktionstag__termin__ende__gte=jetzt, akteur__mitgliedschaften__user=user
        )
        .distinct()
        .select_related("akteur", "aktionstag__termin")
        .order_by("aktionstag__termin__start", "start", "pk")
    )
    offen = []
    if Akteur.objects.aktiv().filter(mitgliedschaften__user=user).exists():
        # Only members of an actor can take part with a station.
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
