"""Dephasing and temperature: a realistic device at 100 mK and the absorbing-stub Monte Carlo.

The device estimate converts two GaAs dots with :class:`chaoticdot.units.Device` and evaluates
Eqs. (13)-(14) with dephasing (``N -> N + nphi``) and thermal smearing. The Monte Carlo samples
the absorbing stub of :func:`chaoticdot.rmt.sample_conductance` (``nphi`` keyword).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from .. import rmt, theory
from ..units import Device

__all__ = [
    "DEVICE_ASSUMPTIONS",
    "example_devices",
    "device_effects",
    "MC_DEPHASING",
    "dephasing_samples",
]

#: Assumptions of the device estimate; every entry is an input, not a result. Sources: notes
#: §8 (GaAs constants, density) and §9 (nominal dot areas, temperature and dephasing time of
#: the Zumbuehl et al. experiments, quoted from memory and not verified against the paper).
DEVICE_ASSUMPTIONS = {
    "areas_um2": (1.2, 8.0),  # nominal dot areas [notes §9, unverified]
    "N1": 1,  # one spin-degenerate mode per point contact [assumed]
    "N2": 1,
    "density_cm2": 5.8e11,  # sheet density [notes §8, assumed]
    "temperature_K": 0.1,  # electron temperature of the question
    "tau_phi_ns": 0.3,  # dephasing time, held fixed [notes §9, unverified]
    "lambda_s_um": 10.0,  # gate modulation length of the SO coupling [assumed]
    "c_s": 1.0,  # O(1) prefactor of Eq. (3) [unknown, set to 1]
}


def example_devices(**changes) -> list[Device]:
    """The two example dots of :data:`DEVICE_ASSUMPTIONS` (``changes`` override entries)."""
    p = {**DEVICE_ASSUMPTIONS, **changes}
    return [
        Device(
            area_um2=area,
            N1=p["N1"],
            N2=p["N2"],
            density_cm2=p["density_cm2"],
            temperature_K=p["temperature_K"],
            tau_phi_ns=p["tau_phi_ns"],
            lambda_s_um=p["lambda_s_um"],
            c_s=p["c_s"],
        )
        for area in p["areas_um2"]
    ]


def device_effects(device: Device) -> dict[str, float]:
    """Size of dephasing and thermal smearing for one device (x = b = 0).

    Returns
    -------
    dict
        The dimensionless inputs (``N``, ``a2``, ``nphi``, ``kT``) and, for the ideal dot
        (``nphi = kT = 0``), with dephasing only, with temperature only, and with both:
        ``var_*`` (``(e^2/h)^2``) and ``dG_*`` (``e^2/h``; independent of temperature).
    """
    p = device.dimensionless(warn=False)
    n1, n2, a, nphi, kT = p["N1"], p["N2"], p["a"], p["nphi"], p["kT"]
    out = {"N": n1 + n2, "a2": a * a, "nphi": nphi, "kT": kT}
    for label, nph, temp in (
        ("ideal", 0.0, 0.0),
        ("dephasing", nphi, 0.0),
        ("temperature", 0.0, kT),
        ("both", nphi, kT),
    ):
        out[f"var_{label}"] = theory.conductance_variance(n1, n2, a=a, nphi=nph, kT=temp)
        out[f"dG_{label}"] = theory.wl_correction(n1, n2, a=a, nphi=nph)
    return out


#: N1 = N2 = 2, no field or spin-orbit coupling; nphi up to 2N. M = 10 max(N, nphi).
MC_DEPHASING = {
    "N1": 2,
    "N2": 2,
    "nphi": (0.0, 1.0, 2.0, 4.0, 8.0),
    "M": 80,
    "M_quick": 40,
    "samples": 1000,
    "samples_quick": 100,
    "seed": 1986,
}


def dephasing_samples(quick: bool = False):
    """Monte-Carlo conductances of the absorbing stub, shape ``(samples, len(nphi))``.

    Returns
    -------
    nphi : ndarray
    G : ndarray
        Conductances in ``e^2/h`` from Eq. (4) with the sub-unitary ``S``.
    M : int
    """
    return _dephasing_samples(bool(quick))


@lru_cache(maxsize=2)
def _dephasing_samples(quick: bool):
    # cached on a positional bool: the chapter and the figure share one Monte-Carlo run
    p = MC_DEPHASING
    nphi = np.array(p["nphi"])
    M = p["M_quick"] if quick else p["M"]
    G = rmt.sample_conductance(
        p["N1"],
        p["N2"],
        nphi=nphi,
        samples=p["samples_quick"] if quick else p["samples"],
        M=M,
        seed=p["seed"],
    )
    return nphi, G, M
