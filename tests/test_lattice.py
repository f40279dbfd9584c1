"""Exact checks of the lattice model (chaoticdot.lattice).

Independent routes: a pure-gauge spin rotation, current conservation, time-reversal and
spin-rotation symmetries, conductance quantisation of a clean wire, a numerically decimated lead
Green function against the analytic self-energy, and a dense Green function against the sparse
LU solver. Systems are small (L ~ 20-30 sites) so the whole file runs in seconds.
"""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from chaoticdot.lattice import (
    PROFILES,
    ColumnGaugeField,
    DotGeometry,
    DotModel,
    RashbaField,
    channel_window,
    conductance,
    conductance_ensemble,
    disorder_potential,
    dot_hamiltonian,
    energy_from_kf,
    kf_from_energy,
    lead_modes,
    profile_strength,
    scattering_matrix,
    transmission_matrix,
)
from chaoticdot.lattice.levels import RATIO_REFERENCE, kramers_levels, spacing_ratios
from chaoticdot.lattice.spin_orbit import spin_rotation

ENERGY = 0.5  # 2 open channels for lead_width 8 (thresholds 0.12, 0.47, 1.0)


@pytest.fixture(scope="module")
def geo():
    return DotGeometry(24, 20, lead_width=8)


@pytest.fixture(scope="module")
def potential(geo):
    return disorder_potential(geo.n_sites, 0.8, np.random.default_rng(7))


# --------------------------------------------------------------------------- gauge invariance
def test_pure_gauge_sigma_y_field_leaves_transmission_unchanged(geo, potential):
    """exp(i theta(x) sigma_y) on x bonds is removed by a spin rotation constant in the leads."""
    angles = np.random.default_rng(3).uniform(-np.pi, np.pi, geo.length - 1)
    for flux in (0.0, 0.8):
        h0 = dot_hamiltonian(geo, potential=potential, flux=flux)
        h1 = dot_hamiltonian(geo, potential=potential, flux=flux, links=ColumnGaugeField(angles))
        t0 = transmission_matrix(h0, geo, ENERGY)
        t1 = transmission_matrix(h1, geo, ENERGY)
        g0, g1 = np.vdot(t0, t0).real, np.vdot(t1, t1).real
        assert g0 > 0.5
        assert abs(g1 - g0) < 1e-12
        # the transmission eigenvalues too, not only their sum
        e0 = np.linalg.eigvalsh(t0.conj().T @ t0)
        e1 = np.linalg.eigvalsh(t1.conj().T @ t1)
        np.testing.assert_allclose(e1, e0, atol=1e-12)


class _RowDependentField:
    """sigma_y links on x bonds that depend on y: a genuine (non-gauge) spin field."""

    def matrices(self, mid_x, mid_y, along_x):
        theta = np.where(along_x, 0.3 * np.sin(0.4 * mid_y), 0.0)
        return spin_rotation(theta, 1)


def test_non_gauge_field_changes_transmission(geo, potential):
    """Control for the gauge test: a y-dependent field has a flux and must change T."""
    h0 = dot_hamiltonian(geo, potential=potential)
    h1 = dot_hamiltonian(geo, potential=potential, links=_RowDependentField())
    assert abs(conductance(h1, geo, ENERGY) - conductance(h0, geo, ENERGY)) > 1e-3


def test_uniform_rashba_is_gauge_trivial_in_one_dimension():
    """A one-row wire: uniform Rashba is a pure gauge there, the wire stays ballistic."""
    wire = DotGeometry(12, 1, lead_width=1, obstacle_radius=0.0, lead_centers=(0.5, 0.5))
    ham = dot_hamiltonian(wire, links=RashbaField("uniform", 3.0, wire))
    assert conductance(ham, wire, 3.1) == pytest.approx(2.0, abs=1e-12)


