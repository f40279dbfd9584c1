"""Weak localization with a spin flux: the displaced dip of uniform coupling, and its GLS fit.

Weak-localization correction. Uniform spin-orbit coupling acts at leading order as a
perpendicular field ``+-B_so`` for ``sigma_z = +-1`` (Aleiner & Fal'ko, PRL 87, 256801
(2001)); in the random-matrix model it is the term ``x_so sigma_z X`` that shares the
orbital matrix ``X`` of the field (book appendix, perturbation model). In-plane spin-orbit
terms ``a_x sigma_x A_1 + a_y sigma_y A_2`` with their own matrices add a symplectic rate.
The cooperon of the book's general route,

    C^-1 = N + sum_g [(T_g^2 (x) 1 + 1 (x) T_g^2)/2 - s_g T_g (x) T_g],
    <dG> = -(N1 N2 / N) Tr[C P_swap],

with the groups ``T = x + x_so sigma_z`` (s = -1), ``a_x sigma_x`` and ``a_y sigma_y`` (s = -1),
evaluated by :func:`chaoticdot.theory.wl_correction_general` (``so_axes = (a_x, a_y, 0)``), is
block diagonal in the two-spin basis: ``{|up up>, |dn dn>}`` with diagonal ``d_+-`` and
off-diagonal ``a_x^2 - a_y^2``, and ``{|up dn>, |dn up>}`` with diagonal ``N_C + a_x^2 + a_y^2``
and off-diagonal ``a_x^2 + a_y^2``. Hence, in units of e^2/h,

    <dG> = -(N1 N2/N) [ (d_+ + d_-) / (d_+ d_- - (a_x^2 - a_y^2)^2)
                        + 1/(N_C + 2 a_x^2 + 2 a_y^2) - 1/N_C ],
    d_+- = N + 2 (x +- x_so)^2 + a_x^2 + a_y^2,    N_C = N + 2 x^2 .

Limits: ``x_so = 0, a_x = a_y = a`` is paper Eq. (13); ``a_x = a_y = 0`` gives the two shifted
dips ``1/(N + 2(x + x_so)^2) + 1/(N + 2(x - x_so)^2)``; ``x_so = 0, a_x = 0`` the one-axis
correction ``2/(N_C + 2 a_y^2)`` (book chapter "The cooperon").

Lattice line shape. The lattice dot has finite ``N``, imperfect contacts and a geometry-dependent
flux-to-``x`` conversion, so ``x = kappa Phi`` and ``x_so = kappa Phi_so`` (flux ``Phi`` in
h/e) and the dip depth ``A`` are free:

    <G>(Phi) = G_cl + A <dG>(kappa Phi, kappa Phi_so, a_x, a_y) / |<dG>(0, 0, 0, 0)| .

Fit. Generalised least squares with the covariance of the fitted points estimated from the
realisations (points of one realisation at different fluxes and couplings are correlated). The
inverse of an estimated covariance is biased; it is multiplied by ``(n - p - 2)/(n - 1)`` for
``n`` realisations and ``p`` points (Hartlap, Simon & Schneider, A&A 464, 399 (2007)), so that
``chi^2`` has mean ``dof`` for a correct model.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import least_squares

from .. import theory
from .._validation import (
    as_scalar,
    check_choice,
    check_finite,
    check_nonnegative,
    check_positive_int,
    check_positive_scalar,
    real_array,
)

#: Magnitude beyond which x is clipped (the correction is then ~1/_HUGE^2 of its scale and
#: x -+ x_so keeps its sign for every spin flux the theory accepts, |x_so| <= 1e4).
_HUGE = 1e8

__all__ = [
    "displaced_dip",
    "DisplacedDipFit",
    "fit_displaced_dip",
]


def _wl(n_lead, x, x_so, a_x, a_y):
    """``<dG>`` (e^2/h) of the module docstring, from the theory's general cooperon route."""
    return theory.wl_correction_general(n_lead, n_lead, x=x, x_so=x_so, so_axes=(a_x, a_y, 0.0))


