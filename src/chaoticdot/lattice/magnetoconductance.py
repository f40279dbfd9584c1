"""Fits of lattice magnetoconductance curves to the random-matrix line shape, paper Eq. (13).

The lattice dot is not the paper's ideal chaotic dot: its contacts are not perfectly
transmitting, single-channel leads make ``N = 2`` far from the large-``N`` limit of Eq. (13),
and the conversion from flux to the dimensionless field ``x`` (paper, below Eq. (7)) depends on
the geometry. The fit therefore keeps the *shape* of Eq. (13) and frees what the lattice cannot
match:

    <G>(Phi) = G_inf + amplitude * dG_13(x = Phi / Phi_x; so_axes) / |dG_13(0; 0)|,

with ``dG_13`` the leading-order weak-localization correction for ``N1 = N2 = N_lead`` at zero
Zeeman field, ``N = 2 N_lead``, ``n_c = N + 2 x^2``:

    Eq. (13):   dG_13 = -(N1 N2 / N) [2/(n_c + 2a^2) + 1/(n_c + 4a^2) - 1/n_c]
    one axis:   dG_1  = -(N1 N2 / N) [2/(n_c + 2a^2)]

(the generalised cooperon of the book appendix "Singlet and triplets" with ``so_axes = (a, a, 0)``
and ``(0, a, 0)``;
both agree with :func:`chaoticdot.theory.wl_correction_general`, checked in the tests). The field
scale ``Phi_x`` and the amplitude are fitted on the curve without spin-orbit coupling and then
*shared* by the curves with spin-orbit coupling of the same dot, which leave only ``G_inf`` and
``a`` free. Parameter errors: delete-a-block jackknife over realisations.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import least_squares

from .._validation import (
    check_choice,
    check_finite,
    check_instance,
    check_nonnegative,
    check_positive_int,
    check_positive_scalar,
)

__all__ = ["LineShapeFit", "fit_line_shape", "line_shape"]

_AXES = {"eq13": lambda a: (a, a, 0.0), "one-axis": lambda a: (0.0, a, 0.0)}


def line_shape(flux, *, g_inf, amplitude, flux_scale, a, n_lead=1, kind="eq13"):
    """Model ``<G>(Phi)`` (e^2/h) of the module docstring.

    Parameters
    ----------
    flux : array_like
        Flux through the dot (h/e).
    g_inf, amplitude : float
        Conductance at broken time reversal, and depth of the dip without spin-orbit coupling
        (e^2/h).
    flux_scale : float
        ``Phi_x``: flux that corresponds to ``x = 1``.
    a : float
        Spin-orbit strength (``a^2 = 2 pi hbar / tau_so Delta``).
    n_lead : int
        Channels per lead (``N1 = N2``).
    kind : {"eq13", "one-axis"}
        Spin-orbit along two spin axes (paper Eq. (13)) or one.
    """
    check_choice(kind, "kind", tuple(_AXES))
    flux = check_finite(flux, "flux")
    g_inf = _scalar(g_inf, "g_inf", check_finite)
    amplitude = _scalar(amplitude, "amplitude", check_finite)
    flux_scale = check_positive_scalar(flux_scale, "flux_scale")
    a = _scalar(a, "a", check_nonnegative)
    n_lead = check_positive_int(n_lead, "n_lead")
    x = flux / flux_scale
    n = 2.0 * n_lead
    n_c = n + 2.0 * x**2
    with np.errstate(over="ignore"):
        a2 = np.float64(a) ** 2  # inf for huge a: the spin-orbit terms then vanish
    if kind == "eq13":
        cooperon = 2.0 / (n_c + 2 * a2) + 1.0 / (n_c + 4 * a2) - 1.0 / n_c
    else:
        cooperon = 2.0 / (n_c + 2 * a2)
    # normalised to the zero-field dip without spin-orbit coupling, (2/N)
    return g_inf - amplitude * cooperon / (2.0 / n)


def _scalar(value, name, check) -> float:
    arr = check(value, name)
    if arr.ndim:
        raise ValueError(f"{name} must be a scalar, got shape {arr.shape}")
    return float(arr)


@dataclass(frozen=True)
class LineShapeFit:
    """Fitted parameters (and jackknife errors) of :func:`line_shape`."""

    kind: str
    g_inf: float
    amplitude: float
    flux_scale: float
    a: float
    errors: dict
    chi2: float
    dof: int

    def __call__(self, flux, n_lead=1):
        return line_shape(
            flux,
            g_inf=self.g_inf,
            amplitude=self.amplitude,
            flux_scale=self.flux_scale,
            a=self.a,
            n_lead=n_lead,
            kind=self.kind,
        )


def _fit_once(flux, mean, err, kind, n_lead, shared, start):
    if shared is None:  # free: g_inf, amplitude, flux_scale (a = 0)

        def resid(p):
            return (
                line_shape(flux, g_inf=p[0], amplitude=p[1], flux_scale=p[2], a=0.0, n_lead=n_lead)
                - mean
            ) / err

        p0 = start if start is not None else [mean[-1], max(mean[-1] - mean[0], 1e-3), 0.5]
        sol = least_squares(resid, p0, bounds=([-np.inf, 0, 1e-3], [np.inf, np.inf, np.inf]))
        g, amp, scale = sol.x
        return dict(g_inf=g, amplitude=amp, flux_scale=scale, a=0.0), float(2 * sol.cost)
    amp, scale = shared

    def resid(p):
        return (
            line_shape(
                flux, g_inf=p[0], amplitude=amp, flux_scale=scale, a=p[1], n_lead=n_lead, kind=kind
            )
            - mean
        ) / err

    p0 = start if start is not None else [mean[-1], 0.5]
    sol = least_squares(resid, p0, bounds=([-np.inf, 0.0], [np.inf, 50.0]))
    return dict(g_inf=sol.x[0], amplitude=amp, flux_scale=scale, a=sol.x[1]), float(2 * sol.cost)


def fit_line_shape(
    flux, samples, *, kind="eq13", n_lead=1, shared=None, n_blocks: int = 16
) -> LineShapeFit:
    """Fit the mean of ``samples`` (``(n_realisations, n_flux)``, e^2/h) to :func:`line_shape`.

    Parameters
    ----------
    flux : array_like, shape (n_flux,)
        Fluxes (h/e).
    samples : array_like, shape (n, n_flux)
        Conductances per realisation.
    kind : {"eq13", "one-axis"}
        Line shape for the spin-orbit curves (ignored when ``shared`` is None).
    n_lead : int
        Channels per lead.
    shared : LineShapeFit, optional
        Fit of the same dot without spin-orbit coupling; its amplitude and field scale are kept.
        ``None``: fit ``g_inf``, amplitude and field scale with ``a = 0``.
    n_blocks : int
        Jackknife blocks.

    Returns
    -------
    LineShapeFit
        With ``chi2`` computed from the standard errors of the means (points treated as
        independent) and ``dof`` degrees of freedom.
    """
    flux = check_finite(flux, "flux")
    samples = check_finite(samples, "samples")
    if samples.ndim != 2 or samples.shape[1] != flux.size or samples.shape[0] < 2:
        raise ValueError("samples must have shape (n_realisations >= 2, len(flux))")
    check_choice(kind, "kind", tuple(_AXES))
    n_lead = check_positive_int(n_lead, "n_lead")
    n_blocks = check_positive_int(n_blocks, "n_blocks")
    if shared is not None:
        check_instance(shared, LineShapeFit, "shared")
    n = samples.shape[0]
    err = samples.std(axis=0, ddof=1) / np.sqrt(n)
    err = np.where(err > 0, err, np.max(err) if np.max(err) > 0 else 1.0)
    share = None if shared is None else (shared.amplitude, shared.flux_scale)
    best, chi2 = _fit_once(flux, samples.mean(axis=0), err, kind, n_lead, share, None)
    free = ["g_inf", "amplitude", "flux_scale"] if share is None else ["g_inf", "a"]
    start = [best[k] for k in free]
    blocks = np.array_split(np.arange(n), min(n_blocks, n))
    partial = []
    for b in blocks:
        rest = np.delete(samples, b, axis=0)
        p, _ = _fit_once(flux, rest.mean(axis=0), err, kind, n_lead, share, start)
        partial.append([p[k] for k in free])
    partial = np.array(partial)
    nb = len(blocks)
    errs = np.sqrt((nb - 1) / nb * np.sum((partial - partial.mean(axis=0)) ** 2, axis=0))
    return LineShapeFit(
        kind=kind,
        errors=dict(zip(free, errs, strict=True)),
        chi2=chi2,
        dof=int(flux.size - len(free)),
        **best,
    )
