"""Exact conductance distribution for one channel in each lead (circular ensembles).

For ``N1 = N2 = 1`` the scattering matrix has a single transmission eigenvalue ``T`` with
``P_beta(T) = (beta/2) T^(beta/2 - 1)`` (Beenakker, Rev. Mod. Phys. 69, 731 (1997)), with
Dyson index ``beta = 1, 2, 4`` for the COE, CUE and CSE. ``G = 2T`` in ``e^2/h``.
"""

from __future__ import annotations

import numpy as np

__all__ = ["exact_density"]


def exact_density(g, beta: int) -> np.ndarray:
    """Exact distribution P(G) for one channel in each lead, G in e^2/h on [0, 2].

    The single transmission eigenvalue has :math:`P_\\beta(T) = (\\beta/2) T^{\\beta/2-1}`
    (Beenakker, Rev. Mod. Phys. 69, 731, 1997); G = 2T (spin or Kramers degeneracy), hence
    :math:`P(G) = (\\beta/4)(G/2)^{\\beta/2-1}`.

    Parameters
    ----------
    g : float or array_like
        Conductance in ``e^2/h``.
    beta : int
        Dyson index: 1 (COE), 2 (CUE) or 4 (CSE).

    Returns
    -------
    ndarray
        Probability density in ``(e^2/h)^-1``; zero outside ``(0, 2]``.
    """
    if beta not in (1, 2, 4):
        raise ValueError(f"beta must be 1, 2 or 4 (Dyson index), got {beta!r}")
    g = np.asarray(g, dtype=float)
    with np.errstate(divide="ignore"):
        p = beta / 4 * (g / 2) ** (beta / 2 - 1)
    return np.where((g > 0) & (g <= 2), p, 0.0)
