"""Figures and checked claims of the theory chapters: gauge, time scales, random matrix, cooperon.

Every figure builds in its quick form, has labelled axes and an equal-length data table; every
assertion the chapters show to the reader is repeated here (with independent references: exact
formulas, closed forms against matrix inversion, Monte Carlo against exact ensembles with
tolerances from standard errors).
"""

import math

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from _chapters import figures_shown  # noqa: E402
from chaoticdot import paper_conventions as pc  # noqa: E402
from chaoticdot import rmt, theory  # noqa: E402
from chaoticdot.display import available, make  # noqa: E402
from chaoticdot.display import cooperon as cofig  # noqa: E402
from chaoticdot.display import gauge as gfig  # noqa: E402
from chaoticdot.display import random_matrix as rmfig  # noqa: E402
from chaoticdot.display import timescales as ts  # noqa: E402
from chaoticdot.display.explorers_timescales import (  # noqa: E402
    assumptions,
    device_report,
    report_html,
)
from chaoticdot.studies import random_matrix as rms  # noqa: E402
from chaoticdot.theory import single_channel  # noqa: E402
from chaoticdot.units import Device  # noqa: E402

SCHEMATICS = ["rmt-stub-schematic", "cooperon-diagrams"]
DATA_FIGURES = [
    name
    for name in figures_shown("gauge", "timescales", "random_matrix", "cooperon")
    if name not in SCHEMATICS
]

# --- figures -----------------------------------------------------------------------------


def _csv_safe(table):
    # The CLI writes the table as CSV without quoting: text cells must not contain commas.
    for key, col in table.items():
        col = np.asarray(col)
        if col.dtype.kind in "US":
            assert not any("," in str(v) for v in col), key


def test_all_figures_registered():
    names = available()
    for name in DATA_FIGURES + SCHEMATICS:
        assert name in names and names[name]


@pytest.mark.parametrize("name", DATA_FIGURES)
def test_data_figure_quick(name):
    res = make(name, quick=True)
    try:
        axes = [ax for ax in res.figure.axes if ax.get_label() != "<colorbar>"]
        assert axes
        for ax in axes:
            assert ax.get_xlabel(), (name, "x label")
        assert any(ax.get_ylabel() for ax in axes), (name, "y label")
        lengths = {len(np.asarray(v)) for v in res.table.values()}
        assert len(res.table) >= 2 and len(lengths) == 1 and lengths.pop() > 0
        _csv_safe(res.table)
        for key, col in res.table.items():
            col = np.asarray(col)
            if col.dtype.kind in "fc":
                assert np.all(np.isfinite(col) | np.isinf(col)), key
                assert not np.any(np.isnan(col)), key
    finally:
        plt.close(res.figure)


@pytest.mark.parametrize("name", SCHEMATICS)
def test_schematic_quick(name):
    res = make(name, quick=True)
    try:
        lengths = {len(np.asarray(v)) for v in res.table.values()}
        assert len(res.table) >= 2 and len(lengths) == 1 and lengths.pop() > 0
        _csv_safe(res.table)
        assert all(ax.get_title() for ax in res.figure.axes)
        assert all(not ax.axison for ax in res.figure.axes)
    finally:
        plt.close(res.figure)


# --- gauge chapter -------------------------------------------------------------------------


def test_loop_phases_are_the_symbolic_fluxes():
    r = np.array([0.01, 0.1, 1.0])
    uniform, gate = gfig.loop_phases(r)
    np.testing.assert_allclose(uniform, r**2 / 2, rtol=1e-14)  # L^2 / 2 lambda^2 (Eq. 2)
    np.testing.assert_allclose(gate, r / 2, rtol=1e-14)  # L / 2 lambda_s (Eq. 3)


