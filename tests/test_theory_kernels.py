"""Route 2 (4x4 cooperon/diffuson) against route 1, a product-basis build, and closed forms."""

import numpy as np
import pytest

from chaoticdot.theory import (
    conductance_covariance,
    conductance_covariance_general,
    cooperon_spectrum,
    inverse_cooperon,
    inverse_diffuson,
    wl_correction,
    wl_correction_general,
)

RNG = np.random.default_rng(65081302)
SIGMA = np.array([[[0, 1], [1, 0]], [[0, -1j], [1j, 0]], [[1, 0], [0, -1]]])
ONE = np.eye(2)


def random_points(n, inf_fraction=0.15):
    N1 = RNG.integers(1, 12, n)
    N2 = RNG.integers(1, 12, n)
    x1, x2, b1, b2, de = RNG.normal(scale=3.0, size=(5, n))
    a = np.abs(RNG.normal(scale=2.0, size=n))
    a[RNG.random(n) < inf_fraction] = np.inf
    nphi = RNG.exponential(2.0, size=n)
    return N1, N2, x1, x2, a, b1, b2, de, nphi


def test_route2_equals_eq14_at_random_points():
    N1, N2, x1, x2, a, b1, b2, de, nphi = random_points(3000)
    r1 = conductance_covariance(N1, N2, x1=x1, x2=x2, a=a, b1=b1, b2=b2, de=de, nphi=nphi)
    r2 = conductance_covariance_general(
        N1,
        N2,
        x1=x1,
        x2=x2,
        so_axes=(a, a, 0),
        b1_vec=(b1, 0, 0),
        b2_vec=(b2, 0, 0),
        de=de,
        nphi=nphi,
    )
    np.testing.assert_allclose(r2, r1, rtol=1e-12)


def test_route2_equals_eq13_for_any_direction():
    N1, N2, x1, _, a, b1, _, _, nphi = random_points(3000)
    unit = N1 * N2 / (N1 + N2) ** 2  # natural unit of <dG> (it may cross zero)
    for d in [(1, 0, 0), (0, 1, 0), (0, 0, 1), (0.3, -0.5, 0.8), (-2, 1, 0.1)]:
        n = np.asarray(d, float) / np.linalg.norm(d)
        r1 = wl_correction(N1, N2, x=x1, a=a, b=b1, nphi=nphi, b_direction=d)
        r2 = wl_correction_general(
            N1, N2, x=x1, so_axes=(a, a, 0), b_vec=(b1 * n[0], b1 * n[1], b1 * n[2]), nphi=nphi
        )
        np.testing.assert_allclose(r2 / unit, r1 / unit, rtol=0, atol=1e-12)


# --- literal forward-Kronecker build (appendix "Unambiguous tensor form") -----------------
def literal_moments(N1, N2, x1, x2, so, bv1, bv2, de, nphi):
    N = N1 + N2
    common = N + nphi - 1j * de
    Dinv = (common + 0.5 * (x1 - x2) ** 2) * np.eye(4, dtype=complex)
    Cinv = (common + 0.5 * (x1 + x2) ** 2) * np.eye(4, dtype=complex)
    for j in range(3):
        Dinv += 1j * bv1[j] * np.kron(SIGMA[j], ONE) - 1j * bv2[j] * np.kron(ONE, SIGMA[j].conj())
        Cinv += 1j * bv1[j] * np.kron(SIGMA[j], ONE) - 1j * bv2[j] * np.kron(ONE, SIGMA[j])
        Dinv += so[j] ** 2 * (np.eye(4) - np.kron(SIGMA[j], SIGMA[j].conj()))
        Cinv += so[j] ** 2 * (np.eye(4) + np.kron(SIGMA[j], SIGMA[j]))
    D, C = np.linalg.inv(Dinv), np.linalg.inv(Cinv)
    swap = np.eye(4)[[0, 2, 1, 3]]
    pref = N1 * N2 / N
    return (-pref * np.trace(C @ swap).real, pref**2 * (np.sum(abs(D) ** 2) + np.sum(abs(C) ** 2)))


def test_route2_equals_literal_product_basis_build():
    for _ in range(200):
        N1, N2 = RNG.integers(1, 8, 2)
        x1, x2, de = RNG.normal(scale=2, size=3)
        so = np.abs(RNG.normal(scale=1.5, size=3))
        bv1, bv2 = RNG.normal(scale=2, size=(2, 3))
        nphi = RNG.exponential()
        wl, cov = literal_moments(N1, N2, x1, x2, so, bv1, bv2, de, nphi)
        assert wl_correction_general(
            N1, N2, x=x1, so_axes=so, b_vec=bv1, nphi=nphi
        ) == pytest.approx(
            literal_moments(N1, N2, x1, x1, so, bv1, bv1, 0.0, nphi)[0], rel=1e-12, abs=1e-14
        )
        assert conductance_covariance_general(
            N1, N2, x1=x1, x2=x2, so_axes=so, b1_vec=bv1, b2_vec=bv2, de=de, nphi=nphi
        ) == pytest.approx(cov, rel=1e-12)


