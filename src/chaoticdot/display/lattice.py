"""Figures of the lattice chapter ("The gauge argument, numerically").

Figures
-------
lattice-scaling
    Spin-orbit suppression of the weak-localization dip versus L/lambda (uniform coupling)
    and L/lambda_s (partial gates), log-log, with fitted slopes (paper Eqs. (2)-(3)).
    Computed on the fly (about a minute on two cores).
lattice-gates
    Gate-shape study from stored data: weak-localization correction at zero field of single-
    channel dots for six gate shapes, and closed-dot spacing ratios of Kramers doublets.
lattice-magnetoconductance
    Magnetoconductance of single-channel dots for six gate shapes with fits of Eq. (13), from
    stored data.

The runs and the stored datasets are in :mod:`chaoticdot.studies.lattice`.
"""

from __future__ import annotations

import numpy as np

from .. import rmt
from ..lattice import PROFILES, DotModel, profile_strength
from ..lattice.levels import RATIO_REFERENCE
from ..studies import load
from ..studies.lattice import (
    MC_LAMBDA,
    levels_summary,
    magnetoconductance_fits,
)
from . import FigureResult, register

__all__: list[str] = []

_COLORS = {
    "uniform": "black",
    "half": "tab:blue",
    "step": "tab:orange",
    "corner": "tab:green",
    "curved": "tab:purple",
    "checkerboard": "tab:red",
    "none": "0.5",
}
_MARKERS = {
    "uniform": "o",
    "half": "s",
    "step": "^",
    "corner": "D",
    "curved": "v",
    "checkerboard": "P",
    "none": "x",
}


# --------------------------------------------------------------------------- magnetoconductance


def _conductances(arrays):
    """Flux grid, gate profiles and conductances ``(profile, sample, flux)`` of the stored
    dataset ``lattice-magnetoconductance``."""
    return arrays["flux"], list(arrays["profiles"]), arrays["conductance"]


@register(
    "lattice-magnetoconductance",
    "lattice: magnetoconductance of single-channel dots for six gate shapes, Eq. (13) fits "
    "(stored data)",
)
def fig_lattice_magnetoconductance(*, quick: bool = False) -> FigureResult:
    """Mean conductance versus flux (mirrored to negative flux: G(B) = G(-B) exactly here).

    ``quick`` has no effect: the figure is drawn from the stored dataset.
    """
    import matplotlib.pyplot as plt

    arrays, prov = load("lattice-magnetoconductance")
    flux, profiles, g = _conductances(arrays)
    fits = magnetoconductance_fits(arrays)
    fig, axes = plt.subplots(1, 2, figsize=(10, 4.2), sharey=True)
    grid = np.linspace(-flux.max(), flux.max(), 301)
    table = {"profile": [], "flux": [], "mean_G": [], "stderr": [], "fit_eq13": []}
    panels = (("none", "step", "half", "corner"), ("none", "uniform", "curved", "checkerboard"))
    for ax, group in zip(axes, panels, strict=True):
        for prof in group:
            i = profiles.index(prof)
            est = rmt.mean(g[:, i])
            mean, err = est.value, est.error
            fit = fits[prof] if prof == "none" else fits[prof]["eq13"]
            lab = "no spin-orbit" if prof == "none" else f"{prof}: $a$ = {fit.a:.2f}"
            ax.errorbar(
                np.r_[-flux[:0:-1], flux],
                np.r_[mean[:0:-1], mean],
                yerr=np.r_[err[:0:-1], err],
                fmt=_MARKERS[prof],
                ms=4,
                capsize=2,
                color=_COLORS[prof],
                label=lab,
            )
            ax.plot(grid, fit(np.abs(grid)), "-", lw=1, color=_COLORS[prof])
        ax.set_xlabel(r"flux $\Phi$ through the dot  [$h/e$]")
        ax.legend(fontsize=8)
    for i, prof in enumerate(profiles):
        fit = fits[prof] if prof == "none" else fits[prof]["eq13"]
        for j, f in enumerate(flux):
            table["profile"].append(prof)
            table["flux"].append(f)
            est = rmt.mean(g[:, i, j])
            table["mean_G"].append(est.value)
            table["stderr"].append(est.error)
            table["fit_eq13"].append(float(fit(f)))
    axes[0].set_ylabel(r"$\langle G\rangle$  [$e^2/h$]")
    axes[0].set_title("straight edge, half gate, corner", fontsize=9)
    axes[1].set_title("uniform, curved edge, checkerboard", fontsize=9)
    fig.suptitle(
        f"N = 1 channel per lead, L = {prov['model']['length']}, "
        f"$\\lambda$ = {prov['so_length_under_gate']:g} under the gate, "
        f"{prov['n_samples']} realisations",
        fontsize=10,
    )
    fig.tight_layout()
    return FigureResult(figure=fig, table={k: np.asarray(v) for k, v in table.items()})


# --------------------------------------------------------------------------- closed-dot levels


