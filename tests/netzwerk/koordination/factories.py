"""Challenges for the tests, dated relative to the test clock."""

from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone


class HerausforderungFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "netzwerk.Herausforderung"

    titel = factory.Sequence(lambda n: f"Herausforderung {n}")
    beschreibung = "Uns fehlen junge Leute im Vorstand."
    kategorie = "nachwuchs"
    herkunft = "stammtisch"
    aufgekommen_am = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
    sichtbarkeit = "oeffentlich"


class FolgeschrittFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "netzwerk.Folgeschritt"

    herausforderung = factory.SubFactory(HerausforderungFactory)
    text = factory.Sequence(lambda n: f"Schritt {n}")
    faellig_am = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))
