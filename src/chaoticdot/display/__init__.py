"""Presentation layer: every figure of the book, interactive figures and explorers.

A module of this package registers its static figures with :func:`register`. A figure
function takes ``quick`` (a bool: a cheap version for tests and smoke runs) and its physics
parameters as keywords with defaults, and returns a :class:`FigureResult`: the matplotlib
figure and the data table behind it (long format, see :mod:`chaoticdot.tables`).

Adding a figure means adding one decorated function in a module of this package: modules are
discovered automatically. :func:`available` lists the figures without importing any figure
module (it reads the ``@register("name", "description")`` decorators from the sources), so
the command line answers ``--help`` at once.

Other public names: :func:`show_plotly` (interactive plotly figures rendered offline),
:func:`make` (build a figure by name).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .._registry import listing
from ..tables import write_csv

__all__ = ["FigureResult", "register", "available", "make", "write_csv", "show_plotly"]


@dataclass
class FigureResult:
    """A figure and its data table (long format, equal-length 1-D columns)."""

    figure: object
    table: dict[str, np.ndarray] = field(default_factory=dict)

    @classmethod
    def laid_out(cls, figure, table) -> FigureResult:
        """``figure`` after ``tight_layout`` with the columns of ``table`` (a ``LongTable``)."""
        figure.tight_layout()
        return cls(figure, table.columns())


@dataclass(frozen=True)
class _Entry:
    name: str
    description: str
    function: Callable[..., FigureResult]


_REGISTRY: dict[str, _Entry] = {}


def register(name: str, description: str):
    """Decorator: make ``fn(*, quick=False, **physics) -> FigureResult`` figure ``name``.

    ``name`` and ``description`` must be string literals: :func:`available` reads them from
    the source without importing the module.
    """

    def wrap(fn):
        if name in _REGISTRY and _REGISTRY[name].function is not fn:
            raise RuntimeError(f"figure name {name!r} registered twice")
        _REGISTRY[name] = _Entry(name, description, fn)
        return fn

    return wrap


def available() -> dict[str, str]:
    """Figure names and one-line descriptions, sorted by name (imports no figure module)."""
    found: dict[str, str] = {}
    for entries in listing(__path__, "register").values():
        found.update(entries)
    return dict(sorted(found.items()))


def _module_of(name: str) -> str | None:
    return next((m for m, e in listing(__path__, "register").items() if name in e), None)


def make(name: str, *, quick: bool = False, **parameters) -> FigureResult:
    """Build figure ``name``.

    Parameters
    ----------
    name : str
        A name from :func:`available`.
    quick : bool
        Reduced statistics/resolution (tests and smoke runs).
    **parameters
        Physics parameters of the figure function (see its docstring), e.g. ``alphas=...``.
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a figure name (str), got {type(name).__name__}")
    module = _module_of(name)
    if module is None:
        raise ValueError(f"unknown figure {name!r}; choose one of: {', '.join(available())}")
    importlib.import_module(f"{__name__}.{module}")
    return _REGISTRY[name].function(quick=quick, **parameters)


def __getattr__(name: str):
    # show_plotly lives in its own module, imported on first use: listing the figures
    # (the command line's --help) must not import any display module.
    if name == "show_plotly":
        from .plotly_output import show_plotly

        return show_plotly
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
