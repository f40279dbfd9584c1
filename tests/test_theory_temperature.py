"""Thermal smearing: kernel, exact thermal average against brute-force quadrature, limits."""

import numpy as np
import pytest
from scipy import integrate
from scipy.special import polygamma

from chaoticdot.theory import (
    conductance_covariance,
    conductance_covariance_general,
    conductance_variance,
    mean_conductance,
    thermal_frobenius2,
    thermal_kernel,
    thermal_resolvent,
    wl_correction,
)

RNG = np.random.default_rng(4695)


def quad_all(f, **kw):
    return integrate.quad(f, -np.inf, np.inf, limit=2000, epsabs=1e-15, epsrel=1e-12, **kw)[0]


@pytest.mark.parametrize("kT", [1e-3, 0.1, 1.0, 37.0])
def test_kernel_normalised_and_peak_value(kT):
    assert quad_all(lambda d: thermal_kernel(d, kT)) == pytest.approx(1.0, rel=1e-10)
    assert thermal_kernel(0.0, kT) == pytest.approx(1 / (12 * np.pi * kT), rel=1e-14)


@pytest.mark.parametrize("kT", [0.05, 0.8, 6.0])
def test_kernel_is_convolution_of_fermi_derivatives(kT):
    # energies in units of Delta/2pi (so that de is the energy difference), f' of width 2 pi kT
    t = 2 * np.pi * kT

    def fprime(e):
        return -0.25 / t / np.cosh(np.clip(e / (2 * t), -300, 300)) ** 2

    for de in [0.0, 0.37 * t, 2.9 * t, 11.0 * t, 40.0 * t]:
        ref = quad_all(lambda e, de=de: fprime(e) * fprime(e + de))
        peak = 1 / (12 * np.pi * kT)
        assert thermal_kernel(de, kT) == pytest.approx(ref, rel=1e-9, abs=1e-12 * peak)
        assert thermal_kernel(-de, kT) == thermal_kernel(de, kT)


def test_kernel_continuous_across_branch_switch():
    kT = 1 / (4 * np.pi)  # u = de
    u = np.array([1 - 1e-12, 1 + 1e-12, 0.3, 2.5])
    direct = (u / np.tanh(u) - 1) / np.sinh(u) ** 2 / (4 * np.pi * kT)
    np.testing.assert_allclose(thermal_kernel(u, kT), direct, rtol=1e-13)


@pytest.mark.parametrize("z", [2.0, 7.5 + 3j, 3.0 - 40j])
@pytest.mark.parametrize("kT", [1e-4, 0.02, 0.9, 50.0])
def test_thermal_resolvent_scalar_against_quadrature(z, kT):
    re = quad_all(lambda w: (thermal_kernel(w, kT) / (z - 1j * w)).real, points=None)
    im = quad_all(lambda w: (thermal_kernel(w, kT) / (z - 1j * w)).imag)
    assert thermal_resolvent(np.array([[z]]), kT)[0, 0] == pytest.approx(re + 1j * im, rel=1e-10)


@pytest.mark.parametrize("kT", [0.01, 0.5, 20.0, 1e4])
def test_thermal_variance_against_trigamma_closed_form(kT):
    # a = b = x = 0: cov(de) = 8 (N1N2/N)^2 / (N^2 + de^2), so
    # var_T = 8 (N1N2/N)^2 J(N)/N, J(N) = [psi'(w) + (w - 1) psi''(w)/2] / c, w = 1 + N/2c
    N1, N2 = 2, 3
    N = N1 + N2
    c = 2 * np.pi**2 * kT
    w = 1 + N / (2 * c)
    J = (polygamma(1, w) + 0.5 * (w - 1) * polygamma(2, w)) / c
    assert conductance_variance(N1, N2, kT=kT) == pytest.approx(
        8 * (N1 * N2 / N) ** 2 * J / N, rel=1e-12
    )


def brute_force(fn, de, kT):
    return quad_all(lambda w: fn(de + w) * thermal_kernel(w, kT))


@pytest.mark.parametrize("seed", range(6))
def test_thermal_covariance_against_brute_force_quadrature(seed):
    rng = np.random.default_rng(seed)
    N1, N2 = rng.integers(1, 6, 2)
    x1, x2, b1, b2, de = rng.normal(scale=2, size=5)
    a = [0.0, 0.8, 2.5, np.inf, 1.3, 0.5][seed]
    nphi = rng.exponential()
    kT = [0.05, 0.4, 1.0, 3.0, 10.0, 0.7][seed]
    direction = [(1, 0, 0), (0, 0, 1), (0.3, 0.4, 0.5), (1, 0, 0), (0, 1, 0), (0.1, 0, 1)][seed]
    kw = dict(x1=x1, x2=x2, a=a, b1=b1, b2=b2, nphi=nphi, b_direction=direction)
    ref = brute_force(lambda d: conductance_covariance(N1, N2, de=d, **kw), de, kT)
    assert conductance_covariance(N1, N2, de=de, kT=kT, **kw) == pytest.approx(ref, rel=1e-9)


