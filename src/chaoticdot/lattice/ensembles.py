"""Conductance ensembles of the lattice dot over disorder and energy.

Every sample is one disorder realisation (its own ``SeedSequence`` child) and a few Fermi
energies drawn uniformly from a window with a fixed channel number. For each sample and energy
the conductance is computed for a list of *variants* (parameter changes such as spin-orbit
strength or flux) on the *same* disorder and energy: differences between variants are then
paired, which removes most of the sample-to-sample fluctuations (book appendix "Lattice model";
5-10x
smaller errors for the spin-orbit suppression of the weak-localization dip).

The work is split into chunks and run through :func:`chaoticdot.parallel.run_chunks`: local
processes by default, or any ``concurrent.futures.Executor`` (a Dask cluster through
``distributed.Client(address).get_executor()``). Seeds are spawned per sample before the work is
distributed, so results are bit-identical for every executor and chunk size.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .._validation import check_positive_int
from ..parallel import default_workers, run_chunks, spawn_seeds
from .hamiltonian import dot_hamiltonian
from .model import DotModel
from .transport import conductance

__all__ = ["EnsembleResult", "conductance_ensemble", "solve_time_estimate"]


@dataclass(frozen=True)
class EnsembleResult:
    """Conductances of an ensemble.

    Attributes
    ----------
    conductance : ndarray, shape (n_samples, n_energies, n_variants)
        ``G`` in units of e^2/h.
    energies : ndarray, shape (n_samples, n_energies)
        Fermi energies (units t).
    variants : tuple of dict
        The parameter changes, in the order of the last axis.
    """

    conductance: np.ndarray
    energies: np.ndarray
    variants: tuple

    def realisations(self) -> np.ndarray:
        """Conductances as ``(n_samples * n_energies, n_variants)``: one row per realisation."""
        return self.conductance.reshape(-1, self.conductance.shape[-1])


def solve_time_estimate(length: int, width: int | None = None) -> float:
    """Rough CPU seconds per conductance: 0.03 s at 60 x 60 sites, growing like ``n^1.5``."""
    n = length * (width or length)
    return 0.03 * (n / 3600.0) ** 1.5


def _sample_chunk(model: DotModel, variants, sample_seeds, n_energies, window):
    """Conductances ``(len(sample_seeds), n_energies, n_variants)`` for one chunk of samples."""
    out = np.empty((len(sample_seeds), n_energies, len(variants)))
    energies = np.empty((len(sample_seeds), n_energies))
    for i, (disorder_seed, energy_seed) in enumerate(sample_seeds):
        sample = model.replace(seed=disorder_seed)
        potential = sample.potential()  # the same realisation for every variant
        energies[i] = np.random.default_rng(energy_seed).uniform(*window, size=n_energies)
        for v, changes in enumerate(variants):
            dot = sample.replace(**changes)
            ham = dot_hamiltonian(
                dot.geometry,
                potential=potential,
                links=dot.links(),
                flux=dot.flux,
                zeeman=dot.zeeman,
                smooth_contacts=dot.smooth_contacts,
            )
            for e, energy in enumerate(energies[i]):
                out[i, e, v] = conductance(ham, dot.geometry, energy)
    return out, energies


def conductance_ensemble(
    model: DotModel,
    variants: Sequence[Mapping] = ({},),
    *,
    n_samples: int,
    n_energies: int = 1,
    seed=0,
    window: tuple[float, float] | None = None,
    executor=None,
    progress: bool = False,
) -> EnsembleResult:
    """Conductance of ``n_samples`` disorder realisations x ``n_energies`` energies x variants.

    Parameters
    ----------
    model : DotModel
        Base parameters (its ``seed`` is ignored: every sample has its own).
    variants : sequence of dict
        Parameter changes applied to ``model`` for each column, e.g.
        ``[{"so_length": np.inf}, {"so_length": 30.0}]``. Geometry-changing keys are refused
        (the disorder must be the same for every variant).
    n_samples, n_energies : int
        Disorder realisations, and energies per realisation drawn uniformly from ``window``.
    seed : int or SeedSequence
        Root seed; one child per sample.
    window : (float, float), optional
        Energy window (units t); default ``model.energy_window()`` (fixed channel number).
    executor : None, "serial" or Executor
        See :func:`chaoticdot.parallel.run_chunks`.
    progress : bool
        Progress bar over chunks.

    Returns
    -------
    EnsembleResult
    """
    n_samples = check_positive_int(n_samples, "n_samples")
    n_energies = check_positive_int(n_energies, "n_energies")
    variants = tuple(dict(v) for v in variants)
    if not variants:
        raise ValueError("variants must contain at least one (possibly empty) dict")
    allowed = {
        "so_profile",
        "so_length",
        "dresselhaus_length",
        "flux",
        "zeeman",
        "smooth_contacts",
    }
    for changes in variants:
        bad = set(changes) - allowed
        if bad:
            raise ValueError(
                f"variants may only change {sorted(allowed)} (same disorder for all), got {bad}"
            )
        model.replace(**changes)  # validates the values
    if window is None:
        window = model.energy_window()
    window = (float(window[0]), float(window[1]))
    if not window[0] < window[1]:
        raise ValueError(f"window must be an interval (lo < hi), got {window!r}")

    seeds = [tuple(s.spawn(2)) for s in spawn_seeds(seed, n_samples)]
    n_chunks = min(n_samples, 4 * default_workers())
    bounds = np.linspace(0, n_samples, n_chunks + 1).astype(int)
    chunks = [
        (model, variants, seeds[a:b], n_energies, window)
        for a, b in zip(bounds[:-1], bounds[1:], strict=True)
        if b > a
    ]
    work = n_samples * n_energies * len(variants) * solve_time_estimate(model.length, model.width)
    results = run_chunks(
        _sample_chunk,
        chunks,
        executor=executor,
        work_estimate=work,
        progress=progress,
        desc="lattice ensemble",
    )
    cond = np.concatenate([r[0] for r in results])
    energies = np.concatenate([r[1] for r in results])
    return EnsembleResult(conductance=cond, energies=energies, variants=variants)
