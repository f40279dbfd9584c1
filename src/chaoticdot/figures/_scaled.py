"""Shared helpers of the result figures: scaled (universal) units and long-format tables.

Scaled variables
----------------
At leading order in 1/N, Eqs. (13)-(14) depend on the channel numbers only through the
prefactors ``N1 N2 / N`` and through the combinations ``x^2 / N``, ``a^2 / N``, ``b / N``,
``nphi / N`` and ``de / N`` (physics notes §1.7). Measured in the natural units

* ``<dG>`` in ``(e^2/h) N1 N2 / N^2``,
* ``var G`` and covariances in ``(e^2/h)^2 (N1 N2 / N^2)^2``,

the curves are therefore universal functions of ``xi = x / sqrt(N)``, ``alpha = a / sqrt(N)``,
``beta = b / N`` and ``nu = nphi / N``. The helpers below evaluate the library's closed forms at
a reference dot (``N1 = N2 = 1``, any other choice gives the same numbers) and convert.
"""

from __future__ import annotations

import numpy as np

from .. import theory

__all__ = [
    "REF_N1",
    "REF_N2",
    "REF_N",
    "scaled_wl",
    "scaled_variance",
    "scaled_covariance",
    "LongTable",
]

REF_N1 = 1
REF_N2 = 1
REF_N = REF_N1 + REF_N2
_UNIT_MEAN = REF_N1 * REF_N2 / REF_N**2


def _unscale(xi=0.0, alpha=0.0, beta=0.0, nu=0.0, eps=0.0):
    """Scaled variables -> the library's dimensionless parameters at the reference dot."""
    root = np.sqrt(REF_N)
    return (
        np.asarray(xi) * root,
        np.asarray(alpha) * root,
        np.asarray(beta) * REF_N,
        np.asarray(nu) * REF_N,
        np.asarray(eps) * REF_N,
    )


def scaled_wl(*, xi=0.0, alpha=0.0, beta=0.0, nu=0.0):
    """``<dG>`` of Eq. (13) in units of ``(e^2/h) N1 N2 / N^2`` (``alpha = inf`` allowed)."""
    x, a, b, nphi, _ = _unscale(xi, alpha, beta, nu)
    return np.asarray(theory.wl_correction(REF_N1, REF_N2, x=x, a=a, b=b, nphi=nphi)) / _UNIT_MEAN


def scaled_variance(*, xi=0.0, alpha=0.0, beta=0.0, nu=0.0, kT_over_N=0.0):
    """``var G`` of Eq. (14) in units of ``(e^2/h)^2 (N1 N2 / N^2)^2``.

    ``kT_over_N`` is ``k_B T / (N Delta)``.
    """
    x, a, b, nphi, _ = _unscale(xi, alpha, beta, nu)
    kT = np.asarray(kT_over_N) * REF_N
    v = theory.conductance_variance(REF_N1, REF_N2, x=x, a=a, b=b, nphi=nphi, kT=kT)
    return np.asarray(v) / _UNIT_MEAN**2


def scaled_covariance(*, xi1=0.0, xi2=0.0, alpha=0.0, beta1=0.0, beta2=0.0, eps=0.0, nu=0.0):
    """``cov[G(x1, b1), G(x2, b2)]`` of Eq. (14) in ``(e^2/h)^2 (N1 N2 / N^2)^2``.

    ``eps = de / N`` is the scaled energy difference ``2 pi (eps - eps') / (N Delta)``.
    """
    x1, a, b1, nphi, de = _unscale(xi1, alpha, beta1, nu, eps)
    x2, _, b2, _, _ = _unscale(xi2, 0.0, beta2)
    c = theory.conductance_covariance(
        REF_N1, REF_N2, x1=x1, x2=x2, a=a, b1=b1, b2=b2, de=de, nphi=nphi
    )
    return np.asarray(c) / _UNIT_MEAN**2


class LongTable:
    """Accumulates a long-format data table (one row per plotted point).

    ``add(x=..., y=..., curve="label")`` appends equal-length columns; scalars are repeated.
    ``columns()`` returns the dict of 1-D arrays expected by :class:`FigureResult`.
    """

    def __init__(self):
        self._parts: list[dict[str, np.ndarray]] = []

    def add(self, **cols) -> None:
        arrays = {k: np.atleast_1d(np.asarray(v)) for k, v in cols.items()}
        n = max(a.size for a in arrays.values())
        self._parts.append(
            {k: (np.repeat(a, n) if a.size == 1 else a.ravel()) for k, a in arrays.items()}
        )

    def columns(self) -> dict[str, np.ndarray]:
        keys: list[str] = []
        for part in self._parts:
            keys += [k for k in part if k not in keys]
        out = {}
        for k in keys:
            text = any(p[k].dtype.kind in "US" for p in self._parts if k in p)
            pieces = []
            for part in self._parts:
                n = len(next(iter(part.values())))
                if k in part:
                    pieces.append(part[k].astype(str) if text else part[k].astype(float))
                else:  # column absent from this part: empty text or NaN
                    pieces.append(np.full(n, "", dtype=str) if text else np.full(n, np.nan))
            out[k] = np.concatenate(pieces)
        return out
