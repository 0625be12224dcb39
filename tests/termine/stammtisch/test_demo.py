"""Demo data of the Stammtisch: two series, two years of history, an upcoming meeting."""

import pytest

from netzwerk import demo as netzwerk_demo
from termine.models import Protokoll, Stammtisch, Stammtischreihe, Thema
from termine.stammtisch import demo as demo_stammtisch
from termine.stammtisch import services as dienste
from vereine import demo as vereine_demo

pytestmark = pytest.mark.django_db


def _zaehlen():
    return (
        Stammtischreihe.objects.count(),
        Stammtisch.objects.count(),
        Protokoll.objects.count(),
        Thema.objects.count(),
    )


def test_demo_stammtisch_idempotent_mit_geschichte_und_naechstem_treffen(mailoutbox):
    netzwerk_demo.erzeugen()
    vereine_demo.erzeugen()
    demo_stammtisch.erzeugen()
    zaehler = _zaehlen()
    demo_stammtisch.erzeugen()
    assert _zaehlen() == zaehler

    assert sorted(Stammtischreihe.objects.values_list("name", flat=True)) == [
        "Vereinsstammtisch Nord (Beispiel)",
        "Vereinsstammtisch Süd (Beispiel)",
    ]
    for reihe in Stammtischreihe.objects.all():
        vergangene = Stammtisch.objects.filter(reihe=reihe).vergangene()
        assert 10 <= vergangene.count() <= 13  # every second month for two years
        assert Protokoll.objects.filter(termin__stammtisch__reihe=reihe).veroeffentlicht().exists()
        naechster = Stammtisch.objects.filter(reihe=reihe).kommende().first()
        assert naechster.termin.status == "bestaetigt"
        assert naechster.themen.filter(status="angenommen").count() == 2
        assert naechster.termin.titel.endswith("(Beispiel)")
        assert dienste.nie_gastgeber(reihe)
        hosts = [s.gastgeber_id for s in Stammtisch.objects.filter(reihe=reihe)]
        assert all(a != b for a, b in zip(hosts, hosts[1:], strict=False) if a)
    assert mailoutbox == []  # demo data never mails anyone

    demo_stammtisch.loeschen()
    assert _zaehlen() == (0, 0, 0, 0)
