"""Figures and stored data of the lattice chapter ("The gauge argument, numerically").

Figures
-------
lattice-gates
    Gate-shape study from stored data: weak-localization correction at zero field of single-
    channel dots for six gate shapes, and closed-dot spacing ratios of Kramers doublets.
lattice-magnetoconductance
    Magnetoconductance of single-channel dots for six gate shapes with fits of Eq. (13), from
    stored data.

Datasets (``python -m chaoticdot data NAME``)
--------------------------------------------
lattice-magnetoconductance
    400 realisations x 8 fluxes x 7 spin-orbit configurations at L = 100 (tens of minutes).
lattice-levels
    Closed-dot spacing ratios for six gate profiles at three L/lambda (about ten minutes).
"""

from __future__ import annotations

import time

import numpy as np

from ..datastore import load, register_dataset
from ..lattice import DotModel, conductance_ensemble
from ..lattice.levels import RATIO_REFERENCE, kramers_levels, spacing_ratios
from ..lattice.magnetoconductance import fit_line_shape
from ..parallel import run_chunks, spawn_seeds
from . import FigureResult, register

__all__ = [
    "MC_FLUXES",
    "MC_PROFILES",
    "MC_LAMBDA",
    "magnetoconductance_model",
    "magnetoconductance_fits",
    "levels_summary",
]

# --------------------------------------------------------------------------- styles
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
MC_FLUXES = (0.0, 0.15, 0.3, 0.5, 0.75, 1.1, 1.8, 4.0)
MC_PROFILES = ("none", "uniform", "half", "step", "corner", "curved", "checkerboard")
#: Spin-orbit length under the gate (a0): the same "gate material" for every shape.
MC_LAMBDA = 30.0
MC_SEED = 20021
MC_SAMPLES = 400


def magnetoconductance_model() -> DotModel:
    """Single-channel dot of the stored magnetoconductance data: L = 100, leads of 8 sites."""
    return DotModel(length=100, lead_width=8, kf=0.6, disorder=0.55)


def _variant(profile: str, flux: float) -> dict:
    if profile == "none":
        return {"so_length": np.inf, "flux": float(flux)}
    return {"so_profile": profile, "so_length": MC_LAMBDA, "flux": float(flux)}


@register_dataset(
    "lattice-magnetoconductance",
    "lattice: <G>(flux) of single-channel L=100 dots, six gate shapes, 400 samples",
)
def data_lattice_magnetoconductance(quick: bool = False):
    """Conductance of single-channel dots versus flux for every gate shape at lambda = 30 a0.

    Full run: 400 realisations (disorder + energy in the one-channel window) x 8 fluxes x 7
    spin-orbit configurations = 22400 sparse solves at L = 100. ``quick``: fluxes 0 and 4,
    no spin-orbit and the checkerboard gate, 32 realisations from an *independent* seed (for
    the statistical regeneration test).
    """
    model = magnetoconductance_model()
    if quick:
        fluxes, profiles, n, seed = (0.0, 4.0), ("none", "checkerboard"), 32, MC_SEED + 1
    else:
        fluxes, profiles, n, seed = MC_FLUXES, MC_PROFILES, MC_SAMPLES, MC_SEED
    variants = [_variant(p, f) for p in profiles for f in fluxes]
    start = time.time()
    res = conductance_ensemble(model, variants, n_samples=n, seed=seed, progress=not quick)
    elapsed = time.time() - start
    g = res.conductance[:, 0, :].reshape(n, len(profiles), len(fluxes))
    arrays = {
        "flux": np.array(fluxes),
        "profiles": np.array(profiles),
        "conductance": g,
        "energies": res.energies[:, 0],
    }
    provenance = {
        "model": {
            "length": model.length,
            "width": model.geometry.width,
            "lead_width": model.lead_width,
            "kf": model.kf,
            "disorder": model.disorder,
            "obstacle_radius": model.geometry.obstacle_radius,
            "smooth_contacts": model.smooth_contacts,
            "n_channels_per_lead": model.n_channels,
        },
        "so_length_under_gate": MC_LAMBDA,
        "energy_window": list(model.energy_window()),
        "seed": seed,
        "n_samples": n,
        "n_solves": int(n * len(variants)),
        "elapsed_seconds": round(elapsed, 1),
        "units": "conductance in e^2/h, flux in h/e through the 100 x 100 rectangle",
    }
    return arrays, provenance


