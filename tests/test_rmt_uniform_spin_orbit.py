"""Stub and Hamiltonian models with the spin flux ``x_so`` and the cross term ``zeeman_so``.

Exact checks (sample by sample, same random matrices):

* spin flux alone: spin up along ``z`` sees the field ``x + x_so``, spin down ``x - x_so``
  (Aleiner & Fal'ko, PRL 87, 256801 (2001)), so ``G(x, x_so) = [G(x + x_so) + G(x - x_so)] / 2``
  with the spin-degenerate ``G`` of the orbital field alone, and the orbital Onsager relation
  ``g(y) = g(-y)`` of each sector gives ``G(x, x_so) = G(x, -x_so) = G(-x, x_so)``;
* with symplectic spin-orbit coupling (``a``, also ``a = inf``) and ``b = 0``: ``x_so`` is
  even under time reversal (a spin-orbit "vector potential" times a spin), so the Onsager
  relation ``G(x) = G(-x)`` survives;
* with an in-plane Zeeman field and ``a = 0``: a spin rotation by ``pi`` about ``z`` reverses
  the in-plane field and leaves ``x_so sigma_z`` alone, and time reversal then restores the
  field, so again ``G(x) = G(-x)``; the cross term ``zeeman_so Y sigma_z`` is time-reversal
  even but odd under that rotation, and breaks the relation (Cremers, Brouwer & Fal'ko,
  PRB 68, 125329 (2003));
* the spin-decoupled path equals the spin-full ``2(M - N)`` problem.

Statistical check against theory: the Monte-Carlo mean of a *paired* difference
``G(x_so) - G(0)`` against the finite-``M`` Gaussian kernel at the same ``M``
(:func:`chaoticdot.rmt.finite_m_wl_correction`, the leading order in ``1/N`` with its exact
finite-``M`` correction), 4 standard errors. The kernel omits ``O(1/N)`` corrections. At
``N1 = N2 = 4`` they are largest where the cooperon is largest: for the spin flux alone at
``x = 0`` the measured deviation is about 15 % of the difference (it is the orbital
crossover's own, by the sum rule above). The tests therefore use points where the cooperon is
reduced by dephasing (``nphi = 4``) and by spin-orbit coupling, where the measured deviation
with 8000 samples was about 1.3 standard errors (i.e. 0.7 standard errors with the sample
count used here), and the cross term with an in-plane field (measured 1 standard error).
"""

import numpy as np
import pytest

from chaoticdot import rmt
from chaoticdot.rmt import sampling, stub

SERIAL = {"executor": "serial"}


def _g(**kw):
    return rmt.sample_conductance(2, 1, M=14, samples=4, seed=5, **SERIAL, **kw)


def test_spin_flux_sum_rule_and_sign_symmetries():
    x, xs = 0.5, 0.3
    g = _g(x=[x, x, -x, x + xs, x - xs], x_so=[xs, -xs, xs, 0.0, 0.0])
    np.testing.assert_allclose(g[:, 1], g[:, 0], rtol=0, atol=1e-10)
    np.testing.assert_allclose(g[:, 2], g[:, 0], rtol=0, atol=1e-10)
    np.testing.assert_allclose(g[:, 0], (g[:, 3] + g[:, 4]) / 2, rtol=0, atol=1e-10)


@pytest.mark.parametrize("a", [0.7, np.inf])
def test_spin_flux_keeps_onsager_with_symplectic_coupling(a):
    g = _g(x=[0.4, -0.4], a=a, x_so=0.5, nphi=0.3)
    np.testing.assert_allclose(g[:, 1], g[:, 0], rtol=0, atol=1e-10)


def test_in_plane_field_onsager_and_its_breaking_by_the_cross_term():
    kw = dict(x=[0.4, -0.4], x_so=0.5, b=0.9, b_direction=(1.0, 1.0, 0.0))
    g = _g(**kw)
    np.testing.assert_allclose(g[:, 1], g[:, 0], rtol=0, atol=1e-10)
    g = _g(**kw, zeeman_so=0.8)
    assert np.max(np.abs(g[:, 1] - g[:, 0])) > 1e-3


