"""Lattice studies: the stored lattice datasets with their provenance.

Datasets (``python -m chaoticdot data NAME``)
--------------------------------------------
lattice-magnetoconductance
    400 realisations x 8 fluxes x 7 spin-orbit configurations at L = 100 (tens of minutes).
lattice-levels
    Closed-dot spacing ratios for six gate profiles at three L/lambda (about ten minutes).
lattice-kwant-agreement
    Conductance of seven small dots from chaoticdot and from Kwant (needs Kwant).

Conductances in ``e^2/h``, lengths in lattice constants ``a0``, flux in ``h/e``.
"""

from __future__ import annotations

import time

import numpy as np

from ..lattice import DotModel, RashbaField, conductance_ensemble, fit_displaced_dip
from ..lattice.levels import RATIO_REFERENCE, kramers_levels, spacing_ratios
from ..lattice.magnetoconductance import fit_line_shape
from ..parallel import run_chunks, spawn_seeds
from ..rmt import mean
from . import load, register_dataset
from ._lattice_record import dot_model_record, ensemble_run_record

__all__ = [
    "MC_FLUXES",
    "MC_PROFILES",
    "MC_LAMBDA",
    "magnetoconductance_model",
    "magnetoconductance_fits",
    "gate_spin_flux_fits",
    "rate_ratio",
    "levels_summary",
    "KWANT_ENERGY",
    "kwant_agreement_models",
    "kwant_agreement_label",
    "KWANT_DRESSELHAUS",
]

MC_FLUXES = (0.0, 0.15, 0.3, 0.5, 0.75, 1.1, 1.8, 4.0)


MC_PROFILES = ("none", "uniform", "half", "step", "corner", "curved", "checkerboard")


#: Spin-orbit length under the gate (a0): the same "gate material" for every shape.
MC_LAMBDA = 30.0


MC_SEED = 20021


MC_SAMPLES = 400


def magnetoconductance_model() -> DotModel:
    """Single-channel dot of the stored magnetoconductance data: L = 100, leads of 8 sites."""
    return DotModel(length=100, lead_width=8, kf=0.6, disorder=0.55)


def variant(profile: str, flux: float) -> dict:
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
    variants = [variant(p, f) for p in profiles for f in fluxes]
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
        "model": dot_model_record(model),
        "so_length_under_gate": MC_LAMBDA,
        **ensemble_run_record(model, seed=seed, n_samples=n, n_variants=len(variants)),
        "elapsed_seconds": round(elapsed, 1),
        "units": "conductance in e^2/h, flux in h/e through the 100 x 100 rectangle",
    }
    return arrays, provenance


def magnetoconductance_fits(arrays=None):
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


def gate_spin_flux_fits(arrays=None) -> dict:
    """GLS fits of the stored gate curves with a spin flux and an in-plane symplectic rate.

    Every gate carries, besides its edges, the commutator term of the Rashba vector potential:
    a perpendicular spin flux ``Phi_so = sum_r s(r)^2 / (4 pi lambda^2)`` (h/e) at leading
    order (:meth:`chaoticdot.lattice.RashbaField.spin_flux`), ``A / (4 pi lambda^2)`` for
    uniform coupling and for the ``+-alpha`` profiles, half of it for the half and curved gates
    and a quarter for the corner. The edges add in-plane spin fields. All seven curves (the
    reference without spin-orbit coupling and six gates, the same 400 realisations) are fitted
    jointly with :func:`chaoticdot.lattice.fit_displaced_dip`: shared ``G_cl``, dip depth and
    ``kappa``, per gate ``Phi_so`` and ``a^2`` (56 points, covariance over the realisations).

    Returns
    -------
    dict
        ``profiles`` (the six gates), ``predicted`` (profile -> leading-order ``Phi_so``),
        ``fits`` (rate -> DisplacedDipFit for rate ``None``, ``"one-axis"`` (``a_y``) and
        ``"two-axis"`` (``a_x = a_y``)); parameter ``k`` of a fit belongs to ``profiles[k]``.
    """
    if arrays is None:
        arrays, _ = load("lattice-magnetoconductance")
    flux, profiles, g = arrays["flux"], [str(p) for p in arrays["profiles"]], arrays["conductance"]
    ref = profiles.index("none")
    gates = [p for p in profiles if p != "none"]
    columns = [profiles.index(p) for p in gates]
    geo = magnetoconductance_model().geometry
    predicted = {p: RashbaField(p, MC_LAMBDA, geo).spin_flux() for p in gates}
    start = [predicted[p] for p in gates]
    fits = {
        rate: fit_displaced_dip(
            flux, g[:, ref], g[:, columns], n_lead=1, rate=rate, start_spin_flux=start
        )
        for rate in (None, "one-axis", "two-axis")
    }
    return {"profiles": gates, "predicted": predicted, "fits": fits}


