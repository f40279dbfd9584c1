"""Uniform spin-orbit coupling in a small dot: spin flux, field echo, Zeeman cross term.

After the gauge transformation of Aleiner & Fal'ko, PRL 87, 256801 (2001), uniform coupling in
a dot with ``L << lambda`` leaves (book chapter "Uniform spin-orbit coupling")

* a spin-dependent flux: spin up along ``z`` sees ``x + x_so``, spin down ``x - x_so``
  (perturbation-model term ``x_so``);
* with an in-plane field, a Zeeman x spin-orbit cross term ``zeeman_so`` (Cremers, Brouwer &
  Fal'ko, PRB 68, 125329 (2003));
* a weak symplectic remainder, smaller by ``(L/lambda)^2`` (paper footnote 15), which
  :class:`chaoticdot.units.Device` adds to the paper's ``a``.

This module holds the Monte-Carlo run of the chapter (stub model, paper Eqs. 5-7) and small
drivers that evaluate the theory for a :class:`~chaoticdot.units.Device`. Conductances are in
``e^2/h``, variances and covariances in ``(e^2/h)^2``; fields ``x``, ``x_so`` are the
dimensionless perpendicular field of paper Eq. (7).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from .. import rmt, theory, units

__all__ = [
    "MC_PARAMETERS",
    "field_grid",
    "mc_samples",
    "decomposition_samples",
    "antisymmetric_variance",
    "ANTISYMMETRY_MC",
    "antisymmetric_variance_mc",
    "device_parameters",
]

#: Stub-model Monte Carlo of the chapter: ``N1 = N2 = 3`` and ``x_so^2 = 6.25 ~ N`` (the dip
#: splits visibly; the echo at ``x = 2 x_so`` is only a shoulder of the central peak, whose
#: half width is ``~ 0.9 sqrt(N)``). ``M = 150`` is below the accuracy rule of
#: :func:`chaoticdot.rmt.choose_M` for the largest spin-resolved fields ``|x| + x_so = 9.5``;
#: finite ``M`` slightly reduces the field scale, visible only in the tails where both the
#: signal and its error are small. The quick version is for tests only.
MC_PARAMETERS = {
    "N1": 3,
    "N2": 3,
    "x_so": 2.5,
    "x_max": 7.0,
    "x_step": 0.5,
    "M": 150,
    "M_quick": 40,
    "samples": 500,
    "samples_quick": 40,
    "seed": 2003,
}


def field_grid() -> np.ndarray:
    """The perpendicular fields ``x = 0, x_step, ..., x_max`` of the Monte Carlo."""
    p = MC_PARAMETERS
    return np.arange(0.0, p["x_max"] + p["x_step"] / 2, p["x_step"])


def mc_samples(quick: bool = False):
    """Stub-model conductances ``G(x)`` with spin flux ``x_so`` on :func:`field_grid`.

    Every realization is evaluated at all fields, so that means and covariances
    ``cov[G(x), G(0)]`` come from one run.

    Parameters
    ----------
    quick : bool
        Few samples at small ``M`` (tests).

    Returns
    -------
    x : ndarray, shape (nx,)
    G : ndarray, shape (samples, nx)
        Conductances in ``e^2/h``.
    M : int
        Stub size used.
    """
    return _mc_samples(bool(quick))


@lru_cache(maxsize=2)
def _mc_samples(quick: bool):
    # cached on a positional bool: the chapter and its figure share one run
    p = MC_PARAMETERS
    x = field_grid()
    M = p["M_quick"] if quick else p["M"]
    samples = p["samples_quick"] if quick else p["samples"]
    G = rmt.sample_conductance(
        p["N1"], p["N2"], x=x, x_so=p["x_so"], samples=samples, M=M, seed=p["seed"]
    )
    return x, G, M


def decomposition_samples(samples: int = 6, M: int = 40):
    """The same realizations with and without spin flux, for the exact decomposition.

    Without spin-orbit remainder and Zeeman field (``a = b = 0``) the spin along ``z`` is
    conserved and the two spin species are spinless copies of the same dot at fields
    ``x + x_so`` and ``x - x_so``, so that, realization by realization,
    ``G(x; x_so) = [G(x + x_so; 0) + G(x - x_so; 0)] / 2`` (``G(.; 0)`` is spin degenerate).

    Parameters
    ----------
    samples : int
        Number of realizations (seeded; the same for both runs).
    M : int
        Stub size.

    Returns
    -------
    x : ndarray, shape (nx,)
    with_flux : ndarray, shape (samples, nx)
        ``G(x; x_so)`` in ``e^2/h``.
    shifted : ndarray, shape (samples, nx)
        ``[G(x + x_so; 0) + G(x - x_so; 0)] / 2`` from a run without spin flux.
    """
    p = MC_PARAMETERS
    x = np.linspace(0.0, 3.0, 7)
    common = {"samples": samples, "M": M, "seed": p["seed"] + 1, "executor": "serial"}
    with_flux = rmt.sample_conductance(p["N1"], p["N2"], x=x, x_so=p["x_so"], **common)
    fields = np.stack([x + p["x_so"], x - p["x_so"]])
    plain = rmt.sample_conductance(p["N1"], p["N2"], x=fields, **common)
    return x, with_flux, plain.mean(axis=1)


def antisymmetric_variance(N1, N2, *, x, b=0.0, **parameters):
    """Variance of the field-antisymmetric part ``G_A(x) = [G(x) - G(-x)] / 2``.

    ``var G_A = (var G(x) - cov[G(x), G(-x)]) / 2`` (the means of ``G(x)`` and ``G(-x)`` are
    equal), from the covariance of paper Eq. (14) generalised to the perturbation model
    (:func:`chaoticdot.theory.conductance_covariance`; every parameter except ``x`` is shared by
    the two fields). It vanishes when ``G(x) = G(-x)`` in every realization, e.g. without
    Zeeman field, or with an in-plane field and spin flux but no spin-orbit remainder and no
    cross term (a spin rotation by ``pi`` about ``z`` then maps ``x -> -x``).

    Parameters
    ----------
    N1, N2 : int
        Channels of the two point contacts.
    x : array_like
        Perpendicular field (dimensionless, paper Eq. 7).
    b : array_like
        Zeeman field (the same at both fields).
    **parameters
        Further keywords of :func:`chaoticdot.theory.conductance_covariance` shared by the
        two fields: ``x_so``, ``zeeman_so``, ``a``, ``b_direction``, ``nphi``, ``kT``.

    Returns
    -------
    ndarray
        ``var G_A`` in ``(e^2/h)^2``.
    """
    x = np.asarray(x, dtype=float)
    common = dict(parameters, b1=b, b2=b)
    var = theory.conductance_covariance(N1, N2, x1=x, x2=x, **common)
    cov = theory.conductance_covariance(N1, N2, x1=x, x2=-x, **common)
    return (var - cov) / 2


#: Monte Carlo of ``var G_A`` with the cross term: parameters at ``N = N1 + N2 = 8``, scaled
#: for other channel numbers as ``sqrt(N/8)`` (``x``, ``x_so``, ``zeeman_so``) and ``N/8``
#: (``b``), so that the large-``N`` theory of ``var G_A`` is the same number for every ``N``
#: (all rates scale with ``N``; the prefactor ``(N1 N2/N)^2 = N^2/16`` cancels ``1/N^2``).
ANTISYMMETRY_MC = {
    "channels": (2, 4, 8),
    "x": 1.0,
    "x_so": 1.0,
    "zeeman_so": 1.0,
    "b": 3.0,
    "samples": 1500,
    "samples_quick": 60,
    "seed": 7,
}


def antisymmetric_variance_mc(quick: bool = False) -> list[dict]:
    """Monte-Carlo ``var G_A`` (stub model) against the large-``N`` theory, ``N1 = N2 = n``.

    Parameters of :data:`ANTISYMMETRY_MC` (in-plane Zeeman field along ``x``, ``M`` from the
    accuracy rule of :func:`chaoticdot.rmt.choose_M`).

    Returns
    -------
    list of dict
        Per channel number ``n``: ``n``, ``estimate`` (:class:`chaoticdot.rmt.Estimate` of
        ``var G_A`` in ``(e^2/h)^2`` from ``G(x)`` and ``G(-x)`` of the same realizations) and
        ``theory`` (:func:`antisymmetric_variance`).
    """
    p = ANTISYMMETRY_MC
    samples = p["samples_quick"] if quick else p["samples"]
    out = []
    for k, n in enumerate(p["channels"]):
        s = np.sqrt(2 * n / 8)
        kw = {"x_so": p["x_so"] * s, "zeeman_so": p["zeeman_so"] * s, "b": p["b"] * 2 * n / 8}
        x = p["x"] * s
        G = rmt.sample_conductance(
            n,
            n,
            x=np.array([x, -x]),
            samples=samples,
            seed=np.random.SeedSequence([p["seed"], k]),
            **kw,
        )
        estimate = rmt.variance((G[:, 0] - G[:, 1]) / 2)
        out.append(
            {"n": n, "estimate": estimate, "theory": antisymmetric_variance(n, n, x=x, **kw)}
        )
    return out


def device_parameters(*, angle_deg: float = 0.0, **device) -> dict:
    """Dimensionless parameters of a GaAs dot, ready for ``theory.*(**params)``.

    Parameters
    ----------
    angle_deg : float
        In-plane direction of ``B_par`` from the ``[110]`` axis (the ``x`` axis of paper
        Eq. 1), degrees.
    **device
        Fields of :class:`chaoticdot.units.Device` (e.g. ``area_um2``, ``lambda_x_um``,
        ``lambda_y_um``, ``lambda_s_um``, ``B_par_T``, ``B_perp_T``), except
        ``B_par_direction``.

    Returns
    -------
    dict
        ``Device.dimensionless()`` (``N1, N2, x, x_so, zeeman_so, a, b, nphi, kT``) plus
        ``b_direction``.
    """
    phi = np.deg2rad(angle_deg)
    dev = units.Device(B_par_direction=(np.cos(phi), np.sin(phi), 0.0), **device)
    params = dev.dimensionless(warn=False)
    if np.all(np.asarray(dev.B_par_T) == 0):
        # Zeeman field of B_perp alone: along z, with the sign of B_perp (a sweep through
        # zero changes the sign of b, not the direction)
        params["b"] = params["b"] * np.sign(dev.B_perp_T)
        params["b_direction"] = (0.0, 0.0, 1.0)
    else:
        params["b_direction"] = dev.b_direction
    return params