POINTS = [
    stub.StubPoint(x=0.4, terms={"x_so": 0.3}),
    stub.StubPoint(x=0.4, terms={"x_so": -0.3}, bvec=(0.0, 0.0, 0.5), nphi=0.6),
    stub.StubPoint(x=-0.2, terms={"x_so": 0.3, "zeeman_so": 0.5}, energy=1.0),
    stub.StubPoint(terms={"zeeman_so": 0.5}),
    stub.StubPoint(x=0.4, so=(0.0, 0.0, 0.6), terms={"zeeman_so": 0.5}, bvec=(0.0, 0.0, -0.3)),
]


def test_decoupled_path_equals_spin_full_path():
    M, N1, N2 = 16, 2, 1
    assert not any(stub.spin_full_point(p) for p in POINTS)
    u = rmt.coe_matrix(np.random.default_rng(1), M, 3)
    fast = stub.conductance_from_unitary(N1, N2, M, POINTS, u)
    full = stub.conductance_from_unitary(N1, N2, M, POINTS, u, allow_decoupled=False)
    np.testing.assert_allclose(fast, full, rtol=0, atol=1e-10)


def test_scattering_matrix_equals_sampled_conductance():
    """``scattering_matrix`` (always spin-full) against the decoupled path on the same ``U``."""
    M, N1, N2, seed = 14, 2, 1, 7
    kw = dict(x=0.3, x_so=-0.4, zeeman_so=0.6, b=0.5, b_direction=(0.0, 0.0, 1.0))
    s = rmt.scattering_matrix(N1, N2, M=M, rng=seed, **kw)
    np.testing.assert_allclose(s @ s.conj().T, np.eye(2 * (N1 + N2)), atol=1e-10)
    g_s = np.sum(np.abs(s[2 * N1 :, : 2 * N1]) ** 2)
    u = sampling._draw(np.random.default_rng(seed), "coe", M, None)[None]
    point = stub.StubPoint(x=0.3, bvec=(0.0, 0.0, 0.5), terms={"x_so": -0.4, "zeeman_so": 0.6})
    assert not stub.spin_full_point(point)
    g = stub.conductance_from_unitary(N1, N2, M, [point], u)[0, 0]
    assert abs(g - g_s) < 1e-10


def test_infinite_field_drops_the_spin_flux():
    g = _g(x=np.inf, x_so=[0.0, 0.7], a=[[0.0], [np.inf]])
    np.testing.assert_array_equal(g[..., 1], g[..., 0])


def test_zero_new_terms_change_nothing():
    kw = dict(x=[0.0, 0.5], a=0.6, b=0.4)
    ref = _g(**kw)
    np.testing.assert_array_equal(_g(**kw, x_so=0.0, zeeman_so=0.0, terms={}), ref)
    assert rmt.choose_M(3, 0.5, 0.6, 0.4, 0.0, 0.0) == rmt.choose_M(
        3, 0.5, 0.6, 0.4, 0.0, 0.0, x_so=0.0, zeeman_so=0.0
    )


def test_m_rule_of_the_new_terms():
    assert rmt.choose_M(4, 1.0, 0.0, 0.0, 0.0, 0.0, x_so=-2.0) == 20 * 9
    assert rmt.choose_M(4, 0.0, 0.0, 0.0, 0.0, 0.0, zeeman_so=3.0) == 30 * 9
    cost = rmt.estimate_cost(2, 2, x=0.5, x_so=2.0, samples=2, **SERIAL)
    assert cost.driver == "x + x_so"


def test_terms_mapping():
    ref = _g(x=0.3, so_axes=(0.2, 0.0, 0.5), zeeman_so=0.4)
    np.testing.assert_array_equal(_g(x=0.3, zeeman_so=0.4, terms={"a_x": 0.2, "a_z": 0.5}), ref)
    # one rule with the theory: a term may come from terms unless its keyword also sets it
    np.testing.assert_array_equal(_g(x=0.3, terms={"x_so": 0.7}), _g(x=0.3, x_so=0.7))
    with pytest.raises(ValueError, match="given twice"):
        _g(x_so=0.2, terms={"x_so": 0.1})
    with pytest.raises(ValueError, match="terms"):
        _g(terms={"x": 0.1})  # x keeps its keyword here (it may be +-inf)
    with pytest.raises(ValueError, match="terms"):
        _g(a=0.5, terms={"a_x": 0.1})
    with pytest.raises(ValueError, match="terms"):
        _g(terms={"nonsense": 0.1})