def magnetoconductance_fits(arrays=None, kind_by_profile=None):
    """Eq. (13) fits of the stored curves (reference fit without spin-orbit coupling first).

    Returns
    -------
    dict
        profile -> dict(eq13=LineShapeFit, one_axis=LineShapeFit) for the gate shapes, and
        ``"none"`` -> LineShapeFit of the reference curve.
    """
    if arrays is None:
        arrays, _ = load("lattice-magnetoconductance")
    flux, profiles, g = arrays["flux"], list(arrays["profiles"]), arrays["conductance"]
    ref = fit_line_shape(flux, g[:, profiles.index("none")])
    out = {"none": ref}
    for i, prof in enumerate(profiles):
        if prof == "none":
            continue
        out[prof] = {
            kind: fit_line_shape(flux, g[:, i], kind=kind, shared=ref)
            for kind in ("eq13", "one-axis")
        }
    return out


@register(
    "lattice-magnetoconductance",
    "lattice: magnetoconductance of single-channel dots for six gate shapes, Eq. (13) fits "
    "(stored data)",
)
def fig_lattice_magnetoconductance(quick: bool = False) -> FigureResult:
    """Mean conductance versus flux (mirrored to negative flux: G(B) = G(-B) exactly here).

    ``quick`` has no effect: the figure is drawn from the stored dataset.
    """
    import matplotlib.pyplot as plt

    arrays, prov = load("lattice-magnetoconductance")
    flux, profiles, g = arrays["flux"], list(arrays["profiles"]), arrays["conductance"]
    fits = magnetoconductance_fits(arrays)
    fig, axes = plt.subplots(1, 2, figsize=(10, 4.2), sharey=True)
    grid = np.linspace(-flux.max(), flux.max(), 301)
    table = {"profile": [], "flux": [], "mean_G": [], "stderr": [], "fit_eq13": []}
    panels = (("none", "step", "half", "corner"), ("none", "uniform", "curved", "checkerboard"))
    for ax, group in zip(axes, panels, strict=True):
        for prof in group:
            i = profiles.index(prof)
            mean = g[:, i].mean(axis=0)
            err = g[:, i].std(axis=0, ddof=1) / np.sqrt(g.shape[0])
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
            table["mean_G"].append(g[:, i, j].mean())
            table["stderr"].append(g[:, i, j].std(ddof=1) / np.sqrt(g.shape[0]))
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
LEVEL_PROFILES = ("uniform", "half", "step", "corner", "curved", "checkerboard")
LEVEL_RATIOS = (1.0, 2.0, 4.0)
LEVEL_SPECTRA = 16
LEVEL_PAIRS = 40
LEVEL_SEED = 20022


def levels_model() -> DotModel:
    """Closed dot of the level-statistics data: L = 60 (leads unused)."""
    return DotModel(length=60, lead_width=12, kf=0.6, disorder=0.55)


def _levels_chunk(model, specs, seed_seq, n_pairs):
    """Mean spacing ratio of one disorder realisation for every (profile, lambda) spec."""
    sample = model.replace(seed=seed_seq)
    out = np.empty(len(specs))
    for k, (prof, lam) in enumerate(specs):
        dot = (
            sample.replace(so_profile=prof, so_length=lam)
            if np.isfinite(lam)
            else sample.replace(so_length=np.inf)
        )
        levels = kramers_levels(dot.hamiltonian(), dot.energy, n_pairs)
        out[k] = spacing_ratios(levels).mean()
    return out


@register_dataset(
    "lattice-levels", "lattice: closed-dot spacing ratios of Kramers doublets, six gate shapes"
)
def data_lattice_levels(quick: bool = False):
    """Mean spacing ratio of the 40 Kramers doublets closest to E(k_F a0 = 0.6), L = 60.

    Full: 16 disorder realisations x (6 profiles x L/lambda = 1, 2, 4, plus no spin-orbit).
    ``quick``: uniform and step at L/lambda = 2 and no spin-orbit, 6 realisations from an
    independent seed.
    """
    model = levels_model()
    if quick:
        profiles, ratios, n, seed = ("uniform", "step"), (2.0,), 6, LEVEL_SEED + 1
    else:
        profiles, ratios, n, seed = LEVEL_PROFILES, LEVEL_RATIOS, LEVEL_SPECTRA, LEVEL_SEED
    specs = [("uniform", np.inf)] + [(p, model.length / r) for p in profiles for r in ratios]
    start = time.time()
    res = run_chunks(
        _levels_chunk,
        [(model, specs, s, LEVEL_PAIRS) for s in spawn_seeds(seed, n)],
        work_estimate=2.0 * n * len(specs),
        progress=not quick,
        desc="closed-dot spectra",
    )
    r = np.array(res)  # (n, 1 + P * R)
    arrays = {
        "profiles": np.array(profiles),
        "ratios": np.array(ratios),
        "ratio_none": r[:, 0],
        "ratio": r[:, 1:].reshape(n, len(profiles), len(ratios)),
    }
    provenance = {
        "model": {
            "length": model.length,
            "kf": model.kf,
            "disorder": model.disorder,
            "obstacle_radius": model.geometry.obstacle_radius,
        },
        "n_pairs_per_spectrum": LEVEL_PAIRS,
        "center_energy": model.energy,
        "seed": seed,
        "n_spectra": n,
        "elapsed_seconds": round(time.time() - start, 1),
        "reference": RATIO_REFERENCE,
    }
    return arrays, provenance


