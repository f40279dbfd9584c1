"""Figures of the chapter "Time scales in a real device" (paper Eqs. 2-3).

The formulas are collected in the book appendix 'Derivations and conventions', section GaAs
parameters.

Every number comes from :class:`chaoticdot.units.Device`; the assumed constants are the
defaults of :data:`REFERENCE` (labelled in every caption of the chapter):

* GaAs: m* = 0.067 m_e, |g| = 0.44 (in :mod:`chaoticdot.units`);
* sheet density n_s = 5.8e11 cm^-2 (v_F = 3.3e5 m/s), ballistic dot with tau_erg = L / v_F,
  L = sqrt(A), mean free path ~ L;
* uniform Rashba length lambda_bar = 4.5 um, gate modulation length lambda_s = 4.5 um;
* O(1) prefactors of Eqs. (2) and (3): c_u = c_s = 1.

Figures registered here: ``timescales-vs-size``, ``timescales-vs-lambda``,
``timescales-regime-map``.
"""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np

from ..units import Device
from . import FigureResult, register

__all__ = [
    "REFERENCE",
    "DOTS_UM2",
    "scales_vs_size",
    "scales_vs_lambda",
    "regime_map",
    "fig_vs_size",
    "fig_vs_lambda",
    "fig_regime_map",
]

#: Assumed device parameters of the chapter (see the module docstring).
REFERENCE = {"density_cm2": 5.8e11, "lambda_um": 4.5, "lambda_s_um": 4.5, "N1": 1, "N2": 1}

#: Areas (um^2) of the two example dots: "small" and "large" dots of the kind measured by
#: Zumbuhl et al., PRL 89, 276803 (2002). Assumed areas of typical size for those
#: experiments, not the measured areas of specific devices.
DOTS_UM2 = {"small dot (1.2 um^2)": 1.2, "large dot (8 um^2)": 8.0}

_TIME_KEYS = ("tau_erg_ps", "tau_H_ns", "tau_so_inf_ns", "tau_so_u_ns", "tau_so_s_ns")


def _device(area_um2: float, **overrides) -> Device:
    kw = dict(REFERENCE)
    kw.update(overrides)
    return Device(area_um2=area_um2, **kw)


def scales_vs_size(sizes_um, **overrides) -> dict[str, np.ndarray]:
    """Energy and time scales of :class:`~chaoticdot.units.Device` versus dot size L = sqrt(A).

    Parameters
    ----------
    sizes_um : array_like
        Dot sizes L in um (> 0).
    **overrides
        Device fields replacing :data:`REFERENCE` (e.g. ``lambda_um=2.0``).

    Returns
    -------
    dict of ndarray
        ``L_um``, ``Delta_ueV``, ``E_T_ueV``, ``tau_erg_ns``, ``tau_H_ns``, ``tau_so_inf_ns``,
        ``tau_so_u_ns`` (Eq. 2), ``tau_so_s_ns`` (Eq. 3), ``a2`` (= h / tau_so^s Delta),
        ``n_so_unitary`` (= h / tau_so^u Delta).
    """
    sizes = np.asarray(sizes_um, dtype=float).ravel()
    rows = []
    for size in sizes:
        dev = _device(float(size) ** 2, **overrides)
        s = dev.time_scales()
        r = dev.spin_orbit_rates()
        rows.append(
            (
                size,
                s["Delta_ueV"],
                s["E_T_ueV"],
                s["tau_erg_ps"] * 1e-3,
                s["tau_H_ns"],
                s["tau_so_inf_ns"],
                s["tau_so_u_ns"],
                s["tau_so_s_ns"],
                r["a2_symplectic"],
                r["n_so_unitary"],
            )
        )
    names = (
        "L_um",
        "Delta_ueV",
        "E_T_ueV",
        "tau_erg_ns",
        "tau_H_ns",
        "tau_so_inf_ns",
        "tau_so_u_ns",
        "tau_so_s_ns",
        "a2",
        "n_so_unitary",
    )
    arr = np.array(rows, dtype=float).reshape(-1, len(names))
    return {n: arr[:, i] for i, n in enumerate(names)}


