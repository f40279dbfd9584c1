"""Shared pieces of the two panels of the paper's Fig. 2: scaled variables, styles, labels.

Scaled variables (physics notes §1.7, discrepancy D4)
-----------------------------------------------------
Eqs. (13) and (14) depend on the channel numbers only through the prefactors
``N1 N2 / N`` and through the combinations ``N + 2x^2``, ``a^2``, ``b`` and ``de`` relative to
``N``. In the units of the paper's Fig. 2,

* ``<dG>`` in ``(e^2/h) N1 N2 / N^2``, a homogeneous function of degree 0 of
  ``(N, x^2, a^2, b, de, nphi)``,
* ``var G`` in ``(e^2/h)^2 (N1 N2 / N^2)^2``, also of degree 0,

both are universal functions of the scaled variables

``xi = x / sqrt(N)``, ``alpha = a / sqrt(N)``, ``beta = b / N``, ``epsilon = de / N``,
``phi = nphi / N``.

Setting ``N = 1`` in the formulas ("the N = 1 reading") gives the same curves with
``xi = x``, ``alpha = a``; this is the convention the book uses for the paper's Fig. 2.
"""

from __future__ import annotations

import numpy as np

from ..theory import conductance_covariance, wl_correction

__all__ = [
    "FIG2_ALPHAS",
    "XI_MAX",
    "SIGN_CHANGE",
    "scaled_wl_correction",
    "scaled_covariance",
    "scaled_variance",
    "alpha_label",
    "alpha_colors",
    "WL_UNIT_LABEL",
    "VAR_UNIT_LABEL",
    "mc_marker_styles",
    "long_table",
    "table_block",
    "plot_mc_points",
    "mc_legend_handles",
]

#: Spin-orbit strengths of the paper's Fig. 2 (read as ``alpha = a / sqrt(N)``).
FIG2_ALPHAS = (0.0, 0.3, 0.5, 1.0, np.inf)

#: Largest scaled field ``x / sqrt(N)`` shown in the Fig. 2 panels.
XI_MAX = 3.0

#: ``a^2 / N`` at which ``<dG>(x = 0)`` changes sign: ``(1 + sqrt 5) / 4`` (notes §1.7).
SIGN_CHANGE = (1.0 + np.sqrt(5.0)) / 4.0

WL_UNIT_LABEL = r"$\langle\delta G\rangle$  [$(e^2/h)\,N_1N_2/N^2$]"
VAR_UNIT_LABEL = r"var $G$  [$(e^2/h)^2(N_1N_2/N^2)^2$]"

# Any channel numbers give the same scaled result (module docstring); these are the smallest.
_REF_N1, _REF_N2 = 1, 1
_REF_N = _REF_N1 + _REF_N2
_WL_UNIT = _REF_N1 * _REF_N2 / _REF_N**2


def scaled_wl_correction(xi, alpha, beta=0.0, phi=0.0):
    """``<dG>`` of Eq. (13) in units of ``(e^2/h) N1 N2 / N^2`` versus scaled variables.

    Parameters
    ----------
    xi : float or array_like
        Perpendicular field ``x / sqrt(N)``.
    alpha : float or array_like
        Spin-orbit strength ``a / sqrt(N)`` (``numpy.inf`` allowed).
    beta : float or array_like
        In-plane Zeeman field ``b / N``.
    phi : float or array_like
        Dephasing rate ``nphi / N``.

    Returns
    -------
    float or ndarray
        ``-[1/(u + 2 alpha^2) + 1/(u + 4 alpha^2) - 2 alpha^2/(u (u + 2 alpha^2) + 4 beta^2)]``
        with ``u = 1 + phi + 2 xi^2`` (Eq. 13 with ``N = 1``), evaluated by
        :func:`chaoticdot.theory.wl_correction`.
    """
    root_n = np.sqrt(_REF_N)
    value = wl_correction(
        _REF_N1,
        _REF_N2,
        x=np.multiply(xi, root_n),
        a=np.multiply(alpha, root_n),
        b=np.multiply(beta, _REF_N),
        nphi=np.multiply(phi, _REF_N),
    )
    return value / _WL_UNIT


def scaled_covariance(xi1, xi2, alpha, *, beta1=0.0, beta2=0.0, epsilon=0.0, phi=0.0):
    """``cov[G(xi1), G(xi2)]`` of Eq. (14) in units of ``(e^2/h)^2 (N1 N2 / N^2)^2``.

    Parameters
    ----------
    xi1, xi2 : float or array_like
        Perpendicular fields ``x / sqrt(N)`` of the two conductances.
    alpha : float or array_like
        Spin-orbit strength ``a / sqrt(N)`` (``numpy.inf`` allowed).
    beta1, beta2 : float or array_like
        Zeeman fields ``b / N``.
    epsilon : float or array_like
        Energy difference ``2 pi (eps - eps') / (N Delta)``.
    phi : float or array_like
        Dephasing rate ``nphi / N``.

    Returns
    -------
    float or ndarray
        ``F_D + F_C`` of Eq. (14) with ``N = 1`` (zero temperature).
    """
    root_n = np.sqrt(_REF_N)
    value = conductance_covariance(
        _REF_N1,
        _REF_N2,
        x1=np.multiply(xi1, root_n),
        x2=np.multiply(xi2, root_n),
        a=np.multiply(alpha, root_n),
        b1=np.multiply(beta1, _REF_N),
        b2=np.multiply(beta2, _REF_N),
        de=np.multiply(epsilon, _REF_N),
        nphi=np.multiply(phi, _REF_N),
    )
    return value / _WL_UNIT**2


def scaled_variance(xi, alpha, beta=0.0, phi=0.0):
    """``var G`` of Eq. (14) in units of ``(e^2/h)^2 (N1 N2 / N^2)^2`` (scaled variables)."""
    return scaled_covariance(xi, xi, alpha, beta1=beta, beta2=beta, phi=phi)


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


def long_table(rows: list[dict]) -> dict[str, np.ndarray]:
    """Concatenate blocks of equal-length columns into one long-format table."""
    keys = rows[0].keys()
    return {k: np.concatenate([np.asarray(r[k]).ravel() for r in rows]) for k in keys}


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


def plot_mc_points(ax, mc, key, colors, table, *, offset=0.036):
    """Error bars of the stored Monte-Carlo runs (one marker style per channel number)."""
    xi = mc["xi"]
    for c, n_total in enumerate(mc["N"]):
        style = mc_marker_styles(n_total)
        shift = (c - 0.5 * (len(mc["N"]) - 1)) * offset  # keep error bars apart
        for i, alpha in enumerate(mc["alpha"]):
            value, err = mc[key][c, i], mc[key + "_err"][c, i]
            ax.errorbar(
                xi + shift,
                value,
                yerr=err,
                ls="none",
                color=colors[i],
                capsize=1.5,
                lw=0.9,
                marker=style["marker"],
                ms=style["ms"],
                mfc=style["mfc"] or colors[i],
                mec=colors[i],
            )
            table.append(table_block(f"Monte Carlo N={n_total:g}", alpha, xi, value, err))


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
