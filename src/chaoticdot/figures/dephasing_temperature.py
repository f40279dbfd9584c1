"""Dephasing and temperature: the voltage-probe replacement and thermal smearing.

Paper, last paragraph and text after Eq. (14):

* **Dephasing** (Buttiker voltage probe, imaginary potential ``i hbar / 2 tau_phi``): to
  leading order ``N_{D,C} -> N_{D,C} + nphi`` with ``nphi = 2 pi hbar / (tau_phi Delta)``;
  the prefactors ``N1 N2 / N`` are unchanged.
* **Temperature**: the covariance of Eq. (14) is integrated over the energy difference with the
  kernel ``K_T`` (convolution of two Fermi-function derivatives; notes §1.6,
  :func:`chaoticdot.theory.thermal_kernel`). ``<dG>`` is temperature independent at this order.

High-temperature limit [derived]
--------------------------------
For ``k_B T`` much larger than the correlation energy, ``K_T`` is flat over the width of the
energy correlation function: ``var_T G -> K(0) int cov(de) d(de)`` with
``K(0) = 1 / (12 pi kT)`` (units: ``de = 2 pi (eps - eps')/Delta``, ``kT = k_B T / Delta``). At
``a = b = x = 0`` the covariance is ``8 (N1 N2/N)^2 / |N + nphi - i de|^2``, whose integral is
``8 pi (N1 N2/N)^2 / (N + nphi)``, so

``var_T G / var_0 G -> (N + nphi) / (12 kT) = (N + nphi) Delta / (12 k_B T)``.

Figures registered here: ``dephasing-family``, ``thermal-smearing``,
``device-100mk``.
"""

from __future__ import annotations

import numpy as np

from .. import theory
from ..units import Device
from . import FigureResult, register
from ._scaled import LongTable, scaled_variance, scaled_wl

__all__ = [
    "high_temperature_ratio",
    "energy_integral_of_covariance",
    "DEVICE_ASSUMPTIONS",
    "example_devices",
    "device_effects",
]

_NU_FAMILY = (0.0, 0.5, 1.0, 2.0, 5.0)


def high_temperature_ratio(N, nphi, kT):
    """Leading high-temperature suppression ``var_T G / var_0 G ~ (N + nphi) / (12 kT)``.

    Valid for ``a = b = x = 0`` and ``kT >> (N + nphi)`` (module docstring).

    Parameters
    ----------
    N : float
        Total channel number ``N1 + N2``.
    nphi : float
        Dephasing rate (channel-number units).
    kT : float or array_like
        ``k_B T / Delta`` (> 0).

    Returns
    -------
    float or ndarray
        Dimensionless ratio.
    """
    return (N + nphi) / (12.0 * np.asarray(kT, dtype=float))


def energy_integral_of_covariance(N1, N2, *, x=0.0, a=0.0, b=0.0, nphi=0.0):
    """``int cov[G(eps), G(eps')] d(de)`` over the energy difference (Eq. 14), by quadrature.

    Independent of the exact thermal evaluation in :mod:`chaoticdot.theory.temperature`; used
    for the high-temperature asymptote ``var_T G -> K(0) * integral``.

    Returns
    -------
    float
        In ``(e^2/h)^2`` per unit of ``de = 2 pi (eps - eps') / Delta``.
    """
    from scipy.integrate import quad

    def cov(de):
        return theory.conductance_covariance(N1, N2, x1=x, x2=x, a=a, b1=b, b2=b, de=de, nphi=nphi)

    value, _ = quad(cov, -np.inf, np.inf, epsabs=0.0, epsrel=1e-10, limit=400)
    return value


# ---------------------------------------------------------------------------------------------
# A realistic device at 100 mK
# ---------------------------------------------------------------------------------------------

#: Assumptions of the device estimate; every entry is an input, not a result. Sources: notes
#: §8 (GaAs constants, density) and §9 (nominal dot areas, temperature and dephasing time of
#: the Zumbuehl et al. experiments, quoted from memory and not verified against the paper).
DEVICE_ASSUMPTIONS = {
    "areas_um2": (1.2, 8.0),  # nominal dot areas [notes §9, unverified]
    "N1": 1,  # one spin-degenerate mode per point contact [assumed]
    "N2": 1,
    "density_cm2": 5.8e11,  # sheet density [notes §8, assumed]
    "temperature_K": 0.1,  # electron temperature of the question
    "tau_phi_ns": 0.3,  # dephasing time, held fixed [notes §9, unverified]
    "lambda_s_um": 10.0,  # gate modulation length of the SO coupling [assumed]
    "c_s": 1.0,  # O(1) prefactor of Eq. (3) [unknown, set to 1]
}


def example_devices(**changes) -> list[Device]:
    """The two example dots of :data:`DEVICE_ASSUMPTIONS` (``changes`` override entries)."""
    p = {**DEVICE_ASSUMPTIONS, **changes}
    return [
        Device(
            area_um2=area,
            N1=p["N1"],
            N2=p["N2"],
            density_cm2=p["density_cm2"],
            temperature_K=p["temperature_K"],
            tau_phi_ns=p["tau_phi_ns"],
            lambda_s_um=p["lambda_s_um"],
            c_s=p["c_s"],
        )
        for area in p["areas_um2"]
    ]


