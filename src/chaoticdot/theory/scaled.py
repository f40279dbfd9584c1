"""Eqs. (13)-(14) in the scaled (universal) variables of the paper's Fig. 2.

Eqs. (13) and (14) depend on the channel numbers only through the prefactors ``N1 N2 / N``
and through the combinations ``N + 2x^2``, ``a^2``, ``b``, ``de`` and ``nphi`` relative to
``N``. In the natural units

* ``<dG>`` in ``(e^2/h) N1 N2 / N^2``,
* ``var G`` and covariances in ``(e^2/h)^2 (N1 N2 / N^2)^2``,

both are homogeneous functions of degree 0, hence universal functions of

``xi = x / sqrt(N)``, ``alpha = a / sqrt(N)``, ``beta = b / N``, ``epsilon = de / N``,
``phi = nphi / N`` and ``kT_over_N = k_B T / (N Delta)``.

The functions below evaluate the library's closed forms at a reference dot ``N1 = N2 = 1``
(any other choice gives the same numbers) and convert. Setting ``N = 1`` in the formulas
("the N = 1 reading") gives the same curves with ``xi = x``, ``alpha = a``; this is the
convention used for the paper's Fig. 2.
"""

from __future__ import annotations

import numpy as np

from .closed_form import conductance_covariance, conductance_variance, wl_correction
from .ensembles import exact_conductance_stats

__all__ = [
    "FIG2_ALPHAS",
    "XI_MAX",
    "SIGN_CHANGE",
    "scaled_wl_correction",
    "scaled_covariance",
    "scaled_variance",
    "exact_scaled_variance",
    "exact_scaled_wl_correction",
    "literal_wl_correction",
]

#: Spin-orbit strengths of the paper's Fig. 2 (read as ``alpha = a / sqrt(N)``).
FIG2_ALPHAS = (0.0, 0.3, 0.5, 1.0, np.inf)

#: Largest scaled field ``x / sqrt(N)`` shown in the Fig. 2 panels.
XI_MAX = 3.0

#: ``a^2 / N`` at which ``<dG>(x = 0)`` of Eq. (13) changes sign: ``(1 + sqrt 5) / 4``.
SIGN_CHANGE = (1.0 + np.sqrt(5.0)) / 4.0

# Any channel numbers give the same scaled result (module docstring); these are the smallest.
_REF_N1, _REF_N2 = 1, 1
_REF_N = _REF_N1 + _REF_N2
_WL_UNIT = _REF_N1 * _REF_N2 / _REF_N**2


def _unscaled(xi, alpha, beta, phi) -> dict:
    """Scaled variables -> ``x, a, b, nphi`` of the reference dot (``x = xi sqrt(N)``, ...)."""
    root_n = np.sqrt(_REF_N)
    return {
        "x": np.multiply(xi, root_n),
        "a": np.multiply(alpha, root_n),
        "b": np.multiply(beta, _REF_N),
        "nphi": np.multiply(phi, _REF_N),
    }


def scaled_wl_correction(xi=0.0, alpha=0.0, beta=0.0, phi=0.0):
    """``<dG>`` of Eq. (13) in units of ``(e^2/h) N1 N2 / N^2`` versus scaled variables.

    Parameters
    ----------
    xi : float or array_like
        Perpendicular field ``x / sqrt(N)``.
    alpha : float or array_like
        Spin-orbit strength ``a / sqrt(N)`` (``numpy.inf`` allowed).
    beta : float or array_like
        In-plane Zeeman field ``b / N``.
    phi : float or array_like
        Dephasing rate ``nphi / N``.

    Returns
    -------
    float or ndarray
        ``-[1/(u + 2 alpha^2) + 1/(u + 4 alpha^2) - 2 alpha^2/(u (u + 2 alpha^2) + 4 beta^2)]``
        with ``u = 1 + phi + 2 xi^2`` (Eq. 13 with ``N = 1``), evaluated by
        :func:`chaoticdot.theory.wl_correction`.
    """
    value = wl_correction(_REF_N1, _REF_N2, **_unscaled(xi, alpha, beta, phi))
    return value / _WL_UNIT


