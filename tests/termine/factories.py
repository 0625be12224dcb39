"""Factories of the calendar (kept here rather than in tests/factories.py so that the
termine tests can be committed on their own; other apps may import them)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import factory

BERLIN = ZoneInfo("Europe/Berlin")


def berlin(*teile: int) -> datetime:
    """An aware local time in Europe/Berlin: berlin(2026, 5, 22, 18)."""
    return datetime(*teile, tzinfo=BERLIN)


class TerminFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "termine.Termin"
        skip_postgeneration_save = True

    titel = factory.Sequence(lambda n: f"Termin Nummer {n}")
    beschreibung = "Ein Beispieltermin."
    start = factory.Sequence(lambda n: berlin(2026, 6, 1, 18) + timedelta(days=n))
    ende = factory.LazyAttribute(lambda o: o.start + timedelta(hours=2))
    kategorie = "vereinsleben"
    sichtbarkeit = "oeffentlich"
    status = "bestaetigt"

    @factory.post_generation
    def veranstalter(self, create, extracted, **kwargs):
        if create and extracted:
            self.veranstalter.set(extracted)


class OrtsteilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "netzwerk.Ortsteil"
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Ortsteil {n}")
    slug = factory.Sequence(lambda n: f"ortsteil-{n}")