def levels_summary(arrays=None):
    """Mean and standard error (over realisations) of the spacing ratio per profile and L/lambda."""
    if arrays is None:
        arrays, _ = load("lattice-levels")
    r = arrays["ratio"]
    n = r.shape[0]
    return {
        "profiles": list(arrays["profiles"]),
        "ratios": arrays["ratios"],
        "mean": r.mean(axis=0),
        "stderr": r.std(axis=0, ddof=1) / np.sqrt(n),
        "none": (arrays["ratio_none"].mean(), arrays["ratio_none"].std(ddof=1) / np.sqrt(n)),
    }


@register(
    "lattice-gates",
    "lattice: which gate shapes restore symplectic symmetry (zero-field WL correction, "
    "closed-dot level statistics; stored data)",
)
def fig_lattice_gates(quick: bool = False) -> FigureResult:
    """Two panels: ``<G(0) - G(Phi=4)>`` per gate shape; spacing ratio versus L/lambda.

    ``quick`` has no effect: the figure is drawn from the stored datasets.
    """
    import matplotlib.pyplot as plt

    arrays, _ = load("lattice-magnetoconductance")
    flux, profiles, g = arrays["flux"], list(arrays["profiles"]), arrays["conductance"]
    zero, big = int(np.argmin(np.abs(flux))), int(np.argmax(flux))
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4.0))
    table = {"panel": [], "profile": [], "x": [], "value": [], "stderr": []}
    for k, prof in enumerate(profiles):
        d = g[:, k, zero] - g[:, k, big]
        mean, err = d.mean(), d.std(ddof=1) / np.sqrt(d.size)
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
def fig_lattice_profiles(quick: bool = False) -> FigureResult:
    """Strength ``s(r) = lambda / lambda(r)`` of each gate profile on the sites of a 60-site dot."""
    import matplotlib.pyplot as plt

    from ..lattice import PROFILES, profile_strength

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
KWANT_SYSTEM = dict(
    length=22,
    width=18,
    lead_width=8,
    kf=0.6,
    disorder=0.7,
    seed=4,
    so_length=7.0,
    flux=1.1,
    zeeman=(0.02, -0.01, 0.03),
)
KWANT_ENERGY = 0.5


def kwant_agreement_models():
    """The systems of the stored Kwant comparison: every gate profile plus no spin-orbit."""
    from ..lattice import PROFILES

    models = [DotModel(**{**KWANT_SYSTEM, "so_profile": p}) for p in PROFILES]
    models.append(DotModel(**{**KWANT_SYSTEM, "so_length": np.inf}))
    return models


@register_dataset(
    "lattice-kwant-agreement",
    "lattice: conductance of seven small dots from chaoticdot and from Kwant (needs kwant)",
)
def data_lattice_kwant_agreement(quick: bool = False):
    """Both routes for every gate profile (field and Zeeman term on), stored for builds without
    Kwant. ``quick`` has no effect (the run takes seconds)."""
    import kwant

    from ..kwant_crosscheck import kwant_conductance

    models = kwant_agreement_models()
    ours = np.array([m.conductance(KWANT_ENERGY) for m in models])
    theirs = np.array([kwant_conductance(m, KWANT_ENERGY) for m in models])
    labels = np.array([m.so_profile if np.isfinite(m.so_length) else "none" for m in models])
    provenance = {
        "system": {k: (list(v) if isinstance(v, tuple) else v) for k, v in KWANT_SYSTEM.items()},
        "energy": KWANT_ENERGY,
        "kwant_version": kwant.__version__,
    }
    return {"profiles": labels, "conductance": ours, "conductance_kwant": theirs}, provenance