def test_spin_orbit_part_is_diagonal_in_spin_basis():
    # appendix "Singlet and triplets": triplet rates N_C + 2(a_y^2 + a_z^2),
    # N_C + 2(a_x^2 + a_z^2), N_C + 2(a_x^2 + a_y^2)
    ax, ay, az = 0.7, 1.9, 0.4
    expected = np.diag([0, 2 * (ay**2 + az**2), 2 * (ax**2 + az**2), 2 * (ax**2 + ay**2)])
    zero = ([0.0] * 3, [0.0] * 3)
    for build in (inverse_cooperon, inverse_diffuson):
        A, keep = build(0.0, *zero, (ax, ay, az))
        np.testing.assert_allclose(A, expected, atol=1e-14)
        assert keep.all()


def test_per_axis_weak_localization_formula():
    # <dG> = -(N1N2/N) [-1/N_C + sum_j 1/(N_C + 2 sum_{i != j} a_i^2)] at zero Zeeman field
    for _ in range(50):
        N1, N2 = RNG.integers(1, 8, 2)
        so = np.abs(RNG.normal(scale=2, size=3))
        x = RNG.normal()
        nc = N1 + N2 + 2 * x**2
        s2 = np.sum(so**2)
        trace = -1 / nc + sum(1 / (nc + 2 * (s2 - so[j] ** 2)) for j in range(3))
        assert wl_correction_general(N1, N2, x=x, so_axes=so) == pytest.approx(
            -N1 * N2 / (N1 + N2) * trace, rel=1e-12
        )


def test_single_spin_axis_never_gives_antilocalization():
    # Coupling along one spin axis leaves one triplet massless: <dG> = -(N1N2/N) 2/(N_C + 2a^2)
    a = np.array([0.0, 0.5, 2.0, 10.0, 1e3, np.inf])
    for axes in [(a, 0, 0), (0, a, 0), (0, 0, a)]:
        got = wl_correction_general(2, 3, x=0.5, so_axes=axes)
        nc = 5 + 2 * 0.25
        np.testing.assert_allclose(got, -1.2 * 2 / (nc + 2 * a**2), rtol=1e-12, atol=1e-15)
        assert np.all(got <= 0)


@pytest.mark.parametrize(
    "axes",
    [
        (np.inf, np.inf, 0),
        (np.inf, 0, 0),
        (0, np.inf, 1.0),
        (np.inf, np.inf, np.inf),
        (2.0, np.inf, 0),
    ],
)
def test_infinite_axes_are_the_limit(axes):
    big = tuple(1e7 if np.isinf(v) else v for v in axes)
    kw = dict(x1=0.3, x2=-0.8, b1_vec=(0.5, 1.0, -0.3), b2_vec=(0.2, 0.0, 0.7), de=1.1, nphi=0.4)
    assert conductance_covariance_general(2, 3, so_axes=axes, **kw) == pytest.approx(
        conductance_covariance_general(2, 3, so_axes=big, **kw), rel=1e-10
    )
    kw = dict(x=0.3, b_vec=(0.5, 1.0, -0.3), nphi=0.4)
    assert wl_correction_general(2, 3, so_axes=axes, **kw) == pytest.approx(
        wl_correction_general(2, 3, so_axes=big, **kw), rel=1e-10, abs=1e-12
    )


def out_of_plane_cov(N1, N2, x1, x2, a, b1, b2, de):
    """Hand-derived closed form for a Zeeman field along z (m_z is conserved).

    Diffuson: the zero mode couples to the m_z = 0 state with SO rate 4a^2 through b - b'; the
    two other states are decoupled with rates 2a^2 -/+ i(b + b'). Cooperon: b' -> -b'.
    """

    def F(n, bm, bp):
        blk = (abs(n) ** 2 + abs(n + 4 * a**2) ** 2 + 2 * bm**2) / abs(
            n * (n + 4 * a**2) + bm**2
        ) ** 2
        return blk + 1 / abs(n + 2 * a**2 + 1j * bp) ** 2 + 1 / abs(n + 2 * a**2 - 1j * bp) ** 2

    N = N1 + N2
    nd = N - 1j * de + 0.5 * (x1 - x2) ** 2
    nc = N - 1j * de + 0.5 * (x1 + x2) ** 2
    return (N1 * N2 / N) ** 2 * (F(nd, b1 - b2, b1 + b2) + F(nc, b1 + b2, b1 - b2))


