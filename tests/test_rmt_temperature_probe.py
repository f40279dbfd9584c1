"""Temperature and the voltage probe in the stub Monte Carlo; a device passed straight in.

* ``kT > 0``: each sample is the thermal average of ``G`` over the Fermi energy on one
  realization. ``<G>`` is exactly energy independent, so the thermal mean equals the exact
  zero-temperature ensemble mean; the thermal variance is compared with the theory's thermal
  covariance (exact kernel integration, :mod:`chaoticdot.theory.temperature`) at ``x = inf``,
  where the exact CUE differs from the large-N theory only at relative order ``1/N^2``.
* ``dephasing="probe"``: a Buttiker voltage probe with ``nphi`` channels. At large ``N`` it
  agrees with the absorbing stub and with the theory's ``N -> N + nphi``.
"""

import numpy as np
import pytest

from chaoticdot import rmt, theory
from chaoticdot.rmt.thermal import thermal_quadrature
from chaoticdot.units import Device


def test_thermal_quadrature_reproduces_the_thermal_variance():
    for N, kT in ((2, 0.1), (4, 1.0), (8, 0.3)):
        energy, weight = thermal_quadrature(1, N - 1, kT)
        assert weight.sum() == pytest.approx(1.0, abs=1e-14)
        assert np.all(weight > 0)
        # Independent check with a different spin-orbit strength than the rule used (a = 1).
        de = energy[:, None] - energy[None, :]
        approx = weight @ theory.conductance_covariance(1, N - 1, a=1.0, de=de) @ weight
        exact = theory.conductance_variance(1, N - 1, a=1.0, kT=kT)
        assert approx == pytest.approx(exact, rel=2e-3)


def test_thermal_mean_is_temperature_independent_exactly():
    """COE at N1 = N2 = 1: <G_T> = 2/3 exactly at any kT; var G_T < var G."""
    g = rmt.sample_conductance(1, 1, kT=[0.0, 0.1], samples=3000, seed=4)
    mean_exact, var_exact = theory.exact_conductance_stats(1, 1, "COE")
    for j in range(2):
        assert rmt.mean(g[:, j]).within(mean_exact, 4)
    assert rmt.variance(g[:, 0]).within(var_exact, 4)
    diff = rmt.mean(g[:, 0] ** 2 - g[:, 1] ** 2)
    assert diff.value > 4 * diff.error  # thermal averaging reduces the fluctuations


def test_thermal_variance_matches_theory_at_large_n():
    N1 = N2 = 4
    kT = 0.3
    g = rmt.sample_conductance(N1, N2, x=np.inf, kT=kT, samples=2000, seed=3)
    # Exact CUE at kT = 0 versus the large-N theory: the allowed O(1/N^2) remainder.
    finite_n = abs(
        theory.exact_conductance_stats(N1, N2, "CUE")[1]
        - theory.conductance_variance(N1, N2, x=np.inf)
    )
    expected = theory.conductance_variance(N1, N2, x=np.inf, kT=kT)
    assert expected < 0.85 * theory.conductance_variance(N1, N2, x=np.inf)  # visible effect
    assert rmt.variance(g).within(expected, 4, finite_n)


def test_device_dictionary_goes_straight_into_the_sampler():
    device = Device(area_um2=1.0, N1=2, N2=2, B_perp_T=1e-4, temperature_K=0.005)
    params = device.dimensionless(warn=False)
    g = rmt.sample_conductance(**params, samples=20, seed=1)
    assert g.shape == (20,) and np.all(np.isfinite(g))
    cost = rmt.estimate_cost(**params, samples=20)
    assert cost.driver in ("N1 + N2", "kT")


def test_device_sweep_returns_broadcast_arrays():
    b_perp = np.linspace(0.0, 2e-3, 5)
    area = np.array([1.0, 2.0])
    sweep = Device(area_um2=area[:, None], B_perp_T=b_perp, temperature_K=0.05)
    params = sweep.dimensionless(warn=False)
    for name in ("x", "a", "b", "nphi", "kT"):
        assert np.shape(params[name]) == (2, 5), name
    for i, ar in enumerate(area):
        for j, bp in enumerate(b_perp):
            one = Device(area_um2=ar, B_perp_T=bp, temperature_K=0.05).dimensionless(warn=False)
            for name in ("x", "b", "kT"):
                assert params[name][i, j] == pytest.approx(one[name], rel=1e-14), name
    assert sweep.b_direction == (0.0, 0.0, 1.0)
    with pytest.raises(ValueError, match="direction"):
        _ = Device(area_um2=1.0, B_perp_T=[0.1, 0.2], B_par_T=[0.1, 0.3]).b_direction


