"""The stored finite-N Monte-Carlo scan of the stub model (dataset ``finite-n``).

The paper computes to leading order in ``1/N``. In the crossover regimes the only finite-N
answer is the Monte Carlo of the stub model, Eqs. (5)-(7), run here for ``N1 = N2 = 1 ... 4``
and stored with its provenance (``python -m chaoticdot data finite-n``).

Finite-M bias: the stub uses ``M = M_PER_N * N``. At fixed ``M / N`` its leading-order
(Gaussian) cooperon/diffuson, :func:`chaoticdot.rmt.finite_m_wl_correction` and
:func:`chaoticdot.rmt.finite_m_covariance`, differs from Eqs. (13)-(14) by an N-independent
relative amount; the generator stores these finite-M kernel values next to the Monte-Carlo
estimates, so that ``MC - kernel`` isolates the finite-N correction.
"""

from __future__ import annotations

import time
from functools import lru_cache

import numpy as np

from .. import rmt
from ..rmt.kernels import finite_m_covariance, finite_m_wl_correction
from ..rmt.stub import StubPoint
from ..tables import LongTable
from . import load, register_dataset

__all__ = [
    "SCAN",
    "QUICK_SCAN",
    "M_PER_N",
    "SEED",
    "XI_SCAN",
    "CORE_POINTS",
    "scan_points",
    "generate_finite_n",
    "stored_scan",
]

#: Stub size per channel: M = M_PER_N * (N1 + N2).
M_PER_N = 40


#: Root seed of the stored run (the quick run uses SEED + 1, independent of the stored data).
SEED = 20020208


#: x / sqrt(N) of the field scans done for the smallest dots (N1 = N2 <= 2).
XI_SCAN = (0.0, 0.25, 0.5, float(np.sqrt(0.5)), 1.0, 1.5, 2.0)


#: Points for every dot: (x / sqrt(N), a^2 / N). x^2 = N/2 halves the weak-localization dip,
#: x^2 = 4N approximates x -> inf, a^2 = 2N is well into antilocalization.
CORE_POINTS = ((0.0, 0.0), (float(np.sqrt(0.5)), 0.0), (2.0, 0.0), (0.0, 2.0))


#: Dots (channels per lead N1 = N2 = n) and realizations per dot; circular-symplectic samples.
SCAN = {
    "n": (1, 2, 3, 4),
    "samples": (20000, 8000, 3000, 2000),
    "cse_samples": 20000,
    "scan_up_to_n": 2,
}


QUICK_SCAN = {"n": (1, 2), "samples": (600, 150), "cse_samples": 600, "scan_up_to_n": 2}


def scan_points(n: int, scan_up_to_n: int) -> list[tuple[float, float]]:
    """(x / sqrt(N), a^2 / N) of the stub points of the dot ``N1 = N2 = n``."""
    if n <= scan_up_to_n:
        return [(xi, a2) for a2 in (0.0, 2.0) for xi in XI_SCAN]
    return list(CORE_POINTS)


def _kernel_values(n, M, x, a):
    """Finite-M leading-order <dG> and var G of the stub at one point (e^2/h units)."""
    point = StubPoint(x=float(x), so=(float(a), float(a), 0.0))
    return (finite_m_wl_correction(n, n, x=x, a=a, M=M), finite_m_covariance(n, n, point, point, M))


def generate_finite_n(quick: bool = False, executor=None):
    """Run the finite-N Monte-Carlo scan (the generator of dataset ``finite-n``).

    For every dot ``N1 = N2 = n`` of :data:`SCAN` (:data:`QUICK_SCAN` if ``quick``): stub
    samples at the points of :func:`scan_points` with ``M = M_PER_N * N`` (one realization
    for all points), and circular-symplectic samples (``a = inf``, ``x = 0``, exact CSE).
    The quick run uses the seed ``SEED + 1``, so it is statistically independent of the stored
    full run.

    Returns
    -------
    arrays : dict of 1-D arrays, one row per (dot, point)
        ``n`` (= N1 = N2), ``xi`` (x/sqrt N), ``a2_over_N`` (``inf`` for the CSE rows), ``x``,
        ``a``, ``M``, ``samples``, ``mean_G``, ``mean_G_err``, ``var_G``, ``var_G_err``
        (Monte Carlo, ``e^2/h`` and ``(e^2/h)^2``, one standard error) and ``kernel_dG``,
        ``kernel_var_G`` (finite-M leading order; NaN for the CSE rows).
    provenance : dict
        Seed, samples and M per dot, settings, elapsed time.
    """
    return _run_scan(QUICK_SCAN if quick else SCAN, SEED + 1 if quick else SEED, executor)


