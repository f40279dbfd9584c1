"""Dephasing by uniform absorption versus the replacement N -> N + nphi (paper, last section)."""

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
def test_absorption_equals_extra_channels_at_large_n():
    N1 = N2 = 8
    N = N1 + N2
    M = 4 * N
    nphi = np.array([0.0, N / 2, N, N / 2])
    a = np.array([0.0, 0.0, 0.0, 2.0])
    g = rmt.sample_conductance(
        N1,
        N2,
        a=a[:, None],
        nphi=nphi[:, None],
        energy=independent_energies(M, N, 6),
        M=M,
        samples=1500,
        seed=5,
    )
    shift_mean, shift_var = coe_finite_n_shift(N1, N2)
    for j in range(4):
        th_mean = theory.mean_conductance(N1, N2, a=a[j], nphi=nphi[j])
        th_var = theory.conductance_variance(N1, N2, a=a[j], nphi=nphi[j])
        point = StubPoint(so=(a[j], a[j], 0.0), nphi=nphi[j])
        finite_m_mean = abs(
            rmt.finite_m_wl_correction(N1, N2, a=a[j], nphi=nphi[j], M=M)
            - theory.wl_correction(N1, N2, a=a[j], nphi=nphi[j])
        )
        finite_m_var = abs(finite_m_covariance(N1, N2, point, point, M) - th_var)
        m = energy_averaged_mean(g[:, j])
        v = energy_averaged_variance(g[:, j])
        assert m.within(th_mean, 4, finite_m_mean + 2 * shift_mean), (j, m, th_mean)
        assert v.within(th_var, 4, finite_m_var + 2 * shift_var), (j, v, th_var)
    # power: dephasing visibly reduces the weak-localization correction and the fluctuations
    m0, m2 = energy_averaged_mean(g[:, 0]), energy_averaged_mean(g[:, 2])
    assert m2.value - m0.value > 4 * (m0.error + m2.error) + 4 * shift_mean
    v0, v2 = energy_averaged_variance(g[:, 0]), energy_averaged_variance(g[:, 2])
    assert v0.value - v2.value > 4 * (v0.error + v2.error) + 4 * shift_var


def test_absorption_keeps_classical_conductance():
    """With the Lambda form, absorption leaves <G> = 2 N1 N2 / N when TRS is fully broken."""
    N1, N2, M = 2, 2, 40
    x_big = 2 * np.sqrt(M)
    g = rmt.sample_conductance(N1, N2, x=x_big, nphi=4.0, M=M, samples=2000, seed=9)
    rem = abs(rmt.finite_m_wl_correction(N1, N2, x=x_big, nphi=4.0, M=M))
    assert rmt.mean(g).within(2 * N1 * N2 / (N1 + N2), 4, rem)
