import pytest
import time_machine

from tests.termine.factories import berlin


@pytest.fixture
def jetzt():
    """Freeze “now” at Monday, 1 June 2026, 09:00 in Berlin, so calendars are predictable."""
    with time_machine.travel(berlin(2026, 6, 1, 9), tick=False):
        yield berlin(2026, 6, 1, 9)
