"""Other editions of the book: the student edition without solutions, and the PDF.

Run from the repository root (``make student``, ``make pdf``)::

    python book/_ext/editions.py student   # _build/student/html and _build/student/pdf
    python book/_ext/editions.py pdf       # _build/pdf/chaoticdot.pdf from _build/html

Student edition: the sources are copied to ``_build/student-source`` with every
``{solution}`` block removed, and that copy is built strictly. Its execution cache is the main
build's (solutions hold no code cells, so every chapter's code, and its cache key, is
unchanged). Nothing derived from the full sources reaches ``_build/student``.

PDF: the system Chromium (Playwright with ``executable_path``; no browser is downloaded)
prints every page of the built site in reading order; hidden cells are expanded, interactive
controls are left out (the figures print as static images), solutions are moved to an appendix
at the end (the student edition has none). The pages are merged with pypdf.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import io
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from downloads import toc_docnames  # noqa: E402

ROOT = Path.cwd()
CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
_OPEN = re.compile(r"^(?P<fence>`{3,}|:{3,})\{solution\}")
_GATE_START = re.compile(r"^(?P<fence>`{3,}|:{3,})\{solution-start\}")
_GATE_END = re.compile(r"^(?P<fence>`{3,}|:{3,})\{solution-end\}")


def strip_solutions(text: str) -> tuple[str, list[str]]:
    """Remove every solution; return the text and the removed blocks.

    Two forms exist (sphinx-exercise): a ``{solution}`` directive block, and a *gated*
    solution, ``{solution-start}`` ... ``{solution-end}``, whose body may hold code cells; the
    gated form is removed from its opening line to the fence that closes ``{solution-end}``.
    """
    out, removed, block = [], [], []
    fence, gated, closing = None, False, False
    for line in text.splitlines(keepends=True):
        if fence is None:
            match = _OPEN.match(line) or _GATE_START.match(line)
            if match:
                fence, block = match["fence"], [line]
                gated, closing = bool(_GATE_START.match(line)), False
            else:
                out.append(line)
            continue
        block.append(line)
        if gated and not closing:
            # inside a gated solution: wait for {solution-end}, then for its closing fence
            closing = bool(_GATE_END.match(line))
            continue
        if line.rstrip() == fence:
            removed.append("".join(block))
            fence = None
    if fence is not None:
        raise ValueError("unterminated solution block")
    return "".join(out), removed


def _ignore(directory, names):
    return {n for n in names if n in ("__pycache__", "vendor", ".ipynb_checkpoints")}


def stage_student_sources(root: Path, stage: Path) -> int:
    """Copy the book's sources to ``stage`` without solutions; return how many were removed."""
    if stage.exists():
        for item in ("book", "src"):
            shutil.rmtree(stage / item, ignore_errors=True)
    stage.mkdir(parents=True, exist_ok=True)
    for name in ("_config.yml", "_toc.yml", "pyproject.toml"):
        shutil.copy2(root / name, stage / name)
    shutil.copytree(root / "src", stage / "src", ignore=_ignore)
    shutil.copytree(root / "book", stage / "book", ignore=_ignore)
    if not (stage / "node_modules").exists():
        (stage / "node_modules").symlink_to(root / "node_modules")
    count = 0
    for source in (stage / "book").rglob("*.md"):
        text, removed = strip_solutions(source.read_text(encoding="utf-8"))
        source.write_text(text, encoding="utf-8")
        count += len(removed)
    # share the main build's execution cache (same library, same code cells)
    cache = stage / "_build" / ".jupyter_cache"
    (root / "_build" / ".jupyter_cache").mkdir(parents=True, exist_ok=True)
    if not cache.is_symlink():
        cache.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(cache, ignore_errors=True)
        cache.symlink_to(root / "_build" / ".jupyter_cache")
    return count


def build_student(root: Path) -> Path:
    stage = root / "_build" / "student-source"
    removed = stage_student_sources(root, stage)
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    subprocess.run([str(jupyter_book), "build", str(stage), "-W", "--keep-going"], check=True)
    target = root / "_build" / "student"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(stage / "_build" / "html", target / "html")
    print(f"student edition: {removed} solutions removed -> {target / 'html'}")
    print_pdf(target / "html", target / "pdf" / "chaoticdot-student.pdf", root)
    return target


