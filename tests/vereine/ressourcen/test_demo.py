"""The pool's demo data: 15 items, lendings around today, idempotent, never a unit twice."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from netzwerk.models import User
from vereine.ressourcen.models import Ausleihe, Belegung, Ressource

pytestmark = pytest.mark.django_db


def test_demo_mit_15_ressourcen_und_ausleihen_um_heute(client_fuer):
    call_command("demodaten")
    call_command("demodaten")
    assert Ressource.objects.count() == 15
    heute = timezone.localdate()
    assert Ausleihe.objects.offen().exists()
    assert Ausleihe.objects.belegend().filter(von__lte=heute, bis__gte=heute).exists()
    assert Ausleihe.objects.unbeantwortet_seit(7).exists()
    belegungen = list(Belegung.objects.values_list("einheit", "von", "bis"))
    assert not any(
        a[0] == b[0] and a[1] <= b[2] and b[1] <= a[2]
        for i, a in enumerate(belegungen)
        for b in belegungen[i + 1 :]
    )
    mitglied = User.objects.get(email="mitglied@example.org")
    html = client_fuer(mitglied).get(reverse("ressourcen:meine")).content.decode()
    assert "Bitte antworten" in html
    # The festival tent is lent for the upcoming Markt der guten Geschäfte; its page says so.
    zelt = Ausleihe.objects.get(ressource__name="Festzelt 8 × 12 m")
    assert zelt.termin is not None and zelt.termin.kategorie == "marktplatz"
    html = client_fuer(mitglied).get(zelt.termin.get_absolute_url()).content.decode()
    assert "Genutzte Ressourcen" in html and "Festzelt 8 × 12 m" in html
    call_command("demodaten", "--reset")
    assert Ressource.objects.count() == 15
