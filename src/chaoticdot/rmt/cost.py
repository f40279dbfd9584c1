"""Cost of a stub-model Monte-Carlo run, estimated before anything is allocated.

The accuracy rule for ``M`` (:func:`chaoticdot.rmt.choose_M`) grows as ``x^2`` and ``a^2``: a
real device at a few tens of millitesla can ask for ``M`` in the millions. The estimate here
lets :func:`chaoticdot.rmt.sample_conductance` refuse such a run up front, with advice (the
exact limits ``x = inf``, ``a = inf`` or an explicit ``M``), instead of failing after minutes
or with an out-of-memory error.

Model of the cost (per realization, leading orders in ``M``; ``L = M - N``)
---------------------------------------------------------------------------
* floating-point operations: one draw per circular ensemble in use (a QR decomposition of a
  complex Ginibre matrix, ``~16 n^3``, and a product, ``8 n^3``) plus, per parameter point, one
  complex LU decomposition and solve of size ``n = 2L`` (spin-full) or two of size ``L``
  (spin-decoupled), ``8/3 n^3 + 16 n^2 N``;
* seconds: operations divided by the rate of the engine's own kernel, measured once per
  process on the calling machine by a calibration run of about 0.1 s (:func:`machine_rate`);
* memory: the stack of random matrices drawn at once (with the QR workspace), the spin-full
  copy of ``U_QQ``, the cached ``R^{-1}`` of every point and the result array.

The limits are :data:`COST_LIMITS` (2 GiB peak memory, 10 minutes estimated wall time per
call); change the dictionary, or pass ``max_memory_gib`` / ``max_minutes`` to
:func:`chaoticdot.rmt.sample_conductance` for one call.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np

from .._validation import check_nonnegative
from .haar import coe_matrix
from .stub import StubPoint, conductance_from_unitary

__all__ = [
    "COST_LIMITS",
    "CostEstimate",
    "machine_rate",
    "run_cost",
    "cost_limits",
    "cost_refusal",
]

#: Default caps of one :func:`chaoticdot.rmt.sample_conductance` call (settable).
COST_LIMITS = {"memory_gib": 2.0, "minutes": 10.0}

# Floating-point operations of one draw from each ensemble, in units of M^3 (QR of a complex
# Ginibre matrix ~ 16 n^3, one complex product 8 n^3). The COE term is always counted: the
# chunking, and hence the seeds of every chunk, stay those of earlier versions.
DRAW_FLOPS = {"coe": 22.0, "cse": 22.0 * 8, "cue": 16.0, "cue2": 16.0 * 8}
# Elements of one stack of random matrices drawn at once (bounds the working memory).
STACK_ELEMENTS = 2**20
# Cap of the per-process cache of R^{-1} matrices (chaoticdot.rmt.stub).
PLAN_CACHE_BYTES = 256 * 2**20
_COMPLEX = 16.0
_RATE: list[float] = []


@np.errstate(over="ignore", invalid="ignore")
def flops_per_realization(N: int, M: float, ensembles, n_spin_full: int, n_split: int) -> float:
    """Floating-point operations of one realization (float arithmetic, no overflow for huge M).

    Parameters
    ----------
    N : int
        ``N1 + N2``.
    M : float
        Stub size.
    ensembles : set of str
        Circular ensembles drawn (``"coe"``, ``"cse"``, ``"cue"``, ``"cue2"``).
    n_spin_full, n_split : int
        Number of parameter points on the spin-full ``2L`` path and on the spin-decoupled
        ``L`` path.
    """
    M = np.float64(M)  # numpy floats overflow to inf instead of raising
    L = M - N
    f = sum(DRAW_FLOPS[e] * M**3 for e in set(ensembles) | {"coe"})
    full = 8.0 / 3.0 * (2 * L) ** 3 + 16.0 * (2 * L) ** 2 * N
    split = 2 * (8.0 / 3.0 * L**3 + 16.0 * L**2 * N)
    # Skip absent paths explicitly: 0 * inf would be NaN for an overflowing M.
    return f + (n_spin_full * full if n_spin_full else 0.0) + (n_split * split if n_split else 0.0)


def machine_rate() -> float:
    """Floating-point operations per second of the engine's kernel on one core of this machine.

    Measured once per process (cached): a few realizations of the spin-full path at
    ``N1 = N2 = 2``, ``M = 64`` (about 0.1 s). Small matrices run below the peak rate, so the
    estimate errs on the slow side for large ``M``.
    """
    if not _RATE:
        rng = np.random.default_rng(0)
        N1 = N2 = 2
        M, batch = 64, 6
        point = (StubPoint(so=(0.5, 0.5, 0.0)),)
        conductance_from_unitary(N1, N2, M, point, coe_matrix(rng, M, 1))  # warm the caches
        best = math.inf
        for _ in range(3):
            start = time.perf_counter()
            conductance_from_unitary(N1, N2, M, point, coe_matrix(rng, M, batch))
            best = min(best, time.perf_counter() - start)
        flops = batch * flops_per_realization(N1 + N2, M, {"coe"}, 1, 0)
        _RATE.append(flops / max(best, 1e-6))
    return _RATE[0]


@dataclass(frozen=True)
class CostEstimate:
    """Estimated cost of one :func:`chaoticdot.rmt.sample_conductance` call.

    Attributes
    ----------
    M : float
        Stub size (from the ``M`` rule or given).
    driver : str
        Parameter that sets ``M``: ``"M"`` (explicit), ``"N1 + N2"``, ``"x"`` (``"x + x_so"``
        with a spin flux), ``"a"``, ``"zeeman_so"``, ``"b"``, ``"energy"``, ``"nphi"`` or
        ``"kT"``.
    memory_bytes : float
        Peak memory of the run (all worker processes and the result), bytes.
    seconds_per_realization : float
        One realization at all parameter points on one core, seconds.
    samples : int
        Realizations.
    workers : int
        Processes working in parallel.
    """

    M: float
    driver: str
    memory_bytes: float
    seconds_per_realization: float
    samples: int
    workers: int

    @property
    def seconds(self) -> float:
        """Estimated wall time of the whole call, seconds."""
        return self.samples * self.seconds_per_realization / max(self.workers, 1)

    @property
    def memory_gib(self) -> float:
        """Peak memory in GiB."""
        return self.memory_bytes / 2**30


@np.errstate(over="ignore", invalid="ignore")
def run_cost(
    N: int,
    M: float,
    driver: str,
    ensembles,
    n_spin_full: int,
    n_split: int,
    samples: int,
    workers: int,
) -> CostEstimate:
    """Cost of a run with ``n_spin_full + n_split`` parameter points (see module docstring)."""
    M = np.float64(M)
    L = M - N
    npoints = n_spin_full + n_split
    widths = [2 * M if e in ("cse", "cue2") else M for e in ensembles]
    wmax = max(widths, default=M)
    stack = max(1.0, min(samples, STACK_ELEMENTS / (4 * wmax * wmax)))
    # Each drawn stack: the matrices kept (1) plus the Ginibre matrix and the QR factors (3).
    draws = sum(4 * _COMPLEX * stack * w * w for w in widths)
    kron = _COMPLEX * stack * (2 * L) ** 2 if n_spin_full else 0.0
    npoints = max(npoints, 1)
    plan = _COMPLEX * ((2 * L) ** 2 if n_spin_full else 2 * L**2)
    # The eigendecomposition of one 2L x 2L exponent needs about six matrices at once.
    plans = min(PLAN_CACHE_BYTES, npoints * plan) + 6 * plan + 4 * 8.0 * L**2
    worker = draws + kron + plans
    result = 2 * 8.0 * samples * npoints
    seconds = flops_per_realization(N, M, ensembles, n_spin_full, n_split) / machine_rate()
    return CostEstimate(
        M=float(M),
        driver=driver,
        memory_bytes=float(workers * worker + result),
        seconds_per_realization=float(seconds),
        samples=samples,
        workers=workers,
    )


_ADVICE = {
    "x": "use x=numpy.inf for the broken time-reversal limit (x^2 >> N1 + N2)",
    "a": "use a=numpy.inf for the strong spin-orbit limit (a^2 >> N1 + N2)",
    "M": "pass a smaller M",
}


def _human_bytes(n: float) -> str:
    for unit in ("B", "KiB", "MiB", "GiB", "TiB", "PiB"):
        if n < 1024 or unit == "PiB":
            return f"{n:.3g} {unit}"
        n /= 1024
    return f"{n:.3g} PiB"  # pragma: no cover


def cost_limits(max_memory_gib, max_minutes) -> tuple[float, float]:
    """The caps of one call, GiB and minutes: the given values, or :data:`COST_LIMITS` for
    ``None``; each a scalar in ``[0, inf]`` (``inf`` disables it)."""
    given = {"max_memory_gib": max_memory_gib, "max_minutes": max_minutes}
    defaults = {"max_memory_gib": COST_LIMITS["memory_gib"], "max_minutes": COST_LIMITS["minutes"]}
    limits = []
    for name, value in given.items():
        arr = check_nonnegative(defaults[name] if value is None else value, name, allow_inf=True)
        if arr.ndim:
            raise ValueError(f"{name} must be a scalar in [0, inf], got {value!r}")
        limits.append(float(arr))
    return limits[0], limits[1]


def cost_refusal(cost: CostEstimate, max_memory_gib: float, max_minutes: float) -> str | None:
    """The refusal message when ``cost`` exceeds a cap, else ``None``."""
    problems = []
    if cost.memory_gib > max_memory_gib:
        problems.append(
            f"peak memory {_human_bytes(cost.memory_bytes)} > max_memory_gib = {max_memory_gib}"
        )
    if cost.seconds > 60.0 * max_minutes:
        problems.append(
            f"estimated wall time {cost.seconds / 60:.3g} min > max_minutes = {max_minutes} "
            f"({cost.seconds_per_realization:.3g} s per realization, {cost.samples} samples, "
            f"{cost.workers} worker(s))"
        )
    if not problems:
        return None
    if cost.driver == "M":
        source = f"M = {cost.M:.6g} (given)"
    else:
        source = f"{cost.driver} sets M = {cost.M:.6g} through the M rule (chaoticdot.rmt.M_RULE)"
    advice = _ADVICE.get(cost.driver)
    if cost.driver != "M":
        explicit = "pass an explicit smaller M (accuracy: chaoticdot.rmt.choose_M)"
        advice = f"{advice}, or {explicit}" if advice else explicit
    return (
        f"refusing the run before allocating anything: {'; '.join(problems)}. {source}; "
        f"{advice}; or use fewer samples, or raise the caps max_memory_gib / max_minutes "
        "(defaults in chaoticdot.rmt.COST_LIMITS)."
    )
