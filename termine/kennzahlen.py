"""The shared calendar's figures of the funder's report (netzwerk.kennzahlen).

Dates in the shared calendar: the Termine not cancelled whose (first) start lies in the
period, by category. A repeating date counts once, on its first day: the figure says how
many dates the actors entered, not how often a weekly training took place.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netzwerk import kennzahlen
from netzwerk.kennzahlen import Kennzahl, aufschluesseln, zeitpunkte
from termine.models import Termin


@kennzahlen.quelle(gettext_lazy("Shared calendar"), reihenfolge=40)
def termine(von: date, bis: date) -> list[Kennzahl]:
    anfang, ende = zeitpunkte(von, bis)
    zeilen = list(
        Termin.objects.nicht_abgesagt()
        .filter(start__gte=anfang, start__lt=ende)
        .values_list("kategorie")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [
        Kennzahl(
            "termine.termine",
            _("Dates in the shared calendar"),
            sum(n for _k, n in zeilen),
            aufschluesselung=aufschluesseln(zeilen, dict(Termin.Kategorie.choices)),
        )
    ]
