"""Uniform spin-orbit coupling: spin flux, field echo, Zeeman cross term, gate.

Figures of the chapter "Uniform spin-orbit coupling" (physics in :mod:`chaoticdot.theory`
with the keywords ``x_so`` and ``zeeman_so``, Monte Carlo and device drivers in
:mod:`chaoticdot.studies.uniform_spin_orbit`). References: Aleiner & Fal'ko, PRL 87, 256801
(2001) (spin flux); Cremers, Brouwer & Fal'ko, PRB 68, 125329 (2003) (field echo, cross
term); paper footnote 15 (symplectic remainder).

Registered figures: ``uso-wl-split``, ``uso-echo``, ``uso-mc``, ``uso-antisymmetry``,
``uso-remainder``, ``uso-gate``. Interactive (plotly) figures, precomputed:
:func:`wl_spin_flux_slider`, :func:`echo_spin_flux_slider`.
"""

from __future__ import annotations

import numpy as np

from .. import rmt, theory
from ..studies.uniform_spin_orbit import (
    MC_PARAMETERS,
    antisymmetric_variance,
    device_parameters,
    mc_samples,
)
from ..tables import LongTable
from . import FigureResult, register
from ._axes import finish_axes
from .interactive import slider_figure

__all__ = ["wl_spin_flux_slider", "echo_spin_flux_slider", "SLIDER_XSO_STEPS"]

_DG_UNITS = r"$[(e^2/h)\,N_1N_2/N^2]$"
_COV_UNITS = r"$[(e^2/h)^2(N_1N_2/N^2)^2]$"
#: Channels used for curves in scaled units: the closed forms depend on x/sqrt(N) and
#: x_so/sqrt(N) only, so any N gives the same scaled curve.
_N_SCALED = 50
#: Slider values of ``x_so / sqrt(N)``: 0 and 20 values from 0.1 to 3.
SLIDER_XSO_STEPS = np.concatenate([[0.0], np.geomspace(0.1, 3.0, 20)])


def _scaled_wl(xi, xi_so):
    """<dG> in units (e^2/h) N1 N2 / N^2 versus xi = x / sqrt(N) at xi_so = x_so / sqrt(N)."""
    n = _N_SCALED
    N = 2 * n
    dg = theory.wl_correction(n, n, x=np.sqrt(N) * xi, x_so=np.sqrt(N) * xi_so)
    return dg / (n * n / N**2)


def _scaled_echo(xi, xi_so, **shared):
    """cov[G(x), G(0)] in units (e^2/h)^2 (N1 N2 / N^2)^2 (xi, xi_so as in _scaled_wl;
    ``shared``: further keywords of theory.conductance_covariance, scaled as b -> N b,
    a -> sqrt(N) a)."""
    n = _N_SCALED
    N = 2 * n
    scale = {"a": np.sqrt(N), "b1": N, "b2": N}
    kw = {k: v * scale.get(k, 1.0) for k, v in shared.items()}
    cov = theory.conductance_covariance(
        n, n, x1=np.sqrt(N) * xi, x2=0.0, x_so=np.sqrt(N) * xi_so, **kw
    )
    return cov / (n * n / N**2) ** 2