@pytest.mark.parametrize(
    "kw, name, exc",
    [
        (dict(area_um2=1e-300), "area_um2", ValueError),
        (dict(area_um2="1.0"), "area_um2", TypeError),
        (dict(area_um2=[]), "area_um2", TypeError),
        (dict(B_perp_T=True), "B_perp_T", TypeError),
        (dict(area_um2=[1.0, 2.0], B_perp_T=[0.0, 1.0, 2.0]), "broadcast", ValueError),
        (dict(temperature_K=[0.1, -0.1]), "temperature_K", ValueError),
    ],
)
def test_device_rejects(kw, name, exc):
    with pytest.raises(exc, match=name):
        Device(**{"area_um2": 1.0, **kw})


def test_probe_and_absorbing_agree_with_theory_at_large_n():
    """N1 = N2 = 4, nphi = 4: both dephasing models give the theory's N -> N + nphi.

    Allowed besides 4 standard errors: the O(1/N) finite-N remainder, estimated by the exact
    COE shift of the cooperon denominator, N_C -> N_C + 1 (relative 1/(N + nphi)).
    """
    N1 = N2 = 4
    nphi = 4
    kw = dict(nphi=nphi, M=96, samples=600, seed=8)
    probe = rmt.sample_conductance(N1, N2, dephasing="probe", **kw)
    absorb = rmt.sample_conductance(N1, N2, **kw)
    wl = theory.wl_correction(N1, N2, nphi=nphi)
    var = theory.conductance_variance(N1, N2, nphi=nphi)
    rel = 1.0 / (N1 + N2 + nphi)
    for g in (probe, absorb):
        assert rmt.mean(g).within(theory.mean_conductance(N1, N2, nphi=nphi), 4, rel * abs(wl))
        assert rmt.variance(g).within(var, 4, 2 * rel * var)
    # Without dephasing the WL correction would be twice as large: the test can fail.
    assert abs(theory.wl_correction(N1, N2) - wl) > 8 * rmt.mean(probe).error


def test_probe_conserves_current_and_limits():
    """nphi = 0 with dephasing='probe' is the plain stub; x = inf keeps <G> = 2 N1 N2 / N."""
    plain = rmt.sample_conductance(1, 2, x=0.5, M=20, samples=30, seed=2)
    probe0 = rmt.sample_conductance(1, 2, x=0.5, M=20, samples=30, seed=2, dephasing="probe")
    np.testing.assert_array_equal(plain, probe0)
    g = rmt.sample_conductance(1, 1, x=np.inf, nphi=2, dephasing="probe", M=20, samples=3000)
    assert rmt.mean(g).within(1.0, 4)
    assert np.all((g >= 0) & (g <= 2 + 1e-12))  # at most the two spin channels of a lead


@pytest.mark.parametrize(
    "kw, name",
    [
        (dict(nphi=1.5, dephasing="probe"), "nphi"),
        (dict(dephasing="lead"), "dephasing"),
        (dict(kT=-0.1), "kT"),
        (dict(kT=np.inf), "kT"),
        (dict(kT=[0.1, 0.2], x=[0.0, 1.0, 2.0]), "kT"),
        (dict(nphi=30, dephasing="probe", M=20), "M"),
    ],
)
def test_temperature_and_probe_arguments_are_checked(kw, name):
    with pytest.raises(ValueError, match=name):
        rmt.sample_conductance(1, 1, samples=2, **kw)


def _probe_g_from_coe(s, N1, N2):
    """Buttiker's formula written out for a spin-degenerate COE ``S`` (orbital, Nt x Nt)."""
    p = np.abs(s) ** 2
    lead1, lead2, probe = slice(0, N1), slice(N1, N1 + N2), slice(N1 + N2, None)
    t21 = 2 * p[:, lead2, lead1].sum(axis=(1, 2))
    t2p = 2 * p[:, lead2, probe].sum(axis=(1, 2))
    tp1 = 2 * p[:, probe, lead1].sum(axis=(1, 2))
    tp2 = 2 * p[:, probe, lead2].sum(axis=(1, 2))
    return t21 + t2p * tp1 / (tp1 + tp2)


@pytest.mark.parametrize("N1, N2, nphi", [(1, 1, 1), (1, 2, 2)])
def test_probe_matches_three_lead_circular_ensemble(N1, N2, nphi):
    """Independent route: at zero perturbation the stub is exactly the COE of the three-lead
    dot, so the probe conductance is Buttiker's formula applied to a COE(N + nphi) matrix."""
    samples = 4000
    g = rmt.sample_conductance(N1, N2, nphi=nphi, dephasing="probe", M=30, samples=samples)
    rng = np.random.default_rng(77)
    ref = _probe_g_from_coe(rmt.coe_matrix(rng, N1 + N2 + nphi, samples), N1, N2)
    for stat in (rmt.mean, rmt.variance):
        a, b = stat(g), stat(ref)
        assert abs(a.value - b.value) < 4 * np.hypot(a.error, b.error), (stat, a, b)
