"""Studies layer: Monte-Carlo drivers, dataset generators and the stored data they produce.

Nothing here imports plotting. Figures (:mod:`chaoticdot.display`) read the results.

Stored data
-----------

Results that are too expensive to compute during the book build (high-statistics Monte Carlo,
heavy lattice runs) are stored as compressed ``.npz`` files in ``chaoticdot/data``. Each file
carries a JSON provenance record (library version, command, seed, sample counts, M, date,
machine) so that a reader can tell where every number came from and regenerate it with
``python -m chaoticdot data NAME``.

Generators register with :func:`register_dataset` in any module of this package (modules
are discovered automatically); a generator takes ``quick`` (bool) and returns
``(arrays, provenance)``. :func:`datasets` lists them without importing any generator module
(it reads the decorators from the sources).
"""

from __future__ import annotations

import datetime as _dt
import importlib
import json
import platform
from collections.abc import Callable
from pathlib import Path

import numpy as np

from .. import __version__
from .._registry import listing

__all__ = [
    "DATA_DIR",
    "save",
    "load",
    "register_dataset",
    "datasets",
    "generate",
    "is_shipped",
]

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

_GENERATORS: dict[str, tuple[str, Callable]] = {}


def register_dataset(name: str, description: str):
    """Decorator registering ``fn(quick=False) -> (arrays, provenance)`` as dataset ``name``.

    ``name`` and ``description`` must be string literals (read from the source by
    :func:`datasets`).
    """

    def wrap(fn):
        if name in _GENERATORS and _GENERATORS[name][1] is not fn:
            raise RuntimeError(f"dataset name {name!r} registered twice")
        _GENERATORS[name] = (description, fn)
        return fn

    return wrap


def datasets() -> dict[str, str]:
    """Registered dataset names with their descriptions (imports no generator module)."""
    found: dict[str, str] = {}
    for entries in listing(__path__, "register_dataset").values():
        found.update(entries)
    return dict(sorted(found.items()))


def _generator(name: str) -> Callable:
    for module, entries in listing(__path__, "register_dataset").items():
        if name in entries:
            importlib.import_module(f"{__name__}.{module}")
            return _GENERATORS[name][1]
    raise ValueError(f"unknown dataset {name!r}; choose one of: {', '.join(datasets())}")


def is_shipped(name: str, directory=None) -> bool:
    """True if ``directory`` is the package's data directory and holds dataset ``name``."""
    target = Path(directory).resolve() if directory is not None else DATA_DIR
    return target == DATA_DIR and (DATA_DIR / f"{name}.npz").exists()


def save(name: str, arrays: dict[str, np.ndarray], provenance: dict, directory=None) -> Path:
    """Write ``arrays`` and ``provenance`` to ``<directory>/<name>.npz``; return the path."""
    directory = Path(directory) if directory is not None else DATA_DIR
    directory.mkdir(parents=True, exist_ok=True)
    record = {
        "name": name,
        "library_version": __version__,
        "created": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "machine": platform.machine(),
        **provenance,
    }
    path = directory / f"{name}.npz"
    np.savez_compressed(path, _provenance=np.array(json.dumps(record, sort_keys=True)), **arrays)
    return path


def load(name: str, directory=None) -> tuple[dict[str, np.ndarray], dict]:
    """Read a stored dataset: ``(arrays, provenance)``."""
    directory = Path(directory) if directory is not None else DATA_DIR
    path = directory / f"{name}.npz"
    if not path.exists():
        raise FileNotFoundError(
            f"stored dataset {name!r} not found at {path}; "
            f"regenerate it with: python -m chaoticdot data {name}"
        )
    with np.load(path, allow_pickle=False) as npz:
        arrays = {k: npz[k] for k in npz.files if k != "_provenance"}
        provenance = json.loads(str(npz["_provenance"]))
    return arrays, provenance


def generate(name: str, *, quick: bool = False, directory=None, replace: bool = False) -> Path:
    """Run the generator of dataset ``name`` and store its output in ``directory``.

    Parameters
    ----------
    name : str
        A name from :func:`datasets`.
    quick : bool
        Reduced run (tests and smoke runs).
    directory : path-like, optional
        Output directory; default the package's data directory (the shipped datasets).
    replace : bool
        Required to overwrite a shipped dataset: a run never replaces the data the book
        plots by accident (a quick run would silently lower its statistics).
    """
    generator = _generator(name)
    if is_shipped(name, directory) and not replace:
        raise ValueError(
            f"dataset {name!r} is shipped in {DATA_DIR}; pass directory=... to write elsewhere "
            "or replace=True to overwrite it"
        )
    arrays, provenance = generator(quick=quick)
    provenance = {
        **provenance,
        "command": f"python -m chaoticdot data {name}" + (" --quick" if quick else ""),
        "quick": quick,
    }
    return save(name, arrays, provenance, directory=directory)
