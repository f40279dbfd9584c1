"""Symmetries of the conductance moments (both routes)."""

import numpy as np
import pytest

from chaoticdot.theory import (
    conductance_covariance,
    conductance_covariance_general,
    conductance_variance,
    mean_conductance,
    wl_correction_general,
)

RNG = np.random.default_rng(81302)


def draw(n):
    N1 = RNG.integers(1, 10, n)
    N2 = RNG.integers(1, 10, n)
    x1, x2, b1, b2, de = RNG.normal(scale=2.5, size=(5, n))
    a = np.abs(RNG.normal(scale=2.0, size=n))
    a[::9] = np.inf
    nphi = RNG.exponential(1.0, size=n)
    kT = np.where(RNG.random(n) < 0.3, RNG.exponential(1.0, size=n), 0.0)
    return N1, N2, x1, x2, a, b1, b2, de, nphi, kT


def test_covariance_symmetric_under_exchange_of_arguments():
    N1, N2, x1, x2, a, b1, b2, de, nphi, kT = draw(400)
    for d in [(1, 0, 0), (0.2, 0.5, 0.7)]:
        c12 = conductance_covariance(
            N1, N2, x1=x1, x2=x2, a=a, b1=b1, b2=b2, de=de, nphi=nphi, kT=kT, b_direction=d
        )
        c21 = conductance_covariance(
            N1, N2, x1=x2, x2=x1, a=a, b1=b2, b2=b1, de=-de, nphi=nphi, kT=kT, b_direction=d
        )
        np.testing.assert_allclose(c12, c21, rtol=1e-12)


def test_general_route_exchange_symmetry_with_arbitrary_vectors():
    for _ in range(50):
        so = np.abs(RNG.normal(size=3))
        bv1, bv2 = RNG.normal(scale=2, size=(2, 3))
        x1, x2, de = RNG.normal(size=3)
        kw = dict(so_axes=so, nphi=0.3)
        assert conductance_covariance_general(
            2, 5, x1=x1, x2=x2, b1_vec=bv1, b2_vec=bv2, de=de, **kw
        ) == pytest.approx(
            conductance_covariance_general(
                2, 5, x1=x2, x2=x1, b1_vec=bv2, b2_vec=bv1, de=-de, **kw
            ),
            rel=1e-12,
        )


def test_variance_nonnegative_and_cauchy_schwarz():
    N1, N2, x1, x2, a, b1, b2, de, nphi, kT = draw(1000)
    v1 = conductance_variance(N1, N2, x=x1, a=a, b=b1, nphi=nphi, kT=kT)
    v2 = conductance_variance(N1, N2, x=x2, a=a, b=b2, nphi=nphi, kT=kT)
    c = conductance_covariance(N1, N2, x1=x1, x2=x2, a=a, b1=b1, b2=b2, de=de, nphi=nphi, kT=kT)
    assert np.all(v1 > 0) and np.all(v2 > 0)
    assert np.all(np.abs(c) <= np.sqrt(v1 * v2) * (1 + 1e-12))


@pytest.mark.parametrize("kT", [0.0, 0.7])
def test_only_spin_orbit_or_only_zeeman_gives_g_of_x_equal_g_of_minus_x(kT):
    N1, N2, x1, _, a, b1, _, _, nphi, _ = draw(300)
    a_fin = np.where(np.isinf(a), 1e3, a)
    for kw in [dict(a=a, b1=0.0, b2=0.0), dict(a=0.0, b1=b1, b2=b1)]:
        bb = kw.get("b1", 0.0)
        np.testing.assert_allclose(
            conductance_covariance(N1, N2, x1=x1, x2=-x1, nphi=nphi, kT=kT, **kw),
            conductance_variance(N1, N2, x=x1, a=kw["a"], b=bb, nphi=nphi, kT=kT),
            rtol=1e-12,
        )
    both = conductance_covariance(N1, N2, x1=x1, x2=-x1, a=a_fin, b1=b1, b2=b1, nphi=nphi, kT=kT)
    var = conductance_variance(N1, N2, x=x1, a=a_fin, b=b1, nphi=nphi, kT=kT)
    assert np.any(both < var * (1 - 1e-6))  # both present: G(x) != G(-x)


@pytest.mark.parametrize("direction", [(1, 0, 0), (0, 1, 0), (0, 0, 1), (0.6, -0.3, 0.74)])
def test_onsager_reversing_all_fields(direction):
    # G(B_perp, B_par) = G(-B_perp, -B_par): cov[G(x, b), G(-x, -b)] = var G(x, b)
    N1, N2, x1, _, a, b1, _, _, nphi, kT = draw(200)
    c = conductance_covariance(
        N1, N2, x1=x1, x2=-x1, a=a, b1=b1, b2=-b1, nphi=nphi, kT=kT, b_direction=direction
    )
    v = conductance_variance(N1, N2, x=x1, a=a, b=b1, nphi=nphi, kT=kT, b_direction=direction)
    np.testing.assert_allclose(c, v, rtol=1e-12)


def test_onsager_general_route_per_axis():
    for _ in range(50):
        so = np.abs(RNG.normal(size=3))
        bv = RNG.normal(scale=2, size=3)
        x = RNG.normal()
        c = conductance_covariance_general(3, 4, x1=x, x2=-x, so_axes=so, b1_vec=bv, b2_vec=-bv)
        v = conductance_covariance_general(3, 4, x1=x, x2=x, so_axes=so, b1_vec=bv, b2_vec=bv)
        assert c == pytest.approx(v, rel=1e-12)


def test_mean_even_in_fields():
    N1, N2, x1, _, a, b1, _, _, nphi, _ = draw(200)
    g = mean_conductance(N1, N2, x=x1, a=a, b=b1, nphi=nphi)
    np.testing.assert_allclose(
        mean_conductance(N1, N2, x=-x1, a=a, b=-b1, nphi=nphi), g, rtol=1e-14
    )
    np.testing.assert_allclose(mean_conductance(N1, N2, x=-x1, a=a, b=b1, nphi=nphi), g, rtol=1e-14)


def test_without_spin_orbit_the_field_direction_is_irrelevant():
    # a = 0: full spin-rotation invariance
    for _ in range(30):
        bv1, bv2 = RNG.normal(scale=2, size=(2, 3))
        rot = np.linalg.qr(RNG.normal(size=(3, 3)))[0]
        kw = dict(x1=0.4, x2=1.0, de=0.5)
        assert conductance_covariance_general(2, 2, b1_vec=bv1, b2_vec=bv2, **kw) == pytest.approx(
            conductance_covariance_general(2, 2, b1_vec=rot @ bv1, b2_vec=rot @ bv2, **kw),
            rel=1e-12,
        )
        assert wl_correction_general(2, 2, x=0.4, b_vec=bv1) == pytest.approx(
            wl_correction_general(2, 2, x=0.4, b_vec=rot @ bv1), rel=1e-12
        )


def test_rotation_about_z_with_per_axis_symmetric_coupling():
    phi = 0.83
    rz = np.array([[np.cos(phi), -np.sin(phi), 0], [np.sin(phi), np.cos(phi), 0], [0, 0, 1]])
    bv1, bv2 = RNG.normal(scale=2, size=(2, 3))
    so = (1.1, 1.1, 0.6)
    assert conductance_covariance_general(
        3, 2, so_axes=so, b1_vec=bv1, b2_vec=bv2, de=0.4
    ) == pytest.approx(
        conductance_covariance_general(3, 2, so_axes=so, b1_vec=rz @ bv1, b2_vec=rz @ bv2, de=0.4),
        rel=1e-12,
    )
