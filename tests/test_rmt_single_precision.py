"""Single-precision LU factorisations in the stub Monte Carlo: accuracy far below the noise.

The ``precision="single"`` option of :func:`chaoticdot.rmt.sample_conductance` factorises the
Schur complement in ``complex64``. The same realizations (same seed, same random streams) are
evaluated in both precisions on the spin-full, spin-decoupled and ``a = inf`` (CSE) paths at
the Fig. 2 stub size ``M = 8 N``: the conductance differences must be tiny compared with the
sample standard deviation of ``G`` (which sets the statistical error of every estimate).
"""

import numpy as np
import pytest

from chaoticdot import rmt


@pytest.mark.parametrize("n1", [2, 5])
def test_single_precision_error_far_below_noise(n1):
    N = 2 * n1
    x = np.array([0.0, 1.0, 2.0]) * np.sqrt(N)
    a = np.array([[0.0], [0.5], [np.inf]]) * np.sqrt(N)
    kw = dict(x=x, a=a, M=8 * N, samples=40, seed=3, executor="serial")
    g64 = rmt.sample_conductance(n1, n1, **kw)
    g32 = rmt.sample_conductance(n1, n1, precision="single", **kw)
    diff = np.abs(g32 - g64)
    # single precision really is used (otherwise this test could not fail) ...
    assert diff.max() > 1e-12
    # ... and its error is at least 1e4 times below the spread of G at every point
    assert diff.max() < 1e-4 * g64.std(axis=0, ddof=1).min()
    # the bias of a mean over the samples is smaller still
    assert np.abs((g32 - g64).mean(axis=0)).max() < 1e-5 * g64.std(axis=0, ddof=1).min()


def test_single_precision_keeps_exact_ensemble():
    """At x = 0 the stub is exactly COE: single precision stays within the error."""
    from chaoticdot.theory import exact_conductance_stats

    g = rmt.sample_conductance(2, 2, M=40, samples=3000, seed=9, precision="single")
    exact_mean, exact_var = exact_conductance_stats(2, 2, "COE")
    assert rmt.mean(g).within(exact_mean, 4)
    assert rmt.variance(g).within(exact_var, 4)


def test_precision_is_validated():
    with pytest.raises(ValueError, match="precision"):
        rmt.sample_conductance(1, 1, samples=2, precision="half")
