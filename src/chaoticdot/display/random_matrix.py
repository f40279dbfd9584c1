"""Figures of the chapter "The random-matrix construction" (paper Eqs. 4-7).

* ``rmt-stub-schematic``: the stub model of Eq. (5) as a picture.
* ``rmt-histograms``: distribution of G from the stub Monte Carlo for one-channel contacts in
  the COE, CUE and CSE limits, against the exact circular-ensemble distributions.
* ``rmt-convergence``: what "M -> infinity" means: the finite-M Gaussian kernel against
  Eq. (13), and Monte-Carlo <G> versus a^2 at fixed M (the strong spin-orbit limit needs
  N << a^2 << M).
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from .. import rmt, theory
from ..rmt.kernels import finite_m_cooperon_variance
from ..rmt.stub import StubPoint
from ..studies.random_matrix import (
    DEFAULT_M,
    ENSEMBLE_LIMITS,
    ensemble_samples,
    kernel_convergence,
    limit_parameters,
    saturation_scan,
    stub_terms,
    time_reversal_parities,
)
from ..theory.single_channel import exact_density
from . import FigureResult, register

__all__ = [
    "ENSEMBLE_LIMITS",
    "DEFAULT_M",
    "limit_parameters",
    "exact_density",
    "stub_terms",
    "time_reversal_parities",
    "ensemble_samples",
    "kernel_convergence",
    "saturation_scan",
    "fig_stub_schematic",
    "fig_histograms",
    "fig_convergence",
]


@register("rmt-stub-schematic", "the stub model of Eq. (5) drawn as a circuit")
def fig_stub_schematic(*, quick: bool = False) -> FigureResult:
    """Boxes and lines: leads (N channels) -> U (M x M, COE) <-> stub R (M - N channels)."""
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

    fig, ax = plt.subplots(figsize=(8.0, 3.2), layout="constrained")
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 4)
    ax.axis("off")
    ax.add_patch(
        FancyBboxPatch((3.6, 0.8), 2.2, 2.4, boxstyle="round,pad=0.05", fc="#dbe8f5", ec="k")
    )
    ax.text(4.7, 2.35, "$U$", ha="center", fontsize=18)
    ax.text(
        4.7, 1.45, "$M\\times M$\nCOE (chaotic\nscattering)", ha="center", va="center", fontsize=8
    )
    ax.add_patch(
        FancyBboxPatch((7.4, 0.8), 1.8, 2.4, boxstyle="round,pad=0.05", fc="#f5e3db", ec="k")
    )
    ax.text(8.3, 2.35, "$R$", ha="center", fontsize=18)
    ax.text(
        8.3,
        1.45,
        "stub: $e^{2\\pi i(\\varepsilon - H')/M\\Delta}$\n$H'$: fields,\nspin-orbit",
        ha="center",
        va="center",
        fontsize=8,
    )
    for y, lab in ((2.7, "lead 1: $N_1$"), (1.3, "lead 2: $N_2$")):
        ax.add_patch(FancyArrowPatch((0.6, y), (3.55, y), arrowstyle="<->", mutation_scale=12))
        ax.text(0.5, y + 0.18, lab, fontsize=9)
    for y in (1.4, 2.0, 2.6):
        ax.add_patch(FancyArrowPatch((5.85, y), (7.35, y), arrowstyle="<->", mutation_scale=12))
    ax.text(6.6, 3.0, "$M-N$ closed\nchannels ($Q$)", ha="center", fontsize=8)
    ax.text(2.1, 3.35, "$N$ open channels ($P$)", ha="center", fontsize=8)
    ax.text(
        5.0, 0.25, r"$S = PU(1-Q^\dagger RQU)^{-1}P^\dagger$  (Eq. 5)", ha="center", fontsize=11
    )
    ax.set_title("the stub model")
    # The blocks of Eq. (5) and their sizes, as data (M and N symbolic: sizes as text).
    table = {
        "block": np.array(["P", "U", "Q", "R"]),
        "rows": np.array(["N", "M", "M - N", "M - N"]),
        "columns": np.array(["M", "M", "M", "M - N"]),
        "meaning": np.array(
            [
                "projector on lead channels",
                "COE scattering matrix of the dot",
                "projector on stub channels",
                "one passage through the stub (Eq. 6)",
            ]
        ),
    }
    return FigureResult(figure=fig, table=table)


@register("rmt-histograms", "distribution of G, one-channel leads: COE, CUE, CSE vs exact")
def fig_histograms(*, quick: bool = False, M: int | None = None) -> FigureResult:
    """Histograms of the stub-model G against the exact P(G) of the circular ensembles.

    ``M``: stub size of all three panels; ``None`` takes :data:`DEFAULT_M` (COE and CSE are
    exact for every ``M``; the CUE keeps a finite-M cooperon remainder ``~ 2 (N1 N2/N) / M``).
    """
    samples = 300 if quick else 4000
    fig, axes = plt.subplots(1, 3, figsize=(10.5, 3.4), sharey=True, layout="constrained")
    edges = np.linspace(0.0, 2.0, 21)
    centers = 0.5 * (edges[1:] + edges[:-1])
    fine = np.linspace(1e-3, 2.0, 300)
    keys = (
        "ensemble",
        "G_center",
        "density",
        "exact_density",
        "M",
        "mc_mean",
        "mc_mean_err",
        "mc_var",
        "mc_var_err",
        "exact_mean",
        "exact_var",
        "finite_M_allowance",
        "finite_M_var_allowance",
    )
    cols = {k: [] for k in keys}
    for ax, (name, beta) in zip(axes, ENSEMBLE_LIMITS.items(), strict=True):
        params = limit_parameters(name, M)
        g = ensemble_samples(name, samples=samples, M=M, seed=11 + beta)
        dens, _ = np.histogram(g, bins=edges, density=True)
        ax.stairs(dens, edges, fill=True, alpha=0.45, label=f"stub MC ({samples} samples)")
        ax.plot(fine, exact_density(fine, beta), "k-", label=rf"exact, $\beta={beta}$")
        mean_exact, var_exact = theory.exact_conductance_stats(1, 1, name)
        m, v = rmt.mean(g), rmt.variance(g)
        # Unitary limit: the finite-M cooperon remainder (leading order, exact for this R).
        allowance, var_allowance = 0.0, 0.0
        if "x" in params:
            allowance = abs(rmt.finite_m_wl_correction(1, 1, x=params["x"], M=params["M"]))
            var_allowance = finite_m_cooperon_variance(1, 1, StubPoint(x=params["x"]), params["M"])
        ax.set_title(
            f"{name} (M = {params['M']}): <G> = {m.value:.3f}({1000 * m.error:.0f}), "
            f"exact {mean_exact:.3f}",
            fontsize=9,
        )
        ax.set_xlabel(r"$G$ ($e^2/h$)")
        ax.set_ylim(0, 2.2)
        per_bin = {
            "ensemble": name,
            "M": params["M"],
            "mc_mean": m.value,
            "mc_mean_err": m.error,
            "mc_var": v.value,
            "mc_var_err": v.error,
            "exact_mean": mean_exact,
            "exact_var": var_exact,
            "finite_M_allowance": allowance,
            "finite_M_var_allowance": var_allowance,
        }
        for key, val in per_bin.items():
            cols[key].append(np.full(centers.size, val))
        cols["G_center"].append(centers)
        cols["density"].append(dens)
        # Exact probability per bin divided by the bin width (comparable with the histogram).
        cols["exact_density"].append(bin_average(edges, beta))
    axes[0].set_ylabel("probability density")
    axes[0].legend(fontsize=8, loc="upper right")
    table = {k: np.concatenate(v) for k, v in cols.items()}
    return FigureResult(figure=fig, table=table)


def bin_average(edges, beta):
    # Cumulative distribution of G: F(G) = (G/2)^(beta/2).
    cdf = (np.clip(edges, 0, 2) / 2) ** (beta / 2)
    return np.diff(cdf) / np.diff(edges)


@register("rmt-convergence", "M -> infinity in practice: finite-M kernel and saturation of a")
def fig_convergence(
    *, quick: bool = False, N1: int = 4, N2: int = 4, a2=(2.0, 8.0, 32.0, 128.0)
) -> FigureResult:
    """Left: finite-M error of <dG> versus M; right: MC <G> versus a^2 at fixed M (N = 2).

    ``N1``, ``N2``: channel numbers of the left panel (Gaussian kernel); ``a2``: the
    spin-orbit strengths ``a^2`` of the Monte Carlo of the right panel (``N1 = N2 = 1``).
    """
    # The exact finite-M kernel costs O(M^3) (one eigendecomposition of size 2M): M <= 256.
    Ms = np.array([16, 32, 64] if quick else [16, 24, 32, 48, 64, 96, 128, 192, 256])
    k = kernel_convergence(Ms, N1, N2)
    mc_Ms = (16, 32) if quick else (16, 32, 64)
    s = saturation_scan(mc_Ms, a2, samples=150 if quick else 1000)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10.0, 3.9), layout="constrained")
    for case in dict.fromkeys(k["case"]):
        sel = k["case"] == case
        ax1.loglog(k["M"][sel], k["deviation"][sel], "o-", ms=3, label=f"${case}$")
    N = N1 + N2
    ax1.loglog(
        Ms,
        0.6 * 4 * N / Ms * abs(theory.wl_correction(N1, N2, a=np.sqrt(4 * N))) / (N1 * N2 / N),
        "k:",
        lw=1,
        label=r"$\propto a^2/M$",
    )
    ax1.set_xlabel("stub size $M$")
    from matplotlib.ticker import FixedLocator, NullFormatter, ScalarFormatter

    ax1.xaxis.set_major_locator(FixedLocator([16, 32, 64, 128, 256]))
    ax1.xaxis.set_major_formatter(ScalarFormatter())
    ax1.xaxis.set_minor_formatter(NullFormatter())
    ax1.set_ylabel(r"$|\langle\delta G\rangle_M-\langle\delta G\rangle_\infty|\,/\,(N_1N_2/N)$")
    channels = f"$N_1=N_2={N1}$" if N1 == N2 else f"$N_1={N1}$, $N_2={N2}$"
    ax1.set_title(f"Gaussian kernel at finite $M$, {channels}", fontsize=10)
    ax1.legend(fontsize=8)
    for j, M in enumerate(mc_Ms):
        sel = s["M"] == M
        ax2.errorbar(
            s["a2"][sel] * (1 + 0.04 * (j - 1)),
            s["mean_G"][sel],
            s["error"][sel],
            fmt="o-",
            ms=4,
            capsize=2,
            label=f"stub MC, M = {M}",
        )
    coe = theory.exact_conductance_stats(1, 1, "COE")[0]
    cse = theory.exact_conductance_stats(1, 1, "CSE")[0]
    ax2.axhline(cse, color="k", ls="--", lw=1, label=r"CSE ($a=\infty$), exact")
    ax2.axhline(coe, color="0.5", ls=":", lw=1, label=r"COE ($a=0$), exact")
    ax2.set_xscale("log")
    ax2.set_xlabel(r"$a^2$")
    ax2.set_ylabel(r"$\langle G\rangle$ ($e^2/h$)")
    ax2.set_title(r"strong spin-orbit needs $N \ll a^2 \ll M$ ($N_1=N_2=1$)", fontsize=10)
    ax2.legend(fontsize=8, loc="lower right")
    table = {
        "panel": np.concatenate([np.full(k["M"].size, "kernel"), np.full(s["M"].size, "mc")]),
        "case": np.concatenate([k["case"], np.array([f"a^2 = {v:g}" for v in s["a2"]])]),
        "M": np.concatenate([k["M"], s["M"]]),
        "value": np.concatenate([k["dG_M"], s["mean_G"]]),
        "reference": np.concatenate([k["dG_inf"], np.full(s["M"].size, cse)]),
        "error": np.concatenate([np.zeros(k["M"].size), s["error"]]),
    }
    return FigureResult(figure=fig, table=table)
