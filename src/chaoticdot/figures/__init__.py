"""Every figure of the book as a function, shared by the chapters and the command line.

A figure module in this package registers its figures with :func:`register`. A figure function
takes ``quick`` (a bool: a cheap version for tests and smoke runs) and returns a
:class:`FigureResult`: the matplotlib figure and the data table behind it (long format: a
dict of equal-length 1-D arrays, written as CSV by ``python -m chaoticdot figure NAME --csv``).

Modules are discovered automatically, so adding a figure means adding one decorated function.
"""

from __future__ import annotations

import csv
import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

__all__ = ["FigureResult", "register", "available", "make", "write_csv"]


@dataclass
class FigureResult:
    """A figure and its data table (long format, equal-length 1-D columns)."""

    figure: object
    table: dict[str, np.ndarray] = field(default_factory=dict)


@dataclass(frozen=True)
class _Entry:
    name: str
    description: str
    function: Callable[..., FigureResult]


_REGISTRY: dict[str, _Entry] = {}


def register(name: str, description: str):
    """Decorator: make ``fn(quick=False) -> FigureResult`` available as figure ``name``."""

    def wrap(fn):
        if name in _REGISTRY and _REGISTRY[name].function is not fn:
            raise RuntimeError(f"figure name {name!r} registered twice")
        _REGISTRY[name] = _Entry(name, description, fn)
        return fn

    return wrap


def _discover() -> None:
    for info in pkgutil.iter_modules(__path__):
        if not info.name.startswith("_"):
            importlib.import_module(f"{__name__}.{info.name}")


def available() -> dict[str, str]:
    """Figure names and one-line descriptions, sorted by name."""
    _discover()
    return {k: _REGISTRY[k].description for k in sorted(_REGISTRY)}


def make(name: str, *, quick: bool = False) -> FigureResult:
    """Build figure ``name``; ``quick=True`` uses reduced statistics/resolution."""
    names = available()
    if name not in names:
        raise ValueError(f"unknown figure {name!r}; choose one of: {', '.join(names)}")
    return _REGISTRY[name].function(quick=quick)


def write_csv(table: dict[str, np.ndarray], path) -> None:
    """Write a long-format table (dict of equal-length columns) as CSV."""
    columns = {k: np.asarray(v).ravel() for k, v in table.items()}
    lengths = {len(v) for v in columns.values()}
    if len(lengths) > 1:
        raise ValueError(f"table columns differ in length: {sorted(lengths)}")
    # the csv module quotes text fields that contain commas or quotes (curve labels do)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(columns)
        n = lengths.pop() if lengths else 0
        for i in range(n):
            writer.writerow([_fmt(columns[k][i]) for k in columns])


def _fmt(value) -> str:
    if isinstance(value, str | np.str_):
        return str(value)
    if isinstance(value, complex | np.complexfloating):
        return repr(complex(value))
    return repr(float(value)) if np.isscalar(value) else str(value)
