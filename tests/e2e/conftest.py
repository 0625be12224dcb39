"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Without a Chromium the tests skip with a reason; with CI=true a missing browser fails.
`pruefe_barrierefreiheit(page, name)` runs axe-core (WCAG 2.1 A/AA) and saves screenshots at
360 px and 1280 px width into var/screenshots/.
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def _chromium() -> str | None:
    for kandidat in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if kandidat and Path(kandidat).exists():
            return kandidat
    return None


@pytest.fixture(scope="module")
def browser():
    pfad = _chromium()
    if pfad is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but no Chromium found (apt-get install chromium).")
        pytest.skip("No Chromium installed: browser tests skipped (apt-get install chromium).")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread while the browser is open;
    # Django would then refuse ORM calls in the test thread. Allowed for browser tests only,
    # and only while their module's browser is open.
    with pytest.MonkeyPatch.context() as mp, sync_playwright() as p:
        mp.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = p.chromium.launch(executable_path=pfad, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    csp_fehler: list[str] = []
    page.on(
        "console",
        lambda msg: (
            csp_fehler.append(msg.text)
            if "Content Security Policy" in msg.text or "Content-Security-Policy" in msg.text
            else None
        ),
    )
    page.base_url = live_server.url
    yield page
    context.close()
    assert not csp_fehler, f"CSP violations in the browser: {csp_fehler}"


@pytest.fixture
def pruefe_barrierefreiheit():
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def _pruefen(page, name: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        groesse = page.viewport_size
        for breite in (360, 1280):
            page.set_viewport_size({"width": breite, "height": 900})
            page.screenshot(path=SCREENSHOTS / f"{name}-{breite}.png", full_page=True)
            ergebnis = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
            assert ergebnis.violations_count == 0, (
                f"axe at {breite}px on {name}:\n{ergebnis.generate_report()}"
            )
        page.set_viewport_size(groesse)

    return _pruefen


@pytest.fixture
def einloggen():
    def _einloggen(page, email: str, passwort: str) -> None:
        page.goto(page.base_url + "/konto/login/")
        page.get_by_label("E-Mail").fill(email)
        page.get_by_label("Passwort").fill(passwort)
        page.get_by_role("button", name="Anmelden").click()
        page.wait_for_load_state()

    return _einloggen
