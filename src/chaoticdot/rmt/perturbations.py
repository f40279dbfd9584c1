"""Fixed perturbation matrices ``X, A1, A2, A3`` of the stub Hamiltonian, Eq. (7).

Paper, Eq. (7) and its footnote 22: ``X`` (orbital effect of the perpendicular field) and
``A1, A2`` (spin-orbit coupling multiplying ``sigma_x`` and ``sigma_y``) are real antisymmetric
matrices of dimension ``M - N`` with ``tr X X^T = M^2`` and ``tr A_i A_j^T = M^2 delta_ij``.
``A3`` (multiplying ``sigma_z``) extends the model to spin-orbit coupling along all three spin
axes (book appendix "Singlet and triplets"); it is absent from the paper's model.

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

__all__ = ["perturbation_matrices", "PERTURBATION_SEED"]

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