def displaced_dip(flux, *, g_cl, depth, kappa, spin_flux=0.0, a_x=0.0, a_y=0.0, n_lead=1):
    """Lattice line shape ``<G>(Phi)`` (e^2/h) of the module docstring.

    Parameters
    ----------
    flux : array_like
        Flux ``Phi`` through the dot (h/e).
    g_cl : float
        Classical conductance (large-flux limit, e^2/h).
    depth : float
        Depth ``A`` of the zero-field dip without spin-orbit coupling (e^2/h).
    kappa : float
        ``x / Phi`` (per h/e), > 0.
    spin_flux : float
        ``Phi_so`` (h/e).
    a_x, a_y : float
        In-plane spin-orbit strengths (>= 0).
    n_lead : int
        Orbital channels per lead (``N1 = N2``).
    """
    flux = check_finite(flux, "flux")
    n_lead = check_positive_int(n_lead, "n_lead")
    g_cl = as_scalar(check_finite(g_cl, "g_cl"), "g_cl")
    depth = as_scalar(check_finite(depth, "depth"), "depth")
    kappa = check_positive_scalar(kappa, "kappa")
    spin_flux = as_scalar(check_finite(spin_flux, "spin_flux"), "spin_flux")
    a_x = as_scalar(check_nonnegative(a_x, "a_x"), "a_x")
    a_y = as_scalar(check_nonnegative(a_y, "a_y"), "a_y")
    ref = abs(_wl(n_lead, 0.0, 0.0, 0.0, 0.0))
    with np.errstate(over="ignore"):  # kappa * huge flux -> inf is clipped downstream
        x = np.clip(kappa * flux, -_HUGE, _HUGE)
        x_so = kappa * spin_flux
    if not abs(x_so) <= 1e4:
        raise ValueError(
            f"kappa * spin_flux must lie in [-1e4, 1e4] (the spin flux x_so), got kappa = "
            f"{kappa!r}, spin_flux = {spin_flux!r}"
        )
    shape = _wl(n_lead, x, x_so, a_x, a_y)
    return g_cl + depth * shape / ref


@dataclass(frozen=True)
class DisplacedDipFit:
    """Result of :func:`fit_displaced_dip`.

    Attributes
    ----------
    names : tuple of str
        Parameter names: ``g_cl, depth, kappa`` (shared), then ``spin_flux_k`` and, if fitted,
        ``a2_k`` (``a^2`` of the in-plane term) for every curve ``k``.
    values, errors : ndarray
        Best values and standard errors (from the GLS curvature matrix).
    covariance : ndarray
        Parameter covariance.
    chi2 : float
        GLS ``chi^2`` with the bias-corrected inverse covariance.
    dof : int
        Points minus parameters.
    n_samples : int
        Realisations behind the covariance estimate.
    """

    names: tuple
    values: np.ndarray
    errors: np.ndarray
    covariance: np.ndarray
    chi2: float
    dof: int
    n_samples: int

    def __getitem__(self, name: str) -> tuple[float, float]:
        """``(value, standard error)`` of parameter ``name``."""
        k = self.names.index(name)
        return float(self.values[k]), float(self.errors[k])


def _curve_model(flux, p, k, rate, n_lead):
    g_cl, depth, kappa = p[:3]
    per = 2 if rate else 1
    phi_so = p[3 + per * k]
    a2 = p[4 + per * k] if rate else 0.0
    a = np.sqrt(max(a2, 0.0))
    a_x = a if rate == "two-axis" else 0.0
    a_y = a if rate else 0.0
    return displaced_dip(
        flux,
        g_cl=g_cl,
        depth=depth,
        kappa=kappa,
        spin_flux=phi_so,
        a_x=a_x,
        a_y=a_y,
        n_lead=n_lead,
    )


