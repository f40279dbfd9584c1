"""Uniform Rashba and Dresselhaus coupling of a GaAs dot -> ``x_so``, ``zeeman_so`` and ``a``.

Book appendix, section "Uniform spin-orbit coupling in GaAs units". Every expected value is
computed here from the published formulas and CODATA constants, or from another route through
:class:`chaoticdot.units.Device` (the orbital ``x`` at a given field, the time scales), never
copied from the implementation.
"""

import math

import numpy as np
import pytest

from chaoticdot import rmt, theory
from chaoticdot.units import (
    Device,
    rashba_length_um,
    spin_flux_field_T,
    spin_orbit_couplings_eV_m,
    spin_orbit_lengths_um,
)

HBAR = 6.62607015e-34 / (2 * math.pi)  # J s (h exact in SI since 2019)
E = 1.602176634e-19  # C
M = 0.067 * 9.1093837015e-31  # GaAs effective mass, kg
SMALL = 1.2  # dot area in um^2
SO_KEYS = ("x_so", "zeeman_so", "a")
RATE_KEYS = ("a2_symplectic", "a2_remainder", "a2", "x_so2", "zeeman_so2", "n_so_unitary")


def lengths_um(alpha, beta):
    """``hbar^2 / (2 m* lambda_x) = alpha - beta``, ``hbar^2 / (2 m* lambda_y) = alpha + beta``."""
    k = HBAR**2 / (2 * M) / E * 1e6  # eV m um
    return tuple(k / c if c != 0 else math.inf for c in (alpha - beta, alpha + beta))


def zeeman_so_closed_form(dev, n, lam_x, lam_y):
    """Golden-rule estimate from the device's own time scales (c_z = 1)."""
    s = dev.time_scales()
    aniso = n[0] ** 2 / lam_x**2 + n[1] ** 2 / lam_y**2  # 1/um^2
    return math.sqrt(
        math.pi * s["E_Z_ueV"] ** 2 * s["L_um"] ** 2 * aniso / (12 * s["E_T_ueV"] * s["Delta_ueV"])
    )


@pytest.mark.parametrize("sign", [1.0, -1.0])
def test_rashba_equals_dresselhaus_is_a_pure_gauge(sign):
    # alpha = beta: lambda_x infinite; alpha = -beta: lambda_y infinite. One spin axis.
    dev = Device(area_um2=SMALL, alpha_eV_m=3e-13, beta_eV_m=sign * 3e-13)
    lam_x, lam_y = dev.spin_orbit_lengths_um
    assert (math.isinf(lam_x), math.isinf(lam_y)) == ((True, False) if sign > 0 else (False, True))
    p = dev.dimensionless(warn=False)
    rates = dev.spin_orbit_rates()
    for key in SO_KEYS:
        assert p[key] == 0.0, key
    for key in RATE_KEYS:
        assert rates[key] == 0.0, key
    assert dev.time_scales()["tau_so_u_ns"] == math.inf
    # in a parallel field only the cross term survives
    tilted = Device(
        area_um2=SMALL,
        alpha_eV_m=3e-13,
        beta_eV_m=sign * 3e-13,
        B_par_T=0.5,
        B_par_direction=(1, 1),
    )
    q = tilted.dimensionless(warn=False)
    assert q["x_so"] == 0.0 and q["a"] == 0.0 and q["zeeman_so"] != 0.0


def test_cross_term_vanishes_along_the_axis_of_infinite_length():
    lam_y = lengths_um(3e-13, 3e-13)[1]
    along_x = Device(area_um2=SMALL, alpha_eV_m=3e-13, beta_eV_m=3e-13, B_par_T=1.0)
    along_y = Device(
        area_um2=SMALL, alpha_eV_m=3e-13, beta_eV_m=3e-13, B_par_T=1.0, B_par_direction=(0, 1)
    )
    assert along_x.dimensionless(warn=False)["zeeman_so"] == 0.0
    z = along_y.dimensionless(warn=False)["zeeman_so"]
    assert z == pytest.approx(zeeman_so_closed_form(along_y, (0, 1), math.inf, lam_y), rel=1e-9)
    assert along_y.spin_orbit_rates()["zeeman_so2"] == pytest.approx(z**2, rel=1e-12)