def device_effects(device: Device) -> dict[str, float]:
    """Size of dephasing and thermal smearing for one device (x = b = 0).

    Returns
    -------
    dict
        The dimensionless inputs (``N``, ``a2``, ``nphi``, ``kT``) and, for the ideal dot
        (``nphi = kT = 0``), with dephasing only, with temperature only, and with both:
        ``var_*`` (``(e^2/h)^2``) and ``dG_*`` (``e^2/h``; independent of temperature).
    """
    p = device.dimensionless(warn=False)
    n1, n2, a, nphi, kT = p["N1"], p["N2"], p["a"], p["nphi"], p["kT"]
    out = {"N": n1 + n2, "a2": a * a, "nphi": nphi, "kT": kT}
    for label, nph, temp in (
        ("ideal", 0.0, 0.0),
        ("dephasing", nphi, 0.0),
        ("temperature", 0.0, kT),
        ("both", nphi, kT),
    ):
        out[f"var_{label}"] = theory.conductance_variance(n1, n2, a=a, nphi=nph, kT=temp)
        out[f"dG_{label}"] = theory.wl_correction(n1, n2, a=a, nphi=nph)
    return out


# ---------------------------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------------------------


@register(
    "dephasing-family",
    "voltage-probe dephasing N -> N + nphi: <dG>(x), var G(x) and the WL/AL crossover",
)
def fig_family(quick: bool = False) -> FigureResult:
    """Curves of Eqs. (13)-(14) with ``N_{C,D} -> N_{C,D} + nphi`` (scaled units)."""
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 3, figsize=(12.0, 3.8))
    table = LongTable()
    xi = np.linspace(0.0, 3.0, 61 if quick else 241)
    colors = plt.cm.magma(np.linspace(0.0, 0.8, len(_NU_FAMILY)))
    for nu, color in zip(_NU_FAMILY, colors, strict=True):
        for alpha2, ls in ((0.0, "-"), (5.0, "--")):
            wl = scaled_wl(xi=xi, alpha=np.sqrt(alpha2), nu=nu)
            var = scaled_variance(xi=xi, alpha=np.sqrt(alpha2), nu=nu)
            label = rf"$n_\phi/N={nu:g}$" if alpha2 == 0 else None
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
    for nu, color in zip(_NU_FAMILY, colors, strict=True):
        wl = scaled_wl(alpha=np.sqrt(alpha2), nu=nu)
        axes[2].plot(alpha2, wl, color=color)
        crossing = (1.0 + np.sqrt(5.0)) / 4.0 * (1.0 + nu)  # a^2 = 0.809 (N + nphi)
        if crossing <= alpha2[-1]:
            axes[2].plot([crossing], [0.0], "o", color=color, ms=5)
        table.add(panel="x=0 versus a", nphi_over_N=nu, a2_over_N=alpha2, x_over_sqrtN=0.0, dG=wl)
    axes[2].axhline(0.0, color="0.6", lw=0.8)
    axes[2].set_xlabel(r"spin-orbit strength $a^2/N$")
    axes[2].set_title(r"$x=0$; dots: $a^2 = 0.809\,(N+n_\phi)$", fontsize=9)
    fig.tight_layout()
    return FigureResult(fig, table.columns())


@register(
    "thermal-smearing", "thermal kernel K_T, energy correlation of G, and var G versus temperature"
)
def fig_thermal(quick: bool = False) -> FigureResult:
    """Kernel, energy correlation function and thermally smeared variance."""
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 3, figsize=(12.0, 3.8))
    table = LongTable()
    N1 = N2 = 2
    N = N1 + N2
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
    for nphi, color in ((0.0, "C0"), (4.0, "C1"), (16.0, "C2")):
        cov = theory.conductance_covariance(N1, N2, de=de, nphi=nphi)
        axes[1].plot(de, cov / cov[len(de) // 2], color=color, label=rf"$n_\phi = {nphi:g}$")
        table.add(panel="energy correlation", nphi=nphi, de=de, value=cov)
    K1 = theory.thermal_kernel(de, 1.0)
    axes[1].plot(de, K1 / K1.max(), color="0.5", ls="--", lw=1.0, label=r"$K_T$, $k_BT=\Delta$")
    axes[1].set_xlabel(r"energy difference $2\pi(\varepsilon-\varepsilon')/\Delta$")
    axes[1].set_ylabel(r"cov$[G(\varepsilon),G(\varepsilon')]$ / var $G$")
    axes[1].set_title(rf"energy correlation, $N = {N}$, $a=x=0$", fontsize=10)
    axes[1].legend(fontsize=8)

    kT = np.logspace(-2, 2, 33 if quick else 97)
    for nphi, color in ((0.0, "C0"), (4.0, "C1"), (16.0, "C2")):
        var0 = theory.conductance_variance(N1, N2, nphi=nphi)
        ratio = np.asarray(theory.conductance_variance(N1, N2, nphi=nphi, kT=kT)) / var0
        axes[2].loglog(kT, ratio, color=color, label=rf"$n_\phi = {nphi:g}$")
        axes[2].loglog(kT, high_temperature_ratio(N, nphi, kT), color=color, ls=":", lw=0.9)
        table.add(panel="var versus T", nphi=nphi, kT=kT, value=ratio)
    axes[2].set_ylim(1e-3, 2.0)
    axes[2].set_xlabel(r"temperature $k_BT/\Delta$")
    axes[2].set_ylabel(r"var$_T G$ / var$_0 G$")
    axes[2].set_title(rf"$N={N}$, $a=x=0$; dotted: $(N+n_\phi)\Delta/12k_BT$", fontsize=9)
    axes[2].legend(fontsize=8)
    fig.tight_layout()
    return FigureResult(fig, table.columns())


@register(
    "device-100mk", "GaAs dots of 1.2 and 8 um^2 at 100 mK: size of dephasing and thermal smearing"
)
def fig_device(quick: bool = False) -> FigureResult:
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
    fig.tight_layout()
    return FigureResult(fig, table.columns())
