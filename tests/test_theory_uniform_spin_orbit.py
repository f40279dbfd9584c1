"""Uniform spin-orbit coupling: spin flux ``x_so`` and Zeeman cross term ``zeeman_so``.

Routes compared: the closed forms where the spins decouple (``a = 0``, field zero or along z),
the general cooperon/diffuson route, and a literal product-basis build of the perturbation
model's formula written here from scratch. Limits and symmetries are derived in the comments.
"""

import numpy as np
import pytest

from chaoticdot.theory import (
    conductance_covariance,
    conductance_covariance_general,
    conductance_variance,
    cooperon_spectrum,
    inverse_cooperon,
    mean_conductance,
    wl_correction,
    wl_correction_general,
)

RNG = np.random.default_rng(20020812)
SIGMA = np.array([[[0, 1], [1, 0]], [[0, -1j], [1j, 0]], [[1, 0], [0, -1]]])
ONE = np.eye(2)


def literal_moments(N1, N2, x1, x2, so, bv1, bv2, de, nphi, x_so, zeeman_so):
    """``<dG>`` (at point 1) and the covariance from the forward-Kronecker formulas.

    Groups ``(T, T', parity)``: ``X`` carries ``x + x_so sigma_z`` (parity -1), ``Y`` carries
    ``zeeman_so sigma_z`` (parity +1), ``A_j`` carries ``a_j sigma_j`` (parity -1).
    """
    N = N1 + N2
    common = N + nphi - 1j * de
    d_inv = common * np.eye(4, dtype=complex)
    c_inv = common * np.eye(4, dtype=complex)
    for j in range(3):
        d_inv += 1j * bv1[j] * np.kron(SIGMA[j], ONE) - 1j * bv2[j] * np.kron(ONE, SIGMA[j].conj())
        c_inv += 1j * bv1[j] * np.kron(SIGMA[j], ONE) - 1j * bv2[j] * np.kron(ONE, SIGMA[j])
    groups = [
        (x1 * ONE + x_so * SIGMA[2], x2 * ONE + x_so * SIGMA[2], -1),
        (zeeman_so * SIGMA[2], zeeman_so * SIGMA[2], 1),
    ] + [(so[j] * SIGMA[j], so[j] * SIGMA[j], -1) for j in range(3)]
    for T, Tp, parity in groups:
        c_inv += (np.kron(T @ T, ONE) + np.kron(ONE, Tp @ Tp)) / 2 - parity * np.kron(T, Tp)
        Tc = Tp.conj()
        d_inv += (np.kron(T @ T, ONE) + np.kron(ONE, Tc @ Tc)) / 2 - np.kron(T, Tc)
    D, C = np.linalg.inv(d_inv), np.linalg.inv(c_inv)
    swap = np.eye(4)[[0, 2, 1, 3]]
    pref = N1 * N2 / N
    wl = -pref * np.trace(C @ swap).real
    return wl, pref**2 * (np.sum(abs(D) ** 2) + np.sum(abs(C) ** 2))


def random_decoupled(n):
    N1, N2 = RNG.integers(1, 10, (2, n))
    x1, x2, b1, b2, de, x_so, zeeman_so = RNG.normal(scale=2.5, size=(7, n))
    x1[:20], x2[:10], x2[10:20] = np.inf, np.inf, -np.inf  # saturated limits, Eqs. 11-12
    nphi = RNG.exponential(1.5, n)
    return dict(N1=N1, N2=N2, x1=x1, x2=x2, b1=b1, b2=b2, de=de, nphi=nphi), x_so, zeeman_so


# --- the general route is the perturbation model's formula ---------------------------------
def test_general_route_equals_literal_build():
    for _ in range(100):
        N1, N2 = RNG.integers(1, 8, 2)
        x1, x2, de, x_so, zeeman_so = RNG.normal(scale=2, size=5)
        so = np.abs(RNG.normal(scale=1.5, size=3))
        bv1, bv2 = RNG.normal(scale=2, size=(2, 3))
        nphi = RNG.exponential()
        spin = dict(x_so=x_so, zeeman_so=zeeman_so)
        wl_ref = literal_moments(N1, N2, x1, x1, so, bv1, bv1, 0.0, nphi, x_so, zeeman_so)[0]
        cov_ref = literal_moments(N1, N2, x1, x2, so, bv1, bv2, de, nphi, x_so, zeeman_so)[1]
        wl = wl_correction_general(N1, N2, x=x1, so_axes=so, b_vec=bv1, nphi=nphi, **spin)
        cov = conductance_covariance_general(
            N1, N2, x1=x1, x2=x2, so_axes=so, b1_vec=bv1, b2_vec=bv2, de=de, nphi=nphi, **spin
        )
        # <dG> may cross zero: compare in its natural unit N1 N2 / N^2
        assert wl == pytest.approx(wl_ref, rel=1e-12, abs=1e-13 * N1 * N2 / (N1 + N2) ** 2)
        assert cov == pytest.approx(cov_ref, rel=1e-12)