def fit_displaced_dip(
    flux, reference, curves, *, n_lead=1, rate=None, start_spin_flux=None
) -> DisplacedDipFit:
    """Joint GLS fit of a reference curve (no spin-orbit) and curves with spin-orbit coupling.

    Parameters
    ----------
    flux : array_like, shape (F,)
        Fluxes (h/e).
    reference : array_like, shape (n, F)
        Conductances (e^2/h) per realisation without spin-orbit coupling.
    curves : array_like, shape (n, K, F)
        Conductances of the same realisations for ``K`` couplings.
    n_lead : int
        Orbital channels per lead.
    rate : {None, "one-axis", "two-axis"}
        In-plane symplectic term per curve: none, ``a_y`` only, or ``a_x = a_y = a``; its
        strength is fitted as ``a^2 >= 0``.
    start_spin_flux : array_like of K floats, optional
        Starting values of ``Phi_so`` (e.g. the leading-order predictions).

    Returns
    -------
    DisplacedDipFit
        Shared ``g_cl, depth, kappa``; ``spin_flux_k`` (>= 0: the sign is not measurable) and
        ``a2_k`` per curve.
    """
    flux = check_finite(flux, "flux")
    ref = check_finite(reference, "reference")
    cur = check_finite(curves, "curves")
    n_lead = check_positive_int(n_lead, "n_lead")
    if rate is not None:
        check_choice(rate, "rate", ("one-axis", "two-axis"))
    if flux.ndim != 1 or ref.ndim != 2 or ref.shape[1] != flux.size or ref.shape[0] < 3:
        raise ValueError("reference must have shape (n_realisations >= 3, len(flux))")
    if cur.ndim != 3 or cur.shape[0] != ref.shape[0] or cur.shape[2] != flux.size:
        raise ValueError("curves must have shape (n_realisations, n_curves, len(flux))")
    n, k_curves = ref.shape[0], cur.shape[1]
    data = np.concatenate([ref, cur.reshape(n, -1)], axis=1)  # (n, p)
    p_points = data.shape[1]
    if n - p_points - 2 <= 0:
        raise ValueError(
            f"need more realisations than fitted points + 2 for the covariance, got n = {n}, "
            f"points = {p_points}"
        )
    with np.errstate(over="ignore", invalid="ignore"):
        mean = data.mean(axis=0)
        cov = np.cov(data, rowvar=False) / n
    try:
        if not np.all(np.isfinite(cov)):
            raise np.linalg.LinAlgError
        weight = np.linalg.inv(cov) * (n - p_points - 2) / (n - 1)
        chol = np.linalg.cholesky(weight)  # weight = chol chol^T
    except np.linalg.LinAlgError:
        raise ValueError(
            "reference and curves must have a finite, positive-definite covariance over the "
            "realisations (values of order e^2/h that vary between realisations)"
        ) from None

    def model(p):
        parts = [
            displaced_dip(flux, g_cl=p[0], depth=p[1], kappa=p[2], spin_flux=0.0, n_lead=n_lead)
        ]
        parts += [_curve_model(flux, p, k, rate, n_lead) for k in range(k_curves)]
        return np.concatenate(parts)

    def resid(p):
        return chol.T @ (model(p) - mean)

    # start: classical value from the largest flux, depth from the reference dip
    g0 = float(mean[flux.size - 1])
    depth0 = max(g0 - float(mean[0]), 1e-3)
    starts = (
        np.full(k_curves, 0.5)
        if start_spin_flux is None
        else real_array(start_spin_flux, "start_spin_flux", "K real numbers")
    )
    if starts.shape != (k_curves,):
        raise ValueError(f"start_spin_flux must have {k_curves} entries, got {starts.shape}")
    # kappa <= 100 per h/e and Phi_so <= 100 h/e: far beyond any lattice dot, and the spin
    # flux kappa Phi_so stays in the range of the theory
    p0, lo, hi = [g0, depth0, 1.0], [-np.inf, 0.0, 1e-6], [np.inf, np.inf, 100.0]
    names = ["g_cl", "depth", "kappa"]
    for k in range(k_curves):
        p0.append(abs(float(starts[k])))
        lo.append(0.0)
        hi.append(100.0)
        names.append(f"spin_flux_{k}")
        if rate:
            p0.append(0.1)
            lo.append(0.0)
            hi.append(np.inf)
            names.append(f"a2_{k}")
    sol = least_squares(resid, p0, bounds=(lo, hi), x_scale="jac")
    jac = sol.jac
    pcov = np.linalg.pinv(jac.T @ jac)
    return DisplacedDipFit(
        names=tuple(names),
        values=sol.x,
        errors=np.sqrt(np.clip(np.diag(pcov), 0.0, None)),
        covariance=pcov,
        chi2=float(2.0 * sol.cost),
        dof=int(p_points - len(names)),
        n_samples=n,
    )