def test_thermal_general_route_per_axis_against_quadrature():
    kw = dict(
        x1=0.3,
        x2=1.2,
        so_axes=(1.5, 0.2, 0.9),
        b1_vec=(0.4, -1.0, 2.0),
        b2_vec=(1.0, 0.5, 0.0),
        nphi=0.2,
    )
    ref = brute_force(lambda d: conductance_covariance_general(2, 3, de=d, **kw), 0.9, 1.7)
    assert conductance_covariance_general(2, 3, de=0.9, kT=1.7, **kw) == pytest.approx(
        ref, rel=1e-9
    )


def test_exceptional_point_is_harmless():
    # K = [[p, -i g], [-i g, p + 2a^2]] is not diagonalizable at g = a^2 (and de = 0)
    a2, p = 1.5, 2.0
    K = np.array([[p, -1j * a2], [-1j * a2, p + 2 * a2]])
    kT = 0.6

    def norm2(w):
        return np.sum(np.abs(np.linalg.inv(K - 1j * w * np.eye(2))) ** 2)

    ref = quad_all(lambda w: norm2(w) * thermal_kernel(w, kT))
    assert thermal_frobenius2(K, kT) == pytest.approx(ref, rel=1e-10)


def test_random_matrices_with_positive_hermitian_part():
    for _ in range(3):
        M, S = RNG.normal(size=(2, 3, 3)) + 1j * RNG.normal(size=(2, 3, 3))
        # positive definite Hermitian part plus an arbitrary anti-Hermitian part
        A = M @ M.conj().T + 0.5 * np.eye(3) + 1.5j * (S + S.conj().T)
        kT = RNG.uniform(0.05, 3)

        def norm2(w, A=A):
            return np.sum(np.abs(np.linalg.inv(A - 1j * w * np.eye(3))) ** 2)

        ref = quad_all(lambda w, kT=kT, norm2=norm2: norm2(w) * thermal_kernel(w, kT))
        assert thermal_frobenius2(A, kT) == pytest.approx(ref, rel=1e-9)


def test_zero_temperature_is_exact_and_continuous():
    kw = dict(x=0.7, a=1.1, b=0.8, nphi=0.4)
    assert conductance_variance(3, 4, kT=0.0, **kw) == conductance_variance(3, 4, **kw)
    assert conductance_variance(3, 4, kT=1e-12, **kw) == pytest.approx(
        conductance_variance(3, 4, **kw), rel=1e-14
    )
    mixed = conductance_variance(3, 4, kT=np.array([0.0, 1e-3, 1.0]), **kw)
    assert mixed[0] == conductance_variance(3, 4, **kw)


@pytest.mark.parametrize(
    "kw",
    [
        dict(),
        dict(a=1.0),
        dict(a=np.inf, x=2.0),
        dict(a=2.0, b=5.0, nphi=1.0),
        dict(b=3.0, b_direction=(0, 0, 1)),
    ],
)
def test_variance_decreases_with_temperature(kw):
    kT = np.concatenate(([0.0], np.geomspace(1e-3, 1e3, 40)))
    var = conductance_variance(2, 2, kT=kT, **kw)
    assert np.all(np.diff(var) < 0)


@pytest.mark.parametrize("kw", [dict(), dict(a=1.2, b=0.7, x=0.5), dict(a=np.inf, nphi=2.0)])
def test_large_temperature_tail(kw):
    # var_T -> K(0) int cov d(de) = (int cov d(de)) / (12 pi kT) for kT >> N
    N1, N2 = 2, 3
    area = quad_all(
        lambda d: conductance_covariance(
            N1,
            N2,
            x1=kw.get("x", 0.0),
            x2=kw.get("x", 0.0),
            a=kw.get("a", 0.0),
            b1=kw.get("b", 0.0),
            b2=kw.get("b", 0.0),
            nphi=kw.get("nphi", 0.0),
            de=d,
        )
    )
    for kT, tol in [(1e3, 1e-2), (1e5, 1e-4)]:
        assert conductance_variance(N1, N2, kT=kT, **kw) * 12 * np.pi * kT == pytest.approx(
            area, rel=tol
        )
    if not kw:  # closed form of the area at a = b = x = 0: 8 pi / N (N1 N2 / N)^2
        assert area == pytest.approx(8 * np.pi / 5 * (6 / 5) ** 2, rel=1e-10)


def test_mean_conductance_is_temperature_independent():
    # <G> does not depend on energy, so its thermal average with the normalised kernel is <G>
    g = mean_conductance(2, 3, x=0.4, a=1.0, b=0.5)
    for kT in [0.1, 5.0]:
        assert quad_all(lambda d, kT=kT: g * thermal_kernel(d, kT)) == pytest.approx(g, rel=1e-10)
        assert mean_conductance(2, 3, x=0.4, a=1.0, b=0.5, kT=kT) == g
    assert mean_conductance(2, 3, kT=np.array([0.0, 1.0, 2.0])).shape == (3,)
    with pytest.raises(ValueError, match="kT"):
        wl_correction(2, 3, kT=-1.0)
