"""ipywidgets explorers of Eqs. (13) and (14) for readers who run the chapters locally.

Each explorer is a widget with sliders (channel numbers, spin-orbit strength ``a``, Zeeman
field ``b``, dephasing ``nphi``, ...) and a picture that is redrawn with matplotlib whenever a
slider moves. The picture is an ``<img>`` with a descriptive alt text inside an HTML widget, so
the widget also displays (in its initial state) on a static website without a kernel.

Unlike the precomputed plotly figures of :mod:`chaoticdot.display.interactive`, the explorers
evaluate the formulas for any parameter values, in the physical (unscaled) variables of the
paper.

Functions
---------
:func:`wl_explorer`           <dG>(x) of Eq. (13)
:func:`variance_explorer`     var G(x) of Eq. (14), including temperature
:func:`covariance_explorer`   cov[G(x1, eps), G(x2, eps')] of Eq. (14) versus x2

Each returns an ``ipywidgets.VBox`` with two extra attributes: ``controls`` (dict of the slider
widgets by parameter name) and ``image`` (the HTML widget holding the picture).
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Callable

import numpy as np

from ..theory import conductance_covariance, conductance_variance, wl_correction
from ._widgets import slider

__all__ = [
    "wl_explorer",
    "variance_explorer",
    "covariance_explorer",
    "draw_wl",
    "draw_variance",
    "draw_covariance",
]


def _figure(figsize=(6.4, 3.6)):
    """A matplotlib figure that does not touch pyplot's global state (no duplicate output)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize)
    FigureCanvasAgg(fig)
    return fig


def _figure_html(fig, alt: str) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=90, bbox_inches="tight")
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f'<img alt="{html.escape(alt, quote=True)}" src="data:image/png;base64,{data}"/>'


def _x_grid(N: int, n_points: int = 200) -> np.ndarray:
    # the field scale of Eqs. (13)-(14) is x ~ sqrt(N) (N_C = N + 2 x^2)
    return np.linspace(0.0, 3.0 * np.sqrt(N), n_points)


def draw_wl(N1: int, N2: int, a: float, b: float, nphi: float):
    """Figure and alt text: ``<dG>`` (Eq. 13) versus ``x``, with the ``a = 0`` and ``a = inf``
    curves at the same ``N1, N2, b, nphi`` for reference. Units ``e^2/h``."""
    x = _x_grid(N1 + N2)
    fig = _figure()
    ax = fig.add_subplot()
    for a_ref, style, label in ((0.0, ":", "$a=0$"), (np.inf, "--", r"$a=\infty$")):
        ax.plot(
            x,
            wl_correction(N1, N2, x=x, a=a_ref, b=b, nphi=nphi),
            color="0.5",
            ls=style,
            lw=1.0,
            label=label,
        )
    y = wl_correction(N1, N2, x=x, a=a, b=b, nphi=nphi)
    ax.plot(x, y, color="crimson", lw=2.2, label=f"$a={a:g}$")
    ax.axhline(0.0, color="0.7", lw=0.6)
    ax.set_xlabel("$x$")
    ax.set_ylabel(r"$\langle\delta G\rangle$  [$e^2/h$]")
    ax.set_title(f"Eq. (13): $N_1={N1}$, $N_2={N2}$, $b={b:g}$, $N_\\phi={nphi:g}$", fontsize=10)
    ax.legend(fontsize=8, frameon=False)
    alt = (
        f"Weak-localization correction versus perpendicular field x from Eq. (13) for "
        f"N1={N1}, N2={N2}, a={a:g}, b={b:g}, nphi={nphi:g}; at x=0 it is {y[0]:+.3f} e^2/h."
    )
    return fig, alt


def draw_variance(N1: int, N2: int, a: float, b: float, nphi: float, kT: float):
    """Figure and alt text: ``var G`` (Eq. 14, thermally smeared at ``kT = k_B T / Delta``)
    versus ``x``, with the zero-temperature curve for reference. Units ``(e^2/h)^2``."""
    x = _x_grid(N1 + N2, 120)
    fig = _figure()
    ax = fig.add_subplot()
    cold = conductance_variance(N1, N2, x=x, a=a, b=b, nphi=nphi)
    ax.plot(x, cold, color="0.5", ls="--", lw=1.0, label="$T=0$")
    y = conductance_variance(N1, N2, x=x, a=a, b=b, nphi=nphi, kT=kT) if kT > 0 else cold
    ax.plot(x, y, color="crimson", lw=2.2, label=f"$k_BT/\\Delta={kT:g}$")
    ax.set_ylim(bottom=0.0)
    ax.set_xlabel("$x$")
    ax.set_ylabel(r"var $G$  [$(e^2/h)^2$]")
    ax.set_title(
        f"Eq. (14): $N_1={N1}$, $N_2={N2}$, $a={a:g}$, $b={b:g}$, $N_\\phi={nphi:g}$", fontsize=10
    )
    ax.legend(fontsize=8, frameon=False)
    alt = (
        f"Conductance variance versus perpendicular field x from Eq. (14) for N1={N1}, "
        f"N2={N2}, a={a:g}, b={b:g}, nphi={nphi:g}, kT={kT:g} (units of Delta); at x=0 it is "
        f"{y[0]:.4f} (e^2/h)^2."
    )
    return fig, alt