def scales_vs_lambda(lambdas_um, area_um2: float, **overrides) -> dict[str, np.ndarray]:
    """Spin-orbit times versus the spin-orbit length at fixed dot area.

    ``lambda`` is used both as the uniform length lambda_bar (for tau_so^inf and tau_so^u,
    Eq. 2) and as the gate modulation length lambda_s (for tau_so^s, Eq. 3).

    Returns
    -------
    dict of ndarray
        ``lambda_um``, ``tau_so_inf_ns``, ``tau_so_u_ns``, ``tau_so_s_ns``, ``tau_H_ns``,
        ``tau_erg_ns``, ``tau_dwell_ns`` (= h / (N Delta), N = N1 + N2).
    """
    lams = np.asarray(lambdas_um, dtype=float).ravel()
    out = {k: [] for k in ("lambda_um", "tau_so_inf_ns", "tau_so_u_ns", "tau_so_s_ns")}
    out.update({"tau_H_ns": [], "tau_erg_ns": [], "tau_dwell_ns": []})
    for lam in lams:
        kw = {**overrides, "lambda_um": float(lam), "lambda_s_um": float(lam)}
        dev = _device(area_um2, **kw)
        s = dev.time_scales()
        out["lambda_um"].append(lam)
        for key in ("tau_so_inf_ns", "tau_so_u_ns", "tau_so_s_ns", "tau_H_ns"):
            out[key].append(s[key])
        out["tau_erg_ns"].append(s["tau_erg_ps"] * 1e-3)
        out["tau_dwell_ns"].append(s["tau_H_ns"] / (dev.N1 + dev.N2))
    return {k: np.asarray(v, dtype=float) for k, v in out.items()}


def regime_map(sizes_um, lambda_s_um, **overrides) -> dict[str, np.ndarray]:
    """The paper's a^2 (gate-induced, Eq. 3) and the universal-regime ratios on a grid.

    Returns
    -------
    dict of ndarray, each of shape ``(len(lambda_s_um), len(sizes_um))``
        ``L_um``, ``lambda_s_um``, ``a2`` (= h / tau_so^s Delta), ``L_over_lambda`` (largest
        local L/lambda, with lambda_bar from :data:`REFERENCE` or ``overrides``),
        ``so_over_ET`` (= hbar/tau_so^s over E_T), ``N_over_ET`` (= N Delta / E_T).
    """
    sizes = np.asarray(sizes_um, dtype=float).ravel()
    lam_s = np.asarray(lambda_s_um, dtype=float).ravel()
    keys = ("L_um", "lambda_s_um", "a2", "L_over_lambda", "so_over_ET", "N_over_ET")
    out = {k: np.empty((lam_s.size, sizes.size)) for k in keys}
    for i, ls in enumerate(lam_s):
        for j, size in enumerate(sizes):
            dev = _device(float(size) ** 2, **{**overrides, "lambda_s_um": float(ls)})
            s = dev.time_scales()
            inv_lambda = (1 / dev.lambda_um if dev.lambda_um else 0.0) + 1 / (2 * ls)
            out["L_um"][i, j] = size
            out["lambda_s_um"][i, j] = ls
            out["a2"][i, j] = dev.spin_orbit_rates()["a2_symplectic"]
            out["L_over_lambda"][i, j] = size * inv_lambda
            out["so_over_ET"][i, j] = s["tau_erg_ps"] * 1e-3 / s["tau_so_s_ns"]
            out["N_over_ET"][i, j] = (dev.N1 + dev.N2) * s["Delta_ueV"] / s["E_T_ueV"]
    return out


def _size_axis(ax):
    """Plain tick labels on a logarithmic dot-size axis."""
    from matplotlib.ticker import FixedLocator, NullFormatter, ScalarFormatter

    ax.xaxis.set_major_locator(FixedLocator([0.3, 0.5, 1, 2, 3, 5]))
    ax.xaxis.set_major_formatter(ScalarFormatter())
    ax.xaxis.set_minor_formatter(NullFormatter())


def _mark_dots(ax):
    for label, area in DOTS_UM2.items():
        ax.axvline(math.sqrt(area), color="0.6", lw=0.8, ls=":")
        ax.text(
            math.sqrt(area),
            0.98,
            " " + label.split(" (")[0],
            rotation=90,
            va="top",
            ha="right",
            fontsize=8,
            color="0.4",
            transform=ax.get_xaxis_transform(),
        )


