"""Monte Carlo of a small dot in a parallel field: one dot, three field/spin-orbit cases.

Every realization of the stub model, Eqs. (5)-(7), is evaluated at all perpendicular fields
and for all three cases (correlated sampling), so that ``G(x) - G(-x)`` is computed sample by
sample. Conductances in ``e^2/h``.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from .. import rmt

__all__ = ["MC_PARAMETERS", "MC_CASES", "case_arrays", "asymmetry_samples", "trace_samples"]

#: Stub-model parameters of the Monte-Carlo figures. ``a^2 = N`` and ``b = 2N`` put the dot in
#: the regime where both effects matter (``b^2 = 4 N a^2``); M follows the accuracy rule of
#: :func:`chaoticdot.rmt.choose_M` except for the spin-orbit term (relative error
#: ~ 0.6 a^2 / M = 3 % at M = 80; the quick version uses M = 40).
MC_PARAMETERS = {"N1": 2, "N2": 2, "a": 2.0, "b": 8.0, "M": 80, "M_quick": 40, "seed": 2002}


#: (label, spin-orbit on, Zeeman field on)
MC_CASES = (
    ("spin-orbit only", True, False),
    ("Zeeman only", False, True),
    ("spin-orbit and Zeeman", True, True),
)


def case_arrays(a: float = MC_PARAMETERS["a"], b: float = MC_PARAMETERS["b"]):
    """Spin-orbit strengths ``a`` and Zeeman fields ``b`` of the three cases of
    :data:`MC_CASES` (column vectors, 0 where the case switches the term off)."""
    a = np.array([a if so else 0.0 for _, so, _ in MC_CASES])
    b = np.array([b if z else 0.0 for _, _, z in MC_CASES])
    return a[:, None], b[:, None]


def asymmetry_samples(
    quick: bool = False,
    *,
    N1: int = MC_PARAMETERS["N1"],
    N2: int = MC_PARAMETERS["N2"],
    a: float = MC_PARAMETERS["a"],
    b: float = MC_PARAMETERS["b"],
):
    """Monte-Carlo ``G(x)`` on a grid symmetric about ``x = 0``, for the three cases.

    Every realization is evaluated at all ``x`` and for all three cases (correlated
    sampling), so that ``G(x) - G(-x)`` is computed sample by sample.

    Parameters
    ----------
    quick : bool
        Fewer samples and the smaller stub ``M_quick``.
    N1, N2 : int
        Channel numbers.
    a, b : float
        Spin-orbit strength and Zeeman field where a case switches them on (Eq. 7).

    Returns
    -------
    x : ndarray, shape (nx,)
        Grid ``-2 ... 2`` symmetric about 0 (``x[::-1] == -x``).
    G : ndarray, shape (samples, 3, nx)
        Conductances in ``e^2/h``; axis 1 follows :data:`MC_CASES`.
    M : int
        Stub size used.
    """
    return _asymmetry_samples(bool(quick), int(N1), int(N2), float(a), float(b))


@lru_cache(maxsize=2)
def _asymmetry_samples(quick: bool, N1: int, N2: int, a: float, b: float):
    # cached on positional scalars: the chapter and the figure share one Monte-Carlo run
    p = MC_PARAMETERS
    x = np.linspace(-2.0, 2.0, 9)
    a, b = case_arrays(a, b)
    M = p["M_quick"] if quick else p["M"]
    samples = 80 if quick else 600
    G = rmt.sample_conductance(N1, N2, x=x[None, :], a=a, b=b, samples=samples, M=M, seed=p["seed"])
    return x, G, M


def trace_samples(
    quick: bool = False,
    *,
    N1: int = MC_PARAMETERS["N1"],
    N2: int = MC_PARAMETERS["N2"],
    a: float = MC_PARAMETERS["a"],
    b: float = MC_PARAMETERS["b"],
):
    """Two single realizations ``G(x)`` on a fine symmetric grid for the three cases.

    Parameters
    ----------
    quick, N1, N2, a, b
        As in :func:`asymmetry_samples`.

    Returns
    -------
    x : ndarray, shape (nx,)
    G : ndarray, shape (2, 3, nx)
        Conductance traces in ``e^2/h`` (realization, case, x).
    """
    return _trace_samples(bool(quick), int(N1), int(N2), float(a), float(b))


@lru_cache(maxsize=2)
def _trace_samples(quick: bool, N1: int, N2: int, a: float, b: float):
    p = MC_PARAMETERS
    x = np.linspace(-2.5, 2.5, 21 if quick else 61)
    a, b = case_arrays(a, b)
    M = p["M_quick"] if quick else p["M"]
    G = rmt.sample_conductance(
        N1,
        N2,
        x=x[None, :],
        a=a,
        b=b,
        samples=2,
        M=M,
        seed=p["seed"] + 1,
        executor="serial",
    )
    return x, G
