"""The stored finite-N Monte-Carlo scan (dataset ``finite-n``): provenance and reproducibility.

A reduced run (``quick=True``: the two smallest dots, fewer samples, an independent seed) is
regenerated; its point-by-point comparison with the stored file (four combined standard errors,
finite-M references exactly) is in ``test_studies_regeneration.py``. Where the exact answer is
known (COE at ``x = 0``, CSE) the stored data must reproduce it.
"""

from __future__ import annotations

import numpy as np
import pytest

from chaoticdot import __version__
from chaoticdot.studies import load
from chaoticdot.studies.finite_n import M_PER_N, QUICK_SCAN, SCAN, SEED, scan_points
from chaoticdot.theory import exact_conductance_stats

NSIGMA = 4.0
COLUMNS = (
    "n",
    "xi",
    "a2_over_N",
    "x",
    "a",
    "M",
    "samples",
    "mean_G",
    "mean_G_err",
    "var_G",
    "var_G_err",
    "kernel_dG",
    "kernel_var_G",
)


@pytest.fixture(scope="module")
def stored():
    return load("finite-n")


@pytest.fixture(scope="module")
def regenerated(regenerate):
    return regenerate("finite-n")


def test_provenance_fields(stored):
    arrays, prov = stored
    for key in (
        "library_version",
        "created",
        "command",
        "seed",
        "samples",
        "cse_samples",
        "M",
        "M_per_N",
        "method",
        "units",
        "elapsed_seconds",
        "python",
        "numpy",
        "quick",
    ):
        assert key in prov, key
    assert prov["command"] == "python -m chaoticdot data finite-n"
    assert prov["quick"] is False
    assert prov["seed"] == SEED
    assert prov["library_version"].split(".")[:2] == __version__.split(".")[:2]
    assert prov["M_per_N"] == M_PER_N
    assert prov["cse_samples"] == SCAN["cse_samples"]
    for n, samples in zip(SCAN["n"], SCAN["samples"], strict=True):
        assert prov["samples"][str(n)] == samples
        assert prov["M"][str(n)] == M_PER_N * 2 * n


def test_layout(stored):
    arrays, _ = stored
    assert set(arrays) == set(COLUMNS)
    lengths = {len(arrays[k]) for k in COLUMNS}
    assert len(lengths) == 1
    expected = sum(len(scan_points(n, SCAN["scan_up_to_n"])) + 1 for n in SCAN["n"])
    assert lengths.pop() == expected
    stub = np.isfinite(arrays["a2_over_N"])
    np.testing.assert_array_equal(arrays["M"][stub], M_PER_N * 2 * arrays["n"][stub])
    assert np.all(arrays["mean_G_err"] > 0) and np.all(arrays["var_G_err"] > 0)
    assert np.all(np.isfinite(arrays["kernel_dG"][stub]))
    assert np.all(np.isnan(arrays["kernel_dG"][~stub]))
    # the dimensionless parameters are the scaled ones times sqrt(N)
    N = 2 * arrays["n"][stub]
    np.testing.assert_allclose(arrays["x"][stub], arrays["xi"][stub] * np.sqrt(N))
    np.testing.assert_allclose(arrays["a"][stub] ** 2, arrays["a2_over_N"][stub] * N)


def test_quick_run_settings(regenerated):
    arrays, prov = regenerated
    assert prov["quick"] is True and prov["seed"] == SEED + 1
    assert sorted(set(arrays["n"].astype(int))) == list(QUICK_SCAN["n"])


@pytest.mark.parametrize("ensemble", ["COE", "CSE"])
def test_stored_matches_exact_ensembles(stored, ensemble):
    """x = 0: the stub is exactly COE (a = 0) for any M; the a = inf rows are exact CSE."""
    arrays, _ = stored
    if ensemble == "COE":
        rows = np.flatnonzero((arrays["xi"] == 0) & (arrays["a2_over_N"] == 0))
    else:
        rows = np.flatnonzero(np.isinf(arrays["a2_over_N"]))
    assert len(rows) == len(SCAN["n"])
    for i in rows:
        n = int(arrays["n"][i])
        mean, var = exact_conductance_stats(n, n, ensemble)
        assert abs(arrays["mean_G"][i] - mean) < NSIGMA * arrays["mean_G_err"][i]
        assert abs(arrays["var_G"][i] - var) < NSIGMA * arrays["var_G_err"][i]


def test_finite_n_deviation_is_resolved_at_two_channels(stored):
    """The stored COE point at N1 = N2 = 1 excludes the large-N value <dG> = -1/2 e^2/h."""
    arrays, _ = stored
    (i,) = np.flatnonzero((arrays["n"] == 1) & (arrays["xi"] == 0) & (arrays["a2_over_N"] == 0))
    large_n = -0.5
    assert abs(arrays["mean_G"][i] - 1 - large_n) > 10 * arrays["mean_G_err"][i]
