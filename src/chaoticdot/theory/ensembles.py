"""Exact finite-N conductance statistics of the circular ensembles (ideal leads).

These are the exact references for the Monte-Carlo simulations: in each limit of the paper's
model (x, a, b each either zero or infinite) the scattering matrix belongs to one of Dyson's
circular ensembles, whose transmission mean and variance are known for any channel numbers
(Beenakker, RMP 69, 731 (1997), quantum-dot section).

Conventions
-----------
``N1`` and ``N2`` count *orbital* channels per lead (spin or Kramers degeneracy excluded).
For ``beta = 4`` every Kramers pair is counted once, i.e. ``T = tr(t^dagger t) / 2`` of the
spin-resolved ``2 N2 x 2 N1`` transmission block. Transmissions are dimensionless; conductances
are in units of ``e^2/h`` and variances in ``(e^2/h)^2``.
"""

from __future__ import annotations

import numpy as np

from .._arrays import as_output
from .._validation import check_channels, check_choice, real_array

__all__ = [
    "ENSEMBLES",
    "transmission_mean",
    "transmission_variance",
    "exact_conductance_stats",
    "ensemble_of_limit",
]

ENSEMBLES: dict[str, str] = {
    "COE": "spin-degenerate circular orthogonal ensemble (a = b = x = 0)",
    "CUE": "spin-degenerate circular unitary ensemble (a = b = 0, x^2 >> N)",
    "2COE": "two independent COEs, one per spin (a = 0, b >> N, x = 0)",
    "2CUE": "two independent CUEs, one per spin (a = 0, b >> N, x^2 >> N)",
    "CSE": "circular symplectic ensemble, Kramers-degenerate (a^2 >> N, b = 0, x = 0)",
    "CUE2N": "CUE of size 2N without degeneracy (a^2 >> N and (x^2 >> N or b^2 >> N a^2))",
}

# ensemble name -> (beta, spin multiplicity of <G>, multiplicity of var G, channels doubled).
# Spin-degenerate copies are perfectly correlated (G = 2 T, var G = 4 var T); two independent
# spin species add their variances (var G = 2 var T); the 2N-CUE has no degeneracy at all.
_RULES = {
    "COE": (1, 2.0, 4.0, False),
    "CUE": (2, 2.0, 4.0, False),
    "2COE": (1, 2.0, 2.0, False),
    "2CUE": (2, 2.0, 2.0, False),
    "CSE": (4, 2.0, 4.0, False),
    "CUE2N": (2, 1.0, 1.0, True),
}


def _check_beta(beta) -> float:
    return float(check_choice(beta, "beta", (1, 2, 4)))


def transmission_mean(N1, N2, beta):
    """Exact ensemble average of the total transmission ``T = sum_n T_n``.

    ``<T> = N1 N2 / (N - 1 + 2/beta)`` with ``N = N1 + N2`` (appendix "Exact ensembles").

    Parameters
    ----------
    N1, N2 : int or array of int
        Orbital channel numbers of the two leads (>= 1), without spin.
    beta : {1, 2, 4}
        Dyson index (COE, CUE, CSE). For ``beta = 4`` Kramers pairs are counted once.

    Returns
    -------
    float or ndarray
        ``<T>`` (dimensionless).
    """
    n1, n2 = check_channels(N1, N2)
    b = _check_beta(beta)
    return as_output(n1 * n2 / (n1 + n2 - 1.0 + 2.0 / b))


def transmission_variance(N1, N2, beta):
    """Exact ensemble variance of the total transmission ``T``.

    ``var T = 2 N1 N2 (N1 - 1 + 2/beta)(N2 - 1 + 2/beta)
    / [beta (N - 2 + 2/beta)(N - 1 + 2/beta)^2 (N - 1 + 4/beta)]`` (appendix "Exact ensembles").
    For ``beta = 2`` this is ``N1^2 N2^2 / [N^2 (N^2 - 1)]``.

    Parameters
    ----------
    N1, N2 : int or array of int
        Orbital channel numbers of the two leads (>= 1), without spin.
    beta : {1, 2, 4}
        Dyson index. For ``beta = 4`` Kramers pairs are counted once.

    Returns
    -------
    float or ndarray
        ``var T`` (dimensionless).
    """
    n1, n2 = check_channels(N1, N2)
    b = _check_beta(beta)
    n = n1 + n2
    s = 2.0 / b
    num = 2.0 * n1 * n2 * (n1 - 1.0 + s) * (n2 - 1.0 + s)
    den = b * (n - 2.0 + s) * (n - 1.0 + s) ** 2 * (n - 1.0 + 2.0 * s)
    return as_output(num / den)


