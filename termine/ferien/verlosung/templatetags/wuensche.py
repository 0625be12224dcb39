"""Template tags of the wish phase (Verlosung)."""

from __future__ import annotations

from django import template
from django.db.models import Count

from termine.ferien.verlosung import services as dienste
from termine.models import Kind, Wunsch

register = template.Library()


@register.inclusion_tag("termine/verlosung/_mein_bereich_inhalt.html", takes_context=True)
def wunschphasen_mein_bereich(context) -> dict:
    """Open wish phases with a link per child of the user (nothing when none is open)."""
    user = context["user"]
    zeitraeume = list(dienste.zeitraeume_mit_offener_wunschphase()[:3])
    if not zeitraeume or not user.is_authenticated:
        return {"eintraege": []}
    kinder = list(Kind.objects.filter(eltern=user))
    zahlen = {
        (z, k): n
        for z, k, n in Wunsch.objects.filter(
            kind__eltern=user, durchfuehrung__angebot__zeitraum__in=zeitraeume
        )
        .values_list("durchfuehrung__angebot__zeitraum", "kind")
        .annotate(n=Count("pk"))
        .order_by()
    }
    return {
        "eintraege": [
            {
                "zeitraum": z,
                "einstellung": dienste.einstellung(z),
                "kinder": [(k, zahlen.get((z.pk, k.pk), 0)) for k in kinder],
            }
            for z in zeitraeume
        ]
    }
