"""Weak (anti)localization: the left panel of the paper's Fig. 2 and what surrounds it.

Figures
-------
``fig2-left``            <dG> versus x for a = 0, 0.3, 0.5, 1, inf (Eq. 13, N = 1 reading),
                         with stored Monte-Carlo points at N = 10 and 20.
``fig2-left-readings``   the same curves read with N = 1 (scaled) and with N = 2 (literal).
``wl-sign-change``       <dG>(x = 0) versus a^2/N and the sign map in the (a^2/N, x^2/N) plane.
``fig2-left-residuals``  Monte Carlo minus Eq. (13), split into finite-M and finite-N parts.

Units: ``<dG>`` in ``(e^2/h) N1 N2 / N^2`` as in the paper's Fig. 2; scaled variables
``xi = x / sqrt(N)``, ``alpha = a / sqrt(N)`` (see :mod:`chaoticdot.theory.scaled`).
"""

from __future__ import annotations

import numpy as np

from ..studies.fig2_mc import stored_scaled_mc
from ..tables import LongTable
from ..theory.scaled import (
    FIG2_ALPHAS,
    SIGN_CHANGE,
    XI_MAX,
    exact_scaled_wl_correction,
    literal_wl_correction,
    scaled_wl_correction,
)
from . import FigureResult, register
from ._fig2_style import (
    WL_UNIT_LABEL,
    alpha_colors,
    alpha_label,
    fig2_panel,
    residual_panels,
    table_block,
)

__all__ = [
    "fig2_left",
    "fig2_left_readings",
    "wl_sign_change",
    "fig2_left_residuals",
    "literal_wl_correction",
    "exact_scaled_wl_correction",
]


def _grid(quick: bool, stop: float = XI_MAX) -> np.ndarray:
    return np.linspace(0.0, stop, 61 if quick else 301)


@register("fig2-left", "Fig. 2 left: <dG> vs x for a = 0, 0.3, 0.5, 1, inf, Eq. (13) + MC")
def fig2_left(*, quick: bool = False, alphas=FIG2_ALPHAS) -> FigureResult:
    """The left panel of the paper's Fig. 2 with Monte-Carlo points (stored data).

    Curves: Eq. (13) in the scaled (``N = 1``) reading, ``<dG>`` in ``(e^2/h) N1 N2 / N^2``
    versus ``x / sqrt(N)`` for ``a / sqrt(N) = 0, 0.3, 0.5, 1, inf``. Points: the stored
    dataset ``fig2-mc`` (stub model, ``N1 = N2 = 5`` and ``10``, ``M = 8 N``), one standard
    error bars. ``quick`` only coarsens the analytic grid (the points are stored).

    ``alphas``: the scaled spin-orbit strengths ``a / sqrt(N)`` of the curves (``inf``
    allowed); Monte-Carlo points are drawn for those that are stored.
    """
    mc, _ = stored_scaled_mc()
    fig, ax, table = fig2_panel("dG", xi=_grid(quick), alphas=alphas, mc=mc)
    ax.axhline(0.0, color="0.6", lw=0.6)
    return FigureResult.laid_out(fig, table)


@register("fig2-left-readings", "Fig. 2 left read with N = 1 (scaled variables) and N = 2")
def fig2_left_readings(*, quick: bool = False, alphas=FIG2_ALPHAS) -> FigureResult:
    """The two readings of the paper's Fig. 2, left panel.

    The paper does not state ``N`` for its Fig. 2 (book appendix 'Derivations and
    conventions', section Defects of the paper text, item 4).

    Left: scaled variables (equivalently ``N = 1``), the book's convention. Right: Eq. (13)
    with ``N1 = N2 = 1`` (``N = 2``) and ``x``, ``a`` taken literally. Both in
    ``(e^2/h) N1 N2 / N^2``; the ``x = 0`` values are printed next to each curve.

    ``alphas``: the values of ``a`` of the curves (``a / sqrt(N)`` in the scaled reading).
    """
    import matplotlib.pyplot as plt

    x = _grid(quick)
    colors = alpha_colors(alphas)
    table = LongTable()
    fig, axes = plt.subplots(1, 2, figsize=(8.6, 4.0), sharey=True)
    readings = (
        (
            "N = 1 (scaled)",
            lambda xx, a: scaled_wl_correction(xx, a),
            r"$x/\sqrt{N}$",
            r"scaled: $a/\sqrt{N}$ and $x/\sqrt{N}$",
        ),
        (
            "N = 2 (literal)",
            lambda xx, a: literal_wl_correction(xx, a),
            r"$x$",
            r"literal $a$, $x$ with $N_1=N_2=1$",
        ),
    )
    for ax, (name, fn, xlabel, title) in zip(axes, readings, strict=True):
        for alpha, color in zip(alphas, colors, strict=True):
            value = fn(x, alpha)
            ax.plot(x, value, color=color, lw=1.8, label=alpha_label(alpha))
            ax.annotate(
                f"{value[0]:+.2f}",
                (0.0, value[0]),
                xytext=(4, 2),
                textcoords="offset points",
                fontsize=8,
                color=color,
            )
            table.add(**table_block(name, alpha, x, value))
        ax.axhline(0.0, color="0.6", lw=0.6)
        ax.set_xlim(0.0, XI_MAX)
        ax.set_xlabel(xlabel)
        ax.set_title(title, fontsize=10)
    axes[0].set_ylabel(WL_UNIT_LABEL)
    axes[1].legend(loc="lower right", fontsize=8.5, frameon=False)
    return FigureResult.laid_out(fig, table)


