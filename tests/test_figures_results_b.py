"""Figures of the chapters on the parallel field, dephasing and temperature, and finite N.

Every figure builds in its quick version and returns a consistent long-format table whose
numbers are finite where they must be; the registered names are the ones the chapters use.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from chaoticdot.figures import FigureResult, available, make

CHAPTER_FIGURES = {
    "parallel_field": [
        "parallel-field-variance",
        "parallel-field-wl",
        "parallel-field-asymmetry",
        "parallel-field-asymmetry-mc",
        "parallel-field-traces",
    ],
    "dephasing_temperature": [
        "dephasing-family",
        "dephasing-mc",
        "thermal-smearing",
        "device-100mk",
        "voltage-probe",
    ],
    "finite_n": ["finite-n-limits", "finite-n-deviation", "finite-n-two-channel"],
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


@pytest.mark.parametrize("chapter", sorted(CHAPTER_FIGURES))
def test_chapters_show_their_figures(chapter):
    """Every figure a chapter displays is registered (the CLI can rebuild it)."""
    from pathlib import Path

    text = (Path(__file__).resolve().parents[1] / "book" / f"{chapter}.md").read_text()
    shown = {line.split('"')[1] for line in text.splitlines() if line.startswith('make("')}
    assert shown == set(CHAPTER_FIGURES[chapter])


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
