"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Without a Chromium the tests skip with a reason; with CI=true a missing browser fails.
`pruefe_barrierefreiheit(page, name)` runs axe-core (WCAG 2.1 A/AA), fails when the page is
wider than the screen (at 360 px: a phone would scroll sideways) and saves screenshots at
360 px and 1280 px width into var/screenshots/.

Every HTML page the live server sends while a browser test runs (the server's bytes, not the
browser's DOM) is kept and checked once at the end of the session by the W3C Nu HTML checker
(npm `vnu-jar` on Java): one error on any page fails the session, listing test, page and
message. Without Java or vnu.jar the check is skipped; with CI=true it fails.
"""

import json
import os
import shutil
import subprocess
import tempfile
import threading
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
# A page wider than the screen (a phone scrolls sideways): its width and what sticks out.
ZU_BREIT = """() => {
  if (document.documentElement.scrollWidth <= window.innerWidth) return null;
  const raus = [...document.querySelectorAll('body *')]
    .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .slice(0, 3)
    .map((el) => `${el.tagName}.${el.className} ${(el.textContent || '').trim().slice(0, 40)}`);
  return [document.documentElement.scrollWidth, raus];
}"""
REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "var" / "screenshots"
VNU_JAR = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


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


class NuSammlung:
    """The HTML pages of the session, waiting for one run of the Nu checker.

    The pages are taken where the live server answers (no race with the browser navigating
    on, the server's bytes rather than the browser's DOM): every full HTML page while a
    browser test runs, htmx fragments excepted.
    """

    def __init__(self, ordner: Path) -> None:
        self.ordner = ordner
        self.seiten: dict[str, tuple[str, str]] = {}  # file → (test, url)
        self.test: str | None = None  # set by the page fixture while a browser test runs
        self._sperre = threading.Lock()

    def antwort_aufnehmen(self, request, response) -> None:
        if (
            self.test is None
            or response.streaming
            or 300 <= response.status_code < 400
            or not response.get("Content-Type", "").startswith("text/html")
            or request.headers.get("HX-Request")
        ):
            return
        with self._sperre:
            datei = self.ordner / f"seite-{len(self.seiten) + 1:04d}.html"
            self.seiten[datei.name] = (self.test, request.build_absolute_uri())
        datei.write_bytes(response.content)

    def pruefen(self) -> list[str]:
        """Runs vnu once over every page; returns test, url, line and message per error."""
        if not self.seiten:
            return []
        lauf = subprocess.run(
            ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", str(self.ordner)],
            capture_output=True,
            text=True,
            timeout=600,
        )
        try:
            meldungen = json.loads(lauf.stderr or lauf.stdout)["messages"]
        except (ValueError, KeyError):
            return [f"vnu did not answer in JSON (exit {lauf.returncode}): {lauf.stderr[:2000]}"]
        fehler = []
        for m in meldungen:
            if m.get("type") not in ("error", "non-document-error"):
                continue
            test, url = self.seiten.get(Path(m.get("url", "")).name, ("?", m.get("url", "?")))
            zeile = f" line {m['lastLine']}" if "lastLine" in m else ""
            fehler.append(f"{test}\n    {url}{zeile}: {m.get('message')}")
        return fehler


@pytest.fixture(scope="session")
def nu_sammlung():
    """One Nu check for all browser tests, run when the session ends (or skipped, see top)."""
    if shutil.which("java") is None or not VNU_JAR.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(
                "CI=true but no Nu checker: needs java (apt-get install default-jre-headless) "
                f"and {VNU_JAR.relative_to(REPO)} (npm ci)."
            )
        yield None
        return
    from django.core.handlers.base import BaseHandler

    antworten = BaseHandler.get_response

    with (
        tempfile.TemporaryDirectory(prefix="portal-nu-") as ordner,
        pytest.MonkeyPatch.context() as mp,
    ):
        sammlung = NuSammlung(Path(ordner))

        def get_response(handler, request):
            response = antworten(handler, request)
            sammlung.antwort_aufnehmen(request, response)
            return response

        # Observes Django's handler (the live server's too), changes nothing it returns.
        mp.setattr(BaseHandler, "get_response", get_response)
        yield sammlung
        mp.undo()
        fehler = sammlung.pruefen()
        if fehler:
            pytest.fail(
                f"W3C Nu HTML checker: {len(fehler)} error(s) on the "
                f"{len(sammlung.seiten)} pages the browser tests loaded:\n" + "\n".join(fehler),
                pytrace=False,
            )


@pytest.fixture
def page(browser, live_server, nu_sammlung, request):
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    if nu_sammlung is not None:
        nu_sammlung.test = request.node.nodeid
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
    if nu_sammlung is not None:
        nu_sammlung.test = None
    assert not csp_fehler, f"CSP violations in the browser: {csp_fehler}"


@pytest.fixture
def pruefe_barrierefreiheit():
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def _pruefen(page, name: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        # The page as it settles: stylesheets loaded (a layout forced before that measures
        # unstyled widths), no transition half-way (a button under the pointer fading to
        # its hover colours has contrasts of neither state).
        page.wait_for_load_state("load")
        page.emulate_media(reduced_motion="reduce")
        groesse = page.viewport_size
        for breite in (360, 1280):
            page.set_viewport_size({"width": breite, "height": 900})
            zu_breit = page.evaluate(ZU_BREIT)
            assert zu_breit is None, f"{name} is wider than {breite}px: {zu_breit}"
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
