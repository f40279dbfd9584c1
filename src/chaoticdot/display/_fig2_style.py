"""Styles shared by the two panels of the paper's Fig. 2 and their companions."""

from __future__ import annotations

import numpy as np

from ..tables import LongTable
from ..theory.scaled import (
    FIG2_ALPHAS,
    XI_MAX,
    exact_scaled_variance,
    exact_scaled_wl_correction,
    scaled_variance,
    scaled_wl_correction,
)

WL_UNIT_LABEL = r"$\langle\delta G\rangle$  [$(e^2/h)\,N_1N_2/N^2$]"
VAR_UNIT_LABEL = r"var $G$  [$(e^2/h)^2(N_1N_2/N^2)^2$]"

#: The two panels of Fig. 2, keyed by the stored Monte-Carlo quantity: closed form and exact
#: finite-N value (scaled variables), how deviations are measured, and the labels.
PANELS = {
    "dG": {
        "curve": scaled_wl_correction,
        "exact": exact_scaled_wl_correction,
        "source": "Eq. 13",
        "ylabel": WL_UNIT_LABEL,
        "legend_loc": "lower right",
        "title": "Eq. (13), scaled variables ($N=1$ reading)",
        "relative": False,
        "names": {
            "mc": "MC $-$ Eq. (13), $N={n_total:g}$",
            "mc_source": "MC-Eq13 N={n_total:g}",
            "exact": "exact finite $N$ (COE, CSE)",
            "kernel": "finite-$M$ stub kernel $-$ Eq. (13)",
            "kernel_source": "kernel-Eq13",
        },
        "residual_ylabel": r"deviation  [$(e^2/h)\,N_1N_2/N^2$]",
    },
    "var": {
        "curve": scaled_variance,
        "exact": exact_scaled_variance,
        "source": "Eq. 14",
        "ylabel": VAR_UNIT_LABEL,
        "legend_loc": "upper right",
        "title": "Eq. (14), scaled variables ($N=1$ reading)",
        "relative": True,
        "names": {
            "mc": "MC, $N={n_total:g}$",
            "mc_source": "(MC-Eq14)/Eq14 N={n_total:g}",
            "exact": "exact finite $N$",
            "kernel": "finite-$M$ stub kernel",
            "kernel_source": "kernel",
        },
        "residual_ylabel": "relative deviation from Eq. (14)",
    },
}


def alpha_label(alpha: float, symbol: str = "a") -> str:
    """Legend label such as ``a = 0.3`` or ``a = inf`` (mathtext)."""
    value = r"\infty" if np.isinf(alpha) else f"{alpha:g}"
    return f"${symbol} = {value}$"


def alpha_colors(alphas=FIG2_ALPHAS) -> list:
    """One colour per spin-orbit strength, dark (a = 0) to light (a = inf)."""
    import matplotlib

    cmap = matplotlib.colormaps["viridis"]
    return [cmap(v) for v in np.linspace(0.0, 0.85, len(alphas))]


def mc_marker_styles(n_total) -> dict:
    """Marker style of the Monte-Carlo points of total channel number ``N`` (10 or 20)."""
    if int(n_total) >= 20:
        return {"marker": "o", "ms": 4.5, "mfc": None}
    return {"marker": "s", "ms": 4.0, "mfc": "white"}


def table_block(source: str, alpha: float, xi, value, error=None) -> dict:
    """One block of a long-format table: a curve or a set of points of one ``alpha``."""
    xi = np.asarray(xi, dtype=float)
    value = np.asarray(value, dtype=float)
    return {
        "source": np.full(xi.shape, source),
        "alpha": np.full(xi.shape, alpha),
        "xi": xi,
        "value": value,
        "error": np.zeros_like(value) if error is None else np.asarray(error, dtype=float),
    }


def plot_mc_points(ax, mc, key, color_of: dict, table: LongTable, *, offset=0.036):
    """Error bars of the stored Monte-Carlo runs (one marker style per channel number).

    Only the stored spin-orbit strengths that have a colour in ``color_of`` are drawn.
    """
    xi = mc["xi"]
    for c, n_total in enumerate(mc["N"]):
        style = mc_marker_styles(n_total)
        shift = (c - 0.5 * (len(mc["N"]) - 1)) * offset  # keep error bars apart
        for i, alpha in enumerate(mc["alpha"]):
            if float(alpha) not in color_of:
                continue
            color = color_of[float(alpha)]
            value, err = mc[key][c, i], mc[key + "_err"][c, i]
            ax.errorbar(
                xi + shift,
                value,
                yerr=err,
                ls="none",
                color=color,
                capsize=1.5,
                lw=0.9,
                marker=style["marker"],
                ms=style["ms"],
                mfc=style["mfc"] or color,
                mec=color,
            )
            table.add(**table_block(f"Monte Carlo N={n_total:g}", alpha, xi, value, err))


