"""The book's other editions: downloads, the student edition without solutions, the PDF.

Run after ``make book``, ``make student`` and ``make pdf`` (``make test`` runs them and sets
``CHAOTICDOT_REQUIRE_SITE=1``, so that a missing output is a failure there and a skip
elsewhere).
"""

from __future__ import annotations

import html
import importlib.util
import io
import json
import os
import re
import unicodedata
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "_build" / "html"
STUDENT = ROOT / "_build" / "student"
PDF = ROOT / "_build" / "pdf" / "chaoticdot.pdf"
REQUIRED = os.environ.get("CHAOTICDOT_REQUIRE_SITE") == "1"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "book" / "_ext" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    import sys

    sys.path.insert(0, str(ROOT / "book" / "_ext"))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(ROOT / "book" / "_ext"))
    return module


editions = _load("editions")
downloads = _load("downloads")


def _need(path: Path, command: str):
    if not path.exists():
        message = f"{path.relative_to(ROOT)} is missing: run `{command}` first"
        if REQUIRED:
            pytest.fail(message)
        pytest.skip(message)


# --- solution stripping ----------------------------------------------------------------------


def test_strip_solutions_removes_only_solution_blocks():
    text = (
        "intro\n```{exercise}\n:label: ex-a\nQuestion?\n```\n\n"
        "````{solution} ex-a\n:class: dropdown\nAnswer with code:\n```python\nx = 1\n```\n"
        "still answer\n````\nafter\n"
    )
    stripped, removed = editions.strip_solutions(text)
    assert removed and "Answer with code" in removed[0] and "still answer" in removed[0]
    assert "Question?" in stripped and "after" in stripped
    assert "Answer" not in stripped and "still answer" not in stripped


def test_strip_solutions_refuses_an_unterminated_block():
    with pytest.raises(ValueError, match="unterminated"):
        editions.strip_solutions("```{solution} ex-a\nno end\n")


_MARKUP = re.compile(r"`[^`]*`|\$[^$]*\$|\{[^}]*\}|\[[^\]]*\]\([^)]*\)|\*+|_")


def _solution_phrases() -> list[str]:
    """Six consecutive plain words (no markup between them) from every solution's text."""
    phrases = []
    for source in sorted((ROOT / "book").glob("*.md")):
        for block in editions.strip_solutions(source.read_text(encoding="utf-8"))[1]:
            lines = block.splitlines()[1:-1]
            segments = (
                seg
                for line in lines
                if not line.lstrip().startswith((":", "```", "#"))
                for seg in _MARKUP.split(line)
            )
            for segment in segments:
                words = re.findall(r"[A-Za-z]+(?:'[a-z]+)?", segment)
                if len(words) >= 6 and "-" not in segment:
                    phrases.append(" ".join(words[:6]))
                    break  # one phrase per solution is enough to recognise it
    # a phrase that the book also uses outside its solutions identifies nothing
    texts = [
        editions.strip_solutions(p.read_text(encoding="utf-8"))[0]
        for p in (ROOT / "book").rglob("*.md")
    ]
    texts += [p.read_text(encoding="utf-8") for p in (ROOT / "src").rglob("*.py")]
    rest = " ".join(" ".join(re.findall(r"[A-Za-z]+(?:'[a-z]+)?", t)) for t in texts)
    return [p for p in phrases if p not in rest]


def _plain(text: str) -> str:
    text = re.sub(r"<[^>]+>", " ", text)
    return " ".join(re.findall(r"[A-Za-z]+(?:'[a-z]+)?", html.unescape(text)))


def _texts(root: Path):
    """(path, plain text) for every file below ``root``, archives and PDFs opened."""
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.suffix == ".zip":
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for name in archive.namelist():
                    yield f"{path}:{name}", _plain(archive.read(name).decode("utf-8", "ignore"))
        elif path.suffix == ".pdf":
            from pypdf import PdfReader

            pages = PdfReader(io.BytesIO(data)).pages
            text = " ".join(p.extract_text() or "" for p in pages)
            yield str(path), _plain(unicodedata.normalize("NFKC", text))
        elif path.suffix == ".ipynb":
            cells = json.loads(data)["cells"]
            yield str(path), _plain(" ".join("".join(c["source"]) for c in cells))
        else:
            yield str(path), _plain(data.decode("utf-8", "ignore"))


