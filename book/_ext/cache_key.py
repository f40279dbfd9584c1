"""Re-execute the chapters whenever the library changes.

jupyter-cache keys a notebook on its own code cells only, so a change in ``src/`` (or in the
declared dependencies) would leave stale outputs in the cache, and Sphinx would not even re-read
an unchanged chapter. This extension

* points ``nb_execution_cache_path`` at ``_build/.jupyter_cache/<hash>``, where ``<hash>`` is a
  SHA-256 over every file in ``src/`` and ``pyproject.toml``: a library change selects a fresh,
  empty cache, and caches of older library states are deleted;
* marks every document outdated when the hash differs from the one stored in the Sphinx
  environment, so that Sphinx re-reads (and myst-nb re-executes) the chapters.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

ENV_KEY = "chaoticdot_library_hash"


def library_hash(root: Path) -> str:
    """SHA-256 (hex, 16 characters) of ``src/**`` and ``pyproject.toml`` below ``root``."""
    digest = hashlib.sha256()
    files = [p for p in sorted((root / "src").rglob("*")) if p.is_file()]
    files = [p for p in files if "__pycache__" not in p.parts and not p.suffix == ".pyc"]
    files.append(root / "pyproject.toml")
    for path in files:
        digest.update(str(path.relative_to(root)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def _configure_cache(app, config):
    root = Path(app.confdir)
    key = library_hash(root)
    app.chaoticdot_library_hash = key
    base = Path(app.outdir).parent / ".jupyter_cache"
    if base.is_dir():
        for old in base.iterdir():
            if old.is_dir() and old.name != key:
                shutil.rmtree(old, ignore_errors=True)
    config.nb_execution_cache_path = str(base / key)


def _outdated_when_library_changed(app, env, added, changed, removed):
    key = app.chaoticdot_library_hash
    previous = getattr(env, ENV_KEY, None)
    setattr(env, ENV_KEY, key)
    if previous is None or previous == key:
        return []
    return sorted(set(env.found_docs) - set(added) - set(changed))


def setup(app):
    app.connect("config-inited", _configure_cache)
    app.connect("env-get-outdated", _outdated_when_library_changed)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
