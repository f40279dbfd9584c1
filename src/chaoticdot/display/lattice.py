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
    Magnetoconductance of single-channel dots for six gate shapes with joint GLS fits of a
    spin flux and an in-plane spin-orbit rate, from stored data.
lattice-spin-flux
    The displaced weak-localization dip of uniform Rashba (+ Dresselhaus) coupling and the
    fitted spin flux against ``A / (4 pi lambda_x lambda_y)``, from stored data.

The runs and the stored datasets are in :mod:`chaoticdot.studies.lattice`.
"""

from __future__ import annotations

import numpy as np

from .. import rmt
from ..lattice import PROFILES, DotModel, displaced_dip, profile_strength
from ..lattice.levels import RATIO_REFERENCE
from ..studies import load
from ..studies.lattice import (
    MC_LAMBDA,
    gate_spin_flux_fits,
    levels_summary,
)
from ..studies.lattice_spin_flux import spin_flux_analysis
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


def _fitted_curve(fit, k, flux, rate, n_lead):
    """Model curve of parameter set ``k`` of a DisplacedDipFit (``k = None``: reference)."""
    shared = dict(g_cl=fit["g_cl"][0], depth=fit["depth"][0], kappa=fit["kappa"][0])
    if k is None:
        return displaced_dip(flux, n_lead=n_lead, **shared)
    a = np.sqrt(fit[f"a2_{k}"][0]) if rate else 0.0
    return displaced_dip(
        flux,
        spin_flux=fit[f"spin_flux_{k}"][0],
        a_x=a if rate == "two-axis" else 0.0,
        a_y=a,
        n_lead=n_lead,
        **shared,
    )


@register(
    "lattice-magnetoconductance",
    "lattice: magnetoconductance of single-channel dots for six gate shapes, spin-flux fits "
    "(stored data)",
)
def fig_lattice_magnetoconductance(*, quick: bool = False) -> FigureResult:
    """Mean conductance versus flux (mirrored to negative flux: G(B) = G(-B) exactly here),
    with the joint fit of a spin flux and an in-plane rate ``a_x = a_y``.

    ``quick`` has no effect: the figure is drawn from the stored dataset.
    """
    import matplotlib.pyplot as plt

    arrays, prov = load("lattice-magnetoconductance")
    flux, profiles, g = _conductances(arrays)
    res = gate_spin_flux_fits(arrays)
    fit = res["fits"]["two-axis"]
    fig, axes = plt.subplots(1, 2, figsize=(10, 4.2), sharey=True)
    grid = np.linspace(-flux.max(), flux.max(), 401)
    table = {"profile": [], "flux": [], "mean_G": [], "stderr": [], "fit": []}
    panels = (("none", "step", "half", "corner"), ("none", "uniform", "curved", "checkerboard"))

    def curve(prof, phi):
        k = None if prof == "none" else res["profiles"].index(prof)
        return _fitted_curve(fit, k, np.abs(phi), "two-axis", 1)

    for ax, group in zip(axes, panels, strict=True):
        for prof in group:
            i = profiles.index(prof)
            est = rmt.mean(g[:, i])
            mean, err = est.value, est.error
            if prof == "none":
                lab = "no spin-orbit"
            else:
                k = res["profiles"].index(prof)
                lab = (
                    f"{prof}: $\\Phi_{{so}}$ = {fit[f'spin_flux_{k}'][0]:.2f}, "
                    f"$a^2$ = {fit[f'a2_{k}'][0]:.1f}"
                )
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
            ax.plot(grid, curve(prof, grid), "-", lw=1, color=_COLORS[prof])
        ax.set_xlabel(r"flux $\Phi$ through the dot  [$h/e$]")
        ax.legend(fontsize=7)
    for i, prof in enumerate(profiles):
        est = rmt.mean(g[:, i])
        model = curve(prof, flux)
        for j, f in enumerate(flux):
            for key, val in (
                ("profile", prof),
                ("flux", f),
                ("mean_G", est.value[j]),
                ("stderr", est.error[j]),
                ("fit", float(model[j])),
            ):
                table[key].append(val)
    axes[0].set_ylabel(r"$\langle G\rangle$  [$e^2/h$]")
    axes[0].set_title("straight edge, half gate, corner", fontsize=9)
    axes[1].set_title("uniform, curved edge, checkerboard", fontsize=9)
    fig.suptitle(
        f"N = 1 channel per lead, L = {prov['model']['length']}, "
        f"$\\lambda$ = {prov['so_length_under_gate']:g} under the gate, "
        f"{prov['n_samples']} realisations; joint fit $\\chi^2$ = {fit.chi2:.0f} / {fit.dof}",
        fontsize=10,
    )
    fig.tight_layout()
    return FigureResult(figure=fig, table={k: np.asarray(v) for k, v in table.items()})


_SPIN_FLUX_COLORS = ("tab:blue", "tab:orange", "tab:red", "tab:green")


@register(
    "lattice-spin-flux",
    "lattice: displaced weak-localization dip of uniform Rashba(+Dresselhaus) coupling "
    "(stored data)",
)
def fig_lattice_spin_flux(*, quick: bool = False) -> FigureResult:
    """Left: ``<G>(Phi)`` for lambda = inf and every coupling of the stored dataset
    ``lattice-spin-flux`` (mirrored, ``G(Phi) = G(-Phi)`` exactly), with the GLS fits and the
    leading-order spin fluxes ``+-A/(4 pi lambda_x lambda_y)`` (ticks). Right: fitted against
    predicted spin flux.

    ``quick`` has no effect: the figure is drawn from the stored dataset.
    """
    import matplotlib.pyplot as plt

    arrays, prov = load("lattice-spin-flux")
    ana = spin_flux_analysis(arrays)
    flux, g = arrays["flux"], arrays["conductance"]
    n_lead = prov["model"]["n_channels_per_lead"]
    fig, (ax, ax2) = plt.subplots(1, 2, figsize=(10.5, 4.2), width_ratios=(1.8, 1))
    grid = np.linspace(-flux.max(), flux.max(), 601)
    table = {"curve": [], "flux": [], "mean_G": [], "stderr": [], "fit": []}
    ref_fit = ana["fits"][0]
    curves = [("lambda = inf", 0, None, "0.4", "x")]
    for k, (lr, ld) in enumerate(ana["lengths"]):
        label = f"$\\lambda_R$ = {lr:g}" + ("" if np.isinf(ld) else f", $\\lambda_D$ = {ld:g}")
        curves.append((label, k + 1, k, _SPIN_FLUX_COLORS[k % 4], "os^D"[k % 4]))
    for label, column, k, color, marker in curves:
        est = rmt.mean(g[:, column])
        fit = ref_fit if k is None else ana["fits"][k]
        model_grid = _fitted_curve(fit, None if k is None else 0, np.abs(grid), "two-axis", n_lead)
        ax.errorbar(
            np.r_[-flux[:0:-1], flux],
            np.r_[est.value[:0:-1], est.value],
            yerr=np.r_[est.error[:0:-1], est.error],
            fmt=marker,
            ms=3.5,
            capsize=2,
            color=color,
            label=label,
        )
        ax.plot(grid, model_grid, "-", lw=1, color=color)
        if k is not None:
            pred = ana["predicted"][k]
            ax.plot(
                [-pred, pred],
                [0.02, 0.02],
                "|",
                ms=10,
                mew=2,
                color=color,
                transform=ax.get_xaxis_transform(),
            )
        model = _fitted_curve(fit, None if k is None else 0, flux, "two-axis", n_lead)
        for j, f in enumerate(flux):
            for key, val in (
                ("curve", label),
                ("flux", f),
                ("mean_G", est.value[j]),
                ("stderr", est.error[j]),
                ("fit", float(model[j])),
            ):
                table[key].append(val)
    ax.set_xlabel(r"flux $\Phi$ through the dot  [$h/e$]")
    ax.set_ylabel(r"$\langle G\rangle$  [$e^2/h$]")
    ax.legend(fontsize=7, ncol=2, loc="lower right")
    ax.set_title(
        f"uniform coupling, L = {prov['model']['length']}, N = {n_lead} channels per lead, "
        f"{prov['n_samples']} realisations",
        fontsize=9,
    )
    pred = np.array(ana["predicted"])
    fitted = np.array([f["spin_flux_0"] for f in ana["fits"]])
    for k in range(pred.size):
        ax2.errorbar(
            pred[k],
            fitted[k, 0],
            yerr=fitted[k, 1],
            fmt="os^D"[k % 4],
            color=_SPIN_FLUX_COLORS[k % 4],
            capsize=3,
        )
    top = 1.15 * max(pred.max(), fitted[:, 0].max())
    ax2.plot([0, top], [0, top], "--", color="0.5", lw=0.8, label="fit = prediction")
    ax2.set_xlim(0, top)
    ax2.set_ylim(0, top)
    ax2.set_xlabel(r"$A/4\pi\lambda_x\lambda_y$  [$h/e$]")
    ax2.set_ylabel(r"fitted $\Phi_{so}$  [$h/e$]")
    ax2.legend(fontsize=8, loc="upper left")
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
