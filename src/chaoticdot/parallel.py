"""Run independent, seeded chunks of work on any ``concurrent.futures.Executor``.

The Monte-Carlo engine (:mod:`chaoticdot.rmt`) and the lattice ensembles
(:mod:`chaoticdot.lattice`) split their work into chunks. Each chunk receives its own
``numpy.random.SeedSequence`` child, spawned from the user's seed *before* the work is
distributed, so the result is bit-identical whatever the executor and the number of workers.

Executors
---------
``None``
    Local worker processes (one per core) when the work is large enough to pay for them,
    otherwise the calling process.
``"serial"``
    Always the calling process.
any ``concurrent.futures.Executor``
    e.g. ``ProcessPoolExecutor`` or a Dask cluster through
    ``distributed.Client(address).get_executor()``.

Every chunk runs with the BLAS pinned to one thread: on a loaded two-core machine two BLAS
threads per process were measured 10-20x slower than one thread per process.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, as_completed

import numpy as np
from threadpoolctl import threadpool_limits

__all__ = ["run_chunks", "spawn_seeds", "default_workers", "eta_seconds"]


def default_workers() -> int:
    """Number of local worker processes used by default (the usable cores)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - non-Linux
        return max(1, os.cpu_count() or 1)


def check_executor(executor):
    """``None``, ``"serial"`` or an object with ``submit`` (a ``concurrent.futures.Executor``)."""
    if executor is None or (isinstance(executor, str) and executor == "serial"):
        return executor
    if hasattr(executor, "submit"):
        return executor
    raise ValueError(
        f"executor must be None, 'serial' or a concurrent.futures.Executor, got {executor!r}"
    )


def spawn_seeds(seed, n_chunks: int) -> list[np.random.SeedSequence]:
    """``n_chunks`` independent child seed sequences of ``seed`` (int or SeedSequence)."""
    root = seed if isinstance(seed, np.random.SeedSequence) else np.random.SeedSequence(seed)
    return root.spawn(n_chunks)


def _pinned_call(fn: Callable, args: tuple):
    """Run ``fn(*args)`` with one BLAS thread (works inside any worker process)."""
    with threadpool_limits(limits=1):
        return fn(*args)


def eta_seconds(
    done: float,
    total: float,
    elapsed: float,
    estimate: float | None,
    first: tuple[float, float] | None = None,
) -> float:
    """Remaining wall time shown by the progress bar, seconds.

    The first chunk to finish also pays the one-off costs (worker start-up, imports, per-point
    precomputation); a rate measured from the start made the first ETA several times too
    long. The rate is therefore measured from the first completion on (``first``), and until
    20 % of the remaining work is done it is blended with the up-front estimate (measured
    machine rate, :func:`chaoticdot.rmt.estimate_cost`), trusting the measurement in
    proportion to the work done.

    Parameters
    ----------
    done, total : float
        Work done and total work (any unit, e.g. realizations).
    elapsed : float
        Seconds since the start.
    estimate : float or None
        Up-front estimate of the total wall time, seconds (``None``: measured rate only).
    first : (float, float), optional
        Work done and elapsed seconds at the first completion.
    """
    left = max(total - done, 0.0)
    if left == 0.0:
        return 0.0
    have_estimate = estimate is not None and np.isfinite(estimate) and total > 0
    prior = estimate * left / total if have_estimate else float("inf")
    base, t0 = first if first is not None else (0.0, 0.0)
    if done <= base or elapsed <= t0:
        return prior
    measured = left * (elapsed - t0) / (done - base)
    if not have_estimate:
        return measured
    trust = min(1.0, 5.0 * (done - base) / (total - base))
    return trust * measured + (1.0 - trust) * prior


