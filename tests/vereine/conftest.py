"""Fixtures of the Akteure tests: districts, a coordinator address, rate limits reset."""

import pytest
from django.core.cache import cache
from django.utils.text import slugify

from netzwerk.models import Netzwerkprofil, Ortsteil


@pytest.fixture(autouse=True)
def _frischer_cache():
    # The rate limit counts in the cache; each test starts with a full quota.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def ortsteile(db) -> dict[str, Ortsteil]:
    namen = ["Ballenstedt", "Asmusstedt", "Badeborn", "Opperode", "Radisleben", "Rieder"]
    return {
        n: Ortsteil.objects.get_or_create(slug=slugify(n), defaults={"name": n, "reihenfolge": i})[
            0
        ]
        for i, n in enumerate(namen)
    }


@pytest.fixture
def netzwerkprofil(db) -> Netzwerkprofil:
    profil = Netzwerkprofil(name="Netzwerk Ballenstedt", ort="Ballenstedt")
    profil.kontakt_email = "team@example.org"
    profil.save()
    return profil
