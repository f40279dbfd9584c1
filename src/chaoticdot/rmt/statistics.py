"""Sample estimates with standard errors for Monte-Carlo tests and figures.

Every estimator reduces along ``axis`` (default 0, the sample axis of
:func:`chaoticdot.rmt.sample_conductance`) and returns an :class:`Estimate` whose ``value``
and ``error`` broadcast like numpy arrays.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .._arrays import as_output

__all__ = ["Estimate", "mean", "variance", "covariance"]


class Estimate(NamedTuple):
    """An estimate and its standard error (one standard deviation), same shapes.

    Use ``abs(est.value - exact) <= 4 * est.error`` for a 4-sigma test.
    """

    value: np.ndarray | float
    error: np.ndarray | float

    def within(self, reference, nsigma: float = 4.0, extra=0.0) -> np.ndarray | bool:
        """``|value - reference| <= nsigma * error + extra`` (elementwise)."""
        return np.abs(np.asarray(self.value) - reference) <= nsigma * np.asarray(self.error) + extra


def _n(samples: np.ndarray, axis: int) -> int:
    n = samples.shape[axis]
    if n < 2:
        raise ValueError(f"at least 2 samples are needed along axis {axis}, got {n}")
    return n


def mean(samples, axis: int = 0) -> Estimate:
    """Sample mean; error = sample standard deviation / sqrt(n)."""
    g = np.asarray(samples, dtype=float)
    n = _n(g, axis)
    return Estimate(as_output(g.mean(axis=axis)), as_output(g.std(axis=axis, ddof=1) / np.sqrt(n)))


def variance(samples, axis: int = 0) -> Estimate:
    """Unbiased sample variance with its standard error from the fourth central moment.

    ``var(s^2) = [m4 - (n - 3) / (n - 1) s^4] / n`` (``m4`` the fourth central moment), which
    reduces to ``2 s^4 / (n - 1)`` for Gaussian data.
    """
    g = np.asarray(samples, dtype=float)
    n = _n(g, axis)
    d = g - g.mean(axis=axis, keepdims=True)
    s2 = np.sum(d * d, axis=axis) / (n - 1)
    m4 = np.mean(d**4, axis=axis)
    var_s2 = np.maximum(m4 - (n - 3) / (n - 1) * s2**2, 0.0) / n
    return Estimate(as_output(s2), as_output(np.sqrt(var_s2)))


def covariance(samples1, samples2, axis: int = 0) -> Estimate:
    """Unbiased sample covariance with its standard error.

    The error uses the variance of the products of centred samples,
    ``var(c) ~ [mean(d1^2 d2^2) - c^2] / n`` (delta method, large ``n``).
    """
    g1 = np.asarray(samples1, dtype=float)
    g2 = np.asarray(samples2, dtype=float)
    g1, g2 = np.broadcast_arrays(g1, g2)
    n = _n(g1, axis)
    d1 = g1 - g1.mean(axis=axis, keepdims=True)
    d2 = g2 - g2.mean(axis=axis, keepdims=True)
    prod = d1 * d2
    c = np.sum(prod, axis=axis) / (n - 1)
    err = np.sqrt(np.maximum(np.mean(prod**2, axis=axis) - np.mean(prod, axis=axis) ** 2, 0) / n)
    return Estimate(as_output(c), as_output(err))
