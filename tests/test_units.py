"""Device converter against independently computed example numbers (appendix "GaAs parameters")."""

import dataclasses
import math
import warnings

import pytest

from chaoticdot.theory import conductance_variance, mean_conductance
from chaoticdot.units import (
    Device,
    UniversalRegimeWarning,
    rashba_length_um,
    spin_flux_field_T,
)

SMALL, LARGE = 1.2, 8.0  # dot areas in um^2, n_s = 5.8e11 cm^-2 (the default)


def rounded(text):
    """Reference values are quoted rounded: accept anything that rounds to ``text``.

    Tolerance: half a unit of the last digit, plus 0.1 % for rounded constants.
    """
    decimals = len(text.split(".")[1]) if "." in text else 0
    value = float(text)
    return pytest.approx(value, abs=0.5 * 10**-decimals + 1e-3 * value)


@pytest.mark.parametrize(
    "area, delta, tau_h, e_t, tau_erg, e_t_over_delta",
    [(SMALL, "5.96", "0.69", "198", "3.3", "33"), (LARGE, "0.89", "4.6", "77", "8.6", "86")],
)
def test_scales_match_reference_values(area, delta, tau_h, e_t, tau_erg, e_t_over_delta):
    s = Device(area_um2=area).time_scales()
    assert s["Delta_ueV"] == rounded(delta)
    assert s["tau_H_ns"] == rounded(tau_h)
    assert s["E_T_ueV"] == rounded(e_t)
    assert s["tau_erg_ps"] == rounded(tau_erg)
    assert s["E_T_ueV"] / s["Delta_ueV"] == rounded(e_t_over_delta)


def test_fermi_data():
    d = Device(area_um2=SMALL)
    assert d.fermi_velocity_m_s == pytest.approx(3.3e5, rel=2e-3)
    k_f = math.sqrt(2 * math.pi * 5.8e15)
    assert 2 * math.pi / k_f == pytest.approx(33e-9, rel=1e-2)  # lambda_F = 33 nm


@pytest.mark.parametrize(
    "area, nphi, b_per_T, b_perp_x1_mT",
    [(SMALL, "2.3", "13.4", "0.34"), (LARGE, "15", "90", "0.032")],
)
def test_dimensionless_match_reference_values(area, nphi, b_per_T, b_perp_x1_mT):
    d = Device(area_um2=area, tau_phi_ns=0.3, B_par_T=1.0)
    p = d.dimensionless(warn=False)
    assert p["nphi"] == rounded(nphi)
    assert p["b"] == rounded(b_per_T)
    # x = 1 at the quoted B_perp (kappa_perp = 1); x is linear in B_perp. The quoted 32 uT
    # follows from the already rounded 0.34 mT (B ~ A^(-5/4)), hence the 2 % tolerance.
    x_per_T = Device(area_um2=area, kappa_perp=1.0, B_perp_T=1.0).dimensionless(warn=False)["x"]
    assert 1e3 / x_per_T == pytest.approx(float(b_perp_x1_mT), rel=2e-2)


def test_two_orbital_parametrisations_agree():
    # c_x = kappa_perp / (4 pi)
    a = Device(area_um2=3.0, B_perp_T=1e-4, kappa_perp=2.0).dimensionless(warn=False)["x"]
    b = Device(area_um2=3.0, B_perp_T=1e-4, c_x=2.0 / (4 * math.pi)).dimensionless(warn=False)["x"]
    assert a == pytest.approx(b, rel=1e-12)
    assert Device(area_um2=3.0, B_perp_T=-1e-4).dimensionless()["x"] < 0  # signed


def test_temperature_and_zeeman_energy():
    d = Device(area_um2=SMALL, temperature_K=0.3)
    s = d.time_scales()
    assert s["k_B_T_ueV"] == rounded("26")
    assert s["Delta_ueV"] / 86.17333262 * 1e3 == rounded("69")  # Delta / k_B in mK
    assert d.dimensionless()["kT"] == pytest.approx(s["k_B_T_ueV"] / s["Delta_ueV"], rel=1e-12)
    assert Device(area_um2=1, B_par_T=1).time_scales()["E_Z_ueV"] == pytest.approx(25.47, rel=1e-3)


def test_spin_orbit_helpers_match_reference_values():
    for alpha, lam in [(1e-13, "5.7"), (3e-13, "1.9"), (1e-12, "0.57")]:
        assert rashba_length_um(alpha) == rounded(lam)
    assert spin_flux_field_T(4.5, 4.5) * 1e6 == rounded("16")
    assert spin_flux_field_T(2, 2) * 1e6 == rounded("82")


