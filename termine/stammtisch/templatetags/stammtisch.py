"""Template tags of the Stammtisch for the slots of other pages (Mein Bereich, Akteur page).

Usage: ``{% load stammtisch %}{% mein_stammtisch %}`` and ``{% stammtisch_gastgeber akteur %}``.
"""

from django import template
from django.db.models import Count, Subquery

from termine.models import Rueckmeldung, Stammtisch, Teilnahme
from vereine.models import Mitgliedschaft

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
            # A subquery, not a join: no duplicates to remove with DISTINCT over wide rows.
            .filter(
                reihe__in=Teilnahme.objects.filter(akteur__mitgliedschaften__user=user).values(
                    "reihe"
                )
            )
            .fuer_listen()
            .order_by("termin__start")[:3]
        )
        # With several actors the answer names the one it is for (counted in the same query).
        eigene_akteure = (
            Mitgliedschaft.objects.filter(user=user)
            .order_by()
            .values("user")
            .annotate(n=Count("akteur", distinct=True))
            .values("n")
        )
        antworten = {
            r.stammtisch_id: r
            for r in Rueckmeldung.objects.filter(stammtisch__in=treffen, email__iexact=user.email)
            .select_related("akteur")
            .annotate(eigene_akteure=Subquery(eigene_akteure))
        }
        for stammtisch in treffen:
            antwort = antworten.get(stammtisch.pk)
            stammtisch.meine_antwort = antwort.get_antwort_display() if antwort else ""
            stammtisch.antwort_fuer = (
                antwort.akteur.name
                if antwort and antwort.akteur and (antwort.eigene_akteure or 0) > 1
                else ""
            )
    return {"treffen": treffen}


@register.inclusion_tag("termine/stammtisch/_gastgeber.html")
def stammtisch_gastgeber(akteur) -> dict:
    """The Stammtisch meetings an Akteur hosts next (for its page): only where it agreed to
    host, not where the rotation merely proposed it."""
    return {
        "akteur": akteur,
        "treffen": list(
            Stammtisch.objects.filter(
                gastgeber=akteur,
                gastgeber_status=Stammtisch.GastgeberStatus.ZUGESAGT,
                termin__sichtbarkeit="oeffentlich",
            )
            .kommende()
            .nicht_abgesagt()
            .fuer_listen()
            .order_by("termin__start")[:2]
        ),
    }