@register("timescales-vs-size", "energy and time scales of a GaAs dot versus its size (log axes)")
def fig_vs_size(
    *,
    quick: bool = False,
    density_cm2: float = REFERENCE["density_cm2"],
    lambda_um: float = REFERENCE["lambda_um"],
    lambda_s_um: float = REFERENCE["lambda_s_um"],
) -> FigureResult:
    """Left: Delta, E_T and hbar/tau_so (Eqs. 2, 3); right: the times, versus L = sqrt(A).

    ``density_cm2`` (sheet density, cm^-2), ``lambda_um`` (uniform Rashba length, um) and
    ``lambda_s_um`` (gate modulation length, um): device inputs, defaults of :data:`REFERENCE`.
    """
    sizes = np.logspace(math.log10(0.3), math.log10(6.0), 15 if quick else 60)
    d = scales_vs_size(sizes, density_cm2=density_cm2, lambda_um=lambda_um, lambda_s_um=lambda_s_um)
    hbar_ueV_ns = 6.582119569e-16 * 1e6 * 1e9  # hbar in ueV ns
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10.0, 4.0), layout="constrained")
    ax1.loglog(d["L_um"], d["E_T_ueV"], label=r"$E_T=\hbar/\tau_{erg}$")
    ax1.loglog(d["L_um"], d["Delta_ueV"], label=r"$\Delta$ (spin-degenerate)")
    ax1.loglog(
        d["L_um"], hbar_ueV_ns / d["tau_so_s_ns"], "--", label=r"$\hbar/\tau^s_{so}$, Eq. (3)"
    )
    ax1.loglog(
        d["L_um"], hbar_ueV_ns / d["tau_so_u_ns"], ":", label=r"$\hbar/\tau^u_{so}$, Eq. (2)"
    )
    ax1.set_xlabel(r"dot size $L=\sqrt{A}$ ($\mu$m)")
    ax1.set_ylabel(r"energy ($\mu$eV)")
    ax1.legend(fontsize=8, loc="lower left")
    ax1.set_title("energy scales")
    _mark_dots(ax1)
    _size_axis(ax1)
    for key, label, style in (
        ("tau_erg_ns", r"$\tau_{erg}=L/v_F$", "-"),
        ("tau_H_ns", r"$\tau_H=h/\Delta$", "-"),
        ("tau_so_inf_ns", r"$\tau^\infty_{so}$ (bulk)", "-."),
        ("tau_so_s_ns", r"$\tau^s_{so}$, Eq. (3)", "--"),
        ("tau_so_u_ns", r"$\tau^u_{so}$, Eq. (2)", ":"),
    ):
        ax2.loglog(d["L_um"], d[key], style, label=label)
    ax2.set_xlabel(r"dot size $L=\sqrt{A}$ ($\mu$m)")
    ax2.set_ylabel("time (ns)")
    ax2.legend(fontsize=8, loc="upper left")
    ax2.set_title(r"time scales ($\bar\lambda=\lambda_s=4.5\,\mu$m)")
    _mark_dots(ax2)
    _size_axis(ax2)
    return FigureResult(figure=fig, table=d)


@register("timescales-vs-lambda", "spin-orbit times versus lambda and lambda_s for two dots")
def fig_vs_lambda(
    *, quick: bool = False, density_cm2: float = REFERENCE["density_cm2"]
) -> FigureResult:
    """Spin-orbit times versus lambda_bar (Eq. 2, bulk) and lambda_s (Eq. 3), two dot sizes.

    ``density_cm2``: sheet density in cm^-2 (default of :data:`REFERENCE`).
    """
    lams = np.logspace(0, 2, 12 if quick else 50)
    fig, axes = plt.subplots(1, 2, figsize=(10.0, 4.0), sharey=True, layout="constrained")
    cols: dict[str, list] = {}
    for ax, (label, area) in zip(axes, DOTS_UM2.items(), strict=True):
        d = scales_vs_lambda(lams, area, density_cm2=density_cm2)
        ax.loglog(
            d["lambda_um"], d["tau_so_inf_ns"], "-.", label=r"$\tau^\infty_{so}$ vs $\bar\lambda$"
        )
        ax.loglog(
            d["lambda_um"], d["tau_so_u_ns"], ":", label=r"$\tau^u_{so}$ vs $\bar\lambda$, Eq. (2)"
        )
        ax.loglog(
            d["lambda_um"], d["tau_so_s_ns"], "--", label=r"$\tau^s_{so}$ vs $\lambda_s$, Eq. (3)"
        )
        ax.axhline(d["tau_H_ns"][0], color="k", lw=0.8, label=r"$\tau_H=h/\Delta$")
        ax.axhline(
            d["tau_dwell_ns"][0], color="0.5", lw=0.8, ls="--", label=r"dwell $h/N\Delta$, N=2"
        )
        ax.axhline(d["tau_erg_ns"][0], color="0.5", lw=0.8, label=r"$\tau_{erg}$")
        ax.axvline(math.sqrt(area), color="C3", lw=0.8, ls=":")
        ax.text(
            math.sqrt(area),
            0.02,
            r" $\lambda=L$",
            color="C3",
            fontsize=8,
            transform=ax.get_xaxis_transform(),
        )
        ax.set_xlabel(r"$\bar\lambda$ or $\lambda_s$ ($\mu$m)")
        ax.set_title(label.replace("um^2", r"$\mu$m$^2$"))
        for k, v in d.items():
            cols.setdefault(k, []).append(v)
        cols.setdefault("area_um2", []).append(np.full(lams.size, area))
    axes[0].set_ylabel("time (ns)")
    axes[0].legend(fontsize=7, loc="upper left")
    table = {k: np.concatenate(v) for k, v in cols.items()}
    return FigureResult(figure=fig, table=table)


