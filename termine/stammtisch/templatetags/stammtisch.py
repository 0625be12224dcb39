"""Template tags of the Stammtisch for the slots of other pages (Mein Bereich, Akteur page).

Usage: ``{% load stammtisch %}{% mein_stammtisch %}`` and ``{% stammtisch_gastgeber akteur %}``.
"""

from django import template

from termine.models import Rueckmeldung, Stammtisch

register = template.Library()


@register.inclusion_tag("termine/stammtisch/_mein_stammtisch.html", takes_context=True)
def mein_stammtisch(context) -> dict:
    """The next meetings of the series the user's Akteure take part in (two queries)."""
    user = context["request"].user
    treffen = []
    if user.is_authenticated:
        treffen = list(
            Stammtisch.objects.sichtbar_fuer(user)
            .kommende()
            .nicht_abgesagt()
            .filter(reihe__pool__akteur__mitgliedschaften__user=user)
            .fuer_listen()
            .distinct()
            .order_by("termin__start")[:3]
        )
        antworten = {
            r.stammtisch_id: r.get_antwort_display()
            for r in Rueckmeldung.objects.filter(stammtisch__in=treffen, email__iexact=user.email)
        }
        for stammtisch in treffen:
            stammtisch.meine_antwort = antworten.get(stammtisch.pk, "")
    return {"treffen": treffen}


@register.inclusion_tag("termine/stammtisch/_gastgeber.html")
def stammtisch_gastgeber(akteur) -> dict:
    """The Stammtisch meetings an Akteur hosts next (for its page)."""
    return {
        "akteur": akteur,
        "treffen": list(
            Stammtisch.objects.filter(gastgeber=akteur, termin__sichtbarkeit="oeffentlich")
            .kommende()
            .nicht_abgesagt()
            .fuer_listen()
            .order_by("termin__start")[:2]
        ),
    }
