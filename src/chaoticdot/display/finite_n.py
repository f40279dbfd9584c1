"""Finite channel numbers: Eqs. (13)-(14) against exact ensembles and the stub Monte Carlo.

The paper computes to leading order in ``1/N`` and announces a discussion of finite-N
corrections that its text does not contain (book appendix 'Derivations and conventions',
section Defects of the paper text, item 3). This module supplies the
comparison:

* in the limits ``x, a, b`` each 0 or infinite the exact circular-ensemble statistics are known
  for any channel numbers (:func:`chaoticdot.theory.exact_conductance_stats`; book appendix
  'Derivations and conventions', section Exact ensembles);
* in the crossover regimes the only finite-N answer is the Monte Carlo of the stub model,
  stored as dataset ``finite-n`` (``python -m chaoticdot data finite-n``).

Finite-M bias and the reference used for deviations
---------------------------------------------------
The stub uses a finite matrix size ``M = M_PER_N * N``. At fixed ``M / N`` its leading-order
(Gaussian) cooperon/diffuson, :mod:`chaoticdot.rmt.kernels`, differs from Eqs. (13)-(14) by an
N-independent relative amount (about -4 % for ``<dG>`` at ``a^2 = 2N``, < 1 % for the
variances). The generator stores these finite-M kernel values next to the Monte-Carlo
estimates, so that ``MC - kernel`` isolates the finite-N correction.

Figures registered here: ``finite-n-limits``, ``finite-n-deviation``, ``finite-n-two-channel``.
The physics (large-N limits) lives in :mod:`chaoticdot.theory.large_n`, the stored scan in
:mod:`chaoticdot.studies.finite_n`.
"""

from __future__ import annotations

import numpy as np

from .. import theory
from ..studies.finite_n import stored_scan
from ..tables import LongTable
from ..theory.large_n import large_n_limit
from . import FigureResult, register

__all__ = ["deviation_points"]

#: Exact-ensemble curves are drawn for N1 = N2 = 1 ... EXACT_N_MAX.
EXACT_N_MAX = 16

_STYLE = {"COE": "C0", "CUE": "C2", "CSE": "C3", "CUE2N": "C4"}

#: Open markers of the Monte-Carlo points of the versus-N figures.
_MC_MARKER = {"ms": 5, "mfc": "none", "capsize": 2}


def _units(n):
    """``N1 N2 / N^2`` for ``N1 = N2 = n`` (= 1/4) as an array."""
    n = np.asarray(n, dtype=float)
    return n * n / (2 * n) ** 2


def _rows(arrays, *, xi=None, a2=None):
    sel = np.ones(len(arrays["n"]), dtype=bool)
    if xi is not None:
        sel &= np.isclose(arrays["xi"], xi)
    if a2 is not None:
        sel &= (
            np.isinf(arrays["a2_over_N"]) if np.isinf(a2) else np.isclose(arrays["a2_over_N"], a2)
        )
    return np.flatnonzero(sel)


def _errorbars(axes, x, columns, **style):
    """Error bars in the same style on a row of panels, one ``(value, error)`` or ``None``
    (panel left empty) per axis."""
    for ax, column in zip(axes, columns, strict=True):
        if column is not None:
            ax.errorbar(x, column[0], yerr=column[1], **style)


def _stored_figure(*grid, **options):
    """The stored scan, a new figure with ``plt.subplots(*grid, **options)`` and an empty
    data table."""
    import matplotlib.pyplot as plt

    arrays, _ = stored_scan()
    fig, axes = plt.subplots(*grid, **options)
    return arrays, fig, axes, LongTable()


def _with_errors(**columns):
    """Table columns ``name`` and ``name_err`` from keywords ``name=(value, error)``."""
    return {
        key: data
        for name, (value, error) in columns.items()
        for key, data in ((name, value), (f"{name}_err", error))
    }


def _exact_series(ensemble):
    """Exact ``<dG>``, ``var G`` and their large-N limits for N1 = N2 = 1..EXACT_N_MAX."""
    n = np.arange(1, EXACT_N_MAX + 1)
    mean, var = theory.exact_conductance_stats(n, n, ensemble)
    lim = np.array([large_n_limit(int(k), int(k), ensemble) for k in n])
    return n, mean - n, var, lim[:, 0], lim[:, 1]


