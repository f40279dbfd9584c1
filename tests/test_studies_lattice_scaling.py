"""The stored ``lattice-scaling`` dataset: provenance, exact reproduction of a realisation from
its seed, and statistical agreement with a fresh reduced run from an independent seed."""

from __future__ import annotations

import numpy as np
import pytest

from chaoticdot.lattice import coefficient_ratio, fit_even_series, suppression_study
from chaoticdot.studies import lattice_scaling as ls
from chaoticdot.studies import load


@pytest.fixture(scope="module")
def stored():
    return load("lattice-scaling")


def test_provenance_and_shapes(stored):
    arrays, prov = stored
    assert prov["command"] == "python -m chaoticdot data lattice-scaling"
    assert list(arrays["sizes"]) == list(ls.SCALING_SIZES)
    assert list(arrays["profiles"]) == list(ls.SCALING_PROFILES)
    assert prov["model"]["n_channels_per_lead"] == 1
    for L, n in zip(ls.SCALING_SIZES, ls.SCALING_SAMPLES, strict=True):
        d = arrays[f"differences_L{L}"]
        assert d.shape == (n, len(ls.SCALING_PROFILES), len(ls.SCALING_LAMBDAS))
        assert prov["sizes"][str(L)]["n_samples"] == n
        assert np.all(np.isfinite(d)) and np.all(np.abs(d) < 2.0)


def test_first_realisation_reproduced_from_its_seed(stored):
    arrays, _ = stored
    L = ls.SCALING_SIZES[0]
    lambdas = np.array(ls.SCALING_LAMBDAS)
    study = suppression_study(
        ls.scaling_model(L),
        {p: L / lambdas for p in ls.SCALING_PROFILES},
        n_samples=2,  # the first child seeds do not depend on the number of samples
        seed=ls.size_seed(L),
        large_flux=ls.LARGE_FLUX,
        executor="serial",
    )
    fresh = np.stack([study.differences[p] for p in ls.SCALING_PROFILES], axis=1)
    assert np.allclose(fresh, arrays[f"differences_L{L}"][:2], rtol=0, atol=1e-11)
    assert np.allclose(study.dip, arrays[f"dip_L{L}"][:2], rtol=0, atol=1e-11)


def test_independent_reduced_run_agrees(stored):
    arrays, _ = stored
    quick, prov = ls.data_lattice_scaling(quick=True)
    assert prov["seed"] != ls.SCALING_SEED
    L = int(quick["sizes"][0])
    x = L / np.asarray(quick["lambdas"])
    new = quick[f"differences_L{L}"]
    old = arrays[f"differences_L{L}"]
    for k, (prof, power) in enumerate((("uniform", 4), ("half", 2), ("corner", 2))):
        assert ls.SCALING_PROFILES[k] == prof
        a = fit_even_series(x, new[:, k]).coefficient(power)
        b = fit_even_series(x, old[:, k]).coefficient(power)
        assert abs(a[0] - b[0]) < 4 * np.hypot(a[1], b[1]), (prof, a, b)
    # the gate-to-uniform ratio: the best-measured number of the study
    ra = coefficient_ratio(fit_even_series(x, new[:, 1]), 2, fit_even_series(x, new[:, 0]), 4)
    rb = coefficient_ratio(fit_even_series(x, old[:, 1]), 2, fit_even_series(x, old[:, 0]), 4)
    assert abs(ra[0] - rb[0]) < 4 * np.hypot(ra[1], rb[1])


def test_analysis_and_figure(stored):
    import matplotlib

    matplotlib.use("Agg")
    from chaoticdot.display import make

    analysis = ls.scaling_analysis(stored[0])
    assert set(analysis["laws"]) == {"c2(half)", "c2(corner)", "c4(uniform)", "half/uniform"}
    for L in analysis["sizes"]:
        fits = analysis["fits"][L]
        # gauge argument: no second-order term for uniform coupling
        assert abs(fits["uniform"].coefficients[0]) < 0.05 * fits["half"].coefficients[0]
    result = make("lattice-scaling")
    lengths = {len(v) for v in result.table.values()}
    assert len(lengths) == 1 and lengths.pop() > 0
    matplotlib.pyplot.close(result.figure)