def test_smoothed_edge_keeps_the_flux():
    # Integral of c_x across the smoothed straight edge = 1/2 (units 1/lambda_s), as for delta.
    x, y, cx, cy, cz = gfig.spin_flux_density("straight edge", n=801, width=0.02)
    line = cx[400]  # y = 0 row
    assert np.trapezoid(line, x[400]) == pytest.approx(0.5, rel=1e-6)
    assert np.max(np.abs(cy)) == 0 and np.max(np.abs(cz)) == 0
    _, _, cx_u, cy_u, _ = gfig.spin_flux_density("uniform", n=11)
    assert np.max(np.abs(cx_u)) == 0 and np.max(np.abs(cy_u)) == 0
    with pytest.raises(ValueError, match="geometry"):
        gfig.spin_flux_density("hexagon")


# --- time-scales chapter ------------------------------------------------------------------


@pytest.mark.parametrize("area", [1.2, 8.0])
def test_eq2_forms_and_suppression_factor(area):
    s = Device(area_um2=area, **ts.REFERENCE).time_scales()
    ratio = s["tau_so_inf_ns"] ** 2 / (s["tau_erg_ps"] * 1e-3 * s["tau_so_u_ns"])
    assert ratio == pytest.approx(4.0, rel=1e-12)
    lam = ts.REFERENCE["lambda_um"]
    assert s["tau_so_u_ns"] / s["tau_so_inf_ns"] == pytest.approx(lam**2 / (2 * area), rel=1e-12)


def test_example_dots_and_regime_claims():
    for area in (1.2, 8.0):
        dev = Device(area_um2=area, **ts.REFERENCE)  # lambda_s = lambda_bar
        assert any("L << lambda" in v for v in dev.universal_regime())
    small = Device(area_um2=1.2, **{**ts.REFERENCE, "lambda_s_um": 10.0})
    assert small.universal_regime() == []
    # the concrete device of the chapter
    device = Device(
        area_um2=1.2,
        N1=1,
        N2=1,
        density_cm2=5.8e11,
        lambda_um=4.5,
        lambda_s_um=10.0,
        B_perp_T=1e-4,
        B_par_T=0.1,
        temperature_K=0.1,
        tau_phi_ns=0.3,
    )
    p = device.dimensionless()
    s = device.time_scales()
    # a^2: the gate's rate (paper Eq. 3) plus the symplectic remainder of the uniform coupling
    remainder = device.spin_orbit_rates()["a2_remainder"]
    assert 0 < remainder < 1e-2 * p["a"] ** 2
    assert p["a"] ** 2 == pytest.approx(s["tau_H_ns"] / s["tau_so_s_ns"] + remainder, rel=1e-12)
    assert p["b"] == pytest.approx(math.pi * s["E_Z_ueV"] / s["Delta_ueV"], rel=1e-12)
    assert p["nphi"] == pytest.approx(2.3, abs=0.05) and p["kT"] == pytest.approx(1.45, abs=0.01)


def test_crossings_quoted_in_the_text():
    lam = np.linspace(3.5, 20.0, 400)
    d = ts.scales_vs_lambda(lam, 1.2)
    cross_u = lam[np.argmax(d["tau_so_u_ns"] > d["tau_H_ns"])]
    cross_s = lam[np.argmax(d["tau_so_s_ns"] > d["tau_H_ns"])]
    assert 4.0 < cross_u < 4.3  # "exceeds the Heisenberg time for lambda_bar >~ 4 um"
    assert 15.0 < cross_s < 16.5  # "stays below it up to lambda_s ~ 16 um"
    # exercise: tau_u = tau_H at L^5 = lambda^4 / k_F
    k_f = math.sqrt(2 * math.pi * 5.8e15)
    L = (4.5e-6**4 / k_f) ** 0.2
    s = Device(area_um2=(L * 1e6) ** 2, **ts.REFERENCE).time_scales()
    assert s["tau_so_u_ns"] / s["tau_H_ns"] == pytest.approx(1.0, rel=1e-9)


def test_regime_map_matches_device():
    d = ts.regime_map([1.0, 2.0], [3.0, 30.0])
    dev = Device(area_um2=4.0, **{**ts.REFERENCE, "lambda_s_um": 30.0})
    assert d["a2"][1, 1] == pytest.approx(dev.spin_orbit_rates()["a2_symplectic"], rel=1e-12)
    assert d["L_over_lambda"][1, 1] == pytest.approx(2.0 * (1 / 4.5 + 1 / 60.0), rel=1e-12)


