"""The challenges' demo: raised at the Stammtisch demo's past meetings, with follow-ups and
history, idempotent."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from netzwerk.koordination.models import Folgeschritt, Herausforderung, Verlaufseintrag

pytestmark = pytest.mark.django_db


def test_demo_herausforderungen_an_vergangenen_stammtischen(client_fuer):
    call_command("demodaten")
    call_command("demodaten")
    alle = Herausforderung.objects.all()
    assert alle.count() == 6
    jetzt = timezone.now()
    an_treffen = alle.exclude(termin=None)
    assert an_treffen.count() == 5
    assert all(h.termin.kategorie == "stammtisch" and h.termin.start < jetzt for h in an_treffen)
    assert len({h.termin_id for h in an_treffen}) >= 3  # across several meetings
    assert alle.filter(status="abgeschlossen").exclude(ergebnis="").exists()
    assert alle.filter(status="uebergeben", vorhaben__isnull=False).exists()
    assert Folgeschritt.objects.filter(erledigt_am__isnull=False).exists()
    assert Folgeschritt.objects.ueberfaellig(timezone.localdate()).exists()
    assert Verlaufseintrag.objects.filter(art="notiz", termin__isnull=False).exists()
    for h in alle.filter(sichtbarkeit="oeffentlich"):
        assert client_fuer().get(h.get_absolute_url()).status_code == 200
    call_command("demodaten", "--reset")
    assert Herausforderung.objects.count() == 6
