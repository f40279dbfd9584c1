"""Route 1 (Eqs. 13-14) against literal transcriptions of the printed formulas and closed forms."""

import warnings

import numpy as np
import pytest

from chaoticdot.theory import (
    conductance_covariance,
    conductance_variance,
    cooperon_trace,
    mean_conductance,
    wl_correction,
)

RNG = np.random.default_rng(20020213)


# --- literal transcriptions of the paper (kept deliberately naive) -------------------------
def eq13_mean(N1, N2, x, a, b, nphi=0.0):
    N = N1 + N2
    NC = N + 2 * x**2 + nphi
    bracket = (
        1 / (NC + 2 * a**2) + 1 / (NC + 4 * a**2) - 2 * a**2 / (NC * (NC + 2 * a**2) + 4 * b**2)
    )
    return 2 * N1 * N2 / N * (1 - 0.5 * bracket)


def eq14_F(ND, a, b, bp):
    t1 = (2 * (b - bp) ** 2 + 2 * abs(ND + a**2) ** 2 + 2 * a**4) / abs(
        (b - bp) ** 2 + ND * (2 * a**2 + ND)
    ) ** 2
    t2 = (2 * a**4 + 2 * (b + bp) ** 2 + 2 * abs(ND + 3 * a**2) ** 2) / abs(
        (b + bp) ** 2 + (ND + 4 * a**2) * (ND + 2 * a**2)
    ) ** 2
    return t1 + t2


def eq14_cov(N1, N2, x1, x2, a, b1, b2, de, nphi=0.0):
    N = N1 + N2
    ND = N - 1j * de + 0.5 * (x1 - x2) ** 2 + nphi
    NC = N - 1j * de + 0.5 * (x1 + x2) ** 2 + nphi
    return (N1 * N2 / N) ** 2 * (eq14_F(ND, a, b1, b2) + eq14_F(NC, a, b1, -b2))


def random_points(n):
    N1 = RNG.integers(1, 12, n)
    N2 = RNG.integers(1, 12, n)
    x1, x2, b1, b2, de = RNG.normal(scale=3.0, size=(5, n))
    a = np.abs(RNG.normal(scale=2.0, size=n))
    nphi = RNG.exponential(2.0, size=n)
    return N1, N2, x1, x2, a, b1, b2, de, nphi


def test_mean_matches_printed_eq13():
    N1, N2, x1, _, a, b1, _, _, nphi = random_points(500)
    got = mean_conductance(N1, N2, x=x1, a=a, b=b1, nphi=nphi)
    np.testing.assert_allclose(got, eq13_mean(N1, N2, x1, a, b1, nphi), rtol=1e-13)


def test_wl_correction_is_mean_minus_classical():
    N1, N2, x1, _, a, b1, _, _, nphi = random_points(200)
    classical = 2 * N1 * N2 / (N1 + N2)
    np.testing.assert_allclose(
        wl_correction(N1, N2, x=x1, a=a, b=b1, nphi=nphi),
        eq13_mean(N1, N2, x1, a, b1, nphi) - classical,
        atol=1e-14,
    )


def test_covariance_matches_printed_eq14():
    N1, N2, x1, x2, a, b1, b2, de, nphi = random_points(500)
    got = conductance_covariance(N1, N2, x1=x1, x2=x2, a=a, b1=b1, b2=b2, de=de, nphi=nphi)
    np.testing.assert_allclose(got, eq14_cov(N1, N2, x1, x2, a, b1, b2, de, nphi), rtol=1e-12)


def test_variance_is_covariance_at_equal_arguments():
    N1, N2, x1, _, a, b1, _, _, nphi = random_points(100)
    np.testing.assert_allclose(
        conductance_variance(N1, N2, x=x1, a=a, b=b1, nphi=nphi),
        eq14_cov(N1, N2, x1, x1, a, b1, b1, 0.0, nphi),
        rtol=1e-12,
    )


