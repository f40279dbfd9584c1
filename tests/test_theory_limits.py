"""Limits of Eqs. (13)-(14): appendix "Limiting values", Efetov/Frahm, CSE, exact ensembles."""

import numpy as np
import pytest
from scipy.optimize import brentq

from chaoticdot.theory import (
    conductance_covariance,
    conductance_variance,
    exact_conductance_stats,
    wl_correction,
)

N1, N2 = 3, 5
N = N1 + N2
UNIT_G = N1 * N2 / N**2  # <dG> unit: (e^2/h) N1 N2 / N^2
UNIT_V = UNIT_G**2  # var G unit

BIG_X = 1e4  # x^2 >> N
BIG_A = 1e3  # a^2 >> N
BIG_B = 1e9  # b >> N and b^2 >> N a^2

# appendix "Limiting values": regime -> (<dG>(x=0), <dG>(x^2 >> N), var(x=0), var(x^2 >> N))
TABLE = {
    "a=0, b=0": (dict(a=0.0, b=0.0), (-2, 0, 8, 4)),
    "a=0, b>>N": (dict(a=0.0, b=BIG_B), (-2, 0, 4, 2)),
    "a^2>>N, b=0": (dict(a=BIG_A, b=0.0), (1, 0, 2, 1)),
    "a^2>>N, b^2>>N a^2": (dict(a=BIG_A, b=BIG_B), (0, 0, 1, 1)),
}


@pytest.mark.parametrize("regime", list(TABLE))
def test_limit_table(regime):
    kw, (wl0, wl_inf, var0, var_inf) = TABLE[regime]
    assert wl_correction(N1, N2, x=0.0, **kw) / UNIT_G == pytest.approx(wl0, abs=1e-4)
    assert wl_correction(N1, N2, x=BIG_X, **kw) / UNIT_G == pytest.approx(wl_inf, abs=1e-4)
    assert conductance_variance(N1, N2, x=0.0, **kw) / UNIT_V == pytest.approx(var0, abs=1e-4)
    assert conductance_variance(N1, N2, x=BIG_X, **kw) / UNIT_V == pytest.approx(var_inf, abs=1e-4)


def test_strong_spin_orbit_is_exactly_the_symplectic_value():
    # paper: <dG> = (e^2/h) N1 N2 / N^2 and var G = 2 (e^2/h)^2 (N1 N2 / N^2)^2 for a^2 >> N
    assert wl_correction(N1, N2, a=np.inf) == pytest.approx(UNIT_G, rel=1e-14)
    assert conductance_variance(N1, N2, a=np.inf) == pytest.approx(2 * UNIT_V, rel=1e-14)
    assert conductance_variance(N1, N2, a=np.inf, b=1e3) == pytest.approx(2 * UNIT_V, rel=1e-14)


def test_b_zero_closed_forms_in_scaled_variables():
    # appendix "Limiting values", s = a^2/N, xi^2 = x^2/N
    for s, xi2 in [(0.0, 0.0), (0.3, 0.1), (1.7, 2.2), (5.0, 0.0), (0.05, 9.0)]:
        wl = -(2 / (1 + 2 * xi2 + 2 * s) + 1 / (1 + 2 * xi2 + 4 * s) - 1 / (1 + 2 * xi2))
        var = (1 + 2 / (1 + 2 * s) ** 2 + 1 / (1 + 4 * s) ** 2) + (
            1 / (1 + 2 * xi2) ** 2 + 2 / (1 + 2 * xi2 + 2 * s) ** 2 + 1 / (1 + 2 * xi2 + 4 * s) ** 2
        )
        a, x = np.sqrt(s * N), np.sqrt(xi2 * N)
        assert wl_correction(N1, N2, x=x, a=a) / UNIT_G == pytest.approx(wl, rel=1e-12)
        assert conductance_variance(N1, N2, x=x, a=a) / UNIT_V == pytest.approx(var, rel=1e-12)


@pytest.mark.parametrize("n1, n2", [(1, 1), (2, 3), (10, 10), (7, 40)])
def test_sign_change_of_weak_localization(n1, n2):
    n = n1 + n2
    s_root = brentq(lambda s: wl_correction(n1, n2, a=np.sqrt(s * n)), 0.1, 5.0, xtol=1e-14)
    assert s_root == pytest.approx((1 + np.sqrt(5)) / 4, rel=1e-10)  # a^2 = 0.809 N
    assert wl_correction(n1, n2, a=np.sqrt(0.7 * n)) < 0 < wl_correction(n1, n2, a=np.sqrt(0.9 * n))


