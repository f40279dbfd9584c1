"""Tests of the symbolic SU(2) gauge-field algebra (chaoticdot.gauge), paper Eqs. (1)-(3).

Independent routes: the field strength is compared with the commutator of covariant
derivatives acting on an arbitrary spinor, with hand-evaluated Pauli algebra in numpy, and
with the covariance law under gauge transformations.
"""

import numpy as np
import pytest
import sympy as sp

from chaoticdot import gauge

X, Y = gauge.X, gauge.Y
LX, LY = sp.symbols("lambda_x lambda_y", nonzero=True, real=True)
L0, LS, R, L = sp.symbols("lambda_0 lambda_s R L", positive=True)

SX = np.array([[0, 1], [1, 0]], complex)
SY = np.array([[0, -1j], [1j, 0]])
SZ = np.array([[1, 0], [0, -1]], complex)


def _is_zero(m):
    return all(sp.simplify(e) == 0 for e in m)


def test_minimal_coupling_reproduces_eq1():
    px, py, hbar, m = sp.symbols("p_x p_y hbar m")
    rest = gauge.minimal_coupling_remainder(px, py, 1 / LX, 1 / LY, hbar, m)
    const = hbar**2 * (1 / LX**2 + 1 / LY**2) / (8 * m)
    assert _is_zero(rest - const * sp.eye(2))


def test_eq1_has_units_of_energy_with_hbar():
    # [hbar/(2 m)] * p / lambda: (J s / kg) * (kg m / s) / m = J  (hbar restored in Eq. 1)
    hbar, m, p, lam = 1.054571817e-34, 9.1e-31, 1e-25, 1e-6
    h = gauge.spin_orbit_hamiltonian(p, 0, 1 / lam, 1 / lam, hbar, m)
    assert float(sp.Abs(h[0, 1])) == pytest.approx(hbar * p / (2 * m * lam))


def test_field_strength_is_commutator_of_covariant_derivatives():
    # [D_x, D_y] psi = i F psi with D = d + i A, for a position-dependent coupling.
    k = sp.Symbol("k0") + sp.Symbol("k1") * X + sp.Symbol("k2") * Y**2
    q = sp.Symbol("q0") + sp.Symbol("q1") * X * Y
    ax, ay = gauge.vector_potential(k, q)
    psi = sp.Matrix([sp.Function("u")(X, Y), sp.Function("v")(X, Y)])

    def dx(f):
        return f.diff(X) + sp.I * ax * f

    def dy(f):
        return f.diff(Y) + sp.I * ay * f

    lhs = dx(dy(psi)) - dy(dx(psi))
    rhs = sp.I * gauge.field_strength(ax, ay) * psi
    assert _is_zero(sp.expand(lhs - rhs))


def test_uniform_coupling_abelian_part_vanishes_commutator_along_sz():
    ax, ay = gauge.vector_potential(1 / LX, 1 / LY)
    assert _is_zero(gauge.abelian_part(ax, ay))
    comm = gauge.spin_directions(gauge.commutator_part(ax, ay))
    assert comm.axes == ("z",)
    assert comm.rank == 1
    assert sp.simplify(comm.components["z"] + 1 / (2 * LX * LY)) == 0
    # Independent numeric Pauli algebra: i [A_x, A_y] with A_x = -sy/2lx, A_y = sx/2ly.
    lx, ly = 1.7, -2.3
    a_x, a_y = -SY / (2 * lx), SX / (2 * ly)
    num = 1j * (a_x @ a_y - a_y @ a_x)
    np.testing.assert_allclose(num, -SZ / (2 * lx * ly), atol=1e-15)
    sym = np.array(gauge.field_strength(ax, ay).subs({LX: lx, LY: ly}), dtype=complex)
    np.testing.assert_allclose(sym, num, atol=1e-15)


def test_rashba_abelian_part_is_sigma_dot_grad():
    k = sp.Function("kappa", real=True)(X, Y)  # 1/lambda(x, y), Rashba: lambda_x = lambda_y
    ax, ay = gauge.vector_potential(k)
    _, sx, sy, _ = gauge.pauli()
    expected = sx * k.diff(X) / 2 + sy * k.diff(Y) / 2
    assert _is_zero(gauge.abelian_part(ax, ay) - expected)


def test_straight_step_one_spin_direction():
    ax, ay = gauge.vector_potential(gauge.straight_step_profile(L0, LS))
    ab = gauge.spin_directions(gauge.abelian_part(ax, ay))
    assert ab.axes == ("x",)
    assert ab.rank == 1
    assert sp.simplify(ab.components["x"] - sp.DiracDelta(X) / (2 * LS)) == 0
    assert gauge.spin_directions(gauge.commutator_part(ax, ay)).axes == ("z",)
    flux = gauge.spin_flux(gauge.abelian_part(ax, ay), L / 2)
    assert sp.simplify(flux["x"] - L / (2 * LS)) == 0
    assert flux["y"] == 0 and flux["z"] == 0


