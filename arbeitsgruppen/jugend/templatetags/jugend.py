"""Template tags of Jugendbeteiligung (`{% load jugend %}`): its slot on the home page."""

from __future__ import annotations

from django import template

from arbeitsgruppen.jugend.models import Idee

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
