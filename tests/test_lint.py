"""The code is formatted and linted: library, tests, benchmarks, build extensions, chapters.

Runs the same commands as ``make lint``; CI fails when any of them would.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PATHS = ["src", "tests", "benchmarks", "book/_ext"]

pytest.importorskip("ruff")


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_ruff_format():
    proc = _run("-m", "ruff", "format", "--check", *PATHS)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ruff_check():
    proc = _run("-m", "ruff", "check", *PATHS)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_chapter_code():
    pytest.importorskip("jupytext")
    proc = _run("book/_ext/chapter_lint.py")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_chapter_lint_detects_problems(tmp_path):
    """The chapter check is not vacuous: a long line and an unused import are reported."""
    sys.path.insert(0, str(ROOT / "book/_ext"))
    try:
        import chapter_lint
    finally:
        sys.path.pop(0)
    bad = tmp_path / "bad.md"
    bad.write_text(
        f"# A chapter\n\n```{{code-cell}} ipython3\nimport os\nx = {'1 + ' * 40}1\n```\n",
        encoding="utf-8",
    )
    problems = chapter_lint.check([bad])
    assert any("not formatted" in p for p in problems)
    assert any("F401" in p for p in problems)
