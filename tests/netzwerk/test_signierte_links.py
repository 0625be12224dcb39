"""The one loader of signed links (netzwerk/signierte_links.py): the payload when the link is
whole, fresh and of the expected shape; the caller's exception with the caller's message
otherwise."""

from datetime import timedelta

import pytest
import time_machine
from django.core import signing
from django.utils import timezone

from netzwerk.signierte_links import link_laden


class LinkKaputt(Exception):
    pass


def _laden(token, **kwargs):
    return link_laden(
        token,
        salt="test.link",
        gueltig=timedelta(days=14),
        fehler=LinkKaputt,
        abgelaufen="abgelaufen",
        ungueltig="ungueltig",
        **kwargs,
    )


def test_ein_frischer_link_gibt_seine_daten_zurueck():
    token = signing.dumps({"e": 7}, salt="test.link")
    assert _laden(token) == {"e": 7}


def test_am_letzten_tag_gilt_er_noch_danach_nicht_mehr():
    jetzt = timezone.now()
    with time_machine.travel(jetzt, tick=False):
        token = signing.dumps({"e": 7}, salt="test.link")
    with time_machine.travel(jetzt + timedelta(days=14) - timedelta(seconds=1), tick=False):
        assert _laden(token) == {"e": 7}
    with (
        time_machine.travel(jetzt + timedelta(days=14, seconds=1), tick=False),
        pytest.raises(LinkKaputt, match="^abgelaufen$"),
    ):
        _laden(token)


@pytest.mark.parametrize(
    "token",
    [
        pytest.param(signing.dumps({"e": 7}, salt="test.link")[:-3], id="abgeschnitten"),
        pytest.param(signing.dumps({"e": 7}, salt="test.link")[:-2] + "xx", id="veraendert"),
        pytest.param(signing.dumps({"e": 7}, salt="anderer.link"), id="anderes-salz"),
        pytest.param("", id="leer"),
    ],
)
def test_ein_kaputter_link_meldet_ungueltig(token):
    with pytest.raises(LinkKaputt, match="^ungueltig$"):
        _laden(token)


def test_daten_der_falschen_form_gelten_als_ungueltig():
    token = signing.dumps(7, salt="test.link")
    with pytest.raises(LinkKaputt, match="^ungueltig$"):
        _laden(token)
    assert _laden(token, form=int) == 7
