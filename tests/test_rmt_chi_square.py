"""chi^2 of correlated points against Monte Carlo of Gaussian vectors with known covariance."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from chaoticdot.rmt import chi_square


def _correlated_covariance(k, rng):
    """A strongly correlated covariance like that of points sharing realisations."""
    x = np.linspace(0.0, 2.0, k)
    base = np.exp(-(np.subtract.outer(x, x) ** 2))  # smooth, nearly singular
    return 0.3 * base + 0.01 * np.diag(rng.uniform(0.5, 1.5, k))


def test_chi_square_distribution_of_gaussian_vectors():
    rng = np.random.default_rng(11)
    k, reps = 9, 4000
    cov = _correlated_covariance(k, rng)
    draws = rng.multivariate_normal(np.zeros(k), cov, size=reps)
    chis = np.array([chi_square(r, cov) for r in draws])
    values, dofs, pvals = chis[:, 0], chis[:, 1], chis[:, 2]
    assert np.all(dofs == k)
    # mean k and variance 2k of the chi^2 distribution, within 4 standard errors
    assert abs(values.mean() - k) < 4 * np.sqrt(2 * k / reps)
    # fourth central moment 12 k (k + 4): var of the sample variance 8 k (k + 6) / reps
    assert abs(values.var(ddof=1) - 2 * k) < 4 * np.sqrt(8 * k * (k + 6) / reps)
    # p-values uniform (Kolmogorov-Smirnov)
    assert stats.kstest(pvals, "uniform").pvalue > 1e-3


def test_chi_square_with_sample_covariance_of_means():
    """The use in the book: covariance of samples / n, residual = sample mean - exact mean."""
    rng = np.random.default_rng(12)
    k, n, reps = 6, 400, 600
    cov = _correlated_covariance(k, rng)
    chis = []
    for _ in range(reps):
        s = rng.multivariate_normal(np.zeros(k), cov, size=n)
        chis.append(chi_square(s.mean(axis=0), np.cov(s, rowvar=False) / n).chi2)
    hotelling = k * (n - 1) / (n - k - 2)
    assert abs(np.mean(chis) - hotelling) < 4 * np.std(chis) / np.sqrt(reps)


def test_point_by_point_misleads_correlated_offset():
    """A common shift of all points by one point error is a 1-sigma event, not k of them."""
    cov = np.full((5, 5), 1.0) + 1e-3 * np.eye(5)
    res = chi_square(np.ones(5), cov)
    assert res.chi2 == pytest.approx(5 / (5 + 1e-3), rel=1e-6)
    zigzag = chi_square(np.array([1.0, -1, 1, -1, 1]) * 0.1, cov)
    assert zigzag.chi2 > 30  # 0.1 of a point error, but against the correlation


def test_chi_square_rank_and_validation():
    v = np.array([1.0, 1.0]) / np.sqrt(2)
    singular = np.outer(v, v)
    res = chi_square(np.array([0.3, 0.3]), singular)
    assert res.dof == 1 and res.chi2 == pytest.approx(0.18)
    with pytest.raises(ValueError, match="residuals"):
        chi_square([np.nan, 1.0], np.eye(2))
    with pytest.raises(ValueError, match="covariance"):
        chi_square([1.0, 1.0], np.eye(3))
    with pytest.raises(ValueError, match="symmetric"):
        chi_square([1.0, 1.0], np.array([[1.0, 0.5], [0.0, 1.0]]))
    with pytest.raises(ValueError, match="positive"):
        chi_square([1.0, 1.0], -np.eye(2))
    with pytest.raises(ValueError, match="rcond"):
        chi_square([1.0, 1.0], np.eye(2), rcond=1.5)