# --------------------------------------------------------------------------- unitarity etc.
@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_scattering_matrix_is_unitary(geo, potential, profile):
    ham = dot_hamiltonian(
        geo,
        potential=potential,
        links=RashbaField(profile, 6.0, geo),
        flux=1.3,
        zeeman=(0.01, -0.02, 0.015),
    )
    s_mat = scattering_matrix(ham, geo, ENERGY)
    assert s_mat.shape == (8, 8)  # 2 leads x 2 channels x 2 spins
    np.testing.assert_allclose(s_mat.conj().T @ s_mat, np.eye(8), atol=1e-11)
    # the transmission block of the full S is the one returned on its own
    np.testing.assert_allclose(s_mat[4:, :4], transmission_matrix(ham, geo, ENERGY), atol=1e-12)


@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_hamiltonian_is_hermitian(geo, potential, profile):
    ham = dot_hamiltonian(
        geo,
        potential=potential,
        links=RashbaField(profile, 4.0, geo),
        flux=2.1,
        zeeman=(0.1, 0.2, -0.3),
    )
    assert abs(ham - ham.getH()).max() < 1e-15
    # links are SU(2): the spin part of each bond is unitary with determinant 1
    mats = RashbaField(profile, 4.0, geo).matrices(
        np.array([3.5, 11.5]), np.array([9.5, 9.5]), np.array([True, False])
    )
    for m in mats:
        np.testing.assert_allclose(m @ m.conj().T, np.eye(2), atol=1e-15)
        assert np.linalg.det(m) == pytest.approx(1.0, abs=1e-14)


def test_strength_on_a_gate_edge_is_the_average(geo):
    """A bond centred on a gate edge gets the mean of the two sides (keeps H Hermitian)."""
    xc, yc = geo.center
    assert profile_strength("half", 3.0, yc, geo) == pytest.approx(0.5)
    assert profile_strength("step", 3.0, yc, geo) == pytest.approx(0.0)
    assert profile_strength("corner", xc, yc + 3, geo) == pytest.approx(0.5)
    assert profile_strength("step", 3.0, yc + 0.5, geo) == 1.0
    assert profile_strength("step", 3.0, yc - 0.5, geo) == -1.0
    # the curved gate covers half of the rectangle's sites (up to the discreteness of the edge)
    x, y = np.meshgrid(np.arange(geo.length), np.arange(geo.width))
    assert profile_strength("curved", x, y, geo).mean() == pytest.approx(0.5, abs=0.02)


# --------------------------------------------------------------------------- symmetries
def test_spin_degeneracy_without_spin_orbit_and_zeeman(geo, potential):
    """t = t_orbital (x) 1: eigenvalues of t^dagger t come in equal pairs, no spin flips."""
    ham = dot_hamiltonian(geo, potential=potential, flux=0.9)
    t = transmission_matrix(ham, geo, ENERGY)
    np.testing.assert_allclose(t[0::2, 1::2], 0.0, atol=1e-15)  # no spin flip
    np.testing.assert_allclose(t[0::2, 0::2], t[1::2, 1::2], atol=1e-12)
    tau = np.linalg.eigvalsh(t.conj().T @ t)
    np.testing.assert_allclose(tau[0::2], tau[1::2], atol=1e-12)


def test_onsager_relations(geo, potential):
    """Two-terminal G: G(B) = G(-B) without Zeeman or without spin-orbit; G(B,h) = G(-B,-h)."""
    links = RashbaField("curved", 5.0, geo)
    h = (0.02, -0.03, 0.025)

    def g(flux, zeeman=(0, 0, 0), lk=links):
        return conductance(
            dot_hamiltonian(geo, potential=potential, links=lk, flux=flux, zeeman=zeeman),
            geo,
            ENERGY,
        )

    # spin-orbit, no Zeeman: time reversal i sigma_y K maps B -> -B
    assert abs(g(1.7) - g(-1.7)) < 1e-12
    # Zeeman, no spin-orbit: spins decouple, each spinless G is even in B
    assert abs(g(1.7, h, None) - g(-1.7, h, None)) < 1e-12
    # both: only G(B, h) = G(-B, -h) survives ...
    assert abs(g(1.7, h) - g(-1.7, tuple(-v for v in h))) < 1e-12
    # ... and G(B, h) = G(-B, h) is genuinely broken (control: the test can fail)
    assert abs(g(1.7, h) - g(-1.7, h)) > 1e-4


