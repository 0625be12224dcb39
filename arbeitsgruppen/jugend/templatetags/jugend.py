"""Template tags of Jugendbeteiligung (`{% load jugend %}`): its slots on the home page and
in Mein Bereich."""

from __future__ import annotations

from django import template
from django.db.models import Q
from django.utils import timezone

from arbeitsgruppen.jugend import rechte
from arbeitsgruppen.jugend.models import Idee, Jugendprofil

register = template.Library()


@register.inclusion_tag("jugend/tags/startseite.html")
def jugend_startseite() -> dict:
    """The home page: the three newest public ideas and the way to all of them."""
    ideen = (
        Idee.objects.oeffentlich()
        .select_related("autor__jugendprofil")
        .order_by("-erstellt", "-pk")[:3]
    )
    return {"ideen": list(ideen)}


@register.inclusion_tag("jugend/tags/mein_bereich.html", takes_context=True)
def jugend_mein_bereich(context) -> dict:
    """Mein Bereich: the user's own ideas (and a waiting guardian's confirmation); for the
    moderators what waits on their page. Nothing for everybody else."""
    user = context["request"].user
    ideen = list(Idee.objects.filter(autor=user).order_by("-erstellt", "-pk")[:8])
    profil = Jugendprofil.objects.filter(user=user).first()
    moderation = rechte.ist_moderation(user)
    offen = 0
    if moderation:
        ueberfaellig = Idee.objects.oeffentlich().antwort_ueberfaellig(timezone.localdate())
        offen = Idee.objects.filter(
            Q(pk__in=Idee.objects.gemeldet_oder_markiert().values("pk"))
            | Q(pk__in=ueberfaellig.values("pk"))
        ).count()
    return {
        "ideen": ideen,
        "profil": profil,
        "moderation": moderation,
        "offen": offen,
        "zeigen": bool(ideen or profil or moderation),
    }
