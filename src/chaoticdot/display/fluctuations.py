"""Conductance fluctuations: the right panel of the paper's Fig. 2 and the correlation functions.

Figures
-------
``fig2-right``            var G versus x for a = 0, 0.3, 0.5, 1, inf (Eq. 14, N = 1 reading),
                          with stored Monte-Carlo points at N = 10 and 20.
``fig2-right-residuals``  Monte Carlo minus Eq. (14), split into finite-M and finite-N parts.
``covariance-map``        cov[G(x1), G(x2)] in the (x1, x2) plane (Eq. 14).
``covariance-cuts``       cuts through the map with the stored Monte-Carlo covariances.
``energy-correlation``    cov[G(eps), G(eps + d eps)] versus d eps (Eq. 14), with a light
                          Monte-Carlo run done when the figure is built.

Units: ``var G`` and covariances in ``(e^2/h)^2 (N1 N2 / N^2)^2`` (the paper's Fig. 2);
scaled variables ``xi = x / sqrt(N)``, ``alpha = a / sqrt(N)``, ``epsilon = de / N`` with
``de = 2 pi (eps - eps') / Delta`` (see :mod:`chaoticdot.theory.scaled`).
"""

from __future__ import annotations

import numpy as np

from ..studies.fig2_mc import stored_scaled_mc
from ..studies.fluctuations import ENERGY_MC, energy_correlation_mc
from ..tables import LongTable
from ..theory.scaled import (
    FIG2_ALPHAS,
    XI_MAX,
    exact_scaled_variance,
    scaled_covariance,
)
from . import FigureResult, register
from ._fig2_style import alpha_colors, alpha_label, fig2_panel, residual_panels, table_block

__all__ = [
    "ENERGY_MC",
    "fig2_right",
    "fig2_right_residuals",
    "covariance_map",
    "covariance_cuts",
    "energy_correlation_mc",
    "energy_correlation",
    "exact_scaled_variance",
]


@register("fig2-right", "Fig. 2 right: var G vs x for a = 0, 0.3, 0.5, 1, inf, Eq. (14) + MC")
def fig2_right(*, quick: bool = False, alphas=FIG2_ALPHAS) -> FigureResult:
    """The right panel of the paper's Fig. 2 with Monte-Carlo points (stored data).

    Curves: Eq. (14) at equal arguments in the scaled (``N = 1``) reading, ``var G`` in
    ``(e^2/h)^2 (N1 N2 / N^2)^2`` versus ``x / sqrt(N)``. Points: dataset ``fig2-mc``
    (``N1 = N2 = 5`` and ``10``, ``M = 8 N``) with one standard error bars, drawn for the
    values of ``alphas`` that are stored.

    ``alphas``: the scaled spin-orbit strengths ``a / sqrt(N)`` of the curves (``inf`` allowed).
    """
    mc, _ = stored_scaled_mc()
    xi = np.linspace(0.0, XI_MAX, 61 if quick else 301)
    fig, ax, table = fig2_panel("var", xi=xi, alphas=alphas, mc=mc)
    ax.set_ylim(0.0, 8.6)
    return FigureResult.laid_out(fig, table)


@register(
    "fig2-right-residuals",
    "Monte Carlo minus Eq. (14) for var G: finite-M (stub kernel) and finite-N parts",
)
def fig2_right_residuals(*, quick: bool = False) -> FigureResult:
    """Relative deviation of the stored Monte-Carlo ``var G`` from Eq. (14), per value of ``a``.

    Points: ``(MC - Eq. 14) / Eq. 14`` at ``N = 10`` and ``20``. Dashed: the same for the
    leading-order stub kernel at ``M = 8 N`` (finite-``M`` part alone). Stars at ``x = 0``: the
    exact finite-``N`` circular-ensemble values (COE for ``a = 0``, CSE for ``a = inf``), which
    the stub reproduces for any ``M``.
    """
    mc, _ = stored_scaled_mc()
    fig, table = residual_panels("var", mc)
    return FigureResult(fig, table.columns())


