"""Independent construction: the Hamiltonian (Mahaux-Weidenmueller) random-matrix model.

``S(E) = 1 - 2 pi i W^T (E - H + i pi W W^T)^{-1} W`` (Beenakker, RMP 69, 731 (1997); the
equivalence with the stub model of Eq. (5), including parametric dependence, is the subject of
the paper's Ref. 21, Brouwer, Frahm and Beenakker 1999).

* ``H = H_0 (x) 1_2 + (Delta / 2 pi) H''``: ``H_0`` is an ``M_H x M_H`` GOE matrix with
  ``<H_ij^2> = (1 + delta_ij) / M_H`` (semicircle of radius 2), whose mean level spacing at the
  band centre is ``Delta = pi / M_H``; ``H'' = b n.sigma + i x X (x) 1 + i sum_k a_k A_k (x)
  sigma_k`` is Eq. (7) in the dimensionless units of the paper, with real antisymmetric
  ``X, A_k`` normalised to ``tr X X^T = M_H^2`` and mutually orthogonal, **drawn afresh for
  every realization** (the stub keeps them fixed; agreement of the two tests that choice too).
* ``W`` (``2 M_H x 2 N``) couples channel ``n`` to site ``n`` with ``pi w^2 = 1`` (ideal leads,
  ``<S> = 0`` at ``E = 0`` for ``M_H -> infinity``).
* Energy ``E = energy * Delta / 2 pi``; dephasing by the imaginary potential
  ``i hbar / 2 tau_phi = i nphi Delta / 4 pi`` (absorption on all sites).
* ``a = inf`` is not available here (use the stub, which samples the CSE).

The model converges to the universal limit for ``M_H >> N, x^2, a^2, |b|``. ``S`` is returned
with the index order of :func:`chaoticdot.rmt.scattering_matrix` (``2 * channel + spin``).
"""

from __future__ import annotations

import numpy as np

from .._validation import check_direction, check_finite, check_nonnegative
from .stub import PAULI, _g_lambda, _g_transmission

__all__ = ["hamiltonian_scattering_matrix", "hamiltonian_conductance", "goe_matrix"]


def goe_matrix(rng: np.random.Generator, M: int) -> np.ndarray:
    """GOE matrix with ``<H_ij^2> = (1 + delta_ij) / M`` (semicircle on ``[-2, 2]``)."""
    g = rng.standard_normal((M, M))
    return (g + g.T) / np.sqrt(2.0 * M)


def _antisymmetric_set(rng: np.random.Generator, M: int, count: int) -> np.ndarray:
    mats = []
    for _ in range(count):
        g = rng.standard_normal((M, M))
        k = g - g.T
        for prev in mats:
            k = k - np.sum(k * prev) / np.sum(prev * prev) * prev
        mats.append(k)
    return np.array([k * (M / np.sqrt(np.sum(k * k))) for k in mats])


def _hamiltonian(rng, M, x, so, bvec):
    """``H`` of the module docstring (``2M x 2M``, index ``2 * site + spin``) and ``Delta``."""
    delta = np.pi / M
    h0 = goe_matrix(rng, M)
    mats = _antisymmetric_set(rng, M, 4)
    hpp = np.kron(1j * x * mats[0], np.eye(2))
    hpp = hpp + np.kron(np.eye(M), sum(bc * s for bc, s in zip(bvec, PAULI, strict=True)))
    for k in range(3):
        if so[k] != 0.0:
            hpp = hpp + np.kron(1j * so[k] * mats[k + 1], PAULI[k])
    return np.kron(h0, np.eye(2)) + (delta / (2 * np.pi)) * hpp, delta


def _params(x, a, b, b_direction, nphi, energy, so_axes):
    x = float(check_finite(x, "x"))
    b = float(check_finite(b, "b"))
    nphi = float(check_nonnegative(nphi, "nphi"))
    energy = float(check_finite(energy, "energy"))
    direction = check_direction(b_direction)
    if so_axes is None:
        a = float(check_nonnegative(a, "a"))
        so = (a, a, 0.0)
    else:
        if a != 0:
            raise ValueError("pass either a or so_axes, not both")
        so = tuple(float(v) for v in check_nonnegative(so_axes, "so_axes"))
        if len(so) != 3:
            raise ValueError("so_axes must be a 3-vector (a_x, a_y, a_z), each in [0, inf)")
    return x, so, tuple(b * direction), nphi, energy


def hamiltonian_scattering_matrix(N1, N2, *, x=0.0, a=0.0, b=0.0, nphi=0.0, energy=0.0, M,
                                  rng, b_direction=(1.0, 0.0, 0.0), so_axes=None):
    """One ``2N x 2N`` scattering matrix of the Hamiltonian model (module docstring).

    Parameters
    ----------
    N1, N2 : int
        Orbital channels of the two leads.
    x, a, b, nphi, energy : float
        Dimensionless parameters as in :func:`chaoticdot.rmt.sample_conductance` (``a``
        finite).
    M : int
        Orbital dimension ``M_H`` of the Hamiltonian (``>= N1 + N2``).
    rng : numpy.random.Generator or int
    b_direction, so_axes
        As in :func:`chaoticdot.rmt.scattering_matrix`.

    Returns
    -------
    ndarray, complex, ``(2N, 2N)``, index ``2 * channel + spin``.
    """
    N = int(N1) + int(N2)
    if int(M) < N:
        raise ValueError(f"M must be an integer >= N1 + N2 = {N}, got {M!r}")
    if not isinstance(rng, np.random.Generator):
        rng = np.random.default_rng(rng)
    x, so, bvec, nphi, energy = _params(x, a, b, b_direction, nphi, energy, so_axes)
    h, delta = _hamiltonian(rng, int(M), x, so, bvec)
    e = energy * delta / (2 * np.pi)
    gamma = nphi * delta / (4 * np.pi)
    w = 1.0 / np.sqrt(np.pi)  # pi w^2 = 1: ideal coupling at the band centre
    P = 2 * N
    a_mat = (e + 1j * gamma) * np.eye(2 * M) - h
    a_mat[np.arange(P), np.arange(P)] += 1j * np.pi * w**2
    rhs = np.zeros((2 * M, P), dtype=complex)
    rhs[np.arange(P), np.arange(P)] = w
    g = np.linalg.solve(a_mat, rhs)
    return np.eye(P) - 2j * np.pi * w * g[:P, :]


def hamiltonian_conductance(N1, N2, *, samples, M, seed=0, **params):
    """Conductance samples (e^2/h) of the Hamiltonian model at one parameter point.

    ``G = tr t^dagger t`` for ``nphi = 0`` and Eq. (4) otherwise. Serial; intended for tests.

    Returns
    -------
    ndarray, shape ``(samples,)``
    """
    rng = np.random.default_rng(seed)
    n1, n2 = int(N1), int(N2)
    out = np.empty(samples)
    for i in range(samples):
        s = hamiltonian_scattering_matrix(n1, n2, M=M, rng=rng, **params)
        if params.get("nphi", 0.0) > 0:
            out[i] = _g_lambda(s, n1, n2, 2)
        else:
            out[i] = _g_transmission(s[2 * n1 :, : 2 * n1])
    return out
