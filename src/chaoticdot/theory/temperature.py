"""Thermal smearing of the conductance covariance (paper, text after Eq. 14; book
appendix "Dephasing and temperature").

At temperature T each conductance is an energy average with the weight ``-f'`` (Fermi
function derivative). The covariance of two such averages is the zero-temperature
covariance integrated over the energy difference with the kernel

    K_T(omega) = int d eps f'(eps) f'(eps + omega),

which is normalised, even, and of width ~ k_B T. In the library's units (energy differences
``de = 2 pi (eps - eps') / Delta``, temperature ``kT = k_B T / Delta``)

    K(de) = g(u) / (4 pi kT),   g(u) = (u coth u - 1) / sinh^2 u,   u = de / (4 pi kT),

so that ``int K(de) d(de) = 1`` and ``K(0) = 1 / (12 pi kT)``.

Exact evaluation instead of quadrature
--------------------------------------
In both routes the energy difference enters the inverse cooperon/diffuson matrices only as
``A -> A - i omega`` (times the identity), and the covariance is a sum of squared Frobenius
norms ``||(A - i omega)^-1||_F^2``. Two identities make the thermal average exact:

1. *Thermal resolvent.* With the Fourier transform of the kernel,
   ``int K(w) exp(i w t) dw = (c t / sinh c t)^2`` with ``c = 2 pi^2 kT``,

       J(A) = int K(w) (A - i w)^-1 dw = Phi(1 + A / 2c) / c,
       Phi(W) = sum_{k >= 0} (k + 1) (W + k)^-3
              = psi'(W) + (W - 1) psi''(W) / 2          (psi = digamma),

   a matrix function evaluated with the recurrence of the polygamma functions and their
   asymptotic (Bernoulli) series, using only matrix inverses and products. It is valid for any
   (also non-normal) matrix whose numerical range lies in ``Re z > 0``, which holds for the
   physical matrices (Hermitian part >= N + nphi), so no eigen-decomposition is needed and
   exceptional points cause no loss of accuracy.
2. *Lyapunov form of the norm.* ``||(A - i w)^-1||_F^2 = tr X(w)`` where
   ``A X + X A^dagger = (A - i w)^-1 + (A - i w)^-dagger``: the left side does not depend on
   ``w``, so the thermal average is ``tr X`` with ``J(A) + J(A)^dagger`` on the right.

The result is exact to rounding for any ``kT``; ``kT = 0`` gives the zero-temperature value.
"""

from __future__ import annotations

import numpy as np

from .._arrays import as_output
from .._validation import check_finite, check_matrix_stack, check_nonnegative
from ._common import chunked

__all__ = ["thermal_kernel", "thermal_resolvent", "thermal_frobenius2"]

# Taylor coefficients 2k/(2k+1)! of (u cosh u - sinh u)/u^3 = sum_k c_k u^(2k-2), k = 1..11.
_NUM_SERIES = np.array([2.0 * k / np.prod(np.arange(1.0, 2.0 * k + 2.0)) for k in range(1, 12)])

# Bernoulli numbers B_2 ... B_16 for the asymptotic series of the polygamma functions.
_BERNOULLI = np.array([1 / 6, -1 / 30, 1 / 42, -1 / 30, 5 / 66, -691 / 2730, 7 / 6, -3617 / 510])

# The asymptotic series is used once the numerical range of the shifted matrix lies beyond
# Re z = 10; there the first omitted term is below 1e-16 relative.
_ASYMPTOTIC_FROM = 10.0

# Below kT / (N + nphi) ~ 1e-9 the thermal correction (relative size ~ (kT/N)^2) is below
# rounding, and the zero-temperature value is returned.
_ZERO_T_RATIO = 1e-9

# Matrices per batch of the thermal average (bounds the memory of the n^2 x n^2 systems).
_CHUNK = 20_000


def _g(u: np.ndarray) -> np.ndarray:
    """``(u coth u - 1) / sinh^2 u`` without cancellation or overflow (even in u)."""
    au = np.abs(u)
    small = au < 1.0
    us = np.where(small, au, 0.0)
    # Small |u|: (u cosh u - sinh u)/u^3 has a positive Taylor series; sinh(u)/u is accurate.
    series = np.polynomial.polynomial.polyval(us * us, _NUM_SERIES)
    sinhc = np.where(us > 0, np.sinh(us) / np.where(us > 0, us, 1.0), 1.0)
    g_small = series / sinhc**3
    # Large |u|: write everything with e = exp(-2|u|) (no overflow, no cancellation).
    ul = np.where(small, 1.0, au)
    e = np.exp(-2.0 * ul)
    one_minus_e = -np.expm1(-2.0 * ul)
    g_large = 4.0 * e * (ul * (1.0 + e) - one_minus_e) / one_minus_e**3
    return np.where(small, g_small, g_large)


