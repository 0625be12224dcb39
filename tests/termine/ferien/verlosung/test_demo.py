"""The wish phase's demo data: idempotent, ready for a preview, removable."""

import pytest

from termine.ferien.verlosung import demo as demo_verlosung
from termine.ferien.verlosung import services as dienste
from termine.models import Ferienzeitraum, Kind, Wunsch
from tests.factories import KoordinationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_demo_ist_idempotent_und_sofort_verlosbar():
    eltern = UserFactory(email="eltern@example.org")
    assert demo_verlosung.erzeugen() == {}
    anzahl = Wunsch.objects.count()
    demo_verlosung.erzeugen()
    assert Wunsch.objects.count() == anzahl > 60
    zeitraum = Ferienzeitraum.objects.get(slug=demo_verlosung.wunschferien().slug)
    assert zeitraum.modus == "verlosung" and dienste.wunschphase_offen(zeitraum)
    assert Wunsch.objects.filter(kind__eltern=eltern).count() == 7
    for kind in Kind.objects.filter(wuensche__isnull=False).distinct():
        assert Wunsch.objects.filter(kind=kind, favorit=True).count() <= 2
    lauf = dienste.vorschau(zeitraum=zeitraum, von=KoordinationFactory())
    bericht = lauf.ergebnis["bericht"]
    assert bericht["kinder"] == 32 and bericht["mit_platz"] == bericht["max_mit_platz"]
    assert bericht["gruppen_gemeinsam"] >= 1
    demo_verlosung.loeschen()
    assert not Ferienzeitraum.objects.exists()
    assert not Wunsch.objects.exists()
    assert not Kind.objects.filter(vorname__startswith=demo_verlosung.VORNAME).exists()
