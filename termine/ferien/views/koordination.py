"""Pages for coordinators: the statistics."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from netzwerk.berechtigungen import nur_koordination
from netzwerk.csvexport import csv_antwort
from termine.ferien.statistik import statistik as statistik_berechnen
from termine.models import Ferienzeitraum

# ---------------------------------------------------------------------------- coordinators


@nur_koordination
def statistik(request: HttpRequest, zeitraum: str) -> HttpResponse:
    zeitraum_obj = get_object_or_404(Ferienzeitraum, slug=zeitraum)
    return render(
        request,
        "termine/ferien/statistik.html",
        {"zeitraum": zeitraum_obj, "statistik": statistik_berechnen(zeitraum_obj)},
    )


@nur_koordination
def statistik_csv(request: HttpRequest, zeitraum: str) -> HttpResponse:
    zeitraum_obj = get_object_or_404(Ferienzeitraum, slug=zeitraum)
    daten = statistik_berechnen(zeitraum_obj)
    antwort, schreiber = csv_antwort(f"statistik-{zeitraum_obj.slug}.csv")
    schreiber.writerow(
        [
            _("Grouped by"),
            _("Group"),
            _("Offers"),
            _("Occasions"),
            _("Places"),
            _("Confirmed"),
            _("Waiting list"),
            _("Fill rate in %"),
        ]
    )
    for gruppe, titel in [
        ("akteure", _("Provider")),
        ("kategorien", _("Category")),
        ("alter", _("Age")),
    ]:
        for zeile in daten[gruppe]:
            schreiber.writerow(
                [
                    titel,
                    zeile.name,
                    zeile.angebote,
                    zeile.durchfuehrungen,
                    zeile.plaetze,
                    zeile.bestaetigt,
                    zeile.warteliste,
                    "" if zeile.auslastung is None else zeile.auslastung,
                ]
            )
    return antwort
