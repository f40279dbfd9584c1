"""Rashba + Dresselhaus links, the pure-gauge limit, the spin flux and the displaced dip."""

from __future__ import annotations

import numpy as np
import pytest

from chaoticdot.lattice import (
    DotModel,
    RashbaField,
    displaced_dip,
    dot_hamiltonian,
    fit_displaced_dip,
    spin_flux,
)
from chaoticdot.lattice.spin_orbit import spin_rotation
from chaoticdot.pauli import SIGMA

SMALL = DotModel(length=24, width=20, lead_width=8, disorder=0.8, seed=7)
ENERGIES = (0.3, 0.5, 0.9)
FLUXES = (0.0, 0.7, -1.9)


def _g(model, **changes):
    dot = model.replace(**changes)
    return np.array([dot.conductance(e) for e in ENERGIES])


# ----------------------------------------------------------------------- exact lattice checks
@pytest.mark.parametrize("sign", [+1.0, -1.0])
@pytest.mark.parametrize("flux", FLUXES)
def test_rashba_equal_dresselhaus_is_a_pure_gauge(sign, flux):
    """lambda_D = +-lambda_R leaves one commuting link field: G equals the value without
    spin-orbit coupling at every field and energy (the y-link field of lambda_D = +lambda_R
    continues into the leads through the smooth contacts)."""
    plain = _g(SMALL, flux=flux)
    for lam in (7.0, 23.0):
        g = _g(SMALL, flux=flux, so_length=lam, dresselhaus_length=sign * lam)
        assert np.max(np.abs(g - plain)) < 1e-10
    assert np.max(np.abs(_g(SMALL, flux=flux, so_length=7.0) - plain)) > 1e-3  # not trivial


@pytest.mark.parametrize("flux", FLUXES)
def test_x_bond_gauge_field_needs_no_continuation_into_the_leads(flux):
    """lambda_D = -lambda_R: only x links, removed by a rotation constant in each lead, also
    with abrupt contacts; lambda_D = +lambda_R (y links) with abrupt contacts is not a gauge."""
    plain = _g(SMALL, flux=flux, smooth_contacts=False)
    g = _g(SMALL, flux=flux, so_length=9.0, dresselhaus_length=-9.0, smooth_contacts=False)
    assert np.max(np.abs(g - plain)) < 1e-10
    g = _g(SMALL, flux=flux, so_length=9.0, dresselhaus_length=9.0, smooth_contacts=False)
    assert np.max(np.abs(g - plain)) > 1e-4


def test_dresselhaus_alone_equals_rashba_alone():
    """Uniform: the two differ by the spin rotation i sigma_x (sigma_y -> -sigma_y), constant
    over the spin-degenerate leads, so G is the same for every realisation and field."""
    for flux in FLUXES:
        a = _g(SMALL, flux=flux, so_length=11.0)
        b = _g(SMALL, flux=flux, dresselhaus_length=11.0)
        assert np.max(np.abs(a - b)) < 1e-10


def test_onsager_symmetry_with_both_couplings():
    """No Zeeman term: G(Phi) = G(-Phi) exactly, with Rashba + Dresselhaus on any gate."""
    for profile in ("uniform", "corner"):
        dot = SMALL.replace(so_profile=profile, so_length=9.0, dresselhaus_length=-21.0)
        assert np.max(np.abs(_g(dot, flux=1.3) - _g(dot, flux=-1.3))) < 1e-10


@pytest.mark.parametrize("profile", ["uniform", "step", "corner", "curved"])
def test_rashba_only_links_are_unchanged(profile):
    """Without Dresselhaus coupling the links are the original exp(-i theta sigma_y) (x bonds)
    and exp(+i theta sigma_x) (y bonds), theta = s / (2 lambda), bit for bit."""
    geo = SMALL.geometry
    rng = np.random.default_rng(0)
    mx, my = rng.uniform(0, 23, 50), rng.uniform(0, 19, 50)
    along = rng.random(50) < 0.5
    field = RashbaField(profile, 13.0, geo)
    theta = field.angles(mx, my)
    expected = spin_rotation(theta, 0)
    expected[along] = spin_rotation(-theta[along], 1)
    assert np.array_equal(field.matrices(mx, my, along), expected)
    assert np.array_equal(
        RashbaField(profile, 13.0, geo, dresselhaus_length=np.inf).matrices(mx, my, along),
        expected,
    )
    dot = SMALL.replace(so_profile=profile, so_length=13.0)
    ham = dot_hamiltonian(geo, potential=dot.potential(), links=field)
    assert (dot.hamiltonian() != ham).nnz == 0


def test_links_follow_paper_eq1_lengths():
    """theta_x = 1/(2 lambda_x), theta_y = 1/(2 lambda_y) with 1/lambda_x = 1/lambda_R -
    1/lambda_D and 1/lambda_y = 1/lambda_R + 1/lambda_D."""
    geo = SMALL.geometry
    field = RashbaField("uniform", 12.0, geo, dresselhaus_length=30.0)
    mats = field.matrices(np.array([3.5, 3.0]), np.array([4.0, 4.5]), np.array([True, False]))
    th_x, th_y = 0.5 * (1 / 12 - 1 / 30), 0.5 * (1 / 12 + 1 / 30)
    np.testing.assert_allclose(mats[0], np.cos(th_x) * np.eye(2) - 1j * np.sin(th_x) * SIGMA[1])
    np.testing.assert_allclose(mats[1], np.cos(th_y) * np.eye(2) + 1j * np.sin(th_y) * SIGMA[0])


