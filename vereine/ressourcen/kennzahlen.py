"""The shared pool's figures of the funder's report (netzwerk.kennzahlen).

Lendings: requests that were accepted (accepted, handed over or returned) whose first day
lies in the period, by kind of item.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netzwerk import kennzahlen
from netzwerk.kennzahlen import Kennzahl, aufschluesseln
from vereine.ressourcen.models import Ausleihe, Ressource

ZUGESAGT = [
    Ausleihe.Status.ANGENOMMEN,
    Ausleihe.Status.AUSGEGEBEN,
    Ausleihe.Status.ZURUECKGEGEBEN,
]


@kennzahlen.quelle(gettext_lazy("Shared items"), reihenfolge=54)
def ressourcen(von: date, bis: date) -> list[Kennzahl]:
    zeilen = list(
        Ausleihe.objects.filter(status__in=ZUGESAGT, von__gte=von, von__lte=bis)
        .values_list("ressource__art")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [
        Kennzahl(
            "ressourcen.ausleihen",
            _("Items lent between actors"),
            sum(n for _a, n in zeilen),
            aufschluesselung=aufschluesseln(zeilen, dict(Ressource.Art.choices)),
        )
    ]
