"""Figures of the chapters on the parallel field, dephasing and temperature, and finite N.

Every figure builds in its quick version and returns a consistent long-format table whose
numbers are finite where they must be; the registered names are the ones the chapters use.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from _chapters import figures_shown
from chaoticdot.display import FigureResult, available, make

CHAPTER_FIGURES = {
    c: figures_shown(c) for c in ("parallel_field", "dephasing_temperature", "finite_n")
}
NAMES = [name for names in CHAPTER_FIGURES.values() for name in names]


@pytest.fixture(autouse=True)
def _close_figures():
    plt.close("all")
    yield
    plt.close("all")


def test_names_registered_with_descriptions():
    registry = available()
    for name in NAMES:
        assert name in registry
        assert registry[name].strip()


@pytest.mark.parametrize("name", NAMES)
def test_figure_builds_quick(name):
    result = make(name, quick=True)
    try:
        assert isinstance(result, FigureResult)
        assert result.figure.axes, "figure has no axes"
        table = result.table
        assert table, "empty data table"
        lengths = {len(np.asarray(v)) for v in table.values()}
        assert len(lengths) == 1 and lengths.pop() > 0
        numeric = [
            np.asarray(v, dtype=float) for v in table.values() if np.asarray(v).dtype.kind in "fiu"
        ]
        assert numeric, "no numeric column"
        # every numeric column has finite entries (NaN marks "not applicable" only)
        for column in numeric:
            assert np.isfinite(column).any() or np.isinf(column).any()
    finally:
        plt.close(result.figure)