# ---------------------------------------------------------------------------------------------
# PDF

_PRINT_JS = """() => {
  document.querySelectorAll('details').forEach(d => d.open = true);
  const solutions = Array.from(document.querySelectorAll('div.solution'));
  solutions.forEach(s => s.remove());
  return solutions.length;
}"""

# The theme prints a page's title in its print header (and hides the article's first h1).
_APPENDIX_JS = """(html) => {
  const article = document.querySelector('article.bd-article');
  article.innerHTML = html;
  document.title = 'Solutions';
  const header = document.querySelector('#jb-print-docs-body h1');
  if (header) header.textContent = 'Appendix: solutions to the exercises';
  const toc = document.querySelector('#jb-print-toc');
  if (toc) toc.remove();
  return MathJax.typesetPromise ? MathJax.typesetPromise([article]) : null;
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _solutions_html(site: Path, docnames: list[str]) -> tuple[str, str | None]:
    """The solutions of every chapter (as built, before typesetting), grouped by chapter.

    Also returns the last chapter with solutions: its page (which loads MathJax) hosts the
    appendix.
    """
    from bs4 import BeautifulSoup

    parts = ["<section><h1>Appendix: solutions to the exercises</h1>"]
    host = None
    for docname in docnames:
        soup = BeautifulSoup((site / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")
        found = soup.select("div.solution")
        if not found:
            continue
        title = soup.select_one("article h1")
        heading = title.get_text(" ", strip=True).rstrip("#") if title else docname
        parts.append(f"<h2>{heading}</h2>")
        host = docname
        for div in found:
            div["class"] = [c for c in div.get("class", []) if c != "dropdown"]
            parts.append(str(div))
    parts.append("</section>")
    return ("\n".join(parts), host) if host else ("", None)


def print_pdf(site: Path, target: Path, root: Path) -> Path:
    """Print every page of the built ``site`` in reading order into one PDF at ``target``."""
    from playwright.sync_api import sync_playwright
    from pypdf import PdfWriter

    start = time.time()
    docnames = [d for d in toc_docnames(root) if (site / f"{d}.html").exists()]
    handler = functools.partial(_Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    writer = PdfWriter()
    options = {
        "format": "A4",
        "print_background": True,
        "prefer_css_page_size": False,
        "margin": {"top": "15mm", "bottom": "15mm", "left": "14mm", "right": "14mm"},
    }
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
            )
            page = browser.new_page()
            page.route(
                "**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort()
            )
            for docname in docnames:
                page.goto(f"{base}/{docname}.html", wait_until="load")
                _settle(page)
                page.evaluate(_PRINT_JS)
                writer.append(io.BytesIO(page.pdf(**options)))
            appendix, host = _solutions_html(site, docnames)
            if appendix:
                page.goto(f"{base}/{host}.html", wait_until="load")
                _settle(page)
                page.evaluate(_APPENDIX_JS, appendix)
                page.wait_for_timeout(300)
                writer.append(io.BytesIO(page.pdf(**options)))
            browser.close()
    finally:
        httpd.shutdown()
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "wb") as handle:
        writer.write(handle)
    print(f"PDF: {len(writer.pages)} pages in {time.time() - start:.0f} s -> {target}")
    return target


def _settle(page) -> None:
    """Wait for MathJax and for plotly to finish drawing."""
    page.wait_for_function(
        "() => !window.MathJax || !MathJax.startup || MathJax.startup.promise", timeout=30000
    )
    page.evaluate("() => window.MathJax && MathJax.startup && MathJax.startup.promise")
    page.wait_for_timeout(400)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("edition", choices=["student", "pdf"])
    args = parser.parse_args(argv)
    if args.edition == "student":
        build_student(ROOT)
    else:
        site = ROOT / "_build" / "html"
        if not (site / "index.html").exists():
            parser.error("no built site in _build/html: run `make book` first")
        print_pdf(site, ROOT / "_build" / "pdf" / "chaoticdot.pdf", ROOT)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