def test_zeeman_so_is_linear_in_the_field_and_scales_with_c_z():
    fields = np.array([-0.4, 0.0, 0.3, 1.0])
    dev = Device(area_um2=SMALL, lambda_x_um=3.0, lambda_y_um=-7.0, B_par_T=fields)
    z = dev.dimensionless(warn=False)["zeeman_so"]
    assert z.shape == fields.shape
    one_tesla = Device(area_um2=SMALL, lambda_x_um=3.0, lambda_y_um=-7.0, B_par_T=1.0)
    z1 = one_tesla.dimensionless(warn=False)["zeeman_so"]
    assert z1 == pytest.approx(zeeman_so_closed_form(one_tesla, (1, 0), 3.0, -7.0), rel=1e-9)
    np.testing.assert_allclose(z, fields * z1, rtol=1e-12)  # signed like B_par, linear
    quarter = Device(area_um2=SMALL, lambda_x_um=3.0, lambda_y_um=-7.0, B_par_T=1.0, c_z=0.25)
    assert quarter.dimensionless(warn=False)["zeeman_so"] == pytest.approx(z1 / 2, rel=1e-12)


def test_direction_dependence_separates_rashba_from_dresselhaus():
    alpha, beta = 4e-13, 1.5e-13
    lam_x, lam_y = lengths_um(alpha, beta)

    def zeeman_so(direction, **coupling):
        dev = Device(area_um2=SMALL, B_par_T=0.2, B_par_direction=direction, **coupling)
        return dev.dimensionless(warn=False)["zeeman_so"]

    both = dict(alpha_eV_m=alpha, beta_eV_m=beta)
    assert zeeman_so((1, 0), **both) / zeeman_so((0, 1), **both) == pytest.approx(
        abs(lam_y / lam_x), rel=1e-12
    )
    # pure Rashba is isotropic in the plane: every direction gives the same cross term
    rashba = dict(alpha_eV_m=alpha)
    values = [zeeman_so((math.cos(t), math.sin(t)), **rashba) for t in (0.0, 0.5, 1.3, 2.0)]
    assert values == pytest.approx([values[0]] * 4, rel=1e-12)
    # n at angle t: zeeman_so^2 = cos^2 t * zx^2 + sin^2 t * zy^2
    t = 0.7
    mixed = zeeman_so((math.cos(t), math.sin(t)), **both)
    zx, zy = zeeman_so((1, 0), **both), zeeman_so((0, 1), **both)
    assert mixed**2 == pytest.approx(math.cos(t) ** 2 * zx**2 + math.sin(t) ** 2 * zy**2)


def test_spin_flux_is_x_at_the_spin_orbit_field():
    lam_x, lam_y = 3.0, 5.0
    dev = Device(area_um2=SMALL, lambda_x_um=lam_x, lambda_y_um=lam_y)
    x_so = dev.dimensionless(warn=False)["x_so"]
    b_so = spin_flux_field_T(lam_x, lam_y)
    assert b_so == pytest.approx(HBAR / (2 * E * lam_x * lam_y * 1e-12), rel=1e-12)
    x_at_b_so = Device(area_um2=SMALL, B_perp_T=b_so).dimensionless(warn=False)["x"]
    assert x_so == pytest.approx(x_at_b_so, rel=1e-12)
    # proportional to 1/(lambda_x lambda_y), signed with lambda_x lambda_y
    for lx, ly, factor in [(6.0, 5.0, 0.5), (3.0, 15.0, 1 / 3), (-3.0, 5.0, -1), (3, -5, -1)]:
        other = Device(area_um2=SMALL, lambda_x_um=lx, lambda_y_um=ly)
        assert other.dimensionless(warn=False)["x_so"] == pytest.approx(factor * x_so, rel=1e-12)
    # one infinite length: no spin flux
    assert Device(area_um2=SMALL, lambda_x_um=3.0).dimensionless(warn=False)["x_so"] == 0.0
    # the ballistic parametrisation of x converts x_so the same way
    kappa = dict(area_um2=SMALL, kappa_perp=2.0)
    x_kappa = Device(B_perp_T=b_so, **kappa).dimensionless(warn=False)["x"]
    so_kappa = Device(lambda_x_um=lam_x, lambda_y_um=lam_y, **kappa).dimensionless(warn=False)
    assert so_kappa["x_so"] == pytest.approx(x_kappa, rel=1e-12)


def test_symplectic_remainder_adds_to_the_gate():
    lam_x, lam_y, lam_s = 4.0, -9.0, 6.0
    kw = dict(area_um2=SMALL, lambda_x_um=lam_x, lambda_y_um=lam_y, lambda_s_um=lam_s)
    dev = Device(**kw, c_r=0.7)
    p, rates = dev.dimensionless(warn=False), dev.spin_orbit_rates()
    s = dev.time_scales()
    L = s["L_um"]
    remainder = 0.7 * p["x_so"] ** 2 * ((L / lam_x) ** 2 + (L / lam_y) ** 2)  # footnote 15
    gate = s["tau_H_ns"] / s["tau_so_s_ns"]  # Eq. (3): a^2 = h / (tau_so^s Delta)
    assert rates["a2_remainder"] == pytest.approx(remainder, rel=1e-12)
    assert rates["a2_symplectic"] == pytest.approx(gate, rel=1e-12)
    assert p["a"] ** 2 == pytest.approx(gate + remainder, rel=1e-12)
    assert rates["a2"] == pytest.approx(p["a"] ** 2, rel=1e-12)
    assert rates["x_so2"] == pytest.approx(p["x_so"] ** 2, rel=1e-12)
    # c_r = 0 switches the remainder off: a is the gate's value to the last bit
    gate_only = Device(**kw, c_r=0.0).dimensionless(warn=False)["a"]
    assert gate_only == np.sqrt(rates["a2_symplectic"])