@pytest.mark.parametrize("lengths", [(25.0, -40.0), (80.0, 60.0), (30.0, -200.0)])
def test_plaquette_holonomy_is_the_spin_flux(lengths):
    """Product of the four links around a plaquette = exp(-i sigma_z / (2 lambda_x lambda_y))
    up to O(a0/lambda)^3 (commutator of the SU(2) vector potential)."""
    lx, ly = lengths
    inv_r, inv_d = 0.5 * (1 / lx + 1 / ly), 0.5 * (1 / ly - 1 / lx)
    field = RashbaField("uniform", 1 / inv_r, SMALL.geometry, dresselhaus_length=1 / inv_d)
    u = field.matrices(np.array([5.5, 6.0, 5.5, 5.0]), np.array([4.0, 4.5, 5.0, 4.5]), [1, 0, 1, 0])
    loop = u[0] @ u[1] @ u[2].conj().T @ u[3].conj().T
    angle = np.angle(loop[0, 0])
    expected = -1.0 / (2 * lx * ly)
    theta = 0.5 / min(abs(lx), abs(ly))
    assert abs(angle / expected - 1) < 4 * theta**2
    assert abs(loop[0, 1]) < 4 * theta**3  # spin-conserving up to third order
    # per plaquette 2 theta_x theta_y / 2 pi flux quanta: the spin flux through A = L W
    area = SMALL.geometry.area
    assert field.spin_flux() == pytest.approx(spin_flux(area, lx, ly), rel=1e-12)
    assert field.spin_flux() == pytest.approx(-expected * area / (2 * np.pi), rel=1e-12)


def test_gate_spin_flux_scales_with_the_gated_area():
    """s^2 integrates to the gated area: half and curved gates 1/2, corner 1/4, steps 1."""
    geo = DotModel(length=100, lead_width=8).geometry
    full = RashbaField("uniform", 30.0, geo).spin_flux()
    assert full == pytest.approx(1e4 / (4 * np.pi * 900), rel=1e-12)
    for profile, fraction, tol in [
        ("step", 1.0, 0.02),
        ("checkerboard", 1.0, 0.03),
        ("half", 0.5, 0.02),
        ("corner", 0.25, 0.02),
        ("curved", 0.5, 0.03),
    ]:
        value = RashbaField(profile, 30.0, geo).spin_flux() / full
        assert value == pytest.approx(fraction, abs=tol)


def test_spin_flux_leading_order_shifts_the_dip_on_the_lattice():
    """One realisation: the spin flux acts as +-B_so on the two spin species, so the
    conductance at flux Phi with a weak uniform coupling is, to leading order, the average of
    the spinless conductances at Phi +- Phi_so (sigma_z is conserved to O(a0/lambda)^3)."""
    dot = DotModel(length=30, lead_width=8, disorder=0.7, seed=3, so_profile="uniform")
    lam = 90.0
    phi_so = dot.replace(so_length=lam).spin_flux
    for flux in (0.0, 0.4):
        g_so = dot.replace(so_length=lam, flux=flux).conductance(0.5)
        g_pm = [dot.replace(flux=flux + s * phi_so).conductance(0.5) for s in (1, -1)]
        g_0 = dot.replace(flux=flux).conductance(0.5)
        # the shift is of first order in Phi_so^2 ~ lambda^-4; what remains is much smaller
        assert abs(g_so - np.mean(g_pm)) < 0.1 * abs(np.mean(g_pm) - g_0)


# ----------------------------------------------------------------------- the GLS fit
def _synthetic(truth, rate, n, seed):
    """Realisations: model curves plus correlated Gaussian noise (common offset + white)."""
    flux = np.linspace(0.0, 3.0, 9)
    rng = np.random.default_rng(seed)
    g_cl, depth, kappa, phis, a2s = truth
    ref = displaced_dip(flux, g_cl=g_cl, depth=depth, kappa=kappa, n_lead=2)
    curves = []
    for phi, a2 in zip(phis, a2s, strict=True):
        a = np.sqrt(a2)
        curves.append(
            displaced_dip(
                flux,
                g_cl=g_cl,
                depth=depth,
                kappa=kappa,
                spin_flux=phi,
                a_x=a if rate == "two-axis" else 0.0,
                a_y=a if rate else 0.0,
                n_lead=2,
            )
        )
    clean = np.concatenate([ref, *curves])
    noise = 0.3 * rng.standard_normal((n, 1)) + 0.15 * rng.standard_normal((n, clean.size))
    data = clean + noise
    return flux, data[:, : flux.size], data[:, flux.size :].reshape(n, len(phis), flux.size)


@pytest.mark.parametrize("rate", [None, "two-axis"])
def test_fit_recovers_synthetic_parameters(rate):
    truth = (1.5, 0.4, 1.2, (0.6, 1.5), (0.3, 0.8) if rate else (0.0, 0.0))
    flux, ref, curves = _synthetic(truth, rate, 400, 11)
    fit = fit_displaced_dip(flux, ref, curves, n_lead=2, rate=rate, start_spin_flux=[0.5, 1.0])
    values = [truth[0], truth[1], truth[2], *truth[3]]
    names = ["g_cl", "depth", "kappa", "spin_flux_0", "spin_flux_1"]
    if rate:
        values += list(truth[4])
        names += ["a2_0", "a2_1"]
    for name, value in zip(names, values, strict=True):
        best, err = fit[name]
        assert abs(best - value) < 4 * err, (name, best, err, value)
    assert abs(fit.chi2 - fit.dof) < 4 * np.sqrt(2 * fit.dof)


def test_fit_refuses_too_few_realisations():
    flux, ref, curves = _synthetic((1.5, 0.4, 1.2, (0.6,), (0.0,)), None, 12, 1)
    with pytest.raises(ValueError, match="more realisations"):
        fit_displaced_dip(flux, ref, curves)
