"""Sample estimates with standard errors for Monte-Carlo tests and figures.

Every estimator reduces along ``axis`` (default 0, the sample axis of
:func:`chaoticdot.rmt.sample_conductance`) and returns an :class:`Estimate` whose ``value``
and ``error`` broadcast like numpy arrays.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .._arrays import as_output
from .._validation import real_array

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


def _samples(value, name: str) -> np.ndarray:
    g = real_array(value, name, "a finite real array of samples")
    if g.ndim == 0:
        raise ValueError(f"{name} must be an array of samples (at least one axis), got {value!r}")
    if not np.all(np.isfinite(g)):
        raise ValueError(f"{name} must be a finite real array of samples (no NaN or inf)")
    return g


def _n(samples: np.ndarray, axis: int) -> int:
    if isinstance(axis, bool) or not isinstance(axis, int | np.integer):
        raise TypeError(f"axis must be an int, got {axis!r}")
    if not -samples.ndim <= axis < max(samples.ndim, 1) or samples.ndim == 0:
        raise ValueError(f"axis must be in [-{samples.ndim}, {samples.ndim}), got {axis!r}")
    n = samples.shape[axis]
    if n < 2:
        raise ValueError(f"at least 2 samples are needed along axis {axis}, got {n}")
    return n


def _centred_pair(first, first_name: str, second, second_name: str, axis: int):
    """Two sample arrays validated, broadcast together and centred along ``axis``.

    Returns ``(a, b, n, a - mean(a), b - mean(b))``.
    """
    a = _samples(first, first_name)
    b = _samples(second, second_name)
    try:
        a, b = np.broadcast_arrays(a, b)
    except ValueError:
        raise ValueError(
            f"{first_name} {a.shape} and {second_name} {b.shape} must broadcast against each other"
        ) from None
    n = _n(a, axis)
    return a, b, n, a - a.mean(axis=axis, keepdims=True), b - b.mean(axis=axis, keepdims=True)


def mean(samples, axis: int = 0) -> Estimate:
    """Sample mean; error = sample standard deviation / sqrt(n)."""
    g = _samples(samples, "samples")
    n = _n(g, axis)
    return Estimate(as_output(g.mean(axis=axis)), as_output(g.std(axis=axis, ddof=1) / np.sqrt(n)))


def variance(samples, axis: int = 0) -> Estimate:
    """Unbiased sample variance with its standard error from the fourth central moment.

    ``var(s^2) = [m4 - (n - 3) / (n - 1) s^4] / n`` (``m4`` the fourth central moment), which
    reduces to ``2 s^4 / (n - 1)`` for Gaussian data.
    """
    g = _samples(samples, "samples")
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
    _, _, n, d1, d2 = _centred_pair(samples1, "samples1", samples2, "samples2", axis)
    prod = d1 * d2
    c = np.sum(prod, axis=axis) / (n - 1)
    err = np.sqrt(np.maximum(np.mean(prod**2, axis=axis) - np.mean(prod, axis=axis) ** 2, 0) / n)
    return Estimate(as_output(c), as_output(err))


def control_variate_mean(samples, control, control_mean, axis: int = 0) -> Estimate:
    """Mean of ``samples`` with a control variate of exactly known mean.

    ``m = mean(G) - beta (mean(C) - <C>)`` with ``beta = cov(G, C) / var(C)`` estimated from
    the same samples (Rubinstein & Marcus, Oper. Res. 33, 661 (1985); the bias of the
    estimated ``beta`` is ``O(1/n)``, far below the error for the sample sizes used here).
    The error is the standard deviation of the residual ``G - beta C`` over ``sqrt(n)``: the
    plain error times ``sqrt(1 - rho^2)``, ``rho`` the correlation of ``G`` and ``C``.

    In the stub Monte Carlo the natural control is the conductance of the same realization at
    zero field and zero spin-orbit coupling, whose mean is exact at every ``N`` and ``M``
    (spin-degenerate COE, :func:`chaoticdot.theory.exact_conductance_stats`).

    Parameters
    ----------
    samples : array_like
        Samples of ``G`` (any shape; ``axis`` is the sample axis).
    control : array_like
        Samples of the control ``C``, broadcastable against ``samples``.
    control_mean : float
        The exact mean ``<C>``.
    axis : int
        Sample axis.

    Returns
    -------
    Estimate
    """
    g, c, n, dg, dc = _centred_pair(samples, "samples", control, "control", axis)
    mu = real_array(control_mean, "control_mean", "a finite real number")
    if mu.ndim or not np.isfinite(mu):
        raise ValueError(f"control_mean must be a finite real number, got {control_mean!r}")
    var_c = np.sum(dc * dc, axis=axis)
    if np.any(var_c == 0):
        raise ValueError("control must fluctuate (zero sample variance)")
    beta = np.sum(dg * dc, axis=axis) / var_c
    resid = g - np.expand_dims(beta, axis) * c
    value = g.mean(axis=axis) - beta * (c.mean(axis=axis) - float(mu))
    # Residual variance with n - 2 degrees of freedom (mean and beta are fitted).
    dr = resid - resid.mean(axis=axis, keepdims=True)
    err = (
        np.sqrt(np.sum(dr * dr, axis=axis) / (n - 2) / n) if n > 2 else np.full_like(value, np.inf)
    )
    return Estimate(as_output(value), as_output(err))