def test_spin_orbit_rates_and_a():
    d = Device(area_um2=SMALL, lambda_um=4.5, lambda_s_um=3.0, c_s=0.5)
    s = d.time_scales()
    L, tau_erg = s["L_um"], s["tau_erg_ps"] * 1e-3
    assert s["tau_so_s_ns"] == pytest.approx(0.5 * tau_erg * (3.0 / L) ** 2, rel=1e-12)  # Eq. 3
    assert s["tau_so_u_ns"] == pytest.approx(tau_erg * (4.5 / L) ** 4, rel=1e-12)  # Eq. 2
    assert s["tau_so_inf_ns"] == pytest.approx(2 * 4.5**2 / (L * s["v_F_m_s"]) * 1e3, rel=1e-12)
    # appendix "GaAs parameters": a^2 = (2 pi / c_s)(E_T / Delta)(L / lambda_s)^2
    a = d.dimensionless(warn=False)["a"]
    rates = d.spin_orbit_rates()
    assert rates["a2_symplectic"] == pytest.approx(
        2 * math.pi / 0.5 * s["E_T_ueV"] / s["Delta_ueV"] * (L / 3.0) ** 2, rel=1e-12
    )
    assert rates["a2_symplectic"] + rates["a2_remainder"] == pytest.approx(a**2, rel=1e-12)
    # the uniform coupling enters a only through its symplectic remainder (paper footnote 15);
    # its unitary spin flux is x_so, and the Eq. (2) estimate is reported separately
    uniform_only = Device(area_um2=SMALL, lambda_um=4.5)
    remainder = uniform_only.spin_orbit_rates()["a2_remainder"]
    assert uniform_only.dimensionless()["a"] ** 2 == pytest.approx(remainder, rel=1e-12)
    assert 0 < remainder < 1e-2 * uniform_only.spin_orbit_rates()["n_so_unitary"]
    assert uniform_only.spin_orbit_rates()["n_so_unitary"] == pytest.approx(
        s["tau_H_ns"] / s["tau_so_u_ns"], rel=1e-12
    )


def test_universal_regime_warnings():
    small = Device(area_um2=SMALL, lambda_um=4.5, N1=1, N2=1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        small.dimensionless()  # L / lambda = 0.24: fine
    assert small.universal_regime() == []
    large = Device(area_um2=LARGE, lambda_um=4.5)  # L / lambda = 0.63
    assert any("L << lambda" in v for v in large.universal_regime())
    with pytest.warns(UniversalRegimeWarning, match="L << lambda"):
        large.dimensionless()
    with pytest.warns(UniversalRegimeWarning, match="L << lambda"):
        large.universal_regime(warn=True)
    assert issubclass(UniversalRegimeWarning, UserWarning)
    many = Device(area_um2=SMALL, N1=10, N2=10)  # N Delta / E_T = 0.6
    assert any("N << E_T/Delta" in v for v in many.universal_regime())
    strong = Device(area_um2=SMALL, B_par_T=5.0)  # E_Z = 127 ueV vs E_T = 198 ueV
    assert any("g mu_B B" in v for v in strong.universal_regime())
    gate = Device(area_um2=SMALL, lambda_s_um=0.5)
    assert any("tau_so^s" in v for v in gate.universal_regime())
    lenient = dataclasses.replace(large, regime_margin=0.7)
    assert lenient.universal_regime() == []


def test_parameters_feed_the_theory():
    d = Device(
        area_um2=LARGE,
        N1=2,
        N2=2,
        lambda_s_um=4.0,
        B_par_T=0.05,
        B_perp_T=2e-5,
        temperature_K=0.1,
        tau_phi_ns=0.5,
    )
    p = d.dimensionless(warn=False)
    assert set(p) == {"N1", "N2", "x", "a", "b", "nphi", "kT", "x_so", "zeeman_so"}
    assert p["x_so"] == 0.0 and p["zeeman_so"] == 0.0  # no uniform coupling
    var = conductance_variance(**p, b_direction=d.b_direction)
    g = mean_conductance(**p, b_direction=d.b_direction)
    assert 0 < var < 1 and 0 < g < 4


def test_field_direction():
    d = Device(area_um2=1.0, B_par_T=2.0, B_par_direction=(0, 3))
    assert d.b_direction == pytest.approx((0, 1, 0))
    tilted = Device(area_um2=1.0, B_par_T=1.0, B_perp_T=1.0)
    assert tilted.b_direction == pytest.approx((2**-0.5, 0, 2**-0.5))
    assert Device(area_um2=1.0).b_direction == (1.0, 0.0, 0.0)


@pytest.mark.parametrize(
    "kw, name",
    [
        (dict(area_um2=0), "area_um2"),
        (dict(area_um2=-1), "area_um2"),
        (dict(area_um2=math.nan), "area_um2"),
        (dict(N1=0), "N1"),
        (dict(N2=1.5), "N2"),
        (dict(density_cm2=0), "density_cm2"),
        (dict(lambda_um=-1), "lambda_um"),
        (dict(lambda_s_um=0), "lambda_s_um"),
        (dict(B_perp_T=math.inf), "B_perp_T"),
        (dict(B_par_T=math.nan), "B_par_T"),
        (dict(temperature_K=-0.1), "temperature_K"),
        (dict(tau_phi_ns=0), "tau_phi_ns"),
        (dict(c_x=0), "c_x"),
        (dict(c_s=-1), "c_s"),
        (dict(kappa_perp=0), "kappa_perp"),
        (dict(B_par_direction=(0, 0, 1)), "B_par_direction"),
        (dict(B_par_direction=(0, 0)), "B_par_direction"),
        (dict(regime_margin=0), "regime_margin"),
    ],
)
def test_bad_device(kw, name):
    kw = {"area_um2": 1.0, **kw}
    with pytest.raises(ValueError, match=name):
        Device(**kw)
    with pytest.raises(ValueError, match="alpha"):
        rashba_length_um(0.0)