def rate_ratio(fit, numerator, denominator) -> tuple[float, float]:
    """Ratio of two fitted parameters (or of two sums of parameters) with its standard error.

    Parameters
    ----------
    fit : DisplacedDipFit
        A fit of :func:`chaoticdot.lattice.fit_displaced_dip`.
    numerator, denominator : str or sequence of str
        Parameter names; a sequence stands for the sum of its parameters.

    Returns
    -------
    (float, float)
        The ratio and its standard error (linear propagation with the parameter covariance).
    """
    num = [numerator] if isinstance(numerator, str) else list(numerator)
    den = [denominator] if isinstance(denominator, str) else list(denominator)
    i = [fit.names.index(n) for n in num]
    j = [fit.names.index(n) for n in den]
    a, b = float(np.sum(fit.values[i])), float(np.sum(fit.values[j]))
    grad = np.zeros(len(fit.values))
    grad[i] += 1.0 / b
    grad[j] -= a / b**2
    return a / b, float(np.sqrt(grad @ fit.covariance @ grad))


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
    ratio, none = mean(arrays["ratio"]), mean(arrays["ratio_none"])
    return {
        "profiles": list(arrays["profiles"]),
        "ratios": arrays["ratios"],
        "mean": ratio.value,
        "stderr": ratio.error,
        "none": (float(none.value), float(none.error)),
    }


KWANT_SYSTEM = {
    "length": 22,
    "width": 18,
    "lead_width": 8,
    "kf": 0.6,
    "disorder": 0.7,
    "seed": 4,
    "so_length": 7.0,
    "flux": 1.1,
    "zeeman": (0.02, -0.01, 0.03),
}


KWANT_ENERGY = 0.5


#: ``(gate profile or None, uniform Dresselhaus length in a0)`` of the Kwant comparison:
#: Dresselhaus coupling alone, and with a gate.
KWANT_DRESSELHAUS = ((None, 6.0), ("corner", -9.0))


def kwant_agreement_models():
    """The systems of the stored Kwant comparison: every gate profile, no spin-orbit coupling,
    and uniform Dresselhaus coupling alone and with a gate (:data:`KWANT_DRESSELHAUS`)."""
    from ..lattice import PROFILES

    models = [DotModel(**{**KWANT_SYSTEM, "so_profile": p}) for p in PROFILES]
    models.append(DotModel(**{**KWANT_SYSTEM, "so_length": np.inf}))
    for profile, length in KWANT_DRESSELHAUS:
        gate = {"so_profile": profile} if profile else {"so_length": np.inf}
        models.append(DotModel(**{**KWANT_SYSTEM, **gate, "dresselhaus_length": length}))
    return models


def kwant_agreement_label(model: DotModel) -> str:
    """Row label of a model of :func:`kwant_agreement_models`."""
    label = model.so_profile if np.isfinite(model.so_length) else "none"
    if np.isfinite(model.dresselhaus_length):
        return "dresselhaus" if label == "none" else f"{label}+dresselhaus"
    return label


@register_dataset(
    "lattice-kwant-agreement",
    "lattice: conductance of nine small dots from chaoticdot and from Kwant (needs kwant)",
)
def data_lattice_kwant_agreement(quick: bool = False):
    """Both routes for every model of :func:`kwant_agreement_models` (field and Zeeman term
    on), stored for builds without Kwant. ``quick`` has no effect (the run takes seconds)."""
    import kwant

    from ..kwant_crosscheck import kwant_conductance

    models = kwant_agreement_models()
    ours = np.array([m.conductance(KWANT_ENERGY) for m in models])
    theirs = np.array([kwant_conductance(m, KWANT_ENERGY) for m in models])
    labels = np.array([kwant_agreement_label(m) for m in models])
    provenance = {
        "system": {k: (list(v) if isinstance(v, tuple) else v) for k, v in KWANT_SYSTEM.items()},
        "energy": KWANT_ENERGY,
        "kwant_version": kwant.__version__,
    }
    return {"profiles": labels, "conductance": ours, "conductance_kwant": theirs}, provenance