@register(
    "finite-n-limits",
    "exact ensembles, Monte Carlo and Eqs. (13)-(14) versus N at x = 0 and x -> inf",
)
def fig_limits(*, quick: bool = False) -> FigureResult:
    """<dG> and var G (scaled units) versus N: large-N limits, exact ensembles, stored MC."""
    arrays, fig, axes, table = _stored_figure(1, 2, figsize=(9.5, 4.0))
    for ens in ("COE", "CUE", "CSE", "CUE2N"):
        n, dg, var, lim_dg, lim_var = _exact_series(ens)
        u = _units(n)
        color = _STYLE[ens]
        panels = ((axes[0], dg / u, lim_dg / u), (axes[1], var / u**2, lim_var / u**2))
        for ax, exact, lim in panels:
            ax.plot(2 * n, exact, "-", color=color, lw=1.2, label=f"{ens} exact")
            ax.plot(2 * n, lim, "--", color=color, lw=0.9)
        table.add(kind="exact", ensemble=ens, N=2 * n, dG=dg / u, var_G=var / u**2)
        table.add(kind="Eqs. (13)-(14)", ensemble=ens, N=2 * n, dG=lim_dg / u, var_G=lim_var / u**2)
    series = (
        ("COE", _rows(arrays, xi=0.0, a2=0.0), "o"),
        ("CSE", _rows(arrays, a2=np.inf), "s"),
        ("CUE", _rows(arrays, xi=2.0, a2=0.0), "^"),
    )
    for ens, idx, marker in series:
        n = arrays["n"][idx]
        u = _units(n)
        dg, dg_err = (arrays["mean_G"][idx] - n) / u, arrays["mean_G_err"][idx] / u
        var, var_err = arrays["var_G"][idx] / u**2, arrays["var_G_err"][idx] / u**2
        label = "MC, $x^2=4N$" if ens == "CUE" else f"MC, {ens}"
        style = {"fmt": marker, "color": _STYLE[ens], "label": label, **_MC_MARKER}
        _errorbars(axes, 2 * n, ((dg, dg_err), (var, var_err)), **style)
        mc = _with_errors(dG=(dg, dg_err), var_G=(var, var_err))
        table.add(kind="Monte Carlo", ensemble=ens, N=2 * n, **mc)
    # Eqs. (13)-(14) at the finite field x^2 = 4N used for the CUE-like Monte-Carlo points
    xi_big = 2.0
    dg_x = theory.wl_correction(1, 1, x=xi_big * np.sqrt(2)) / 0.25
    var_x = theory.conductance_variance(1, 1, x=xi_big * np.sqrt(2)) / 0.25**2
    for ax, val in ((axes[0], dg_x), (axes[1], var_x)):
        ax.axhline(val, color=_STYLE["CUE"], ls=":", lw=0.9)
    axes[0].set_ylabel(r"$\langle\delta G\rangle$  [$(e^2/h)N_1N_2/N^2$]")
    axes[1].set_ylabel(r"var $G$  [$(e^2/h)^2(N_1N_2/N^2)^2$]")
    for ax in axes:
        ax.set_xlabel(r"$N = N_1 + N_2$  ($N_1 = N_2$)")
        ax.set_xscale("log", base=2)
        ax.set_xticks([2, 4, 8, 16, 32])
        ax.set_xticklabels(["2", "4", "8", "16", "32"])
        ax.set_xlim(1.8, 2 * EXACT_N_MAX * 1.1)
    axes[1].legend(fontsize=7, ncol=2, loc="upper right")
    return FigureResult.laid_out(fig, table)


