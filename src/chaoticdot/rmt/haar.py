"""Haar-distributed random unitary matrices and the circular ensembles.

The stub model of Eq. (5) needs an ``M x M`` matrix ``U`` from Dyson's circular orthogonal
ensemble (COE), and the strong spin-orbit limit needs a ``2M x 2M`` matrix from the circular
symplectic ensemble (CSE) (Brouwer, Frahm & Beenakker, Waves Random Media 9, 91 (1999)). Both are
built from Haar unitaries (the circular
unitary ensemble, CUE).

All functions draw from a :class:`numpy.random.Generator` and accept a ``size`` for a stack of
independent matrices, so that the sampling of many realizations is one batched LAPACK call.
"""

from __future__ import annotations

import numpy as np

from .._validation import check_positive_int, check_rng, check_size

__all__ = ["haar_unitary", "coe_matrix", "cse_matrix", "symplectic_unit"]


def _shape(size) -> tuple[int, ...]:
    return check_size(size, "size")


def _args(rng, M) -> tuple[np.random.Generator, int]:
    return check_rng(rng, "rng"), check_positive_int(M, "M")


def haar_unitary(rng: np.random.Generator, M: int, size=None) -> np.ndarray:
    """Haar-distributed ``M x M`` unitary matrices (CUE).

    QR decomposition of a complex Ginibre matrix ``Z = Q T`` followed by the phase fix
    ``V = Q diag(T_jj / |T_jj|)`` (Mezzadri, Notices AMS 54, 592 (2007)). Without the phase fix
    the distribution of ``Q`` depends on the sign convention of the QR routine and is *not* Haar.

    Parameters
    ----------
    rng : numpy.random.Generator
        Source of randomness.
    M : int
        Matrix dimension.
    size : int or tuple of int, optional
        Leading (stack) shape.

    Returns
    -------
    ndarray, complex, shape ``(*size, M, M)``
    """
    rng, M = _args(rng, M)
    shape = _shape(size) + (M, M)
    z = rng.standard_normal(shape) + 1j * rng.standard_normal(shape)
    q, t = np.linalg.qr(z)
    d = np.diagonal(t, axis1=-2, axis2=-1)
    phase = d / np.abs(d)
    return q * phase[..., None, :]


def coe_matrix(rng: np.random.Generator, M: int, size=None) -> np.ndarray:
    """Symmetric unitary matrices from the circular orthogonal ensemble, ``U = V V^T``.

    ``V`` is Haar (CUE); ``U`` is then COE (Dyson). Used for ``U`` in Eq. (5) of the paper,
    where it is spin-trivial (``U (x) 1_2``).

    Returns
    -------
    ndarray, complex, shape ``(*size, M, M)``, symmetric and unitary.
    """
    rng, M = _args(rng, M)
    v = haar_unitary(rng, M, size)
    return v @ np.swapaxes(v, -1, -2)


def symplectic_unit(M: int) -> np.ndarray:
    """``Z = 1_M (x) i sigma_y`` (real ``2M x 2M``), index order ``2 * site + spin``."""
    isy = np.array([[0.0, 1.0], [-1.0, 0.0]])
    return np.kron(np.eye(M), isy)


def cse_matrix(rng: np.random.Generator, M: int, size=None) -> np.ndarray:
    """Self-dual unitary matrices from the circular symplectic ensemble.

    ``U = V Z V^T Z^T`` with ``V`` Haar on ``2M`` dimensions and ``Z = 1_M (x) i sigma_y``
    (Brouwer, Frahm & Beenakker, Waves Random Media 9, 91 (1999)). ``U`` is self-dual,
    ``Z U^T Z^T = U``: an ``M x M`` matrix of quaternions
    with Kramers-degenerate eigenphases. Index order ``2 * site + spin``, spin fastest.

    Returns
    -------
    ndarray, complex, shape ``(*size, 2M, 2M)``
    """
    rng, M = _args(rng, M)
    v = haar_unitary(rng, 2 * M, size)
    # Z acts by permuting spin pairs with a sign: apply it without a dense product.
    vz = _right_multiply_z(v)  # V Z
    vzvt = vz @ np.swapaxes(v, -1, -2)  # V Z V^T
    return -_right_multiply_z(vzvt)  # (V Z V^T) Z^T = -(V Z V^T) Z


def _right_multiply_z(a: np.ndarray) -> np.ndarray:
    """``a @ (1 (x) i sigma_y)`` for the last axis of even length (i sigma_y = [[0,1],[-1,0]])."""
    out = np.empty_like(a)
    out[..., 0::2] = -a[..., 1::2]
    out[..., 1::2] = a[..., 0::2]
    return out