def test_device_report_and_calculator():
    dev = Device(area_um2=8.0, B_par_T=0.1, temperature_K=0.1, tau_phi_ns=0.3, **ts.REFERENCE)
    table = device_report(dev)
    assert len({len(v) for v in table.values()}) == 1
    values = dict(zip(table["quantity"], table["value"], strict=True))
    s, p = dev.time_scales(), dev.dimensionless(warn=False)
    assert values["Delta"] == s["Delta_ueV"] and values["a"] == p["a"]
    assert values["tau_dwell"] == pytest.approx(s["tau_H_ns"] / 2)
    assert any("c_u = 1" in line for line in assumptions(dev))
    assert "universal regime violated" in report_html(dev)
    widgets = pytest.importorskip("ipywidgets")
    from chaoticdot.display.explorers_timescales import timescales_calculator

    box = timescales_calculator()
    assert isinstance(box, widgets.VBox)
    before = box.table.value
    box.controls["area_um2"].value = 1.2
    assert box.table.value != before and "<table>" in box.table.value


# --- random-matrix chapter ----------------------------------------------------------------


def test_time_reversal_parities_of_the_stub_terms():
    parity = {k: rms.time_reversal_parities(v) for k, v in rms.stub_terms(24, 4).items()}
    assert {k: v["theta"] for k, v in parity.items()} == {
        "energy": 1,
        "x": -1,
        "a: A1 sx": 1,
        "a: A2 sy": 1,
        "b: sx": -1,
        "b: sz": -1,
    }
    assert all(v["hermitian"] < 1e-14 for v in parity.values())
    assert parity["x"]["spin_rotation"] == 1.0 and parity["a: A1 sx"]["spin_rotation"] == 0.0


def test_landauer_lambda_form_one_sample():
    N1, N2 = 2, 1
    S = rmt.scattering_matrix(N1, N2, x=0.7, a=1.2, b=0.8, M=40, rng=2002)
    N = N1 + N2
    lam = np.kron(np.diag([N2 / N] * N1 + [-N1 / N] * N2), np.eye(2))
    g4 = 2 * N1 * N2 / N - np.trace(S @ lam @ S.conj().T @ lam).real
    t = S[2 * N1 :, : 2 * N1]
    assert np.max(np.abs(S.conj().T @ S - np.eye(2 * N))) < 1e-12
    assert g4 == pytest.approx(np.trace(t.conj().T @ t).real, abs=1e-12)
    for n1, n2 in [(1, 1), (2, 3), (5, 7)]:
        v = np.array([n2 / (n1 + n2)] * n1 + [-n1 / (n1 + n2)] * n2)
        assert abs(v.sum()) < 1e-14 and np.sum(v**2) == pytest.approx(n1 * n2 / (n1 + n2))


@pytest.mark.parametrize("name,beta", list(rms.ENSEMBLE_LIMITS.items()))
def test_exact_single_channel_density(name, beta):
    # The N1 = N2 = 1 distribution against the general-N moments of the library (independent).
    g = np.linspace(0, 2, 400001)[1:]
    p = single_channel.exact_density(g, beta)
    mean = np.trapezoid(g * p, g)
    second = np.trapezoid(g * g * p, g)
    exact_mean, exact_var = theory.exact_conductance_stats(1, 1, name)
    assert np.trapezoid(p, g) == pytest.approx(1.0, abs=2e-3)
    assert mean == pytest.approx(exact_mean, abs=2e-3)
    assert second - mean**2 == pytest.approx(exact_var, abs=3e-3)
    assert np.sum(rmfig.bin_average(np.linspace(0, 2, 21), beta) * 0.1) == pytest.approx(1.0)