@register(
    "finite-n-deviation",
    "relative deviation of exact / Monte-Carlo results from Eqs. (13)-(14) versus 1/N",
)
def fig_deviation(*, quick: bool = False) -> FigureResult:
    """Relative finite-N deviations of <dG> and var G versus 1/N."""
    arrays, fig, axes, table = _stored_figure(1, 2, figsize=(9.5, 4.0), sharex=True)
    for ens in ("COE", "CSE", "CUE", "CUE2N"):
        n, dg, var, lim_dg, lim_var = _exact_series(ens)
        inv_n = 1.0 / (2 * n)
        if ens in ("COE", "CSE"):  # <dG> vanishes in the unitary limits: no relative deviation
            axes[0].plot(
                inv_n, dg / lim_dg - 1, "-", color=_STYLE[ens], lw=1.0, label=f"{ens} exact"
            )
        axes[1].plot(inv_n, var / lim_var - 1, "-", color=_STYLE[ens], lw=1.0, label=f"{ens} exact")
        table.add(
            kind="exact",
            point=ens,
            inv_N=inv_n,
            rel_dev_dG=dg / lim_dg - 1 if ens in ("COE", "CSE") else np.nan,
            rel_dev_var=var / lim_var - 1,
        )
    for k, (label, marker, idx, ref_dg, ref_var) in enumerate(deviation_points(arrays)):
        n = arrays["n"][idx]
        inv_n = 1.0 / (2 * n)
        rel_dg = (arrays["mean_G"][idx] - n) / ref_dg - 1
        err_dg = arrays["mean_G_err"][idx] / np.abs(ref_dg)
        rel_var = arrays["var_G"][idx] / ref_var - 1
        err_var = arrays["var_G_err"][idx] / ref_var
        color = (
            f"C{k + 5}"
            if "COE" not in label and "CSE" not in label
            else (_STYLE["COE"] if "COE" in label else _STYLE["CSE"])
        )
        shift = 0.004 * (k - 2)  # small horizontal offsets keep error bars apart
        # <dG> is nearly zero at x^2 = 4N: a relative error is meaningless there
        columns = (None if r"x^2=4N" in label else (rel_dg, err_dg), (rel_var, err_var))
        style = {"fmt": marker, "color": color, "label": f"MC {label}", **_MC_MARKER}
        _errorbars(axes, inv_n + shift, columns, **style)
        mc = _with_errors(rel_dev_dG=(rel_dg, err_dg), rel_dev_var=(rel_var, err_var))
        table.add(kind="Monte Carlo", point=label, inv_N=inv_n, **mc)
    for ax, title in ((axes[0], r"$\langle\delta G\rangle$"), (axes[1], r"var $G$")):
        ax.axhline(0.0, color="0.5", lw=0.8)
        ax.set_xlabel(r"$1/N$")
        ax.set_title(title + ": (finite N) / (large N) $- 1$", fontsize=10)
        ax.set_xlim(0, 0.53)
    axes[0].legend(fontsize=7)
    axes[1].legend(fontsize=7, ncol=2)
    return FigureResult.laid_out(fig, table)


