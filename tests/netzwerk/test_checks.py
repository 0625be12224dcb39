"""The portal's own system checks, run as `check --deploy` runs them."""

import pytest
from django.core import checks
from django.test import override_settings


def _ids(**kwargs) -> set[str]:
    return {m.id for m in checks.run_checks(tags=[checks.Tags.security], **kwargs)}


@pytest.mark.parametrize(
    "site_url", ["http://127.0.0.1:8000", "http://localhost:8000", "http://[::1]:8000"]
)
def test_site_url_dieser_rechner_ohne_debug_warnt(site_url):
    with override_settings(DEBUG=False, SITE_URL=site_url):
        (meldung,) = [
            m
            for m in checks.run_checks(tags=[checks.Tags.security], include_deployment_checks=True)
            if m.id == "netzwerk.W001"
        ]
    assert meldung.level == checks.WARNING
    assert site_url in meldung.msg and "SITE_URL" in meldung.hint


@pytest.mark.parametrize(
    ("debug", "site_url", "deploy"),
    [
        (False, "https://portal.example.org", True),  # configured
        (True, "http://127.0.0.1:8000", True),  # development
        (False, "http://127.0.0.1:8000", False),  # a plain `check` (e.g. `make run`)
    ],
)
def test_site_url_warnt_nicht(debug, site_url, deploy):
    with override_settings(DEBUG=debug, SITE_URL=site_url):
        assert "netzwerk.W001" not in _ids(include_deployment_checks=deploy)