def test_histogram_moments_agree_with_exact_ensembles():
    res = make("rmt-histograms", quick=True)
    plt.close(res.figure)
    t = res.table
    for name in rms.ENSEMBLE_LIMITS:
        i = np.flatnonzero(t["ensemble"] == name)[0]
        assert abs(t["mc_mean"][i] - t["exact_mean"][i]) <= (
            4 * t["mc_mean_err"][i] + t["finite_M_allowance"][i]
        )
        assert abs(t["mc_var"][i] - t["exact_var"][i]) <= (
            4 * t["mc_var_err"][i] + t["finite_M_var_allowance"][i]
        )
    with pytest.raises(ValueError, match="ensemble"):
        rms.limit_parameters("GUE")


def test_finite_m_kernel_converges_like_one_over_m():
    k = rms.kernel_convergence([16, 256])
    for case in dict.fromkeys(k["case"]):
        dev = k["deviation"][k["case"] == case]
        assert dev[1] < dev[0] / 8


# --- cooperon chapter ---------------------------------------------------------------------


def test_coe_second_moments():
    M, n = 8, 20000
    U = rmt.coe_matrix(np.random.default_rng(8), M, size=n)
    for (i, j, k, l_), weight in [
        ((0, 1, 0, 1), 1),
        ((0, 0, 0, 0), 2),
        ((0, 1, 1, 0), 1),
        ((0, 0, 1, 1), 0),
    ]:
        prod = U[:, i, j] * U[:, k, l_].conj()
        err = prod.std() / math.sqrt(n)
        assert abs(prod.mean() - weight / (M + 1)) < 4 * math.sqrt(2) * err


def test_tensor_algebra_round_trip_and_products():
    rng = np.random.default_rng(1)
    c1 = rng.normal(size=(4, 4)) + 1j * rng.normal(size=(4, 4))
    c2 = rng.normal(size=(4, 4)) + 1j * rng.normal(size=(4, 4))
    for bw in (True, False):
        np.testing.assert_allclose(
            pc.tensor_coefficients(pc.tensor_matrix(c1, backwards=bw), backwards=bw), c1, atol=1e-13
        )
        one = pc.tensor_product(c1, pc.tensor_inverse(c1, backwards=bw), backwards=bw)
        np.testing.assert_allclose(one, np.diag([1, 0, 0, 0]), atol=1e-12)
    # Backwards product on basis elements: (s_i (x) s_j)(s_k (x) s_l) = s_i s_k (x) s_l s_j.
    sx_sy = np.zeros((4, 4))
    sx_sy[1, 2] = 1  # noqa: E702
    sy_sx = np.zeros((4, 4))
    sy_sx[2, 1] = 1  # noqa: E702
    assert pc.tensor_product(sx_sy, sy_sx, backwards=True)[3, 3] == pytest.approx(-1)
    assert pc.tensor_product(sx_sy, sy_sx, backwards=False)[3, 3] == pytest.approx(1)
    del c2
    with pytest.raises(ValueError, match="shape"):
        pc.tensor_matrix(np.zeros((3, 3)))


def test_backwards_product_reproduces_eq13_and_printed_rule_does_not():
    rng = np.random.default_rng(13)
    worst = {True: 0.0, False: 0.0}
    for _ in range(200):
        n_c, a, b = rng.uniform(1, 10), rng.uniform(0, 3), rng.uniform(0, 5)
        c_inv = pc.paper_inverse_cooperon(n_c, a, b, b)
        for bw in (True, False):
            val = pc.paper_wl_contraction(pc.tensor_inverse(c_inv, backwards=bw))
            worst[bw] = max(worst[bw], abs(val - pc.eq13_bracket(n_c, a, b)))
    assert worst[True] < 1e-12 and worst[False] > 1e-3
    # and the bracket is the library's <dG> (closed form) in units of N1 N2 / N
    N1, N2, x, a, b = 3, 4, 0.6, 1.1, 2.0
    bracket = pc.eq13_bracket(N1 + N2 + 2 * x * x, a, b)
    assert -bracket * N1 * N2 / (N1 + N2) == pytest.approx(
        theory.wl_correction(N1, N2, x=x, a=a, b=b), rel=1e-13
    )


