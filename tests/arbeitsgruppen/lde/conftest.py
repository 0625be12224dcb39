"""Personas of Lernen durch Engagement on top of the shared ones: a teacher of the project's
school, a teacher of another school; `mitglied_a` is the member of the partner actor."""

import pytest

from tests.arbeitsgruppen.lde.factories import SchuleFactory
from tests.factories import MitgliedschaftFactory, UserFactory


@pytest.fixture
def schule(db):
    return SchuleFactory(name="Gymnasium Ballenstedt", slug="gymnasium")


@pytest.fixture
def andere_schule(db):
    return SchuleFactory(name="Grundschule Badeborn", slug="grundschule-badeborn")


@pytest.fixture
def lehrkraft(schule):
    return MitgliedschaftFactory(
        akteur=schule, rolle="redaktion", user=UserFactory(email="lehrerin@example.org")
    ).user


@pytest.fixture
def andere_lehrkraft(andere_schule):
    return MitgliedschaftFactory(
        akteur=andere_schule, rolle="redaktion", user=UserFactory(email="lehrer@example.org")
    ).user


@pytest.fixture
def ortsteile(db):
    from django.utils.text import slugify

    from netzwerk.models import Ortsteil

    namen = ["Ballenstedt", "Badeborn", "Rieder"]
    return {
        n: Ortsteil.objects.get_or_create(slug=slugify(n), defaults={"name": n, "reihenfolge": i})[
            0
        ]
        for i, n in enumerate(namen)
    }