@register(
    "uso-wl-split",
    "weak-localization dip split by the spin flux x_so into two dips at x = +-x_so",
)
def fig_wl_split(*, quick: bool = False, xso_over_sqrtN=(0.0, 0.5, 1.0, 2.0, 4.0)) -> FigureResult:
    """<dG>(x) with spin flux (left) and the depth at ``x = 0`` and ``x = x_so`` (right).

    Closed form (Aleiner & Fal'ko 2001; book chapter, Eq. for the split dip)
    ``<dG> = -(N1 N2/N) [1/(N + 2(x + x_so)^2) + 1/(N + 2(x - x_so)^2)]``, in units of
    ``(e^2/h) N1 N2 / N^2`` versus ``x / sqrt(N)``.

    ``xso_over_sqrtN``: the spin fluxes ``x_so / sqrt(N)`` of the left panel.
    """
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(9.0, 3.8))
    table = LongTable()
    xi = np.linspace(0.0, 6.0, 121 if quick else 481)
    colors = plt.cm.viridis(np.linspace(0.0, 0.9, len(xso_over_sqrtN)))
    for xi_so, color in zip(xso_over_sqrtN, colors, strict=True):
        dg = _scaled_wl(xi, xi_so)
        axes[0].plot(xi, dg, color=color, label=rf"$x_{{so}}/\sqrt{{N}}={xi_so:g}$")
        table.add(panel="versus x", xso_over_sqrtN=xi_so, x_over_sqrtN=xi, dG=dg)
    finish_axes(
        axes[0],
        legend={"fontsize": 8, "loc": "lower right"},
        xlabel=r"perpendicular field $x/\sqrt{N}$",
        ylabel=r"$\langle\delta G\rangle$  " + _DG_UNITS,
        title="spin flux splits the dip",
    )

    xso2 = np.logspace(-2, 2, 41 if quick else 161)
    xs = np.sqrt(xso2)
    at_zero = _scaled_wl(0.0, xs)
    at_flux = _scaled_wl(xs, xs)
    axes[1].semilogx(xso2, at_zero, color="C0", label=r"at $x = 0$")
    axes[1].semilogx(xso2, at_flux, color="C3", label=r"at $x = \pm x_{so}$")
    table.add(panel="depth", where="x=0", xso2_over_N=xso2, dG=at_zero)
    table.add(panel="depth", where="x=x_so", xso2_over_N=xso2, dG=at_flux)
    finish_axes(
        axes[1],
        zero_line=True,
        levels=(-2.0, -1.0),
        legend={"fontsize": 8},
        xlabel=r"spin flux $x_{so}^2/N$",
        title="depth of the dip",
    )
    return FigureResult.laid_out(fig, table)


@register(
    "uso-echo",
    "magnetic-field echo: cov[G(x), G(0)] side peak at x = 2 x_so, damped by b and a",
)
def fig_echo(
    *,
    quick: bool = False,
    xso_over_sqrtN: float = 1.5,
    b_over_N=(0.0, 0.3, 1.0, 3.0),
    a2_over_N=(0.0, 0.1, 0.3, 1.0),
) -> FigureResult:
    """Field correlator ``cov[G(x), G(0)]`` (paper Eq. 14 with spin flux) versus ``x``.

    Units ``(e^2/h)^2 (N1 N2 / N^2)^2``, field ``x / sqrt(N)``. Left: spin flux
    ``x_so / sqrt(N)`` given by ``xso_over_sqrtN`` with an in-plane Zeeman field ``b / N`` from
    ``b_over_N``; right: with a symplectic remainder ``a^2 / N`` from ``a2_over_N``
    (Cremers, Brouwer & Fal'ko 2003).
    """
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(9.0, 3.8), sharey=True)
    table = LongTable()
    xi = np.linspace(0.0, 4.0 * xso_over_sqrtN + 2.0, 101 if quick else 401)
    ref = _scaled_echo(xi, 0.0)
    for ax, name, values, key in (
        (axes[0], "b_over_N", b_over_N, "b"),
        (axes[1], "a2_over_N", a2_over_N, "a"),
    ):
        colors = plt.cm.plasma(np.linspace(0.0, 0.8, len(values)))
        for value, color in zip(values, colors, strict=True):
            shared = {"b1": value, "b2": value} if key == "b" else {"a": np.sqrt(value)}
            cov = _scaled_echo(xi, xso_over_sqrtN, **shared)
            label = rf"$b/N={value:g}$" if key == "b" else rf"$a^2/N={value:g}$"
            ax.plot(xi, cov, color=color, label=label)
            table.add(panel=name, parameter=value, x_over_sqrtN=xi, cov=cov)
        ax.plot(xi, ref, color="0.5", ls=":", label=r"$x_{so} = 0$")
        ax.axvline(2 * xso_over_sqrtN, color="0.8", lw=0.8, zorder=0)
        finish_axes(ax, legend={"fontsize": 8}, xlabel=r"perpendicular field $x/\sqrt{N}$")
    table.add(panel="reference", parameter=0.0, x_over_sqrtN=xi, cov=ref)
    axes[0].set_ylabel(r"cov$[G(x), G(0)]$  " + _COV_UNITS)
    axes[0].set_title(rf"in-plane Zeeman field, $x_{{so}}/\sqrt{{N}}={xso_over_sqrtN:g}$")
    axes[1].set_title(rf"symplectic remainder, $x_{{so}}/\sqrt{{N}}={xso_over_sqrtN:g}$")
    return FigureResult.laid_out(fig, table)


