"""Factories of Lernen durch Engagement: needs on the board and class projects (through the
service, so phases and standards exist as in real use)."""

from datetime import timedelta

import factory
from django.utils import timezone

from arbeitsgruppen.lde import services
from arbeitsgruppen.lde.models import Engagementbedarf
from tests.factories import AkteurFactory


def tag(tage: int):
    """A day relative to today (Berlin)."""
    return timezone.localdate() + timedelta(days=tage)


class SchuleFactory(AkteurFactory):
    name = factory.Sequence(lambda n: f"Schule Nummer {n}")
    slug = factory.Sequence(lambda n: f"schule-{n}")
    art = "schule"


class BedarfFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Engagementbedarf

    akteur = factory.SubFactory(AkteurFactory)
    titel = factory.Sequence(lambda n: f"Insektenhotel {n}")
    beschreibung = "Ein Insektenhotel für den Gemeinschaftsgarten bauen."
    von = factory.LazyFunction(lambda: tag(7))
    bis = factory.LazyFunction(lambda: tag(60))
    kontakt = "Frau Berger, 03483 1234"


def projekt(schule, partner, *, bedarfe=(), von=None, **daten):
    """A class project of `schule` with `partner` (a list of actors)."""
    werte = {
        "titel": "Insektenhotel für den Garten",
        "klasse": "6b",
        "fach": "Biologie",
        "lehrplanbezug": "Lebensräume",
        "schuljahr": services.aktuelles_schuljahr(),
        "veroeffentlicht": True,
    }
    werte.update(daten)
    return services.projekt_anlegen(
        schule=schule, von=von, daten=werte, partner=partner, bedarfe=bedarfe
    )
