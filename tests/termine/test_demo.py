"""The demo year is realistic, idempotent and contains the clashes it promises."""

from datetime import timedelta

import pytest
from django.utils import timezone

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
    heute = timezone.localdate()
    ehrenamt = Termin.objects.get(titel__startswith="Tag des Ehrenamts")
    # Moved into the half year around today, still a Friday in May.
    assert ehrenamt.ganztaegig and ehrenamt.erster_tag.weekday() == 4
    assert ehrenamt.erster_tag.month == 5 and abs(ehrenamt.erster_tag - heute).days <= 190
    stadtfest = Termin.objects.get(titel__startswith="Stadtfest")
    assert Termin.objects.filter(titel__startswith="Stadtfest", grossveranstaltung=True).exists()
    assert Termin.objects.filter(status="abgesagt").exclude(absage_grund="").exists()
    assert Termin.objects.filter(wiederholung="woechentlich").count() >= 2
    assert all("(Beispiel)" in t.titel for t in Termin.objects.all())
    tage = services.terminabgleich_fuer_zeitraum(
        von=heute - timedelta(days=200), bis=heute + timedelta(days=200), sichtbar_fuer=None
    )
    # The clashes moved with the dates they clash with.
    assert {ehrenamt.erster_tag, stadtfest.erster_tag + timedelta(days=1)} <= {t.day for t in tage}
    # The series began within the last year and run on around today.
    for serie in Termin.objects.exclude(wiederholung=Termin.Wiederholung.KEINE):
        assert heute - timedelta(days=366) < serie.erster_tag <= heute
        assert serie.wiederholen_bis is None or serie.wiederholen_bis > heute
    demo.loeschen()
    assert not Termin.objects.exists()