def test_out_of_plane_covariance_matches_hand_derivation():
    N1, N2, x1, x2, a, b1, b2, de, _ = random_points(500, inf_fraction=0.0)
    got = conductance_covariance(
        N1, N2, x1=x1, x2=x2, a=a, b1=b1, b2=b2, de=de, b_direction=(0, 0, 1)
    )
    np.testing.assert_allclose(got, out_of_plane_cov(N1, N2, x1, x2, a, b1, b2, de), rtol=1e-12)


def test_cooperon_spectrum_zero_field():
    vals = cooperon_spectrum(6, x=0.5, a=1.2, nphi=0.3)
    nc = 6 + 0.5 + 0.3
    np.testing.assert_allclose(vals, [nc, nc + 2 * 1.44, nc + 2 * 1.44, nc + 4 * 1.44], rtol=1e-13)
    _, w = cooperon_spectrum(6, a=1.2, return_singlet_weight=True)
    np.testing.assert_allclose(w, [1, 0, 0, 0], atol=1e-14)


@pytest.mark.parametrize("b", [0.1, 0.5, 0.72, 0.8, 3.0])
def test_cooperon_spectrum_in_plane_field(b):
    # appendix "Singlet and triplets": the singlet mixes with T' (rate 2a^2):
    # N_C + a^2 -/+ sqrt(a^4 - 4b^2)
    a2 = 1.44
    root = np.sqrt(complex(a2**2 - 4 * b**2))
    vals = cooperon_spectrum(4, a=1.2, b=b, b_direction=(np.cos(1), np.sin(1), 0))
    assert vals[0] == pytest.approx(4 + a2 - root, rel=1e-7)
    expected_rest = sorted([4 + a2 + root, 4 + 2 * a2, 4 + 4 * a2], key=lambda z: (z.real, z.imag))
    np.testing.assert_allclose(vals[1:], expected_rest, rtol=1e-7)


def test_cooperon_spectrum_trace_reproduces_eq13():
    # Tr C^-1 is basis independent; the singlet-like eigenvalue tends to N_C at a = inf.
    vals = cooperon_spectrum(4, a=np.inf, b=3.0)
    assert vals[0] == pytest.approx(4.0) and np.all(np.isinf(vals[1:].real))
    vals = cooperon_spectrum(5, a=0.7, b=1.3, b_direction=(0.2, 0.3, 0.9))
    assert np.sum(vals) == pytest.approx(4 * 5 + 8 * 0.49, rel=1e-12)


def test_cooperon_spectrum_per_axis_and_batch():
    vals = cooperon_spectrum([3, 4], so_axes=(1.0, 0.0, 0.0))
    assert vals.shape == (2, 4)
    np.testing.assert_allclose(vals[1], [4, 4, 6, 6], rtol=1e-13)


def test_chunked_evaluation_matches_single_batch(monkeypatch):
    from chaoticdot.theory import kernels, temperature

    x = RNG.normal(size=(4, 1))
    b = RNG.normal(size=(1, 6))
    kw = dict(
        x1=x,
        x2=-0.5 * x,
        so_axes=(1.0, np.inf, 0.3),
        b1_vec=(b, 0, 0.5),
        b2_vec=(0.1, b, 0),
        de=0.7,
        nphi=0.2,
    )
    whole_t = conductance_covariance_general(
        3, 2, kT=np.array([0.0, 0.4, 2.0, 0.0, 1.0, 3.0]), **kw
    )
    whole = conductance_covariance_general(3, 2, **kw)
    whole_wl = wl_correction_general(3, 2, x=x, so_axes=(1.0, 0.5, 0.3), b_vec=(b, 0, 0.5))
    monkeypatch.setattr(kernels, "_CHUNK", 7)
    monkeypatch.setattr(temperature, "_CHUNK", 5)
    np.testing.assert_array_equal(conductance_covariance_general(3, 2, **kw), whole)
    np.testing.assert_allclose(
        conductance_covariance_general(3, 2, kT=np.array([0.0, 0.4, 2.0, 0.0, 1.0, 3.0]), **kw),
        whole_t,
        rtol=1e-14,
    )
    np.testing.assert_array_equal(
        wl_correction_general(3, 2, x=x, so_axes=(1.0, 0.5, 0.3), b_vec=(b, 0, 0.5)), whole_wl
    )
    assert whole.shape == whole_t.shape == whole_wl.shape == (4, 6)
