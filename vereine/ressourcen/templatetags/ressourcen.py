"""Template tags of the pool (`{% load ressourcen %}`): its slot in Mein Bereich."""

from __future__ import annotations

from django import template

from vereine.ressourcen.models import Ausleihe

register = template.Library()


@register.inclusion_tag("ressourcen/tags/mein_bereich.html", takes_context=True)
def ressourcen_mein_bereich(context) -> dict:
    """Mein Bereich: the way into the pool, with the requests waiting for the user's answer."""
    user = context["request"].user
    mitglied = user.mitgliedschaften.exists()
    return {
        "mitglied": mitglied,
        "offen": Ausleihe.objects.eingehend_fuer(user).offen().count() if mitglied else 0,
    }
