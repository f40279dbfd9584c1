"""Dephasing and temperature: a realistic device at 100 mK and the absorbing-stub Monte Carlo.

The device estimate converts two GaAs dots with :class:`chaoticdot.units.Device` and evaluates
Eqs. (13)-(14) with dephasing (``N -> N + nphi``) and thermal smearing. The Monte Carlo samples
the absorbing stub of :func:`chaoticdot.rmt.sample_conductance` (``nphi`` keyword).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from .. import rmt, theory
from ..units import Device, reference_device

__all__ = [
    "DOT_AREAS_UM2",
    "example_devices",
    "device_effects",
    "MC_DEPHASING",
    "dephasing_samples",
]

#: Areas (um^2) of the two example dots, assumed of the size of the small and large dots of
#: Zumbuhl et al., PRL 89, 276803 (2002); not the measured areas of specific devices.
DOT_AREAS_UM2 = (1.2, 8.0)


def example_devices(**changes) -> list[Device]:
    """The two example dots: :func:`chaoticdot.units.reference_device` of each area.

    Every input is an assumption of typical size (:data:`chaoticdot.units.REFERENCE_DEVICE`).
    The uniform Rashba coupling is switched off (``lambda_um=None``): it enters neither ``a``
    nor Eqs. (13)-(14), and without it the two dots satisfy the universal-regime conditions.

    Parameters
    ----------
    **changes
        Fields of :class:`~chaoticdot.units.Device` that replace the reference values, and
        ``areas_um2`` (tuple of areas in um^2, > 0) to replace :data:`DOT_AREAS_UM2`.

    Raises
    ------
    TypeError
        For a keyword that is neither ``areas_um2`` nor a field of ``Device``.
    """
    areas = changes.pop("areas_um2", DOT_AREAS_UM2)
    return [reference_device(area, **{"lambda_um": None, **changes}) for area in areas]


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