@register("timescales-regime-map", "gate-induced a^2 and the universal regime versus L, lambda_s")
def fig_regime_map(
    *,
    quick: bool = False,
    density_cm2: float = REFERENCE["density_cm2"],
    lambda_um: float = REFERENCE["lambda_um"],
) -> FigureResult:
    """Map of log10 a^2 (Eq. 3) over dot size and lambda_s, with universal-regime boundaries.

    ``density_cm2`` (sheet density, cm^-2) and ``lambda_um`` (uniform Rashba length, um):
    device inputs, defaults of :data:`REFERENCE`.
    """
    n = 25 if quick else 90
    sizes = np.logspace(math.log10(0.3), math.log10(6.0), n)
    lam_s = np.logspace(math.log10(0.5), 2, n)
    d = regime_map(sizes, lam_s, density_cm2=density_cm2, lambda_um=lambda_um)
    fig, ax = plt.subplots(figsize=(6.4, 4.6), layout="constrained")
    levels = np.arange(-2, 4.01, 0.5)
    cf = ax.contourf(
        d["L_um"], d["lambda_s_um"], np.log10(d["a2"]), levels=levels, cmap="YlGnBu", extend="both"
    )
    fig.colorbar(cf, ax=ax, label=r"$\log_{10} a^2$,  $a^2=h/(\tau^s_{so}\Delta)$")
    ax.contour(d["L_um"], d["lambda_s_um"], d["a2"], levels=[2.0], colors="k", linewidths=1.5)
    # Universal-regime boundaries (margin 0.3, as in Device.universal_regime).
    for key, color, style, width in (
        ("L_over_lambda", "C3", "--", 1.5),
        ("so_over_ET", "C4", ":", 1.8),
    ):
        ax.contour(
            d["L_um"],
            d["lambda_s_um"],
            d[key],
            levels=[0.3],
            colors=color,
            linestyles=style,
            linewidths=width,
        )
    bad = d["so_over_ET"] > 0.3
    ax.contourf(
        d["L_um"],
        d["lambda_s_um"],
        bad.astype(float),
        levels=[0.5, 1.5],
        colors="none",
        hatches=["///"],
    )
    from matplotlib.lines import Line2D

    handles = [
        Line2D([], [], color="k", lw=1.5, label=r"$a^2 = N = 2$"),
        Line2D([], [], color="C3", ls="--", lw=1.5, label=r"$L/\lambda_{min} = 0.3$"),
        Line2D(
            [],
            [],
            color="C4",
            ls=":",
            lw=1.8,
            label=r"$\hbar/\tau^s_{so} = 0.3\,E_T$ (hatched side: not universal)",
        ),
        Line2D(
            [],
            [],
            color="C1",
            marker="o",
            ls="none",
            mec="k",
            label=r"example dots, $\lambda_s=4.5\,\mu$m",
        ),
    ]
    for label, area in DOTS_UM2.items():
        ax.plot(math.sqrt(area), REFERENCE["lambda_s_um"], "o", color="C1", mec="k")
        ax.annotate(
            label.split(" (")[0],
            (math.sqrt(area), REFERENCE["lambda_s_um"]),
            textcoords="offset points",
            xytext=(5, 6),
            fontsize=8,
        )
    ax.legend(handles=handles, fontsize=7, loc="upper left", framealpha=0.9)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel(r"dot size $L=\sqrt{A}$ ($\mu$m)")
    ax.set_ylabel(r"gate modulation length $\lambda_s$ ($\mu$m)")
    _size_axis(ax)
    ax.set_title(r"gate-induced spin-orbit rate, $\bar\lambda=4.5\,\mu$m", fontsize=10)
    table = {k: v.ravel() for k, v in d.items()}
    universal = (d["L_over_lambda"] <= 0.3) & (d["so_over_ET"] <= 0.3) & (d["N_over_ET"] <= 0.3)
    table["universal"] = universal.ravel().astype(float)
    return FigureResult(figure=fig, table=table)