@register("wl-sign-change", "Sign change of <dG>: zero at a^2 = 0.809 (N + 2x^2)")
def wl_sign_change(*, quick: bool = False) -> FigureResult:
    """Where weak localization turns into antilocalization (Eq. 13, ``b = 0``).

    Left: ``<dG>(x = 0)`` versus ``a^2 / N`` with the zero at ``(1 + sqrt 5)/4 = 0.809``
    (book appendix 'Derivations and conventions', section Limiting values) and the paper's
    five values of ``a`` in both readings of Fig. 2. Right:
    ``<dG>`` in the plane ``(a^2/N, x^2/N)``; since Eq. (13) at ``b = 0`` depends on ``x`` only
    through ``N_C = N + 2x^2``, the zero line is ``a^2 = 0.809 (N + 2 x^2)``.
    """
    import matplotlib.pyplot as plt
    from matplotlib.colors import TwoSlopeNorm

    s = np.logspace(-2, 2, 81 if quick else 401)  # a^2 / N
    at_zero = scaled_wl_correction(0.0, np.sqrt(s))
    fig, (ax, ax2) = plt.subplots(1, 2, figsize=(9.0, 3.9))
    ax.semilogx(s, at_zero, color="black", lw=1.8, label="Eq. (13), $x=0$")
    ax.axhline(0.0, color="0.6", lw=0.6)
    ax.axvline(SIGN_CHANGE, color="tab:red", lw=1.0, ls="--")
    ax.annotate(
        r"$a^2 = \frac{1+\sqrt{5}}{4}N \approx 0.809\,N$",
        (SIGN_CHANGE, -1.9),
        xytext=(6, 0),
        textcoords="offset points",
        color="tab:red",
        fontsize=9,
    )
    colors = alpha_colors()
    for alpha, color in zip(FIG2_ALPHAS[1:-1], colors[1:-1], strict=True):
        for n_reading, marker in ((1, "o"), (2, "D")):
            s_point = alpha**2 / n_reading
            ax.plot(
                s_point,
                scaled_wl_correction(0.0, np.sqrt(s_point)),
                marker=marker,
                color=color,
                mfc=color if n_reading == 1 else "white",
                ms=6,
                ls="none",
            )
    ax.plot([], [], "ko", label=r"Fig. 2 values, $N=1$ reading")
    ax.plot([], [], "kD", mfc="white", label=r"Fig. 2 values, $N=2$ reading")
    ax.set_xlabel(r"$a^2/N$")
    ax.set_ylabel(r"$\langle\delta G\rangle(x=0)$  [$(e^2/h)\,N_1N_2/N^2$]")
    ax.legend(fontsize=8, loc="upper left", frameon=False)
    # sign map
    s2 = np.logspace(-2, 2, 61 if quick else 241)
    xi2 = np.linspace(0.0, 3.0, 51 if quick else 201)  # x^2 / N
    ss, xx = np.meshgrid(s2, xi2)
    value = scaled_wl_correction(np.sqrt(xx), np.sqrt(ss))
    mesh = ax2.pcolormesh(
        ss,
        xx,
        value,
        cmap="RdBu",
        norm=TwoSlopeNorm(0.0, -2.0, 1.0),
        shading="auto",
        rasterized=True,
    )
    ax2.contour(ss, xx, value, levels=[0.0], colors="black", linewidths=1.2)
    ax2.plot(
        SIGN_CHANGE * (1 + 2 * xi2),
        xi2,
        color="tab:red",
        ls="--",
        lw=1.0,
        label=r"$a^2 = 0.809\,(N+2x^2)$",
    )
    ax2.set_xscale("log")
    ax2.set_xlim(s2[0], s2[-1])
    ax2.set_xlabel(r"$a^2/N$")
    ax2.set_ylabel(r"$x^2/N$")
    ax2.text(0.03, 1.5, "weak localization\n" r"$\langle\delta G\rangle<0$", fontsize=9)
    ax2.text(8.0, 0.3, "anti-\nlocalization\n" r"$\langle\delta G\rangle>0$", fontsize=9)
    ax2.legend(fontsize=8, loc="upper right", frameon=True)
    fig.colorbar(mesh, ax=ax2, label=r"$\langle\delta G\rangle$  [$(e^2/h)\,N_1N_2/N^2$]")
    fig.tight_layout()
    table = {"a2_over_N": s, "dG_at_x0": at_zero}
    return FigureResult(fig, table)


@register(
    "fig2-left-residuals", "Monte Carlo minus Eq. (13): finite-M (stub kernel) and finite-N parts"
)
def fig2_left_residuals(*, quick: bool = False) -> FigureResult:
    """Deviation of the stored Monte Carlo from Eq. (13), one panel per value of ``a``.

    Points: Monte Carlo minus Eq. (13) at ``N = 10`` and ``20`` (``M = 8 N``). Dashed: the
    leading-order (Gaussian) result of the stub model at the same ``M`` minus Eq. (13), i.e.
    the part of the deviation caused by the finite stub size alone (the same for both ``N``,
    since ``M / N`` is fixed). What remains is the finite-``N`` correction. The finite-M
    reference is not available for ``a = inf`` (sampled from the circular symplectic ensemble).
    Stars at ``x = 0``: the exact finite-``N`` values of the circular orthogonal (``a = 0``) and
    symplectic (``a = inf``) ensembles, which the stub reproduces for any ``M``.
    """
    mc, _ = stored_scaled_mc()
    fig, table = residual_panels("dG", mc)
    return FigureResult(fig, table.columns())