@register("covariance-map", "cov[G(x1), G(x2)] in the (x1, x2) plane for a = 0, 0.5, inf")
def covariance_map(*, quick: bool = False, alphas=(0.0, 0.5, np.inf)) -> FigureResult:
    """Eq. (14) as a map over two perpendicular fields, one panel per spin-orbit strength.

    The diffuson term depends on ``x1 - x2`` and the cooperon term on ``x1 + x2``
    (Eqs. 11-12), so the map has two ridges, along ``x1 = x2`` and ``x1 = -x2``. Units
    ``(e^2/h)^2 (N1 N2 / N^2)^2``, scaled fields ``x / sqrt(N)``.

    ``alphas``: the scaled spin-orbit strengths ``a / sqrt(N)`` of the panels (``inf`` allowed).
    """
    import matplotlib.pyplot as plt

    xi = np.linspace(-2.5, 2.5, 41 if quick else 161)
    x1, x2 = np.meshgrid(xi, xi, indexing="ij")
    fig, axes = plt.subplots(1, len(alphas), figsize=(11.0, 3.7), sharey=True, squeeze=False)
    axes = axes[0]
    table = {"alpha": [], "xi1": [], "xi2": [], "cov": []}
    mesh = None
    for ax, alpha in zip(axes, alphas, strict=True):
        cov = scaled_covariance(x1, x2, alpha)
        mesh = ax.pcolormesh(
            x1, x2, cov, cmap="magma", vmin=0.0, vmax=8.0, shading="auto", rasterized=True
        )
        ax.contour(x1, x2, cov, levels=[0.5, 1, 2, 4], colors="white", linewidths=0.5)
        ax.set_aspect("equal")
        ax.set_title(alpha_label(alpha, r"a/\sqrt{N}"), fontsize=10)
        ax.set_xlabel(r"$x_1/\sqrt{N}$")
        for key, val in (
            ("alpha", np.full(cov.size, alpha)),
            ("xi1", x1.ravel()),
            ("xi2", x2.ravel()),
            ("cov", cov.ravel()),
        ):
            table[key].append(val)
    axes[0].set_ylabel(r"$x_2/\sqrt{N}$")
    fig.colorbar(
        mesh, ax=axes, label=r"cov$[G(x_1),G(x_2)]$  [$(e^2/h)^2(N_1N_2/N^2)^2$]", shrink=0.9
    )
    return FigureResult(fig, {k: np.concatenate(v) for k, v in table.items()})


@register("covariance-cuts", "cov[G(x1), G(x2)] vs x2 at x1 = 0 and 1, Eq. (14) + stored MC")
def covariance_cuts(*, quick: bool = False, x1_over_sqrtN=(0.0, 1.0)) -> FigureResult:
    """Cuts through the covariance map with the stored Monte-Carlo covariances.

    ``cov[G(x1), G(x2)]`` versus ``x2``, one panel per value of ``x1_over_sqrtN``
    (``x1 / sqrt(N)``, taken at the nearest stored grid point; default ``0`` and ``1``), all
    five values of ``a``; points: dataset ``fig2-mc`` at ``N = 20`` (one standard error).
    Because ``G(x) = G(-x)`` at zero Zeeman field, only ``x2 >= 0`` is shown.
    """
    import matplotlib.pyplot as plt

    mc, _ = stored_scaled_mc()
    colors = alpha_colors()
    xi_mc = mc["xi"]
    c = len(mc["N"]) - 1  # the largest channel number
    xi = np.linspace(0.0, float(xi_mc[-1]), 41 if quick else 201)
    table = LongTable()
    fig, axes = plt.subplots(1, len(x1_over_sqrtN), figsize=(9.0, 3.8), sharey=True, squeeze=False)
    axes = axes[0]
    for ax, target in zip(axes, x1_over_sqrtN, strict=True):
        j = int(np.argmin(np.abs(xi_mc - target)))  # the stored grid point nearest to target
        xi1 = float(xi_mc[j])
        for i, (alpha, color) in enumerate(zip(mc["alpha"], colors, strict=True)):
            curve = scaled_covariance(xi1, xi, alpha)
            ax.plot(xi, curve, color=color, lw=1.6, label=alpha_label(alpha))
            table.add(**table_block(f"Eq. 14 xi1={xi1:g}", alpha, xi, curve))
            ax.errorbar(
                xi_mc,
                mc["cov"][c, i, j],
                yerr=mc["cov_err"][c, i, j],
                ls="none",
                marker="o",
                ms=3.5,
                color=color,
                capsize=1.5,
                lw=0.8,
            )
            table.add(
                **table_block(
                    f"MC N={mc['N'][c]:g} xi1={xi1:g}",
                    alpha,
                    xi_mc,
                    mc["cov"][c, i, j],
                    mc["cov_err"][c, i, j],
                )
            )
        ax.axvline(xi1, color="0.6", lw=0.6, ls=":")
        ax.set_xlabel(r"$x_2/\sqrt{N}$")
        ax.set_title(rf"$x_1/\sqrt{{N}} = {xi1:g}$", fontsize=10)
    axes[0].set_ylabel(r"cov$[G(x_1),G(x_2)]$  [$(e^2/h)^2(N_1N_2/N^2)^2$]")
    axes[-1].legend(
        fontsize=8, frameon=False, title=f"points: MC, $N={mc['N'][c]:g}$", title_fontsize=8
    )
    return FigureResult.laid_out(fig, table)