def test_out_of_plane_mean_matches_appendix_formula():
    # appendix "Singlet and triplets": B_z = 2/(N_C + 2a^2) - 4a^2 / (N_C (N_C + 4a^2) + 4 b_z^2)
    N1, N2, x1, _, a, b1, _, _, nphi = random_points(300)
    NC = N1 + N2 + 2 * x1**2 + nphi
    bz = 2 / (NC + 2 * a**2) - 4 * a**2 / (NC * (NC + 4 * a**2) + 4 * b1**2)
    got = wl_correction(N1, N2, x=x1, a=a, b=b1, nphi=nphi, b_direction=(0, 0, 1))
    np.testing.assert_allclose(got, -N1 * N2 / (N1 + N2) * bz, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("phi", [0.3, 1.0, np.pi / 2, 2.5, -1.2])
def test_in_plane_direction_does_not_matter(phi):
    # The model is invariant under spin rotations about z (paper Eq. 7 with A1, A2 equivalent).
    N1, N2, x1, x2, a, b1, b2, de, nphi = random_points(100)
    d = (np.cos(phi), np.sin(phi), 0.0)
    np.testing.assert_allclose(
        wl_correction(N1, N2, x=x1, a=a, b=b1, b_direction=d),
        wl_correction(N1, N2, x=x1, a=a, b=b1),
        rtol=1e-12,
        atol=1e-15,
    )
    np.testing.assert_allclose(
        conductance_covariance(N1, N2, x1=x1, x2=x2, a=a, b1=b1, b2=b2, de=de, b_direction=d),
        conductance_covariance(N1, N2, x1=x1, x2=x2, a=a, b1=b1, b2=b2, de=de),
        rtol=1e-12,
    )


def test_direction_is_normalised():
    assert wl_correction(2, 3, a=1.0, b=2.0, b_direction=(0, 0, 7.5)) == pytest.approx(
        wl_correction(2, 3, a=1.0, b=2.0, b_direction=(0, 0, 1)), rel=1e-15
    )


def test_singlet_triplet_decomposition_at_zero_field():
    # appendix "Singlet and triplets": Tr[C P_swap] = 2/(N_C + 2a^2) + 1/(N_C + 4a^2) - 1/N_C
    nc = RNG.uniform(2, 30, 50)
    a = RNG.uniform(0, 5, 50)
    expected = 2 / (nc + 2 * a**2) + 1 / (nc + 4 * a**2) - 1 / nc
    np.testing.assert_allclose(cooperon_trace(nc, a, 0.0), expected, rtol=1e-13)
    np.testing.assert_allclose(cooperon_trace(nc, a, 0.0, (0.6, 0, 0.8)), expected, rtol=1e-13)


def test_dephasing_enters_only_through_n_plus_nphi():
    # N_C, N_D -> N_C + nphi, N_D + nphi with unchanged prefactors: the normalised moments at
    # (N, nphi) equal those at N' = N + nphi without dephasing.
    for (n1, n2, nphi), (m1, m2) in [
        ((1, 1, 4.0), (3, 3)),
        ((2, 3, 2.0), (3, 4)),
        ((1, 2, 7.0), (5, 5)),
    ]:
        p, q = n1 * n2 / (n1 + n2), m1 * m2 / (m1 + m2)
        kw = dict(x=0.7, a=1.3, b=0.9)
        assert wl_correction(n1, n2, nphi=nphi, **kw) / p == pytest.approx(
            wl_correction(m1, m2, **kw) / q, rel=1e-13
        )
        kc = dict(x1=0.7, x2=-0.2, a=1.3, b1=0.9, b2=0.1, de=1.7)
        assert conductance_covariance(n1, n2, nphi=nphi, **kc) / p**2 == pytest.approx(
            conductance_covariance(m1, m2, **kc) / q**2, rel=1e-13
        )


def test_a_infinity_is_the_limit():
    kw = dict(x1=0.4, x2=1.1, b1=2.0, b2=-0.5, de=0.8, nphi=0.3)
    big = conductance_covariance(3, 2, a=1e7, **kw)
    assert conductance_covariance(3, 2, a=np.inf, **kw) == pytest.approx(big, rel=1e-10)
    for d in [(1, 0, 0), (0.3, 0.4, 0.5)]:
        big = wl_correction(3, 2, x=0.4, a=1e7, b=2.0, b_direction=d)
        assert wl_correction(3, 2, x=0.4, a=np.inf, b=2.0, b_direction=d) == pytest.approx(
            big, rel=1e-10
        )


def test_scalars_give_floats_and_arrays_broadcast():
    assert isinstance(mean_conductance(1, 1), float)
    assert isinstance(conductance_variance(1, 2, a=np.inf), float)
    out = conductance_covariance(
        2, 3, x1=np.zeros((4, 1)), x2=np.linspace(0, 1, 5), a=[0, 1, 2, 3, 4]
    )
    assert out.shape == (4, 5)
    assert wl_correction(np.array([1, 2]), 3, x=np.zeros((3, 1))).shape == (3, 2)


def test_extreme_but_valid_inputs_are_finite_limits():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert wl_correction(1, 1, a=1e300) == pytest.approx(wl_correction(1, 1, a=np.inf))
        assert wl_correction(1, 1, x=1e300) == pytest.approx(0.0, abs=1e-100)
        v = conductance_variance(1, 1, a=1e300, b=1e300, x=1e300, nphi=1e300)
        assert np.isfinite(v) and v >= 0
        c = conductance_covariance(2, 2, de=1e300, b1=-1e300, b2=1e300)
        assert np.isfinite(c) and c >= 0
