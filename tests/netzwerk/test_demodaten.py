import datetime as dt

import pytest
from django.core.management import call_command

from netzwerk.models import Netzwerkprofil, Ortsteil, Schulferien, User

pytestmark = pytest.mark.django_db


def test_demodaten_sind_idempotent_und_vollstaendig(capsys):
    call_command("demodaten")
    zaehler = (User.objects.count(), Ortsteil.objects.count(), Schulferien.objects.count())
    call_command("demodaten")
    assert (User.objects.count(), Ortsteil.objects.count(), Schulferien.objects.count()) == zaehler

    assert list(Ortsteil.objects.values_list("name", flat=True)) == [
        "Ballenstedt",
        "Asmusstedt",
        "Badeborn",
        "Opperode",
        "Radisleben",
        "Rieder",
    ]
    sommer = Schulferien.objects.get(name="Sommerferien 2026")
    assert (sommer.beginn, sommer.ende) == (dt.date(2026, 7, 4), dt.date(2026, 8, 14))
    assert Schulferien.objects.get(name="Sommerferien 2027").ende == dt.date(2027, 8, 20)
    assert Schulferien.objects.get(name="Herbstferien 2026").beginn == dt.date(2026, 10, 19)
    assert Netzwerkprofil.aktuell().ort == "Ballenstedt"
    ausgabe = capsys.readouterr().out
    for email in ["koordination@example.org", "mitglied@example.org", "eltern@example.org"]:
        assert email in ausgabe
    assert User.objects.get(email="koordination@example.org").is_staff


def test_demodaten_reset_stellt_geaenderte_logins_wieder_her():
    call_command("demodaten")
    User.objects.filter(email="bewohner@example.org").update(anzeigename="Geändert")
    call_command("demodaten", "--reset")
    assert User.objects.get(email="bewohner@example.org").anzeigename == "Rita Bewohnerin"