def test_terms_mapping_equals_keywords_and_refuses_duplicates():
    kw = dict(x=0.4, so_axes=(0.2, 0.5, 0.0), x_so=0.7, zeeman_so=-0.3, b_vec=(0.3, 0, 0.1))
    by_terms = dict(x=0.4, a_x=0.2, a_y=0.5, x_so=0.7, zeeman_so=-0.3)
    assert wl_correction_general(2, 3, **kw) == wl_correction_general(
        2, 3, b_vec=(0.3, 0, 0.1), terms=by_terms
    )
    cov_kw = dict(x1=0.4, x2=0.4, so_axes=(0.2, 0.5, 0.0), x_so=0.7, zeeman_so=-0.3, de=0.2)
    assert conductance_covariance_general(2, 3, **cov_kw) == conductance_covariance_general(
        2, 3, de=0.2, terms=by_terms
    )
    with pytest.raises(ValueError, match="x_so"):
        wl_correction_general(2, 3, x_so=0.2, terms={"x_so": 0.3})
    with pytest.raises(ValueError, match="so_axes"):
        conductance_covariance_general(2, 3, so_axes=(1, 0, 0), terms={"a_x": 0.3})
    with pytest.raises(ValueError, match="x1"):
        conductance_covariance_general(2, 3, x1=0.5, terms={"x": 0.3})
    with pytest.raises(ValueError, match="terms"):
        wl_correction_general(2, 3, terms={"b": 0.3})
    with pytest.raises(TypeError, match="terms"):
        wl_correction_general(2, 3, terms=[0.3])


# --- zero spin terms: nothing changes -------------------------------------------------------
def test_zero_spin_terms_leave_every_result_bit_identical():
    kw, _, _ = random_decoupled(300)
    a = np.abs(RNG.normal(scale=2, size=300))
    zeros = np.zeros(300)
    for d in [(1, 0, 0), (0, 0, 1), (0.3, -0.5, 0.8)]:
        base = conductance_covariance(**kw, a=a, b_direction=d, kT=0.3)
        same = conductance_covariance(**kw, a=a, b_direction=d, kT=0.3, x_so=zeros, zeeman_so=0)
        np.testing.assert_array_equal(same, base)
        wl = dict(N1=kw["N1"], N2=kw["N2"], x=kw["x1"], a=a, b=kw["b1"], nphi=kw["nphi"])
        np.testing.assert_array_equal(
            wl_correction(**wl, b_direction=d, x_so=0.0, zeeman_so=zeros),
            wl_correction(**wl, b_direction=d),
        )
    so = (a, 0.5 * a, 0.0)
    gen = dict(N1=kw["N1"], N2=kw["N2"], x=kw["x1"], so_axes=so, b_vec=(kw["b1"], 0.2, 0.4))
    np.testing.assert_array_equal(
        wl_correction_general(**gen, terms={"x_so": 0.0, "zeeman_so": zeros}),
        wl_correction_general(**gen),
    )
    # a scalar zero broadcasts like any other parameter
    assert wl_correction(2, 2, x=0.3, x_so=np.zeros((2, 3))).shape == (2, 3)


