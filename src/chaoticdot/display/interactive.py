"""Precomputed interactive (plotly) figures for the website: sliders that work without a kernel.

Each figure holds one curve per slider step (Eq. 13 or Eq. 14 evaluated beforehand); moving
the slider only switches which curve is visible, so the page needs nothing but plotly.js. The
five curves of the paper's Fig. 2 stay in the background (grey) for orientation.

Figures
-------
:func:`wl_alpha_slider`        <dG>(x), slider over the spin-orbit strength ``a / sqrt(N)``
:func:`wl_zeeman_slider`       <dG>(x) at strong spin-orbit coupling, slider over ``b / N``
:func:`variance_alpha_slider`  var G(x), slider over ``a / sqrt(N)``
:func:`variance_zeeman_slider` var G(x) at strong spin-orbit coupling, slider over ``b / N``

All curves use the scaled variables of the paper's Fig. 2 (``xi = x / sqrt(N)``,
``alpha = a / sqrt(N)``, ``beta = b / N``; units ``(e^2/h) N1 N2 / N^2`` and
``(e^2/h)^2 (N1 N2 / N^2)^2``), see :mod:`chaoticdot.theory.scaled`. Every figure carries
``layout.meta.figure_id`` (e.g. ``"wl-alpha-slider"``) so that a browser can find it:
``[...document.querySelectorAll('.js-plotly-plot')].find(g => g.layout.meta?.figure_id === id)``.
Display them in a notebook with :func:`chaoticdot.display.show_plotly`.
"""

from __future__ import annotations

import numpy as np

from ..theory.scaled import FIG2_ALPHAS, XI_MAX, scaled_variance, scaled_wl_correction
from ._fig2_style import alpha_colors

__all__ = [
    "ALPHA_STEPS",
    "BETA_STEPS",
    "wl_alpha_slider",
    "wl_zeeman_slider",
    "variance_alpha_slider",
    "variance_zeeman_slider",
    "slider_figure",
]

#: Slider values of ``a / sqrt(N)``: 0, 23 log-spaced values from 0.05 to 5, and infinity.
ALPHA_STEPS = np.concatenate([[0.0], np.geomspace(0.05, 5.0, 23), [np.inf]])
#: Slider values of ``b / N``: 0 and 24 log-spaced values from 0.02 to 20.
BETA_STEPS = np.concatenate([[0.0], np.geomspace(0.02, 20.0, 24)])

_WL_TITLE = "⟨δG⟩  [(e²/h) N₁N₂/N²]"
_VAR_TITLE = "var G  [(e²/h)² (N₁N₂/N²)²]"
_X_TITLE = "x/√N  (x for the N = 1 reading)"


def _fmt(value: float) -> str:
    return "∞" if np.isinf(value) else f"{value:.3g}"


def _plain(values) -> list:
    """Plain JSON numbers (5 decimals), not plotly's base64 arrays: small, and readable as
    ``gd.data[i].y`` in the browser."""
    return [round(float(v), 5) for v in np.asarray(values, dtype=float)]


def _rgb(color) -> str:
    r, g, b = (int(round(255 * c)) for c in color[:3])
    return f"rgb({r},{g},{b})"


def slider_figure(
    xi,
    curves,
    *,
    slider_values,
    slider_prefix,
    y_title,
    title,
    figure_id,
    background=(),
    active=None,
    y_range=None,
):
    """A plotly figure with one visible curve chosen by a slider.

    Parameters
    ----------
    xi : ndarray
        Common abscissa (scaled field).
    curves : sequence of ndarray
        One ordinate array per slider step.
    slider_values : sequence of float
        Parameter value of each step (shown as the step label).
    slider_prefix : str
        Text before the current value, e.g. ``"a/√N = "``.
    y_title, title : str
        Axis and figure titles (plain text, no LaTeX: the site has no MathJax inside plotly).
    figure_id : str
        Stored as ``layout.meta.figure_id`` so that a browser test can find the figure.
    background : sequence of (name, ndarray, color)
        Reference curves that stay visible at every step.
    active : int, optional
        Initially selected step (default: the middle one).
    y_range : (float, float), optional
        Fixed y-axis range (so that the axes do not jump between steps).

    Returns
    -------
    plotly.graph_objects.Figure
    """
    import plotly.graph_objects as go

    n_steps = len(curves)
    if len(slider_values) != n_steps:
        raise ValueError("slider_values must have one value per curve")
    active = n_steps // 2 if active is None else int(active)
    xs = _plain(xi)
    fig = go.Figure()
    for name, y, color in background:
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=_plain(y),
                mode="lines",
                name=name,
                line={"color": color, "width": 1.2, "dash": "dot"},
                opacity=0.6,
                hoverinfo="skip",
            )
        )
    n_back = len(background)
    for k, (value, y) in enumerate(zip(slider_values, curves, strict=True)):
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=_plain(y),
                mode="lines",
                name=f"{slider_prefix}{_fmt(value)}",
                line={"color": "crimson", "width": 3},
                visible=(k == active),
            )
        )
    steps = []
    for k, value in enumerate(slider_values):
        visible = [True] * n_back + [j == k for j in range(n_steps)]
        steps.append({"method": "restyle", "args": [{"visible": visible}], "label": _fmt(value)})
    fig.update_layout(
        title={"text": title, "font": {"size": 14}},
        xaxis={"title": {"text": _X_TITLE}, "range": [0.0, float(xi[-1])]},
        yaxis={"title": {"text": y_title}, **({"range": list(y_range)} if y_range else {})},
        sliders=[
            {
                "active": active,
                "steps": steps,
                "pad": {"t": 50},
                "currentvalue": {"prefix": slider_prefix},
            }
        ],
        legend={"font": {"size": 10}},
        margin={"l": 70, "r": 20, "t": 60, "b": 40},
        height=520,
        template="plotly_white",
        meta={"figure_id": figure_id},
    )
    return fig


