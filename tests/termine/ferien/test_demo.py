"""The Ferienkalender's demo data: the past summer and the next, open period, idempotent."""

import pytest
from django.utils import timezone

from netzwerk import demo as netzwerk_demo
from termine.ferien import demo as demo_ferien
from termine.ferien import demo_zeit
from termine.models import Anmeldung, Ferienangebot, Ferienzeitraum, Kind

pytestmark = pytest.mark.django_db


def test_demodaten_sind_wiederholbar_und_lebendig(client):
    plan = demo_zeit.plan(timezone.localdate())
    netzwerk_demo.erzeugen()
    demo_ferien.erzeugen()
    zaehlen = (Ferienangebot.objects.count(), Anmeldung.objects.count(), Kind.objects.count())
    demo_ferien.erzeugen()
    assert (
        Ferienangebot.objects.count(),
        Anmeldung.objects.count(),
        Kind.objects.count(),
    ) == zaehlen
    sommer = Ferienzeitraum.objects.get(slug=plan.vergangen.slug)
    assert sommer.name.startswith("Sommerferien") and sommer.ende < timezone.localdate()
    assert sommer.angebote.count() == 40
    assert sommer.ferienwochen.get().angebote.exists()
    assert Anmeldung.objects.warteliste().filter(durchfuehrung__angebot__zeitraum=sommer).exists()
    # The landing page shows the next period, with open registration.
    antwort = client.get("/ferienkalender/")
    assert antwort.context["zeitraum"].slug == plan.offen.slug
    assert "Anmeldung ist offen" in antwort.content.decode()
    eltern = Anmeldung.objects.filter(kind__eltern__email="eltern@example.org")
    assert sorted(eltern.values_list("kind__vorname", "status")) == [
        ("Emma", "bestaetigt"),
        ("Emma", "warteliste"),
        ("Jonas", "bestaetigt"),
    ]
    demo_ferien.loeschen()
    assert not Ferienzeitraum.objects.exists() and not Kind.objects.exists()