# --- closed forms (spins decouple) against the general route -----------------------------------
@pytest.mark.parametrize("direction", [(0, 0, 1), (0, 0, -1), (1, 0, 0)])
def test_closed_forms_equal_general_route(direction):
    kw, x_so, zeeman_so = random_decoupled(1000)
    if direction[2] == 0:  # in-plane direction: decoupled only without field
        kw["b1"], kw["b2"] = 0 * kw["b1"], 0 * kw["b2"]
    bz1, bz2 = kw["b1"] * direction[2], kw["b2"] * direction[2]
    general = dict(N1=kw["N1"], N2=kw["N2"], x1=kw["x1"], x2=kw["x2"], de=kw["de"])
    general.update(nphi=kw["nphi"], b1_vec=(0, 0, bz1), b2_vec=(0, 0, bz2))
    spin = dict(x_so=x_so, zeeman_so=zeeman_so)
    closed = conductance_covariance(**kw, b_direction=direction, **spin)
    np.testing.assert_allclose(
        closed, conductance_covariance_general(**general, **spin), rtol=1e-12
    )
    wl = wl_correction(
        kw["N1"], kw["N2"], x=kw["x1"], b=kw["b1"], nphi=kw["nphi"], b_direction=direction, **spin
    )
    wl_gen = wl_correction_general(
        kw["N1"], kw["N2"], x=kw["x1"], b_vec=(0, 0, bz1), nphi=kw["nphi"], **spin
    )
    np.testing.assert_allclose(wl, wl_gen, rtol=1e-12)


def test_closed_forms_equal_general_route_at_finite_temperature():
    # Both routes evaluate the thermal average exactly (polygamma resolvent and Lyapunov
    # form), on 1x1 blocks here and on 4x4 matrices there: they differ by rounding only.
    kw, x_so, zeeman_so = random_decoupled(300)
    kT = RNG.exponential(1.0, 300)
    kT[:30] = 0.0
    spin = dict(x_so=x_so, zeeman_so=zeeman_so, kT=kT)
    closed = conductance_covariance(**kw, b_direction=(0, 0, 1), **spin)
    general = conductance_covariance_general(
        kw["N1"],
        kw["N2"],
        x1=kw["x1"],
        x2=kw["x2"],
        de=kw["de"],
        nphi=kw["nphi"],
        b1_vec=(0, 0, kw["b1"]),
        b2_vec=(0, 0, kw["b2"]),
        **spin,
    )
    np.testing.assert_allclose(closed, general, rtol=1e-12)


def test_mean_conductance_is_two_shifted_dots():
    # spin up and down see x + x_so and x - x_so: each is half a spinless dot with
    # <dG> = -(N1 N2 / N) / (N + nphi + 2 x^2) (the a = 0 limit of Eq. 13)
    x, x_so, nphi = 0.7, np.array([0.0, 0.4, 2.0]), 0.3
    half = [wl_correction(2, 3, x=x + s * x_so, nphi=nphi) / 2 for s in (1, -1)]
    np.testing.assert_allclose(
        wl_correction(2, 3, x=x, x_so=x_so, nphi=nphi, zeeman_so=1.3), sum(half), rtol=1e-14
    )
    assert mean_conductance(2, 3, x=x, x_so=x_so, nphi=nphi) == pytest.approx(
        2 * 6 / 5 + sum(half), rel=1e-14
    )


# --- symmetries --------------------------------------------------------------------------------
def test_mean_conductance_symmetries():
    # Rotation by pi about x: sigma_z -> -sigma_z (x_so, zeeman_so change sign; b || x kept,
    # a_y changes sign, which its independent orbital matrix absorbs). Time reversal followed
    # by rotation by pi about z: x -> -x with x_so and an in-plane b kept; zeeman_so changes
    # sign, but the mean is even in every shared strength.
    for _ in range(30):
        x, x_so, zeeman_so, b = RNG.normal(scale=1.5, size=4)
        a, nphi = abs(RNG.normal()), RNG.exponential()
        phi = RNG.uniform(0, 2 * np.pi)
        kw = dict(a=a, nphi=nphi, zeeman_so=zeeman_so)
        g = mean_conductance(3, 2, x=x, x_so=x_so, b=b, **kw)
        assert mean_conductance(3, 2, x=x, x_so=-x_so, b=b, **kw) == pytest.approx(g, rel=1e-12)
        kw_plane = dict(kw, b=b, b_direction=(np.cos(phi), np.sin(phi), 0))
        g_plane = mean_conductance(3, 2, x=x, x_so=x_so, **kw_plane)
        assert mean_conductance(3, 2, x=-x, x_so=x_so, **kw_plane) == pytest.approx(
            g_plane, rel=1e-12
        )


