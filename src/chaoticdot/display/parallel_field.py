"""Parallel magnetic field: Zeeman effects on weak localization and on the fluctuations.

A field in the plane of the dot couples (in the paper's model) only to the spin, through the
Zeeman term of Eq. (7) with ``b = pi g mu_B B / Delta``. Its consequences, all contained in
Eqs. (13)-(14) and stated in the text after Eq. (14):

* the variance of the conductance drops by factors of two, ``8 -> 4 -> 2 -> 1`` in units of
  ``(e^2/h)^2 (N1 N2 / N^2)^2``, as time reversal, spin degeneracy and Kramers degeneracy are
  removed one after another (book appendix 'Derivations and conventions', sections Limiting
  values and Exact ensembles);
* with strong spin-orbit coupling the field suppresses antilocalization (the singlet cooperon
  is gapped when ``b^2 >> N a^2``);
* with spin-orbit coupling *and* a parallel field the symmetry ``G(x) = G(-x)`` is lost:
  ``<[G(x) - G(-x)]^2> = 2 var G(x) - 2 cov[G(x), G(-x)]`` tends to ``2 var G`` for
  ``x^2 >> N``, while it vanishes identically if only one of the two is present.

The physics is in :mod:`chaoticdot.theory.parallel_field`, the Monte Carlo in
:mod:`chaoticdot.studies.parallel_field`. Figures registered here:
``parallel-field-variance``, ``parallel-field-wl``, ``parallel-field-asymmetry``,
``parallel-field-asymmetry-mc``, ``parallel-field-traces``.
"""

from __future__ import annotations

import numpy as np

from .. import rmt
from ..studies.parallel_field import (
    MC_CASES,
    MC_PARAMETERS,
    asymmetry_samples,
    case_arrays,
    trace_samples,
)
from ..tables import LongTable
from ..theory.parallel_field import LIMIT, asymmetry_correlator, scaled_asymmetry
from ..theory.scaled import scaled_variance, scaled_wl_correction
from . import FigureResult, register
from ._axes import finish_axes

#: Parameters of the Monte-Carlo figures (the book's values).
_MC = MC_PARAMETERS

_ALPHA2_FAMILY = (0.0, 0.3, 1.0, 3.0, 10.0, 100.0, np.inf)


def _channels_label(N1, N2):
    return f"$N_1=N_2={N1}$" if N1 == N2 else f"$N_1={N1}$, $N_2={N2}$"


def _alpha_label(alpha2):
    if np.isinf(alpha2):
        return r"$a^2/N=\infty$"
    return rf"$a^2/N={alpha2:g}$"


@register(
    "parallel-field-variance",
    "var G versus Zeeman field b for several spin-orbit strengths: factors 8, 4, 2, 1",
)
def fig_variance(*, quick: bool = False, a2_over_N=_ALPHA2_FAMILY) -> FigureResult:
    """var G (Eq. 14) versus ``b/N`` at ``x = 0`` and ``x^2 >> N`` for a family of ``a^2/N``.

    ``a2_over_N``: the spin-orbit strengths ``a^2 / N`` of the curves (``inf`` allowed).
    """
    import matplotlib.pyplot as plt

    beta = np.logspace(-2, 4, 61 if quick else 241)
    fig, axes = plt.subplots(1, 2, figsize=(9.0, 3.8), sharey=True)
    table = LongTable()
    colors = plt.cm.viridis(np.linspace(0.0, 0.9, len(a2_over_N)))
    for ax, xi, title in ((axes[0], 0.0, r"$x = 0$"), (axes[1], LIMIT["xi"], r"$x^2 \gg N$")):
        for alpha2, color in zip(a2_over_N, colors, strict=True):
            var = scaled_variance(xi=xi, alpha=np.sqrt(alpha2), beta=beta)
            ax.semilogx(beta, var, color=color, label=_alpha_label(alpha2))
            table.add(
                panel="x=0" if xi == 0 else "x=inf", a2_over_N=alpha2, b_over_N=beta, var_G=var
            )
        for level in (8, 4, 2, 1):
            ax.axhline(level, color="0.8", lw=0.8, ls=":", zorder=0)
        ax.set_title(title)
        ax.set_xlabel(r"Zeeman field $b/N$")
    axes[0].set_ylabel(r"var $G$  [$(e^2/h)^2 (N_1N_2/N^2)^2$]")
    axes[0].set_yticks([0, 1, 2, 4, 6, 8])
    axes[1].legend(fontsize=8, loc="upper right")
    return FigureResult.laid_out(fig, table)


