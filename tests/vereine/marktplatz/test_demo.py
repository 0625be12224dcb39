"""The demo data of the Marktplatz: a past market with twelve deals in every status, an
upcoming one with registrations, relative to today; idempotent and removable."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from vereine.marktplatz.models import Eintrag, Markt, Vereinbarung

pytestmark = pytest.mark.django_db


def test_demo_markt(client):
    call_command("demodaten")
    call_command("demodaten")  # idempotent
    vergangen, kommend = Markt.objects.order_by("termin__start")
    assert vergangen.vorbei and not kommend.vorbei
    assert timezone.localdate(kommend.termin.start) > timezone.localdate()
    deals = vergangen.vereinbarungen.all()
    assert deals.count() == 12
    assert set(deals.values_list("status", flat=True)) == {"offen", "umgesetzt", "nicht_zustande"}
    assert Vereinbarung.objects.ueberfaellig().exists()
    assert Vereinbarung.objects.unbestaetigt().count() == 1
    assert kommend.teilnehmer.filter(art="unternehmen").count() == 3
    assert kommend.teilnehmer.exclude(art="unternehmen").count() == 4
    assert Eintrag.objects.warten_auf_pruefung().count() == 1

    html = client.get(reverse("marktplatz:statistik")).content.decode()
    assert "<td>11</td>" in html  # confirmed deals of the past market
    assert (
        "Transporter für Vereinsfeste" in client.get(reverse("marktplatz:start")).content.decode()
    )

    call_command("demodaten", "--reset")
    assert Markt.objects.count() == 2 and Vereinbarung.objects.count() == 12
