"""Dataset ``lattice-spin-flux``: the weak-localization dip of uniform spin-orbit coupling.

Uniform coupling is a pure gauge up to the commutator of the SU(2) vector potential, which acts
on the orbital motion as a perpendicular field ``+-B_so`` for ``sigma_z = +-1``, a spin flux
``Phi_so = A / (4 pi lambda_x lambda_y)`` (h/e) through the dot (Aleiner & Fal'ko, PRL 87,
256801 (2001); :func:`chaoticdot.lattice.spin_flux`). The two spin species then see the fluxes
``Phi + Phi_so`` and ``Phi - Phi_so``, and the dip of ``<G>(Phi)`` splits into two half dips at
``Phi = +-Phi_so``. The dataset holds ``G(Phi)`` of the same realisations for lambda = inf
(reference: field scale, dip depth, classical value), Rashba coupling at three lengths and one
Rashba + Dresselhaus case with ``lambda_x != lambda_y``.

Only ``Phi >= 0`` is computed: without a Zeeman term ``G(Phi) = G(-Phi)`` holds exactly for
every realisation (reciprocity with the time reversal ``i sigma_y K``, which maps the spin
flux of ``sigma_z = +1`` onto that of ``sigma_z = -1``; tested in ``tests/test_lattice.py``).

The run (``python -m chaoticdot data lattice-spin-flux``) takes about 15 CPU minutes (one core).
Conductances in e^2/h, lengths in a0, flux in h/e through the ``L x L`` square.
"""

from __future__ import annotations

import time

import numpy as np

from ..lattice import DotModel, conductance_ensemble, fit_displaced_dip
from . import load, register_dataset
from ._lattice_record import dot_model_record, ensemble_run_record

__all__ = [
    "SPIN_FLUX_FLUXES",
    "SPIN_FLUX_COUPLINGS",
    "SPIN_FLUX_SAMPLES",
    "SPIN_FLUX_SEED",
    "spin_flux_model",
    "data_lattice_spin_flux",
    "spin_flux_analysis",
]

#: Flux grid (h/e): fine across the dips, a few points beyond to fix the classical value.
SPIN_FLUX_FLUXES = (
    *np.round(np.arange(0.0, 2.01, 0.2), 1),
    2.4,
    2.8,
    3.2,
    3.6,
    4.5,
    6.0,
)
#: (lambda_R, lambda_D) in a0: reference, Rashba only at three lengths, Rashba + Dresselhaus.
SPIN_FLUX_COUPLINGS = (
    (np.inf, np.inf),
    (20.0, np.inf),
    (14.0, np.inf),
    (10.0, np.inf),
    (14.0, 35.0),
)
SPIN_FLUX_SAMPLES = 288
SPIN_FLUX_SEED = 20041


def spin_flux_model() -> DotModel:
    """Dot of the spin-flux data: L = 60, two channels per lead (leads of 12 sites,
    k_F a0 = 0.6), disorder w = 0.55 t, uniform coupling, smooth contacts."""
    return DotModel(length=60, lead_width=12, kf=0.6, disorder=0.55, so_profile="uniform")


def _variant(lengths, flux) -> dict:
    rashba, dresselhaus = lengths
    return {"so_length": rashba, "dresselhaus_length": dresselhaus, "flux": float(flux)}


@register_dataset(
    "lattice-spin-flux",
    "lattice: <G>(flux) for uniform Rashba(+Dresselhaus) coupling, L=60, 288 samples, 15 CPU min",
)
def data_lattice_spin_flux(quick: bool = False):
    """``G(Phi)`` of 288 realisations (disorder + energy) x 5 couplings x 17 fluxes, one core.

    ``quick``: the reference and lambda_R = 10 a0 at fluxes 0 and 2.8, 24 realisations from
    an independent seed (statistical regeneration check, seconds).
    """
    model = spin_flux_model()
    if quick:
        fluxes, couplings, n, seed = (0.0, 2.8), SPIN_FLUX_COUPLINGS[::3], 24, SPIN_FLUX_SEED + 1
    else:
        fluxes, couplings = SPIN_FLUX_FLUXES, SPIN_FLUX_COUPLINGS
        n, seed = SPIN_FLUX_SAMPLES, SPIN_FLUX_SEED
    variants = [_variant(c, f) for c in couplings for f in fluxes]
    start = time.process_time()
    res = conductance_ensemble(model, variants, n_samples=n, seed=seed, executor="serial")
    cpu = time.process_time() - start
    arrays = {
        "flux": np.array(fluxes, dtype=float),
        "rashba_length": np.array([c[0] for c in couplings]),
        "dresselhaus_length": np.array([c[1] for c in couplings]),
        "conductance": res.conductance[:, 0, :].reshape(n, len(couplings), len(fluxes)),
        "energies": res.energies[:, 0],
    }
    provenance = {
        "model": {
            **dot_model_record(model),
            "area": model.geometry.area,
            "so_profile": model.so_profile,
        },
        **ensemble_run_record(model, seed=seed, n_samples=n, n_variants=len(variants)),
        "cpu_seconds": round(cpu, 1),
        "executor": "serial (one core)",
        "units": "conductance in e^2/h, flux in h/e through the 60 x 60 square, lengths in a0",
    }
    return arrays, provenance


def spin_flux_analysis(arrays=None, *, rate="two-axis") -> dict:
    """GLS fits of the stored spin-flux curves, one coupling at a time with the reference.

    For each coupling ``k`` the reference curve (lambda = inf) and the curve of ``k`` (the
    same realisations, 2 x 17 points) are fitted jointly with
    :func:`chaoticdot.lattice.fit_displaced_dip`: shared ``G_cl``, dip depth and ``kappa``,
    and ``Phi_so`` (plus ``a^2`` unless ``rate`` is None) of the coupling. The default adds an
    in-plane rate ``a_x = a_y``: it absorbs what the leading-order spin flux leaves out at
    ``L/lambda = 3-6`` (without it ``chi^2/dof`` is 4 to 6).

    Returns
    -------
    dict
        ``lengths`` (list of ``(lambda_R, lambda_D)``), ``lambda_xy`` (list of ``(lambda_x,
        lambda_y)``), ``predicted`` (leading-order ``A / (4 pi lambda_x lambda_y)``, h/e),
        ``fits`` (list of DisplacedDipFit), ``flux``.
    """
    if arrays is None:
        arrays, _ = load("lattice-spin-flux")
    flux, g = arrays["flux"], arrays["conductance"]
    rashba, dresselhaus = arrays["rashba_length"], arrays["dresselhaus_length"]
    model = spin_flux_model()
    ref = [k for k in range(g.shape[1]) if np.isinf(rashba[k]) and np.isinf(dresselhaus[k])][0]
    out = {"lengths": [], "lambda_xy": [], "predicted": [], "fits": [], "flux": flux}
    for k in range(g.shape[1]):
        if k == ref:
            continue
        dot = model.replace(so_length=float(rashba[k]), dresselhaus_length=float(dresselhaus[k]))
        inv_r, inv_d = 1.0 / rashba[k], 1.0 / dresselhaus[k]
        predicted = dot.spin_flux
        fit = fit_displaced_dip(
            flux,
            g[:, ref],
            g[:, k : k + 1],
            n_lead=model.n_channels,
            rate=rate,
            start_spin_flux=[predicted],
        )
        out["lengths"].append((float(rashba[k]), float(dresselhaus[k])))
        out["lambda_xy"].append((float(1.0 / (inv_r - inv_d)), float(1.0 / (inv_r + inv_d))))
        out["predicted"].append(predicted)
        out["fits"].append(fit)
    return out
