"""Independent cross-check of :mod:`chaoticdot.lattice` with Kwant (optional dependency).

Kwant (Groth, Wimmer, Akhmerov and Waintal, New J. Phys. 16, 063065 (2014)) is the field's
standard tight-binding transport code. This module rebuilds a :class:`~chaoticdot.lattice.DotModel`
in Kwant *from its physical definition* — sites, on-site energies, spin-orbit links derived here
from the continuum Hamiltonian and computed with a matrix exponential, Peierls phases, Zeeman
term, translation-invariant leads — without using the lattice package's Hamiltonian, link, lead
or solver code (only its gate profile ``s(r)``, which defines where the gate is), and compares
the transmission. Kwant is imported lazily; the library itself never needs it.

Continuum model. Units a0 = 1, hbar = 1, hopping ``t = hbar^2 / (2 m a0^2) = 1``. The lattice
package states (:mod:`~chaoticdot.lattice.spin_orbit`) a gated Rashba term ``(s(r)/lambda_R)
(k_y sigma_x - k_x sigma_y)`` (paper Eq. (1) with ``lambda_x = lambda_y``) and a uniform linear
Dresselhaus term ``(1/lambda_D)(k_y sigma_x + k_x sigma_y)`` (a [001] well with x along [110];
Aleiner & Fal'ko, PRL 87, 256801 (2001)), both in units of t. Both are of the form

    H = k^2 + sum_{j, a = x, y} M_ja(r) k_j sigma_a,
    M = (s / lambda_R) [[0, -1], [1, 0]] + (1 / lambda_D) [[0, 1], [1, 0]]    (1/a0),

(row ``j`` = momentum component, column ``a`` = spin component), i.e. ``H = (k + A)^2`` up to
the constant ``|M|^2 / 4`` with the SU(2) vector potential ``A_j = (1/2) sum_a M_ja sigma_a``
(Aleiner & Fal'ko, above). Peierls substitution puts ``A`` on the bonds: ``H[r, r + e_j] = -t
expm(i a0 A_j(r + e_j / 2))``, since for a uniform ``A`` a plane wave then has the band ``-2t
cos(k_j + A_j) = -2t + t (k_j + A_j)^2 + O(k^4)``. The generator ``sum_a M_ja sigma_a / 2`` of
each bond direction is built from ``M`` and exponentiated numerically, so the link of a bond
follows from the continuum Hamiltonian alone. For the lattice package's convention it gives
``exp(-i theta_x sigma_y)`` on x bonds and ``exp(+i theta_y sigma_x)`` on y bonds with
``theta_x = s/(2 lambda_R) - 1/(2 lambda_D)`` and ``theta_y = s/(2 lambda_R) + 1/(2 lambda_D)``:
paper Eq. (1) with ``1/lambda_x = s/lambda_R - 1/lambda_D``, ``1/lambda_y = s/lambda_R +
1/lambda_D`` (Halperin et al., PRL 86, 2106 (2001)). For ``lambda_D = +-lambda_R`` with a
uniform gate only one spin axis is left, a pure gauge (Aleiner & Fal'ko).

Leads and contacts, as the lattice package states them (:mod:`~chaoticdot.lattice.hamiltonian`):
the leads are clean and spin degenerate (no Zeeman term, no field, no spin-orbit coupling of
either kind); the links, Peierls phases and Zeeman term live on the dot's own bonds and sites.
With smooth contacts the transverse link of the contact column (Rashba *and* Dresselhaus part,
``exp(i theta_y sigma_x)``) continues into each lead (:func:`build_kwant_system`).
"""

from __future__ import annotations

import numpy as np
import scipy.linalg as sla

from ._validation import as_scalar, check_finite, check_instance
from .lattice import DotModel
from .pauli import SIGMA

__all__ = ["kwant_available", "build_kwant_system", "kwant_conductance", "compare_with_kwant"]

_PAULI = tuple(SIGMA)

#: Rashba ``k_y sigma_x - k_x sigma_y`` and Dresselhaus ``k_y sigma_x + k_x sigma_y`` as
#: coefficient matrices ``M_ja`` of ``k_j sigma_a`` (rows x, y momentum; columns x, y spin).
_RASHBA_FORM = np.array([[0.0, -1.0], [1.0, 0.0]])
_DRESSELHAUS_FORM = np.array([[0.0, 1.0], [1.0, 0.0]])


def kwant_available() -> bool:
    """True if ``import kwant`` works."""
    try:
        import kwant  # noqa: F401
    except ImportError:
        return False
    return True


def _coupling_matrix(model, x: float, y: float) -> np.ndarray:
    """``M_ja`` (1/a0) of the continuum term ``sum M_ja k_j sigma_a`` at ``(x, y)`` (module doc)."""
    from .lattice.spin_orbit import profile_strength

    out = np.zeros((2, 2))
    if not np.isinf(model.so_length):
        s = float(profile_strength(model.so_profile, x, y, model.geometry))
        out = out + (s / model.so_length) * _RASHBA_FORM
    if not np.isinf(model.dresselhaus_length):
        out = out + _DRESSELHAUS_FORM / model.dresselhaus_length
    return out