def _run_scan(settings, seed, executor):
    start = time.perf_counter()
    table = LongTable()
    for n, samples in zip(settings["n"], settings["samples"], strict=True):
        N = 2 * n
        M = M_PER_N * N
        pts = scan_points(n, settings["scan_up_to_n"])
        xi = np.array([p[0] for p in pts])
        a2 = np.array([p[1] for p in pts])
        x, a = xi * np.sqrt(N), np.sqrt(a2 * N)
        G = rmt.sample_conductance(
            n,
            n,
            x=x,
            a=a,
            samples=samples,
            M=M,
            seed=np.random.SeedSequence([seed, n, 0]),
            executor=executor,
        )
        m, v = rmt.mean(G), rmt.variance(G)
        kern = np.array([_kernel_values(n, M, xk, ak) for xk, ak in zip(x, a, strict=True)])
        table.add(
            n=n,
            xi=xi,
            a2_over_N=a2,
            x=x,
            a=a,
            M=M,
            samples=samples,
            mean_G=m.value,
            mean_G_err=m.error,
            var_G=v.value,
            var_G_err=v.error,
            kernel_dG=kern[:, 0],
            kernel_var_G=kern[:, 1],
        )
        # Exact CSE: U from the circular symplectic ensemble, x = 0 (any M is exact).
        Gs = rmt.sample_conductance(
            n,
            n,
            x=0.0,
            a=np.inf,
            samples=settings["cse_samples"],
            M=N + 2,
            seed=np.random.SeedSequence([seed, n, 1]),
            executor=executor,
        )
        ms, vs = rmt.mean(Gs), rmt.variance(Gs)
        table.add(
            n=n,
            xi=0.0,
            a2_over_N=np.inf,
            x=0.0,
            a=np.inf,
            M=N + 2,
            samples=settings["cse_samples"],
            mean_G=ms.value,
            mean_G_err=ms.error,
            var_G=vs.value,
            var_G_err=vs.error,
            kernel_dG=np.nan,
            kernel_var_G=np.nan,
        )
    arrays = table.columns()
    provenance = {
        "seed": seed,
        "method": "stub model, Eqs. (5)-(7), chaoticdot.rmt.sample_conductance; a = inf rows "
        "from the circular symplectic ensemble",
        "units": "G in e^2/h, var G in (e^2/h)^2; N1 = N2 = n",
        "samples": {str(n): s for n, s in zip(settings["n"], settings["samples"], strict=True)},
        "cse_samples": settings["cse_samples"],
        "M": {str(n): M_PER_N * 2 * n for n in settings["n"]},
        "M_per_N": M_PER_N,
        "xi_scan": list(XI_SCAN),
        "core_points": [list(p) for p in CORE_POINTS],
        "elapsed_seconds": round(time.perf_counter() - start, 1),
    }
    return {k: np.asarray(v) for k, v in arrays.items()}, provenance


@register_dataset(
    "finite-n",
    "finite-N Monte Carlo of the stub model (N1 = N2 = 1..4, "
    "field and spin-orbit points, exact CSE), ~9 CPU-minutes",
)
def _finite_n_dataset(quick: bool = False):
    return generate_finite_n(quick=quick)


#: Tiny on-the-fly scan used only when the stored file is missing.
_FALLBACK_SCAN = {"n": (1,), "samples": (300,), "cse_samples": 300, "scan_up_to_n": 1}


@lru_cache(maxsize=1)
def stored_scan():
    """The stored dataset ``finite-n``: ``(arrays, provenance)`` (see :func:`generate_finite_n`).

    If the file is missing (before the first regeneration) a tiny scan is computed on the fly
    so that the figures still build; its provenance then says so (``"stored": False``).
    """
    try:
        arrays, prov = load("finite-n")
        return arrays, {**prov, "stored": True}
    except FileNotFoundError:
        arrays, prov = _run_scan(_FALLBACK_SCAN, SEED + 2, "serial")
        return arrays, {**prov, "quick": True, "stored": False}
