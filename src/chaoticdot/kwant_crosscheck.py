"""Independent cross-check of :mod:`chaoticdot.lattice` with Kwant (optional dependency).

Kwant (Groth, Wimmer, Akhmerov and Waintal, New J. Phys. 16, 063065 (2014)) is the field's
standard tight-binding transport code. This module rebuilds a :class:`~chaoticdot.lattice.DotModel`
in Kwant *from its physical definition* — sites, on-site energies, Rashba links computed here
with a matrix exponential, Peierls phases, Zeeman term, translation-invariant leads — without
using the lattice package's Hamiltonian, lead or solver code, and compares the transmission.
Kwant is imported lazily; the library itself never needs it.
"""

from __future__ import annotations

import numpy as np
import scipy.linalg as sla

from .pauli import SIGMA

__all__ = ["kwant_available", "build_kwant_system", "kwant_conductance", "compare_with_kwant"]

_PAULI = tuple(SIGMA)


def kwant_available() -> bool:
    """True if ``import kwant`` works."""
    try:
        import kwant  # noqa: F401
    except ImportError:
        return False
    return True


def build_kwant_system(model):
    """Finalized Kwant system equivalent to ``model`` (a :class:`~chaoticdot.lattice.DotModel`).

    Hopping convention: ``syst[a, b]`` is ``H_ab``. For a bond from ``r`` to ``r + d``:
    ``H[r, r+d] = -exp(-i phi (y - y0)) exp(-i theta sigma_y)`` (``d = x``) and
    ``-exp(+i theta sigma_x)`` (``d = y``), with ``theta = s(r_mid) / (2 lambda)`` from the gate
    profile and ``phi = 2 pi Phi / (length width)`` only on x bonds inside the dot.

    Smooth contacts (``model.smooth_contacts``) are built here the *other* way round from the
    library: the dot keeps its links and each lead gets the transverse links
    ``-exp(i theta sigma_x)`` of the dot column it touches (a pure gauge in a straight lead).
    The library instead rotates the dot by the axial gauge and keeps plain leads; the two
    systems are gauge equivalent, so the transmissions must agree exactly.
    """
    import kwant

    from .lattice.spin_orbit import profile_strength

    geo = model.geometry
    lat = kwant.lattice.square(a=1, norbs=2)
    syst = kwant.Builder()
    pot = model.potential()
    zeeman = sum(h * s for h, s in zip(model.zeeman, _PAULI, strict=True))
    for i, (x, y) in enumerate(geo.sites):
        syst[lat(int(x), int(y))] = (4.0 + pot[i]) * np.eye(2) + zeeman

    phi = 2.0 * np.pi * model.flux / (geo.length * geo.width)
    y0 = (geo.width - 1) / 2.0

    def theta(xm, ym):
        if np.isinf(model.so_length):
            return 0.0
        return float(profile_strength(model.so_profile, xm, ym, geo)) / (2.0 * model.so_length)

    mask = geo.mask
    for x, y in geo.sites:
        x, y = int(x), int(y)
        if x + 1 < geo.length and mask[x + 1, y]:
            link = sla.expm(-1j * theta(x + 0.5, y) * _PAULI[1])
            syst[lat(x, y), lat(x + 1, y)] = -np.exp(-1j * phi * (y - y0)) * link
        if y + 1 < geo.width and mask[x, y + 1]:
            link = sla.expm(1j * theta(x, y + 0.5) * _PAULI[0])
            syst[lat(x, y), lat(x, y + 1)] = -link

    for side, direction in ((0, (-1, 0)), (1, (1, 0))):
        lead = kwant.Builder(kwant.TranslationalSymmetry(direction))
        rows = [int(y) for y in geo.lead_rows(side)]
        contact_x = 0 if side == 0 else geo.length - 1
        for y in rows:
            lead[lat(0, y)] = 4.0 * np.eye(2)
        lead[kwant.builder.HoppingKind((1, 0), lat, lat)] = -np.eye(2)
        for y in rows[:-1]:
            angle = theta(contact_x, y + 0.5) if model.smooth_contacts else 0.0
            lead[lat(0, y), lat(0, y + 1)] = -sla.expm(1j * angle * _PAULI[0])
        syst.attach_lead(lead)
    return syst.finalized()


def kwant_conductance(model, energy: float) -> float:
    """``tr t^dagger t`` (e^2/h) from Kwant's scattering matrix (MUMPS if available)."""
    import kwant

    try:
        kwant.solvers.mumps.options(ordering="amd")
    except (AttributeError, RuntimeError):  # pragma: no cover - MUMPS missing
        pass
    fsyst = build_kwant_system(model)
    return float(kwant.smatrix(fsyst, energy).transmission(1, 0))


def compare_with_kwant(models, energy: float) -> np.ndarray:
    """``|G_lattice - G_kwant|`` (e^2/h) for each model at ``energy``."""
    return np.array([abs(m.conductance(energy) - kwant_conductance(m, energy)) for m in models])