def test_zeeman_direction_irrelevant_without_spin_orbit(geo, potential):
    """Without spin-orbit coupling a global spin rotation moves h freely."""
    gs = [
        conductance(
            dot_hamiltonian(geo, potential=potential, flux=0.4, zeeman=0.03 * n), geo, ENERGY
        )
        for n in np.eye(3)
    ]
    assert np.ptp(gs) < 1e-12


# --------------------------------------------------------------------------- leads & solver
def test_clean_wire_conductance_is_quantised():
    """A disorder-free straight strip as wide as its leads transmits 2N perfectly."""
    wire = DotGeometry(15, 8, lead_width=8, obstacle_radius=0.0, lead_centers=(0.5, 0.5))
    for energy, n_open in ((0.3, 1), (0.8, 2), (1.5, 3)):
        assert lead_modes(8, energy).n_open == n_open
        assert conductance(dot_hamiltonian(wire), wire, energy) == pytest.approx(
            2 * n_open, abs=1e-11
        )


def _decimated_surface_green(width, energy, eta=1e-12, n_iter=200):
    """Lead surface Green function by Lopez Sancho decimation (independent of the mode basis)."""
    h0 = 4.0 * np.eye(width) - (np.eye(width, k=1) + np.eye(width, k=-1))
    v = -np.eye(width)  # hopping between unit cells
    z = (energy + 1j * eta) * np.eye(width)
    eps_s, eps, alpha, beta = h0.copy(), h0.copy(), v.copy(), v.conj().T.copy()
    for _ in range(n_iter):
        g = np.linalg.inv(z - eps)
        agb, bga = alpha @ g @ beta, beta @ g @ alpha
        eps_s = eps_s + agb
        eps = eps + agb + bga
        alpha, beta = alpha @ g @ alpha, beta @ g @ beta
        if np.abs(alpha).max() < 1e-15:
            break
    return np.linalg.inv(z - eps_s)


@pytest.mark.parametrize("energy", [0.2, 0.5, 1.7, 5.1])
def test_analytic_self_energy_matches_decimation(energy):
    width = 7
    sigma = lead_modes(width, energy).self_energy()
    g_surf = _decimated_surface_green(width, energy)
    np.testing.assert_allclose(sigma, g_surf, atol=1e-8)  # Sigma = t^2 g with t = 1


def test_sparse_lu_matches_dense_green_function(geo, potential):
    """Fisher-Lee from a dense inverse with the decimated self-energy."""
    ham = dot_hamiltonian(
        geo,
        potential=potential,
        links=RashbaField("corner", 5.0, geo),
        flux=0.6,
        zeeman=(0.0, 0.01, 0.0),
    )
    modes = lead_modes(geo.lead_width, ENERGY)
    sigma = np.kron(_decimated_surface_green(geo.lead_width, ENERGY), np.eye(2))
    mat = ENERGY * np.eye(ham.shape[0]) - ham.toarray()
    rows = [np.ravel(2 * geo.lead_sites(s)[:, None] + np.arange(2)) for s in (0, 1)]
    for r in rows:
        mat[np.ix_(r, r)] -= sigma
    green = np.linalg.inv(mat)
    phi = np.kron(modes.open_modes, np.eye(2)) * np.repeat(np.sqrt(modes.velocity), 2)
    t_dense = 1j * phi.T @ green[np.ix_(rows[1], rows[0])] @ phi
    np.testing.assert_allclose(transmission_matrix(ham, geo, ENERGY), t_dense, atol=1e-7)