def _background(fn):
    colors = alpha_colors()
    return [
        (f"Fig. 2, a/√N = {_fmt(a)}", fn(a), _rgb(c))
        for a, c in zip(FIG2_ALPHAS, colors, strict=True)
    ]


def _xi(n_points: int) -> np.ndarray:
    return np.linspace(0.0, XI_MAX, n_points)


#: The two quantities of the sliders: closed form (scaled variables), axis title and range,
#: equation of the paper, title of the spin-orbit slider.
_QUANTITIES = {
    "wl": (
        scaled_wl_correction,
        _WL_TITLE,
        (-2.1, 1.1),
        13,
        "Weak localization → antilocalization",
    ),
    "variance": (scaled_variance, _VAR_TITLE, (0.0, 8.5), 14, "Conductance fluctuations"),
}


def _slider(quantity: str, n_points: int, alpha=None):
    """Curves of ``quantity`` versus ``x`` with a slider over ``a / sqrt(N)`` (``alpha=None``)
    or, at ``a / sqrt(N) = alpha``, over ``b / N``; the ``b = 0`` curves of all spin-orbit
    strengths in the background."""
    curve, y_title, y_range, equation, alpha_title = _QUANTITIES[quantity]
    xi = _xi(n_points)
    if alpha is None:
        curves = [curve(xi, a) for a in ALPHA_STEPS]
        steps = {"slider_values": ALPHA_STEPS, "slider_prefix": "a/√N = "}
        active, kind, title = int(np.argmin(np.abs(ALPHA_STEPS - 0.5))), "alpha", alpha_title
    else:
        curves = [curve(xi, alpha, beta=b) for b in BETA_STEPS]
        steps = {"slider_values": BETA_STEPS, "slider_prefix": "b/N = "}
        active, kind, title = 0, "zeeman", f"Zeeman field at a/√N = {_fmt(alpha)}"
    return slider_figure(
        xi,
        curves,
        **steps,
        y_title=y_title,
        title=f"{title}, Eq. ({equation})",
        figure_id=f"{quantity}-{kind}-slider",
        background=_background(lambda a: curve(xi, a)),
        active=active,
        y_range=y_range,
    )


def wl_alpha_slider(n_points: int = 200):
    """``<dG>`` versus ``x`` (Eq. 13, ``b = 0``) with a slider over ``a / sqrt(N)``."""
    return _slider("wl", n_points)


def wl_zeeman_slider(alpha: float = 3.0, n_points: int = 200):
    """``<dG>`` versus ``x`` (Eq. 13) at ``a / sqrt(N) = alpha``, slider over ``b / N``.

    A parallel field gaps the singlet cooperon once ``4 b^2 >~ N_C (N_C + 2 a^2)`` and
    suppresses the antilocalization peak (``<dG> -> 0`` for ``b^2 >> N^2, N a^2``).
    """
    return _slider("wl", n_points, alpha)


def variance_alpha_slider(n_points: int = 200):
    """``var G`` versus ``x`` (Eq. 14, ``b = 0``) with a slider over ``a / sqrt(N)``."""
    return _slider("variance", n_points)


def variance_zeeman_slider(alpha: float = 3.0, n_points: int = 200):
    """``var G`` versus ``x`` (Eq. 14) at ``a / sqrt(N) = alpha``, slider over ``b / N``.

    With strong spin-orbit coupling a large parallel field halves the variance once more
    (2 -> 1 at ``x = 0`` in the units of Fig. 2, paper text after Eq. 14).
    """
    return _slider("variance", n_points, alpha)
