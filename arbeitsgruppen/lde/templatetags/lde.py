"""Template tags of Lernen durch Engagement (`{% load lde %}`): its slot in Mein Bereich."""

from __future__ import annotations

from django import template

from arbeitsgruppen.lde.models import Engagementbedarf, Klassenprojekt, schulen_von

register = template.Library()


@register.inclusion_tag("lde/tags/mein_bereich.html", takes_context=True)
def lde_mein_bereich(context) -> dict:
    """Mein Bereich: a teacher's running projects, the projects the user's actors are partners
    in, and the own actors' needs on the board. Four queries at most."""
    user = context["request"].user
    if not user.mitgliedschaften.exists():
        return {"zeigen": False}
    lehrkraft = schulen_von(user).exists()
    projekte = list(
        Klassenprojekt.objects.sichtbar_fuer(user)
        .filter(status=Klassenprojekt.Status.LAEUFT)
        .select_related("schule")
        .order_by("schule__name", "klasse", "pk")[:10]
    )
    offen = Engagementbedarf.objects.offen().filter(
        pk__in=Engagementbedarf.objects.schreibbar_fuer(user).values("pk")
    )
    return {
        "zeigen": True,
        "lehrkraft": lehrkraft,
        "projekte": projekte,
        "offene_bedarfe": offen.count(),
    }