@register(
    "uso-mc",
    "stub Monte Carlo with spin flux: split weak-localization dip and field echo vs theory",
)
def fig_mc(*, quick: bool = False) -> FigureResult:
    """Monte-Carlo ``<G(x)>`` and ``cov[G(x), G(0)]`` (points, one standard error) against
    the theory (lines) for the parameters of
    :data:`chaoticdot.studies.uniform_spin_orbit.MC_PARAMETERS`."""
    import matplotlib.pyplot as plt

    p = MC_PARAMETERS
    N1, N2, x_so = p["N1"], p["N2"], p["x_so"]
    x, G, M = mc_samples(quick)
    mean = rmt.mean(G)
    cov = rmt.covariance(G, G[:, :1])
    xf = np.linspace(0.0, x[-1], 281)
    fig, axes = plt.subplots(1, 2, figsize=(9.0, 3.8))
    table = LongTable()
    theo_mean = theory.mean_conductance(N1, N2, x=xf, x_so=x_so)
    theo_cov = theory.conductance_covariance(N1, N2, x1=xf, x2=0.0, x_so=x_so)
    plain_mean = theory.mean_conductance(N1, N2, x=xf)
    plain_cov = theory.conductance_covariance(N1, N2, x1=xf, x2=0.0)
    for ax, est, theo, plain, quantity in (
        (axes[0], mean, theo_mean, plain_mean, "mean G"),
        (axes[1], cov, theo_cov, plain_cov, "cov[G(x), G(0)]"),
    ):
        ax.plot(xf, theo, color="C0", label=rf"theory, $x_{{so}}={x_so:g}$")
        ax.plot(xf, plain, color="0.5", ls=":", label=r"theory, $x_{so}=0$")
        ax.errorbar(
            x, est.value, yerr=est.error, fmt="o", ms=4, color="C3", capsize=2, label="stub MC"
        )
        ax.axvline(x_so if quantity == "mean G" else 2 * x_so, color="0.85", lw=0.8, zorder=0)
        ax.set_xlabel(r"perpendicular field $x$")
        table.add(kind="theory", quantity=quantity, x=xf, value=theo, x_so=x_so)
        table.add(kind="theory", quantity=quantity, x=xf, value=plain, x_so=0.0)
        table.add(
            kind="Monte Carlo",
            quantity=quantity,
            x=x,
            value=est.value,
            error=est.error,
            x_so=x_so,
            samples=G.shape[0],
            M=M,
        )
    axes[0].set_ylabel(r"$\langle G\rangle$  [$e^2/h$]")
    axes[1].set_ylabel(r"cov$[G(x), G(0)]$  [$(e^2/h)^2$]")
    axes[0].legend(fontsize=8, loc="lower right")
    title = rf"$N_1=N_2={N1}$, $M={M}$, {G.shape[0]} samples"
    axes[0].set_title(title, fontsize=9)
    axes[1].set_title(title, fontsize=9)
    return FigureResult.laid_out(fig, table)


def _antisymmetry(dot, B_par, angle, x, remainder):
    d = device_parameters(angle_deg=angle, B_par_T=B_par, **dot)
    a = d["a"] if remainder else 0.0
    return antisymmetric_variance(
        d["N1"],
        d["N2"],
        x=x,
        x_so=d["x_so"],
        zeeman_so=d["zeeman_so"],
        a=a,
        b=d["b"],
        b_direction=d["b_direction"],
    )


