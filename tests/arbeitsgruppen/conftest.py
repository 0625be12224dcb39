"""Group personas: a group of each visibility with a lead, a member, and an outsider who is a
member of another group only."""

import pytest

from tests.arbeitsgruppen.factories import MitgliedFactory
from tests.factories import ArbeitsgruppeFactory, UserFactory


@pytest.fixture
def gruppe(db):
    return ArbeitsgruppeFactory(
        name="Gemeinschaftsgarten", slug="garten", sichtbarkeit="transparent"
    )


@pytest.fixture
def leitung(gruppe):
    return MitgliedFactory(
        gruppe=gruppe,
        rolle="leitung",
        user=UserFactory(email="leitung@example.org", anzeigename="Lea Leitung"),
    ).user


@pytest.fixture
def mitglied(gruppe):
    return MitgliedFactory(
        gruppe=gruppe, user=UserFactory(email="mitglied@example.org", anzeigename="Max Mitglied")
    ).user


@pytest.fixture
def fremd(db):
    """Member of another group only: in the network, but not in `gruppe`."""
    andere = ArbeitsgruppeFactory(name="Jugendbeteiligung", slug="jugend")
    return MitgliedFactory(
        gruppe=andere, user=UserFactory(email="fremd@example.org", anzeigename="Frida Fremd")
    ).user
