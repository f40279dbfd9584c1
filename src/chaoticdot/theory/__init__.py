"""Analytic theory: closed forms, general cooperon/diffuson route, exact ensembles.

Exact finite-N statistics of the circular ensembles
---------------------------------------------------
transmission_mean, transmission_variance, exact_conductance_stats, ensemble_of_limit, ENSEMBLES
"""

from .ensembles import (
    ENSEMBLES,
    ensemble_of_limit,
    exact_conductance_stats,
    transmission_mean,
    transmission_variance,
)

__all__ = [
    "ENSEMBLES",
    "ensemble_of_limit",
    "exact_conductance_stats",
    "transmission_mean",
    "transmission_variance",
]
