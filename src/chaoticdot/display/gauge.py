"""Figures of the chapter "The gauge argument" (paper Eqs. 1-3).

* ``gauge-spin-flux``: where the spin-orbit "flux" sits and which spin axis it rotates about,
  for uniform coupling, a straight gate edge and a gate with a corner.
* ``gauge-loop-phase``: the spin phase per orbit around the dot versus L/lambda, uniform
  coupling (second order, Eq. 2) against a gate (first order, Eq. 3).
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from . import FigureResult, register

__all__ = ["spin_flux_density", "fig_spin_flux", "fig_loop_phase", "GEOMETRIES"]

#: Geometries shown in the chapter: name -> (title, gate indicator as a function of (x, y)).
GEOMETRIES = ("uniform", "straight edge", "corner")


def spin_flux_density(geometry: str, n: int = 41, width: float = 0.03):
    """Abelian spin-flux density on an n x n grid over the dot ``|x|, |y| <= 1/2``.

    The gate edge is smoothed over ``width`` (a tanh step) so that the delta-function "flux"
    of :func:`chaoticdot.gauge.abelian_part` becomes a plottable ridge; the integral across the
    edge is unchanged. Lengths in units of the dot size L; the density
    :math:`\\vec c = (c_x, c_y, c_z)` of :math:`\\vec c\\cdot\\vec\\sigma` in units of
    :math:`1/(\\lambda_s L)`. The gate raises :math:`1/\\lambda` by :math:`1/\\lambda_s`.

    Returns
    -------
    x, y, cx, cy, cz : ndarray, shape (n, n)
    """
    import sympy as sp

    from .. import gauge

    if geometry not in GEOMETRIES:
        raise ValueError(f"geometry must be one of {GEOMETRIES}, got {geometry!r}")
    X, Y = gauge.X, gauge.Y
    w = sp.Float(width)

    def step(s):
        return (1 + sp.tanh(s / w)) / 2

    indicator = {
        "uniform": sp.Integer(0),
        "straight edge": step(X),
        "corner": step(X) * step(Y),
    }[geometry]
    # 1/lambda = 1/lambda_0 + gate / lambda_s with lambda_s = 1 (units 1/(lambda_s L)).
    lam0 = sp.Symbol("lambda_0", positive=True)
    ax, ay = gauge.vector_potential(1 / lam0 + indicator)
    comps = gauge.pauli_components(ay.diff(X) - ax.diff(Y))
    grid = np.linspace(-0.5, 0.5, n)
    xx, yy = np.meshgrid(grid, grid, indexing="xy")
    out = []
    for key in ("x", "y", "z"):
        f = sp.lambdify((X, Y), comps[key], "numpy")
        out.append(np.broadcast_to(np.asarray(f(xx, yy), dtype=float), xx.shape).copy())
    return (xx, yy, *out)


def _axes_label(geometry: str) -> str:
    """Spin axes of the Abelian part for the sharp-edged geometry (exact, from sympy)."""
    from .. import gauge

    profile = {
        "uniform": gauge.uniform_profile,
        "straight edge": gauge.straight_step_profile,
        "corner": gauge.corner_gate_profile,
    }[geometry]()
    content = gauge.spin_directions(gauge.abelian_part(*gauge.vector_potential(profile)))
    if content.rank == 0:
        return "no Abelian flux"
    names = ", ".join(rf"$\sigma_{a}$" for a in content.axes)
    return f"{names} (rank {content.rank})"


@register("gauge-spin-flux", "Abelian spin flux of the gate: uniform, straight edge, corner")
def fig_spin_flux(*, quick: bool = False) -> FigureResult:
    """Three panels: spin-flux density (colour) and its spin axis (arrows) in the dot."""
    n = 25 if quick else 61
    fig, axes = plt.subplots(1, 3, figsize=(10.5, 3.6), sharey=True, layout="constrained")
    cols = {k: [] for k in ("geometry", "x_over_L", "y_over_L", "c_x", "c_y", "c_z")}
    gate_patch = {
        "uniform": None,
        "straight edge": (0.0, -0.5, 0.5, 1.0),
        "corner": (0.0, 0.0, 0.5, 0.5),
    }
    image = None
    width = 0.03
    for ax, geometry in zip(axes, GEOMETRIES, strict=True):
        xx, yy, cx, cy, cz = spin_flux_density(geometry, n=n, width=width)
        mag = np.hypot(cx, cy)
        image = ax.imshow(
            mag,
            extent=(-0.5, 0.5, -0.5, 0.5),
            origin="lower",
            cmap="Blues",
            vmin=0.0,
            vmax=0.25 / width,
        )
        rect = gate_patch[geometry]
        if rect is not None:
            from matplotlib.patches import Rectangle

            ax.add_patch(
                Rectangle(rect[:2], rect[2], rect[3], fill=False, hatch="//", ec="0.45", lw=0.0)
            )
        # Arrows: direction of the spin axis (c_x, c_y) where the flux density is large.
        step = max(1, n // 10)
        sel = (slice(None, None, step), slice(None, None, step))
        big = mag[sel] > 0.2 * max(mag.max(), 1e-12)
        if big.any():
            u = np.where(big, cx[sel] / np.maximum(mag[sel], 1e-300), np.nan)
            v = np.where(big, cy[sel] / np.maximum(mag[sel], 1e-300), np.nan)
            ax.quiver(xx[sel], yy[sel], u, v, color="C3", scale=9, width=0.018, pivot="mid")
        else:
            ax.text(
                0.0,
                0.0,
                "Abelian part = 0\n(only $-\\sigma_z/2\\lambda^2$ remains,\nsecond order)",
                ha="center",
                va="center",
                fontsize=9,
            )
        ax.set_title(f"{geometry}: {_axes_label(geometry)}", fontsize=10)
        ax.set_xlabel("x / L")
        for key, arr in (("x_over_L", xx), ("y_over_L", yy), ("c_x", cx), ("c_y", cy)):
            cols[key].append(arr.ravel())
        cols["c_z"].append(cz.ravel())
        cols["geometry"].append(np.full(xx.size, geometry))
    axes[0].set_ylabel("y / L")
    fig.colorbar(image, ax=axes, shrink=0.85, label=r"$|\nabla(1/2\lambda)|$  [$1/(\lambda_s L)$]")
    table = {k: np.concatenate(v) for k, v in cols.items()}
    return FigureResult(figure=fig, table=table)


def loop_phases(l_over_lambda):
    """Spin phase (radians) picked up on one orbit around a dot of size L.

    Uniform coupling: the commutator flux :math:`L^2/2\\lambda^2` through the dot area (second
    order, from :func:`chaoticdot.gauge.spin_flux`). Straight gate edge across the dot with
    :math:`\\lambda_s=\\lambda`: the Abelian flux :math:`L/2\\lambda_s` (first order).
    """
    import sympy as sp

    from .. import gauge

    size, lam = sp.symbols("L lambda", positive=True)
    uniform_flux = gauge.spin_flux(
        gauge.commutator_part(*gauge.vector_potential(1 / lam)), size / 2
    )
    step = gauge.straight_step_profile(lam_bar=sp.Symbol("lambda_bar", positive=True), lam_s=lam)
    gate_flux = gauge.spin_flux(gauge.abelian_part(*gauge.vector_potential(step)), size / 2)
    ratio = sp.Symbol("r", positive=True)
    f_uniform = sp.lambdify(ratio, abs(uniform_flux["z"]).subs(size, ratio * lam), "numpy")
    f_gate = sp.lambdify(ratio, abs(gate_flux["x"]).subs(size, ratio * lam), "numpy")
    r = np.asarray(l_over_lambda, dtype=float)
    return f_uniform(r) * np.ones_like(r), f_gate(r) * np.ones_like(r)


@register("gauge-loop-phase", "spin phase per orbit versus L/lambda: uniform vs gate edge")
def fig_loop_phase(*, quick: bool = False) -> FigureResult:
    """Log-log plot of the phase per orbit and the implied tau_so / tau_erg (Eqs. 2-3)."""
    r = np.logspace(-2, 0, 20 if quick else 81)
    uniform, gate = loop_phases(r)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9.5, 3.8), layout="constrained")
    ax1.loglog(r, uniform, label=r"uniform $\lambda$: $L^2/2\lambda^2$")
    ax1.loglog(r, gate, label=r"gate edge, $\lambda_s=\lambda$: $L/2\lambda_s$")
    ax1.set_xlabel(r"$L/\lambda$")
    ax1.set_ylabel("spin phase per orbit (rad)")
    ax1.legend(fontsize=9)
    ax1.set_title("phase per orbit")
    # Random-walk estimate: phase variance grows by phi^2 per orbit (duration tau_erg).
    ax2.loglog(r, 1 / uniform**2, label=r"uniform: $\propto(\lambda/L)^4$, Eq. (2)")
    ax2.loglog(r, 1 / gate**2, label=r"gate: $\propto(\lambda_s/L)^2$, Eq. (3)")
    ax2.set_xlabel(r"$L/\lambda$")
    ax2.set_ylabel(r"$\tau_{so}/\tau_{erg}\sim 1/\phi^2$")
    ax2.legend(fontsize=9)
    ax2.set_title("orbits needed to randomise the spin")
    table = {
        "L_over_lambda": np.concatenate([r, r]),
        "case": np.array(["uniform"] * r.size + ["gate"] * r.size),
        "phase_per_orbit": np.concatenate([uniform, gate]),
        "tau_so_over_tau_erg": np.concatenate([1 / uniform**2, 1 / gate**2]),
    }
    return FigureResult(figure=fig, table=table)