@register(
    "finite-n-two-channel",
    "N1 = N2 = 1 and 2: Monte-Carlo <dG>(x), var G(x) against Eqs. (13)-(14) and exact",
)
def fig_two_channel(*, quick: bool = False) -> FigureResult:
    """Field scans of the smallest dots from the stored data, against the large-N theory."""
    import matplotlib.pyplot as plt

    arrays, _ = stored_scan()
    # dots with a full field scan (they have points at x/sqrt(N) = 0.25)
    ns = [int(k) for k in np.unique(arrays["n"][_rows(arrays, xi=0.25)])]
    fig, axes = plt.subplots(len(ns), 2, figsize=(9.5, 3.4 * len(ns)), squeeze=False)
    table = LongTable()
    xi_f = np.linspace(0.0, 2.1, 85)
    for r, n in enumerate(ns):
        N = 2 * n
        for a2, color in ((0.0, "C0"), (2.0, "C3")):
            idx = _rows(arrays, a2=a2)
            idx = idx[arrays["n"][idx] == n]
            xi = arrays["xi"][idx]
            dg = arrays["mean_G"][idx] - n
            label = rf"$a^2={a2:g}N$"
            columns = (
                (dg, arrays["mean_G_err"][idx]),
                (arrays["var_G"][idx], arrays["var_G_err"][idx]),
            )
            style = {"fmt": "o", "ms": 4, "color": color, "capsize": 2, "label": f"MC, {label}"}
            _errorbars(axes[r], xi, columns, **style)
            x_f, a = xi_f * np.sqrt(N), np.sqrt(a2 * N)
            th_dg = theory.wl_correction(n, n, x=x_f, a=a)
            th_var = theory.conductance_variance(n, n, x=x_f, a=a)
            axes[r, 0].plot(xi_f, th_dg, color=color, lw=1.0, label=f"Eq. (13), {label}")
            axes[r, 1].plot(xi_f, th_var, color=color, lw=1.0, label=f"Eq. (14), {label}")
            mc = _with_errors(dG=columns[0], var_G=columns[1])
            table.add(kind="Monte Carlo", N1=n, a2_over_N=a2, x_over_sqrtN=xi, **mc)
            table.add(
                kind="Eqs. (13)-(14)", N1=n, a2_over_N=a2, x_over_sqrtN=xi_f, dG=th_dg, var_G=th_var
            )
        # exact ensembles: COE at x = 0 and CUE at x = inf (a = 0); CSE at x = 0 (a = inf)
        for ens, xpos, marker, color in (
            ("COE", 0.0, "*", "C0"),
            ("CUE", 2.1, ">", "C0"),
            # a = inf, not the red a^2 = 2N curve: grey diamond, labelled as such
            ("CSE", 0.0, "D", "0.75"),
        ):
            mean, var = theory.exact_conductance_stats(n, n, ens)
            label = "exact CSE ($a=\\infty$)" if ens == "CSE" else f"exact {ens}"
            axes[r, 0].plot([xpos], [mean - n], marker, ms=9, color=color, mec="k", label=label)
            axes[r, 1].plot([xpos], [var], marker, ms=9, color=color, mec="k", label=label)
            table.add(
                kind="exact",
                ensemble=ens,
                N1=n,
                x_over_sqrtN=np.inf if ens == "CUE" else 0.0,
                dG=mean - n,
                var_G=var,
            )
        axes[r, 0].axhline(0.0, color="0.6", lw=0.8)
        axes[r, 0].set_ylabel(rf"$\langle\delta G\rangle$ [$e^2/h$], $N_1=N_2={n}$")
        axes[r, 1].set_ylabel(rf"var $G$ [$(e^2/h)^2$], $N_1=N_2={n}$")
    for ax in axes[-1]:
        ax.set_xlabel(r"perpendicular field $x/\sqrt{N}$")
    axes[0, 0].legend(fontsize=7, ncol=2)
    return FigureResult.laid_out(fig, table)


def deviation_points(arrays):
    """Relative deviations of the stored Monte Carlo from its leading-order reference.

    Stub rows are compared with the finite-M kernel (the leading order at the same M), CSE rows
    with the a = inf limit of Eqs. (13)-(14).

    Parameters
    ----------
    arrays : dict
        The stored dataset (:func:`stored_scan`).

    Returns
    -------
    list of tuples ``(label, marker, idx, ref_dG, ref_var)``
        For each kind of point: a label, a plot marker, the row indices and the reference
        ``<dG>`` (``e^2/h``) and ``var G`` (``(e^2/h)^2``) of those rows.
    """
    out = []
    for label, marker, idx in (
        ("$x=0$, $a=0$ (COE)", "o", _rows(arrays, xi=0.0, a2=0.0)),
        (r"$x^2=N/2$, $a=0$", "D", _rows(arrays, xi=np.sqrt(0.5), a2=0.0)),
        (r"$x^2=4N$, $a=0$", "^", _rows(arrays, xi=2.0, a2=0.0)),
        (r"$x=0$, $a^2=2N$", "v", _rows(arrays, xi=0.0, a2=2.0)),
    ):
        out.append((label, marker, idx, arrays["kernel_dG"][idx], arrays["kernel_var_G"][idx]))
    idx = _rows(arrays, a2=np.inf)
    n = arrays["n"][idx]
    lim = np.array([large_n_limit(int(k), int(k), "CSE") for k in n])
    out.append(("$x=0$, $a=\\infty$ (CSE)", "s", idx, lim[:, 0], lim[:, 1]))
    return out