# --------------------------------------------------------------------------- model & ensembles
def test_model_matches_low_level_route():
    dot = DotModel(
        length=22,
        lead_width=8,
        kf=0.65,
        so_profile="checkerboard",
        so_length=9.0,
        flux=0.5,
        zeeman=(0.0, 0.0, 0.01),
        seed=5,
    )
    ham = dot_hamiltonian(
        dot.geometry,
        potential=dot.potential(),
        links=dot.links(),
        flux=0.5,
        zeeman=(0.0, 0.0, 0.01),
    )
    e = energy_from_kf(0.65)
    assert dot.conductance() == pytest.approx(conductance(ham, dot.geometry, e), abs=1e-14)
    assert kf_from_energy(dot.energy) == pytest.approx(0.65)
    lo, hi = dot.energy_window()
    assert lead_modes(8, lo).n_open == lead_modes(8, hi).n_open == dot.n_channels


def test_ensemble_reproducible_across_executors():
    from concurrent.futures import ThreadPoolExecutor

    dot = DotModel(length=16, lead_width=6, kf=0.7)
    variants = [{}, {"so_length": 8.0, "so_profile": "step"}, {"flux": 1.0}]
    a = conductance_ensemble(dot, variants, n_samples=5, n_energies=2, seed=11, executor="serial")
    with ThreadPoolExecutor(2) as pool:
        b = conductance_ensemble(dot, variants, n_samples=5, n_energies=2, seed=11, executor=pool)
    np.testing.assert_array_equal(a.conductance, b.conductance)
    np.testing.assert_array_equal(a.energies, b.energies)
    assert a.conductance.shape == (5, 2, 3)
    # every entry is an independent direct solve of the same realisation
    sample0 = conductance_ensemble(
        dot, variants, n_samples=5, n_energies=2, seed=11, executor="serial"
    ).energies[0]
    np.testing.assert_array_equal(sample0, a.energies[0])
    assert np.unique(a.conductance[:, :, 0]).size == 10  # different disorder / energy


def test_ensemble_on_a_dask_cluster_equals_serial():
    """The lattice ensembles use the Monte-Carlo engine's executor mechanism, clusters included."""
    distributed = pytest.importorskip("distributed")
    dot = DotModel(length=12, lead_width=6, kf=0.7)
    variants = [{}, {"so_length": 6.0, "so_profile": "corner", "flux": 0.7}]
    serial = conductance_ensemble(dot, variants, n_samples=4, seed=5, executor="serial")
    with (
        distributed.LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        remote = conductance_ensemble(
            dot, variants, n_samples=4, seed=5, executor=client.get_executor()
        )
    np.testing.assert_array_equal(serial.conductance, remote.conductance)


# --------------------------------------------------------------------------- levels
def test_kramers_levels_match_dense_diagonalisation():
    dot = DotModel(length=14, lead_width=4, so_profile="curved", so_length=4.0, seed=2)
    ham = dot.hamiltonian()
    dense = np.linalg.eigvalsh(ham.toarray())
    np.testing.assert_allclose(dense[0::2], dense[1::2], atol=1e-12)  # Kramers pairs
    pairs = dense[0::2]
    expect = np.sort(pairs[np.argsort(np.abs(pairs - 0.6))[:12]])
    np.testing.assert_allclose(kramers_levels(ham, 0.6, 12), expect, atol=1e-10)
    with pytest.raises(ValueError, match="Kramers"):
        kramers_levels(dot.replace(zeeman=(0.0, 0.0, 0.05)).hamiltonian(), 0.6, 12)


@pytest.mark.parametrize("beta, name", [(1, "GOE"), (2, "GUE")])
def test_spacing_ratio_of_gaussian_ensembles(beta, name):
    """Mean spacing ratio of sampled GOE/GUE matrices against the reference values."""
    rng = np.random.default_rng(beta)
    n, means = 200, []
    for _ in range(30):
        a = rng.standard_normal((n, n))
        if beta == 2:
            a = a + 1j * rng.standard_normal((n, n))
        ev = np.linalg.eigvalsh(a + a.conj().T)
        means.append(spacing_ratios(ev[n // 4 : 3 * n // 4]).mean())
    err = np.std(means, ddof=1) / np.sqrt(len(means))
    assert abs(np.mean(means) - RATIO_REFERENCE[name]) < 4 * err + 0.003  # + finite-n bias


# --------------------------------------------------------------------------- bad input
@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"length": 2}, "length"),
        ({"length": 20, "lead_width": 25}, "lead_width"),
        ({"so_profile": "diagonal"}, "so_profile"),
        ({"so_length": 0.0}, "so_length"),
        ({"so_length": -3.0}, "so_length"),
        ({"so_length": float("nan")}, "so_length"),
        ({"disorder": -0.1}, "disorder"),
        ({"flux": float("inf")}, "flux"),
        ({"zeeman": (0.0, 1.0)}, "zeeman"),
        ({"kf": 4.0}, "kf"),
        ({"length": 20, "obstacle_radius": 9.0}, "obstacle_radius"),
    ],
)
def test_bad_model_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        DotModel(**{"length": 20, "lead_width": 6, **kwargs})


