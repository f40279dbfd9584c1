"""Stub model versus the independent Hamiltonian (Mahaux-Weidenmueller) model.

The two constructions share nothing but the parameter conventions of Eq. (7): the
Hamiltonian model uses a GOE Hamiltonian, a Green function with ideal leads and perturbation
matrices drawn afresh for every realization. Both use each realization for all parameter
points, so the *changes* of G with x, a, b (magnetoconductance, spin-orbit and Zeeman effects)
are compared through paired differences with small errors.

Allowed deviation: 4 combined standard errors plus the computable finite-M bias of the stub
(kernels of :mod:`chaoticdot.rmt.kernels` versus Eq. 13). The Hamiltonian model (M_H = 80 >>
N, x^2, a^2, b) is taken at face value.
"""

import numpy as np
import pytest

from chaoticdot import rmt, theory
from chaoticdot.theory import exact_conductance_stats

N1 = N2 = 2
X = np.array([0.0, 1.0, 0.0, 0.5])
A = np.array([0.0, 0.0, 1.0, 1.0])
B = np.array([0.0, 0.0, 0.0, 2.0])
M_STUB, M_HAM = 40, 80


@pytest.fixture(scope="module")
def samples():
    gh = rmt.hamiltonian_conductance(N1, N2, x=X, a=A, b=B, samples=800, M=M_HAM, seed=1)
    gs = rmt.sample_conductance(N1, N2, x=X, a=A, b=B, M=M_STUB, samples=3000, seed=2)
    return gh, gs


def _stub_bias(j):
    return abs(
        rmt.finite_m_wl_correction(N1, N2, x=X[j], a=A[j], b=B[j], M=M_STUB)
        - theory.wl_correction(N1, N2, x=X[j], a=A[j], b=B[j])
    )


@pytest.mark.slow
def test_parameter_dependence_agrees(samples):
    gh, gs = samples
    for j in (1, 2, 3):
        dh = rmt.mean(gh[:, j] - gh[:, 0])
        ds = rmt.mean(gs[:, j] - gs[:, 0])
        tol = 4 * np.hypot(dh.error, ds.error) + _stub_bias(j) + _stub_bias(0)
        assert abs(dh.value - ds.value) <= tol, (j, dh, ds)
        # power: a factor-2 error in the normalisation of x^2 or a^2 would be detected
        th = theory.mean_conductance(N1, N2, x=X[j], a=A[j], b=B[j])
        th_wrong = theory.mean_conductance(N1, N2, x=np.sqrt(2) * X[j], a=np.sqrt(2) * A[j], b=B[j])
        assert abs(th - th_wrong) > tol


@pytest.mark.slow
def test_means_and_variances_agree(samples):
    gh, gs = samples
    for j in range(4):
        mh, ms = rmt.mean(gh[:, j]), rmt.mean(gs[:, j])
        assert abs(mh.value - ms.value) <= 4 * np.hypot(mh.error, ms.error) + _stub_bias(j)
        vh, vs = rmt.variance(gh[:, j]), rmt.variance(gs[:, j])
        assert abs(vh.value - vs.value) <= 4 * np.hypot(vh.error, vs.error)


def test_hamiltonian_model_unitary_and_coe_at_zero_field(samples):
    gh, _ = samples
    mean_exact, var_exact = exact_conductance_stats(N1, N2, "COE")
    assert rmt.mean(gh[:, 0]).within(mean_exact)
    assert rmt.variance(gh[:, 0]).within(var_exact)
    S = rmt.hamiltonian_scattering_matrix(N1, N2, x=0.7, a=0.4, b=1.0, M=40, rng=3)
    assert np.abs(S @ S.conj().T - np.eye(2 * (N1 + N2))).max() < 1e-10