def test_covariance_even_under_reversing_both_fields():
    # Time reversal maps (x, x_so, b) -> (-x, x_so, -b) in every sample; a rotation by pi
    # about z restores an in-plane b. Hence cov(x, x') = cov(-x, -x') with only x_so, also
    # with a and in-plane fields. A field along z is restored by a rotation about x instead,
    # which reverses x_so as well.
    x1, x2, x_so, de = RNG.normal(scale=2, size=(4, 200))
    for kw in [dict(), dict(a=0.8, b1=1.2, b2=-0.4, b_direction=(0.6, 0.8, 0))]:
        c = conductance_covariance(4, 3, x1=x1, x2=x2, x_so=x_so, de=de, nphi=0.3, **kw)
        c_rev = conductance_covariance(4, 3, x1=-x1, x2=-x2, x_so=x_so, de=de, nphi=0.3, **kw)
        np.testing.assert_allclose(c_rev, c, rtol=1e-12)
    kw = dict(de=de, nphi=0.3, b1=0.5, b2=0.3, b_direction=(0, 0, 1))
    np.testing.assert_allclose(
        conductance_covariance(4, 3, x1=-x1, x2=-x2, x_so=-x_so, **kw),
        conductance_covariance(4, 3, x1=x1, x2=x2, x_so=x_so, **kw),
        rtol=1e-12,
    )


def test_in_plane_field_keeps_onsager_symmetry_without_cross_term():
    # Time reversal maps (x, x_so, b, zeeman_so) -> (-x, x_so, -b, -zeeman_so); a rotation
    # by pi about z brings an in-plane b back. Without zeeman_so G(x) = G(-x) in every
    # sample, so the antisymmetric part has no variance; with it, it fluctuates.
    kw = dict(x_so=1.0, b1=3.0, b2=3.0, b_direction=(np.cos(0.4), np.sin(0.4), 0))
    for x in (0.5, 2.0):
        var = conductance_covariance(3, 3, x1=x, x2=x, **kw)
        cross = conductance_covariance(3, 3, x1=x, x2=-x, **kw)
        assert abs(var - cross) / 2 <= 1e-12 * var
    kw = dict(x_so=1.0, b=3.0, zeeman_so=1.0)
    var = conductance_variance(3, 3, x=2.0, **kw)
    cross = conductance_covariance(3, 3, x1=2.0, x2=-2.0, b1=3.0, b2=3.0, x_so=1.0, zeeman_so=1.0)
    antisymmetric = 2 * (var - cross)  # <[G(x) - G(-x)]^2>
    ref = literal_moments(3, 3, 2.0, -2.0, (0, 0, 0), (3, 0, 0), (3, 0, 0), 0, 0, 1.0, 1.0)[1]
    ref_var = literal_moments(3, 3, 2.0, 2.0, (0, 0, 0), (3, 0, 0), (3, 0, 0), 0, 0, 1.0, 1.0)[1]
    assert antisymmetric == pytest.approx(2 * (ref_var - ref), rel=1e-10)
    assert round(antisymmetric, 3) == 0.053  # value of an independent derivation


# --- the magnetic-field echo -----------------------------------------------------------------
def test_echo_side_peaks_of_half_height():
    # b = 0, a = 0: D_{ss'}^-1 = N + (dx + (s - s') x_so)^2 / 2. The two s = s' pairs give the
    # central peak, each spin-flip pair a side peak at dx = -+2 x_so. Far from x = 0 the
    # cooperon is negligible, so relative to the no-spin-orbit diffuson at dx = 0 (all four
    # pairs, (N1 N2/N)^2 4/N^2) the centre is 1/2 and the side peaks 1/4.
    N1, N2, x_so, centre = 2, 2, 10.0, 60.0
    N = N1 + N2

    def cov(dx, xs):
        return conductance_covariance(
            N1, N2, x1=centre + dx / 2, x2=centre - dx / 2, x_so=xs, zeeman_so=0.0
        )

    no_so = cov(0.0, 0.0)
    # every neglected term (other pairs, cooperon) is at most 1/(N + 2 x_so^2)^2 or
    # 1/(N + 2 (centre - x_so)^2)^2 times (N1 N2 / N)^2
    tail = (N1 * N2 / N) ** 2 * (
        4 / (N + 2 * x_so**2) ** 2 + 4 / (N + 2 * (centre - x_so) ** 2) ** 2
    )
    assert cov(0.0, x_so) == pytest.approx(no_so / 2, abs=tail)
    for side in (2 * x_so, -2 * x_so):
        assert cov(side, x_so) == pytest.approx(no_so / 4, abs=tail)
        grid = side + np.linspace(-1.0, 1.0, 201)
        peak = grid[np.argmax(cov(grid, x_so))]
        assert abs(peak - side) <= 0.01  # grid spacing
    # the general route sees the same echo
    assert conductance_covariance_general(
        N1, N2, x1=centre + x_so, x2=centre - x_so, x_so=x_so
    ) == pytest.approx(cov(2 * x_so, x_so), rel=1e-12)


