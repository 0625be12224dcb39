"""The Aktionstag's demo data: a past day with filled shifts, an upcoming one open for
stations and helpers, relative to today, idempotent."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from termine.aktionstag import services
from termine.aktionstag.demo import KOMMEND, VERGANGEN
from termine.models import Aktionstag, Helfereinsatz, Schicht, Station

pytestmark = pytest.mark.django_db


def _zaehlen():
    return (
        Aktionstag.objects.count(),
        Station.objects.count(),
        Schicht.objects.count(),
        Helfereinsatz.objects.count(),
    )


def test_demo_vergangen_und_kommend(client):
    call_command("demodaten")
    zahlen = _zaehlen()
    call_command("demodaten")
    assert _zaehlen() == zahlen
    heute = timezone.localdate()
    alt = Aktionstag.objects.get(termin__titel=VERGANGEN)
    neu = Aktionstag.objects.get(termin__titel=KOMMEND)
    assert alt.tag < heute < neu.tag
    assert not Schicht.objects.filter(aktionstag=alt).mit_luecken().exists()
    assert Schicht.objects.filter(aktionstag=neu).mit_luecken().exists()
    assert neu.stationen_moeglich() and services.eintragen_moeglich_am(neu)
    assert neu.stationen.wartend().exists()
    assert services.kollisionen(neu.stationen.all())  # the clash on spot 3
    seite = client.get(reverse("startseite")).content.decode()
    assert KOMMEND in seite
    assert "Museumsrallye" in client.get(neu.get_absolute_url()).content.decode()
    call_command("demodaten", "--reset")
    assert _zaehlen() == zahlen
