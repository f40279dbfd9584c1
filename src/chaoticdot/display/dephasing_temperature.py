"""Dephasing and temperature: the voltage-probe replacement and thermal smearing.

Paper, last paragraph and text after Eq. (14):

* **Dephasing** (Buttiker voltage probe, imaginary potential ``i hbar / 2 tau_phi``): to
  leading order ``N_{D,C} -> N_{D,C} + nphi`` with ``nphi = 2 pi hbar / (tau_phi Delta)``;
  the prefactors ``N1 N2 / N`` are unchanged.
* **Temperature**: the covariance of Eq. (14) is integrated over the energy difference with the
  kernel ``K_T`` (convolution of two Fermi-function derivatives; book appendix 'Derivations
  and conventions', section Dephasing and temperature; :func:`chaoticdot.theory.thermal_kernel`).
  ``<dG>`` is temperature independent at this order.

The high-temperature asymptote is in :mod:`chaoticdot.theory.high_temperature`, the device
estimate and the Monte Carlo in :mod:`chaoticdot.studies.dephasing_temperature`.

Figures registered here: ``dephasing-family``, ``thermal-smearing``,
``device-100mk``.
"""

from __future__ import annotations

import numpy as np

from .. import theory
from ..studies.dephasing_temperature import (
    device_effects,
    example_devices,
)
from ..tables import LongTable
from ..theory.high_temperature import high_temperature_ratio
from ..theory.scaled import scaled_variance, scaled_wl_correction
from . import FigureResult, register

_NU_FAMILY = (0.0, 0.5, 1.0, 2.0, 5.0)


# ---------------------------------------------------------------------------------------------
# A realistic device at 100 mK
# ---------------------------------------------------------------------------------------------


# ---------------------------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------------------------


@register(
    "dephasing-family",
    "voltage-probe dephasing N -> N + nphi: <dG>(x), var G(x) and the WL/AL crossover",
)
def fig_family(*, quick: bool = False, nphi_over_N=_NU_FAMILY) -> FigureResult:
    """Curves of Eqs. (13)-(14) with ``N_{C,D} -> N_{C,D} + nphi`` (scaled units).

    ``nphi_over_N``: the dephasing rates ``nphi / N`` of the curves.
    """
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 3, figsize=(12.0, 3.8))
    table = LongTable()
    xi = np.linspace(0.0, 3.0, 61 if quick else 241)
    colors = plt.cm.magma(np.linspace(0.0, 0.8, len(nphi_over_N)))
    for nu, color in zip(nphi_over_N, colors, strict=True):
        for alpha2, ls in ((0.0, "-"), (5.0, "--")):
            wl = scaled_wl_correction(xi=xi, alpha=np.sqrt(alpha2), phi=nu)
            var = scaled_variance(xi=xi, alpha=np.sqrt(alpha2), phi=nu)
            label = rf"$N_\phi/N={nu:g}$" if alpha2 == 0 else None
            axes[0].plot(xi, wl, ls=ls, color=color, label=label)
            axes[1].plot(xi, var, ls=ls, color=color)
            table.add(
                panel="versus x",
                nphi_over_N=nu,
                a2_over_N=alpha2,
                x_over_sqrtN=xi,
                dG=wl,
                var_G=var,
            )
    axes[0].axhline(0.0, color="0.6", lw=0.8)
    axes[0].set_ylabel(r"$\langle\delta G\rangle$  [$(e^2/h)N_1N_2/N^2$]")
    axes[1].set_ylabel(r"var $G$  [$(e^2/h)^2(N_1N_2/N^2)^2$]")
    for ax in axes[:2]:
        ax.set_xlabel(r"perpendicular field $x/\sqrt{N}$")
    axes[0].legend(fontsize=8, title=r"solid $a=0$, dashed $a^2=5N$", title_fontsize=8)

    alpha2 = np.linspace(0.0, 8.0, 81 if quick else 321)
    for nu, color in zip(nphi_over_N, colors, strict=True):
        wl = scaled_wl_correction(alpha=np.sqrt(alpha2), phi=nu)
        axes[2].plot(alpha2, wl, color=color)
        crossing = (1.0 + np.sqrt(5.0)) / 4.0 * (1.0 + nu)  # a^2 = 0.809 (N + nphi)
        if crossing <= alpha2[-1]:
            axes[2].plot([crossing], [0.0], "o", color=color, ms=5)
        table.add(panel="x=0 versus a", nphi_over_N=nu, a2_over_N=alpha2, x_over_sqrtN=0.0, dG=wl)
    axes[2].axhline(0.0, color="0.6", lw=0.8)
    axes[2].set_xlabel(r"spin-orbit strength $a^2/N$")
    axes[2].set_title(r"$x=0$; dots: $a^2 = 0.809\,(N+N_\phi)$", fontsize=9)
    return FigureResult.laid_out(fig, table)


