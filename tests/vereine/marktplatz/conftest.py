"""Fixtures of the Marktplatz tests: a company (actor A's counterpart), markets, a broker."""

import pytest

from tests.factories import AkteurFactory, MitgliedschaftFactory, UserFactory
from tests.vereine.marktplatz.factories import markt_anlegen


@pytest.fixture
def firma(db):
    return AkteurFactory(name="Tischlerei Harzholz", slug="harzholz", art="unternehmen")


@pytest.fixture
def mitglied_firma(firma):
    return MitgliedschaftFactory(
        akteur=firma, user=UserFactory(email="firma@example.org", anzeigename="Frank Firma")
    ).user


@pytest.fixture
def makler(db):
    return UserFactory(email="makler@example.org", anzeigename="Mia Maklerin")


@pytest.fixture
def markt(makler):
    return markt_anlegen(tage=0, makler=[makler])
