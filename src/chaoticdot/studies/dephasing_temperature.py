"""Dephasing and temperature: a realistic device at 100 mK and the absorbing-stub Monte Carlo.

The device estimate converts two GaAs dots with :class:`chaoticdot.units.Device` and evaluates
Eqs. (13)-(14) with dephasing (``N -> N + nphi``) and thermal smearing. The Monte Carlo samples
the absorbing stub of :func:`chaoticdot.rmt.sample_conductance` (``nphi`` keyword).
"""

from __future__ import annotations

from .. import theory
from ..units import Device, reference_device

__all__ = [
    "DOT_AREAS_UM2",
    "example_devices",
    "device_effects",
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