def draw_covariance(N1: int, N2: int, a: float, b: float, x1: float, de: float):
    """Figure and alt text: ``cov[G(x1, eps), G(x2, eps')]`` (Eq. 14) versus ``x2`` (both
    signs), ``de = 2 pi (eps - eps') / Delta``; the diffuson and cooperon peaks sit at
    ``x2 = x1`` and ``x2 = -x1``. Units ``(e^2/h)^2``."""
    x2 = np.linspace(-3.0, 3.0, 241) * np.sqrt(N1 + N2)
    fig = _figure()
    ax = fig.add_subplot()
    y = conductance_covariance(N1, N2, x1=x1, x2=x2, a=a, b1=b, b2=b, de=de)
    ax.plot(x2, y, color="crimson", lw=2.2)
    for pos in (x1, -x1):
        ax.axvline(pos, color="0.6", lw=0.7, ls=":")
    ax.set_ylim(bottom=0.0)
    ax.set_xlabel("$x_2$")
    ax.set_ylabel(r"cov$[G(x_1),G(x_2)]$  [$(e^2/h)^2$]")
    ax.set_title(
        f"Eq. (14): $N_1={N1}$, $N_2={N2}$, $a={a:g}$, $b={b:g}$, $x_1={x1:g}$, "
        f"$\\delta\\varepsilon={de:g}$",
        fontsize=10,
    )
    alt = (
        f"Conductance covariance between fields x1={x1:g} and x2 from Eq. (14) for N1={N1}, "
        f"N2={N2}, a={a:g}, b={b:g}, energy difference de={de:g}; maximum "
        f"{float(np.max(y)):.4f} (e^2/h)^2."
    )
    return fig, alt


def _explorer(controls: dict, draw: Callable):
    """Assemble sliders and picture; redraw on every change of a slider."""
    import ipywidgets as widgets

    image = widgets.HTML()

    def refresh(_change=None):
        fig, alt = draw(**{name: c.value for name, c in controls.items()})
        image.value = _figure_html(fig, alt)

    for control in controls.values():
        control.observe(refresh, names="value")
    refresh()
    items = list(controls.values())
    half = (len(items) + 1) // 2
    box = widgets.VBox(
        [widgets.HBox([widgets.VBox(items[:half]), widgets.VBox(items[half:])]), image]
    )
    box.controls = controls
    box.image = image
    return box


#: Slider of every float parameter of the explorers: lowest, highest value and step.
_RANGES = {
    "a": {"low": 0.0, "high": 10.0, "step": 0.05},
    "b": {"low": 0.0, "high": 100.0, "step": 0.5},
    "nphi": {"low": 0.0, "high": 20.0, "step": 0.1},
    "kT": {"low": 0.0, "high": 10.0, "step": 0.05},
    "x1": {"low": 0.0, "high": 10.0, "step": 0.05},
    "de": {"low": 0.0, "high": 50.0, "step": 0.25},
}


def _controls(N1: int, N2: int, **values) -> dict:
    """Channel-number sliders (1 to 20) and one float slider per keyword (``_RANGES``)."""
    channels = {k: slider("IntSlider", k, v, 1, 20) for k, v in (("N1", N1), ("N2", N2))}
    floats = {
        k: slider("FloatSlider", k, v, readout_format=".2f", **_RANGES[k])
        for k, v in values.items()
    }
    return {**channels, **floats}


def wl_explorer(N1: int = 5, N2: int = 5, a: float = 4.0, b: float = 0.0, nphi: float = 0.0):
    """Sliders over ``N1, N2, a, b, nphi`` redrawing ``<dG>(x)`` of Eq. (13) (``e^2/h``)."""
    return _explorer(_controls(N1, N2, a=a, b=b, nphi=nphi), draw_wl)


def variance_explorer(
    N1: int = 5, N2: int = 5, a: float = 0.0, b: float = 0.0, nphi: float = 0.0, kT: float = 0.0
):
    """Sliders over ``N1, N2, a, b, nphi, kT`` redrawing ``var G(x)`` of Eq. (14)."""
    return _explorer(_controls(N1, N2, a=a, b=b, nphi=nphi, kT=kT), draw_variance)


def covariance_explorer(
    N1: int = 5, N2: int = 5, a: float = 0.0, b: float = 0.0, x1: float = 3.0, de: float = 0.0
):
    """Sliders over ``N1, N2, a, b, x1, de`` redrawing ``cov[G(x1), G(x2)]`` versus ``x2``."""
    return _explorer(_controls(N1, N2, a=a, b=b, x1=x1, de=de), draw_covariance)
