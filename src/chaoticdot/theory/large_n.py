"""Exact finite-N ensemble statistics against the large-N limits of Eqs. (13)-(14).

In the limits ``x, a, b`` each 0 or infinite the stub model reduces to a circular ensemble
whose conductance statistics are known exactly for any channel numbers
(:func:`chaoticdot.theory.exact_conductance_stats`). The functions below compare them with the
closed forms Eqs. (13)-(14) evaluated deep in the same limit. Units: ``e^2/h`` for ``<dG>``,
``(e^2/h)^2`` for ``var G``.
"""

from __future__ import annotations

import numpy as np

from ..tables import LongTable
from .closed_form import conductance_variance, wl_correction
from .ensembles import ENSEMBLES, exact_conductance_stats

__all__ = ["ENSEMBLE_LIMITS", "large_n_limit", "exact_vs_large_n", "smallest_trustworthy_n"]

#: Parameters (x/sqrt(N), a/sqrt(N), b/N) standing in for the limits of each ensemble
#: (``inf`` -> large; the Zeeman limit is taken after the spin-orbit one, b^2 >> N a^2).
ENSEMBLE_LIMITS = {
    "COE": (0.0, 0.0, 0.0),
    "CUE": (1e3, 0.0, 0.0),
    "2COE": (0.0, 0.0, 1e8),
    "2CUE": (1e3, 0.0, 1e8),
    "CSE": (0.0, 1e2, 0.0),
    "CUE2N": (1e3, 1e2, 0.0),
}


def large_n_limit(N1, N2, ensemble: str) -> tuple[float, float]:
    """``<dG>`` (Eq. 13) and ``var G`` (Eq. 14) in the limit that defines ``ensemble``.

    Parameters
    ----------
    N1, N2 : int
        Channel numbers.
    ensemble : str
        A key of :data:`chaoticdot.theory.ENSEMBLES`.

    Returns
    -------
    dG, var : float
        ``<dG> = <G> - 2 N1 N2 / N`` in ``e^2/h`` and ``var G`` in ``(e^2/h)^2``, from the
        closed forms evaluated at the (large) parameters of :data:`ENSEMBLE_LIMITS`.
    """
    if ensemble not in ENSEMBLE_LIMITS:
        raise ValueError(f"ensemble must be one of {sorted(ENSEMBLE_LIMITS)}, got {ensemble!r}")
    xi, alpha, beta = ENSEMBLE_LIMITS[ensemble]
    n = N1 + N2
    x, a, b = xi * np.sqrt(n), alpha * np.sqrt(n), beta * n
    return (
        wl_correction(N1, N2, x=x, a=a, b=b),
        conductance_variance(N1, N2, x=x, a=a, b=b),
    )


def exact_vs_large_n(N1, N2) -> dict[str, np.ndarray]:
    """Exact finite-N ensemble statistics next to the large-N limits, for every ensemble.

    Returns
    -------
    dict of 1-D arrays (one entry per ensemble)
        ``ensemble``; ``exact_dG``, ``large_n_dG`` (``e^2/h``); ``exact_var``,
        ``large_n_var`` (``(e^2/h)^2``); ``rel_dev_var = exact/large_n - 1``; and
        ``dev_dG = exact - large_n`` (absolute, since ``<dG>`` vanishes in some limits).
    """
    classical = 2.0 * N1 * N2 / (N1 + N2)
    t = LongTable()
    for ens in ENSEMBLES:
        mean, var = exact_conductance_stats(N1, N2, ens)
        dg, v = large_n_limit(N1, N2, ens)
        t.add(
            ensemble=ens,
            exact_dG=mean - classical,
            large_n_dG=dg,
            dev_dG=mean - classical - dg,
            exact_var=var,
            large_n_var=v,
            rel_dev_var=var / v - 1.0,
        )
    return t.columns()


def smallest_trustworthy_n(tol: float, n_max: int = 2000) -> dict[str, dict[str, int]]:
    """Smallest ``N1 = N2 = n`` for which Eqs. (13)-(14) are within ``tol`` of the exact values.

    For every circular ensemble (limit of the model), the relative deviation of the exact
    ``<dG>`` (ensembles with a non-zero correction) and ``var G`` from their large-N limits is
    computed for ``n = 1 ... n_max``; the result is the first ``n`` from which it stays below
    ``tol`` (it decreases monotonically in every case).

    Parameters
    ----------
    tol : float
        Relative tolerance, in (0, 1).
    n_max : int
        Largest channel number per lead examined.

    Returns
    -------
    dict
        ``{"dG": {ensemble: n}, "var": {ensemble: n}}``; ensembles without a weak-localization
        correction are absent from ``"dG"``.
    """
    if not 0 < tol < 1:
        raise ValueError(f"tol must lie in (0, 1), got {tol!r}")
    n = np.arange(1, int(n_max) + 1)
    out: dict[str, dict[str, int]] = {"dG": {}, "var": {}}
    for ens in ENSEMBLES:
        mean, var = exact_conductance_stats(n, n, ens)
        # for N1 = N2 the large-N limits (scaled parameters) do not depend on n
        ref_dg, ref_var = large_n_limit(1, 1, ens)
        for key, exact, ref in (("dG", mean - n, ref_dg), ("var", var, ref_var)):
            if key == "dG" and abs(ref) < 1e-4:
                continue  # no weak-localization correction in this limit
            bad = np.flatnonzero(np.abs(exact / ref - 1.0) > tol)
            first = 1 if bad.size == 0 else int(bad[-1]) + 2
            if first > n_max:
                raise ValueError(f"n_max = {n_max} too small for tol = {tol}")
            out[key][ens] = first
    return out
