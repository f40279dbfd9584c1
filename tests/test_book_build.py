"""The book's build configuration: strictness, failure on a broken chapter, library-keyed cache.

A tiny book is built with the project's own ``_config.yml`` and local extensions: once with a
chapter that executes cleanly (the build must succeed) and once with a chapter that raises (the
build must fail and leave the traceback in the execution report).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"

HEADER = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
    format_version: 0.13
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---
"""


def _load_cache_key():
    spec = importlib.util.spec_from_file_location("cache_key", ROOT / "book/_ext/cache_key.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _tiny_book(tmp_path: Path, cell: str) -> Path:
    root = tmp_path / "book_root"
    (root / "book").mkdir(parents=True)
    shutil.copy(ROOT / "_config.yml", root / "_config.yml")
    shutil.copytree(ROOT / "book/_ext", root / "book/_ext")
    shutil.copy(ROOT / "book/references.bib", root / "book/references.bib")
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    (root / "src").mkdir()
    (root / "src/marker.py").write_text("# library stand-in for the cache key\n")
    os.symlink(ROOT / "node_modules", root / "node_modules")
    (root / "_toc.yml").write_text("format: jb-book\nroot: book/intro\n")
    (root / "book/intro.md").write_text(
        HEADER + "# Tiny\n\nInline math $x^2$.\n\n```{code-cell} ipython3\n" + cell + "\n```\n"
    )
    return root


def _build(root: Path) -> subprocess.CompletedProcess:
    if not (ROOT / "node_modules/mathjax").is_dir():
        pytest.skip("browser assets not installed (npm ci)")
    return subprocess.run(
        [str(JUPYTER_BOOK), "build", str(root), "-W", "--keep-going"],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "OMP_NUM_THREADS": "1"},
    )


@pytest.mark.slow
def test_clean_chapter_builds(tmp_path):
    root = _tiny_book(tmp_path, "print(6 * 7)")
    result = _build(root)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    html = (root / "_build/html/book/intro.html").read_text()
    assert "42" in html  # the cell was executed, not just rendered


@pytest.mark.slow
def test_failing_chapter_fails_the_build(tmp_path):
    root = _tiny_book(tmp_path, "1 / 0")
    result = _build(root)
    assert result.returncode != 0
    # nb_execution_raise_on_error stops the build at the failing cell with its traceback
    assert "ZeroDivisionError" in result.stdout + result.stderr
    assert not (root / "_build/html/book/intro.html").exists()


def test_cache_key_follows_the_library(tmp_path):
    cache_key = _load_cache_key()
    (tmp_path / "src/pkg").mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text("[project]\nname='x'\n")
    module = tmp_path / "src/pkg/mod.py"
    module.write_text("A = 1\n")
    first = cache_key.library_hash(tmp_path)
    assert cache_key.library_hash(tmp_path) == first  # deterministic
    module.write_text("A = 2\n")
    second = cache_key.library_hash(tmp_path)
    assert second != first
    (tmp_path / "pyproject.toml").write_text("[project]\nname='y'\n")
    assert cache_key.library_hash(tmp_path) not in (first, second)
    # byte-code caches do not count
    (tmp_path / "src/pkg/__pycache__").mkdir()
    (tmp_path / "src/pkg/__pycache__/mod.cpython-311.pyc").write_bytes(b"\0")
    assert cache_key.library_hash(tmp_path) == cache_key.library_hash(tmp_path)
