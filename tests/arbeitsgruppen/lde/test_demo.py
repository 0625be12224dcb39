"""The demo data: needs on the board, one finished and one running project, idempotent."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from arbeitsgruppen.lde.models import Engagementbedarf, Klassenprojekt
from netzwerk.models import User
from termine.models import Termin

pytestmark = pytest.mark.django_db


def test_demo_mit_einem_fertigen_und_einem_laufenden_projekt(client_fuer):
    call_command("demodaten")
    call_command("demodaten")
    assert Klassenprojekt.objects.filter(status="abgeschlossen").count() == 1
    assert Klassenprojekt.objects.filter(status="laeuft").count() == 1
    assert Termin.objects.filter(lde_phase__isnull=False).count() == 8
    assert Engagementbedarf.objects.offen().count() >= 2
    lehrerin = User.objects.get(email="lehrerin@example.org")
    client = client_fuer(lehrerin)
    assert "Vorlesen in der Kita" in client.get(reverse("lde:bedarfe")).content.decode()
    laufend = Klassenprojekt.objects.get(status="laeuft")
    html = client.get(reverse("lde:plan", args=[laufend.pk])).content.decode()
    assert "Insektenzählung" in html
    call_command("demodaten", "--reset")
    assert Klassenprojekt.objects.count() == 2
    assert Termin.objects.filter(lde_phase__isnull=False).count() == 8
