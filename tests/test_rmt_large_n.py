"""Large N: the stub Monte Carlo against Eqs. (13)-(14) of the paper.

Expected deviations have two known sources, both allowed explicitly on top of 4 standard errors:

* finite M: the Gaussian-level kernels evaluated for the actual finite-M matrix R
  (:mod:`chaoticdot.rmt.kernels`) differ from Eqs. (13)-(14) by a computable amount;
* finite N: O(1/N) relative corrections. Their scale is set by the exact spin-degenerate COE,
  whose distance from Eqs. (13)-(14) is known exactly; twice that is allowed.

Each realization is evaluated at several energies a period apart (nearly independent
conductances at the price of one extra LU each), which makes the tests cheap.
"""

import numpy as np
import pytest

from _rmt_helpers import (
    coe_finite_n_shift,
    energy_averaged_mean,
    energy_averaged_variance,
    independent_energies,
)
from chaoticdot import rmt, theory
from chaoticdot.rmt.kernels import finite_m_covariance
from chaoticdot.rmt.stub import StubPoint


@pytest.mark.slow
def test_crossover_points_agree_with_eqs_13_14():
    N1 = N2 = 8
    N = N1 + N2
    M = 4 * N
    x = np.array([0.0, 2.0, 0.0, 0.0])
    a = np.array([0.0, 0.0, 2.0, 2.0])
    b = np.array([0.0, 0.0, 0.0, 4.0])
    e = independent_energies(M, N, 6)
    g = rmt.sample_conductance(
        N1, N2, x=x[:, None], a=a[:, None], b=b[:, None], energy=e, M=M, samples=1500, seed=21
    )
    shift_mean, shift_var = coe_finite_n_shift(N1, N2)
    for j in range(4):
        th_mean = theory.mean_conductance(N1, N2, x=x[j], a=a[j], b=b[j])
        th_var = theory.conductance_variance(N1, N2, x=x[j], a=a[j], b=b[j])
        point = StubPoint(x=x[j], so=(a[j], a[j], 0.0), bvec=(b[j], 0.0, 0.0))
        finite_m_mean = abs(
            rmt.finite_m_wl_correction(N1, N2, x=x[j], a=a[j], b=b[j], M=M)
            - theory.wl_correction(N1, N2, x=x[j], a=a[j], b=b[j])
        )
        finite_m_var = abs(finite_m_covariance(N1, N2, point, point, M) - th_var)
        m = energy_averaged_mean(g[:, j])
        v = energy_averaged_variance(g[:, j])
        assert m.within(th_mean, 4, finite_m_mean + 2 * shift_mean), (j, m, th_mean)
        assert v.within(th_var, 4, finite_m_var + 2 * shift_var), (j, v, th_var)
    # power: the allowed band is narrower than the spin-orbit effect being tested
    m0 = energy_averaged_mean(g[:, 0])
    m2 = energy_averaged_mean(g[:, 2])
    assert abs(m2.value - m0.value) > 4 * (m0.error + m2.error) + 4 * shift_mean


@pytest.mark.slow
def test_finite_n_residual_shrinks_from_n8_to_n16():
    """The residual MC - Eq. (13) near x = 0 shrinks from N = 8 to N = 16 (total N).

    Pooled over x = 0 and x^2 = N/8 (a = 0), with the finite-M kernel difference removed.
    Expected ~ 1 / 2(N + 1): 0.056 and 0.029.
    """
    residual = {}
    for n1, samples in ((4, 6000), (8, 3000)):
        N = 2 * n1
        M = 4 * N
        x = np.array([0.0, np.sqrt(N / 8)])
        g = rmt.sample_conductance(
            n1,
            n1,
            x=x[:, None],
            energy=independent_energies(M, N, 8),
            M=M,
            samples=samples,
            seed=33,
        )
        ref = np.array(
            [
                theory.mean_conductance(n1, n1, x=xi)
                + rmt.finite_m_wl_correction(n1, n1, x=xi, M=M)
                - theory.wl_correction(n1, n1, x=xi)
                for xi in x
            ]
        )
        residual[N] = energy_averaged_mean(g.mean(axis=1) - ref.mean())
    r8, r16 = residual[8], residual[16]
    assert r8.value > 4 * r8.error  # the finite-N residual is resolved at N = 8
    diff_err = np.hypot(r8.error, r16.error)
    assert r8.value - r16.value > 2 * diff_err  # and it shrinks
    assert abs(r16.value - r8.value * 9 / 17) < 4 * diff_err  # like 1/(N + 1)
