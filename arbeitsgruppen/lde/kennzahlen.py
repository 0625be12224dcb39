"""The figures of Lernen durch Engagement for the funder's report (netzwerk.kennzahlen).

A project counts in a period when one of its phases overlaps it; its hours count in the
period in which it was finished (the hours are written down at the closing).
"""

from __future__ import annotations

from datetime import date

from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from arbeitsgruppen.lde.models import Engagementbedarf, Klassenprojekt, Projektphase
from netzwerk import kennzahlen
from netzwerk.kennzahlen import Kennzahl
from vereine.models import Akteur


def projekte_im_zeitraum(von: date, bis: date):
    """Projects with a phase that overlaps the days `von` … `bis` (both inclusive)."""
    phasen = Projektphase.objects.filter(von__isnull=False, von__lte=bis).filter(
        Q(bis__gte=von) | Q(bis__isnull=True, von__gte=von)
    )
    return Klassenprojekt.objects.filter(pk__in=phasen.values("projekt"))


@kennzahlen.quelle("Lernen durch Engagement", reihenfolge=70)
def lde_kennzahlen(von: date, bis: date) -> list[Kennzahl]:
    projekte = projekte_im_zeitraum(von, bis)
    klassen = {
        (schule, klasse.strip().lower())
        for schule, klasse in projekte.values_list("schule", "klasse")
    }
    partner = Akteur.objects.filter(lde_partnerschaften__in=projekte).distinct().count()
    bedarfe = Engagementbedarf.objects.filter(projekte__in=projekte).distinct().count()
    stunden = (
        Klassenprojekt.objects.filter(
            status=Klassenprojekt.Status.ABGESCHLOSSEN,
            abgeschlossen_am__gte=von,
            abgeschlossen_am__lte=bis,
        ).aggregate(s=Sum("stunden"))["s"]
        or 0
    )
    return [
        Kennzahl("lde.projekte", _("Class projects"), projekte.count()),
        Kennzahl("lde.klassen", _("Classes"), len(klassen)),
        Kennzahl("lde.partner", _("Partner actors"), partner),
        Kennzahl("lde.bedarfe", _("Needs taken up"), bedarfe),
        Kennzahl("lde.stunden", _("Hours of engagement (finished projects)"), stunden, "h"),
    ]
