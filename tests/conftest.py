"""Shared fixtures: personas, and the harness that makes silent failures loud.

Personas (STYLE.md, habit 7): anonymous, resident, member of actor A, member of actor B,
coordinator. Each persona fixture returns the user; `client_fuer(user)` logs a client in.
Apps add their own persona details (memberships) in their conftest files.
"""

import logging
import os
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from tests.factories import (
    AkteurFactory,
    KoordinationFactory,
    MitgliedschaftFactory,
    UserFactory,
)
from tests.uhren import UHREN


class _FehlerSammler(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def _fehler_im_log_lassen_test_scheitern(request):
    """An ERROR logged during a test fails it (e.g. a 500 swallowed by a view)."""
    sammler = _FehlerSammler()
    root = logging.getLogger()
    root.addHandler(sammler)
    yield sammler
    root.removeHandler(sammler)
    if sammler.records and not request.node.get_closest_marker("erlaubt_fehlerlog"):
        meldungen = "\n".join(sammler.format(r) for r in sammler.records)
        pytest.fail(f"ERROR logged during the test:\n{meldungen}")


def pytest_collection_modifyitems(items):
    """Browser tests last: the fast feedback comes first."""
    items.sort(key=lambda item: "/e2e/" in str(item.path))


# --- The clock ---------------------------------------------------------------------------
# No test may depend on the real date: every test runs under a fixed clock unless it travels
# itself. The suite also runs under the other clocks (`--uhr NAME` or PORTAL_TESTUHR=NAME, or an
# ISO datetime), spread over the year, so that a calendar dependence shows within days
# (`make test-uhren` runs them all; .ci/run one per day).


def pytest_addoption(parser):
    parser.addoption(
        "--uhr",
        default=os.environ.get("PORTAL_TESTUHR", "standard"),
        help=f"the clock the tests run under: {', '.join(UHREN)} or an ISO datetime",
    )


def testuhr(config) -> datetime:
    """The selected clock as an aware datetime (an ISO time without offset is Berlin's)."""
    wert = config.getoption("--uhr")
    try:
        uhr = datetime.fromisoformat(UHREN.get(wert, wert))
    except ValueError:
        raise pytest.UsageError(
            f"--uhr {wert!r}: not one of {', '.join(UHREN)} and not an ISO datetime"
        ) from None
    return uhr if uhr.tzinfo else uhr.replace(tzinfo=ZoneInfo("Europe/Berlin"))


def pytest_report_header(config):
    return f"clock: {config.getoption('--uhr')} ({testuhr(config).isoformat()})"


@pytest.fixture(autouse=True)
def _feste_uhr(request):
    """Every test starts at the selected clock; time ticks on from there."""
    with time_machine.travel(testuhr(request.config), tick=True):
        yield


def pytest_configure(config):
    config.addinivalue_line("markers", "erlaubt_fehlerlog: the test expects an ERROR log line")
    if config.getoption("--uhr") not in UHREN:
        testuhr(config)  # an unknown name fails here, before any test runs


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """PostgreSQL: no autovacuum in the test database.

    Modules load the demo data inside a transaction and roll it back. A vacuum of a table
    whose rows are all rolled back records "0 rows on N pages", and the planner then takes
    the next module's thousands of uncommitted rows for one: nested loops over them took
    minutes per query in CI. Without vacuum the planner estimates from the pages."""
    from django.db import connection

    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT format('ALTER TABLE %I SET (autovacuum_enabled = false)', tablename)"
                    " FROM pg_tables WHERE schemaname = current_schema()"
                )
                for (befehl,) in cursor.fetchall():
                    cursor.execute(befehl)
    yield


@pytest.fixture(autouse=True)
def _termine_ab_null():
    """TerminFactory dates follow its sequence: every test starts it at 0, so that a test's
    dates do not depend on how many Termine earlier tests created."""
    from tests.termine.factories import TerminFactory

    TerminFactory.reset_sequence()


@pytest.fixture(autouse=True)
def _deutsch(settings):
    settings.LANGUAGE_CODE = "de"


@pytest.fixture(autouse=True)
def _leerer_cache():
    """Rate-limit counters, cached feeds and pages, and the content versions a process
    remembers must not leak from one test into the next."""
    from django.core.cache import cache

    from netzwerk import zwischenspeicher

    cache.clear()
    zwischenspeicher._gelesen.clear()
    yield
    cache.clear()
    zwischenspeicher._gelesen.clear()


@pytest.fixture
def client_fuer():
    def _client(user=None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return _client


@pytest.fixture
def bewohner(db):
    return UserFactory(email="bewohner@example.org", anzeigename="Rita Bewohnerin")


@pytest.fixture
def koordination(db):
    return KoordinationFactory(email="koordination@example.org", anzeigename="Kim Koordination")


@pytest.fixture
def akteur_a(db):
    return AkteurFactory(name="Heimatverein Ballenstedt", slug="heimatverein")


@pytest.fixture
def akteur_b(db):
    return AkteurFactory(name="Sportverein Badeborn", slug="sv-badeborn")


@pytest.fixture
def mitglied_a(akteur_a):
    """Leitung of actor A."""
    return MitgliedschaftFactory(
        akteur=akteur_a, user=UserFactory(email="mitglied-a@example.org", anzeigename="Anna A.")
    ).user


@pytest.fixture
def mitglied_b(akteur_b):
    """Leitung of actor B."""
    return MitgliedschaftFactory(
        akteur=akteur_b, user=UserFactory(email="mitglied-b@example.org", anzeigename="Bert B.")
    ).user


@pytest.fixture(params=["anonym", "bewohner", "mitglied_a", "mitglied_b", "koordination"])
def persona(request):
    """Parametrise a test over all five personas: yields (name, user or None)."""
    if request.param == "anonym":
        return "anonym", None
    return request.param, request.getfixturevalue(request.param)