def test_bad_solver_input(geo):
    ham = dot_hamiltonian(geo)
    eps1 = 2 * (1 - np.cos(np.pi / 9))  # first threshold of an 8-wide lead
    with pytest.raises(ValueError, match="threshold"):
        conductance(ham, geo, eps1)
    with pytest.raises(ValueError, match="energy"):
        conductance(ham, geo, -0.1)
    with pytest.raises(ValueError, match="no open channel"):
        conductance(ham, geo, 0.05)
    with pytest.raises(ValueError, match="shape"):
        conductance(sp.identity(10, format="csr"), geo, ENERGY)
    with pytest.raises(ValueError, match="potential"):
        dot_hamiltonian(geo, potential=np.zeros(3))
    with pytest.raises(ValueError, match="n_channels"):
        channel_window(8, 9)
    with pytest.raises(ValueError, match="variants"):
        conductance_ensemble(DotModel(16, lead_width=6), [{"length": 20}], n_samples=2)
    with pytest.raises(ValueError, match="n_samples"):
        conductance_ensemble(DotModel(16, lead_width=6), n_samples=0)
    with pytest.raises(ValueError, match="angles"):
        dot_hamiltonian(geo, links=ColumnGaugeField(np.zeros(3)))


# --------------------------------------------------------------------------- contacts
def test_smooth_contacts_is_an_exact_gauge_of_the_closed_dot():
    """The axial-gauge rotation leaves the closed-dot spectrum unchanged ..."""
    dot = DotModel(
        length=14,
        width=12,
        lead_width=4,
        so_profile="corner",
        so_length=3.0,
        flux=0.7,
        zeeman=(0.02, 0.0, -0.01),
        seed=3,
    )
    smooth = np.linalg.eigvalsh(dot.hamiltonian().toarray())
    abrupt = np.linalg.eigvalsh(dot.replace(smooth_contacts=False).hamiltonian().toarray())
    np.testing.assert_allclose(smooth, abrupt, atol=1e-12)
    # every y link is the identity in the rotated frame
    ham = dot.hamiltonian()
    geo = dot.geometry
    i, j = geo.index[5, 3], geo.index[5, 4]
    block = ham[2 * i : 2 * i + 2, 2 * j : 2 * j + 2].toarray()
    np.testing.assert_allclose(block, -np.eye(2), atol=1e-14)


def test_smooth_contacts_change_transport_only_through_the_contacts():
    """... but not the open dot: the abrupt version has a spin-flux line at each contact."""
    dot = DotModel(length=20, lead_width=8, so_profile="uniform", so_length=4.0, seed=1)
    assert (
        abs(dot.conductance(ENERGY) - dot.replace(smooth_contacts=False).conductance(ENERGY)) > 1e-3
    )
    # without spin-orbit coupling the option is a no-op
    plain = dot.replace(so_length=np.inf)
    assert plain.conductance(ENERGY) == plain.replace(smooth_contacts=False).conductance(ENERGY)


