"""Goodness of fit of correlated Monte-Carlo points: chi^2 with the full covariance matrix.

When the points of a curve are computed from the same realisations (correlated sampling), their
statistical errors are strongly correlated and the points move together; judging agreement
point by point then misleads. The statistic

    chi^2 = r^T C^{-1} r,     r = (Monte Carlo means) - (reference curve),

with ``C`` the covariance matrix of the Monte-Carlo *means* (the covariance of single samples
divided by the number of samples), follows a chi^2 distribution with ``k`` degrees of freedom
(``k`` points) when the reference is exact and the means are Gaussian (central limit theorem).
Its mean is ``k``; ``chi^2 / k`` much larger than 1 means the deviations are resolved by the
statistics. For a covariance estimated from ``n`` samples the mean is ``k (n - 1)/(n - k - 2)``
(Hotelling), a negligible correction for ``n >> k``.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from scipy import stats

from .._validation import check_finite, real_array

__all__ = ["ChiSquare", "chi_square"]


class ChiSquare(NamedTuple):
    """chi^2, degrees of freedom (the rank of ``C``) and the upper-tail probability."""

    chi2: float
    dof: int
    p_value: float

    @property
    def reduced(self) -> float:
        """``chi2 / dof``."""
        return self.chi2 / self.dof


def chi_square(residuals, covariance, *, rcond: float = 1e-12) -> ChiSquare:
    """``r^T C^{-1} r`` for residuals ``r`` of correlated points with covariance ``C``.

    Parameters
    ----------
    residuals : array_like, shape (k,)
        Monte-Carlo means minus the reference, finite (any units).
    covariance : array_like, shape (k, k)
        Covariance matrix of the means (units of ``residuals`` squared): symmetric, positive
        semi-definite. Directions with eigenvalues below ``rcond`` times the largest are
        dropped (pseudo-inverse) and do not count as degrees of freedom.
    rcond : float
        Relative eigenvalue cut-off, in ``[0, 1)``.

    Returns
    -------
    ChiSquare
        ``chi2``, ``dof`` (rank of ``C``) and ``p_value = P(chi^2_dof >= chi2)``.
    """
    r = check_finite(residuals, "residuals")
    if r.ndim != 1:
        raise ValueError(
            f"residuals must be a non-empty 1-D array of finite values, got shape {r.shape}"
        )
    c = check_finite(covariance, "covariance")
    if c.shape != (r.size, r.size):
        raise ValueError(
            f"covariance must be a finite ({r.size}, {r.size}) matrix (k = len(residuals) = "
            f"{r.size}), got shape {c.shape}"
        )
    if not np.allclose(c, c.T, rtol=1e-10, atol=0.0):
        raise ValueError("covariance must be symmetric")
    rcond = real_array(rcond, "rcond", "a real number in [0, 1)")
    if rcond.ndim or not 0.0 <= rcond < 1.0:
        raise ValueError(f"rcond must lie in [0, 1), got {rcond!r}")
    rcond = float(rcond)
    with np.errstate(over="ignore"):
        sym = 0.5 * (c + c.T)
    if not np.all(np.isfinite(sym)):
        raise ValueError(
            f"covariance must have entries within the floating-point range, got {covariance!r}"
        )
    w, v = np.linalg.eigh(sym)
    if w[-1] <= 0 or w[0] < -1e-10 * w[-1]:
        raise ValueError("covariance must be positive semi-definite and nonzero")
    keep = w > rcond * w[-1]
    proj = v[:, keep].T @ r
    with np.errstate(over="ignore"):
        chi2 = float(np.sum(proj**2 / w[keep]))
    if not np.isfinite(chi2):
        raise ValueError(
            "residuals too large against the covariance: chi^2 overflows the floating-point "
            f"range, got residuals={residuals!r}"
        )
    dof = int(np.count_nonzero(keep))
    return ChiSquare(chi2, dof, float(stats.chi2.sf(chi2, dof)))
