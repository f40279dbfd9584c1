"""Analytic theory of the paper: Eqs. (8)-(14), dephasing, temperature, exact ensembles.

Public conductance moments (closed forms, Eqs. 13-14; units e^2/h and (e^2/h)^2)
-------------------------------------------------------------------------------
mean_conductance, wl_correction, conductance_covariance, conductance_variance
(also with the spin flux ``x_so`` and the cross term ``zeeman_so`` of uniform spin-orbit
coupling: closed forms where the spins decouple, the general route otherwise)

General cooperon/diffuson route (any field vectors, any terms of the perturbation model)
--------------------------------------------------------------------------------------
wl_correction_general, conductance_covariance_general, cooperon_spectrum,
inverse_cooperon, inverse_diffuson

Temperature
-----------
thermal_kernel, thermal_resolvent, thermal_frobenius2

Exact finite-N statistics of the circular ensembles
---------------------------------------------------
transmission_mean, transmission_variance, exact_conductance_stats, ensemble_of_limit, ENSEMBLES
"""

from . import closed_form, ensembles, kernels, temperature
from .closed_form import *  # noqa: F403
from .ensembles import *  # noqa: F403
from .kernels import *  # noqa: F403
from .temperature import *  # noqa: F403

# The public names are those of the four modules (each keeps its own ``__all__``).
__all__ = [*closed_form.__all__, *kernels.__all__, *temperature.__all__, *ensembles.__all__]
