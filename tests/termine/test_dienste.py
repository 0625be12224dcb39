"""The calendar core's services: a Termin and its exception days are saved together."""

from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.utils import timezone

from termine import services
from termine.models import Termin, TerminAusnahme
from tests.termine.factories import TerminFactory

pytestmark = pytest.mark.django_db


def _serie(**felder):
    start = timezone.localtime().replace(hour=18, minute=0, second=0, microsecond=0)
    return TerminFactory.build(
        start=start, ende=start + timedelta(hours=2), wiederholung="woechentlich", **felder
    )


def test_ausnahmen_werden_mit_dem_termin_gespeichert_und_ersetzt(mitglied_a):
    termin = _serie()
    eine, zwei, drei = (timezone.localdate() + timedelta(weeks=n) for n in (1, 2, 3))
    services.termin_speichern(termin=termin, von=mitglied_a, ausnahmen=[eine, zwei])
    assert sorted(termin.ausnahmen.values_list("datum", flat=True)) == [eine, zwei]

    services.termin_speichern(termin=termin, von=mitglied_a, ausnahmen=[zwei, drei])
    assert sorted(termin.ausnahmen.values_list("datum", flat=True)) == [zwei, drei]

    # Without `ausnahmen` (e.g. from the admin) the exception days stay as they are.
    services.termin_speichern(termin=termin, von=mitglied_a)
    assert termin.ausnahmen.count() == 2


def test_scheitert_das_speichern_bleiben_auch_die_ausnahmen_ungeschrieben(mitglied_a):
    termin = _serie(intervall=0)  # violates termin_intervall_positiv
    with pytest.raises(IntegrityError):
        services.termin_speichern(
            termin=termin, von=mitglied_a, ausnahmen=[timezone.localdate() + timedelta(weeks=1)]
        )
    assert not Termin.objects.exists()
    assert not TerminAusnahme.objects.exists()
