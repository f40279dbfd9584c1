"""Unitarity, symmetry classes and internal consistency of the stub-model construction."""

import numpy as np
import pytest

from chaoticdot import rmt
from chaoticdot.rmt import stub
from chaoticdot.rmt.haar import symplectic_unit

PARAMS = [
    dict(x=0.7, a=0.8, b=1.3, b_direction=(0.3, 0.2, 1.0), energy=0.4),
    dict(x=-1.5, a=2.0, b=0.0),
    dict(x=0.0, a=0.0, b=3.0, b_direction=(0.0, 1.0, 0.0)),
    dict(x=2.0, a=np.inf),
    dict(x=0.3, so_axes=(0.0, 0.0, 1.2), b=0.7, b_direction=(1.0, 0.0, 0.0)),
]


@pytest.mark.parametrize("params", PARAMS)
@pytest.mark.parametrize("N1,N2", [(1, 1), (2, 3)])
def test_scattering_matrix_is_unitary(params, N1, N2):
    S = rmt.scattering_matrix(N1, N2, M=40, rng=np.random.default_rng(11), **params)
    N = N1 + N2
    assert S.shape == (2 * N, 2 * N)
    assert np.abs(S @ S.conj().T - np.eye(2 * N)).max() < 1e-10


def test_absorption_makes_s_subunitary():
    S = rmt.scattering_matrix(2, 2, x=0.5, a=0.5, nphi=3.0, M=40, rng=1)
    sv = np.linalg.svd(S, compute_uv=False)
    assert sv.max() < 1.0 - 1e-6


def test_lambda_form_equals_transmission_for_unitary_s():
    """Eq. (4) = tr t^dagger t when S is unitary (paper Eq. 4; unitarity)."""
    N1, N2 = 2, 3
    S = rmt.scattering_matrix(N1, N2, x=0.4, a=1.1, b=0.9, M=30, rng=5)
    t = S[2 * N1 :, : 2 * N1]
    g_t = np.sum(np.abs(t) ** 2)
    g_lambda = stub._g_lambda(S, N1, N2, 2)
    assert g_lambda == pytest.approx(g_t, abs=1e-12)


def test_zero_perturbation_keeps_coe_and_cse_structure():
    # COE stub without TRS-breaking terms: S symmetric (spin-trivial).
    S = rmt.scattering_matrix(2, 1, a=0.0, x=0.0, energy=1.1, M=25, rng=3)
    assert np.abs(S - S.T).max() < 1e-12
    # With spin-orbit only, S is self-dual: Z S^T Z^T = S (Kramers degeneracy).
    S = rmt.scattering_matrix(2, 1, a=1.0, M=25, rng=3)
    Z = symplectic_unit(3)
    assert np.abs(Z @ S.T @ Z.T - S).max() < 1e-12


def test_circular_ensemble_samplers():
    rng = np.random.default_rng(0)
    u = rmt.coe_matrix(rng, 7, 3)
    assert np.abs(u - np.swapaxes(u, -1, -2)).max() < 1e-13
    assert np.abs(u @ np.conj(np.swapaxes(u, -1, -2)) - np.eye(7)).max() < 1e-12
    v = rmt.cse_matrix(rng, 4)
    Z = symplectic_unit(4)
    assert np.abs(Z @ v.T @ Z.T - v).max() < 1e-12
    assert np.abs(v @ v.conj().T - np.eye(8)).max() < 1e-12


def test_haar_phase_fix():
    """CUE: <|tr V|^2> = 1 and <V_11> = 0; an unfixed QR gives a biased diagonal."""
    n = 4000
    v = rmt.haar_unitary(np.random.default_rng(1), 3, n)
    tr2 = np.abs(np.trace(v, axis1=1, axis2=2)) ** 2
    est = rmt.mean(tr2)
    assert est.within(1.0)
    est = rmt.mean(v[:, 0, 0].real)
    assert est.within(0.0)


def test_perturbation_matrices_normalisation():
    M, N = 80, 6
    mats = rmt.perturbation_matrices(M, N)
    assert mats.shape == (4, M - N, M - N)
    for k in mats:
        assert np.abs(k + k.T).max() == 0.0
    gram = np.einsum("aij,bij->ab", mats, mats)
    assert np.allclose(gram, M**2 * np.eye(4), rtol=1e-12, atol=1e-8)
    # spread spectrum: tr (X X^T)^2 / M^4 = O(1/M), far from the rank-2 value 1/2
    x = mats[0]
    xx = x @ x.T
    assert np.trace(xx @ xx) / M**4 < 0.05


@pytest.mark.parametrize(
    "point",
    [
        stub.StubPoint(x=0.5, bvec=(0.3, 0.0, 0.4)),
        stub.StubPoint(x=0.5, so=(0.0, 0.0, 0.7), bvec=(0.0, 0.0, 1.2)),
        stub.StubPoint(x=-0.2, so=(0.9, 0.0, 0.0), bvec=(-0.5, 0.0, 0.0)),
        stub.StubPoint(x=0.2, nphi=1.0, bvec=(1.0, 0.0, 0.0), energy=2.0),
        stub.StubPoint(x=0.3),
    ],
)
def test_spin_decoupled_path_equals_full_path(point):
    u = rmt.coe_matrix(np.random.default_rng(5), 30, 3)
    g1 = stub.conductance_from_unitary(2, 3, 30, [point], u, allow_decoupled=True)
    g2 = stub.conductance_from_unitary(2, 3, 30, [point], u, allow_decoupled=False)
    assert np.abs(g1 - g2).max() < 1e-10


@pytest.mark.parametrize("M", [24, 60])  # small stacks (numpy) and the LAPACK loop
def test_scattering_matrix_matches_batched_engine(M):
    """The full-S route and the batched transmission route give the same G for the same U."""
    N1, N2 = 2, 2
    params = dict(x=0.6, a=0.9, b=1.4, nphi=0.0)
    S = rmt.scattering_matrix(N1, N2, M=M, rng=np.random.default_rng(9), **params)
    g_s = np.sum(np.abs(S[2 * N1 :, : 2 * N1]) ** 2)
    u = rmt.coe_matrix(np.random.default_rng(9), M)[None]
    point = stub.StubPoint(x=0.6, so=(0.9, 0.9, 0.0), bvec=(1.4, 0.0, 0.0))
    g_b = stub.conductance_from_unitary(N1, N2, M, [point], u)[0, 0]
    assert g_b == pytest.approx(g_s, abs=1e-11)