def scaled_covariance(xi1=0.0, xi2=0.0, alpha=0.0, *, beta1=0.0, beta2=0.0, epsilon=0.0, phi=0.0):
    """``cov[G(xi1, beta1), G(xi2, beta2)]`` of Eq. (14) in ``(e^2/h)^2 (N1 N2 / N^2)^2``.

    Parameters
    ----------
    xi1, xi2 : float or array_like
        Perpendicular fields ``x / sqrt(N)`` of the two conductances.
    alpha : float or array_like
        Spin-orbit strength ``a / sqrt(N)`` (``numpy.inf`` allowed).
    beta1, beta2 : float or array_like
        Zeeman fields ``b / N``.
    epsilon : float or array_like
        Energy difference ``2 pi (eps - eps') / (N Delta)``.
    phi : float or array_like
        Dephasing rate ``nphi / N``.

    Returns
    -------
    float or ndarray
        ``F_D + F_C`` of Eq. (14) with ``N = 1`` (zero temperature).
    """
    root_n = np.sqrt(_REF_N)
    value = conductance_covariance(
        _REF_N1,
        _REF_N2,
        x1=np.multiply(xi1, root_n),
        x2=np.multiply(xi2, root_n),
        a=np.multiply(alpha, root_n),
        b1=np.multiply(beta1, _REF_N),
        b2=np.multiply(beta2, _REF_N),
        de=np.multiply(epsilon, _REF_N),
        nphi=np.multiply(phi, _REF_N),
    )
    return value / _WL_UNIT**2


def scaled_variance(xi=0.0, alpha=0.0, beta=0.0, phi=0.0, *, kT_over_N=0.0):
    """``var G`` of Eq. (14) in units of ``(e^2/h)^2 (N1 N2 / N^2)^2`` (scaled variables).

    Parameters
    ----------
    xi, alpha, beta, phi : float or array_like
        As in :func:`scaled_wl_correction`.
    kT_over_N : float or array_like
        Temperature ``k_B T / (N Delta)`` (thermal average of Eq. 14 over energy).

    Returns
    -------
    float or ndarray
        The variance in ``(e^2/h)^2 (N1 N2 / N^2)^2``.
    """
    if np.all(np.asarray(kT_over_N) == 0.0):  # zero temperature: Eq. (14) at x1 = x2
        return scaled_covariance(xi, xi, alpha, beta1=beta, beta2=beta, phi=phi)
    value = conductance_variance(
        _REF_N1, _REF_N2, **_unscaled(xi, alpha, beta, phi), kT=np.multiply(kT_over_N, _REF_N)
    )
    return np.asarray(value) / _WL_UNIT**2


def exact_scaled_variance(N1: int, N2: int, ensemble: str) -> float:
    """Exact finite-N ``var G`` of a circular ensemble in ``(e^2/h)^2 (N1 N2 / N^2)^2``."""
    n = N1 + N2
    return exact_conductance_stats(N1, N2, ensemble)[1] / (N1 * N2 / n**2) ** 2


def exact_scaled_wl_correction(N1: int, N2: int, ensemble: str) -> float:
    """Exact finite-N ``<dG>`` of a circular ensemble in ``(e^2/h) N1 N2 / N^2``.

    ``<dG> = <G> - 2 N1 N2 / N`` with the exact ``<G>`` of
    :func:`chaoticdot.theory.exact_conductance_stats` (e.g. ``-2 N / (N + 1)`` for the COE).
    """
    n = N1 + N2
    mean_g = exact_conductance_stats(N1, N2, ensemble)[0]
    return (mean_g - 2.0 * N1 * N2 / n) / (N1 * N2 / n**2)


def literal_wl_correction(x, a, N1: int = 1, N2: int = 1):
    """Eq. (13) read literally at channel numbers ``N1, N2``, in ``(e^2/h) N1 N2 / N^2``.

    This is the reading of the paper's Fig. 2 in which ``x`` and ``a`` are the parameters of
    Eq. (13) themselves at a fixed ``N`` (``N = 2`` for ``N1 = N2 = 1``).
    """
    n = N1 + N2
    return wl_correction(N1, N2, x=x, a=a) / (N1 * N2 / n**2)
