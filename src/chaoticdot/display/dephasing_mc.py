"""Figure ``dephasing-mc``: the absorbing stub against the voltage-probe replacement."""

from __future__ import annotations

import numpy as np

from .. import theory
from ..studies.dephasing_mc import dephasing_comparison, finite_m_references
from ..tables import LongTable
from . import FigureResult, register


@register(
    "dephasing-mc",
    "absorbing-stub Monte Carlo versus N -> N + nphi and the finite-M line, <dG> and var G",
)
def fig_dephasing_mc(*, quick: bool = False) -> FigureResult:
    """Three panels versus ``nphi``: ``<dG>``, ``var G`` and the relative deviation of var G."""
    import matplotlib.pyplot as plt

    c = dephasing_comparison(quick)
    n1, n2, M = c["N1"], c["N2"], c["M"]
    nf = np.linspace(0.0, c["nphi"][-1], 81)
    dg_fm, var_fm = finite_m_references(n1, n2, nf[::4], M)
    fig, axes = plt.subplots(1, 3, figsize=(12.0, 3.7))
    table = LongTable()
    for ax, key, eq, ref, lab in (
        (axes[0], "dG", theory.wl_correction(n1, n2, nphi=nf), dg_fm, "Eq. (13)"),
        (axes[1], "var", theory.conductance_variance(n1, n2, nphi=nf), var_fm, "Eq. (14)"),
    ):
        ax.plot(nf, eq, color="C0", label=lab + r", $N\to N+N_\phi$")
        ax.plot(nf[::4], ref, "--", color="C2", label=f"leading order at $M$ = {M}")
        ax.errorbar(
            c["nphi"],
            c[key],
            yerr=c[key + "_err"],
            fmt="o",
            color="k",
            ms=4,
            capsize=2,
            label="Monte Carlo (absorbing stub)",
        )
        ax.set_xlabel(r"dephasing rate $N_\phi = h/\tau_\phi\Delta$")
        ax.legend(fontsize=7.5)
    axes[0].set_ylabel(r"$\langle\delta G\rangle$  [$e^2/h$]")
    axes[1].set_ylabel(r"var $G$  [$(e^2/h)^2$]")
    axes[1].set_yscale("log")
    axes[2].axhline(0.0, color="0.6", lw=0.8)
    axes[2].errorbar(
        c["nphi"],
        100 * c["rel_var"],
        yerr=100 * c["rel_var_err"],
        fmt="o-",
        color="k",
        ms=4,
        capsize=2,
        lw=0.8,
        label=f"against the $M$ = {M} line",
    )
    axes[2].plot(
        c["nphi"], 100 * c["rel_var_eq14"], "s:", color="C0", ms=4, label="against Eq. (14)"
    )
    axes[2].set_xlabel(r"dephasing rate $N_\phi$")
    axes[2].set_ylabel(r"var $G_{\rm MC}$ / reference $- 1$  [%]")
    axes[2].legend(fontsize=7.5)
    fig.suptitle(rf"$N_1=N_2={n1}$, $a=b=x=0$, $M={M}$, {c['samples']} samples", fontsize=9)
    fig.tight_layout()
    table.add(
        kind="Monte Carlo",
        nphi=c["nphi"],
        dG=c["dG"],
        dG_err=c["dG_err"],
        var_G=c["var"],
        var_G_err=c["var_err"],
        rel_dev_var=c["rel_var"],
        rel_dev_var_err=c["rel_var_err"],
    )
    table.add(kind="finite-M leading order", nphi=nf[::4], dG=dg_fm, var_G=var_fm)
    table.add(
        kind="Eqs. (13)-(14)",
        nphi=nf,
        dG=theory.wl_correction(n1, n2, nphi=nf),
        var_G=theory.conductance_variance(n1, n2, nphi=nf),
    )
    return FigureResult(fig, table.columns())