@register(
    "parallel-field-wl",
    "weak (anti)localization versus Zeeman field: suppression of antilocalization",
)
def fig_wl(
    *, quick: bool = False, a2_over_N=(0.0, 0.5, 0.809, 2.0, 5.0, 20.0, 100.0)
) -> FigureResult:
    """<dG> (Eq. 13) at ``x = 0`` versus ``b/N``, and <dG>(x) at ``a^2 = 20 N`` for several b.

    ``a2_over_N``: the spin-orbit strengths ``a^2 / N`` of the left panel.
    """
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(9.0, 3.8))
    table = LongTable()
    beta = np.logspace(-2, 3, 51 if quick else 201)
    family = a2_over_N
    colors = plt.cm.plasma(np.linspace(0.0, 0.85, len(family)))
    for alpha2, color in zip(family, colors, strict=True):
        wl = scaled_wl_correction(alpha=np.sqrt(alpha2), beta=beta)
        axes[0].semilogx(beta, wl, color=color, label=_alpha_label(alpha2))
        table.add(panel="x=0", a2_over_N=alpha2, b_over_N=beta, x_over_sqrtN=0.0, dG=wl)
    finish_axes(
        axes[0],
        zero_line=True,
        legend={"fontsize": 7, "ncol": 2, "loc": "lower left"},
        xlabel=r"Zeeman field $b/N$",
        ylabel=r"$\langle\delta G\rangle$  [$(e^2/h) N_1N_2/N^2$]",
        title=r"$x = 0$",
    )

    xi = np.linspace(0.0, 3.0, 61 if quick else 241)
    alpha2 = 20.0
    betas = (0.0, 2.0, 5.0, 10.0, 30.0, 1e3)
    colors = plt.cm.cividis(np.linspace(0.0, 0.9, len(betas)))
    for beta_k, color in zip(betas, colors, strict=True):
        wl = scaled_wl_correction(xi=xi, alpha=np.sqrt(alpha2), beta=beta_k)
        axes[1].plot(xi, wl, color=color, label=rf"$b/N={beta_k:g}$")
        table.add(panel="a2=20N", a2_over_N=alpha2, b_over_N=beta_k, x_over_sqrtN=xi, dG=wl)
    finish_axes(
        axes[1],
        zero_line=True,
        legend={"fontsize": 8},
        xlabel=r"perpendicular field $x/\sqrt{N}$",
        title=r"$a^2 = 20\,N$",
    )
    return FigureResult.laid_out(fig, table)


@register(
    "parallel-field-asymmetry",
    "<(G(x)-G(-x))^2> from Eq. (14): nonzero only with spin-orbit AND parallel field",
)
def fig_asymmetry(
    *,
    quick: bool = False,
    a2_over_N: float = 20.0,
    b_over_N=(0.0, 2.0, 5.0, 20.0, 100.0, LIMIT["beta"]),
) -> FigureResult:
    """Field asymmetry versus ``x`` (left) and its large-x value versus ``b`` (right).

    ``a2_over_N``: the spin-orbit strength ``a^2 / N`` of the left panel; ``b_over_N``: its
    Zeeman fields ``b / N`` (``LIMIT["beta"]`` stands for ``b / N -> inf``).
    """
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(9.0, 3.8))
    table = LongTable()
    xi = np.linspace(0.0, 4.0, 41 if quick else 161)
    alpha2 = a2_over_N
    betas = b_over_N
    colors = plt.cm.cividis(np.linspace(0.0, 0.9, len(betas)))
    for beta_k, color in zip(betas, colors, strict=True):
        asym = scaled_asymmetry(xi, np.sqrt(alpha2), beta_k)
        label = r"$b/N\to\infty$" if beta_k == LIMIT["beta"] else rf"$b/N={beta_k:g}$"
        axes[0].plot(xi, asym, color=color, label=label)
        table.add(
            panel="versus x", a2_over_N=alpha2, b_over_N=beta_k, x_over_sqrtN=xi, asymmetry=asym
        )
    ref = 2.0 * scaled_variance(xi=xi, alpha=np.sqrt(alpha2), beta=LIMIT["beta"])
    axes[0].plot(xi, ref, color="k", ls=":", label=r"$2\,$var$\,G$, $b/N\to\infty$")
    table.add(
        panel="2 var G", a2_over_N=alpha2, b_over_N=LIMIT["beta"], x_over_sqrtN=xi, asymmetry=ref
    )
    zero = scaled_asymmetry(xi, 0.0, LIMIT["beta"])
    axes[0].plot(xi, zero, color="tab:red", ls="--", label=r"$a=0$, $b/N\to\infty$")
    table.add(
        panel="versus x", a2_over_N=0.0, b_over_N=LIMIT["beta"], x_over_sqrtN=xi, asymmetry=zero
    )
    finish_axes(
        axes[0],
        legend={"fontsize": 7},
        xlabel=r"perpendicular field $x/\sqrt{N}$",
        ylabel=r"$\langle[G(x)-G(-x)]^2\rangle$  [$(e^2/h)^2(N_1N_2/N^2)^2$]",
        title=rf"$a^2 = {alpha2:g}\,N$",
    )

    beta = np.logspace(-2, 4, 61 if quick else 241)
    family = (0.0, 0.3, 1.0, 5.0, 20.0, 100.0)
    colors = plt.cm.viridis(np.linspace(0.0, 0.9, len(family)))
    for alpha2, color in zip(family, colors, strict=True):
        asym = scaled_asymmetry(LIMIT["xi"], np.sqrt(alpha2), beta)
        axes[1].semilogx(beta, asym, color=color, label=_alpha_label(alpha2))
        table.add(
            panel="x=inf", a2_over_N=alpha2, b_over_N=beta, x_over_sqrtN=np.inf, asymmetry=asym
        )
    finish_axes(
        axes[1],
        levels=(2.0,),
        legend={"fontsize": 7},
        xlabel=r"Zeeman field $b/N$",
        title=r"$x^2 \gg N$",
    )
    return FigureResult.laid_out(fig, table)


