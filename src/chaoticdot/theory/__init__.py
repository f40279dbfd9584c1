"""Analytic theory of the paper: Eqs. (8)-(14), dephasing, temperature, exact ensembles.

Public conductance moments (closed forms, Eqs. 13-14; units e^2/h and (e^2/h)^2)
-------------------------------------------------------------------------------
mean_conductance, wl_correction, conductance_covariance, conductance_variance

General cooperon/diffuson route (any field vectors, per-axis spin-orbit strengths)
--------------------------------------------------------------------------------
wl_correction_general, conductance_covariance_general, cooperon_spectrum

Temperature
-----------
thermal_kernel, thermal_resolvent, thermal_frobenius2

Exact finite-N statistics of the circular ensembles
---------------------------------------------------
transmission_mean, transmission_variance, exact_conductance_stats, ensemble_of_limit, ENSEMBLES
"""

from .closed_form import (
    conductance_covariance,
    conductance_variance,
    cooperon_trace,
    mean_conductance,
    wl_correction,
)
from .ensembles import (
    ENSEMBLES,
    ensemble_of_limit,
    exact_conductance_stats,
    transmission_mean,
    transmission_variance,
)
from .kernels import (
    SPIN_BASIS_LABELS,
    conductance_covariance_general,
    cooperon_spectrum,
    inverse_cooperon,
    inverse_diffuson,
    wl_correction_general,
)
from .temperature import thermal_frobenius2, thermal_kernel, thermal_resolvent

__all__ = [
    "mean_conductance",
    "wl_correction",
    "conductance_covariance",
    "conductance_variance",
    "cooperon_trace",
    "wl_correction_general",
    "conductance_covariance_general",
    "cooperon_spectrum",
    "inverse_cooperon",
    "inverse_diffuson",
    "SPIN_BASIS_LABELS",
    "thermal_kernel",
    "thermal_resolvent",
    "thermal_frobenius2",
    "ENSEMBLES",
    "ensemble_of_limit",
    "exact_conductance_stats",
    "transmission_mean",
    "transmission_variance",
]
