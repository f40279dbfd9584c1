"""Figures, interactive figures and explorers of the chapters on Fig. 2 (weak localization and
conductance fluctuations), and the numerical claims those chapters make.

Reference values are computed here from closed forms written out independently of the library
(appendix "Limiting values": the b = 0 forms in s = a^2/N, xi^2 = x^2/N), never from the
plotted arrays.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest
from scipy.optimize import brentq

from _chapters import figures_shown
from chaoticdot.display import FigureResult, available, make
from chaoticdot.theory import (
    conductance_covariance,
    conductance_variance,
    exact_conductance_stats,
    wl_correction,
)
from chaoticdot.theory.scaled import (
    FIG2_ALPHAS,
    SIGN_CHANGE,
    scaled_covariance,
    scaled_variance,
    scaled_wl_correction,
)

FIGURES = figures_shown("weak_localization", "fluctuations")
ALPHAS = np.array(FIG2_ALPHAS)


def closed_wl(xi, s):
    """<dG> in (e^2/h) N1 N2 / N^2 at b = 0, s = a^2/N (inf allowed); appendix "Limiting values"."""
    u = 1.0 + 2.0 * np.square(xi)
    with np.errstate(divide="ignore"):
        return -(2.0 / (u + 2.0 * s) + 1.0 / (u + 4.0 * s) - 1.0 / u)


def closed_var(xi, s):
    """var G in (e^2/h)^2 (N1 N2 / N^2)^2 at b = 0 (appendix "Limiting values")."""
    u = 1.0 + 2.0 * np.square(xi)
    with np.errstate(divide="ignore"):
        diffuson = 1.0 + 2.0 / (1.0 + 2.0 * s) ** 2 + 1.0 / (1.0 + 4.0 * s) ** 2
        cooperon = 1.0 / u**2 + 2.0 / (u + 2.0 * s) ** 2 + 1.0 / (u + 4.0 * s) ** 2
    return diffuson + cooperon


@pytest.fixture(scope="module", params=FIGURES)
def built(request) -> tuple[str, FigureResult]:
    result = make(request.param, quick=True)
    yield request.param, result
    plt.close(result.figure)


# ----------------------------------------------------------------------------------------
# figures
# ----------------------------------------------------------------------------------------


def test_figures_are_registered():
    assert set(FIGURES) <= set(available())


def test_figure_builds_quick_with_consistent_table(built):
    name, result = built
    assert result.figure.get_axes(), name
    lengths = {len(np.asarray(v)) for v in result.table.values()}
    assert len(lengths) == 1 and lengths.pop() > 0, name
    for key, column in result.table.items():
        assert np.asarray(column).ndim == 1, key


def _rows(table, source, alpha=None):
    mask = table["source"] == source
    if alpha is not None:
        mask &= table["alpha"] == alpha
    return table["xi"][mask], table["value"][mask]


def test_fig2_left_curves_are_eq13_in_scaled_variables():
    table = make("fig2-left", quick=True).table
    for alpha in ALPHAS:
        xi, value = _rows(table, "Eq. 13", alpha)
        np.testing.assert_allclose(value, closed_wl(xi, alpha**2), rtol=1e-12, atol=1e-12)
    # x = 0 values (appendix "Limiting values") in the book's (N = 1) convention
    x0 = [_rows(table, "Eq. 13", a)[1][0] for a in ALPHAS]
    np.testing.assert_allclose(x0, [-2.0, -1.43, -0.83, 0.13, 1.0], atol=0.005)
    plt.close("all")


def test_fig2_left_readings_n2_values():
    table = make("fig2-left-readings", quick=True).table
    x0 = [_rows(table, "N = 2 (literal)", a)[1][0] for a in ALPHAS]
    np.testing.assert_allclose(x0, closed_wl(0.0, ALPHAS**2 / 2.0), rtol=1e-12)
    np.testing.assert_allclose(x0, [-2.0, -1.68, -1.27, -0.33, 1.0], atol=0.005)
    plt.close("all")


def test_fig2_right_curves_are_eq14_in_scaled_variables():
    table = make("fig2-right", quick=True).table
    for alpha in ALPHAS:
        xi, value = _rows(table, "Eq. 14", alpha)
        np.testing.assert_allclose(value, closed_var(xi, alpha**2), rtol=1e-12)
    x0 = [_rows(table, "Eq. 14", a)[1][0] for a in ALPHAS]
    np.testing.assert_allclose(x0, [8.0, 5.95, 4.28, 2.52, 2.0], atol=0.006)
    plt.close("all")


def test_monte_carlo_points_shown_with_errors():
    for name in ("fig2-left", "fig2-right"):
        table = make(name, quick=True).table
        mc = np.char.startswith(table["source"].astype(str), "Monte Carlo")
        assert mc.sum() >= 5 * 6
        assert np.all(table["error"][mc] > 0) and np.all(table["error"][~mc] == 0)
    plt.close("all")


def test_sign_change_table_crosses_zero_at_golden_value():
    table = make("wl-sign-change", quick=True).table
    s, value = table["a2_over_N"], table["dG_at_x0"]
    k = int(np.flatnonzero(np.diff(np.sign(value)))[0])
    root = s[k] - value[k] * (s[k + 1] - s[k]) / (value[k + 1] - value[k])
    assert abs(root / SIGN_CHANGE - 1.0) < 0.02  # linear interpolation on the plotted grid
    plt.close("all")


# ----------------------------------------------------------------------------------------
# numerical claims of the chapters
# ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("N1", "N2", "x", "nphi"),
    [(1, 1, 0.0, 0.0), (5, 5, 0.0, 0.0), (10, 10, 0.0, 0.0), (3, 7, 2.0, 0.0), (2, 2, 0.5, 3.0)],
)
def test_sign_change_at_golden_fraction_of_nc(N1, N2, x, nphi):
    """<dG> = 0 at a^2 = (1 + sqrt 5)/4 (N + 2 x^2 + nphi); negative below, positive above."""
    n_c = N1 + N2 + 2 * x**2 + nphi
    a2 = brentq(
        lambda a2: wl_correction(N1, N2, x=x, a=np.sqrt(a2), nphi=nphi), 1e-9, 10 * n_c, xtol=1e-14
    )
    assert a2 / n_c == pytest.approx((1 + np.sqrt(5)) / 4, rel=1e-10)
    assert wl_correction(N1, N2, x=x, a=np.sqrt(0.9 * a2), nphi=nphi) < 0
    assert wl_correction(N1, N2, x=x, a=np.sqrt(1.1 * a2), nphi=nphi) > 0


@pytest.mark.parametrize(("N1", "N2"), [(1, 1), (1, 3), (4, 6), (10, 10)])
def test_scaled_curves_are_universal(N1, N2):
    """The Fig. 2 units make Eqs. (13)-(14) functions of a/sqrt N, x/sqrt N, b/N only."""
    n = N1 + N2
    xi = np.array([0.0, 0.4, 1.3])[:, None]
    alpha = np.array([0.0, 0.3, 1.0, 2.5, np.inf])[None, :]
    wl_unit = N1 * N2 / n**2
    got = wl_correction(N1, N2, x=xi * np.sqrt(n), a=alpha * np.sqrt(n), b=0.7 * n) / wl_unit
    np.testing.assert_allclose(got, scaled_wl_correction(xi, alpha, beta=0.7), rtol=1e-12)
    var = conductance_variance(N1, N2, x=xi * np.sqrt(n), a=alpha * np.sqrt(n), b=0.7 * n)
    np.testing.assert_allclose(var / wl_unit**2, scaled_variance(xi, alpha, beta=0.7), rtol=1e-12)


@pytest.mark.parametrize("a", [0.0, 0.7, 2.0, 5.0, np.inf])
def test_variance_halves_at_large_field_without_zeeman(a):
    big = conductance_variance(3, 4, x=1e4, a=a)
    assert conductance_variance(3, 4, x=0.0, a=a) / big == pytest.approx(2.0, rel=1e-9)


def test_variance_ratio_differs_from_two_with_zeeman():
    assert scaled_variance(0, 3, beta=2) / scaled_variance(1e4, 3, beta=2) < 1.5


def test_half_correlation_field_at_a0():
    """cov[G(0), G(x)] / var G = 1/2 at x^2 = 2 (sqrt 2 - 1) N for a = b = 0."""
    for N1, N2 in ((1, 1), (3, 5)):
        n = N1 + N2
        x_half = np.sqrt(2 * (np.sqrt(2) - 1) * n)
        ratio = conductance_covariance(N1, N2, x1=0.0, x2=x_half) / conductance_variance(N1, N2)
        assert ratio == pytest.approx(0.5, rel=1e-12)


@pytest.mark.parametrize("a", [0.0, np.inf])
def test_energy_correlation_is_lorentzian_at_pure_symmetries(a):
    n1, n2 = 2, 3
    de = np.linspace(0.0, 12.0, 7)
    ratio = conductance_covariance(n1, n2, a=a, de=de) / conductance_variance(n1, n2, a=a)
    np.testing.assert_allclose(ratio, 1.0 / (1.0 + (de / (n1 + n2)) ** 2), rtol=1e-12)


def test_energy_correlation_is_wider_at_intermediate_spin_orbit():
    eps = np.array([1.0, 2.0])
    for alpha in (0.3, 0.5, 1.0):
        ratio = scaled_covariance(0, 0, alpha, epsilon=eps) / scaled_covariance(0, 0, alpha)
        assert np.all(ratio > 1.0 / (1.0 + eps**2))


def test_covariance_map_symmetries():
    xi = np.linspace(-2.0, 2.0, 21)
    for alpha in ALPHAS:
        cov = scaled_covariance(xi[:, None], xi[None, :], alpha)
        np.testing.assert_allclose(cov, cov[:, ::-1], rtol=1e-12)
        np.testing.assert_allclose(cov, cov.T, rtol=1e-12)


def test_exact_values_used_in_residual_figures():
    from chaoticdot.theory.scaled import exact_scaled_variance, exact_scaled_wl_correction

    for n1 in (2, 5, 10):
        n = 2 * n1
        # <dG>_COE = -2 N1 N2 / (N (N + 1)), <dG>_CSE = N1 N2 / (N (N - 1/2))
        # (appendix "Exact ensembles")
        assert exact_scaled_wl_correction(n1, n1, "COE") == pytest.approx(-2 * n / (n + 1))
        assert exact_scaled_wl_correction(n1, n1, "CSE") == pytest.approx(n / (n - 0.5))
        unit = (n1 * n1 / n**2) ** 2
        assert exact_scaled_variance(n1, n1, "COE") == pytest.approx(
            exact_conductance_stats(n1, n1, "COE")[1] / unit
        )
    assert exact_scaled_variance(5, 5, "COE") == pytest.approx(720 / 1573 * 16)


def test_energy_correlation_monte_carlo_matches_exact_variance():
    from chaoticdot.studies.fluctuations import energy_correlation_mc
    from chaoticdot.theory.scaled import exact_scaled_variance

    value, error = energy_correlation_mc(samples=200, epsilon=np.array([0.0]), seed=11)
    for i, ensemble in enumerate(("COE", "CSE")):
        assert abs(value[i, 0] - exact_scaled_variance(4, 4, ensemble)) < 4 * error[i, 0]


# ----------------------------------------------------------------------------------------
# interactive (plotly) figures
# ----------------------------------------------------------------------------------------


def _slider_figures():
    from chaoticdot.display import interactive

    return {
        "wl-alpha-slider": (interactive.wl_alpha_slider, interactive.ALPHA_STEPS),
        "wl-zeeman-slider": (interactive.wl_zeeman_slider, interactive.BETA_STEPS),
        "variance-alpha-slider": (interactive.variance_alpha_slider, interactive.ALPHA_STEPS),
        "variance-zeeman-slider": (interactive.variance_zeeman_slider, interactive.BETA_STEPS),
    }


@pytest.mark.parametrize("figure_id", sorted(_slider_figures()))
def test_interactive_slider_figure(figure_id, monkeypatch):
    from chaoticdot.display import show_plotly

    monkeypatch.setenv("CHAOTICDOT_SITE_BUILD", "1")  # the page's HTML, as on the website

    builder, values = _slider_figures()[figure_id]
    fig = builder()
    assert fig.layout.meta["figure_id"] == figure_id
    (slider,) = fig.layout.sliders
    steps = slider.steps
    assert len(steps) == len(values) >= 20
    n_traces = len(fig.data)
    visible_sets = []
    for step in steps:
        visible = step.args[0]["visible"]
        assert len(visible) == n_traces
        visible_sets.append(tuple(visible))
    # every step shows the five background curves plus exactly one slider curve, each a
    # different one, and consecutive slider curves differ
    slider_traces = []
    for vis in visible_sets:
        shown = [k for k in range(5, n_traces) if vis[k]]
        assert len(shown) == 1 and all(vis[:5])
        slider_traces.append(shown[0])
    assert len(set(slider_traces)) == len(steps)
    ys = [np.asarray(fig.data[k].y, dtype=float) for k in slider_traces]
    assert all(not np.allclose(y1, y2) for y1, y2 in zip(ys, ys[1:], strict=False))
    # the reader's click near the far end of the rail must change the curve
    assert slider.active < 0.8 * len(steps)
    html = show_plotly(fig)._repr_mimebundle_()["text/html"]
    assert len(html.encode()) < 1_500_000
    assert '"sliders"' in html


def test_interactive_end_points_are_the_ensemble_values():
    from chaoticdot.display.interactive import variance_alpha_slider, wl_alpha_slider

    for builder, first, last in ((wl_alpha_slider, -2.0, 1.0), (variance_alpha_slider, 8.0, 2.0)):
        fig = builder()
        curves = fig.data[5:]
        assert curves[0].y[0] == pytest.approx(first, abs=1e-5)
        assert curves[-1].y[0] == pytest.approx(last, abs=1e-5)


def test_zeeman_slider_suppresses_antilocalization_and_halves_variance():
    from chaoticdot.display.interactive import variance_zeeman_slider, wl_zeeman_slider

    wl = wl_zeeman_slider().data[5:]
    var = variance_zeeman_slider().data[5:]
    # alpha = 3 (s = 9): at b = 0 the singlet dominates, <dG>(0) = -(2/19 + 1/37 - 1) = +0.87;
    # at b/N = 20 the singlet is gapped and only the small triplet part -(1/19 + 1/37) remains
    assert wl[0].y[0] == pytest.approx(1 - 2 / 19 - 1 / 37, abs=1e-5)
    assert wl[-1].y[0] == pytest.approx(-(1 / 19 + 1 / 37) + 18 / (19 + 4 * 20**2), abs=1e-5)
    assert var[-1].y[0] / var[0].y[0] == pytest.approx(0.5, abs=0.02)


# ----------------------------------------------------------------------------------------
# ipywidgets explorers
# ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "changes"),
    [
        ("wl_explorer", {"a": 0.0, "b": 20.0}),
        ("variance_explorer", {"kT": 1.0, "nphi": 2.0}),
        ("covariance_explorer", {"x1": 1.0, "de": 5.0}),
    ],
)
def test_explorer_constructs_and_redraws(name, changes):
    import ipywidgets

    from chaoticdot.display import explorers

    widget = getattr(explorers, name)()
    assert isinstance(widget, ipywidgets.VBox)
    assert {"N1", "N2", "a", "b"} <= set(widget.controls)
    first = widget.image.value
    assert first.startswith("<img alt=") and "data:image/png;base64," in first
    for key, value in changes.items():
        widget.controls[key].value = value
        assert f"{key}={value:g}" in widget.image.value  # the alt text describes the state
    assert widget.image.value != first