@register(
    "lattice-gates",
    "lattice: which gate shapes restore symplectic symmetry (zero-field WL correction, "
    "closed-dot level statistics; stored data)",
)
def fig_lattice_gates(*, quick: bool = False) -> FigureResult:
    """Two panels: ``<G(0) - G(Phi=4)>`` per gate shape; spacing ratio versus L/lambda.

    Drawn from the stored datasets ``lattice-magnetoconductance`` and ``lattice-levels``
    (``quick`` has no effect).
    """
    import matplotlib.pyplot as plt

    flux, profiles, g = _conductances(load("lattice-magnetoconductance")[0])
    zero, big = int(np.argmin(np.abs(flux))), int(np.argmax(flux))
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4.0))
    table = {"panel": [], "profile": [], "x": [], "value": [], "stderr": []}
    for k, prof in enumerate(profiles):
        d = g[:, k, zero] - g[:, k, big]
        est = rmt.mean(d)
        mean, err = est.value, est.error
        ax1.errorbar(k, mean, yerr=err, fmt=_MARKERS[prof], color=_COLORS[prof], capsize=3)
        for key, val in (
            ("panel", "wl"),
            ("profile", prof),
            ("x", k),
            ("value", mean),
            ("stderr", err),
        ):
            table[key].append(val)
    for value, name in ((-1 / 3, "COE"), (0.0, "CUE"), (1 / 3, "CSE")):
        ax1.axhline(value, color="0.6", lw=0.8, ls="--" if value else "-")
        ax1.text(len(profiles) - 0.6, value, name, va="center", fontsize=8, color="0.3")
    ax1.set_xticks(range(len(profiles)), profiles, rotation=30, fontsize=8)
    ax1.set_ylabel(r"$\langle G(0) - G(\Phi_\infty)\rangle$  [$e^2/h$]")
    ax1.set_title(f"single-channel dot, $\\lambda$ = {MC_LAMBDA:g} under the gate", fontsize=9)

    lev = levels_summary()
    for i, prof in enumerate(lev["profiles"]):
        ax2.errorbar(
            lev["ratios"] * (1 + 0.02 * (i - 2.5)),
            lev["mean"][i],
            yerr=lev["stderr"][i],
            fmt=_MARKERS[prof] + "-",
            ms=4,
            lw=0.8,
            capsize=2,
            color=_COLORS[prof],
            label=prof,
        )
        for j, ratio in enumerate(lev["ratios"]):
            for key, val in (
                ("panel", "levels"),
                ("profile", prof),
                ("x", ratio),
                ("value", lev["mean"][i, j]),
                ("stderr", lev["stderr"][i, j]),
            ):
                table[key].append(val)
    for name, val in RATIO_REFERENCE.items():
        ax2.axhline(val, color="0.5", ls="--", lw=0.8)
        ax2.text(lev["ratios"][-1] * 1.12, val, name, va="center", fontsize=8, color="0.3")
    ax2.errorbar(
        [0.8], [lev["none"][0]], yerr=[lev["none"][1]], fmt="x", color="0.3", label="no spin-orbit"
    )
    ax2.set_xscale("log")
    ax2.set_xticks(lev["ratios"], [f"{r:g}" for r in lev["ratios"]])
    ax2.minorticks_off()  # no stray minor labels such as "3 x 10^0" on the log axis
    ax2.set_xlabel(r"$L/\lambda$")
    ax2.set_ylabel(r"mean spacing ratio $\langle r\rangle$ of Kramers doublets")
    ax2.set_title("closed dot, L = 60", fontsize=9)
    ax2.legend(fontsize=7, ncol=2, loc="upper left")
    fig.tight_layout()
    return FigureResult(figure=fig, table={k: np.asarray(v) for k, v in table.items()})


# --------------------------------------------------------------------------- model pictures
@register(
    "lattice-profiles", "lattice: the dot (hole, leads) and the six spin-orbit gate profiles s(r)"
)
def fig_lattice_profiles(*, quick: bool = False) -> FigureResult:
    """Strength ``s(r) = lambda / lambda(r)`` of each gate profile on the sites of a 60-site dot."""
    import matplotlib.pyplot as plt

    geo = DotModel(length=60, lead_width=12).geometry
    fig, axes = plt.subplots(2, 3, figsize=(9.0, 6.2), sharex=True, sharey=True)
    x, y = np.meshgrid(np.arange(geo.length), np.arange(geo.width), indexing="ij")
    table = {"profile": [], "site_fraction_gated": [], "mean_strength": []}
    for ax, prof in zip(axes.ravel(), PROFILES, strict=True):
        s = profile_strength(prof, x, y, geo)
        img = np.where(geo.mask, s, np.nan)
        im = ax.imshow(
            img.T,
            origin="lower",
            cmap="RdBu_r",
            vmin=-1,
            vmax=1,
            extent=(-0.5, geo.length - 0.5, -0.5, geo.width - 0.5),
        )
        for side, x_lead in ((0, -0.5), (1, geo.length - 0.5)):
            rows = geo.lead_rows(side)
            ax.plot(
                [x_lead, x_lead],
                [rows[0] - 0.5, rows[-1] + 0.5],
                color="gold",
                lw=4,
                solid_capstyle="butt",
            )
        ax.set_title(prof, fontsize=10)
        table["profile"].append(prof)
        table["site_fraction_gated"].append(float(np.mean(s[geo.mask] != 0)))
        table["mean_strength"].append(float(np.mean(s[geo.mask])))
    for ax in axes[:, 0]:
        ax.set_ylabel("y  [a0]")
    for ax in axes[-1]:
        ax.set_xlabel("x  [a0]")
    fig.colorbar(im, ax=axes, shrink=0.8, label=r"$s(\mathbf{r}) = \lambda/\lambda(\mathbf{r})$")
    return FigureResult(figure=fig, table={k: np.asarray(v) for k, v in table.items()})


# --------------------------------------------------------------------------- Kwant agreement
