"""The random-matrix construction in numbers: ensemble limits, stub terms and convergence in M.

Drivers behind the chapter "The random-matrix construction" (paper Eqs. 4-7): stub-model
samples in the COE, CUE and CSE limits, the symmetry of each perturbation term of Eq. (7),
the finite-M Gaussian kernel against Eq. (13), and the saturation of the spin-orbit effect at
fixed M. Conductances in ``e^2/h``.
"""

from __future__ import annotations

import numpy as np

from .. import rmt, theory
from ..pauli import PAULI

__all__ = [
    "ENSEMBLE_LIMITS",
    "DEFAULT_M",
    "limit_parameters",
    "stub_terms",
    "time_reversal_parities",
    "ensemble_samples",
    "kernel_convergence",
    "saturation_scan",
]

#: Dyson ensembles shown in the chapter, with the Dyson index beta.
ENSEMBLE_LIMITS = {"COE": 1, "CUE": 2, "CSE": 4}


#: Default stub sizes: COE and CSE are exact for every M (small is cheapest); the CUE limit
#: keeps a finite-M cooperon remainder ~ 2 (N1 N2 / N) / M, so it gets a larger M.
DEFAULT_M = {"COE": 16, "CUE": 64, "CSE": 16}


def limit_parameters(ensemble: str, M: int | None = None) -> dict:
    """Stub parameters that realise a circular ensemble.

    The map from limits of the model to ensembles is in the book appendix 'Derivations and
    conventions', section Exact ensembles.

    COE: no perturbation (exact for every M). CUE: a perpendicular field ``x = 2 sqrt(M)``,
    large enough that time reversal is broken within one passage of the stub; a finite-M
    remainder of the cooperon of order ``2 (N1 N2/N) / M`` survives (prompt reflection from
    ``U_PP`` keeps time-reversal symmetry). CSE: ``a = inf`` (U from the circular symplectic
    ensemble, exact for every M).
    """
    if ensemble not in ENSEMBLE_LIMITS:
        raise ValueError(f"ensemble must be one of {tuple(ENSEMBLE_LIMITS)}, got {ensemble!r}")
    M = DEFAULT_M[ensemble] if M is None else int(M)
    if ensemble == "COE":
        return {"M": M}
    if ensemble == "CUE":
        return {"M": M, "x": 2.0 * np.sqrt(M)}
    return {"M": M, "a": np.inf}  # CSE


def stub_terms(M: int = 24, N: int = 4) -> dict[str, np.ndarray]:
    """The terms of H' (Eq. 7) on the stub, as matrices of size 2(M - N) (orbital x spin).

    Orbital matrices from :func:`chaoticdot.rmt.perturbation_matrices` (fixed, normalised
    ``tr X X^T = M^2``). Index order ``2 * site + spin`` as in :mod:`chaoticdot.rmt`.
    Keys: ``energy`` (1 x 1), ``x`` (i X x 1), ``a: A1 sx``, ``a: A2 sy`` (i A_j x sigma),
    ``b: sx``, ``b: sz`` (1 x sigma, Zeeman).
    """
    X, A1, A2, _ = rmt.perturbation_matrices(M, N)
    one = np.eye(M - N)
    return {
        "energy": np.kron(one, PAULI["1"]),
        "x": np.kron(1j * X, PAULI["1"]),
        "a: A1 sx": np.kron(1j * A1, PAULI["x"]),
        "a: A2 sy": np.kron(1j * A2, PAULI["y"]),
        "b: sx": np.kron(one, PAULI["x"]),
        "b: sz": np.kron(one, PAULI["z"]),
    }