# --- spin-orbit rates together with the spin flux --------------------------------------------
def symplectic_trace(N, x, x_so, a, zeeman_so, nphi):
    """``Tr[C P_swap]`` for ``a_x = a_y = a``, ``b = 0`` (derived in the product basis).

    ``|uu>, |dd>``: rate ``N + nphi + 2(x +- x_so)^2 + 2a^2`` (sigma_x sigma_x + sigma_y sigma_y
    annihilates them, P_swap = +1); singlet and ``T_z``: ``N_C + 2 zeeman_so^2`` and
    ``N_C + 2 zeeman_so^2 + 4a^2`` with ``N_C = N + nphi + 2x^2`` (x_so drops out of them).
    """
    nc = N + nphi + 2 * x**2 + 2 * zeeman_so**2
    flux = sum(1 / (N + nphi + 2 * (x + s * x_so) ** 2 + 2 * a**2) for s in (1, -1))
    return -1 / nc + 1 / (nc + 4 * a**2) + flux


def test_symplectic_remainder_with_spin_flux():
    for _ in range(50):
        N1, N2 = RNG.integers(1, 8, 2)
        x, x_so, zeeman_so = RNG.normal(scale=2, size=3)
        a, nphi = abs(RNG.normal(scale=2)), RNG.exponential()
        got = wl_correction(N1, N2, x=x, a=a, x_so=x_so, zeeman_so=zeeman_so, nphi=nphi)
        ref = -N1 * N2 / (N1 + N2) * symplectic_trace(N1 + N2, x, x_so, a, zeeman_so, nphi)
        assert got == pytest.approx(ref, rel=1e-12, abs=1e-13)
    # x_so gaps the localizing |uu>, |dd> modes: weak localization is weak, and a modest
    # spin-orbit rate (4 a^2 = N) already turns it into antilocalization.
    assert wl_correction(2, 2, x_so=5.0) < 0
    assert wl_correction(2, 2, x_so=5.0, a=1.0) > 0
    assert wl_correction(2, 2, a=1.0) < 0  # without x_so: still localization at 4a^2 = N


def test_infinite_spin_orbit_leaves_only_the_singlet():
    # a = inf projects onto the singlet, which x_so does not touch (sigma_z (x) 1 + 1 (x)
    # sigma_z annihilates it, 1 + sigma_z (x) sigma_z vanishes on it); zeeman_so shifts it by
    # 2 zeeman_so^2.
    x, x_so, b = RNG.normal(size=(3, 20))
    so = (np.inf, np.inf, 0.0)
    kw = dict(x=x, so_axes=so, b_vec=(b, 0.3, -0.2), nphi=0.4)
    np.testing.assert_allclose(
        wl_correction_general(3, 2, x_so=x_so, **kw), wl_correction_general(3, 2, **kw), rtol=1e-12
    )
    np.testing.assert_allclose(
        wl_correction_general(3, 2, x=x, so_axes=so, nphi=0.4, zeeman_so=x_so),
        1.2 / (5.4 + 2 * x**2 + 2 * x_so**2),
        rtol=1e-12,
    )
    ckw = dict(x1=x, x2=-0.5 * x, so_axes=so, b1_vec=(b, 0, 0), b2_vec=(0, b, 0), de=0.3)
    np.testing.assert_allclose(
        conductance_covariance_general(3, 2, x_so=x_so, **ckw),
        conductance_covariance_general(3, 2, **ckw),
        rtol=1e-12,
    )
    assert np.all(
        wl_correction(3, 2, x=x, a=np.inf, x_so=x_so, b=b) == wl_correction(3, 2, x=x, a=np.inf)
    )


