"""Dataset ``lattice-scaling``: spin-orbit suppression of the weak-localization dip versus L.

For dots of four sizes ``L`` (same leads, disorder and Fermi wavenumber, so the same channel
number ``N``), and for uniform coupling and two gates, the paired differences
``G_lambda(B=0) - G_noSO(B=0)`` at three *fixed* spin-orbit lengths ``lambda`` (``lambda_s``
for the gates) shared by every size. Each size is fitted with ``c2 x^2 + c4 x^4``
(``x = L/lambda``, :func:`chaoticdot.lattice.fit_even_series`), and the coefficients are
compared across sizes: paper Eqs. (2)-(3) give ``a^2 ~ (E_T/Delta) (L/lambda)^4`` (uniform) and
``(E_T/Delta) (L/lambda_s)^2`` (gates), so ``c4(uniform)`` and ``c2(gate)`` should both grow
like ``E_T/Delta`` and their ratio should not depend on ``L``.

The run (``python -m chaoticdot data lattice-scaling``) takes about 20 minutes on one core.
"""

from __future__ import annotations

import time

import numpy as np

from ..lattice import (
    DotModel,
    coefficient_ratio,
    fit_even_series,
    fit_size_law,
    suppression_study,
)
from . import load, register_dataset

__all__ = [
    "SCALING_SIZES",
    "SCALING_SAMPLES",
    "SCALING_PROFILES",
    "SCALING_LAMBDAS",
    "SCALING_SEED",
    "scaling_model",
    "size_seed",
    "data_lattice_scaling",
    "scaling_analysis",
]

#: Dot sizes L (sites) and realisations per size (more where a solve is cheap).
SCALING_SIZES = (40, 60, 80, 100)
SCALING_SAMPLES = (800, 500, 360, 240)
#: Uniform coupling and two gates (the half gate with one straight edge, a corner gate).
SCALING_PROFILES = ("uniform", "half", "corner")
#: Spin-orbit lengths lambda (uniform) and lambda_s (gates), in a0, shared by every size.
SCALING_LAMBDAS = (200.0, 300.0, 400.0)
SCALING_SEED = 20031
#: Flux (h/e) at which time reversal is broken, for the depth of the dip.
LARGE_FLUX = 4.0


def scaling_model(length: int) -> DotModel:
    """Dot of the scaling study: one channel per lead (leads of 8 sites, k_F a0 = 0.6),
    disorder w = 0.55 t (Born mean free path 95 a0), obstacle radius L/6."""
    return DotModel(length=int(length), lead_width=8, kf=0.6, disorder=0.55)


def size_seed(length: int, seed: int = SCALING_SEED) -> np.random.SeedSequence:
    """Root seed of the realisations of size ``length`` (a fresh SeedSequence each call)."""
    return np.random.SeedSequence((int(seed), int(length)))


@register_dataset(
    "lattice-scaling",
    "lattice: WL suppression by spin-orbit coupling at L = 40-100, uniform and two gates",
)
def data_lattice_scaling(quick: bool = False):
    """Paired differences for every size, profile and spin-orbit length; one core.

    ``quick``: L = 40 only, 48 realisations from an independent seed (a statistical
    regeneration check, seconds).
    """
    if quick:
        sizes, samples, seed = (40,), (48,), SCALING_SEED + 1
    else:
        sizes, samples, seed = SCALING_SIZES, SCALING_SAMPLES, SCALING_SEED
    lambdas = np.array(SCALING_LAMBDAS)
    arrays = {
        "sizes": np.array(sizes),
        "profiles": np.array(SCALING_PROFILES),
        "lambdas": lambdas,
    }
    timing, models = {}, {}
    for length, n in zip(sizes, samples, strict=True):
        model = scaling_model(length)
        start = time.process_time()
        study = suppression_study(
            model,
            {p: length / lambdas for p in SCALING_PROFILES},
            n_samples=n,
            seed=size_seed(length, seed),
            large_flux=LARGE_FLUX,
            executor="serial",
        )
        timing[str(length)] = round(time.process_time() - start, 1)
        arrays[f"differences_L{length}"] = np.stack(
            [study.differences[p] for p in SCALING_PROFILES], axis=1
        )  # (n, profile, lambda)
        arrays[f"dip_L{length}"] = study.dip
        models[str(length)] = {
            "n_samples": n,
            "n_sites": int(model.geometry.n_sites),
            "thouless_over_spacing": float(model.thouless_energy / model.level_spacing),
        }
    provenance = {
        "model": {
            "lead_width": 8,
            "kf": 0.6,
            "disorder": 0.55,
            "n_channels_per_lead": scaling_model(sizes[0]).n_channels,
            "mean_free_path_born": scaling_model(sizes[0]).mean_free_path,
            "obstacle_radius": "L/6",
        },
        "sizes": models,
        "lambdas_a0": list(SCALING_LAMBDAS),
        "large_flux": LARGE_FLUX,
        "seed": seed,
        "seed_rule": "SeedSequence((seed, L)), one spawned child per realisation",
        "cpu_seconds_per_size": timing,
        "executor": "serial (one core)",
        "units": "conductance differences in e^2/h; lambda (uniform) or lambda_s (gates) in a0",
    }
    return arrays, provenance


def scaling_analysis(arrays=None) -> dict:
    """Fits of the stored (or given) dataset.

    Returns
    -------
    dict
        ``fits[L][profile]`` (EvenSeriesFit of ``c2 x^2 + c4 x^4``), ``dip[L]`` (mean, error),
        ``ratios[L][name]`` (value, error) for ``corner/half`` (``c2`` over ``c2``) and
        ``half/uniform`` (``c2(half)`` over ``c4(uniform)``), and ``laws[name]`` (SizeLaw of
        ``c2(half)``, ``c2(corner)``, ``c4(uniform)`` and ``half/uniform`` versus ``L``; a law
        is left out when one of its values is not positive).
    """
    if arrays is None:
        arrays, _ = load("lattice-scaling")
    sizes = [int(v) for v in arrays["sizes"]]
    profiles = [str(p) for p in arrays["profiles"]]
    lambdas = np.asarray(arrays["lambdas"], dtype=float)
    fits, dip, ratios = {}, {}, {}
    for length in sizes:
        d = arrays[f"differences_L{length}"]
        fits[length] = {
            p: fit_even_series(length / lambdas, d[:, k, :]) for k, p in enumerate(profiles)
        }
        g = arrays[f"dip_L{length}"]
        dip[length] = (float(g.mean()), float(g.std(ddof=1) / np.sqrt(g.size)))
        f = fits[length]
        ratios[length] = {
            "corner/half": coefficient_ratio(f["corner"], 2, f["half"], 2),
            "half/uniform": coefficient_ratio(f["half"], 2, f["uniform"], 4),
        }
    laws = {}
    if len(sizes) >= 2:
        for name, prof, power in (
            ("c2(half)", "half", 2),
            ("c2(corner)", "corner", 2),
            ("c4(uniform)", "uniform", 4),
        ):
            est = np.array([fits[L][prof].coefficient(power) for L in sizes])
            if np.all(est[:, 0] > 0):  # a power law needs positive values
                laws[name] = fit_size_law(sizes, est[:, 0], est[:, 1])
        est = np.array([ratios[L]["half/uniform"] for L in sizes])
        if np.all(est[:, 0] > 0):
            laws["half/uniform"] = fit_size_law(sizes, est[:, 0], est[:, 1])
    return {"sizes": sizes, "fits": fits, "dip": dip, "ratios": ratios, "laws": laws}
