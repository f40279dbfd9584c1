"""Stub-model Monte Carlo against the exact finite-N circular ensembles.

Ensembles of the limits: book appendix "Exact ensembles".

For each (N1, N2) one call samples every limit with the same realizations:

=======  ======================================  =========================================
limit    stub parameters                         why it is that ensemble
=======  ======================================  =========================================
COE      x = a = b = 0                           exact for every M and energy
CUE      x^2 >> N                                TRS broken (finite-M remainder, see below)
2COE     a = 0, b = pi (M - N) / 2               two spin sectors, each exactly COE, whose
                                                 relative phase pi per passage makes them
                                                 maximally uncorrelated
2CUE     as 2COE with x^2 >> N
CSE      a = inf, x = 0                          exact for every M
CUE2N    a = inf, x^2 >> N
=======  ======================================  =========================================

Unitary limits: at finite M the cooperon of the stub is not fully suppressed by x (the prompt
reflection U_PP keeps TRS); its Gaussian-level remainder is evaluated exactly for the actual
R with :mod:`chaoticdot.rmt.kernels` and allowed in addition to 4 standard errors (it is
about 2 (N1 N2 / N) / M, much smaller than the differences between the ensembles). For the CSE
stub the surviving cooperon is the singlet alone: half the size, opposite sign.
"""

import numpy as np
import pytest

from chaoticdot import rmt
from chaoticdot.rmt.kernels import finite_m_cooperon_variance
from chaoticdot.rmt.stub import StubPoint
from chaoticdot.theory import exact_conductance_stats

M = 32
SAMPLES = 3000
LIMITS = ["COE", "CUE", "2COE", "2CUE", "CSE", "CUE2N"]


@pytest.mark.parametrize("N1,N2", [(1, 1), (1, 2), (2, 2), (3, 3)])
def test_every_limit_matches_exact_ensemble(N1, N2):
    N = N1 + N2
    x_big = 2.0 * np.sqrt(M)
    b_big = np.pi * (M - N) / 2
    x = np.array([0, x_big, 0, x_big, 0, x_big])
    a = np.array([0, 0, 0, 0, np.inf, np.inf])
    b = np.array([0, 0, b_big, b_big, 0, 0])
    g = rmt.sample_conductance(N1, N2, x=x, a=a, b=b, M=M, samples=SAMPLES, seed=100 + N)
    assert g.shape == (SAMPLES, 6)

    rem_mean = abs(rmt.finite_m_wl_correction(N1, N2, x=x_big, M=M))
    rem_var = finite_m_cooperon_variance(N1, N2, StubPoint(x=x_big), M)
    allow_mean = {"CUE": rem_mean, "2CUE": rem_mean, "CUE2N": rem_mean / 2}
    allow_var = {"CUE": rem_var, "2CUE": rem_var, "CUE2N": rem_var}
    for j, name in enumerate(LIMITS):
        mean_exact, var_exact = exact_conductance_stats(N1, N2, name)
        m = rmt.mean(g[:, j])
        v = rmt.variance(g[:, j])
        assert m.within(mean_exact, 4, allow_mean.get(name, 0.0)), (name, m, mean_exact)
        assert v.within(var_exact, 4, allow_var.get(name, 0.0)), (name, v, var_exact)


def test_tolerances_separate_the_ensembles():
    """The allowed deviations are much smaller than the differences being tested."""
    N1 = N2 = 3
    rem = abs(rmt.finite_m_wl_correction(N1, N2, x=2.0 * np.sqrt(M), M=M))
    cue = exact_conductance_stats(N1, N2, "CUE")[0]
    coe = exact_conductance_stats(N1, N2, "COE")[0]
    assert rem < 0.3 * (cue - coe)


@pytest.mark.parametrize("M_small", [3, 5])
def test_coe_exact_for_any_m_and_energy(M_small):
    """Zero perturbation: exactly the spin-degenerate COE, even for M = N + 1."""
    N1, N2 = 1, 1
    g = rmt.sample_conductance(
        N1, N2, energy=[0.0, 1.3], M=M_small, samples=6000, seed=7, executor="serial"
    )
    mean_exact, var_exact = exact_conductance_stats(N1, N2, "COE")
    for j in range(2):
        assert rmt.mean(g[:, j]).within(mean_exact)
        assert rmt.variance(g[:, j]).within(var_exact)