@register(
    "parallel-field-asymmetry-mc",
    "Monte Carlo <(G(x)-G(-x))^2> sample by sample versus Eq. (14), N1 = N2 = 2",
)
def fig_asymmetry_mc(
    *, quick: bool = False, N1=_MC["N1"], N2=_MC["N2"], a=_MC["a"], b=_MC["b"]
) -> FigureResult:
    """Monte-Carlo field asymmetry (points with standard errors) against Eq. (14) (lines).

    ``N1``, ``N2``: channel numbers; ``a``, ``b``: spin-orbit strength and Zeeman field of the
    cases that switch them on (:data:`chaoticdot.studies.parallel_field.MC_CASES`).
    """
    import matplotlib.pyplot as plt

    x, G, M = asymmetry_samples(quick, N1=N1, N2=N2, a=a, b=b)
    half = x >= 0
    d2 = (G - G[..., ::-1]) ** 2
    est = rmt.mean(d2[..., half])
    xf = np.linspace(0.0, 2.0, 81)
    a_case, b_case = case_arrays(a, b)
    fig, ax = plt.subplots(figsize=(5.6, 3.8))
    table = LongTable()
    for k, (label, _, _) in enumerate(MC_CASES):
        color = f"C{k}"
        theo = asymmetry_correlator(N1, N2, x=xf, a=a_case[k, 0], b=b_case[k, 0])
        ax.plot(xf, theo, color=color, lw=1.2)
        # open markers of different sizes keep the two identically-zero cases visible
        ax.errorbar(
            x[half],
            est.value[k],
            yerr=est.error[k],
            fmt="so^"[k],
            ms=(8, 5, 5)[k],
            mfc="none" if k < 2 else color,
            color=color,
            capsize=2,
            label=label,
        )
        table.add(
            kind="Monte Carlo",
            case=label,
            x=x[half],
            asymmetry=est.value[k],
            error=est.error[k],
            samples=G.shape[0],
            M=M,
        )
        table.add(kind="Eq. (14)", case=label, x=xf, asymmetry=theo)
    ax.set(
        xlabel=r"perpendicular field $x$", ylabel=r"$\langle[G(x)-G(-x)]^2\rangle$  [$(e^2/h)^2$]"
    )
    ax.set_title(
        rf"{_channels_label(N1, N2)}, $a={a:g}$, $b={b:g}$, $M={M}$, "
        f"{G.shape[0]} samples",
        fontsize=9,
    )
    ax.legend(fontsize=8)
    return FigureResult.laid_out(fig, table)


@register(
    "parallel-field-traces",
    "single Monte-Carlo traces G(x) and G(-x): symmetric unless spin-orbit AND Zeeman",
)
def fig_traces(
    *, quick: bool = False, N1=_MC["N1"], N2=_MC["N2"], a=_MC["a"], b=_MC["b"]
) -> FigureResult:
    """Two realizations (rows) in three cases (columns): ``G(x)`` solid, ``G(-x)`` dashed.

    ``N1``, ``N2``, ``a``, ``b``: as in figure ``parallel-field-asymmetry-mc``.
    """
    import matplotlib.pyplot as plt

    x, G = trace_samples(quick, N1=N1, N2=N2, a=a, b=b)
    fig, axes = plt.subplots(2, 3, figsize=(9.5, 5.0), sharex=True)
    table = LongTable()
    for r in range(G.shape[0]):
        for c, (label, _, _) in enumerate(MC_CASES):
            ax = axes[r, c]
            ax.plot(x, G[r, c], color="C0", lw=1.4, label=r"$G(x)$")
            ax.plot(x, G[r, c, ::-1], color="C3", lw=1.2, ls="--", label=r"$G(-x)$")
            table.add(realization=r, case=label, x=x, G=G[r, c], G_reversed=G[r, c, ::-1])
            if r == 0:
                ax.set_title(label, fontsize=10)
            if r == G.shape[0] - 1:
                ax.set_xlabel(r"perpendicular field $x$")
        axes[r, 0].set_ylabel(rf"$G$  [$e^2/h$], sample {r + 1}")
    axes[0, 2].legend(fontsize=8)
    return FigureResult.laid_out(fig, table)
