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
# another built site (e.g. the student edition) can be checked with CHAOTICDOT_SITE_DIR
SITE = Path(os.environ.get("CHAOTICDOT_SITE_DIR", ROOT / "_build" / "html"))
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

    def walk(entries):
        for entry in entries:
            files.append(entry["file"])
            walk(entry.get("sections", []))

    for part in toc.get("parts", []):
        walk(part["chapters"])
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

    def __init__(self, browser, url: str, **context_options):
        self.external: list[str] = []
        self.errors: list[str] = []
        self.console_errors: list[str] = []
        self.failed: list[str] = []
        self.bytes = 0  # response bodies of this cold page load
        self.context = browser.new_context(**context_options)
        self.page = self.context.new_page()
        self.page.route("**/*", self._route)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("requestfailed", lambda req: self.failed.append(req.url))
        self.page.on("requestfinished", self._count)
        self.page.on(
            "console",
            lambda msg: msg.type == "error" and self.console_errors.append(msg.text),
        )
        self.page.goto(url, wait_until="load")
        # "networkidle" never fires on some Sphinx pages here; scripts are local and load
        # synchronously, so a short settle time after "load" is enough for deferred ones.
        self.page.wait_for_timeout(700)

    def _count(self, request):
        try:
            self.bytes += request.sizes()["responseBodySize"]
        except Exception:  # the page navigated away before the sizes were known
            pass

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
        assert not visit.console_errors, f"console errors: {visit.console_errors}"
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


# ---------------------------------------------------------------------------------------------
# Light and accessible pages: weight, axe-core, phone viewport, dark mode.

MB = 1024 * 1024
# A cold load of a page without interactive figures: theme, MathJax, fonts, images.
BUDGET_STATIC = 3 * MB
# Pages with plotly figures also load plotly.js (about 4.7 MB) and the figures' data; pages
# with widgets load the widgets manager and the widgets' state.
BUDGET_INTERACTIVE = 12 * MB
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def _interactive(page: str) -> bool:
    html = (SITE / page).read_text(encoding="utf-8")
    return "Plotly.newPlot" in html or "application/vnd.jupyter.widget-view+json" in html


@pytest.mark.parametrize("page", PAGES)
def test_page_weight_within_budget(server, browser, page):
    visit = _Visit(browser, f"{server}/{page}")
    try:
        budget = BUDGET_INTERACTIVE if _interactive(page) else BUDGET_STATIC
        print(f"{page}: {visit.bytes / MB:.2f} MB cold")
        assert visit.bytes <= budget, f"{page}: {visit.bytes / MB:.2f} MB > {budget / MB} MB"
    finally:
        visit.close()


def test_plotly_only_where_needed():
    """plotly.js is loaded only by pages that show a plotly figure."""
    if not SITE.exists():
        _missing("no built site in _build/html: run `make book` first")
    for page in PAGES:
        html = (SITE / page).read_text(encoding="utf-8")
        loads = "plotly.min.js" in html or "plotly-latest" in html
        assert loads == ("js-plotly-plot" in html or "Plotly.newPlot" in html), page


@pytest.mark.parametrize("page", PAGES)
def test_axe_no_serious_violations(server, browser, page):
    if not AXE.exists():
        _missing("axe-core is not installed (npm ci)")
    visit = _Visit(browser, f"{server}/{page}")
    try:
        if _has_math((SITE / page).read_text(encoding="utf-8")):
            visit.typeset()
        visit.page.add_script_tag(path=str(AXE))
        violations = visit.page.evaluate(
            """async () => (await axe.run(document, {resultTypes: ['violations']}))
                 .violations.map(v => ({id: v.id, impact: v.impact, n: v.nodes.length,
                   target: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"""
        )
        bad = [v for v in violations if v["impact"] in ("critical", "serious")]
        print(
            f"axe {page}: " + ", ".join(f"{v['id']}({v['impact']}, {v['n']})" for v in violations)
        )
        assert not bad, f"{page}: {bad}"
    finally:
        visit.close()


PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True}


@pytest.mark.parametrize("page", PAGES)
def test_readable_on_a_phone(server, browser, page):
    """At 390 px nothing widens the page; wide code and equations scroll in their own box."""
    visit = _Visit(browser, f"{server}/{page}", **PHONE)
    try:
        if _has_math((SITE / page).read_text(encoding="utf-8")):
            visit.typeset()
        overflow = visit.page.evaluate(
            """() => {
              const width = document.documentElement.clientWidth;
              const scrolls = el => {
                for (let p = el; p; p = p.parentElement) {
                  const o = getComputedStyle(p).overflowX;
                  if ((o === 'auto' || o === 'scroll' || o === 'hidden')
                      && p.clientWidth <= width) return true;
                }
                return false;
              };
              const out = [];
              for (const el of document.querySelectorAll(
                  'article p, article li, article dd, article pre, mjx-container, table')) {
                const r = el.getBoundingClientRect();
                if (r.width > 0 && r.right > width + 1 && !scrolls(el.parentElement))
                  out.push(el.tagName + ': ' + el.textContent.slice(0, 40));
              }
              return {page: document.documentElement.scrollWidth, width, out};
            }"""
        )
        assert overflow["page"] <= overflow["width"] + 1, overflow
        assert not overflow["out"], overflow["out"][:5]
    finally:
        visit.close()


def test_plotly_legends_leave_the_width_to_the_data_on_a_phone(server, browser):
    pages = [
        p
        for p in PAGES
        if (SITE / p).exists() and "Plotly.newPlot" in (SITE / p).read_text(encoding="utf-8")
    ]
    if not pages:
        pytest.skip("no interactive page")
    visit = _Visit(browser, f"{server}/{pages[0]}", **PHONE)
    try:
        visit.page.wait_for_selector(".js-plotly-plot", timeout=20000)
        visit.page.wait_for_timeout(500)
        layout = visit.page.evaluate(
            """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(gd => ({
                 orientation: gd._fullLayout.legend ? gd._fullLayout.legend.orientation : 'h',
                 plot: gd._fullLayout._size.w, width: gd._fullLayout.width}))"""
        )
        assert layout
        for fig in layout:
            assert fig["orientation"] == "h", layout
            # the legend no longer takes 40 % of the width: what is left to the axes' margins
            assert fig["plot"] >= 0.7 * fig["width"], layout
    finally:
        visit.close()


def test_plotly_follows_dark_mode(server, browser):
    pages = [
        p
        for p in PAGES
        if (SITE / p).exists() and "Plotly.newPlot" in (SITE / p).read_text(encoding="utf-8")
    ]
    if not pages:
        pytest.skip("no interactive page")
    visit = _Visit(browser, f"{server}/{pages[0]}", color_scheme="dark")
    try:
        visit.page.evaluate(
            "() => { localStorage.setItem('mode', 'dark'); localStorage.setItem('theme', 'dark'); }"
        )
        visit.page.reload(wait_until="load")
        visit.page.wait_for_selector(".js-plotly-plot", timeout=20000)
        visit.page.wait_for_timeout(500)
        colours = visit.page.evaluate(
            """() => Array.from(document.querySelectorAll('.js-plotly-plot'))
                 .map(gd => gd._fullLayout.paper_bgcolor)"""
        )
        light = [
            c
            for c in colours
            if c.replace(" ", "") in ("#fff", "#ffffff", "white", "rgb(255,255,255)")
        ]
        assert not light, f"plotly figures stay white in dark mode: {colours}"
        assert not visit.console_errors, visit.console_errors
    finally:
        visit.close()
