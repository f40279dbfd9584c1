"""Figures of the chapter "Cooperon and diffuson" (paper Eqs. 8-13).

* ``cooperon-diagrams``: ladder (diffuson) and maximally crossed (cooperon) pairings of the
  Gaussian average over U, with the trajectory pictures behind them.
* ``cooperon-spectrum``: the four cooperon modes (singlet and triplets) versus spin-orbit
  strength and Zeeman field, and <dG> for spin-orbit terms along one, two or three spin axes.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from .. import theory
from .._validation import check_nonnegative, check_positive_int
from . import FigureResult, register

__all__ = ["spectrum_vs_a", "spectrum_vs_b", "wl_vs_axes", "fig_diagrams", "fig_spectrum"]

#: Spin-orbit axis configurations compared in the chapter (a_x, a_y, a_z) / a.
AXES_CASES = {
    "one axis (a, 0, 0)": (1.0, 0.0, 0.0),
    "two axes (a, a, 0): paper, Eq. (7)": (1.0, 1.0, 0.0),
    "three axes (a, a, a): isotropic": (1.0, 1.0, 1.0),
}


def spectrum_vs_a(N: int, a2_values) -> dict[str, np.ndarray]:
    """Cooperon eigenvalues minus N (x = 0, b = 0) versus a^2: singlet first, then triplets."""
    a = np.sqrt(np.asarray(a2_values, dtype=float))
    ev = theory.cooperon_spectrum(N, a=a)
    return {"a2": a**2, **{f"mode_{k}": ev[:, k].real - N for k in range(4)}}


def spectrum_vs_b(N: int, a2: float, b_values) -> dict[str, np.ndarray]:
    """Cooperon eigenvalues (real and imaginary parts, minus N) versus an in-plane Zeeman b."""
    b = np.asarray(b_values, dtype=float)
    ev, w = theory.cooperon_spectrum(N, a=np.sqrt(a2), b=b, return_singlet_weight=True)
    out = {"b": b}
    for k in range(4):
        out[f"re_{k}"] = ev[:, k].real - N
        out[f"im_{k}"] = ev[:, k].imag
        out[f"singlet_weight_{k}"] = w[:, k]
    return out


def wl_vs_axes(N1: int, N2: int, a2_values) -> dict[str, np.ndarray]:
    """<dG>(x = 0) in units of (e^2/h) N1 N2 / N^2 for the spin-orbit axis cases."""
    a = np.sqrt(np.asarray(a2_values, dtype=float))
    unit = N1 * N2 / (N1 + N2) ** 2
    out = {"a2": a**2}
    for name, axes in AXES_CASES.items():
        so = tuple(a * f for f in axes)
        out[name] = np.asarray(theory.wl_correction_general(N1, N2, so_axes=so)) / unit
    return out


@register("cooperon-diagrams", "ladder (diffuson) and maximally crossed (cooperon) pairings")
def fig_diagrams(*, quick: bool = False) -> FigureResult:
    """Pairing diagrams of the Gaussian average and the trajectories they describe."""
    from matplotlib.patches import FancyArrowPatch

    fig, axes = plt.subplots(1, 2, figsize=(9.5, 4.2), layout="constrained")
    n = 4
    xs = np.arange(1, n + 1)
    for ax, crossed in zip(axes, (False, True), strict=True):
        ax.set_xlim(0, n + 1)
        ax.set_ylim(-2.6, 1.9)
        ax.axis("off")
        for y, lab in ((1.2, "U"), (0.0, r"U^*")):
            for i, xv in enumerate(xs):
                ax.text(
                    xv,
                    y,
                    f"${lab}_{{{i + 1}}}$",
                    ha="center",
                    va="center",
                    fontsize=12,
                    bbox={"boxstyle": "round", "fc": "#eef3fa", "ec": "0.4"},
                )
        ax.text(0.2, 1.2, "$S$", fontsize=13, va="center")
        ax.text(0.2, 0.0, "$S^*$", fontsize=13, va="center")
        for i, xv in enumerate(xs):
            partner = xs[n - 1 - i] if crossed else xv
            ax.plot([xv, partner], [0.95, 0.25], color="C3", lw=1.5)
        # Trajectory sketch: a closed loop traversed by the two amplitudes (S: blue, S*: orange).
        t = np.linspace(0, 2 * np.pi, 200)
        cx, cy = (n + 1) / 2, -1.45
        for r, color, sense in ((1.0, "C0", 1), (0.8, "C1", -1 if crossed else 1)):
            ax.plot(cx + 1.4 * r * np.cos(t), cy + 0.8 * r * np.sin(t), color=color, lw=1.5)
            for th in (0.25 * np.pi, 1.0 * np.pi, 1.6 * np.pi):
                p0 = np.array([cx + 1.4 * r * np.cos(th), cy + 0.8 * r * np.sin(th)])
                tangent = sense * np.array([-1.4 * np.sin(th), 0.8 * np.cos(th)])
                ax.add_patch(
                    FancyArrowPatch(
                        p0,
                        p0 + 0.12 * tangent,
                        arrowstyle="-|>",
                        mutation_scale=14,
                        color=color,
                        lw=0,
                    )
                )
        title = (
            "cooperon: maximally crossed pairs\n(path and its time reverse)"
            if crossed
            else "diffuson: ladder pairs\n(path and itself)"
        )
        ax.set_title(title, fontsize=10)
    # The pairings drawn: the j-th U of S is averaged with the partner-th U* of S*.
    table = {
        "diagram": np.repeat(np.array(["diffuson (ladder)", "cooperon (crossed)"]), n),
        "U_index_in_S": np.tile(xs, 2),
        "partner_index_in_S_conj": np.concatenate([xs, xs[::-1]]),
    }
    return FigureResult(figure=fig, table=table)


@register("cooperon-spectrum", "cooperon modes vs a and b; <dG> for one, two, three SO axes")
def fig_spectrum(*, quick: bool = False, N: int = 4, a2_over_N: float = 2.0) -> FigureResult:
    """Three panels: spectrum vs a^2 (b = 0), spectrum vs b (fixed a), <dG> vs a^2 by axes.

    ``N``: total channel number ``N1 + N2`` (even, ``N1 = N2``); ``a2_over_N``: the fixed
    ``a^2 / N`` of the spectrum versus ``b`` (>= 0).
    """
    N = check_positive_int(N, "N")
    if N % 2:
        raise ValueError(f"N must be an even channel number (N1 = N2 = N / 2), got {N}")
    check_nonnegative(a2_over_N, "a2_over_N")
    a2 = np.linspace(0, 3 * N, 20 if quick else 121)
    b = np.linspace(0, 3 * N, 20 if quick else 121)
    a2_fixed = a2_over_N * N
    s_a = spectrum_vs_a(N, a2)
    s_b = spectrum_vs_b(N, a2_fixed, b)
    a2_log = np.logspace(-2, 3, 20 if quick else 101)
    w = wl_vs_axes(N // 2, N // 2, a2_log)
    fig, (ax1, ax2, ax3) = plt.subplots(1, 3, figsize=(12.0, 3.8), layout="constrained")
    # singlet (mode 0) thick and red, triplets thin and blue, in both spectrum panels
    styles = [{"color": "C3" if k == 0 else "C0", "lw": 2.5 if k == 0 else 1.5} for k in range(4)]
    labels = ["singlet $S$", "triplet", None, r"triplet $T_z$"]
    for k in range(4):
        ls = "-" if k < 3 else "--"
        ax1.plot(s_a["a2"], s_a[f"mode_{k}"], ls=ls, label=labels[k], **styles[k])
    ax1.set_xlabel(r"$a^2$")
    ax1.set_ylabel(r"decay rate $-\,N_C$ (channel units)")
    ax1.set_title(r"$b = 0$: $N_C$, $N_C+2a^2$ ($\times 2$), $N_C+4a^2$", fontsize=9)
    ax1.legend(fontsize=8)
    labels = ["Re (singlet-like)", "Re (triplet-like)", None, None]
    for k in range(4):
        ax2.plot(s_b["b"], s_b[f"re_{k}"], label=labels[k], **styles[k])
        if np.any(np.abs(s_b[f"im_{k}"]) > 1e-9):
            ax2.plot(
                s_b["b"],
                np.abs(s_b[f"im_{k}"]),
                color="C2",
                ls=":",
                lw=1.5,
                label="|Im|"
                if k in (0, 1) and not ax2.get_legend_handles_labels()[1].count("|Im|")
                else None,
            )
    ax2.axvline(a2_fixed / 2, color="0.5", lw=0.8, ls="--")
    ax2.text(
        a2_fixed / 2, 0.97, r" $2b=a^2$", transform=ax2.get_xaxis_transform(), fontsize=8, va="top"
    )
    ax2.set_xlabel(r"in-plane Zeeman field $b$")
    ax2.set_ylabel(r"eigenvalue $-\,N_C$")
    ax2.set_title(rf"$a^2 = {a2_fixed:g}$, $N = {N}$: singlet mixes with $T'$", fontsize=9)
    ax2.legend(fontsize=8)
    for name in AXES_CASES:
        ax3.semilogx(w["a2"], w[name], label=name)
    ax3.axhline(0, color="0.5", lw=0.8)
    ax3.set_xlabel(r"$a^2$ (per axis)")
    ax3.set_ylabel(r"$\langle\delta G\rangle$ at $x=0$ [$(e^2/h)N_1N_2/N^2$]")
    ax3.set_title(rf"spin-orbit along 1, 2, 3 spin axes ($N_1=N_2={N // 2}$)", fontsize=9)
    ax3.legend(fontsize=7)
    table = {
        "panel": np.concatenate([np.full(a2.size * 4, "vs_a"), np.full(b.size * 4, "vs_b")]),
        "parameter": np.concatenate([np.tile(s_a["a2"], 4), np.tile(s_b["b"], 4)]),
        "mode": np.concatenate([np.repeat(np.arange(4), a2.size), np.repeat(np.arange(4), b.size)]),
        "re_minus_N": np.concatenate(
            [
                np.concatenate([s_a[f"mode_{k}"] for k in range(4)]),
                np.concatenate([s_b[f"re_{k}"] for k in range(4)]),
            ]
        ),
        "im": np.concatenate(
            [np.zeros(a2.size * 4), np.concatenate([s_b[f"im_{k}"] for k in range(4)])]
        ),
    }
    return FigureResult(figure=fig, table=table)
