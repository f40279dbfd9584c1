"""Thermal average of the Monte-Carlo conductance over the Fermi energy.

At temperature ``T`` the measured conductance of one dot is ``G_T = int d eps (-f'(eps))
G(eps)`` (Fermi function ``f``; paper, text after Eq. 14). In the library's units
(``energy = 2 pi eps / Delta``, ``kT = k_B T / Delta``) the substitution
``u = tanh(energy / (4 pi kT))`` turns the weight into the uniform one,
``-f' d eps = du / 2`` on ``(-1, 1)``, so

    G_T = (1/2) int_{-1}^{1} G(4 pi kT artanh u) du,

evaluated with Gauss-Legendre nodes in ``u``. The same energies serve every realization
(correlated sampling), so ``G_T`` is computed per realization and its distribution, mean and
variance follow.

Number of nodes: the conductance decorrelates over an energy ``~ N`` (Eq. 14,
``N_D = N - i de``). The rule doubles the node count from 8 until the quadrature reproduces
the exact thermal variance of the theory (:func:`chaoticdot.theory.conductance_variance` at
``x = a = b = nphi = 0``, the narrowest energy correlation for a given ``N``) to a relative
``1e-3``: the discretisation error of ``var G_T`` is then far below statistical errors. The
weights sum to one, so ``<G_T> = <G>`` holds exactly (``<G>`` is energy independent).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from .._validation import as_scalar, check_nonnegative, check_positive_int
from ..theory import conductance_covariance, conductance_variance

__all__ = ["thermal_quadrature", "THERMAL_RTOL", "MAX_THERMAL_NODES"]

#: Relative accuracy of the quadrature for the thermal variance (module docstring).
THERMAL_RTOL = 1e-3
#: Largest number of energy nodes per parameter point.
MAX_THERMAL_NODES = 512


@lru_cache(maxsize=64)
def _nodes(N: int, kT: float) -> tuple[np.ndarray, np.ndarray]:
    exact = conductance_variance(1, N - 1, kT=kT)
    n = 8
    while True:
        u, w = np.polynomial.legendre.leggauss(n)
        energy = 4 * np.pi * kT * np.arctanh(u)
        weight = w / 2
        cov = conductance_covariance(1, N - 1, de=energy[:, None] - energy[None, :])
        approx = weight @ cov @ weight
        if abs(approx - exact) <= THERMAL_RTOL * exact:
            return energy, weight
        if 2 * n > MAX_THERMAL_NODES:
            raise ValueError(
                f"kT = {kT} is too large for N1 + N2 = {N}: the thermal average needs more than "
                f"{MAX_THERMAL_NODES} energies per point; kT must be <~ {N * 4:.3g} here"
            )
        n *= 2


def thermal_quadrature(N1, N2, kT) -> tuple[np.ndarray, np.ndarray]:
    """Energies and weights of the thermal average ``G_T = sum_k w_k G(energy + e_k)``.

    Parameters
    ----------
    N1, N2 : int
        Channel numbers (only ``N = N1 + N2`` matters).
    kT : float
        ``k_B T / Delta`` (> 0).

    Returns
    -------
    offsets : ndarray
        Energy offsets ``e_k`` in units of ``Delta / 2 pi`` (the ``energy`` of
        :func:`chaoticdot.rmt.sample_conductance`).
    weights : ndarray
        Positive weights summing to one.
    """
    N = check_positive_int(N1, "N1") + check_positive_int(N2, "N2")
    kT = as_scalar(check_nonnegative(kT, "kT"), "kT")
    if not kT > 0:
        raise ValueError(f"kT must lie in (0, inf) for a thermal quadrature, got {kT!r}")
    energy, weight = _nodes(N, kT)
    return energy.copy(), weight.copy()