def thermal_kernel(de, kT):
    """Energy-difference kernel of thermal smearing (appendix "Dephasing and temperature"), in the
    library's units.

    ``K(de) = (u coth u - 1) / (4 pi kT sinh^2 u)``, ``u = de / (4 pi kT)``: the convolution of
    two Fermi-function derivatives, ``int K(de) d(de) = 1``, ``K(0) = 1 / (12 pi kT)``.

    Parameters
    ----------
    de : float or array_like
        Energy difference ``2 pi (eps - eps') / Delta`` (dimensionless).
    kT : float or array_like
        Temperature ``k_B T / Delta`` (> 0; at ``kT = 0`` the kernel is a delta function).

    Returns
    -------
    float or ndarray
        ``K`` per unit of ``de``.
    """
    de = check_finite(de, "de")
    kT = check_nonnegative(kT, "kT")
    if np.any(kT == 0):
        raise ValueError("kT must lie in (0, inf) for the kernel (kT = 0 is a delta function)")
    width = 4.0 * np.pi * kT
    return as_output(_g(de / width) / width)


def _min_hermitian_part(A: np.ndarray) -> np.ndarray:
    """Lower bound of Re z on the numerical range of A (smallest eigenvalue of (A + A^H)/2)."""
    herm = 0.5 * (A + np.conj(np.swapaxes(A, -1, -2)))
    return np.linalg.eigvalsh(herm)[..., 0]


def _horner(X: np.ndarray, coeffs, eye: np.ndarray) -> np.ndarray:
    """``sum_j coeffs[j] X^j`` for a batch of matrices X."""
    out = coeffs[-1] * eye
    for c in coeffs[-2::-1]:
        out = out @ X + c * eye
    return out


def _phi(W: np.ndarray, shift: np.ndarray, steps: int) -> np.ndarray:
    """``Phi(W) = sum_{k>=0} (k+1)(W+k)^-3`` for matrices W (numerical range in Re z > 0).

    The first ``shift`` terms (per matrix) are summed explicitly; the tail
    ``psi'(Z) + (Z - shift - 1) psi''(Z) / 2`` at ``Z = W + shift`` comes from the asymptotic
    series (all ``Re z >= _ASYMPTOTIC_FROM`` on the numerical range of Z).
    """
    n = W.shape[-1]
    eye = np.eye(n)
    out = np.zeros_like(W)
    for k in range(steps):
        active = (k < shift)[..., None, None]
        Rk = np.linalg.inv(W + k * eye)
        out += np.where(active, (k + 1) * (Rk @ Rk @ Rk), 0.0)
    R = np.linalg.inv(W + shift[..., None, None] * eye)
    R2 = R @ R
    j = np.arange(1, len(_BERNOULLI) + 1)
    odd = np.concatenate(([0.5], _BERNOULLI * (1 - 2 * j) / 2))  # times R^(2j+1)
    even = np.concatenate(([1.0], _BERNOULLI * (2 * j + 1)))  # times R^(2j+2)
    tail = R @ _horner(R2, odd, eye)
    tail += (0.5 * (shift + 1.0))[..., None, None] * (R2 @ (_horner(R2, even, eye) + R))
    return out + tail


def thermal_resolvent(A, kT):
    """Thermally averaged resolvent ``J(A) = int K(w) (A - i w)^-1 dw`` (exact).

    Parameters
    ----------
    A : array_like, shape (..., n, n)
        Complex matrices whose Hermitian part is positive definite (true for the inverse
        cooperon and diffuson, whose Hermitian part is >= N + nphi).
    kT : float or array_like
        ``k_B T / Delta``, broadcast against ``A.shape[:-2]``; 0 gives ``A^-1``.

    Returns
    -------
    ndarray, shape (..., n, n)
    """
    A = check_matrix_stack(A, "A")
    kT = check_nonnegative(kT, "kT")
    shape = _stack_shape(A, kT)
    A = np.broadcast_to(A, shape + A.shape[-2:])
    kT = np.broadcast_to(kT, shape)
    lower = _min_hermitian_part(A)
    scale = np.max(np.abs(A), axis=(-2, -1))
    if np.any(lower < -1e-10 * scale):
        raise ValueError(
            "A must have a positive definite Hermitian part (numerical range in Re z > 0)"
        )
    # Rounding may hide a small positive bound next to huge entries; 0 is always safe (it only
    # costs a few more recurrence steps).
    lower = np.maximum(lower, 0.0)
    c = 2.0 * np.pi**2 * kT
    zero_t = c <= _ZERO_T_RATIO * lower
    c_safe = np.where(zero_t, 1.0, c)
    inv_a = np.linalg.inv(A)
    if np.all(zero_t):
        return inv_a
    W = np.eye(A.shape[-1]) + A / (2.0 * c_safe[..., None, None])
    shift = np.ceil(np.clip(_ASYMPTOTIC_FROM - (1.0 + lower / (2.0 * c_safe)), 0.0, None))
    shift = np.where(zero_t, 0.0, shift)
    steps = int(shift.max()) if shift.size else 0
    J = _phi(W, shift, steps) / c_safe[..., None, None]
    return np.where(zero_t[..., None, None], inv_a, J)