def test_unitary_estimate_with_two_lengths():
    # Eq. (2) with lambda_u^4 = (lambda_x lambda_y)^2; bulk in-plane D'yakonov-Perel' time
    dev = Device(area_um2=SMALL, lambda_x_um=3.0, lambda_y_um=-12.0, c_u=2.0)
    s = dev.time_scales()
    L, tau_erg = s["L_um"], s["tau_erg_ps"] * 1e-3
    assert s["tau_so_u_ns"] == pytest.approx(2.0 * tau_erg * (3.0 * 12.0) ** 2 / L**4, rel=1e-12)
    rate = L * 1e-6 * s["v_F_m_s"] * (1 / 3.0**2 + 1 / 12.0**2) * 1e12 / 4  # 1/s
    assert s["tau_so_inf_ns"] == pytest.approx(1e9 / rate, rel=1e-12)
    # x_so describes the same physics: 2 x_so^2 = n_so_unitary for c_u = 4 pi / c_x
    matched = Device(area_um2=SMALL, lambda_x_um=3.0, lambda_y_um=-12.0, c_u=16.0)
    rates = matched.spin_orbit_rates()
    assert 2 * rates["x_so2"] == pytest.approx(rates["n_so_unitary"], rel=1e-12)


def test_lambda_um_is_pure_rashba_with_equal_lengths():
    common = dict(area_um2=3.0, lambda_s_um=8.0, B_par_T=0.2, B_perp_T=3e-5, tau_phi_ns=0.4)
    old = Device(lambda_um=4.5, **common)
    new = Device(lambda_x_um=4.5, lambda_y_um=4.5, **common)
    assert old.spin_orbit_lengths_um == (4.5, 4.5)
    assert old.dimensionless(warn=False) == new.dimensionless(warn=False)
    assert old.spin_orbit_rates() == new.spin_orbit_rates()
    assert old.time_scales() == new.time_scales()
    assert old.universal_regime() == new.universal_regime()
    # the same coupling given as a Rashba coefficient
    alpha = HBAR**2 / (2 * M * 4.5e-6) / E  # eV m
    assert rashba_length_um(alpha) == pytest.approx(4.5, rel=1e-12)
    coupling = Device(alpha_eV_m=alpha, **common)
    p_old, p_coupling = old.dimensionless(warn=False), coupling.dimensionless(warn=False)
    assert p_coupling == pytest.approx(p_old, rel=1e-12)
    assert coupling.time_scales() == pytest.approx(old.time_scales(), rel=1e-12)


def test_old_keys_without_uniform_coupling_are_unchanged():
    dev = Device(area_um2=SMALL, lambda_s_um=5.0, B_par_T=0.3, B_perp_T=1e-4)
    p, rates = dev.dimensionless(warn=False), dev.spin_orbit_rates()
    assert p["x_so"] == 0.0 and p["zeeman_so"] == 0.0
    assert p["a"] == np.sqrt(rates["a2_symplectic"])  # the gate alone, bit for bit
    assert rates["a2_remainder"] == 0.0 and rates["n_so_unitary"] == 0.0
    assert set(p) == {"N1", "N2", "x", "a", "b", "nphi", "kT", "x_so", "zeeman_so"}