def test_diagonal_straight_edge_is_still_one_axis():
    ax, ay = gauge.vector_potential(gauge.diagonal_step_profile(L0, LS))
    ab = gauge.spin_directions(gauge.abelian_part(ax, ay))
    assert set(ab.axes) == {"x", "y"}  # both components are non-zero ...
    assert ab.rank == 1  # ... but along a single fixed spin axis
    v = np.array(ab.basis[0], dtype=float)
    np.testing.assert_allclose(np.abs(v), [2**-0.5, 2**-0.5, 0.0], atol=1e-15)


@pytest.mark.parametrize(
    "profile",
    [gauge.corner_gate_profile(L0, LS), gauge.disk_gate_profile(R, L0, LS)],
    ids=["corner", "disk"],
)
def test_corner_and_curved_edge_two_spin_directions(profile):
    ax, ay = gauge.vector_potential(profile)
    ab = gauge.spin_directions(gauge.abelian_part(ax, ay))
    assert ab.rank == 2
    assert set(ab.axes) == {"x", "y"}


def test_corner_flux_splits_between_two_edges():
    ax, ay = gauge.vector_potential(gauge.corner_gate_profile(L0, LS))
    flux = gauge.spin_flux(gauge.abelian_part(ax, ay), L / 2)
    assert sp.simplify(flux["x"] - L / (4 * LS)) == 0
    assert sp.simplify(flux["y"] - L / (4 * LS)) == 0


def test_uniform_profile_no_abelian_flux():
    ax, ay = gauge.vector_potential(gauge.uniform_profile(L0))
    assert gauge.spin_directions(gauge.abelian_part(ax, ay)).rank == 0


def test_pure_gauge_has_zero_field_strength():
    phi = sp.Function("phi", real=True)(X, Y)
    chi = sp.Function("chi", real=True)(X, Y)
    omega = gauge.su2_rotation(0, phi, 0) * gauge.su2_rotation(0, 0, chi)
    ax, ay = gauge.pure_gauge_potential(omega)
    assert not _is_zero(ax)  # a non-trivial potential ...
    assert _is_zero(gauge.field_strength(ax, ay))  # ... without any flux


def test_su2_rotation_is_unitary_and_matches_matrix_exponential():
    omega = gauge.su2_rotation(sp.Rational(1, 3), sp.Rational(-1, 5), sp.Rational(1, 7))
    gen = (SX / 3 - SY / 5 + SZ / 7).astype(complex)
    w, v = np.linalg.eigh(gen)
    expected = v @ np.diag(np.exp(-1j * w)) @ v.conj().T
    np.testing.assert_allclose(np.array(omega.evalf(), dtype=complex), expected, atol=1e-14)


def test_field_strength_transforms_covariantly():
    # F -> Omega^dagger F Omega, for a non-uniform coupling and a position-dependent rotation.
    ax, ay = gauge.vector_potential(1 / L0 + X / LS**2)
    omega = gauge.su2_rotation(0, X / L0, 0)
    bx, by = gauge.gauge_transform(ax, ay, omega)
    lhs = gauge.field_strength(bx, by)
    rhs = omega.H * gauge.field_strength(ax, ay) * omega
    assert _is_zero((lhs - rhs).applyfunc(lambda e: sp.expand(e.rewrite(sp.exp))))


def test_uniform_coupling_gauged_away_to_first_order():
    res = gauge.residual_after_gauging(1 / LX, 1 / LY, order=2)
    assert _is_zero(res[1][0]) and _is_zero(res[1][1])
    f = gauge.field_strength(*gauge.vector_potential(1 / LX, 1 / LY))
    # Second order: symmetric gauge of the uniform spin field F (= -sz / 2 lx ly).
    assert _is_zero(res[2][0] + Y * f / 2)
    assert _is_zero(res[2][1] - X * f / 2)
    # Its curl is the commutator field: the residual is a spin-dependent uniform "flux".
    curl = res[2][1].diff(X) - res[2][0].diff(Y)
    assert _is_zero(curl - f)


def test_gate_step_not_gauged_away():
    step = gauge.straight_step_profile(L0, LS)
    res = gauge.residual_after_gauging(step, mean=1 / L0, order=1)
    ax, ay = gauge.vector_potential(step)
    bx, by = gauge.vector_potential(1 / L0)
    assert _is_zero(res[1][0] - (ax - bx))
    assert _is_zero(res[1][1] - (ay - by))
    curl = gauge.spin_directions(res[1][1].diff(X) - res[1][0].diff(Y))
    assert curl.axes == ("x",)  # first-order flux along one spin axis survives


def test_bad_input():
    with pytest.raises(ValueError, match="order"):
        gauge.residual_after_gauging(1 / L0, order=0)
    with pytest.raises(ValueError, match="mean"):
        gauge.residual_after_gauging(gauge.straight_step_profile(), mean=1 / L0 + X)
