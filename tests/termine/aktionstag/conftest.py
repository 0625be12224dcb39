import pytest

from tests.termine.aktionstag.factories import aktionstag, schicht, station


@pytest.fixture
def tag(db):
    """An action day in 30 days, open for stations."""
    return aktionstag()


@pytest.fixture
def station_a(tag, akteur_a):
    """Actor A's accepted station on spot 1, 11–13."""
    return station(tag, akteur_a)


@pytest.fixture
def aufbau(tag):
    """A whole-day shift, 9–11, 2 to 3 helpers."""
    return schicht(tag)
