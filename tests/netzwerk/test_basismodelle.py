"""The bookkeeping fields are declared once (netzwerk/basismodelle.py): every model whose
"created", "changed" or "created by" is exactly the shared one inherits it, and they behave."""

from datetime import timedelta

import pytest
import time_machine
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone

from netzwerk.basismodelle import Erstellt, ErstelltVon, Zeitstempel
from termine.models import Termin
from tests.factories import UserFactory
from tests.termine.factories import TerminFactory

GLEICH = {
    "erstellt": (Erstellt, lambda f: str(f.verbose_name) == "created" and f.auto_now_add),
    "geaendert": (Zeitstempel, lambda f: str(f.verbose_name) == "changed" and f.auto_now),
    "erstellt_von": (
        ErstelltVon,
        lambda f: str(f.verbose_name) == "created by" and f.remote_field.related_name == "+",
    ),
}


def test_wer_die_gemeinsamen_felder_hat_erbt_sie():
    eigene = []
    for modell in apps.get_models():
        for name, (basis, gleich) in GLEICH.items():
            try:
                feld = modell._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if gleich(feld) and not issubclass(modell, basis):
                eigene.append(f"{modell._meta.label}.{name}")
    assert eigene == [], "inherit from netzwerk.basismodelle"


@pytest.mark.django_db
def test_erstellt_bleibt_geaendert_folgt_erstellt_von_ueberlebt_das_konto():
    anna = UserFactory()
    termin = TerminFactory(erstellt_von=anna)
    erstellt = termin.erstellt
    with time_machine.travel(timezone.now() + timedelta(hours=2), tick=False):
        termin.titel = "Neuer Titel"
        termin.save()
    termin.refresh_from_db()
    assert termin.erstellt == erstellt
    assert termin.geaendert - erstellt >= timedelta(hours=2)
    anna.delete()
    assert Termin.objects.get(pk=termin.pk).erstellt_von is None
