"""Shared helpers of the stub-model Monte-Carlo tests (energy-averaged estimators)."""

import numpy as np

from chaoticdot import rmt, theory


def independent_energies(M, N, count):
    """``count`` energies spread over one period ``2 pi (M - N)`` of the stub's energy phase.

    Neighbours are ``2 pi (M - N) / count`` apart, much more than the correlation energy
    ``~N``, so one realization gives nearly independent conductances at no sampling cost
    (``<G>`` and ``var G`` are exactly energy independent).
    """
    return 2 * np.pi * (M - N) * np.arange(count) / count


def energy_averaged_mean(g):
    """Mean over samples (axis 0) and energies (last axis); error from realization averages."""
    return rmt.mean(g.mean(axis=-1))


def energy_averaged_variance(g):
    """Variance pooled over energies (last axis); error from per-realization contributions."""
    mu = g.mean(axis=(0, -1))
    q = ((g - mu[..., None]) ** 2).mean(axis=-1)
    n = g.shape[0]
    est = rmt.mean(q)
    return rmt.Estimate(est.value * n / (n - 1), est.error)


def coe_finite_n_shift(N1, N2):
    """Exact finite-N shifts of <G> and var G from Eqs. (13)-(14) at x = a = b = 0.

    The spin-degenerate COE is exact for the stub at zero perturbation; its distance from the
    large-N formulas sets the scale of the O(1/N) residual expected in the crossover.
    """
    mean_exact, var_exact = theory.exact_conductance_stats(N1, N2, "COE")
    return (
        abs(mean_exact - theory.mean_conductance(N1, N2)),
        abs(var_exact - theory.conductance_variance(N1, N2)),
    )
