"""The built website in a real headless browser, with every non-local request blocked.

Debian's ``chromium`` is driven by Playwright (from PyPI) through ``executable_path``; no browser
is downloaded. The site in ``_build/html`` is served on 127.0.0.1, every request to another
host is aborted and recorded. For every page of the book: no JavaScript error, math typeset by
the site's own MathJax, every image loaded with alt text, no request left the machine. Pages
with plotly sliders are also checked to react to a slider move.

Run after ``make book``. ``make test`` sets ``CHAOTICDOT_REQUIRE_SITE=1`` so that a missing site
or browser is a failure there, and a skip elsewhere.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "_build" / "html"
REQUIRED = os.environ.get("CHAOTICDOT_REQUIRE_SITE") == "1"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

pytestmark = pytest.mark.browser


def _missing(reason: str):
    if REQUIRED:
        pytest.fail(reason)
    pytest.skip(reason)


def _pages() -> list[str]:
    """Every page of the book (chapters from the TOC) plus the index pages."""
    import yaml

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]]
    for part in toc.get("parts", []):
        files += [c["file"] for c in part["chapters"]]
    return [f"{f}.html" for f in files] + ["genindex.html", "search.html"]


PAGES = _pages()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output clean
        pass


@pytest.fixture(scope="module")
def server():
    if not (SITE / "index.html").exists():
        _missing("no built site in _build/html: run `make book` first")
    handler = functools.partial(_QuietHandler, directory=str(SITE))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        _missing("Debian's chromium is not installed (make install does it)")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


class _Visit:
    """One page load with external requests aborted and errors recorded."""

    def __init__(self, browser, url: str):
        self.external: list[str] = []
        self.errors: list[str] = []
        self.failed: list[str] = []
        self.context = browser.new_context()
        self.page = self.context.new_page()
        self.page.route("**/*", self._route)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("requestfailed", lambda req: self.failed.append(req.url))
        self.page.goto(url, wait_until="load")
        # "networkidle" never fires on some Sphinx pages here; scripts are local and load
        # synchronously, so a short settle time after "load" is enough for deferred ones.
        self.page.wait_for_timeout(700)

    def _route(self, route):
        host = urlparse(route.request.url).hostname
        if host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            self.external.append(route.request.url)
            route.abort()

    def typeset(self) -> None:
        """Wait until the site's MathJax has finished typesetting the page."""
        self.page.wait_for_function(
            "() => window.MathJax && MathJax.startup && MathJax.startup.promise", timeout=30000
        )
        self.page.evaluate("() => MathJax.startup.promise")

    def close(self):
        self.context.close()


def _has_math(page_html: str) -> bool:
    return 'class="math' in page_html or "\\(" in page_html or "\\[" in page_html


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_offline(server, browser, page):
    source = (SITE / page).read_text(encoding="utf-8")
    visit = _Visit(browser, f"{server}/{page}")
    try:
        if _has_math(source):
            visit.typeset()
            assert visit.page.locator("mjx-container").count() > 0, "math was not typeset"
            body_text = (
                visit.page.inner_text("article")
                if visit.page.locator("article").count()
                else visit.page.inner_text("body")
            )
            assert "\\begin{" not in body_text, "raw LaTeX left on the page"
        if "application/vnd.jupyter.widget-view+json" in source:
            # the site's own widgets manager replaced the widget placeholders
            visit.page.wait_for_selector(".jupyter-widgets", timeout=20000)
        images = visit.page.evaluate(
            """() => Array.from(document.images).map(img => ({
                   src: img.currentSrc || img.src, width: img.naturalWidth,
                   alt: (img.getAttribute('alt') || '').trim()}))"""
        )
        broken = [img["src"] for img in images if img["width"] == 0]
        no_alt = [img["src"] for img in images if not img["alt"]]
        assert not broken, f"images not loaded: {broken}"
        assert not no_alt, f"images without alt text: {no_alt}"
        assert not visit.errors, f"JavaScript errors: {visit.errors}"
        assert not visit.external, f"requests outside the site: {visit.external}"
        local_failures = [u for u in visit.failed if urlparse(u).hostname == "127.0.0.1"]
        assert not local_failures, f"local requests failed: {local_failures}"
    finally:
        visit.close()


def _slider_pages() -> list[str]:
    if not SITE.exists():
        return []
    return [
        p
        for p in PAGES
        if (SITE / p).exists() and '"sliders"' in (SITE / p).read_text(encoding="utf-8")
    ]


def test_site_has_interactive_figures():
    if not SITE.exists():
        _missing("no built site in _build/html: run `make book` first")
    assert _slider_pages(), "no page with a plotly slider figure"


_VISIBLE_SIGNATURE = """(gd) => JSON.stringify(gd.data
    .filter(t => t.visible === undefined || t.visible === true)
    .map(t => [t.name, Array.from(t.y || []).slice(0, 50), Array.from(t.z || []).slice(0, 5)]))"""


@pytest.mark.parametrize("page", _slider_pages() or ["(none)"])
def test_slider_changes_visible_trace(server, browser, page):
    if page == "(none)":
        pytest.skip("no slider pages")
    visit = _Visit(browser, f"{server}/{page}")
    try:
        plots = visit.page.locator(".js-plotly-plot")
        assert plots.count() > 0, "plotly did not render"
        checked = 0
        for i in range(plots.count()):
            plot = plots.nth(i)
            rail = plot.locator("rect.slider-rail-rect")
            if rail.count() == 0:
                continue
            before = plot.evaluate(_VISIBLE_SIGNATURE)
            rail.first.scroll_into_view_if_needed()
            box = rail.first.bounding_box()
            # click near the far end of the rail, as a reader would
            visit.page.mouse.click(box["x"] + 0.9 * box["width"], box["y"] + box["height"] / 2)
            visit.page.wait_for_timeout(300)
            after = plot.evaluate(_VISIBLE_SIGNATURE)
            assert after != before, f"slider {i} on {page} did not change the visible trace"
            checked += 1
        assert checked > 0, "no slider found in the rendered plots"
        assert not visit.errors, f"JavaScript errors: {visit.errors}"
        assert not visit.external, f"requests outside the site: {visit.external}"
    finally:
        visit.close()
