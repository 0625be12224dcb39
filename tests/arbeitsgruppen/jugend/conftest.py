"""Personas of Jugendbeteiligung on top of the portal's five: the working group with its
lead (a moderator) and a member (a youth-group leader), young people of 17 and of 14."""

import pytest

from tests.arbeitsgruppen.factories import MitgliedFactory
from tests.arbeitsgruppen.jugend.factories import IdeeFactory, jugendlich
from tests.factories import ArbeitsgruppeFactory, UserFactory


@pytest.fixture
def ag_jugend(db):
    return ArbeitsgruppeFactory(
        name="Jugendbeteiligung", slug="jugendbeteiligung", sichtbarkeit="oeffentlich"
    )


@pytest.fixture
def ag_leitung(ag_jugend):
    """Lead of the working group: a moderator."""
    return MitgliedFactory(
        gruppe=ag_jugend,
        rolle="leitung",
        user=UserFactory(email="ag-leitung@example.org", anzeigename="Jonas Leitung"),
    ).user


@pytest.fixture
def jugendclub(ag_jugend):
    """Member of the working group: enters ideas for a youth group."""
    return MitgliedFactory(
        gruppe=ag_jugend,
        user=UserFactory(email="jugendclub@example.org", anzeigename="Uwe Jugendclub"),
    ).user


@pytest.fixture
def jugendliche(db):
    """17 years old: posts without a guardian."""
    return jugendlich(
        17,
        spitzname="Skatefan",
        user=UserFactory(email="lena@example.org", anzeigename="Lena Lindner"),
    ).user


@pytest.fixture
def junge(db):
    """14 years old, not yet confirmed by a guardian."""
    return jugendlich(
        14,
        spitzname="Pixel",
        sorgeberechtigt_email="mama@example.org",
        user=UserFactory(email="ben@example.org", anzeigename="Ben Bauer"),
    ).user


@pytest.fixture
def idee(jugendliche, ag_jugend):
    return IdeeFactory(titel="Skateanlage erneuern", autor=jugendliche)
