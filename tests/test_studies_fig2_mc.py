"""The stored Monte-Carlo data of Fig. 2 (dataset ``fig2-mc``): provenance and reproducibility.

A reduced run (``quick=True``: one channel number, every other field value, an independent
seed) is regenerated; its point-by-point comparison with the stored file (four combined
standard errors) is in ``test_studies_regeneration.py``, its covariances are compared here.
The stored data are also checked against the exact circular-ensemble
values at ``x = 0``, where the stub model is exact for any ``M`` (appendix "Exact ensembles").
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from _regeneration import fig2_points
from chaoticdot.studies import load
from chaoticdot.studies.fig2_mc import (
    FIG2_MC_CHANNELS,
    FIG2_MC_M_PER_N,
    FIG2_MC_SAMPLES,
    FIG2_MC_SEED,
    FIG2_MC_XI,
    QUICK_SETTINGS,
)
from chaoticdot.theory import exact_conductance_stats

NSIGMA = 4.0


@pytest.fixture(scope="module")
def stored():
    return load("fig2-mc")


@pytest.fixture(scope="module")
def regenerated(regenerate):
    return regenerate("fig2-mc")


def test_provenance_fields(stored):
    arrays, prov = stored
    for key in (
        "library_version",
        "created",
        "command",
        "seed",
        "samples",
        "M",
        "method",
        "units",
        "elapsed_seconds",
        "python",
        "numpy",
    ):
        assert key in prov, key
    assert prov["command"] == "python -m chaoticdot data fig2-mc"
    assert prov["quick"] is False
    assert prov["seed"] == FIG2_MC_SEED
    assert re.fullmatch(r"\d+\.\d+\S*", prov["library_version"]), prov["library_version"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T[\d:]+\+00:00", prov["created"])
    assert tuple(arrays["channels"]) == FIG2_MC_CHANNELS
    for n1, m, samples in zip(arrays["channels"], arrays["M"], arrays["samples"], strict=True):
        assert prov["samples"][str(n1)] == samples == FIG2_MC_SAMPLES[n1]
        assert prov["M"][str(n1)] == m == FIG2_MC_M_PER_N * 2 * n1
    np.testing.assert_array_equal(arrays["xi"], FIG2_MC_XI)


def test_array_shapes(stored):
    arrays, _ = stored
    shape = (len(arrays["channels"]), len(arrays["alpha"]), len(arrays["xi"]))
    for key in ("mean_G", "mean_G_err", "var_G", "var_G_err", "kernel_dG", "kernel_var_G"):
        assert arrays[key].shape == shape, key
    assert arrays["cov_G"].shape == shape + (shape[-1],)
    assert np.all(arrays["mean_G_err"] > 0) and np.all(arrays["var_G_err"] > 0)
    # the diagonal of the stored covariance matrix is the variance
    diag = np.diagonal(arrays["cov_G"], axis1=-2, axis2=-1)
    np.testing.assert_allclose(diag, arrays["var_G"], rtol=1e-12)


def test_quick_run_settings(regenerated):
    arrays, prov = regenerated
    assert prov["quick"] is True and prov["seed"] == QUICK_SETTINGS["seed"] != FIG2_MC_SEED
    assert tuple(arrays["channels"]) == QUICK_SETTINGS["channels"]
    # the generator uses the split method; the stored file was made by correlated sampling
    assert prov["method"].startswith("split")
    assert prov["draws"]["5"] == {str(k): v for k, v in QUICK_SETTINGS["draws"].items()}


def test_stored_method_is_documented(stored):
    _, prov = stored
    assert "correlated sampling" in prov["method"]
    assert prov["library_version"] == "0.1.0"


def test_regenerated_covariances_agree(stored, regenerated):
    full, _ = stored
    quick, _ = regenerated
    c, i, j = (np.asarray(k).ravel() for k in fig2_points(full, quick))
    pairs = np.ix_(c, i, j, j)
    z = (quick["cov_G"] - full["cov_G"][pairs]) / np.hypot(
        full["cov_G_err"][pairs], quick["cov_G_err"]
    )
    assert np.all(np.abs(z) < NSIGMA), f"max |z| = {np.max(np.abs(z)):.2f}"


@pytest.mark.parametrize(("alpha", "ensemble"), [(0.0, "COE"), (np.inf, "CSE")])
def test_stored_x0_matches_exact_ensemble(stored, alpha, ensemble):
    """At x = 0 the stub is exactly COE (a = 0) or CSE (a = inf) for any M."""
    arrays, _ = stored
    i = int(np.flatnonzero(arrays["alpha"] == alpha)[0])
    j = int(np.flatnonzero(arrays["xi"] == 0.0)[0])
    for c, n1 in enumerate(arrays["channels"]):
        mean_exact, var_exact = exact_conductance_stats(int(n1), int(n1), ensemble)
        assert abs(arrays["mean_G"][c, i, j] - mean_exact) < NSIGMA * arrays["mean_G_err"][c, i, j]
        assert abs(arrays["var_G"][c, i, j] - var_exact) < NSIGMA * arrays["var_G_err"][c, i, j]
