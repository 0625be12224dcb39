"""The working groups' figures of the funder's report (netzwerk.kennzahlen).

- Working groups: the groups that existed at the end of the period.
- New Vorhaben: projects created in the period, by group.
- Completed Vorhaben: projects completed whose end date lies in the period.
- Tasks done: tasks marked done in the period.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from arbeitsgruppen.models import Arbeitsgruppe, Aufgabe, Vorhaben
from netzwerk import kennzahlen
from netzwerk.kennzahlen import Kennzahl, aufschluesseln, zeitpunkte


@kennzahlen.quelle(gettext_lazy("Working groups"), reihenfolge=30)
def arbeitsgruppen(von: date, bis: date) -> list[Kennzahl]:
    anfang, ende = zeitpunkte(von, bis)
    gruppen = dict(Arbeitsgruppe.objects.filter(erstellt__lt=ende).values_list("pk", "name"))
    neu = (
        Vorhaben.objects.filter(erstellt__gte=anfang, erstellt__lt=ende)
        .values_list("gruppe")
        .annotate(n=Count("pk"))
        .order_by()
    )
    neu = list(neu)
    return [
        Kennzahl("arbeitsgruppen.gruppen", _("Working groups"), len(gruppen)),
        Kennzahl(
            "arbeitsgruppen.vorhaben_neu",
            _("New projects of the working groups"),
            sum(n for _g, n in neu),
            aufschluesselung=aufschluesseln(neu, gruppen, ohne=_("other groups")),
        ),
        Kennzahl(
            "arbeitsgruppen.vorhaben_abgeschlossen",
            _("Projects completed"),
            Vorhaben.objects.filter(
                status=Vorhaben.Status.ABGESCHLOSSEN, ende__gte=von, ende__lte=bis
            ).count(),
        ),
        Kennzahl(
            "arbeitsgruppen.aufgaben_erledigt",
            _("Tasks done in the working groups"),
            Aufgabe.objects.filter(erledigt_am__gte=anfang, erledigt_am__lt=ende).count(),
        ),
    ]
