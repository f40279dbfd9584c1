"""Haar-distributed random unitary matrices and the circular ensembles.

The stub model of Eq. (5) needs an ``M x M`` matrix ``U`` from Dyson's circular orthogonal
ensemble (COE), and the strong spin-orbit limit needs a ``2M x 2M`` matrix from the circular
symplectic ensemble (CSE) (Brouwer, Frahm & Beenakker, Waves Random Media 9, 91 (1999)). Both are
built from Haar unitaries (the circular
unitary ensemble, CUE).

All functions draw from a :class:`numpy.random.Generator` and accept a ``size`` for a stack of
independent matrices. ``precision="single"`` returns ``complex64`` matrices (unitary to
``~1e-7``) computed from the *same* random variates as ``"double"``: the two precisions give
the same matrices up to rounding.
"""

from __future__ import annotations

import numpy as np
import scipy.linalg

from .._validation import check_choice, check_positive_int, check_rng, check_size

__all__ = ["haar_unitary", "coe_matrix", "cse_matrix", "symplectic_unit"]


def _shape(size) -> tuple[int, ...]:
    return check_size(size, "size")


def _args(rng, M) -> tuple[np.random.Generator, int]:
    return check_rng(rng, "rng"), check_positive_int(M, "M")


_DTYPES = {"double": np.complex128, "single": np.complex64}


def _dtype(precision) -> type:
    return _DTYPES[check_choice(precision, "precision", tuple(_DTYPES))]


def _ginibre(rng: np.random.Generator, shape: tuple, dtype) -> np.ndarray:
    """Complex Ginibre matrices: real parts, then imaginary parts, each ``N(0, 1)``.

    The variates are always drawn in double precision and in this order, so that both
    precisions (and every earlier version) see the same stream.
    """
    z = np.empty(shape, dtype=np.complex128)
    z.real = rng.standard_normal(shape)
    z.imag = rng.standard_normal(shape)
    return z.astype(dtype, copy=False)


# Below this size numpy's batched QR beats a Python loop over LAPACK calls.
_LOOP_MIN_SIZE = 48
# Block size of the recursive QR (geqrt); 32 is fastest from n = 160 to 320 (both precisions).
_QR_BLOCK = 32
_QR_LAPACK = {
    dtype: scipy.linalg.get_lapack_funcs(("geqrt", "ungqr"), (np.zeros(1, dtype),))
    for dtype in _DTYPES.values()
}
_UNGQR_LWORK: dict = {}


def _householder_qr(z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``Q`` and the diagonal of ``R`` of the Householder QR of a stack of square matrices.

    Large matrices go to LAPACK directly: the blocked ``geqrt`` and ``ungqr`` with its optimal
    workspace take about half the time of :func:`numpy.linalg.qr` at ``n = 320`` in single
    precision (numpy calls ``geqrf`` with a minimal workspace). Both compute the same
    Householder reflectors, so ``Q`` agrees with numpy's to rounding.
    """
    n = z.shape[-1]
    if n < _LOOP_MIN_SIZE:
        q, t = np.linalg.qr(z)
        return q, np.diagonal(t, axis1=-2, axis2=-1)
    geqrt, ungqr = _QR_LAPACK[z.dtype.type]
    lwork = _UNGQR_LWORK.get((n, z.dtype))
    if lwork is None:
        query = ungqr(np.zeros((n, n), z.dtype, order="F"), np.zeros(n, z.dtype), lwork=-1)
        lwork = _UNGQR_LWORK[(n, z.dtype)] = int(query[1][0].real)
    nb = min(_QR_BLOCK, n)
    cols = np.arange(n)
    q = np.empty_like(z)
    diag = np.empty(z.shape[:-1], dtype=z.dtype)
    for idx in np.ndindex(z.shape[:-2]):
        a, t, info = geqrt(nb, np.asfortranarray(z[idx]), overwrite_a=1)
        if info != 0:
            raise np.linalg.LinAlgError(f"geqrt failed (info = {info})")
        diag[idx] = np.diagonal(a)
        # The scalar factors tau_j of the reflectors sit on the diagonals of T's blocks.
        q[idx], _, info = ungqr(a, t[cols % nb, cols], lwork=lwork, overwrite_a=1)
        if info != 0:
            raise np.linalg.LinAlgError(f"ungqr failed (info = {info})")
    return q, diag


def haar_unitary(rng: np.random.Generator, M: int, size=None, *, precision="double") -> np.ndarray:
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
    precision : {"double", "single"}
        ``complex128`` or ``complex64`` arithmetic (same random variates).

    Returns
    -------
    ndarray, complex, shape ``(*size, M, M)``
    """
    rng, M = _args(rng, M)
    dtype = _dtype(precision)
    q, d = _householder_qr(_ginibre(rng, _shape(size) + (M, M), dtype))
    # The phases in double precision: in complex64, d / |d| has a modulus biased below 1
    # (by ~2e-8), which shrinks every conductance systematically.
    d = d.astype(np.complex128)
    return q * (d / np.abs(d)).astype(dtype)[..., None, :]


def coe_matrix(rng: np.random.Generator, M: int, size=None, *, precision="double") -> np.ndarray:
    """Symmetric unitary matrices from the circular orthogonal ensemble, ``U = V V^T``.

    ``V`` is Haar (CUE); ``U`` is then COE (Dyson). Used for ``U`` in Eq. (5) of the paper,
    where it is spin-trivial (``U (x) 1_2``).

    Parameters
    ----------
    rng, M, size, precision
        As in :func:`haar_unitary`.

    Returns
    -------
    ndarray, complex, shape ``(*size, M, M)``, symmetric and unitary.
    """
    rng, M = _args(rng, M)
    v = haar_unitary(rng, M, size, precision=precision)
    return v @ np.swapaxes(v, -1, -2)


def symplectic_unit(M: int) -> np.ndarray:
    """``Z = 1_M (x) i sigma_y`` (real ``2M x 2M``), index order ``2 * site + spin``."""
    isy = np.array([[0.0, 1.0], [-1.0, 0.0]])
    return np.kron(np.eye(M), isy)


def cse_matrix(rng: np.random.Generator, M: int, size=None, *, precision="double") -> np.ndarray:
    """Self-dual unitary matrices from the circular symplectic ensemble.

    ``U = V Z V^T Z^T`` with ``V`` Haar on ``2M`` dimensions and ``Z = 1_M (x) i sigma_y``
    (Brouwer, Frahm & Beenakker, Waves Random Media 9, 91 (1999)). ``U`` is self-dual,
    ``Z U^T Z^T = U``: an ``M x M`` matrix of quaternions
    with Kramers-degenerate eigenphases. Index order ``2 * site + spin``, spin fastest.

    Parameters
    ----------
    rng, M, size, precision
        As in :func:`haar_unitary` (``M`` is the number of quaternion sites).

    Returns
    -------
    ndarray, complex, shape ``(*size, 2M, 2M)``
    """
    rng, M = _args(rng, M)
    v = haar_unitary(rng, 2 * M, size, precision=precision)
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