def test_diffuson_norm_is_printed_fd_either_way():
    n_d, a, b, bp = 2.3 + 0.4j, 0.8, 0.7, -0.3
    fd = (2 * (b - bp) ** 2 + 2 * abs(n_d + a**2) ** 2 + 2 * a**4) / abs(
        (b - bp) ** 2 + n_d * (2 * a**2 + n_d)
    ) ** 2 + (2 * a**4 + 2 * (b + bp) ** 2 + 2 * abs(n_d + 3 * a**2) ** 2) / abs(
        (b + bp) ** 2 + (n_d + 4 * a**2) * (n_d + 2 * a**2)
    ) ** 2
    for bw in (True, False):
        d = pc.tensor_inverse(pc.paper_inverse_diffuson(n_d, a, b, bp), backwards=bw)
        assert pc.paper_frobenius2(d) == pytest.approx(fd, rel=1e-12)


def test_paper_cooperon_spectrum_equals_library():
    def ordered(v):
        return np.array(sorted(v, key=lambda z: (round(z.real, 9), round(z.imag, 9))))

    for n_c, a, b in [(5.3, 1.1, 0.9), (4.5, 0.3, 4.0), (7.0, 2.0, 0.0)]:
        paper = np.linalg.eigvals(pc.tensor_matrix(pc.paper_inverse_cooperon(n_c, a, b, b)))
        lib = theory.cooperon_spectrum(4, x=math.sqrt((n_c - 4) / 2), a=a, b=b)
        np.testing.assert_allclose(ordered(paper), ordered(lib), atol=1e-12)


def test_eq13_symbolic_derivation():
    import sympy as sp

    derived, printed, _ = pc.eq13_symbolic()
    assert sp.simplify(derived - printed) == 0


def test_closed_form_equals_general_inversion():
    rng = np.random.default_rng(2002)
    n1, n2 = rng.integers(1, 9, 200), rng.integers(1, 9, 200)
    x, a = rng.uniform(0, 3, 200), rng.uniform(0, 4, 200)
    b, nphi = rng.uniform(-10, 10, 200), rng.uniform(0, 3, 200)
    closed = theory.wl_correction(n1, n2, x=x, a=a, b=b, nphi=nphi)
    general = theory.wl_correction_general(
        n1, n2, x=x, so_axes=(a, a, 0 * a), b_vec=(b, 0 * b, 0 * b), nphi=nphi
    )
    assert np.max(np.abs(closed - general)) < 1e-12


def test_one_spin_axis_never_antilocalizes():
    N1 = N2 = 2
    unit = N1 * N2 / (N1 + N2) ** 2
    a = np.sqrt(np.logspace(-2, 4, 200))
    one = theory.wl_correction_general(N1, N2, so_axes=(a, 0 * a, 0 * a)) / unit
    assert one.max() < 0
    assert theory.wl_correction_general(N1, N2, so_axes=(np.inf, 0, 0)) == 0
    two = theory.wl_correction_general(N1, N2, so_axes=(np.inf, np.inf, 0)) / unit
    assert two == pytest.approx(1.0, abs=1e-12)
    w = cofig.wl_vs_axes(N1, N2, [1e4])
    assert w["one axis (a, 0, 0)"][0] < 0 < w["two axes (a, a, 0): paper, Eq. (7)"][0]


def test_spectrum_panels():
    s = cofig.spectrum_vs_a(4, [0.0, 2.0])
    np.testing.assert_allclose([s[f"mode_{k}"][1] for k in range(4)], [0, 4, 4, 8], atol=1e-12)
    sb = cofig.spectrum_vs_b(4, 8.0, [6.0])  # beyond the exceptional point 2b = a^2
    re = sorted(sb[f"re_{k}"][0] for k in range(4))
    assert re[0] == pytest.approx(8.0) and re[1] == pytest.approx(8.0)  # common rate N + a^2