def time_reversal_parities(term: np.ndarray) -> dict[str, float]:
    r"""Hermiticity, time-reversal parity and spin-rotation invariance of one term of H'.

    Time reversal for spin-1/2 particles is :math:`\Theta = (1\otimes i\sigma_y)K`
    (:math:`\Theta^2=-1`, Kramers). Returns ``hermitian`` (max :math:`|H-H^\dagger|`),
    ``theta`` (+1 if :math:`\Theta H\Theta^{-1}=H`, -1 if :math:`=-H`, 0 otherwise, to
    1e-12) and ``spin_rotation`` (1 if the term commutes with every :math:`1\otimes\sigma_k`,
    i.e. is invariant under spin rotations, else 0).
    """
    n = term.shape[0] // 2
    sy = np.kron(np.eye(n), PAULI["y"])
    theta = sy @ term.conj() @ sy  # (i sy) H* (i sy)^-1 = sy H* sy
    if np.allclose(theta, term, atol=1e-12):
        parity = 1.0
    elif np.allclose(theta, -term, atol=1e-12):
        parity = -1.0
    else:
        parity = 0.0
    rotation = all(
        np.allclose(term @ (s := np.kron(np.eye(n), PAULI[k])), s @ term, atol=1e-12) for k in "xyz"
    )
    return {
        "hermitian": float(np.max(np.abs(term - term.conj().T))),
        "theta": parity,
        "spin_rotation": float(rotation),
    }


def ensemble_samples(
    ensemble: str,
    N1: int = 1,
    N2: int = 1,
    *,
    samples: int = 3000,
    M: int | None = None,
    seed: int = 0,
) -> np.ndarray:
    """Monte-Carlo conductances (e^2/h) of the stub model in one of the ensemble limits."""
    kw = limit_parameters(ensemble, M)
    return rmt.sample_conductance(N1, N2, samples=samples, seed=seed, executor="serial", **kw)


def kernel_convergence(Ms, N1: int = 4, N2: int = 4) -> dict[str, np.ndarray]:
    """Finite-M Gaussian-level <dG> of the stub versus M, relative to Eq. (13).

    Parameter sets (N = N1 + N2): ``a^2 = N``, ``a^2 = 4N``, ``x^2 = N``, ``a^2 = b = N``.
    ``deviation`` is ``|<dG>_M - <dG>_inf| / (N1 N2 / N)``, the error in units of the natural
    scale of <dG> (e^2/h).
    """
    N = N1 + N2
    sets = {
        "a^2 = N": {"a": np.sqrt(N)},
        "a^2 = 4N": {"a": np.sqrt(4 * N)},
        "x^2 = N": {"x": np.sqrt(N)},
        "a^2 = b = N": {"a": np.sqrt(N), "b": float(N)},
    }
    out = {k: [] for k in ("case", "M", "dG_M", "dG_inf", "deviation")}
    for name, kw in sets.items():
        limit = float(theory.wl_correction(N1, N2, **kw))
        for M in Ms:
            val = rmt.finite_m_wl_correction(N1, N2, M=int(M), **kw)
            out["case"].append(name)
            out["M"].append(float(M))
            out["dG_M"].append(val)
            out["dG_inf"].append(limit)
            out["deviation"].append(abs(val - limit) / (N1 * N2 / N))
    return {k: np.asarray(v) for k, v in out.items()}


def saturation_scan(Ms, a2_values, *, samples: int = 1000, seed: int = 5) -> dict[str, np.ndarray]:
    """Monte-Carlo <G> (N1 = N2 = 1) versus a^2 at several fixed M: finite M caps the SO effect."""
    a = np.sqrt(np.asarray(a2_values, dtype=float))
    out = {k: [] for k in ("M", "a2", "mean_G", "error")}
    for M in Ms:
        g = rmt.sample_conductance(
            1, 1, a=a, M=int(M), samples=samples, seed=seed, executor="serial"
        )
        est = rmt.mean(g)
        for j, a2 in enumerate(a2_values):
            out["M"].append(float(M))
            out["a2"].append(float(a2))
            out["mean_G"].append(float(est.value[j]))
            out["error"].append(float(est.error[j]))
    return {k: np.asarray(v) for k, v in out.items()}