def exact_conductance_stats(N1, N2, ensemble):
    """Exact mean and variance of the conductance in one limit of the model.

    Implements the table of the appendix, section
    "Exact ensembles": with ``<T>_beta`` and ``var T_beta`` from
    :func:`transmission_mean` and :func:`transmission_variance`,

    ========  ==================  ======================
    ensemble  <G> / (e^2/h)       var G / (e^2/h)^2
    ========  ==================  ======================
    COE       2 <T>_1             4 var T_1
    CUE       2 <T>_2             4 var T_2
    2COE      2 <T>_1             2 var T_1
    2CUE      2 <T>_2             2 var T_2
    CSE       2 <T>_4             4 var T_4
    CUE2N     <T>_2(2N1, 2N2)     var T_2(2N1, 2N2)
    ========  ==================  ======================

    Parameters
    ----------
    N1, N2 : int or array of int
        Orbital channel numbers (>= 1).
    ensemble : str
        One of the keys of :data:`ENSEMBLES`.

    Returns
    -------
    mean, var : float or ndarray
        ``<G>`` in ``e^2/h`` and ``var G`` in ``(e^2/h)^2``.
    """
    check_choice(ensemble, "ensemble", tuple(_RULES))
    beta, m_mean, m_var, doubled = _RULES[ensemble]
    n1, n2 = check_channels(N1, N2)
    if doubled:
        n1, n2 = 2 * n1, 2 * n2
    return (m_mean * transmission_mean(n1, n2, beta), m_var * transmission_variance(n1, n2, beta))


def _zero_or_inf(value, name: str) -> bool:
    """True for +inf (or -inf for the signed x, b), False for 0; ValueError otherwise."""
    v = real_array(value, name, "0 or numpy.inf")
    if v.ndim:
        raise ValueError(f"{name} must be a scalar, 0 or numpy.inf, got {value!r}")
    v = float(v)
    if v == 0.0:
        return False
    if np.isinf(v) and (v > 0 or name != "a"):
        return True
    raise ValueError(f"{name} must be 0 or numpy.inf for an exact ensemble limit, got {value!r}")


def ensemble_of_limit(*, x=0.0, a=0.0, b=0.0) -> str:
    """Name of the circular ensemble reached in a limit of the model (appendix "Exact ensembles").

    Each parameter must be either 0 or infinite; "infinite" means ``x^2 >> N`` (orbital field),
    ``a^2 >> N`` (spin-orbit rate) and ``|b| >> N`` (Zeeman field; for ``x`` and ``b`` the
    sign is irrelevant). The rule is

    * ``a = 0``: the spins decouple. ``b = 0`` gives spin-degenerate copies (``COE`` at
      ``x = 0``, ``CUE`` at ``x = inf``); ``b = inf`` splits the spin species into two
      independent ensembles (``2COE`` at ``x = 0``, ``2CUE`` at ``x = inf``).
    * ``a = inf``, ``b = 0``, ``x = 0``: Kramers degeneracy survives, ``CSE``.
    * ``a = inf`` and (``x = inf`` or ``b = inf``): no symmetry left, ``CUE2N``. For
      ``a = b = inf`` the Zeeman limit is understood to be taken last, ``b^2 >> N a^2`` (the
      paper's condition ``b^2 >> N^2, N a^2``); for ``N^2 << b^2 << N a^2`` the singlet cooperon
      survives and no pure ensemble applies.

    Parameters
    ----------
    x, a, b : {0, numpy.inf}
        Dimensionless perpendicular field, spin-orbit strength and Zeeman field.

    Returns
    -------
    str
        A key of :data:`ENSEMBLES`.
    """
    big_x, big_a, big_b = (_zero_or_inf(v, n) for v, n in ((x, "x"), (a, "a"), (b, "b")))
    if not big_a:
        if big_b:
            return "2CUE" if big_x else "2COE"
        return "CUE" if big_x else "COE"
    return "CUE2N" if (big_x or big_b) else "CSE"
