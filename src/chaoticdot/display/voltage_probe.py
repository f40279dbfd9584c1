"""Figure: voltage probe versus absorbing stub at N1 = N2 = 1, 2 (chapter on dephasing)."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from .. import theory
from ..studies.voltage_probe import probe_comparison
from . import FigureResult, register

__all__ = ["probe_data", "fig_voltage_probe"]


def probe_data(quick: bool = False) -> dict:
    """The comparison of :func:`chaoticdot.studies.voltage_probe.probe_comparison` (cached)."""
    return _probe_data(bool(quick))


@lru_cache(maxsize=2)
def _probe_data(quick: bool) -> dict:
    # Cached so that the chapter's numbers and its figure come from one Monte-Carlo run.
    return probe_comparison(quick=quick)


@register(
    "voltage-probe",
    "Buttiker voltage probe versus absorbing stub: <G>, var G and P(G) at N1 = N2 = 1, 2",
)
def fig_voltage_probe(*, quick: bool = False) -> FigureResult:
    """Mean and variance of ``G`` versus ``nphi`` for both dephasing models, and ``P(G)``."""
    import matplotlib.pyplot as plt

    data = probe_data(quick)
    nphi = data["nphi"]
    fig, axes = plt.subplots(1, 3, figsize=(12.0, 3.8))
    table: dict[str, list] = {"n": [], "nphi": [], "model": [], "mean_G": [], "var_G": []}
    styles = {"probe": ("o", "voltage probe"), "absorbing": ("s", "absorbing stub")}
    for n, color in zip((1, 2), ("C0", "C3"), strict=True):
        res = data[n]
        for model, (marker, label) in styles.items():
            for ax, key in ((axes[0], "mean"), (axes[1], "var")):
                ax.errorbar(
                    nphi,
                    res[f"{key}_{model}"],
                    yerr=res[f"{key}_{model}_err"],
                    fmt=marker,
                    color=color,
                    mfc="white" if model == "absorbing" else color,
                    label=f"{label}, $N_1=N_2={n}$",
                )
            table["n"] += [n] * nphi.size
            table["nphi"] += list(nphi)
            table["model"] += [model] * nphi.size
            table["mean_G"] += list(res[f"mean_{model}"])
            table["var_G"] += list(res[f"var_{model}"])
        fine = np.linspace(0.0, nphi.max(), 100)
        axes[0].plot(fine, theory.mean_conductance(n, n, nphi=fine), color=color, lw=1)
        axes[1].plot(fine, theory.conductance_variance(n, n, nphi=fine), color=color, lw=1)
    axes[0].set(xlabel=r"$N_\phi$", ylabel=r"$\langle G\rangle$ $(e^2/h)$")
    axes[1].set(xlabel=r"$N_\phi$", ylabel=r"var $G$ $(e^2/h)^2$")
    axes[0].legend(fontsize=7)
    k = int(np.argmax(nphi == 1))
    bins = np.linspace(0.0, 2.0, 41)
    for model, (_, label) in styles.items():
        axes[2].hist(
            data[1][f"G_{model}"][:, k],
            bins=bins,
            density=True,
            histtype="step",
            lw=1.5,
            label=label,
        )
    axes[2].set(xlabel=r"$G$ $(e^2/h)$", ylabel=r"$P(G)$", title=r"$N_1=N_2=1$, $N_\phi=1$")
    axes[2].legend(fontsize=7)
    fig.tight_layout()
    return FigureResult(fig, {k: np.asarray(v) for k, v in table.items()})
