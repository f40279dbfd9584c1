"""Parallel magnetic field: Zeeman regimes and the field asymmetry of the conductance.

A field in the plane of the dot couples only to the spin, through the Zeeman term of Eq. (7)
with ``b = pi g mu_B B / Delta``. Eqs. (13)-(14) then give (text after Eq. 14) variance steps
``8 -> 4 -> 2 -> 1`` in units of ``(e^2/h)^2 (N1 N2 / N^2)^2`` as time reversal, spin and
Kramers degeneracy are removed, and, with spin-orbit coupling *and* a parallel field, the
loss of the symmetry ``G(x) = G(-x)``:
``<[G(x) - G(-x)]^2> = 2 var G(x) - 2 cov[G(x), G(-x)]``.
"""

from __future__ import annotations

import numpy as np

from ..tables import LongTable
from .closed_form import conductance_covariance, conductance_variance
from .ensembles import ensemble_of_limit, exact_conductance_stats
from .scaled import scaled_covariance, scaled_variance, scaled_wl_correction

__all__ = ["LIMIT", "REGIMES", "variance_limits", "asymmetry_correlator", "scaled_asymmetry"]

#: Numerical stand-ins for "infinite" scaled parameters: ``xi^2 = x^2/N``, ``alpha^2 = a^2/N``
#: and ``beta = b/N``. The Zeeman limit must be taken last, ``b^2 >> N a^2`` (paper, text
#: after Eq. 14), hence ``beta >> alpha``. Corrections are of relative order 1e-4.
LIMIT = {"xi": 1e3, "alpha": 1e2, "beta": 1e8}


#: The four symmetry regimes of the text after Eq. (14): label, (alpha, beta) as 0 or "inf",
#: and the circular ensembles reached at x = 0 and x = inf (book appendix 'Derivations and
#: conventions', section Exact ensembles).
REGIMES = (
    ("no spin-orbit, no field", 0.0, 0.0),
    ("no spin-orbit, large b", 0.0, np.inf),
    ("strong spin-orbit, no field", np.inf, 0.0),
    ("strong spin-orbit, large b", np.inf, np.inf),
)


def _finite(value, name):
    return LIMIT[name] if np.isinf(value) else value


def variance_limits(n_exact: int = 500) -> dict[str, np.ndarray]:
    """Eq. (13)-(14) in the four regimes at ``x = 0`` and ``x^2 >> N``, next to exact ensembles.

    Parameters
    ----------
    n_exact : int
        Channels per lead ``N1 = N2`` at which the exact circular-ensemble values are
        evaluated (a large value checks the large-N limit; a small one shows finite-N
        corrections).

    Returns
    -------
    dict of 1-D arrays, one entry per regime
        ``regime`` (label), ``ensemble_x0`` and ``ensemble_xinf`` (names, see
        :data:`chaoticdot.theory.ENSEMBLES`), ``var_x0``/``var_xinf`` (Eq. 14) and
        ``exact_var_x0``/``exact_var_xinf`` in ``(e^2/h)^2 (N1 N2/N^2)^2``, and ``wl_x0``,
        ``exact_wl_x0`` (``<dG>`` at ``x = 0``, Eq. 13, in ``(e^2/h) N1 N2 / N^2``).
    """
    n = int(n_exact)
    unit_mean = n * n / (2 * n) ** 2  # N1 N2 / N^2
    classical = 2 * n * n / (2 * n)  # 2 N1 N2 / N
    rows = LongTable()
    for label, alpha, beta in REGIMES:
        al, be = _finite(alpha, "alpha"), _finite(beta, "beta")
        ens0 = ensemble_of_limit(x=0.0, a=alpha, b=beta)
        ensi = ensemble_of_limit(x=np.inf, a=alpha, b=beta)
        mean0, var0 = exact_conductance_stats(n, n, ens0)
        _, vari = exact_conductance_stats(n, n, ensi)
        rows.add(
            regime=label,
            ensemble_x0=ens0,
            ensemble_xinf=ensi,
            var_x0=float(scaled_variance(alpha=al, beta=be)),
            var_xinf=float(scaled_variance(xi=LIMIT["xi"], alpha=al, beta=be)),
            exact_var_x0=var0 / unit_mean**2,
            exact_var_xinf=vari / unit_mean**2,
            wl_x0=float(scaled_wl_correction(alpha=al, beta=be)),
            exact_wl_x0=(mean0 - classical) / unit_mean,
        )
    return rows.columns()


def asymmetry_correlator(N1, N2, *, x, a, b, nphi=0.0):
    """Mean-square field asymmetry ``<[G(x) - G(-x)]^2>`` from Eq. (14), in ``(e^2/h)^2``.

    ``<[G(x) - G(-x)]^2> = var G(x) + var G(-x) - 2 cov[G(x), G(-x)]``; the averages ``<G(x)>``
    and ``<G(-x)>`` are equal (Eq. 13 depends on ``x^2`` only), and so are the two variances.
    Both conductances are taken at the same Zeeman field ``b``.

    Parameters
    ----------
    N1, N2 : int
        Channel numbers.
    x, a, b, nphi : float or array_like
        Dimensionless perpendicular field, spin-orbit strength (``inf`` allowed), Zeeman field
        and dephasing rate, as in :func:`chaoticdot.theory.conductance_covariance`.

    Returns
    -------
    float or ndarray
        ``(e^2/h)^2``; exactly zero when ``a = 0`` or ``b = 0``.
    """
    var = conductance_variance(N1, N2, x=x, a=a, b=b, nphi=nphi)
    cov = conductance_covariance(
        N1, N2, x1=x, x2=-np.asarray(x, dtype=float), a=a, b1=b, b2=b, nphi=nphi
    )
    return 2.0 * (np.asarray(var) - np.asarray(cov))


def scaled_asymmetry(xi, alpha, beta):
    """``<[G(x) - G(-x)]^2>`` in ``(e^2/h)^2 (N1 N2 / N^2)^2`` (scaled variables).

    ``xi = x / sqrt(N)``, ``alpha = a / sqrt(N)``, ``beta = b / N`` (module
    :mod:`chaoticdot.theory.scaled`); exactly zero when ``alpha = 0`` or ``beta = 0``.
    """
    xi = np.asarray(xi, dtype=float)
    return 2.0 * (
        scaled_variance(xi=xi, alpha=alpha, beta=beta)
        - scaled_covariance(xi1=xi, xi2=-xi, alpha=alpha, beta1=beta, beta2=beta)
    )