# --------------------------------------------------------------------------- gauge argument
def test_uniform_coupling_has_no_second_order_term_sample_by_sample():
    """Paper's gauge argument, exactly: G(theta) - G(0) ~ theta^4 for uniform Rashba coupling
    (ratio 16 when theta doubles) but ~ theta^2 for a gate edge (ratio 4). With abrupt
    contacts the spin-flux line at each contact brings a theta^2 term back."""
    dot = DotModel(length=22, lead_width=8, disorder=0.8, seed=9)
    g0 = dot.conductance(ENERGY)

    def ratio(**kw):
        d1 = dot.replace(so_length=400.0, **kw).conductance(ENERGY) - g0
        d2 = dot.replace(so_length=200.0, **kw).conductance(ENERGY) - g0
        return d2 / d1

    assert ratio(so_profile="uniform") == pytest.approx(16.0, rel=0.02)
    assert ratio(so_profile="step") == pytest.approx(4.0, rel=0.02)
    assert ratio(so_profile="corner") == pytest.approx(4.0, rel=0.02)
    assert ratio(so_profile="uniform", smooth_contacts=False) == pytest.approx(4.0, rel=0.05)


@pytest.mark.parametrize(
    "kind, axes", [("eq13", lambda a: (a, a, 0.0)), ("one-axis", lambda a: (0.0, a, 0.0))]
)
def test_line_shape_is_the_generalised_cooperon(kind, axes):
    """The fit's closed forms against the theory module's 4x4 cooperon inversion."""
    from chaoticdot.lattice import line_shape
    from chaoticdot.theory import wl_correction_general

    flux = np.linspace(0.0, 3.0, 7)
    for n_lead, a in ((1, 0.7), (2, 1.9)):
        ours = line_shape(
            flux, g_inf=0.0, amplitude=1.0, flux_scale=0.5, a=a, n_lead=n_lead, kind=kind
        )
        theory = wl_correction_general(n_lead, n_lead, x=flux / 0.5, so_axes=axes(a))
        norm = abs(wl_correction_general(n_lead, n_lead))
        np.testing.assert_allclose(ours, theory / norm, atol=1e-12)


def test_line_shape_fit_recovers_known_parameters():
    from chaoticdot.lattice import fit_line_shape, line_shape

    rng = np.random.default_rng(8)
    flux = np.array([0.0, 0.15, 0.3, 0.5, 0.75, 1.1, 1.8, 4.0])
    truth = dict(g_inf=0.95, amplitude=0.3, flux_scale=0.4)
    ref_mean = line_shape(flux, a=0.0, **truth)
    so_mean = line_shape(flux, a=0.9, **truth)
    ref = fit_line_shape(flux, ref_mean + 0.3 * rng.standard_normal((400, flux.size)))
    assert abs(ref.flux_scale - 0.4) < 4 * ref.errors["flux_scale"]
    assert abs(ref.amplitude - 0.3) < 4 * ref.errors["amplitude"]
    fit = fit_line_shape(flux, so_mean + 0.3 * rng.standard_normal((400, flux.size)), shared=ref)
    assert abs(fit.a - 0.9) < 4 * fit.errors["a"] + 0.05
    # beyond a^2 = 0.809 N (N = 2) Eq. (13) turns the dip into a peak; one axis never does
    assert line_shape(0.0, a=1.6, **truth) > truth["g_inf"]
    assert line_shape(0.0, a=1.1, **truth) < truth["g_inf"]
    one_axis = line_shape(flux, a=3.0, kind="one-axis", **truth)
    assert np.all(one_axis <= truth["g_inf"] + 1e-12)
