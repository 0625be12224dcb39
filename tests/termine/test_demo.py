"""The demo year is realistic, idempotent and contains the clashes it promises."""

from datetime import date

import pytest

from netzwerk import demo as netzwerk_demo
from termine import demo, services
from termine.models import Termin

pytestmark = pytest.mark.django_db


def test_demodaten_sind_idempotent_und_enthalten_das_versprochene():
    netzwerk_demo.erzeugen()
    demo.erzeugen()
    anzahl = Termin.objects.count()
    demo.erzeugen()
    assert Termin.objects.count() == anzahl
    ehrenamt = Termin.objects.get(titel__startswith="Tag des Ehrenamts")
    assert ehrenamt.ganztaegig and ehrenamt.erster_tag == date(2026, 5, 22)
    assert Termin.objects.filter(titel__startswith="Stadtfest", grossveranstaltung=True).exists()
    assert Termin.objects.filter(status="abgesagt").exclude(absage_grund="").exists()
    assert Termin.objects.filter(wiederholung="woechentlich").count() >= 2
    assert all("(Beispiel)" in t.titel for t in Termin.objects.all())
    tage = services.terminabgleich_fuer_zeitraum(
        von=date(2026, 5, 1), bis=date(2026, 9, 30), sichtbar_fuer=None
    )
    assert {date(2026, 5, 22), date(2026, 8, 29)} <= {t.day for t in tage}
    demo.loeschen()
    assert not Termin.objects.exists()
