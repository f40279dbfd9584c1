"""Fisher-Lee transport through the lattice dot: one sparse LU per energy.

With the exact lead self-energies ``Sigma_0, Sigma_1`` (:mod:`~chaoticdot.lattice.leads`) the
retarded Green function of the dot is ``G = (E - H - Sigma_0 - Sigma_1)^{-1}`` and the
scattering matrix between propagating modes ``(m, s')`` of lead ``p`` and ``(n, s)`` of lead
``q`` (Fisher-Lee; hbar = 1, a0 = 1)

    S_{pms', qns} = -delta_{pq} delta_{mn} delta_{s's} + i sqrt(v_m v_n) chi_m^T G_{pq;s's} chi_n .

The two-terminal conductance is the Landauer formula, equal to the paper's Eq. (4):

    G = (e^2/h) tr t^dagger t,   t = S_{10}  (trace over channels *and* spin).

Only the columns of ``G`` that start in the source lead are needed: one sparse LU of the
``2 n_sites`` matrix and ``2 N`` right-hand sides. SuperLU options (measured, no accuracy loss):
``permc_spec='MMD_AT_PLUS_A'``, ``diag_pivot_thresh=0`` and ``SymmetricMode`` — the matrix is
structurally symmetric, and these were 1.5-2x faster than the defaults with no loss of accuracy.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy.sparse.linalg import splu

from .._validation import as_scalar, check_finite, check_instance, check_positive_scalar
from .geometry import DotGeometry
from .leads import LeadModes, lead_modes

__all__ = ["SUPERLU_OPTIONS", "scattering_matrix", "transmission_matrix", "conductance"]

#: Options passed to :func:`scipy.sparse.linalg.splu`.
SUPERLU_OPTIONS = {
    "permc_spec": "MMD_AT_PLUS_A",
    "diag_pivot_thresh": 0.0,
    "options": {"SymmetricMode": True},
}


def _lead_rows(geometry: DotGeometry, side: int) -> np.ndarray:
    """Matrix rows ``(W, 2)``: spin-up and spin-down index of each site in front of a lead."""
    sites = geometry.lead_sites(side)
    return 2 * sites[:, None] + np.arange(2)


def _system_matrix(
    hamiltonian, geometry: DotGeometry, modes: LeadModes, energy: float, hopping: float
) -> sp.csc_matrix:
    """``E - H - Sigma_0 - Sigma_1`` in CSC format."""
    dim = hamiltonian.shape[0]
    sigma = modes.self_energy(hopping)
    rows, cols, vals = [], [], []
    for side in (0, 1):
        r = _lead_rows(geometry, side)
        for s in (0, 1):  # spin-degenerate leads: Sigma (x) 1_2
            rows.append(np.repeat(r[:, s], r.shape[0]))
            cols.append(np.tile(r[:, s], r.shape[0]))
            vals.append(sigma.ravel())
    lead_part = sp.csr_matrix(
        (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(dim, dim)
    )
    return (
        energy * sp.identity(dim, dtype=complex, format="csr") - hamiltonian - lead_part
    ).tocsc()


def _check_inputs(hamiltonian, geometry: DotGeometry, energy):
    if not sp.issparse(hamiltonian) and not isinstance(hamiltonian, np.ndarray):
        raise ValueError("hamiltonian must be a scipy.sparse matrix or a numpy array")
    dim = 2 * geometry.n_sites
    if hamiltonian.shape != (dim, dim):
        raise ValueError(
            f"hamiltonian must have shape ({dim}, {dim}) for this geometry, got {hamiltonian.shape}"
        )
    return as_scalar(check_finite(energy, "energy"), "energy")


def _solve(hamiltonian, geometry, energy, sources, hopping):
    check_instance(geometry, DotGeometry, "geometry")
    hopping = check_positive_scalar(hopping, "hopping")
    if not (sp.issparse(hamiltonian) or isinstance(hamiltonian, np.ndarray)):
        raise TypeError(f"hamiltonian must be a sparse or dense matrix, got {hamiltonian!r}")
    if hamiltonian.shape != (2 * geometry.n_sites,) * 2:
        raise ValueError(
            f"hamiltonian must have shape {(2 * geometry.n_sites,) * 2} for this geometry, "
            f"got {hamiltonian.shape}"
        )
    """LU-solve for the columns of G starting on the sites of the ``sources`` leads."""
    energy = _check_inputs(hamiltonian, geometry, energy)
    modes = lead_modes(geometry.lead_width, energy)
    if modes.n_open == 0:
        raise ValueError(
            f"energy={energy!r} is below the first threshold of a lead of width "
            f"{geometry.lead_width}: no open channel"
        )
    lu = splu(
        _system_matrix(sp.csr_matrix(hamiltonian), geometry, modes, energy, hopping),
        **SUPERLU_OPTIONS,
    )
    dim = hamiltonian.shape[0]
    phi = modes.open_modes  # (W, N)
    n_open = modes.n_open
    columns = {}
    for side in sources:
        rhs = np.zeros((dim, 2 * n_open), dtype=complex)
        rows = _lead_rows(geometry, side)
        for s in (0, 1):  # column index 2 n + s: mode n, spin s
            rhs[rows[:, s][:, None], 2 * np.arange(n_open)[None, :] + s] = phi
        columns[side] = lu.solve(rhs)
    return modes, columns


def _block(modes: LeadModes, x: np.ndarray, geometry, dest: int) -> np.ndarray:
    """``i sqrt(v_m v_n) chi_m^T G chi_n`` for destination lead ``dest``: ``(2N, 2N)``."""
    rows = _lead_rows(geometry, dest)
    phi = modes.open_modes
    n_open = modes.n_open
    amp = np.empty((2 * n_open, x.shape[1]), dtype=complex)
    for s in (0, 1):
        amp[s::2] = phi.T @ x[rows[:, s]]
    sqrt_v = np.repeat(np.sqrt(modes.velocity), 2)
    return 1j * sqrt_v[:, None] * amp * sqrt_v[None, :]


def transmission_matrix(
    hamiltonian, geometry: DotGeometry, energy: float, *, hopping: float = 1.0
) -> np.ndarray:
    """Transmission block ``t = S_{10}`` from the left lead (0) to the right lead (1).

    Parameters
    ----------
    hamiltonian : sparse matrix
        Closed-dot Hamiltonian ``(2 n_sites, 2 n_sites)`` (units t), e.g. from
        :func:`~chaoticdot.lattice.hamiltonian.dot_hamiltonian`.
    geometry : DotGeometry
        The dot and its leads.
    energy : float
        Fermi energy (units t), not at a lead threshold.

    Returns
    -------
    ndarray, shape (2N, 2N)
        Rows: outgoing ``(mode, spin)`` of lead 1, index ``2 m + s``; columns: incoming of lead 0.
    """
    modes, cols = _solve(hamiltonian, geometry, energy, (0,), hopping)
    return _block(modes, cols[0], geometry, 1)


def scattering_matrix(
    hamiltonian, geometry: DotGeometry, energy: float, *, hopping: float = 1.0
) -> np.ndarray:
    """Full scattering matrix ``(4N, 4N)``: blocks ``[[r, t'], [t, r']]`` (lead 0 first).

    Same conventions as :func:`transmission_matrix`; unitary by current conservation.
    """
    modes, cols = _solve(hamiltonian, geometry, energy, (0, 1), hopping)
    n2 = 2 * modes.n_open
    s_mat = np.empty((2 * n2, 2 * n2), dtype=complex)
    for q in (0, 1):
        for p in (0, 1):
            s_mat[p * n2 : (p + 1) * n2, q * n2 : (q + 1) * n2] = _block(
                modes, cols[q], geometry, p
            )
    s_mat -= np.eye(2 * n2)
    return s_mat


def conductance(
    hamiltonian, geometry: DotGeometry, energy: float, *, hopping: float = 1.0
) -> float:
    """Two-terminal conductance ``G = tr t^dagger t`` in units of ``e^2/h`` (paper Eq. (4))."""
    t = transmission_matrix(hamiltonian, geometry, energy, hopping=hopping)
    return float(np.vdot(t, t).real)