def _stack_shape(A, kT) -> tuple:
    try:
        return np.broadcast_shapes(A.shape[:-2], kT.shape)
    except ValueError:
        raise ValueError(
            f"kT (shape {kT.shape}) must broadcast against the stack shape of A {A.shape[:-2]}"
        ) from None


def _check_keep(keep, n: int) -> np.ndarray:
    try:
        raw = np.asarray(keep)
    except (TypeError, ValueError):
        raw = np.asarray(None)
    if isinstance(keep, str | bytes) or raw.dtype.kind not in "bi":
        raise TypeError(f"keep must be an array of booleans, shape (..., {n}), got {keep!r}")
    keep = raw.astype(bool)
    if keep.ndim == 0 or keep.shape[-1] != n:
        raise ValueError(f"keep must be an array of booleans, shape (..., {n}), got {keep!r}")
    return keep


def _finite_kept(A, keep) -> np.ndarray:
    """A stack of square matrices whose kept entries are finite (others may be infinite)."""
    arr = np.asarray(A) if not isinstance(A, str | bytes) else None
    if arr is None or arr.dtype.kind not in "iufc" or arr.ndim < 2:
        raise TypeError(f"A must be a real or complex array of square matrices, got {A!r}")
    if arr.shape[-1] != arr.shape[-2] or arr.size == 0:
        raise ValueError(f"A must be an array of square matrices, got shape {arr.shape}")
    return arr.astype(complex)


def _decouple(A: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """Replace the rows/columns not kept by a decoupled, harmless diagonal entry.

    Used for infinitely strong spin-orbit coupling: the limit of ``(A + lambda P)^-1`` for
    ``lambda -> inf`` is the inverse restricted to the kernel of P (the kept states).
    """
    both = keep[..., :, None] & keep[..., None, :]
    diag_re = np.where(keep, np.real(np.diagonal(A, axis1=-2, axis2=-1)), -np.inf)
    dummy = np.max(diag_re, axis=-1)
    dummy = np.where(np.isfinite(dummy), dummy, 1.0)  # nothing kept: any positive value
    eye = np.eye(A.shape[-1], dtype=bool)
    return np.where(both, A, np.where(eye, dummy[..., None, None], 0.0))


def thermal_frobenius2(A, kT, keep=None):
    """``int K(w) ||(A - i w)^-1||_F^2 dw`` (exact; Lyapunov form, module docstring).

    Parameters
    ----------
    A : array_like, shape (..., n, n)
        Complex matrices with positive definite Hermitian part. Entries in rows/columns that
        are not kept are ignored (they may be infinite).
    kT : float or array_like
        ``k_B T / Delta`` (>= 0), broadcast against ``A.shape[:-2]``.
    keep : array_like of bool, shape (..., n), optional
        States that survive; the others are projected out (limit of an infinite diagonal
        term). Default: all.

    Returns
    -------
    ndarray
        The thermally averaged squared Frobenius norm of the inverse (real, >= 0).
    """
    A = check_matrix_stack(A, "A") if keep is None else _finite_kept(A, keep)
    n = A.shape[-1]
    kT = check_nonnegative(kT, "kT")
    keep = np.ones(n, dtype=bool) if keep is None else _check_keep(keep, n)
    try:
        shape = np.broadcast_shapes(A.shape[:-2], keep.shape[:-1], kT.shape)
    except ValueError:
        raise ValueError(
            f"A {A.shape}, keep {keep.shape} and kT {kT.shape} must broadcast"
        ) from None
    # Flatten the batch and work through it in chunks; each point is independent.
    A = np.broadcast_to(A, shape + (n, n)).reshape(-1, n, n)
    keep = np.broadcast_to(keep, shape + (n,)).reshape(-1, n)
    index = np.arange(A.shape[0])
    return chunked(
        lambda i, t: _thermal_frobenius2(A[i], t, keep[i]),
        [index, np.broadcast_to(kT, shape).reshape(-1)],
        _CHUNK,
    ).reshape(shape)


def _thermal_frobenius2(A, kT, keep):
    """:func:`thermal_frobenius2` for a flat batch (matrices ``(m, n, n)``, ``kT`` and ``keep``
    per matrix)."""
    n = A.shape[-1]
    A = _decouple(A, keep)
    J = thermal_resolvent(A, kT)
    A = np.broadcast_to(A, J.shape)
    rhs = J + np.conj(np.swapaxes(J, -1, -2))
    eye = np.eye(n)
    # Row-major vec: vec(A X + X A^dagger) = (A (x) 1 + 1 (x) conj(A)) vec(X).
    lyap = np.einsum("...ij,kl->...ikjl", A, eye) + np.einsum("ij,...kl->...ikjl", eye, np.conj(A))
    lyap = lyap.reshape(A.shape[:-2] + (n * n, n * n))
    X = np.linalg.solve(lyap, rhs.reshape(A.shape[:-2] + (n * n, 1))).reshape(A.shape)
    diag = np.real(np.diagonal(X, axis1=-2, axis2=-1))
    return np.where(keep, diag, 0.0).sum(axis=-1)
