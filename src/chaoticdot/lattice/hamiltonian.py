"""Sparse tight-binding Hamiltonian of the dot with spin (leads not included).

    H = sum_r [(4t + V_r) 1 + h.sigma] |r><r|
        - t sum_<r,r+d> [exp(i phi_{r,d}) U_{r,d} |r><r+d| + h.c.]

Units: a0 = 1, t = 1, hbar = 1, electron charge -e. Ingredients:

* ``V_r``: on-site disorder (units t), :func:`~chaoticdot.lattice.geometry.disorder_potential`.
* ``U_{r,d}``: 2 x 2 SU(2) link of the Rashba coupling, :mod:`~chaoticdot.lattice.spin_orbit`.
* Peierls phase for a perpendicular field ``B`` confined to the dot: vector potential
  ``A_x = -B (y - y0)`` on x bonds *inside the dot only* (y bonds and the bonds to the leads
  carry none), so ``H[r, r+x] ~ exp(-i phi (y - y0))`` with ``phi = e B a0^2 / hbar`` the flux
  per plaquette (in units of hbar/e). Every plaquette inside the dot then encloses ``phi``, every
  other one zero: no field in the leads, no spurious flux at the contacts (book appendix "Lattice
  model").
  The field is given as the flux ``Phi`` through the bounding rectangle in units of the flux
  quantum ``h/e``: ``phi = 2 pi Phi / (length * width)``.
* Zeeman term ``h . sigma`` (units t) on the dot sites (the leads stay spin degenerate);
  ``h = g mu_B B / 2``, i.e. a Zeeman splitting ``E_Z = 2 |h|``. The RMT parameter of the paper
  is ``b = pi E_Z / Delta`` (paper, below Eq. (8)).

Contacts. Rashba coupling that simply stops at the lead openings would put a spurious line of
spin flux along each contact (the transverse link ``exp(i theta sigma_x)`` on the dot's y bonds
has no partner on the lead side): an extra "gate edge" of length ``W_lead`` at each contact.
With ``smooth_contacts=True`` (default) the dot's spin frame is rotated by the axial gauge
``Omega(x, y + 1) = U_y(x, y)^dagger Omega(x, y)``, ``Omega(x, 0) = 1``, which makes every y
link the identity: ``H -> Omega^dagger H Omega``. For the closed dot this is an exact gauge
transformation (same spectrum); with leads attached it is the same as letting the transverse
Rashba component of the contact column continue into the leads, where it is a pure gauge.
Every plaquette that straddles a contact then has trivial holonomy, exactly as for the Peierls
phase above.

Basis: index ``2 i + s`` for site ``i`` (x-major order of ``DotGeometry.sites``) and spin
``s = 0 (up), 1 (down)`` along z.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import scipy.sparse as sp

from .._validation import as_scalar, check_bool, check_finite, check_instance, check_positive_scalar
from .geometry import DotGeometry
from .spin_orbit import SIGMA

__all__ = ["Bonds", "dot_bonds", "dot_hamiltonian", "flux_per_plaquette", "axial_gauge"]


@dataclass(frozen=True)
class Bonds:
    """Nearest-neighbour bonds of the dot, each listed once as ``(site, site + d)``.

    Attributes
    ----------
    start, end : ndarray of int
        Site indices with ``end = start + d``, ``d`` = +x or +y.
    along_x : ndarray of bool
        True for x bonds.
    mid_x, mid_y : ndarray of float
        Bond midpoints (a0).
    """

    start: np.ndarray
    end: np.ndarray
    along_x: np.ndarray
    mid_x: np.ndarray
    mid_y: np.ndarray


@lru_cache(maxsize=16)
def dot_bonds(geometry: DotGeometry) -> Bonds:
    """All nearest-neighbour bonds between sites of the dot."""
    mask, index = geometry.mask, geometry.index
    parts = []
    for along_x, (dx, dy) in ((True, (1, 0)), (False, (0, 1))):
        both = mask[: mask.shape[0] - dx, : mask.shape[1] - dy] & mask[dx:, dy:]
        x, y = np.nonzero(both)
        parts.append(
            (
                index[x, y],
                index[x + dx, y + dy],
                np.full(x.size, along_x),
                x + dx / 2.0,
                y + dy / 2.0,
            )
        )
    start, end, along, mx, my = (np.concatenate(c) for c in zip(*parts, strict=True))
    return Bonds(
        start=start, end=end, along_x=along, mid_x=mx.astype(float), mid_y=my.astype(float)
    )


def flux_per_plaquette(flux: float, geometry: DotGeometry) -> float:
    """Peierls phase per plaquette ``phi = 2 pi Phi / (length * width)`` (radians).

    Parameters
    ----------
    flux : float
        Flux through the dot's bounding rectangle in units of ``h/e``.
    geometry : DotGeometry
        The dot.
    """
    return 2.0 * np.pi * float(flux) / geometry.area


def _block_coo(row_sites, col_sites, blocks):
    """COO triplets of 2 x 2 blocks placed at (2 row + a, 2 col + b)."""
    a = np.array([[0, 0], [1, 1]])
    b = np.array([[0, 1], [0, 1]])
    rows = (2 * row_sites[:, None, None] + a).ravel()
    cols = (2 * col_sites[:, None, None] + b).ravel()
    return rows, cols, blocks.reshape(-1)


def _check_links(links) -> None:
    if links is not None and not callable(getattr(links, "matrices", None)):
        raise TypeError(
            f"links must be None or a link field with a matrices() method (RashbaField, "
            f"ColumnGaugeField), got {links!r}"
        )


def axial_gauge(geometry: DotGeometry, links) -> np.ndarray:
    """Site spin rotations ``Omega`` (``(n_sites, 2, 2)``) that make every y link the identity.

    ``Omega(x, 0) = 1`` and ``Omega(x, y + 1) = U_y(x, y)^dagger Omega(x, y)`` up each column,
    with ``U_y`` the spin part of ``H[r, r + y]``. Bonds through the hole are included as if
    present (any choice above the hole is a valid gauge; this one is continuous).
    """
    check_instance(geometry, DotGeometry, "geometry")
    _check_links(links)
    if links is None:
        raise TypeError("links must be a link field (RashbaField, ColumnGaugeField), got None")
    length, width = geometry.length, geometry.width
    omega = np.empty((length, width, 2, 2), dtype=complex)
    omega[:, 0] = np.eye(2)
    xs = np.arange(length, dtype=float)
    for y in range(width - 1):
        u_y = links.matrices(xs, np.full(length, y + 0.5), np.zeros(length, dtype=bool))
        omega[:, y + 1] = np.conj(np.swapaxes(u_y, 1, 2)) @ omega[:, y]
    sites = geometry.sites
    return omega[sites[:, 0], sites[:, 1]]


def dot_hamiltonian(
    geometry: DotGeometry,
    *,
    potential=None,
    links=None,
    flux: float = 0.0,
    zeeman=(0.0, 0.0, 0.0),
    hopping: float = 1.0,
    smooth_contacts: bool = True,
) -> sp.csr_matrix:
    """Hamiltonian of the closed dot, ``(2 n_sites, 2 n_sites)`` sparse, units t.

    Parameters
    ----------
    geometry : DotGeometry
        Sites and bonds.
    potential : array_like, optional
        On-site disorder ``V_r`` (units t), one value per site (default 0).
    links : object, optional
        Spin-orbit link field with a ``matrices(mid_x, mid_y, along_x)`` method returning the
        spin part of ``H[r, r + d]`` (e.g. :class:`~chaoticdot.lattice.spin_orbit.RashbaField`).
        ``None``: no spin-orbit coupling.
    flux : float
        Perpendicular-field flux through the bounding rectangle, units of ``h/e``.
    zeeman : array_like of 3 floats
        Zeeman vector ``h`` (units t) of the on-site term ``h . sigma``.
    hopping : float
        Hopping ``t`` (default 1, the energy unit).
    smooth_contacts : bool
        Rotate the spin frame by :func:`axial_gauge` so that the contacts carry no spin flux
        (module docstring). ``False``: the links simply stop at the contacts.

    Returns
    -------
    scipy.sparse.csr_matrix
        Hermitian matrix; explicit zeros removed (without spin-mixing terms the two spin
        species decouple, which the sparse LU exploits).
    """
    check_instance(geometry, DotGeometry, "geometry")
    _check_links(links)
    hopping = check_positive_scalar(hopping, "hopping")
    smooth_contacts = check_bool(smooth_contacts, "smooth_contacts")
    n = geometry.n_sites
    pot = np.zeros(n) if potential is None else check_finite(potential, "potential")
    if pot.shape != (n,):
        raise ValueError(f"potential must have one value per site ({n}), got shape {pot.shape}")
    h = check_finite(zeeman, "zeeman")
    if h.shape != (3,):
        raise ValueError(f"zeeman must be a 3-vector (h_x, h_y, h_z) in units of t, got {zeeman!r}")
    flux = as_scalar(check_finite(flux, "flux"), "flux")
    bonds = dot_bonds(geometry)

    onsite = (4.0 * hopping + pot)[:, None, None] * np.eye(2) + np.einsum("k,kab->ab", h, SIGMA)
    if links is None:
        spin = np.broadcast_to(np.eye(2, dtype=complex), (bonds.start.size, 2, 2))
    else:
        spin = links.matrices(bonds.mid_x, bonds.mid_y, bonds.along_x)
    phi = flux_per_plaquette(flux, geometry)
    y0 = geometry.center[1]
    # A_x = -B (y - y0) on x bonds: H[r, r+x] picks up exp(i e A_x a0 / hbar)
    phase = np.where(bonds.along_x, np.exp(-1j * phi * (bonds.mid_y - y0)), 1.0)
    forward = -hopping * phase[:, None, None] * spin  # H[start, end]
    backward = np.conj(np.swapaxes(forward, 1, 2))  # H[end, start]: Hermitian by construction

    sites = np.arange(n)
    parts = [
        _block_coo(sites, sites, np.broadcast_to(onsite, (n, 2, 2)).astype(complex)),
        _block_coo(bonds.start, bonds.end, forward),
        _block_coo(bonds.end, bonds.start, backward),
    ]
    rows, cols, data = (np.concatenate(c) for c in zip(*parts, strict=True))
    mat = sp.csr_matrix((data, (rows, cols)), shape=(2 * n, 2 * n))
    if smooth_contacts and links is not None and not getattr(links, "is_trivial", False):
        r, c, v = _block_coo(sites, sites, axial_gauge(geometry, links))
        omega = sp.csr_matrix((v, (r, c)), shape=(2 * n, 2 * n))
        mat = (omega.getH() @ mat @ omega).tocsr()
    mat.eliminate_zeros()
    return mat