def fig2_panel(mc_key, *, xi, alphas, mc):
    """One panel of the paper's Fig. 2: closed-form curves and the stored Monte Carlo.

    Parameters
    ----------
    mc_key : str
        The panel's quantity, a key of :data:`PANELS` (``"dG"`` or ``"var"``).
    xi : ndarray
        Scaled field grid ``x / sqrt(N)``.
    alphas : sequence of float
        Scaled spin-orbit strengths ``a / sqrt(N)`` (``inf`` allowed).
    mc : dict
        Stored Monte Carlo in the panel's units (``chaoticdot.studies.fig2_mc``).

    Returns
    -------
    fig, ax, table
        The matplotlib figure and axes and the :class:`~chaoticdot.tables.LongTable`.
    """
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    panel = PANELS[mc_key]
    colors = alpha_colors(alphas)
    table = LongTable()
    fig, ax = plt.subplots(figsize=(7.0, 4.6))
    for alpha, color in zip(alphas, colors, strict=True):
        value = panel["curve"](xi, alpha)
        ax.plot(xi, value, color=color, lw=1.8)
        table.add(**table_block(panel["source"], alpha, xi, value))
    plot_mc_points(ax, mc, mc_key, dict(zip(map(float, alphas), colors, strict=True)), table)
    ax.set_xlim(0.0, XI_MAX)
    ax.set_xlabel(r"$x$  (scaled: $x/\sqrt{N}$)")
    ax.set_ylabel(panel["ylabel"])
    curve_handles = [
        Line2D([], [], color=c, lw=1.8, label=alpha_label(a))
        for a, c in zip(alphas, colors, strict=True)
    ]
    ax.legend(
        handles=mc_legend_handles(mc, curve_handles),
        loc=panel["legend_loc"],
        fontsize=8.5,
        ncol=2,
        frameon=False,
    )
    ax.set_title(panel["title"], fontsize=10)
    return fig, ax, table


def mc_legend_handles(mc, extra_handles=()):
    """Legend handles: the given curve handles plus one marker per Monte-Carlo channel number."""
    from matplotlib.lines import Line2D

    handles = list(extra_handles) + [
        Line2D(
            [],
            [],
            ls="none",
            color="0.3",
            marker=mc_marker_styles(n)["marker"],
            mfc=mc_marker_styles(n)["mfc"] or "0.3",
            label=f"Monte Carlo, $N={n:g}$",
        )
        for n in mc["N"]
    ]
    return handles


def residual_panels(key, mc):
    """Monte Carlo against the closed form, one panel per stored spin-orbit strength.

    Points: the stored Monte Carlo (both channel numbers) minus the closed form, or divided by
    it minus one for ``var`` (``PANELS[key]["relative"]``). Stars at ``x = 0``: the exact
    finite-``N`` value of the circular orthogonal (``a = 0``) or symplectic (``a = inf``)
    ensemble. Dashed: the finite-``M`` stub kernel (``mc["kernel_" + key]``) of the larger
    ``N``.

    Parameters
    ----------
    key : str
        The quantity, a key of :data:`PANELS` (``"dG"`` or ``"var"``).
    mc : dict
        Stored Monte Carlo in scaled units (``chaoticdot.studies.fig2_mc.stored_scaled_mc``).

    Returns
    -------
    fig, table
        The matplotlib figure and its :class:`~chaoticdot.tables.LongTable`.
    """
    import matplotlib.pyplot as plt

    panel = PANELS[key]
    curve, exact, relative, names = (panel[k] for k in ("curve", "exact", "relative", "names"))

    def deviation(value, reference):
        return value / reference - 1.0 if relative else value - reference

    xi = mc["xi"]
    table = LongTable()
    fig, axes = plt.subplots(1, len(FIG2_ALPHAS), figsize=(11.0, 3.5), sharey=True)
    for i, (alpha, color, ax) in enumerate(zip(mc["alpha"], alpha_colors(), axes, strict=True)):
        reference = curve(xi, alpha)
        for c, n_total in enumerate(mc["N"]):
            style = mc_marker_styles(n_total)
            value = deviation(mc[key][c, i], reference)
            err = mc[key + "_err"][c, i] / reference if relative else mc[key + "_err"][c, i]
            ax.errorbar(
                xi + (c - 0.5) * 0.03,
                value,
                yerr=err,
                ls="none",
                color=color,
                marker=style["marker"],
                ms=style["ms"],
                mfc=style["mfc"] or color,
                capsize=1.5,
                lw=0.9,
                label=names["mc"].format(n_total=n_total),
            )
            table.add(
                **table_block(names["mc_source"].format(n_total=n_total), alpha, xi, value, err)
            )
            ensemble = {0.0: "COE", np.inf: "CSE"}.get(float(alpha))
            if ensemble:
                n1 = int(n_total) // 2
                value = deviation(exact(n1, n1, ensemble), reference[0])
                ax.plot(
                    0.0,
                    value,
                    marker="*",
                    ms=10,
                    color="tab:red",
                    ls="none",
                    label=names["exact"] if c == 0 else None,
                )
                table.add(**table_block(f"exact {ensemble} N={n_total:g}", alpha, [0.0], [value]))
        kernel = deviation(mc["kernel_" + key][-1, i], reference)
        if np.all(np.isfinite(kernel)):
            ax.plot(xi, kernel, color="0.3", ls="--", lw=1.2, label=names["kernel"])
            table.add(**table_block(names["kernel_source"], alpha, xi, kernel))
        ax.axhline(0.0, color="0.6", lw=0.6)
        ax.set_title(alpha_label(alpha, r"a/\sqrt{N}"), fontsize=10)
        ax.set_xlabel(r"$x/\sqrt{N}$")
    axes[0].set_ylabel(panel["residual_ylabel"])
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=len(labels), fontsize=8, frameon=False)
    fig.tight_layout(rect=(0.0, 0.08, 1.0, 1.0))
    return fig, table
