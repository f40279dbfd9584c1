"""Test helper: what the book's chapters show, read from their code cells (by jupytext)."""

from __future__ import annotations

import ast
from pathlib import Path

BOOK = Path(__file__).resolve().parents[1] / "book"


def chapter_code(name: str) -> str:
    """Code cells of chapter ``name`` (``book/<name>.md``), IPython magics removed."""
    import jupytext

    notebook = jupytext.read(BOOK / f"{name}.md", fmt="md:myst")
    lines = "\n".join(c.source for c in notebook.cells if c.cell_type == "code").splitlines()
    return "\n".join(line for line in lines if not line.lstrip().startswith(("%", "!")))


def chapters() -> list[str]:
    """Names of every chapter that has code."""
    return sorted(p.stem for p in BOOK.glob("*.md") if chapter_code(p.stem).strip())


def figures_shown(*names: str) -> list[str]:
    """Figure names passed to ``make("...")`` in the code cells of the given chapters."""
    shown = []
    for name in names:
        for node in ast.walk(ast.parse(chapter_code(name))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", None)) == "make"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                shown.append(node.args[0].value)
    return shown
