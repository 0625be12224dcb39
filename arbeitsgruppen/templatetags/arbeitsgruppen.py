"""Template tags that fill the slots other apps include (home page, Mein Bereich, actor page)."""

from django import template
from django.db.models import Count
from django.utils import timezone

from arbeitsgruppen.models import Arbeitsgruppe, Aufgabe, Beitrittsanfrage

register = template.Library()


@register.inclusion_tag("arbeitsgruppen/tags/startseite.html", takes_context=True)
def gruppen_startseite(context) -> dict:
    user = context["request"].user
    gruppen = Arbeitsgruppe.objects.sichtbar_fuer(user).order_by("name")[:6]
    return {"gruppen": list(gruppen)}


@register.inclusion_tag("arbeitsgruppen/tags/mein_bereich.html", takes_context=True)
def gruppen_mein_bereich(context) -> dict:
    user = context["request"].user
    meine = Arbeitsgruppe.objects.von(user)
    aufgaben = list(
        Aufgabe.objects.fuer(user).offen().filter(gruppe__in=meine).select_related("gruppe")[:8]
    )
    anfragen = list(
        Beitrittsanfrage.objects.filter(
            status=Beitrittsanfrage.Status.OFFEN,
            gruppe__in=meine.filter(mitglieder__user=user, mitglieder__rolle="leitung"),
        ).select_related("gruppe", "user")[:10]
    )
    return {
        "aufgaben": aufgaben,
        "gruppen": list(meine.order_by("name")),
        "anfragen": anfragen,
        "heute": timezone.localdate(),
    }


@register.inclusion_tag("arbeitsgruppen/tags/akteur.html", takes_context=True)
def gruppen_des_akteurs(context, akteur) -> dict:
    user = context["request"].user
    gruppen = (
        Arbeitsgruppe.objects.sichtbar_fuer(user)
        .filter(akteure=akteur)
        .annotate(anzahl_mitglieder=Count("mitglieder", distinct=True))
        .order_by("name")
    )
    return {"gruppen": list(gruppen)}