@register(
    "uso-antisymmetry",
    "variance of G(B_perp) - G(-B_perp) versus B_par and its direction: Rashba vs Dresselhaus",
)
def fig_antisymmetry(
    *,
    quick: bool = False,
    area_um2: float = 8.0,
    N: int = 2,
    x: float = 2.0,
    lengths_um=((4.5, 4.5), (3.0, 9.0)),
    B_par_angle_T: float = 1.0,
) -> FigureResult:
    """``var G_A``, ``G_A = [G(x) - G(-x)] / 2``, for GaAs dots from
    :class:`chaoticdot.units.Device` (via
    :func:`chaoticdot.studies.uniform_spin_orbit.antisymmetric_variance`).

    Parameters
    ----------
    quick : bool
        Fewer points.
    area_um2 : float
        Dot area (um^2); ideal dot (no dephasing, zero temperature).
    N : int
        Channels per point contact, ``N1 = N2 = N``.
    x : float
        Perpendicular field (dimensionless) at which ``G(x)`` and ``G(-x)`` are compared.
    lengths_um : sequence of (float, float)
        Spin-orbit lengths ``(lambda_x, lambda_y)`` in um (x along [110]); equal lengths are
        pure Rashba (or pure Dresselhaus) coupling.
    B_par_angle_T : float
        Parallel field (T) of the right panel (direction scan).
    """
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(9.0, 3.8), sharey=True)
    table = LongTable()
    B = np.geomspace(3e-3, 3.0, 25 if quick else 61)
    angles = np.linspace(0.0, 180.0, 13 if quick else 37)
    for k, (lx, ly) in enumerate(lengths_um):
        dot = {"area_um2": area_um2, "N1": N, "N2": N, "lambda_x_um": lx, "lambda_y_um": ly}
        name = rf"$\lambda_x={lx:g}$, $\lambda_y={ly:g}\,\mu$m"
        for remainder, ls in ((False, "-"), (True, "--")):
            # the columns shared by the rows of one dot and one kind of curve
            curve = {
                "lambda_x_um": lx,
                "lambda_y_um": ly,
                "kind": "with remainder" if remainder else "cross term only",
            }
            for angle in (0.0, 90.0):
                values = _antisymmetry(dot, B, angle, x, remainder)
                axis = r"$B\parallel x$" if angle == 0 else r"$B\parallel y$"
                axes[0].loglog(
                    B,
                    values,
                    color=f"C{2 * k + (angle > 0)}",
                    ls=ls,
                    label=None if remainder else f"{name}, {axis}",
                )
                table.add(panel="versus B_par", **curve, angle_deg=angle, B_par_T=B, var_GA=values)
            values = np.array(
                [_antisymmetry(dot, B_par_angle_T, phi, x, remainder) for phi in angles]
            )
            axes[1].plot(angles, values, color=f"C{2 * k}", ls=ls)
            table.add(
                panel="versus angle",
                **curve,
                angle_deg=angles,
                B_par_T=B_par_angle_T,
                var_GA=values,
            )
    axes[0].set_xlabel(r"parallel field $B_\parallel$ [T]")
    axes[0].set_ylabel(r"var $[G(x)-G(-x)]/2$  [$(e^2/h)^2$]")
    axes[0].set_title(rf"$A={area_um2:g}\,\mu$m$^2$, $N_1=N_2={N}$, $x={x:g}$", fontsize=9)
    axes[0].legend(fontsize=7, loc="lower right")
    axes[1].set_xlabel(r"direction of $B_\parallel$ from $[110]$ [degrees]")
    axes[1].set_title(
        rf"$B_\parallel={B_par_angle_T:g}$ T; solid: cross term only, dashed: with remainder",
        fontsize=9,
    )
    axes[1].set_xticks([0, 45, 90, 135, 180])
    return FigureResult.laid_out(fig, table)


