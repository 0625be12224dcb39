"""The Ferienkalender's demo data: a past summer and an open winter period, idempotent."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from netzwerk import demo as netzwerk_demo
from termine.ferien import demo as demo_ferien
from termine.models import Anmeldung, Ferienangebot, Ferienzeitraum, Kind

pytestmark = pytest.mark.django_db


# The demo's "today".
@time_machine.travel(datetime(2026, 11, 25, 10, tzinfo=ZoneInfo("Europe/Berlin")), tick=False)
def test_demodaten_sind_wiederholbar_und_lebendig(client):
    netzwerk_demo.erzeugen()
    demo_ferien.erzeugen()
    zaehlen = (Ferienangebot.objects.count(), Anmeldung.objects.count(), Kind.objects.count())
    demo_ferien.erzeugen()
    assert (
        Ferienangebot.objects.count(),
        Anmeldung.objects.count(),
        Kind.objects.count(),
    ) == zaehlen
    sommer = Ferienzeitraum.objects.get(slug="sommerferien-2026")
    assert sommer.angebote.count() == 40
    assert sommer.ferienwochen.get().angebote.exists()
    assert Anmeldung.objects.warteliste().filter(durchfuehrung__angebot__zeitraum=sommer).exists()
    # The landing page shows the upcoming winter period with open registration.
    antwort = client.get("/ferienkalender/")
    assert antwort.context["zeitraum"].slug == "winterferien-2027"
    assert "Anmeldung ist offen" in antwort.content.decode()
    eltern = Anmeldung.objects.filter(kind__eltern__email="eltern@example.org")
    assert sorted(eltern.values_list("kind__vorname", "status")) == [
        ("Emma", "bestaetigt"),
        ("Emma", "warteliste"),
        ("Jonas", "bestaetigt"),
    ]
    demo_ferien.loeschen()
    assert not Ferienzeitraum.objects.exists() and not Kind.objects.exists()
