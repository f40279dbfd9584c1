"""Small stored data files with provenance.

Results that are too expensive to compute during the book build (high-statistics Monte Carlo,
heavy lattice runs) are stored as compressed ``.npz`` files in ``chaoticdot/data``. Each file
carries a JSON provenance record (library version, command, seed, sample counts, M, date,
machine) so that a reader can tell where every number came from and regenerate it with
``python -m chaoticdot data NAME``.

Generators register with :func:`register_dataset`; a generator takes ``quick`` (bool) and
returns ``(arrays, provenance)``.
"""

from __future__ import annotations

import datetime as _dt
import importlib
import json
import platform
from collections.abc import Callable
from pathlib import Path

import numpy as np

from . import __version__

__all__ = ["DATA_DIR", "save", "load", "register_dataset", "datasets", "generate"]

DATA_DIR = Path(__file__).resolve().parent / "data"

_GENERATORS: dict[str, tuple[str, Callable]] = {}

# Modules that define dataset generators (imported lazily by ``datasets()``).
_GENERATOR_MODULES = ("chaoticdot.figures",)


def register_dataset(name: str, description: str):
    """Decorator registering ``fn(quick=False) -> (arrays, provenance)`` as dataset ``name``."""

    def wrap(fn):
        _GENERATORS[name] = (description, fn)
        return fn

    return wrap


def _import_generators() -> None:
    from . import figures

    figures.available()  # imports every figure module, which registers its datasets
    for mod in _GENERATOR_MODULES:
        importlib.import_module(mod)


def datasets() -> dict[str, str]:
    """Registered dataset names with their descriptions."""
    _import_generators()
    return {k: v[0] for k, v in sorted(_GENERATORS.items())}


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


def generate(name: str, *, quick: bool = False, directory=None) -> Path:
    """Run the generator of dataset ``name`` and store its output."""
    known = datasets()
    if name not in known:
        raise ValueError(f"unknown dataset {name!r}; choose one of: {', '.join(known)}")
    arrays, provenance = _GENERATORS[name][1](quick=quick)
    provenance = {
        **provenance,
        "command": f"python -m chaoticdot data {name}" + (" --quick" if quick else ""),
        "quick": quick,
    }
    return save(name, arrays, provenance, directory=directory)
