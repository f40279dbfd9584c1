"""Re-execute a chapter exactly when the library code it depends on changes.

jupyter-cache keys a notebook on its own code cells only, so a change in ``src/`` (or in the
declared dependencies) would leave stale outputs in the cache, and Sphinx would not even re-read
an unchanged chapter. This extension splits the library's git-tracked sources in two:

* the *core*: everything in ``src/`` and ``pyproject.toml`` except the figure modules of
  ``chaoticdot.display``. ``nb_execution_cache_path`` points at
  ``_build/.jupyter_cache/<core hash>``: a core change selects a fresh, empty cache (older
  caches are deleted) and marks every chapter outdated;
* the *figure modules*: a chapter depends on those that define the figures it shows
  (``make("name")``) or that it imports. Their hash is appended to the chapter as a hidden
  (``remove-cell``) code cell, so jupyter-cache re-executes that chapter, and only that one,
  when one of its figure modules changes; Sphinx is told to re-read it.

Only files tracked by git are hashed (build leftovers such as ``*.egg-info`` or
``__pycache__`` never change the key); outside a git checkout the same files are found by
walking the tree with those leftovers excluded.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from pathlib import Path

ENV_CORE = "chaoticdot_core_hash"
ENV_CHAPTERS = "chaoticdot_chapter_hashes"
FIGURE_DIR = Path("src/chaoticdot/display")
_LEFTOVERS = ("__pycache__", ".egg-info", ".pyc", ".pytest_cache", ".ruff_cache")


def tracked_sources(root: Path) -> list[Path]:
    """Files of ``src/`` and ``pyproject.toml`` below ``root`` (relative), git-tracked only."""
    try:
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"], cwd=root, capture_output=True, check=True
        ).stdout.decode()
        if Path(top.strip()).resolve() != Path(root).resolve():
            # a copy inside another checkout (the student edition's staged sources): its
            # files are untracked there, so walk it like a tree without git
            raise subprocess.CalledProcessError(1, "git")
        out = subprocess.run(
            ["git", "ls-files", "-z", "--", "src", "pyproject.toml"],
            cwd=root,
            capture_output=True,
            check=True,
        ).stdout.decode()
        files = [Path(p) for p in out.split("\0") if p]
    except (OSError, subprocess.CalledProcessError):  # not a git checkout (e.g. an sdist)
        files = [p.relative_to(root) for p in (root / "src").rglob("*") if p.is_file()]
        files = [p for p in files if not any(s in str(p) for s in _LEFTOVERS)]
        files.append(Path("pyproject.toml"))
    # a tracked file deleted in the working tree is not part of the sources
    return sorted(p for p in files if (root / p).is_file())


def _digest(root: Path, files) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path).encode())
        digest.update(b"\0")
        digest.update((root / path).read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def _is_figure_module(path: Path) -> bool:
    return path.parent == FIGURE_DIR and path.suffix == ".py" and not path.name.startswith("_")


def core_hash(root: Path) -> str:
    """SHA-256 (hex, 16 characters) of the tracked sources except the figure modules."""
    return _digest(root, [p for p in tracked_sources(root) if not _is_figure_module(p)])


def _declared_figures(source: str) -> set[str]:
    return set(re.findall(r'@register\(\s*"([^"]+)"', source))


def figure_modules_of(root: Path, chapter_text: str) -> list[Path]:
    """Figure modules a chapter uses: those defining a figure it shows or that it imports."""
    shown = set(re.findall(r'\bmake\(\s*"([^"]+)"', chapter_text))
    used = []
    for path in (p for p in tracked_sources(root) if _is_figure_module(p)):
        module = path.stem
        imported = re.search(
            rf"chaoticdot\.display\.{module}\b|from chaoticdot\.display import [^\n]*\b{module}\b",
            chapter_text,
        )
        if imported or shown & _declared_figures((root / path).read_text(encoding="utf-8")):
            used.append(path)
    return used


def chapter_hash(root: Path, chapter_text: str) -> str:
    """Hash of the figure modules a chapter uses (empty string if it uses none)."""
    used = figure_modules_of(root, chapter_text)
    return _digest(root, used) if used else ""


def _configure_cache(app, config):
    root = Path(app.confdir)
    key = core_hash(root)
    app.chaoticdot_core_hash = key
    base = Path(app.outdir).parent / ".jupyter_cache"
    if base.is_dir():
        for old in base.iterdir():
            if old.is_dir() and old.name != key:
                shutil.rmtree(old, ignore_errors=True)
    config.nb_execution_cache_path = str(base / key)


def _chapter_hashes(app, env) -> dict[str, str]:
    root = Path(app.confdir)
    hashes = {}
    for doc in env.found_docs:
        path = Path(env.doc2path(doc))
        if path.suffix == ".md" and path.is_file():
            text = path.read_text(encoding="utf-8")
            if "```{code-cell}" in text:
                hashes[doc] = chapter_hash(root, text)
    return hashes


def _outdated_when_library_changed(app, env, added, changed, removed):
    core, chapters = app.chaoticdot_core_hash, _chapter_hashes(app, env)
    previous_core = getattr(env, ENV_CORE, None)
    previous_chapters = getattr(env, ENV_CHAPTERS, {})
    setattr(env, ENV_CORE, core)
    setattr(env, ENV_CHAPTERS, chapters)
    if previous_core is None:
        return []
    unchanged = set(env.found_docs) - set(added) - set(changed)
    if previous_core != core:
        return sorted(unchanged)
    return sorted(d for d in unchanged if chapters.get(d) != previous_chapters.get(d))


#: First line of the hidden cell that carries a chapter's figure-module hash.
HASH_CELL_MARK = "# figure sources "


def as_executed(root: Path, text: str) -> str:
    """The chapter source as the build executes it: with the hidden figure-hash cell.

    jupyter-cache keys a notebook on its code cells, so whoever looks a chapter up in the
    execution cache (the downloads, the student edition) must add the same cell.
    """
    if "```{code-cell}" not in text:
        return text
    key = chapter_hash(Path(root), text)
    if not key:
        return text
    cell = f"```{{code-cell}} ipython3\n:tags: [remove-cell]\n\n{HASH_CELL_MARK}{key}\n```\n"
    return text.rstrip("\n") + "\n\n" + cell


def _append_hash_cell(app, docname, source):
    """Add a hidden cell carrying the chapter's figure-module hash (jupyter-cache keys on it)."""
    source[0] = as_executed(Path(app.confdir), source[0])


def setup(app):
    app.connect("config-inited", _configure_cache)
    app.connect("env-get-outdated", _outdated_when_library_changed)
    app.connect("source-read", _append_hash_cell)
    return {"version": "2.0", "parallel_read_safe": True, "parallel_write_safe": True}
