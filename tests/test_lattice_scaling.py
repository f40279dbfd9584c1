"""Coefficients of the spin-orbit suppression: the statistics against repeated synthetic
experiments, and the lattice against the gauge argument."""

from __future__ import annotations

import numpy as np
import pytest

from chaoticdot.lattice import (
    DotModel,
    coefficient_ratio,
    fit_even_series,
    fit_size_law,
    suppression_study,
)

X = np.array([0.1, 0.15, 0.2, 0.3])


def _experiment(rng, n, c2=0.08, c4=-0.02, c6=0.0, spread=2.0):
    """Realisations d_i(x) = c2_i x^2 + c4_i x^4 + c6 x^6 with heavy sample-to-sample spread."""
    c2_i = c2 * (1 + spread * rng.standard_normal(n))
    c4_i = c4 + 0.05 * rng.standard_normal(n) + 0.3 * (c2_i - c2)  # correlated with c2_i
    return c2_i[:, None] * X**2 + c4_i[:, None] * X**4 + c6 * X**6, c2_i


def test_even_series_exact_and_per_realisation():
    rng = np.random.default_rng(1)
    samples, c2_i = _experiment(rng, 50)
    fit = fit_even_series(X, samples)
    assert np.allclose(fit.per_realisation[:, 0], c2_i, rtol=0, atol=1e-12)
    assert fit.coefficients[0] == pytest.approx(c2_i.mean(), abs=1e-12)
    # the fit of the mean curve is the mean of the fits (linear estimator)
    mean_fit = np.linalg.lstsq(np.stack([X**2, X**4], 1), samples.mean(0), rcond=None)[0]
    assert np.allclose(fit.coefficients, mean_fit, atol=1e-12)
    assert fit.coefficient(2)[1] == pytest.approx(c2_i.std(ddof=1) / np.sqrt(50), rel=1e-9)
    assert fit.dof == 2 and fit.chi2 < 1e-6  # an exact series has no residual


def test_even_series_errors_match_repeated_experiments():
    """Reported standard errors = spread of the estimates over independent experiments."""
    rng = np.random.default_rng(2)
    n, reps = 60, 500
    fits = [fit_even_series(X, _experiment(rng, n)[0]) for _ in range(reps)]
    est = np.array([f.coefficients for f in fits])
    reported = np.mean([f.errors for f in fits], axis=0)
    observed = est.std(axis=0, ddof=1)
    # relative standard error of a standard deviation from `reps` values: 1/sqrt(2 reps)
    assert np.all(np.abs(reported / observed - 1) < 4 / np.sqrt(2 * reps) + 0.02)
    assert abs(est[:, 0].mean() - 0.08) < 4 * observed[0] / np.sqrt(reps)


def test_even_series_chi2_detects_a_missing_power():
    rng = np.random.default_rng(3)
    noise = [
        fit_even_series(X, _experiment(rng, 80)[0] + 1e-4 * rng.standard_normal((80, 4)))
        for _ in range(300)
    ]
    chis = np.array([f.chi2 for f in noise])
    assert abs(chis.mean() - 2) < 4 * np.sqrt(4 / 300) + 0.15  # chi^2 with 2 dof
    truncated = fit_even_series(
        X, _experiment(rng, 80, c6=5.0)[0] + 1e-4 * rng.standard_normal((80, 4))
    )
    assert truncated.chi2 > 50


def test_coefficient_ratio_error_matches_repeated_experiments():
    rng = np.random.default_rng(4)
    n, reps = 200, 500
    ratios, errors = [], []
    for _ in range(reps):
        a, c2_i = _experiment(rng, n)
        # a second profile on the same realisations, correlated with the first
        b = 0.5 * a + (0.02 * (1 + 1.5 * rng.standard_normal(n)))[:, None] * X**2
        r, e = coefficient_ratio(fit_even_series(X, b), 2, fit_even_series(X, a), 2)
        ratios.append(r)
        errors.append(e)
    observed = np.std(ratios, ddof=1)
    assert np.mean(errors) == pytest.approx(observed, rel=4 / np.sqrt(2 * reps) + 0.05)
    with pytest.raises(ValueError, match="same realisations"):
        coefficient_ratio(fit_even_series(X, a), 2, fit_even_series(X, a[:10]), 2)


def test_size_law_exact_and_errors():
    L = np.array([40.0, 60, 80, 100])
    law = fit_size_law(L, 3.0 * L**1.5, 0.1 * 3.0 * L**1.5)
    assert law.exponent == pytest.approx(1.5, abs=1e-12) and law.chi2 < 1e-20
    assert law(L) == pytest.approx(3.0 * L**1.5, rel=1e-12)
    rng = np.random.default_rng(5)
    reps = 2000
    q = []
    for _ in range(reps):
        y = 2.0 * L * (1 + 0.1 * rng.standard_normal(4))
        q.append(fit_size_law(L, y, 0.1 * 2.0 * L).exponent)
    ref = fit_size_law(L, 2.0 * L, 0.2 * L).exponent_error
    assert np.std(q, ddof=1) == pytest.approx(ref, rel=4 / np.sqrt(2 * reps) + 0.03)
    with pytest.raises(ValueError, match="values must be positive"):
        fit_size_law(L, np.array([1.0, -1, 1, 1]), np.ones(4))
    with pytest.raises(ValueError, match="distinct"):
        fit_size_law(np.array([40.0, 40, 60, 80]), np.ones(4), np.ones(4))
    with pytest.raises(ValueError, match="errors"):
        fit_size_law(L, np.ones(4), np.zeros(4))


def test_even_series_validation():
    s = np.ones((5, 4))
    with pytest.raises(ValueError, match="positive"):
        fit_even_series(-X, s)
    with pytest.raises(ValueError, match="distinct"):
        fit_even_series(X[:2], s[:, :2])
    with pytest.raises(ValueError, match="samples"):
        fit_even_series(X, s[:1])
    with pytest.raises(ValueError, match="powers"):
        fit_even_series(X, s, powers=(2, 2))
    with pytest.raises(ValueError, match="power must be"):
        fit_even_series(X, s + X).coefficient(6)


def test_lattice_gauge_argument_in_the_coefficients():
    """Uniform coupling: c2 = 0 realisation by realisation (paper Eq. 2); a gate: c2 > 0 on
    average, and the +-alpha step equals the half gate at second order (same lambda_s)."""
    model = DotModel(length=22, lead_width=8, kf=0.6, disorder=0.8)
    x = np.array([0.05, 0.08, 0.11])
    study = suppression_study(
        model,
        {"uniform": x, "half": x, "step": x},
        n_samples=6,
        seed=17,
        executor="serial",
    )
    uni, half, step = (study.fits[p] for p in ("uniform", "half", "step"))
    scale = np.abs(half.per_realisation[:, 0]).max()
    # c2 of uniform coupling vanishes up to the x^6 leak of the fit (x^2 ~ 1e-2 smaller)
    assert np.all(np.abs(uni.per_realisation[:, 0]) < 1e-3 * scale)
    assert np.allclose(
        step.per_realisation[:, 0], half.per_realisation[:, 0], rtol=1e-2, atol=1e-3 * scale
    )
    assert not np.allclose(step.per_realisation[:, 1], half.per_realisation[:, 1], rtol=0.05)
