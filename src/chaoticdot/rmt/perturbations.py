"""Fixed perturbation matrices ``X, A1, A2, A3, Y`` of the stub Hamiltonian, Eq. (7).

Paper, Eq. (7) and its footnote 22: ``X`` (orbital effect of the perpendicular field) and
``A1, A2`` (spin-orbit coupling multiplying ``sigma_x`` and ``sigma_y``) are real antisymmetric
matrices of dimension ``M - N`` with ``tr X X^T = M^2`` and ``tr A_i A_j^T = M^2 delta_ij``.
``A3`` (multiplying ``sigma_z``) extends the model to spin-orbit coupling along all three spin
axes (book appendix "Singlet and triplets"); it is absent from the paper's model.

``Y`` is the real symmetric, traceless orbital matrix of the time-reversal-even terms of
:mod:`chaoticdot.perturbation_model` (parity ``+1``: the Zeeman x spin-orbit cross term of
Cremers, Brouwer & Fal'ko, PRB 68, 125329 (2003)), normalised in the same way,
``tr Y Y^T = M^2``. Symmetric and antisymmetric matrices are orthogonal in the Frobenius
product, so ``Y`` is automatically orthogonal to ``X`` and ``A_j``; it is drawn from its own
random stream so that the antisymmetric matrices stay those of earlier versions. Tracelessness
keeps ``Y`` from shifting the mean energy (a uniform shift is the ``energy`` parameter).

Why the matrices may be drawn once and kept fixed
-------------------------------------------------
The COE is invariant under ``U -> O U O^T`` for every real orthogonal ``O``; take
``O = 1_N (+) O'`` (identity on the lead sites). Substituting in the Schur-complement form of
Eq. (5), ``S(O U O^T; R) = S(U; O'^T R O')``: rotating the stub by ``O'`` is the same as
rotating the perturbation matrices. Hence the ensemble of ``S`` depends on ``X, A_j`` only
through their joint ``O'``-invariants (the spectra and mutual overlaps), which self-average for
large ``M``. Fixed Gaussian matrices are therefore legitimate (a fresh draw per sample agrees
within errors; appendix "Stub model in practice"), and they let ``R`` be computed once per
parameter point.

The matrices must have a *spread* spectrum, ``tr (X X^T)^2 / M^4 -> 0``: a Gaussian
antisymmetric matrix (semicircle spectrum) has this property, a low-rank matrix would not.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from .._validation import check_positive_int
from ..perturbation_model import ORBITALS

__all__ = ["perturbation_matrices", "orbital_matrix", "PERTURBATION_SEED"]

#: Seed of the fixed perturbation matrices (any value gives the same ensemble, see above).
PERTURBATION_SEED = 20020204


@lru_cache(maxsize=16)
def _cached(M: int, dim: int) -> np.ndarray:
    rng = np.random.default_rng([PERTURBATION_SEED, M, dim])
    mats = []
    for _ in range(4):
        g = rng.standard_normal((dim, dim))
        k = g - g.T
        # Gram-Schmidt in the Frobenius product <A, B> = tr A B^T keeps antisymmetry.
        for prev in mats:
            norm2 = np.sum(prev * prev)
            if norm2 > 0.0:
                k = k - np.sum(k * prev) / norm2 * prev
        mats.append(k)
    # For dim < 3 there are fewer than 4 independent antisymmetric matrices (none for dim 1):
    # the missing ones stay zero (callers require M - N >= 4 when a perturbation is on).
    out = np.array(
        [k * (M / np.sqrt(n2)) if (n2 := np.sum(k * k)) > 1e-12 * M**2 else 0 * k for k in mats]
    )
    out.flags.writeable = False
    return out


def perturbation_matrices(M: int, N: int) -> np.ndarray:
    """The fixed matrices ``X, A1, A2, A3`` for a stub of total size ``M`` and ``N`` channels.

    Parameters
    ----------
    M : int
        Size of the COE matrix ``U`` in Eq. (5).
    N : int
        Total number of channels ``N1 + N2``; the matrices act on the ``M - N`` stub sites.

    Returns
    -------
    ndarray, shape ``(4, M - N, M - N)``, float, read-only
        ``[X, A1, A2, A3]``: real antisymmetric, mutually orthogonal
        (``tr A_i A_j^T = M^2 delta_ij``) and normalised to ``tr X X^T = M^2`` (Eq. 7).
        Deterministic: the same ``(M, N)`` always give the same matrices.
    """
    N = check_positive_int(N, "N")
    M = check_positive_int(M, "M")
    if M < N + 1:
        raise ValueError(f"M must be an integer >= N + 1 = {N + 1} (stub sites), got {M!r}")
    return _cached(M, M - N)


@lru_cache(maxsize=16)
def _cached_symmetric(M: int, dim: int) -> np.ndarray:
    # Own stream (the trailing 1): the antisymmetric matrices above are unchanged.
    rng = np.random.default_rng([PERTURBATION_SEED, M, dim, 1])
    g = rng.standard_normal((dim, dim))
    y = g + g.T
    y = y - np.trace(y) / dim * np.eye(dim)
    n2 = np.sum(y * y)
    # dim = 1 has no traceless symmetric matrix: it stays zero (M - N >= 4 is required anyway).
    out = y * (M / np.sqrt(n2)) if n2 > 1e-12 * M**2 else 0 * y
    out.flags.writeable = False
    return out


#: Index of each antisymmetric orbital label in :func:`perturbation_matrices`.
_ANTISYMMETRIC = {"X": 0, "A1": 1, "A2": 2, "A3": 3}


@lru_cache(maxsize=16)
def _cached_other(label: str, parity: int, M: int, dim: int) -> np.ndarray:
    """A matrix for an orbital label beyond ``X, A1, A2, A3, Y`` (own stream per label).

    Antisymmetric (parity -1) or symmetric traceless (+1), Gram-Schmidt orthogonal to the
    fixed matrices of its class, normalised to ``tr Z Z^T = M^2``.
    """
    rng = np.random.default_rng([PERTURBATION_SEED, M, dim, 2, *label.encode()])
    g = rng.standard_normal((dim, dim))
    if parity < 0:
        z, fixed = g - g.T, list(_cached(M, dim))
    else:
        z = g + g.T
        z, fixed = z - np.trace(z) / dim * np.eye(dim), [_cached_symmetric(M, dim)]
    for prev in fixed:
        norm2 = np.sum(prev * prev)
        if norm2 > 0.0:
            z = z - np.sum(z * prev) / norm2 * prev
    n2 = np.sum(z * z)
    out = z * (M / np.sqrt(n2)) if n2 > 1e-12 * M**2 else 0 * z
    out.flags.writeable = False
    return out


def orbital_matrix(label: str, M: int, N: int) -> np.ndarray:
    """The fixed orbital matrix of a model label of :mod:`chaoticdot.perturbation_model`.

    Parameters
    ----------
    label : str
        Orbital label (a key of :data:`chaoticdot.perturbation_model.ORBITALS`: ``"X", "A1",
        "A2", "A3", "Y"`` or a label added there later).
    M, N : int
        As in :func:`perturbation_matrices`.

    Returns
    -------
    ndarray, shape ``(M - N, M - N)``, float, read-only
        ``X, A1, A2, A3``: the real antisymmetric matrices of :func:`perturbation_matrices`
        (the orbital part ``K`` of ``Z = i K``). ``Y``: real symmetric and traceless with
        ``tr Y Y^T = M^2`` and a semicircle (spread) spectrum. Deterministic in ``(M, N)``.
    """
    if not isinstance(label, str) or label not in ORBITALS:
        raise ValueError(f"label must be one of {', '.join(ORBITALS)}, got {label!r}")
    mats = perturbation_matrices(M, N)
    if label == "Y":
        return _cached_symmetric(int(M), int(M) - int(N))
    if label in _ANTISYMMETRIC:
        return mats[_ANTISYMMETRIC[label]]
    # a label added to the perturbation model later: drawn here, no other change needed
    return _cached_other(label, ORBITALS[label], int(M), int(M) - int(N))