def test_figure2_values_in_scaled_variables():
    # appendix "Limiting values": alpha = a / sqrt(N) = 0, 0.3, 0.5, 1, inf at x = 0
    alphas = [0.0, 0.3, 0.5, 1.0, np.inf]
    wl = [-2, -1.43, -0.83, 0.13, 1]
    var = [8, 5.95, 4.28, 2.52, 2]
    for alpha, w, v in zip(alphas, wl, var, strict=True):
        a = alpha * np.sqrt(N)
        assert wl_correction(N1, N2, a=a) / UNIT_G == pytest.approx(w, abs=0.006)
        assert conductance_variance(N1, N2, a=a) / UNIT_V == pytest.approx(v, abs=0.006)
        # the cooperon half of var G disappears at x^2 >> N
        assert conductance_variance(N1, N2, a=a, x=BIG_X) == pytest.approx(
            conductance_variance(N1, N2, a=a) / 2, rel=1e-6
        )


def test_efetov_frahm_spinless_result_doubled():
    # Refs. 18, 19 (spinless, no SO): <dG>_s = -(N1N2/N)/N_C,
    # cov_s = (N1N2/N)^2 (1/|N_D|^2 + 1/|N_C|^2). Two identical spin copies: G = 2 G_s.
    for x1, x2, de, nphi in [(0, 0, 0, 0), (0.5, 1.5, 0, 0), (1.0, -0.3, 2.5, 0.7)]:
        nd = N + nphi - 1j * de + 0.5 * (x1 - x2) ** 2
        nc = N + nphi - 1j * de + 0.5 * (x1 + x2) ** 2
        cov_s = (N1 * N2 / N) ** 2 * (1 / abs(nd) ** 2 + 1 / abs(nc) ** 2)
        wl_s = -(N1 * N2 / N) / (N + 2 * x1**2 + nphi)
        assert wl_correction(N1, N2, x=x1, nphi=nphi) == pytest.approx(2 * wl_s, rel=1e-14)
        assert conductance_covariance(N1, N2, x1=x1, x2=x2, de=de, nphi=nphi) == pytest.approx(
            4 * cov_s, rel=1e-13
        )
        # a = 0: the Zeeman field only splits the two spin species, cov -> sum of the two
        assert wl_correction(N1, N2, x=x1, b=3.7, nphi=nphi) == pytest.approx(2 * wl_s, rel=1e-13)


def test_field_antisymmetry_with_spin_orbit_and_parallel_field():
    # paper: <[G(x) - G(-x)]^2> = 2 var G - 2 cov[G(x), G(-x)] -> 2 var G for x^2 >> N when
    # a^2 >> N and b^2 >> N^2, N a^2; zero if either a = 0 or b = 0.
    def asym(x, a, b):
        return 2 * conductance_variance(N1, N2, x=x, a=a, b=b) - 2 * conductance_covariance(
            N1, N2, x1=x, x2=-x, a=a, b1=b, b2=b
        )

    var = conductance_variance(N1, N2, x=BIG_X, a=BIG_A, b=BIG_B)
    assert asym(BIG_X, BIG_A, BIG_B) == pytest.approx(2 * var, rel=1e-6)
    assert asym(1.5, 0.0, 4.0) == pytest.approx(0.0, abs=1e-15)
    assert asym(1.5, 2.0, 0.0) == pytest.approx(0.0, abs=1e-15)
    assert asym(1.5, 2.0, 4.0) > 1e-4


@pytest.mark.parametrize(
    "ensemble, kw, wl_units, var_units",
    [
        ("COE", dict(), -2, 8),
        ("CUE", dict(x=BIG_X), 0, 4),
        ("2COE", dict(b=BIG_B), -2, 4),
        ("2CUE", dict(x=BIG_X, b=BIG_B), 0, 2),
        ("CSE", dict(a=np.inf), 1, 2),
        ("CUE2N", dict(a=1e5, b=BIG_B), 0, 1),
    ],
)
def test_exact_ensembles_approach_large_n_theory(ensemble, kw, wl_units, var_units):
    # The exact finite-N moments (an independent source) tend to the leading-order limits.
    errs = []
    for n1, n2 in [(40, 60), (400, 600)]:
        unit = n1 * n2 / (n1 + n2) ** 2
        mean, var = exact_conductance_stats(n1, n2, ensemble)
        wl_exact = (mean - 2 * n1 * n2 / (n1 + n2)) / unit
        assert wl_correction(n1, n2, **kw) / unit == pytest.approx(wl_units, abs=1e-4)
        assert conductance_variance(n1, n2, **kw) / unit**2 == pytest.approx(var_units, abs=1e-4)
        errs.append(abs(wl_exact - wl_units) + abs(var / unit**2 - var_units))
    assert errs[1] < 0.02 and errs[1] < errs[0] / 5  # O(1/N) convergence
