"""The free-places figure may come from a cache (page cache, nginx micro-cache): the offer
page and the registration page say when it was counted ("Stand: hh:mm:ss")."""

import re

import pytest
from django.test import Client

from tests.factories import FerienangebotFactory, ferien_durchfuehrung

pytestmark = pytest.mark.django_db


def test_angebot_nennt_den_stand_der_freien_plaetze(zeitraum):
    angebot = FerienangebotFactory(zeitraum=zeitraum)
    ferien_durchfuehrung(angebot, plaetze=8)
    text = Client().get(angebot.get_absolute_url()).content.decode()
    assert re.search(r"Freie Plätze – Stand: \d\d:\d\d:\d\d", text)