@register(
    "thermal-smearing", "thermal kernel K_T, energy correlation of G, and var G versus temperature"
)
def fig_thermal(
    *, quick: bool = False, N1: int = 2, N2: int = 2, nphi=(0.0, 4.0, 16.0)
) -> FigureResult:
    """Kernel, energy correlation function and thermally smeared variance.

    ``N1``, ``N2``: channel numbers; ``nphi``: the dephasing rates ``N_phi`` of the curves of
    the middle and right panels (colours C0, C1, ...).
    """
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 3, figsize=(12.0, 3.8))
    table = LongTable()
    N = N1 + N2
    rates = [(value, f"C{k}") for k, value in enumerate(nphi)]
    de = np.linspace(-60.0, 60.0, 241 if quick else 961)
    for kT, color in zip((0.25, 1.0, 4.0), ("C0", "C1", "C2"), strict=True):
        K = theory.thermal_kernel(de, kT)
        axes[0].plot(de, K, color=color, label=rf"$k_BT = {kT:g}\,\Delta$")
        table.add(panel="kernel", kT=kT, de=de, value=K)
    axes[0].set_xlabel(r"energy difference $2\pi(\varepsilon-\varepsilon')/\Delta$")
    axes[0].set_ylabel(r"$K_T$  [per unit of $2\pi\varepsilon/\Delta$]")
    axes[0].legend(fontsize=8)
    axes[0].set_title("thermal kernel", fontsize=10)

    # correlation energy ~ N + nphi (in units of Delta / 2 pi); the kernel of k_B T = Delta
    # drawn on the same axis shows how many correlation widths a thermal window covers
    for rate, color in rates:
        cov = theory.conductance_covariance(N1, N2, de=de, nphi=rate)
        axes[1].plot(de, cov / cov[len(de) // 2], color=color, label=rf"$N_\phi = {rate:g}$")
        table.add(panel="energy correlation", nphi=rate, de=de, value=cov)
    K1 = theory.thermal_kernel(de, 1.0)
    axes[1].plot(de, K1 / K1.max(), color="0.5", ls="--", lw=1.0, label=r"$K_T$, $k_BT=\Delta$")
    axes[1].set_xlabel(r"energy difference $2\pi(\varepsilon-\varepsilon')/\Delta$")
    axes[1].set_ylabel(r"cov$[G(\varepsilon),G(\varepsilon')]$ / var $G$")
    axes[1].set_title(rf"energy correlation, $N = {N}$, $a=x=0$", fontsize=10)
    axes[1].legend(fontsize=8)

    kT = np.logspace(-2, 2, 33 if quick else 97)
    for rate, color in rates:
        var0 = theory.conductance_variance(N1, N2, nphi=rate)
        ratio = np.asarray(theory.conductance_variance(N1, N2, nphi=rate, kT=kT)) / var0
        axes[2].loglog(kT, ratio, color=color, label=rf"$N_\phi = {rate:g}$")
        axes[2].loglog(kT, high_temperature_ratio(N, rate, kT), color=color, ls=":", lw=0.9)
        table.add(panel="var versus T", nphi=rate, kT=kT, value=ratio)
    axes[2].set_ylim(1e-3, 2.0)
    axes[2].set_xlabel(r"temperature $k_BT/\Delta$")
    axes[2].set_ylabel(r"var$_T G$ / var$_0 G$")
    axes[2].set_title(rf"$N={N}$, $a=x=0$; dotted: $(N+N_\phi)\Delta/12k_BT$", fontsize=9)
    axes[2].legend(fontsize=8)
    return FigureResult.laid_out(fig, table)


@register(
    "device-100mk", "GaAs dots of 1.2 and 8 um^2 at 100 mK: size of dephasing and thermal smearing"
)
def fig_device(*, quick: bool = False) -> FigureResult:
    """var G of the two example devices versus temperature, and the reduction factors."""
    import matplotlib.pyplot as plt

    devices = example_devices()
    temps = np.logspace(-2, 0, 21 if quick else 61)
    fig, axes = plt.subplots(1, 2, figsize=(10.0, 3.9))
    table = LongTable()
    for dev, color in zip(devices, ("C0", "C3"), strict=True):
        p = dev.dimensionless(warn=False)
        kT = p["kT"] * temps / dev.temperature_K
        for nphi, ls, tag in ((0.0, "--", "no dephasing"), (p["nphi"], "-", "with dephasing")):
            var = theory.conductance_variance(p["N1"], p["N2"], a=p["a"], nphi=nphi, kT=kT)
            axes[0].loglog(
                temps * 1e3, var, color=color, ls=ls, label=rf"{dev.area_um2:g} $\mu$m$^2$, {tag}"
            )
            table.add(
                panel="var versus T",
                area_um2=dev.area_um2,
                dephasing=tag,
                T_mK=temps * 1e3,
                var_G=var,
            )
    axes[0].axvline(100.0, color="0.6", lw=0.8, ls=":")
    axes[0].set_xlabel("electron temperature [mK]")
    axes[0].set_ylabel(r"var $G$  [$(e^2/h)^2$]")
    axes[0].legend(fontsize=7)
    axes[0].set_title(r"$N_1=N_2=1$, $\tau_\phi = 0.3$ ns held fixed", fontsize=9)

    labels = ("dephasing", "temperature", "both")
    width = 0.38
    for k, (dev, color) in enumerate(zip(devices, ("C0", "C3"), strict=True)):
        eff = device_effects(dev)
        factors = [eff[f"var_{lab}"] / eff["var_ideal"] for lab in labels]
        pos = np.arange(len(labels)) + (k - 0.5) * width
        axes[1].bar(pos, factors, width, color=color, label=rf"{dev.area_um2:g} $\mu$m$^2$")
        for xp, f in zip(pos, factors, strict=True):
            axes[1].text(xp, f * 1.15, f"{f:.2g}", ha="center", fontsize=7)
        table.add(
            panel="reduction at 100 mK",
            area_um2=dev.area_um2,
            effect=np.array(labels),
            var_ratio=np.array(factors),
        )
    axes[1].set_yscale("log")
    axes[1].set_ylim(3e-4, 3.0)
    axes[1].set_xticks(np.arange(len(labels)), labels)
    axes[1].set_ylabel(r"var $G$ / var $G$ (ideal)")
    axes[1].set_title("reduction of var $G$ at 100 mK", fontsize=9)
    axes[1].legend(fontsize=8)
    return FigureResult.laid_out(fig, table)