def test_cooperon_spectrum_with_spin_flux():
    vals = cooperon_spectrum(4, x=0.5, x_so=1.5, nphi=0.2)
    nc = 4 + 0.2 + 2 * 0.25
    expected = sorted([nc, 4.2 + 2 * (0.5 - 1.5) ** 2, 4.2 + 2 * (0.5 + 1.5) ** 2])
    assert vals[0] == pytest.approx(nc, rel=1e-13)  # singlet
    np.testing.assert_allclose(np.sort(vals[1:].real), expected, rtol=1e-13)
    A, keep = inverse_cooperon(4.2, (0, 0, 0), (0, 0, 0), x1=0.5, x2=0.5, x_so=1.5)
    np.testing.assert_allclose(np.sort(np.linalg.eigvals(A).real), sorted([nc, *expected]))
    assert keep.all()


def test_spin_flux_broadcasts():
    x = np.array([0.0, 0.5, 1.0, 3.0])
    x_so = np.array([[0.0], [0.7], [-2.0]])
    grid = wl_correction(2, 3, x=x, x_so=x_so, a=0.4, b=0.6)
    cov = conductance_covariance_general(2, 3, x1=x, x2=0.3, x_so=x_so, so_axes=(0.4, 0.4, 0))
    assert grid.shape == cov.shape == (3, 4)
    # (a row of zeros takes the general route inside an array, Eq. 13 alone: rounding apart)
    for i, j in np.ndindex(3, 4):
        one = wl_correction(2, 3, x=x[j], x_so=x_so[i, 0], a=0.4, b=0.6)
        assert grid[i, j] == pytest.approx(one, rel=1e-13)
        assert cov[i, j] == conductance_covariance_general(
            2, 3, x1=x[j], x2=0.3, x_so=x_so[i, 0], so_axes=(0.4, 0.4, 0)
        )


@pytest.mark.parametrize("bad", [np.nan, np.inf, "0.3", [1.0, np.nan]])
def test_bad_spin_terms_are_named(bad):
    for name in ("x_so", "zeeman_so"):
        for fn in (wl_correction, wl_correction_general, conductance_variance):
            with pytest.raises((ValueError, TypeError), match=name):
                fn(2, 2, **{name: bad})


def _planar_closed_form(n1, n2, x, x_so, a_x, a_y):
    """``<dG>`` with spin flux and in-plane rates at b = 0, derived by hand (e^2/h).

    The cooperon is block diagonal in the two-spin basis: ``{|uu>, |dd>}`` with diagonal
    ``d_+- = N + 2(x +- x_so)^2 + a_x^2 + a_y^2`` and off-diagonal ``a_x^2 - a_y^2``,
    ``{|ud>, |du>}`` with diagonal ``N_C + a_x^2 + a_y^2`` and off-diagonal ``a_x^2 + a_y^2``
    (``N_C = N + 2x^2``); ``Tr[C P_swap]`` then follows from two 2 x 2 inverses.
    """
    n = n1 + n2
    n_c = n + 2 * x**2
    rate = a_x**2 + a_y**2
    d_p, d_m = n + 2 * (x + x_so) ** 2 + rate, n + 2 * (x - x_so) ** 2 + rate
    bracket = (d_p + d_m) / (d_p * d_m - (a_x**2 - a_y**2) ** 2)
    bracket = bracket + 1 / (n_c + 2 * rate) - 1 / n_c
    return -(n1 * n2 / n) * bracket


def test_general_route_with_planar_rates_matches_the_hand_derived_form():
    rng = np.random.default_rng(1101)
    for _ in range(200):
        n1, n2 = (int(v) for v in rng.integers(1, 6, 2))
        x, x_so = rng.uniform(-2, 2, 2)
        a_x, a_y = rng.uniform(0, 2, 2) * rng.integers(0, 2, 2)
        general = wl_correction_general(n1, n2, x=x, x_so=x_so, so_axes=(a_x, a_y, 0))
        expected = _planar_closed_form(n1, n2, x, x_so, a_x, a_y)
        assert general == pytest.approx(expected, rel=1e-12, abs=1e-14)
    # one in-plane axis made infinite: exact projection, antilocalization from the spin flux
    for x_so in (0.5, 1.0, 3.0):
        one_axis = wl_correction_general(2, 2, x_so=x_so, so_axes=(0, np.inf, 0))
        assert one_axis == pytest.approx(-(1 / (4 + 2 * x_so**2) - 1 / 4), rel=1e-12)
