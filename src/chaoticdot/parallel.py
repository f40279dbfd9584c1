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
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor

import numpy as np
from threadpoolctl import threadpool_limits

__all__ = ["run_chunks", "spawn_seeds", "default_workers"]


def default_workers() -> int:
    """Number of local worker processes used by default (the usable cores)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - non-Linux
        return max(1, os.cpu_count() or 1)


def spawn_seeds(seed, n_chunks: int) -> list[np.random.SeedSequence]:
    """``n_chunks`` independent child seed sequences of ``seed`` (int or SeedSequence)."""
    root = seed if isinstance(seed, np.random.SeedSequence) else np.random.SeedSequence(seed)
    return root.spawn(n_chunks)


def _pinned_call(fn: Callable, args: tuple):
    """Run ``fn(*args)`` with one BLAS thread (works inside any worker process)."""
    with threadpool_limits(limits=1):
        return fn(*args)


def _progress_bar(total: int, enabled: bool, desc: str | None):
    if not enabled:
        return None
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=desc)


def run_chunks(
    fn: Callable,
    chunk_args: Sequence[tuple],
    *,
    executor: Executor | str | None = None,
    parallel_threshold: float = 2.0,
    work_estimate: float = 0.0,
    progress: bool = False,
    desc: str | None = None,
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
        Show a tqdm progress bar over chunks.
    desc : str, optional
        Label of the progress bar.
    """
    chunk_args = list(chunk_args)
    bar = _progress_bar(len(chunk_args), progress, desc)
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
            for args in chunk_args:
                results.append(_pinned_call(fn, args))
                if bar is not None:
                    bar.update(1)
            return results
        if not isinstance(executor, Executor) and not hasattr(executor, "submit"):
            raise ValueError(
                "executor must be None, 'serial' or a concurrent.futures.Executor, "
                f"got {executor!r}"
            )
        futures = [executor.submit(_pinned_call, fn, args) for args in chunk_args]
        results = []
        for fut in futures:  # in submission order: deterministic assembly
            results.append(fut.result())
            if bar is not None:
                bar.update(1)
        return results
    finally:
        if bar is not None:
            bar.close()
        if own_pool is not None:
            own_pool.shutdown()