class _Progress:
    """A tqdm bar in units of work with the ETA of :func:`eta_seconds`."""

    def __init__(self, total: float, desc: str | None, estimate: float | None):
        from tqdm.auto import tqdm

        self.total, self.done, self.estimate = total, 0.0, estimate
        self.first = None
        self.start = time.perf_counter()
        self.bar = tqdm(
            total=total,
            desc=desc,
            bar_format="{l_bar}{bar}| {n_fmt}/{total_fmt} [{elapsed}{postfix}]",
        )
        self._show()

    def _show(self) -> None:
        elapsed = time.perf_counter() - self.start
        eta = eta_seconds(self.done, self.total, elapsed, self.estimate, self.first)
        text = "?" if not np.isfinite(eta) else f"{int(eta) // 60:d}:{int(eta) % 60:02d}"
        self.bar.set_postfix_str(f"ETA {text}", refresh=True)

    def update(self, work: float) -> None:
        self.done += work
        if self.first is None:
            self.first = (self.done, time.perf_counter() - self.start)
        self.bar.update(work)
        self._show()

    def close(self) -> None:
        self.bar.close()


def run_chunks(
    fn: Callable,
    chunk_args: Sequence[tuple],
    *,
    executor: Executor | str | None = None,
    parallel_threshold: float = 2.0,
    work_estimate: float = 0.0,
    progress: bool = False,
    desc: str | None = None,
    chunk_work: Sequence[float] | None = None,
    seconds_estimate: float | None = None,
) -> list:
    """Evaluate ``fn(*args)`` for every tuple in ``chunk_args``; results in input order.

    Parameters
    ----------
    fn : callable
        A module-level (picklable) function.
    chunk_args : sequence of tuple
        Arguments of each chunk. Seeds must already be inside them (see :func:`spawn_seeds`).
    executor : Executor, "serial" or None
        Where to run. ``None`` starts a local process pool when ``work_estimate`` exceeds
        ``parallel_threshold`` (seconds) and there is more than one chunk and one core.
    parallel_threshold, work_estimate : float
        Estimated serial run time in seconds, and the threshold above which a local pool pays
        for its start-up cost (about 0.5 s per worker with numpy/scipy imports).
    progress : bool
        Show a tqdm progress bar; it advances as soon as any chunk finishes.
    desc : str, optional
        Label of the progress bar.
    chunk_work : sequence of float, optional
        Work of each chunk (e.g. realizations), the unit of the bar; default one per chunk.
    seconds_estimate : float, optional
        Up-front estimate of the wall time, used for the first ETA (:func:`eta_seconds`).
    """
    chunk_args = list(chunk_args)
    work = [1] * len(chunk_args) if chunk_work is None else list(chunk_work)
    if len(work) != len(chunk_args):
        raise ValueError("chunk_work must have one entry per chunk")
    bar = _Progress(sum(work), desc, seconds_estimate) if progress else None
    own_pool = None
    if executor is None:
        workers = min(default_workers(), len(chunk_args))
        if workers > 1 and work_estimate > parallel_threshold:
            own_pool = ProcessPoolExecutor(max_workers=workers)
            executor = own_pool
        else:
            executor = "serial"
    try:
        if executor == "serial":
            results = []
            for args, w in zip(chunk_args, work, strict=True):
                results.append(_pinned_call(fn, args))
                if bar is not None:
                    bar.update(w)
            return results
        if not isinstance(executor, Executor) and not hasattr(executor, "submit"):
            raise ValueError(
                "executor must be None, 'serial' or a concurrent.futures.Executor, "
                f"got {executor!r}"
            )
        futures = [executor.submit(_pinned_call, fn, args) for args in chunk_args]
        if bar is not None:  # the bar follows completion; the assembly stays in order
            weight = {id(f): w for f, w in zip(futures, work, strict=True)}
            for fut in as_completed(futures):
                bar.update(weight[id(fut)])
        return [fut.result() for fut in futures]  # submission order: deterministic
    finally:
        if bar is not None:
            bar.close()
        if own_pool is not None:
            own_pool.shutdown()