def _link(model, direction: int, x: float, y: float) -> np.ndarray:
    """Spin part ``expm(i A_j)`` of ``H[r, r + e_j]`` for the bond with midpoint ``(x, y)``.

    ``direction`` 0 = x bond, 1 = y bond; ``A_j = (1/2) sum_a M_ja sigma_a`` (module docstring).
    """
    row = _coupling_matrix(model, x, y)[direction]
    generator = 0.5 * (row[0] * _PAULI[0] + row[1] * _PAULI[1])
    return sla.expm(1j * generator)


def build_kwant_system(model):
    """Finalized Kwant system equivalent to ``model`` (a :class:`~chaoticdot.lattice.DotModel`).

    Hopping convention: ``syst[a, b]`` is ``H_ab``. For a bond from ``r`` to ``r + e_j``:
    ``H[r, r+e_x] = -exp(-i phi (y - y0)) expm(i A_x)`` and ``H[r, r+e_y] = -expm(i A_y)``,
    with ``A`` the Rashba plus Dresselhaus vector potential of the module docstring at the bond
    midpoint and ``phi = 2 pi Phi / (length width)`` only on x bonds inside the dot.

    Smooth contacts (``model.smooth_contacts``) are built here the *other* way round from the
    library: the dot keeps its links and each lead gets the transverse links ``-expm(i A_y)``
    of the dot column it touches (Rashba and Dresselhaus parts; a pure gauge in a straight
    lead, whose x links are 1). The library instead rotates the dot by the axial gauge and
    keeps plain leads; the two systems are gauge equivalent, so the transmissions must agree
    exactly. Without smooth contacts the leads are plain.

    Parameters
    ----------
    model : DotModel
        The dot (geometry, disorder realisation, couplings, flux, Zeeman term).

    Returns
    -------
    kwant.system.FiniteSystem
        Two leads, 0 left and 1 right; two orbitals (spin up, down along z) per site.
    """
    import kwant

    check_instance(model, DotModel, "model")
    geo = model.geometry
    lat = kwant.lattice.square(a=1, norbs=2)
    syst = kwant.Builder()
    pot = model.potential()
    zeeman = sum(h * s for h, s in zip(model.zeeman, _PAULI, strict=True))
    for i, (x, y) in enumerate(geo.sites):
        syst[lat(int(x), int(y))] = (4.0 + pot[i]) * np.eye(2) + zeeman

    phi = 2.0 * np.pi * model.flux / (geo.length * geo.width)
    y0 = (geo.width - 1) / 2.0

    mask = geo.mask
    for x, y in geo.sites:
        x, y = int(x), int(y)
        if x + 1 < geo.length and mask[x + 1, y]:
            link = _link(model, 0, x + 0.5, y)
            syst[lat(x, y), lat(x + 1, y)] = -np.exp(-1j * phi * (y - y0)) * link
        if y + 1 < geo.width and mask[x, y + 1]:
            syst[lat(x, y), lat(x, y + 1)] = -_link(model, 1, x, y + 0.5)

    for side, direction in ((0, (-1, 0)), (1, (1, 0))):
        lead = kwant.Builder(kwant.TranslationalSymmetry(direction))
        rows = [int(y) for y in geo.lead_rows(side)]
        contact_x = 0 if side == 0 else geo.length - 1
        for y in rows:
            lead[lat(0, y)] = 4.0 * np.eye(2)
        lead[kwant.builder.HoppingKind((1, 0), lat, lat)] = -np.eye(2)
        for y in rows[:-1]:
            if model.smooth_contacts:
                lead[lat(0, y), lat(0, y + 1)] = -_link(model, 1, contact_x, y + 0.5)
            else:
                lead[lat(0, y), lat(0, y + 1)] = -np.eye(2)
        syst.attach_lead(lead)
    return syst.finalized()


def kwant_conductance(model, energy: float) -> float:
    """``tr t^dagger t`` (e^2/h) from Kwant's scattering matrix (MUMPS if available).

    Parameters
    ----------
    model : DotModel
        The dot, rebuilt by :func:`build_kwant_system`.
    energy : float
        Fermi energy (units t).
    """
    import kwant

    check_instance(model, DotModel, "model")
    energy = as_scalar(check_finite(energy, "energy"), "energy")
    try:
        kwant.solvers.mumps.options(ordering="amd")
    except (AttributeError, RuntimeError):  # pragma: no cover - MUMPS missing
        pass
    fsyst = build_kwant_system(model)
    return float(kwant.smatrix(fsyst, energy).transmission(1, 0))


def compare_with_kwant(models, energy: float) -> np.ndarray:
    """``|G_lattice - G_kwant|`` (e^2/h) for each model at ``energy`` (units t)."""
    return np.array([abs(m.conductance(energy) - kwant_conductance(m, energy)) for m in models])
