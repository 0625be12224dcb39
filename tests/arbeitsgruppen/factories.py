"""Factories of the working groups (kept here so that tests/factories.py stays untouched)."""

import factory
from django.utils import timezone

from tests.factories import ArbeitsgruppeFactory, UserFactory


class MitgliedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "arbeitsgruppen.Mitglied"

    gruppe = factory.SubFactory(ArbeitsgruppeFactory)
    user = factory.SubFactory(UserFactory)
    rolle = "mitglied"


class VorhabenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "arbeitsgruppen.Vorhaben"

    gruppe = factory.SubFactory(ArbeitsgruppeFactory)
    titel = factory.Sequence(lambda n: f"Vorhaben {n}")


class AufgabeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "arbeitsgruppen.Aufgabe"

    gruppe = factory.SubFactory(ArbeitsgruppeFactory)
    titel = factory.Sequence(lambda n: f"Aufgabe {n}")


class ThreadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "arbeitsgruppen.Thread"

    gruppe = factory.SubFactory(ArbeitsgruppeFactory)
    titel = factory.Sequence(lambda n: f"Thema {n}")


class BeitragFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "arbeitsgruppen.Beitrag"

    thread = factory.SubFactory(ThreadFactory)
    autor = factory.SubFactory(UserFactory)
    text = "Ein Beitrag."
    erstellt = factory.LazyFunction(timezone.now)


class LinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "arbeitsgruppen.Dokument"

    gruppe = factory.SubFactory(ArbeitsgruppeFactory)
    titel = factory.Sequence(lambda n: f"Link {n}")
    art = "link"
    url = "https://pad.example.org/garten"
