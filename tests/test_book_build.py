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


def _tiny_library(root):
    """A package with one core module and two figure modules, committed to git."""
    display = root / "src/chaoticdot/display"
    display.mkdir(parents=True)
    (root / "pyproject.toml").write_text("[project]\nname='x'\n")
    (root / "src/chaoticdot/core.py").write_text("A = 1\n")
    (display / "__init__.py").write_text("")
    (display / "one.py").write_text('@register("fig-one", "first")\ndef f(): pass\n')
    (display / "two.py").write_text('@register("fig-two", "second")\ndef g(): pass\n')
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "."], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", "x"], cwd=root, check=True)
    return display


def test_cache_key_uses_tracked_sources_only(tmp_path):
    cache_key = _load_cache_key()
    _tiny_library(tmp_path)
    first = cache_key.core_hash(tmp_path)
    # build leftovers are not tracked: the key does not move
    (tmp_path / "src/chaoticdot.egg-info").mkdir()
    (tmp_path / "src/chaoticdot.egg-info/PKG-INFO").write_text("Version: 1\n")
    (tmp_path / "src/chaoticdot/__pycache__").mkdir()
    (tmp_path / "src/chaoticdot/__pycache__/core.cpython-311.pyc").write_bytes(b"\0")
    assert cache_key.core_hash(tmp_path) == first
    # a change of a tracked core file or of pyproject.toml does
    (tmp_path / "src/chaoticdot/core.py").write_text("A = 2\n")
    second = cache_key.core_hash(tmp_path)
    assert second != first
    (tmp_path / "pyproject.toml").write_text("[project]\nname='y'\n")
    assert cache_key.core_hash(tmp_path) not in (first, second)


def test_figure_change_reexecutes_only_chapters_using_it(tmp_path):
    cache_key = _load_cache_key()
    display = _tiny_library(tmp_path)
    uses_one = 'x = 1\n_ = make("fig-one")\n'
    uses_two = "from chaoticdot.display import two\n"
    core = cache_key.core_hash(tmp_path)
    before = cache_key.chapter_hash(tmp_path, uses_one), cache_key.chapter_hash(tmp_path, uses_two)
    (display / "one.py").write_text('@register("fig-one", "first")\ndef f(): return 1\n')
    after = cache_key.chapter_hash(tmp_path, uses_one), cache_key.chapter_hash(tmp_path, uses_two)
    assert cache_key.core_hash(tmp_path) == core
    assert after[0] != before[0] and after[1] == before[1]
    assert cache_key.chapter_hash(tmp_path, "print(1)\n") == ""


def test_cache_key_outside_git_skips_leftovers(tmp_path):
    cache_key = _load_cache_key()
    (tmp_path / "src/pkg/__pycache__").mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text("[project]\nname='x'\n")
    (tmp_path / "src/pkg/mod.py").write_text("A = 1\n")
    files = cache_key.tracked_sources(tmp_path)
    (tmp_path / "src/pkg/__pycache__/mod.cpython-311.pyc").write_bytes(b"\0")
    (tmp_path / "src/pkg.egg-info").mkdir()
    (tmp_path / "src/pkg.egg-info/PKG-INFO").write_text("x")
    assert cache_key.tracked_sources(tmp_path) == files
    assert [str(p) for p in files] == ["pyproject.toml", "src/pkg/mod.py"]
