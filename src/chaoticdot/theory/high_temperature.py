"""High-temperature asymptote of the thermally averaged variance of Eq. (14).

For ``k_B T`` much larger than the correlation energy, ``K_T`` is flat over the width of the
energy correlation function: ``var_T G -> K(0) int cov(de) d(de)`` with
``K(0) = 1 / (12 pi kT)`` (units: ``de = 2 pi (eps - eps')/Delta``, ``kT = k_B T / Delta``). At
``a = b = x = 0`` the covariance is ``8 (N1 N2/N)^2 / |N + nphi - i de|^2``, whose integral is
``8 pi (N1 N2/N)^2 / (N + nphi)``, so

``var_T G / var_0 G -> (N + nphi) / (12 kT) = (N + nphi) Delta / (12 k_B T)``.

Units: ``de = 2 pi (eps - eps') / Delta``, ``kT = k_B T / Delta``, ``nphi`` in channels.
"""

from __future__ import annotations

import numpy as np

from .closed_form import conductance_covariance

__all__ = ["high_temperature_ratio", "energy_integral_of_covariance"]


def high_temperature_ratio(N, nphi, kT):
    """Leading high-temperature suppression ``var_T G / var_0 G ~ (N + nphi) / (12 kT)``.

    Valid for ``a = b = x = 0`` and ``kT >> (N + nphi)`` (module docstring; derived
    here, not in the paper).

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
        return conductance_covariance(N1, N2, x1=x, x2=x, a=a, b1=b, b2=b, de=de, nphi=nphi)

    value, _ = quad(cov, -np.inf, np.inf, epsabs=0.0, epsrel=1e-10, limit=400)
    return value