def test_couplings_and_lengths_round_trip():
    for alpha, beta in [(3e-13, 1e-13), (-2e-13, 5e-13), (1e-13, 0.0), (0.0, 2e-13)]:
        lam = spin_orbit_lengths_um(alpha, beta)
        assert lam == pytest.approx(lengths_um(alpha, beta), rel=1e-12)
        assert spin_orbit_couplings_eV_m(*lam) == pytest.approx((alpha, beta), rel=1e-12, abs=1e-25)
    # pure Dresselhaus: lambda_y = -lambda_x; pure Rashba: the Rashba length on both axes
    lx, ly = spin_orbit_lengths_um(0.0, 2e-13)
    assert ly == pytest.approx(-lx, rel=1e-12)
    assert spin_orbit_lengths_um(2e-13, 0.0) == pytest.approx((rashba_length_um(2e-13),) * 2)
    assert spin_orbit_couplings_eV_m(math.inf, -math.inf) == (0.0, 0.0)
    # arrays broadcast
    lam_x, lam_y = spin_orbit_lengths_um(np.array([3e-13, 4e-13]), 1e-13)
    assert lam_x.shape == lam_y.shape == (2,)
    # a Device built from couplings and one built from the lengths agree
    kw = dict(area_um2=SMALL, B_par_T=0.3, B_par_direction=(1, 2))
    a = Device(alpha_eV_m=3e-13, beta_eV_m=1e-13, **kw).dimensionless(warn=False)
    lx, ly = lengths_um(3e-13, 1e-13)
    b = Device(lambda_x_um=lx, lambda_y_um=ly, **kw).dimensionless(warn=False)
    assert a == pytest.approx(b, rel=1e-12)


def test_small_dot_condition_uses_the_shorter_length():
    # L = 1.095 um: L / 2 um = 0.55 > 0.3 whichever axis has the short length
    for lx, ly in [(2.0, 100.0), (100.0, -2.0), (math.inf, 2.0)]:
        dev = Device(area_um2=SMALL, lambda_x_um=lx, lambda_y_um=ly)
        violated = [v for v in dev.universal_regime() if "L << lambda" in v]
        assert violated and "0.548" in violated[0]
    assert Device(area_um2=SMALL, lambda_x_um=20.0, lambda_y_um=-30.0).universal_regime() == []


@pytest.mark.parametrize(
    "kw, name, error",
    [
        (dict(lambda_um=4.5, lambda_x_um=4.5), "lambda_x_um", ValueError),
        (dict(lambda_um=4.5, alpha_eV_m=1e-13), "alpha_eV_m", ValueError),
        (dict(lambda_x_um=4.5, beta_eV_m=1e-13), "beta_eV_m", ValueError),
        (dict(lambda_y_um=4.5, alpha_eV_m=1e-13), "lambda_y_um", ValueError),
        (dict(lambda_x_um=math.nan), "lambda_x_um", ValueError),
        (dict(lambda_y_um=0.0), "lambda_y_um", ValueError),
        (dict(lambda_x_um="4.5"), "lambda_x_um", TypeError),
        (dict(alpha_eV_m=math.nan), "alpha_eV_m", ValueError),
        (dict(beta_eV_m=math.inf), "beta_eV_m", ValueError),
        (dict(alpha_eV_m="1e-13"), "alpha_eV_m", TypeError),
        (dict(c_r=-1.0), "c_r", ValueError),
        (dict(c_z=math.nan), "c_z", ValueError),
        (dict(lambda_x_um=1e-300, lambda_y_um=1e-300), "lambda_x_um", ValueError),
    ],
)
def test_bad_spin_orbit_input_is_named(kw, name, error):
    with pytest.raises(error, match=name):
        Device(area_um2=1.0, **kw)


def test_bad_conversion_input_is_named():
    with pytest.raises(ValueError, match="alpha_eV_m"):
        spin_orbit_lengths_um(math.nan, 0.0)
    with pytest.raises(TypeError, match="beta_eV_m"):
        spin_orbit_lengths_um(1e-13, "x")
    with pytest.raises(ValueError, match="lambda_x_um"):
        spin_orbit_couplings_eV_m(0.0, 1.0)
    with pytest.raises(ValueError, match="lambda_y_um"):
        spin_orbit_couplings_eV_m(1.0, math.nan)


def test_parameters_feed_theory_and_monte_carlo():
    """Needs the ``x_so``/``zeeman_so`` keywords of theory and rmt."""
    dev = Device(area_um2=SMALL, N1=2, N2=2, lambda_um=4.5, B_perp_T=5e-5, B_par_T=0.05, c_r=0.0)
    d = dev.dimensionless(warn=False)
    assert d["x_so"] > 0 and d["zeeman_so"] > 0 and d["a"] == 0.0
    g = theory.mean_conductance(**d)
    assert 0 < g < 2
    # closed form with spins decoupled at b = 0 (zeeman_so drops out of <dG>)
    at_zero_b = dict(d, b=0.0)
    n, x, x_so = 4, d["x"], d["x_so"]
    expected = -(2 * 2 / n) * (
        1 / (n + d["nphi"] + 2 * (x + x_so) ** 2) + 1 / (n + d["nphi"] + 2 * (x - x_so) ** 2)
    )
    assert theory.wl_correction(**at_zero_b) == pytest.approx(expected, rel=1e-10)
    samples = rmt.sample_conductance(**d, samples=2, M=12, seed=0, executor="serial")
    assert np.all(np.isfinite(np.asarray(samples)))
