"""Format and lint the code cells of the chapters with ruff.

Usage::

    python book/_ext/chapter_lint.py          # check: exit 1 and list the problems
    python book/_ext/chapter_lint.py --fix    # rewrite the code cells with ``ruff format``

Only the code of ``{code-cell}`` blocks is touched; the cell options and every line of prose
stay byte for byte. Chapter code is formatted at 88 columns, the width that fits the code
column of a desktop page without scrolling. The cells of one chapter are linted together
(they share one namespace when the notebook runs), as a Python file whose lines map back to
the chapter's lines.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

BOOK = Path(__file__).resolve().parents[1]
LINE_LENGTH = 88
#: Rules that do not fit notebooks: imports next to the cell that first needs them (E402), a
#: bare expression at the end of a cell to display its value (B018).
NOTEBOOK_IGNORE = "E402,B018"
_FENCE = re.compile(r"^```\{code-cell\}[^\n]*\n(.*?)^```[ \t]*$", re.M | re.S)


def _split_options(body: str) -> tuple[str, str]:
    """Cell options (``:key: value`` lines or a ``---`` YAML block) and the code."""
    lines = body.splitlines(keepends=True)
    i = 0
    if lines and lines[0].strip() == "---":
        i = 1 + next(k for k, line in enumerate(lines[1:]) if line.strip() == "---")
        i += 1
    else:
        while i < len(lines) and lines[i].startswith(":"):
            i += 1
    # a blank line after the options belongs to them
    while i < len(lines) and lines[i].strip() == "" and i > 0:
        i += 1
    return "".join(lines[:i]), "".join(lines[i:])


def cells(text: str):
    """``(start, end, options, code)`` of every code cell; ``start``/``end`` index ``text``."""
    for match in _FENCE.finditer(text):
        options, code = _split_options(match.group(1))
        yield match.start(1), match.end(1), options, code


def _ruff(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    # isolated from pyproject.toml (which excludes book/), with the library as first party
    first_party = '--config=lint.isort.known-first-party=["chaoticdot"]'
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args[:1], "--isolated", first_party, *args[1:]],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )


def _magic(line: str) -> bool:
    return line.lstrip().startswith(("%", "!"))


def format_codes(codes: list[str]) -> list[str]:
    """``ruff format`` (after sorting imports) of many cells in one ruff run.

    Cells with IPython magics are left alone. Each cell is formatted on its own: imports are
    sorted within a cell, never across cells.
    """
    out = list(codes)
    todo = [
        k
        for k, code in enumerate(codes)
        if code.strip() and not any(_magic(line) for line in code.splitlines())
    ]
    with tempfile.TemporaryDirectory() as tmp:
        paths = {k: Path(tmp) / f"cell_{k:05d}.py" for k in todo}
        for k, path in paths.items():
            path.write_text(codes[k], encoding="utf-8")
        _ruff("check", "--no-cache", "--fix", "--select=I", tmp)
        proc = _ruff("format", "--no-cache", f"--line-length={LINE_LENGTH}", tmp)
        if proc.returncode != 0:
            raise RuntimeError(f"ruff format failed on a chapter cell:\n{proc.stderr}")
        for k, path in paths.items():
            out[k] = path.read_text(encoding="utf-8")
    return out


def format_chapter(text: str) -> str:
    found = list(cells(text))
    formatted = format_codes([code for *_, code in found])
    out, last = [], 0
    for (start, end, options, _), code in zip(found, formatted, strict=True):
        out += [text[last:start], options, code]
        last = end
    return "".join(out) + text[last:]


def _as_python(text: str) -> str:
    """The chapter with every non-code line blanked: line numbers stay the chapter's."""
    # prose lines become comments (not blank lines, which isort would count after imports)
    keep = ["# -"] * (text.count("\n") + 1)
    for start, end, options, code in cells(text):
        fence = text.count("\n", 0, start) - 1
        keep[fence] = "pass"  # a statement between cells ends an import block (isort)
        keep[text.count("\n", 0, end)] = ""  # the closing fence: one blank line after a cell
        first = fence + 1 + options.count("\n")
        for k, line in enumerate(code.splitlines()):
            keep[first + k] = "" if _magic(line) else line
    return "\n".join(keep) + "\n"


def check(chapters) -> list[str]:
    """Problems found by ``ruff check`` and ``ruff format --check`` (empty list: clean)."""
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        for chapter in chapters:
            text = chapter.read_text(encoding="utf-8")
            if format_chapter(text) != text:
                problems.append(f"{chapter.name}: code cells not formatted (run with --fix)")
            target = Path(tmp) / f"{chapter.stem}.py"
            target.write_text(_as_python(text), encoding="utf-8")
        proc = _ruff(
            "check",
            "--no-cache",
            f"--line-length={LINE_LENGTH}",
            "--select=E,F,W,I,UP,B,NPY",
            f"--ignore=E741,{NOTEBOOK_IGNORE},W391",
            "--output-format=concise",
            tmp,
        )
        for line in proc.stdout.splitlines():
            if line.startswith(tmp):
                problems.append(line.replace(tmp + "/", "book/").replace(".py:", ".md:", 1))
    return problems


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    chapters = sorted(BOOK.glob("*.md"))
    if "--fix" in argv:
        for chapter in chapters:
            text = chapter.read_text(encoding="utf-8")
            new = format_chapter(text)
            if new != text:
                chapter.write_text(new, encoding="utf-8")
                print(f"formatted {chapter.name}")
    problems = check(chapters)
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