@register(
    "uso-remainder",
    "uniform coupling versus dot size: spin flux x_so^2 and symplectic remainder a^2",
)
def fig_remainder(
    *,
    quick: bool = False,
    lambda_um: float = 4.5,
    N: int = 2,
    areas_um2=(1.0, 4.0, 8.0, 16.0),
) -> FigureResult:
    """Rates of uniform Rashba coupling versus dot area (left) and ``<dG>`` versus the
    perpendicular field for a few areas (right), ideal dots from
    :class:`chaoticdot.units.Device` with ``lambda_x = lambda_y = lambda_um``.

    ``N``: channels per point contact; ``areas_um2``: dot areas (um^2) of the right panel;
    ``lambda_um``: Rashba length (um).
    """
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(9.0, 3.8))
    table = LongTable()
    so = {"N1": N, "N2": N, "lambda_x_um": lambda_um, "lambda_y_um": lambda_um}
    area = np.geomspace(0.3, 30.0, 25 if quick else 61)
    rates = [device_parameters(area_um2=A, **so) for A in area]
    xso2 = np.array([r["x_so"] ** 2 for r in rates])
    a2 = np.array([r["a"] ** 2 for r in rates])
    axes[0].loglog(area, xso2, color="C0", label=r"spin flux $x_{so}^2$")
    axes[0].loglog(area, a2, color="C3", label=r"remainder $a^2$")
    axes[0].axhline(2 * N, color="0.7", lw=0.8, ls=":", label=r"$N$")
    table.add(panel="rates", area_um2=area, xso2=xso2, a2=a2)
    axes[0].set_xlabel(r"dot area $A$ [$\mu$m$^2$]")
    axes[0].set_ylabel("equivalent channel number")
    axes[0].set_title(rf"Rashba, $\lambda = {lambda_um:g}\,\mu$m", fontsize=10)
    axes[0].legend(fontsize=8)

    colors = plt.cm.viridis(np.linspace(0.0, 0.85, len(areas_um2)))
    xi = np.linspace(-4.0, 4.0, 161 if quick else 641)
    for A, color in zip(areas_um2, colors, strict=True):
        d = device_parameters(area_um2=A, **so)
        N_tot = d["N1"] + d["N2"]
        x = xi * np.sqrt(N_tot)
        dg = theory.wl_correction(d["N1"], d["N2"], x=x, x_so=d["x_so"], a=d["a"]) / (
            d["N1"] * d["N2"] / N_tot**2
        )
        axes[1].plot(xi, dg, color=color, label=rf"$A={A:g}\,\mu$m$^2$")
        table.add(panel="wl", area_um2=A, x_over_sqrtN=xi, dG=dg)
    finish_axes(
        axes[1],
        zero_line=True,
        legend={"fontsize": 8},
        xlabel=r"perpendicular field $x/\sqrt{N}$",
        ylabel=r"$\langle\delta G\rangle$  " + _DG_UNITS,
    )
    return FigureResult.laid_out(fig, table)