def test_student_edition_has_no_solution_text():
    _need(STUDENT / "html" / "index.html", "make student")
    _need(SITE / "index.html", "make book")
    phrases = _solution_phrases()
    blocks = sum(
        len(editions.strip_solutions(p.read_text(encoding="utf-8"))[1])
        for p in (ROOT / "book").glob("*.md")
    )
    assert blocks >= 30 and len(phrases) >= 0.75 * blocks, (blocks, len(phrases))
    # the check can fail: the full site does carry these phrases
    full = " ".join(t for _, t in _texts(SITE / "book"))
    assert all(p in full for p in phrases), [p for p in phrases if p not in full][:3]
    leaks, scanned = [], 0
    for path, text in _texts(STUDENT):
        scanned += 1
        leaks += [(path, p) for p in phrases if p in text]
        if 'class="solution' in text or "Solution to Exercise" in text:
            leaks.append((path, "solution markup"))
    print(f"scanned {scanned} files of the student edition for {len(phrases)} solutions")
    assert scanned > 100
    assert not leaks, leaks[:10]


def test_student_edition_keeps_the_exercises():
    _need(STUDENT / "html" / "index.html", "make student")
    page = (STUDENT / "html" / "book" / "gauge.html").read_text(encoding="utf-8")
    assert 'class="exercise' in page
    assert (STUDENT / "pdf" / "chaoticdot-student.pdf").exists()


# --- downloads -------------------------------------------------------------------------------


@pytest.mark.parametrize("site", [SITE, STUDENT / "html"], ids=["book", "student"])
def test_every_chapter_downloads_as_an_executed_notebook(site):
    _need(site / "index.html", "make book" if site == SITE else "make student")
    chapters = downloads.chapters(ROOT)
    assert len(chapters) >= 10
    with zipfile.ZipFile(site / "notebooks" / downloads.ARCHIVE) as archive:
        names = set(archive.namelist())
    for docname in chapters:
        notebook = json.loads((site / "_sources" / f"{docname}.ipynb").read_text())
        outputs = sum(len(c.get("outputs", [])) for c in notebook["cells"] if "outputs" in c)
        assert outputs > 0, f"{docname}.ipynb carries no outputs"
        assert f"chaoticdot/{Path(docname).name}.ipynb" in names
        page = (site / f"{docname}.html").read_text(encoding="utf-8")
        assert f"_sources/{docname}.ipynb" in page, "download menu lacks the notebook"
        assert downloads.ARCHIVE in page, "download menu lacks the archive"


# --- PDF -------------------------------------------------------------------------------------


def _pdf_text(path: Path) -> tuple[int, str]:
    from pypdf import PdfReader

    reader = PdfReader(path)
    text = " ".join(p.extract_text() or "" for p in reader.pages)
    # NFKC undoes typographic ligatures ("ﬀ" -> "ff") of the printed fonts
    return len(reader.pages), " ".join(unicodedata.normalize("NFKC", text).split())


def test_pdf_has_every_chapter_and_numbered_figure():
    _need(PDF, "make pdf")
    pages, text = _pdf_text(PDF)
    print(f"PDF: {pages} pages")
    assert 60 <= pages <= 600
    for docname in downloads.toc_docnames(ROOT):
        page = (SITE / f"{docname}.html").read_text(encoding="utf-8")
        title = re.search(r'<h1>(?:<span class="section-number">[^<]*</span>)?([^<]*)', page)
        assert title, docname
        words = " ".join(_plain(title.group(1)).split()[:6])
        assert words in _plain(text), f"chapter title {words!r} not in the PDF"
        for number in re.findall(r'<span class="caption-number">(Fig\. [\d.]+)', page):
            assert number in text, f"{number} of {docname} not in the PDF"
    assert "Appendix: solutions to the exercises" in text


def test_student_pdf_has_no_solutions_appendix():
    student_pdf = STUDENT / "pdf" / "chaoticdot-student.pdf"
    _need(student_pdf, "make student")
    _, text = _pdf_text(student_pdf)
    assert "Appendix: solutions" not in text
    assert "Solution to Exercise" not in text
