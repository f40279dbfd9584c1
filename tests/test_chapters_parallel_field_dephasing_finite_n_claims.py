"""Numerical claims of the chapters on the parallel field, dephasing/temperature and finite N.

Each test checks a statement the book makes against an independent route: exact circular
ensembles, a hand-built 2x2 decomposition of Eq. (14), the general 4x4 cooperon route,
quadrature, or the stub Monte Carlo (seeded, tolerances of four standard errors).
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import brentq

from chaoticdot import rmt, theory
from chaoticdot.studies import dephasing_temperature as dts
from chaoticdot.studies import parallel_field as pfs
from chaoticdot.theory import high_temperature as hot
from chaoticdot.theory import large_n
from chaoticdot.theory import parallel_field as pft

NSIGMA = 4.0
GOLDEN = (1.0 + np.sqrt(5.0)) / 4.0  # 0.809: sign change a^2 = GOLDEN * (N + nphi)


# --------------------------------------------------------------------------------------------
# Parallel field
# --------------------------------------------------------------------------------------------


def test_variance_factors_8_4_2_1_and_exact_ensembles():
    lim = pft.variance_limits(n_exact=2000)
    np.testing.assert_allclose(lim["var_x0"], [8, 4, 2, 1], atol=1e-3)
    np.testing.assert_allclose(lim["var_xinf"], [4, 2, 1, 1], atol=1e-3)
    np.testing.assert_allclose(lim["wl_x0"], [-2, -2, 1, 0], atol=1e-3)
    # independent route: exact finite-N ensembles at N1 = N2 = 2000 (corrections ~ 1/N)
    np.testing.assert_allclose(lim["exact_var_x0"], lim["var_x0"], atol=5e-3)
    np.testing.assert_allclose(lim["exact_var_xinf"], lim["var_xinf"], atol=5e-3)
    np.testing.assert_allclose(lim["exact_wl_x0"], lim["wl_x0"], atol=5e-3)
    assert list(lim["ensemble_x0"]) == ["COE", "2COE", "CSE", "CUE2N"]
    assert list(lim["ensemble_xinf"]) == ["CUE", "2CUE", "CUE2N", "CUE2N"]


def test_small_dot_exact_values_quoted_in_text():
    lim = pft.variance_limits(n_exact=1)
    # "for N1 = N2 = 1 the 8 becomes 5.7": 4 var T_1 / (1/4)^2 = (16/45) * 16
    assert lim["exact_var_x0"][0] == pytest.approx(16 / 45 * 16)
    assert round(float(lim["exact_var_x0"][0]), 1) == 5.7


def test_zeeman_field_drops_out_of_mean_without_spin_orbit():
    b = np.array([0.0, 0.3, 7.0, 1e4])
    wl = theory.wl_correction(3, 2, x=0.7, a=0.0, b=b)
    assert np.ptp(wl) == 0.0


@pytest.mark.parametrize("N, a2", [(4, 8.0), (10, 200.0), (7, 3.0)])
def test_half_suppression_field_of_the_singlet(N, a2):
    """<dG>(b) - <dG>(inf) is halved at b = sqrt(N (N + 2a^2)) / 2 (text of the chapter)."""
    n1 = N // 2
    n2 = N - n1
    a = np.sqrt(a2)
    b_half = 0.5 * np.sqrt(N * (N + 2 * a2))
    wl = theory.wl_correction(n1, n2, a=a, b=np.array([0.0, b_half, 1e9]))
    assert (wl[1] - wl[2]) / (wl[0] - wl[2]) == pytest.approx(0.5, rel=1e-9)
    # the remnant is the triplet weak localization -(N1N2/N)[1/(N+2a^2) + 1/(N+4a^2)]
    assert wl[2] == pytest.approx(-(n1 * n2 / N) * (1 / (N + 2 * a2) + 1 / (N + 4 * a2)), rel=1e-6)


def _frob2_inverse(m):
    return float(np.sum(np.abs(np.linalg.inv(m)) ** 2))


def _f_blocks(n, a2, g1, g2):
    """F(n, g1, g2) = ||K1^-1||^2 + ||K2^-1||^2 built from explicit 2x2 matrices."""
    k1 = np.array([[n, -1j * g1], [-1j * g1, n + 2 * a2]])
    k2 = np.array([[n + 2 * a2, 1j * g2], [1j * g2, n + 4 * a2]])
    return _frob2_inverse(k1) + _frob2_inverse(k2)


@pytest.mark.parametrize("a, b, x", [(1.3, 2.0, 0.9), (3.0, 20.0, 2.5), (0.4, 0.7, 0.3)])
def test_asymmetry_equals_2x2_decomposition(a, b, x):
    """<[G(x)-G(-x)]^2> = 2 (N1N2/N)^2 [h(N) - h(N + 2x^2)], h(n) = F(n,0,2b) - F(n,2b,0)."""
    n1, n2 = 2, 3
    N = n1 + n2
    a2 = a * a

    def h(n):
        return _f_blocks(n, a2, 0.0, 2 * b) - _f_blocks(n, a2, 2 * b, 0.0)

    expected = 2 * (n1 * n2 / N) ** 2 * (h(N) - h(N + 2 * x * x))
    got = pft.asymmetry_correlator(n1, n2, x=x, a=a, b=b)
    assert got == pytest.approx(expected, rel=1e-10)
    assert got > 0


def test_asymmetry_against_general_route():
    n1, n2, a, b = 2, 2, 1.7, 5.0
    x = np.array([0.4, 1.1, 2.3])
    var = theory.conductance_covariance_general(
        n1, n2, x1=x, x2=x, so_axes=(a, a, 0.0), b1_vec=(b, 0.0, 0.0), b2_vec=(b, 0.0, 0.0)
    )
    cov = theory.conductance_covariance_general(
        n1, n2, x1=x, x2=-x, so_axes=(a, a, 0.0), b1_vec=(b, 0.0, 0.0), b2_vec=(b, 0.0, 0.0)
    )
    np.testing.assert_allclose(
        pft.asymmetry_correlator(n1, n2, x=x, a=a, b=b), 2 * (var - cov), rtol=1e-10
    )


def test_asymmetry_zero_with_one_ingredient_and_two_var_with_both():
    x = np.array([0.5, 2.0, 30.0])
    assert np.all(pft.asymmetry_correlator(4, 4, x=x, a=0.0, b=50.0) == 0.0)
    assert np.all(pft.asymmetry_correlator(4, 4, x=x, a=5.0, b=0.0) == 0.0)
    a, b = np.sqrt(800.0), 1e6  # a^2 = 100 N, b^2 >> N a^2
    ratio = pft.asymmetry_correlator(4, 4, x=x[-1], a=a, b=b) / (
        2 * theory.conductance_variance(4, 4, x=x[-1], a=a, b=b)
    )
    assert ratio == pytest.approx(1.0, abs=0.02)


def test_monte_carlo_symmetry_sample_by_sample():
    x = np.linspace(-1.5, 1.5, 5)
    a = np.array([[2.0], [0.0], [2.0]])
    b = np.array([[0.0], [8.0], [8.0]])
    G = rmt.sample_conductance(
        2, 2, x=x[None, :], a=a, b=b, samples=30, M=40, seed=11, executor="serial"
    )
    d = G - G[..., ::-1]
    assert np.abs(d[:, 0]).max() < 1e-10  # spin-orbit only
    assert np.abs(d[:, 1]).max() < 1e-10  # Zeeman only
    assert np.abs(d[:, 2]).max() > 0.05  # both: visibly asymmetric


def test_monte_carlo_onsager_full_field_reversal():
    x = np.array([0.5, 1.0, 2.0])
    G = rmt.sample_conductance(
        2,
        2,
        x=np.stack([x, -x]),
        a=2.0,
        b=np.array([[8.0], [-8.0]]),
        samples=10,
        M=40,
        seed=1,
        executor="serial",
    )
    assert np.abs(G[:, 0] - G[:, 1]).max() < 1e-10
    # reversing b alone is not a symmetry of a single realization
    G2 = rmt.sample_conductance(
        2, 2, x=x, a=2.0, b=np.array([[8.0], [-8.0]]), samples=10, M=40, seed=1, executor="serial"
    )
    assert np.abs(G2[:, 0] - G2[:, 1]).max() > 1e-3


def test_monte_carlo_asymmetry_agrees_with_eq14():
    p = pfs.MC_PARAMETERS
    x = np.array([-2.0, -1.0, 1.0, 2.0])
    G = rmt.sample_conductance(
        p["N1"], p["N2"], x=x, a=p["a"], b=p["b"], samples=300, M=60, seed=314
    )
    est = rmt.mean((G[:, 2:] - G[:, 1::-1]) ** 2)
    theo = pft.asymmetry_correlator(p["N1"], p["N2"], x=x[2:], a=p["a"], b=p["b"])
    assert np.all(est.within(theo, NSIGMA)), (est, theo)


# --------------------------------------------------------------------------------------------
# Dephasing and temperature
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("n1, n2, nphi", [(2, 2, 0.0), (1, 3, 2.0), (2, 2, 8.0)])
def test_voltage_probe_closed_forms_and_sign_change(n1, n2, nphi):
    N = n1 + n2
    assert theory.wl_correction(n1, n2, nphi=nphi) == pytest.approx(-2 * n1 * n2 / (N * (N + nphi)))
    assert theory.conductance_variance(n1, n2, nphi=nphi) == pytest.approx(
        8 * (n1 * n2 / N) ** 2 / (N + nphi) ** 2
    )
    a2_c = brentq(
        lambda a2: theory.wl_correction(n1, n2, a=np.sqrt(a2), nphi=nphi), 1e-6, 200, xtol=1e-13
    )
    assert a2_c == pytest.approx(GOLDEN * (N + nphi), rel=1e-9)


@pytest.mark.parametrize("a", [0.0, np.inf])
@pytest.mark.parametrize("nphi", [0.0, 4.0])
def test_high_temperature_law(a, nphi):
    n1 = n2 = 2
    kT = 400.0
    ratio = theory.conductance_variance(
        n1, n2, a=a, nphi=nphi, kT=kT
    ) / theory.conductance_variance(n1, n2, a=a, nphi=nphi)
    assert ratio == pytest.approx(hot.high_temperature_ratio(n1 + n2, nphi, kT), rel=0.01)


@pytest.mark.parametrize("nphi", [0.0, 3.0])
def test_energy_integral_of_covariance(nphi):
    n1, n2 = 1, 3
    N = n1 + n2
    value = hot.energy_integral_of_covariance(n1, n2, nphi=nphi)
    assert value == pytest.approx(8 * np.pi * (n1 * n2 / N) ** 2 / (N + nphi), rel=1e-8)
    # K(0) times the integral is the asymptote of var_T: same law as high_temperature_ratio
    kT = 1e3
    asymptote = theory.thermal_kernel(0.0, kT) * value
    assert asymptote == pytest.approx(
        theory.conductance_variance(n1, n2, nphi=nphi, kT=kT), rel=5e-3
    )


def test_absorbing_stub_without_absorption_is_exact_coe():
    G = rmt.sample_conductance(2, 2, nphi=np.array([0.0, 6.0]), samples=800, M=60, seed=27)
    m, v = rmt.mean(G[:, 0]), rmt.variance(G[:, 0])
    mean, var = theory.exact_conductance_stats(2, 2, "COE")
    assert m.within(mean, NSIGMA) and v.within(var, NSIGMA)
    # absorption reduces both the weak-localization correction and the fluctuations
    assert rmt.mean(G[:, 1]).value - 2 > m.value - 2
    assert rmt.variance(G[:, 1]).value < v.value


def test_example_devices_statements():
    small, large = (dts.device_effects(d) for d in dts.example_devices())
    assert small["N"] == large["N"] == 2
    # small dot: a^2 between 0.809 N and 0.809 (N + nphi) -> dephasing turns AL into WL
    assert GOLDEN * small["N"] < small["a2"] < GOLDEN * (small["N"] + small["nphi"])
    assert small["dG_ideal"] > 0 > small["dG_dephasing"]
    # large dot: dephasing dominates, antilocalization survives at a small fraction
    assert large["nphi"] > 5 * large["N"]
    assert 0 < large["dG_dephasing"] < 0.1 * large["dG_ideal"]
    assert large["var_both"] / large["var_ideal"] < 0.01
    for eff in (small, large):
        assert eff["dG_temperature"] == eff["dG_ideal"]  # temperature does not change <G>
        assert eff["var_both"] < min(eff["var_dephasing"], eff["var_temperature"])
    # the universal-regime conditions hold for the chosen assumptions
    assert all(not d.universal_regime() for d in dts.example_devices())


# --------------------------------------------------------------------------------------------
# Finite N
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("n1, n2", [(1, 1), (1, 2), (3, 3), (2, 7)])
def test_exact_limits_are_shifted_cooperon_denominators(n1, n2):
    """COE: N_C -> N + 1; CSE: N_C -> N - 1/2 (chapter "Finite N"), from the exact formulas."""
    N = n1 + n2
    table = large_n.exact_vs_large_n(n1, n2)
    row = {e: i for i, e in enumerate(table["ensemble"])}
    assert table["exact_dG"][row["COE"]] == pytest.approx(-2 * n1 * n2 / (N * (N + 1)))
    assert table["exact_dG"][row["CSE"]] == pytest.approx(n1 * n2 / (N * (N - 0.5)))
    assert table["exact_dG"][row["CUE"]] == pytest.approx(0.0, abs=1e-14)
    # unitary limits: var G deviates from the large-N value only at order 1/N^2
    assert table["rel_dev_var"][row["CUE"]] == pytest.approx(1 / (N * N - 1), rel=1e-5)
    assert table["rel_dev_var"][row["CUE2N"]] == pytest.approx(1 / (4 * N * N - 1), rel=1e-4)


def test_two_channel_numbers_quoted_in_text():
    t = large_n.exact_vs_large_n(1, 1)
    row = {e: i for i, e in enumerate(t["ensemble"])}
    assert t["exact_var"][row["COE"]] / t["exact_var"][row["CUE"]] == pytest.approx(16 / 15)
    assert t["exact_var"][row["CSE"]] / t["exact_var"][row["CUE2N"]] == pytest.approx(10 / 3)
    assert t["rel_dev_var"][row["CSE"]] == pytest.approx(7 / 9, rel=1e-5)
    assert t["exact_dG"][row["CSE"]] / t["exact_dG"][row["COE"]] == pytest.approx(-1.0)


def test_smallest_trustworthy_n():
    thresholds = large_n.smallest_trustworthy_n(0.1)
    # COE: relative deviation of <dG> is -1/(N+1) = -1/(2n+1) <= 0.1 from n = 5
    assert thresholds["dG"]["COE"] == 5
    # CSE: +1/(2N-1) = 1/(4n-1) <= 0.1 from n = 3
    assert thresholds["dG"]["CSE"] == 3
    assert "CUE" not in thresholds["dG"]
    assert thresholds["var"]["CUE2N"] == 1
    with pytest.raises(ValueError, match="tol"):
        large_n.smallest_trustworthy_n(1.5)


def test_large_n_limit_rejects_unknown_ensemble():
    with pytest.raises(ValueError, match="ensemble"):
        large_n.large_n_limit(1, 1, "GOE")
