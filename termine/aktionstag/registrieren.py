"""The Aktionstag's entries in the cores' registries, wired from ``TermineConfig.ready()``:
report figures (:mod:`netzwerk.kennzahlen`) and the section on the day's Termin page
(:mod:`termine.abschnitte`). The open decisions register in the room's admin module."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db.models import F, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netzwerk import kennzahlen
from netzwerk.zeit import ortszeit
from termine.abschnitte import abschnitt


def _zahlen(von: date, bis: date) -> list[kennzahlen.Kennzahl]:
    """Action days whose Termin starts within [von, bis]: actors with an accepted station,
    accepted stations, confirmed helper sign-ups and their hours."""
    from termine.models import Helfereinsatz, Station

    zeitraum = {
        "start__gte": ortszeit(von),
        "start__lt": ortszeit(bis + timedelta(days=1)),
    }
    tage = {f"aktionstag__termin__{k}": v for k, v in zeitraum.items()}
    stationen = Station.objects.angenommen().filter(**tage)
    einsaetze = Helfereinsatz.objects.bestaetigt().filter(
        **{f"schicht__{k}": v for k, v in tage.items()}
    )
    dauer = einsaetze.aggregate(d=Sum(F("schicht__ende") - F("schicht__start")))["d"]
    stunden = Decimal(dauer.total_seconds() / 3600).quantize(Decimal("0.1")) if dauer else 0
    return [
        kennzahlen.Kennzahl(
            "aktionstag.akteure",
            _("Actors with a station"),
            stationen.values("akteur").distinct().count(),
        ),
        kennzahlen.Kennzahl("aktionstag.stationen", _("Stations"), stationen.count()),
        kennzahlen.Kennzahl("aktionstag.helfer", _("Helper sign-ups"), einsaetze.count()),
        kennzahlen.Kennzahl("aktionstag.stunden", _("Helper hours"), stunden, einheit="h"),
    ]


def _abschnitt(request, termin) -> dict | None:
    """On the Termin page of an action day: the way to its programme and shifts.

    Only a date of the category "Aktionstag" can be one (Aktionstag.clean), so every other
    date's page costs no query here."""
    if termin.kategorie != termin.Kategorie.AKTIONSTAG:
        return None
    aktionstag = getattr(termin, "aktionstag", None)
    if aktionstag is None:
        return None
    return {"aktionstag": aktionstag}


def registrieren() -> None:
    kennzahlen.quelle(gettext_lazy("Action day"), reihenfolge=60)(_zahlen)
    abschnitt("termine/aktionstag/_termin_abschnitt.html")(_abschnitt)
