"""Figure ``lattice-scaling``: how the spin-orbit suppression of weak localization grows with L.

Drawn from the stored dataset ``lattice-scaling`` (:mod:`chaoticdot.studies.lattice_scaling`).
"""

from __future__ import annotations

import numpy as np

from ..studies.lattice_scaling import scaling_analysis
from ..tables import LongTable
from . import FigureResult, register

_STYLE = {
    "uniform": ("black", "o"),
    "half": ("tab:blue", "s"),
    "corner": ("tab:green", "D"),
}
_LABEL = {
    "c2(half)": r"$c_2$, half gate",
    "c2(corner)": r"$c_2$, corner gate",
    "c4(uniform)": r"$c_4$, uniform",
}


def plot_scaling(analysis: dict, lambda_fixed: float = 300.0):
    """Three panels: coefficients versus L; S at fixed lambda versus L; ratios versus L."""
    import matplotlib.pyplot as plt

    sizes = np.array(analysis["sizes"], dtype=float)
    fits, laws, ratios = analysis["fits"], analysis["laws"], analysis["ratios"]
    fig, axes = plt.subplots(1, 3, figsize=(12.5, 4.0))
    table = LongTable()
    grid = np.geomspace(sizes[0] * 0.93, sizes[-1] * 1.07, 30)
    offsets = {"c2(half)": 0.985, "c2(corner)": 1.0, "c4(uniform)": 1.015}
    for name, (prof, power) in {
        "c2(half)": ("half", 2),
        "c2(corner)": ("corner", 2),
        "c4(uniform)": ("uniform", 4),
    }.items():
        color, marker = _STYLE[prof]
        est = np.array([fits[int(L)][prof].coefficient(power) for L in sizes])
        law = laws.get(name)
        label = _LABEL[name]
        if law is not None:
            label += rf": $\propto L^{{{law.exponent:.2f}\pm{law.exponent_error:.2f}}}$"
            axes[0].plot(grid, law(grid), "-", color=color, lw=1)
        axes[0].errorbar(
            sizes * offsets[name],
            est[:, 0],
            yerr=est[:, 1],
            fmt=marker,
            color=color,
            ms=5,
            capsize=2,
            label=label,
        )
        table.add(panel="coefficients", quantity=name, L=sizes, value=est[:, 0], error=est[:, 1])
    axes[0].set_ylabel(r"coefficient of $S = c_2x^2 + c_4x^4$  [$e^2/h$]")
    axes[0].set_title(r"$x = L/\lambda$ (uniform), $L/\lambda_s$ (gates)", fontsize=9)

    for prof, (color, marker) in _STYLE.items():
        vals = []
        for L in sizes:
            f = fits[int(L)][prof]
            x = L / lambda_fixed
            grad = np.array([x**p for p in f.powers])
            vals.append((f(x), float(np.sqrt(grad @ f.covariance @ grad))))
        vals = np.array(vals)
        axes[1].errorbar(
            sizes,
            vals[:, 0],
            yerr=vals[:, 1],
            fmt=marker + "-",
            color=color,
            ms=5,
            lw=0.8,
            capsize=2,
            label=prof,
        )
        table.add(panel="fixed lambda", quantity=prof, L=sizes, value=vals[:, 0], error=vals[:, 1])
    # the ballistic reading of Eqs. (2)-(3): E_T/Delta ~ L, so S ~ L^5 (uniform), L^3 (gates)
    for power, prof in ((5, "uniform"), (3, "half")):
        anchor = fits[int(sizes[0])][prof](sizes[0] / lambda_fixed)
        axes[1].plot(grid, 0.5 * anchor * (grid / sizes[0]) ** power, ":", color="0.4", lw=1)
        axes[1].annotate(
            rf"$\propto L^{power}$",
            (grid[-1], 0.5 * anchor * (grid[-1] / sizes[0]) ** power),
            fontsize=8,
            color="0.3",
            ha="right",
            va="bottom",
        )
    axes[1].set_ylabel(r"suppression $S$ at fixed $\lambda$  [$e^2/h$]")
    axes[1].set_title(rf"$\lambda = \lambda_s = {lambda_fixed:g}\,a_0$", fontsize=9)

    for name, color, marker in (
        ("half/uniform", "tab:blue", "s"),
        ("corner/half", "tab:green", "D"),
    ):
        est = np.array([ratios[int(L)][name] for L in sizes])
        label = (
            r"$c_2$(half) / $c_4$(uniform)"
            if name == "half/uniform"
            else r"$c_2$(corner) / $c_2$(half)"
        )
        axes[2].errorbar(
            sizes, est[:, 0], yerr=est[:, 1], fmt=marker, color=color, ms=5, capsize=2, label=label
        )
        w = 1.0 / est[:, 1] ** 2
        mean = np.sum(w * est[:, 0]) / np.sum(w)
        axes[2].axhline(mean, color=color, lw=0.8, ls="--")
        table.add(panel="ratios", quantity=name, L=sizes, value=est[:, 0], error=est[:, 1])
    axes[2].set_ylabel("ratio of coefficients")
    axes[2].set_title("dashed: weighted means (predicted: no L dependence)", fontsize=8)
    for ax in axes[:2]:
        ax.set_xscale("log")
        ax.set_yscale("log")
    for ax in axes:
        ax.set_xticks(sizes, [f"{L:g}" for L in sizes])
        ax.minorticks_off()
        ax.set_xlabel(r"dot size $L$  [$a_0$]")
        ax.legend(fontsize=7.5)
    fig.tight_layout()
    return fig, table.columns()


@register(
    "lattice-scaling",
    "lattice: coefficients of the spin-orbit suppression of the WL dip versus dot size L "
    "(uniform coupling and two gates; stored data)",
)
def fig_lattice_scaling(*, quick: bool = False) -> FigureResult:
    """The scaling figure from the stored dataset (``quick`` has no effect)."""
    fig, table = plot_scaling(scaling_analysis())
    return FigureResult(figure=fig, table=table)
