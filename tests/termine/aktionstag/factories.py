"""Action days, stations and shifts for the tests, relative to the test clock's today."""

from __future__ import annotations

from datetime import time, timedelta

from django.utils import timezone

from netzwerk.zeit import ortszeit
from termine.models import Aktionstag, Helfereinsatz, Schicht, Station, Termin
from tests.factories import UserFactory


def aktionstag(*, in_tagen: int = 30, titel: str = "Tag des Ehrenamts", **extra) -> Aktionstag:
    """A public action day `in_tagen` days from today, 10:00–18:00, open for stations."""
    tag = timezone.localdate() + timedelta(days=in_tagen)
    termin = Termin.objects.create(
        titel=titel,
        start=ortszeit(tag, time(10)),
        ende=ortszeit(tag, time(18)),
        kategorie=Termin.Kategorie.AKTIONSTAG,
        ort="Schlossplatz",
        status=Termin.Status.BESTAETIGT,
    )
    werte = {"gelaende": "Schlossplatz", "plaetze": 20, "stationen_offen": True, **extra}
    return Aktionstag.objects.create(termin=termin, **werte)


def station(tag: Aktionstag, akteur, *, von: int = 11, bis: int = 13, **extra) -> Station:
    werte = {
        "titel": "Kinderschminken",
        "beschreibung": "Bunte Gesichter für alle.",
        "platz": 1,
        "status": Station.Status.ANGENOMMEN,
        **extra,
    }
    return Station.objects.create(
        aktionstag=tag,
        akteur=akteur,
        start=ortszeit(tag.tag, time(von)),
        ende=ortszeit(tag.tag, time(bis)),
        **werte,
    )


def schicht(tag: Aktionstag, *, station=None, von: int = 9, bis: int = 11, **extra) -> Schicht:
    werte = {"titel": "Aufbau", "min_helfer": 2, "max_helfer": 3, **extra}
    return Schicht.objects.create(
        aktionstag=tag,
        station=station,
        start=ortszeit(tag.tag, time(von)),
        ende=ortszeit(tag.tag, time(bis)),
        **werte,
    )


def einsatz(schicht_: Schicht, user=None, **extra) -> Helfereinsatz:
    werte = {"bestaetigt_am": timezone.now(), **extra}
    if user is None and "gast_name" not in extra:
        user = UserFactory()
    return Helfereinsatz.objects.create(schicht=schicht_, user=user, **werte)
