"""Level statistics of the closed dot: Kramers pairs and the spacing ratio.

With spin-orbit coupling and without magnetic field or Zeeman term the Hamiltonian commutes
with the antiunitary time reversal ``T = i sigma_y K`` (``T^2 = -1``): every level is a Kramers
doublet. The symmetry class of the spectrum of doublets is then read off from the mean ratio of
consecutive spacings ``r_n = min(s_n, s_{n+1}) / max(s_n, s_{n+1})``, which needs no unfolding:
large-matrix values ``<r> = 0.5307`` (GOE), ``0.5996`` (GUE), ``0.6744`` (GSE) (Atas, Bogomolny,
Giraud and Roux, PRL 110, 084101 (2013)).

Which value a gate produces is the question of the book appendix "Spin-orbit Hamiltonian": a
spin-orbit perturbation
along one spin axis leaves the doublets as two unitary-class sectors (GUE-like ratios), two or
more axes mix them into one symplectic spectrum (GSE-like ratios).
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy.sparse.linalg import eigsh, splu

from .._validation import as_scalar, check_finite, check_positive_int

__all__ = ["RATIO_REFERENCE", "kramers_levels", "spacing_ratios", "mean_spacing_ratio"]

#: Large-N mean spacing ratios of the Gaussian ensembles (Atas et al. 2013).
RATIO_REFERENCE = {"GOE": 0.5307, "GUE": 0.5996, "GSE": 0.6744}


def kramers_levels(
    hamiltonian, center: float, n_pairs: int, *, tol: float = 1e-8, seed=0
) -> np.ndarray:
    """The ``n_pairs`` Kramers doublets closest to ``center``, one energy per doublet (units t).

    Shift-invert Lanczos (ARPACK) with a sparse LU of ``H - center``; the eigenvalues come in
    exactly degenerate pairs, which are checked and merged.

    Parameters
    ----------
    hamiltonian : sparse matrix
        Hermitian, time-reversal invariant (no field, no Zeeman term) closed-dot Hamiltonian.
    center : float
        Energy (units t) around which the levels are wanted.
    n_pairs : int
        Number of doublets.
    tol : float
        Largest allowed splitting of a doublet relative to the mean doublet spacing.
    seed : int
        Seed of the Lanczos start vector (for reproducibility).

    Raises
    ------
    ValueError
        If the levels do not come in degenerate pairs (time reversal broken).
    """
    n_pairs = check_positive_int(n_pairs, "n_pairs")
    center = as_scalar(check_finite(center, "center"), "center")
    dim = hamiltonian.shape[0]
    if 2 * n_pairs + 2 > dim:
        raise ValueError(f"n_pairs must lie in [1, {(dim - 2) // 2}], got {n_pairs}")
    mat = sp.csc_matrix(hamiltonian, dtype=complex)
    lu = splu(mat - center * sp.identity(dim, format="csc"), permc_spec="MMD_AT_PLUS_A")
    inv = sp.linalg.LinearOperator((dim, dim), matvec=lu.solve, dtype=complex)
    start = np.random.default_rng(seed).standard_normal(dim) + 0j
    # ask for both members of every doublet, plus a margin dropped afterwards
    k = 2 * n_pairs + 4
    vals = eigsh(mat, k=k, sigma=center, OPinv=inv, which="LM", v0=start, return_eigenvectors=False)
    vals = np.sort(vals.real)
    scale = 2.0 * (vals[-1] - vals[0]) / (vals.size - 1)  # mean doublet spacing
    pairs, unpaired, i = [], 0, 0
    while i < vals.size - 1:
        if vals[i + 1] - vals[i] <= tol * scale:
            pairs.append(0.5 * (vals[i] + vals[i + 1]))
            i += 2
        else:  # a lone level: only allowed at the two ends of the computed window
            unpaired += 1
            i += 1
    pairs = np.array(pairs)
    if unpaired > 2 or pairs.size < n_pairs:
        raise ValueError(
            f"levels are not Kramers-degenerate ({unpaired} unpaired of {vals.size}): time "
            "reversal is broken (flux or Zeeman term?) or the eigen-solver missed a partner; "
            "use a dense solver for this matrix"
        )
    return np.sort(pairs[np.argsort(np.abs(pairs - center))[:n_pairs]])


def spacing_ratios(levels) -> np.ndarray:
    """Ratios ``min(s_n, s_{n+1}) / max(s_n, s_{n+1})`` of consecutive spacings of sorted levels."""
    lv = check_finite(levels, "levels")
    if lv.ndim != 1:
        raise ValueError(f"levels must be a 1-D array of at least 3 values, got shape {lv.shape}")
    lv = np.sort(lv)
    if lv.size < 3:
        raise ValueError(f"levels must contain at least 3 values, got {lv.size}")
    s = np.diff(lv)
    lo, hi = np.minimum(s[:-1], s[1:]), np.maximum(s[:-1], s[1:])
    if np.any(hi == 0):
        raise ValueError("levels contain exact degeneracies; merge Kramers pairs first")
    return lo / hi


def mean_spacing_ratio(levels) -> tuple[float, float]:
    """Mean spacing ratio and its standard error (ratios of one spectrum treated as independent).

    Neighbouring ratios share a spacing and are weakly correlated; the standard error here is
    the naive one. For error bars over several spectra, average per-spectrum means instead.
    """
    r = spacing_ratios(levels)
    return float(r.mean()), float(r.std(ddof=1) / np.sqrt(r.size))
