"""Monte Carlo of dephasing in the stub model: the absorbing (imaginary-potential) stub.

The paper treats dephasing with a Buttiker voltage probe and states the result at leading order
in ``1/N``: ``N_{D,C} -> N_{D,C} + nphi`` in Eqs. (13)-(14), ``nphi = 2 pi hbar/(tau_phi Delta)``.
The simulation here uses a different microscopic model, a uniform absorption rate (an imaginary
potential ``-i hbar / 2 tau_phi``, i.e. an imaginary part of the energy in ``R`` of Eq. (6)), with
``G`` from Eq. (4) for the sub-unitary ``S`` (:func:`chaoticdot.rmt.sample_conductance`). The two
models agree at leading order only, so the comparison has three parts:

* Eqs. (13)-(14) with ``N -> N + nphi`` (``M -> infinity``, leading order);
* the leading-order (Gaussian) result of the *same* absorbing stub at the *same* finite ``M``
  (:func:`chaoticdot.rmt.finite_m_wl_correction`, :func:`chaoticdot.rmt.finite_m_covariance`),
  which isolates the finite-``M`` bias;
* the Monte Carlo, whose remaining deviation from the finite-``M`` line is beyond leading order
  in ``1/N`` (finite channel number, and the difference between absorption and a probe).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from .. import rmt
from ..rmt.stub import StubPoint

__all__ = ["DEPHASING_MC", "dephasing_samples", "finite_m_references", "dephasing_comparison"]

#: N1 = N2 = 2, no field or spin-orbit coupling; nphi from 0 to 4 N; M = 80 = 20 N.
DEPHASING_MC = {
    "N1": 2,
    "N2": 2,
    "nphi": (0.0, 2.0, 4.0, 8.0, 12.0, 16.0),
    "M": 80,
    "M_quick": 40,
    "samples": 10000,
    "samples_quick": 200,
    "seed": 1986,
}


def dephasing_samples(quick: bool = False):
    """Conductances of the absorbing stub, shape ``(samples, len(nphi))`` (e^2/h).

    Returns
    -------
    nphi : ndarray
    G : ndarray
        Conductances in ``e^2/h`` from Eq. (4) with the sub-unitary ``S``; every realisation is
        used for all ``nphi`` (correlated sampling).
    M : int
        Stub size.
    """
    if not isinstance(quick, bool | np.bool_):
        raise TypeError(f"quick must be a bool, got {type(quick).__name__}")
    return _samples(bool(quick))


@lru_cache(maxsize=2)
def _samples(quick: bool):
    # cached: the chapter and its figure share one Monte-Carlo run (about 15 s on one core)
    p = DEPHASING_MC
    nphi = np.array(p["nphi"])
    M = p["M_quick"] if quick else p["M"]
    G = rmt.sample_conductance(
        p["N1"],
        p["N2"],
        nphi=nphi,
        samples=p["samples_quick"] if quick else p["samples"],
        M=M,
        seed=p["seed"],
    )
    return nphi, G, M


def finite_m_references(N1: int, N2: int, nphi, M: int):
    """Leading-order ``<dG>`` (e^2/h) and ``var G`` ((e^2/h)^2) of the absorbing stub at ``M``.

    Parameters
    ----------
    N1, N2 : int
        Channels per lead.
    nphi : array_like
        Dephasing rates ``nphi >= 0``.
    M : int
        Stub size, ``M > N1 + N2``.
    """
    nphi = np.atleast_1d(np.asarray(nphi, dtype=float))
    if np.any(~np.isfinite(nphi)) or np.any(nphi < 0):
        raise ValueError("nphi must be finite and >= 0")
    dg = np.array([rmt.finite_m_wl_correction(N1, N2, nphi=v, M=M) for v in nphi])
    var = np.array(
        [rmt.finite_m_covariance(N1, N2, StubPoint(nphi=v), StubPoint(nphi=v), M) for v in nphi]
    )
    return dg, var


def dephasing_comparison(quick: bool = False) -> dict:
    """Monte Carlo, Eqs. (13)-(14) and the finite-``M`` line at every ``nphi``.

    Returns
    -------
    dict of ndarray
        ``nphi``; ``dG``, ``dG_err`` and ``var``, ``var_err`` (Monte Carlo); ``dG_eq13``,
        ``var_eq14`` (``N -> N + nphi``); ``dG_finite_m``, ``var_finite_m``; ``rel_var`` and
        ``rel_var_err``: ``var_MC / var_finite_m - 1``; ``rel_var_eq14``: ``var_MC /
        var_eq14 - 1``; scalars ``M``, ``samples``, ``N1``, ``N2``.
    """
    from ..theory import conductance_variance, wl_correction

    p = DEPHASING_MC
    nphi, G, M = dephasing_samples(quick)
    m, v = rmt.mean(G), rmt.variance(G)
    classical = 2.0 * p["N1"] * p["N2"] / (p["N1"] + p["N2"])
    dg_fm, var_fm = finite_m_references(p["N1"], p["N2"], nphi, M)
    var_eq14 = conductance_variance(p["N1"], p["N2"], nphi=nphi)
    return {
        "nphi": nphi,
        "dG": m.value - classical,
        "dG_err": m.error,
        "var": v.value,
        "var_err": v.error,
        "dG_eq13": wl_correction(p["N1"], p["N2"], nphi=nphi),
        "var_eq14": var_eq14,
        "dG_finite_m": dg_fm,
        "var_finite_m": var_fm,
        "rel_var": v.value / var_fm - 1.0,
        "rel_var_err": v.error / var_fm,
        "rel_var_eq14": v.value / var_eq14 - 1.0,
        "M": M,
        "samples": G.shape[0],
        "N1": p["N1"],
        "N2": p["N2"],
    }