@pytest.mark.parametrize(
    "base, change, seed",
    [
        (dict(nphi=4.0, a=1.5, x=0.5), dict(x_so=1.2), 2),
        (dict(x=0.3, x_so=0.6, b=2.0), dict(zeeman_so=2.0), 3),
    ],
)
def test_paired_difference_against_finite_m_kernel(base, change, seed):
    """Paired ``G(with term) - G(without)`` at ``N1 = N2 = 4`` (module docstring), 4 SE."""
    N1 = N2 = 4
    M, n = 40, 3000
    name, value = next(iter(change.items()))
    args = {**base, name: [base.get(name, 0.0), value]}
    g = rmt.sample_conductance(N1, N2, M=M, samples=n, seed=seed, **SERIAL, **args)
    diff = rmt.mean(g[:, 1] - g[:, 0])
    kernel = rmt.finite_m_wl_correction(N1, N2, M=M, **base, **change) - rmt.finite_m_wl_correction(
        N1, N2, M=M, **base
    )
    assert abs(kernel) > 4 * diff.error or name == "zeeman_so"  # a real test of the term
    assert abs(diff.value - kernel) < 4 * diff.error, (diff, kernel)


def test_hamiltonian_model_symmetries():
    """The same exact relations in the Hamiltonian model (fresh ``X``, ``Y`` per sample)."""
    kw = dict(x=[0.4, -0.4], x_so=0.5, b=0.9, samples=3, M=12, seed=2)
    g = rmt.hamiltonian_conductance(2, 1, **kw)
    np.testing.assert_allclose(g[:, 1], g[:, 0], rtol=0, atol=1e-10)
    g = rmt.hamiltonian_conductance(2, 1, **kw, zeeman_so=0.8)
    assert np.max(np.abs(g[:, 1] - g[:, 0])) > 1e-3
    g = rmt.hamiltonian_conductance(2, 1, x=0.5, x_so=[0.3, -0.3], a=0.6, samples=3, M=12)
    assert np.all(np.isfinite(g))


def test_hamiltonian_model_agrees_with_stub():
    """Paired ``G(x_so) - G(0)`` with spin-orbit coupling in both models, 4 combined SE.

    Both models have the same universal limit, including its ``1/N`` corrections; what differs
    are finite-size corrections (``M = 40`` in both, measured difference 0.5 SE). The effect
    itself is about 8 combined standard errors.
    """
    kw = dict(x=0.0, a=0.8, x_so=[0.0, 1.5])
    h = rmt.hamiltonian_conductance(2, 2, samples=400, M=40, seed=1, **kw)
    s = rmt.sample_conductance(2, 2, samples=1500, M=40, seed=1, **SERIAL, **kw)
    dh = rmt.mean(h[:, 1] - h[:, 0])
    ds = rmt.mean(s[:, 1] - s[:, 0])
    error = np.hypot(dh.error, ds.error)
    assert ds.value > 4 * error
    assert abs(dh.value - ds.value) < 4 * error, (dh, ds)


def test_an_orbital_label_added_to_the_model_gets_its_matrix(monkeypatch):
    # a new label of either parity is drawn by the stub without any change in rmt/
    from chaoticdot import perturbation_model
    from chaoticdot.rmt.perturbations import orbital_matrix, perturbation_matrices

    monkeypatch.setitem(perturbation_model.ORBITALS, "B", -1)
    monkeypatch.setitem(perturbation_model.ORBITALS, "W", +1)
    M, N = 40, 4
    b, w = orbital_matrix("B", M, N), orbital_matrix("W", M, N)
    np.testing.assert_allclose(b, -b.T)
    np.testing.assert_allclose(w, w.T)
    assert abs(np.trace(w)) < 1e-9
    for z in (b, w):
        assert np.sum(z * z) == pytest.approx(M**2, rel=1e-12)
    for k in perturbation_matrices(M, N):
        assert abs(np.sum(b * k)) < 1e-9 * M**2
    assert abs(np.sum(w * orbital_matrix("Y", M, N))) < 1e-9 * M**2
    np.testing.assert_array_equal(orbital_matrix("B", M, N), b)  # deterministic
