import pytest

from tests.factories import FerienzeitraumFactory


@pytest.fixture
def zeitraum(db):
    """The holiday period of the Ferienkalender's tests (the one `zeitraum` fixture): published,
    starting in 30 days, registration open since yesterday, at most three registrations per
    child. Tests that need more extend it (`def zeitraum(zeitraum): …`)."""
    return FerienzeitraumFactory(
        name="Sommerferien 2030", slug="sommer-2030", max_anmeldungen_pro_kind=3
    )
