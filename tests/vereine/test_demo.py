"""Demo data: plausible, marked as examples, idempotent, logos drawn only once."""

import pytest

from netzwerk import demo as netzwerk_demo
from vereine import demo
from vereine.models import Akteur, Gesuch, Mitgliedschaft

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _medien(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_demo_ist_idempotent_und_vollstaendig():
    netzwerk_demo.erzeugen()
    demo.erzeugen()
    logos = dict(Akteur.objects.values_list("slug", "logo"))
    zaehler = (Akteur.objects.count(), Gesuch.objects.count(), Mitgliedschaft.objects.count())
    demo.erzeugen()
    assert dict(Akteur.objects.values_list("slug", "logo")) == logos
    assert (
        Akteur.objects.count(),
        Gesuch.objects.count(),
        Mitgliedschaft.objects.count(),
    ) == zaehler

    assert Akteur.objects.oeffentlich().count() >= 18
    assert set(Akteur.objects.values_list("art", flat=True)) == set(Akteur.Art.values)
    assert Akteur.objects.values("ortsteil").distinct().count() == 6
    assert all("(Beispiel)" in name for name in Akteur.objects.values_list("name", flat=True))
    assert all(a.logo and a.logo_alt for a in Akteur.objects.all())
    assert Gesuch.objects.offen().count() >= 5
    leitung = Mitgliedschaft.objects.filter(user__email="mitglied@example.org", rolle="leitung")
    assert sorted(m.akteur.slug for m in leitung) == ["heimatverein", "sportverein"]


def test_demo_loeschen():
    netzwerk_demo.erzeugen()
    demo.erzeugen()
    demo.loeschen()
    assert not Akteur.objects.exists() and not Gesuch.objects.exists()