@register(
    "uso-gate",
    "the same dot with uniform coupling only and with a partial gate: what the gate adds",
)
def fig_gate(
    *,
    quick: bool = False,
    area_um2: float = 2.0,
    N: int = 1,
    lambda_um: float = 4.5,
    lambda_s_um: float = 10.0,
) -> FigureResult:
    """<G> and var G versus ``B_perp`` for one ideal GaAs dot (:class:`chaoticdot.units.Device`)
    with uniform Rashba coupling only, with a partial gate as well, and without spin-orbit
    coupling.

    Parameters
    ----------
    quick : bool
        Fewer points.
    area_um2 : float
        Dot area (um^2).
    N : int
        Channels per point contact.
    lambda_um : float
        Uniform Rashba length ``lambda_x = lambda_y`` (um).
    lambda_s_um : float
        Gate modulation length (um, paper Eq. 3).
    """
    import matplotlib.pyplot as plt

    # field range: |x| up to 4 sqrt(N_total), from the device's x per tesla
    x_per_T = device_parameters(area_um2=area_um2, N1=N, N2=N, B_perp_T=1e-3)["x"] / 1e-3
    B_max = 4 * np.sqrt(2 * N) / x_per_T
    B_perp = np.linspace(-B_max, B_max, 61 if quick else 241)
    uniform = {"lambda_x_um": lambda_um, "lambda_y_um": lambda_um}
    cases = (
        ("no spin-orbit coupling", {}, "0.5", ":"),
        ("uniform coupling only", uniform, "C0", "-"),
        ("uniform coupling and gate", {**uniform, "lambda_s_um": lambda_s_um}, "C3", "-"),
    )
    fig, axes = plt.subplots(1, 2, figsize=(9.0, 3.8), sharex=True)
    table = LongTable()
    for label, so, color, ls in cases:
        d = device_parameters(area_um2=area_um2, N1=N, N2=N, B_perp_T=B_perp, **so)
        kw = {k: d[k] for k in ("x", "x_so", "zeeman_so", "a", "b", "b_direction")}
        mean = theory.mean_conductance(N, N, **kw)
        var = theory.conductance_variance(N, N, **kw)
        axes[0].plot(B_perp * 1e3, mean, color=color, ls=ls, label=label)
        axes[1].plot(B_perp * 1e3, var, color=color, ls=ls, label=label)
        table.add(case=label, B_perp_T=B_perp, mean_G=mean, var_G=var)
    for ax in axes:
        ax.set_xlabel(r"perpendicular field $B_\perp$ [mT]")
    axes[0].set_ylabel(r"$\langle G\rangle$  [$e^2/h$]")
    axes[1].set_ylabel(r"var $G$  [$(e^2/h)^2$]")
    axes[0].set_title(rf"$A={area_um2:g}\,\mu$m$^2$, $N_1=N_2={N}$", fontsize=10)
    axes[1].set_title(
        rf"$\lambda={lambda_um:g}\,\mu$m, gate $\lambda_s={lambda_s_um:g}\,\mu$m", fontsize=10
    )
    axes[0].legend(fontsize=8)
    return FigureResult.laid_out(fig, table)


def _slider(quantity: str, n_points: int):
    xi = np.linspace(0.0, 8.0, n_points)
    if quantity == "wl":
        curve, y_title, y_range = _scaled_wl, "⟨δG⟩  [(e²/h) N₁N₂/N²]", (-2.1, 0.1)
        title, figure_id = "Spin flux splits the weak-localization dip", "uso-wl-slider"
    else:
        curve, y_title, y_range = _scaled_echo, "cov[G(x), G(0)]  [(e²/h)² (N₁N₂/N²)²]", (0, 8.5)
        title, figure_id = "Magnetic-field echo of the spin flux", "uso-echo-slider"
    curves = [curve(xi, s) for s in SLIDER_XSO_STEPS]
    fig = slider_figure(
        xi,
        curves,
        slider_values=SLIDER_XSO_STEPS,
        slider_prefix="x_so/√N = ",
        y_title=y_title,
        title=title,
        figure_id=figure_id,
        background=[("x_so = 0", curve(xi, 0.0), "rgb(120,120,120)")],
        active=int(np.argmin(np.abs(SLIDER_XSO_STEPS - 1.5))),
        y_range=y_range,
    )
    fig.update_layout(xaxis={"title": {"text": "x/√N"}})
    return fig


def wl_spin_flux_slider(n_points: int = 201):
    """``<dG>(x)`` with spin flux (closed form, units ``(e^2/h) N1 N2 / N^2``, field
    ``x / sqrt(N)``), slider over ``x_so / sqrt(N)`` (:data:`SLIDER_XSO_STEPS`)."""
    return _slider("wl", n_points)


def echo_spin_flux_slider(n_points: int = 201):
    """``cov[G(x), G(0)]`` with spin flux (units ``(e^2/h)^2 (N1 N2 / N^2)^2``, field
    ``x / sqrt(N)``), slider over ``x_so / sqrt(N)``: the echo at ``x = 2 x_so``."""
    return _slider("echo", n_points)
