"""The Marktplatz's figures of the funder's report (netzwerk.kennzahlen).

Deals (Vereinbarungen) confirmed by both parties, made at a market held in the period, by
status; and the hours of time they give (the parties' own estimate).
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netzwerk import kennzahlen
from netzwerk.kennzahlen import Kennzahl, aufschluesseln, zeitpunkte
from vereine.marktplatz.models import Vereinbarung


@kennzahlen.quelle(gettext_lazy("Marketplace"), reihenfolge=52)
def marktplatz(von: date, bis: date) -> list[Kennzahl]:
    anfang, ende = zeitpunkte(von, bis)
    deals = Vereinbarung.objects.bestaetigt().filter(
        markt__termin__start__gte=anfang, markt__termin__start__lt=ende
    )
    nach_status = list(deals.values_list("status").annotate(n=Count("pk")).order_by())
    return [
        Kennzahl(
            "marktplatz.vereinbarungen",
            _("Deals of the Marktplatz"),
            sum(n for _s, n in nach_status),
            aufschluesselung=aufschluesseln(nach_status, dict(Vereinbarung.Status.choices)),
        ),
        Kennzahl(
            "marktplatz.stunden",
            _("Hours of time given in deals"),
            deals.aggregate(s=Sum("stunden"))["s"] or 0,
            einheit="h",
        ),
    ]
