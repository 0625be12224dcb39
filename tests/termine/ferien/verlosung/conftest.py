import pytest


@pytest.fixture
def zeitraum(zeitraum):
    """The period of tests/termine/ferien/conftest.py in the mode "Wunschphase + Verlosung"."""
    zeitraum.name, zeitraum.slug, zeitraum.modus = "Osterferien 2030", "ostern-2030", "verlosung"
    zeitraum.save(update_fields=["name", "slug", "modus"])
    return zeitraum
