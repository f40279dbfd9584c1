"""Energy correlations of the conductance: a light stub Monte Carlo (paper Eq. 14, ``de``).

Conductances in ``e^2/h``; covariances returned in the units of the paper's Fig. 2,
``(e^2/h)^2 (N1 N2 / N^2)^2``.
"""

from __future__ import annotations

import numpy as np

from ..rmt import covariance, sample_conductance

__all__ = ["ENERGY_MC", "energy_correlation_mc"]

#: Settings of the light energy-correlation Monte Carlo run while the figure is built.
ENERGY_MC = {
    "N1": 4,
    "M": 64,
    "alphas": (0.0, np.inf),
    "epsilon": np.linspace(0.0, 3.0, 7),
    "samples": 400,
    "quick_samples": 60,
    "seed": 1402,
}


def energy_correlation_mc(
    *,
    samples: int,
    N1: int = ENERGY_MC["N1"],
    M: int = ENERGY_MC["M"],
    alphas=ENERGY_MC["alphas"],
    epsilon=ENERGY_MC["epsilon"],
    seed=ENERGY_MC["seed"],
):
    """Monte-Carlo ``cov[G(eps), G(eps + de)]`` at ``x = b = 0`` in scaled units.

    Parameters
    ----------
    samples : int
        Realizations of the stub model (each used at every energy).
    N1 : int
        Channels per lead (``N1 = N2``, ``N = 2 N1``).
    M : int
        Stub size.
    alphas : sequence of float
        Scaled spin-orbit strengths ``a / sqrt(N)`` (``inf``: CSE).
    epsilon : array_like
        Scaled energy differences ``de / N``, ``de = 2 pi (eps - eps') / Delta``.
    seed : int
        Root seed.

    Returns
    -------
    value, error : ndarray, shape ``(len(alphas), len(epsilon))``
        Covariance and its standard error in ``(e^2/h)^2 (N1 N2 / N^2)^2``.
    """
    n = 2 * N1
    alphas = np.asarray(alphas, dtype=float)
    energy = np.asarray(epsilon, dtype=float) * n
    g = sample_conductance(
        N1,
        N1,
        energy=energy[None, :],
        a=alphas[:, None] * np.sqrt(n),
        samples=samples,
        M=M,
        seed=seed,
    )
    est = covariance(g[:, :, :1], g)
    unit = (N1 * N1 / n**2) ** 2
    return np.asarray(est.value) / unit, np.asarray(est.error) / unit