@register(
    "energy-correlation",
    "cov[G(eps), G(eps + de)] vs de for the Fig. 2 values of a, Eq. (14) + light MC",
)
def energy_correlation(
    *,
    quick: bool = False,
    alphas=FIG2_ALPHAS,
    N1: int = ENERGY_MC["N1"],
    M: int = ENERGY_MC["M"],
) -> FigureResult:
    """Energy correlation function of the conductance at ``x = b = 0`` (Eq. 14 with ``de``).

    Left: ``cov[G(eps), G(eps')]`` versus ``de / N`` for the values of ``a`` of Fig. 2,
    with a light Monte-Carlo run (``N1 = N2``, stub size ``M``, ``a = 0`` and ``inf``) made
    when the figure is built and the exact finite-N variances (COE, CSE) at ``de = 0``
    (stars). Right: the same normalised by the variance; for ``a = 0`` and ``a = inf`` it is
    the Lorentzian ``1 / (1 + epsilon^2)``, in between the triplet terms (width ``N + 2a^2``)
    make it decay more slowly.

    ``alphas``: scaled spin-orbit strengths ``a / sqrt(N)`` of the curves (``inf`` allowed;
    the Monte Carlo is drawn for those of 0 and ``inf`` that are among them). ``N1``: channels
    per lead of the Monte Carlo (``N1 = N2``); ``M``: its stub size.
    """
    import matplotlib.pyplot as plt

    alphas = tuple(alphas)
    eps = np.linspace(0.0, 4.0, 81 if quick else 301)
    colors = alpha_colors(alphas)
    table = LongTable()
    fig, (ax, ax2) = plt.subplots(1, 2, figsize=(9.6, 3.9))
    for alpha, color in zip(alphas, colors, strict=True):
        cov = scaled_covariance(0.0, 0.0, alpha, epsilon=eps)
        ax.plot(eps, cov, color=color, lw=1.7, label=alpha_label(alpha))
        ax2.plot(eps, cov / cov[0], color=color, lw=1.7)
        table.add(**table_block("Eq. 14", alpha, eps, cov))
    ax2.plot(
        eps, 1.0 / (1.0 + eps**2), color="black", ls=":", lw=1.2, label=r"$1/(1+\varepsilon^2)$"
    )
    samples = ENERGY_MC["quick_samples"] if quick else ENERGY_MC["samples"]
    mc_alphas = tuple(a for a in ENERGY_MC["alphas"] if a in alphas)
    mc_run = {"samples": samples, "N1": N1, "M": M, "alphas": mc_alphas}
    value, err = energy_correlation_mc(**mc_run) if mc_alphas else ((), ())
    n_total = 2 * N1
    for i, alpha in enumerate(mc_alphas):
        color = colors[alphas.index(alpha)]
        ax.errorbar(
            ENERGY_MC["epsilon"],
            value[i],
            yerr=err[i],
            ls="none",
            marker="s",
            ms=4,
            mfc="white",
            mec=color,
            color=color,
            capsize=1.5,
            lw=0.9,
        )
        table.add(
            **table_block(f"Monte Carlo N={n_total}", alpha, ENERGY_MC["epsilon"], value[i], err[i])
        )
        ensemble = "COE" if alpha == 0.0 else "CSE"
        exact = exact_scaled_variance(N1, N1, ensemble)
        ax.plot(0.0, exact, marker="*", ms=10, color="tab:red", ls="none")
        table.add(**table_block(f"exact {ensemble} N={n_total}", alpha, [0.0], [exact]))
    if mc_alphas:  # legend entries of the points
        ax.plot([], [], "ks", mfc="white", label=f"Monte Carlo, $N={n_total}$ ({samples} samples)")
        ax.plot([], [], "*", color="tab:red", ms=10, label=f"exact variance, $N={n_total}$")
    ax.set_xlabel(r"$\varepsilon = 2\pi(\varepsilon_F-\varepsilon_F')/(N\Delta)$")
    ax.set_ylabel(r"cov$[G(\varepsilon_F),G(\varepsilon_F')]$  [$(e^2/h)^2(N_1N_2/N^2)^2$]")
    ax.legend(fontsize=8, frameon=False)
    ax2.set_xlabel(r"$\varepsilon = 2\pi(\varepsilon_F-\varepsilon_F')/(N\Delta)$")
    ax2.set_ylabel("correlation coefficient")
    ax2.legend(fontsize=8, frameon=False)
    return FigureResult.laid_out(fig, table)
