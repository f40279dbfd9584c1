"""Monte-Carlo sampling of the stub random-matrix model, Eqs. (4)-(7) of the paper.

Public API
----------
sample_conductance
    Conductance samples ``G`` (``e^2/h``) at many parameter points, one realization used for
    all points (correlated sampling); parallel, bit-reproducible, ``a = inf`` via the CSE.
scattering_matrix
    One ``2N x 2N`` scattering matrix of the stub model.
hamiltonian_scattering_matrix, hamiltonian_conductance
    The independent Hamiltonian (Mahaux-Weidenmueller) construction.
mean, variance, covariance, Estimate
    Estimates with standard errors.
control_variate_mean
    Mean with a control variate of exactly known mean (e.g. the zero-field COE conductance).
choose_M, M_RULE
    The accuracy rule for the stub size when ``M=None``.
estimate_cost, CostEstimate, COST_LIMITS
    Memory and time of a run, estimated before it starts (time measured on this machine);
    ``sample_conductance`` refuses runs above the caps.
haar_unitary, coe_matrix, cse_matrix
    Circular ensembles.
perturbation_matrices
    The fixed matrices ``X, A1, A2, A3`` of Eq. (7) (the symmetric ``Y`` of the cross term:
    :func:`chaoticdot.rmt.perturbations.orbital_matrix`).

Every sampler takes the terms of :mod:`chaoticdot.perturbation_model`: ``x``, ``a`` or
``so_axes``, the spin flux ``x_so`` and the Zeeman x spin-orbit cross term ``zeeman_so``
as keywords, any term by name through ``terms=`` (:func:`sample_conductance`,
:func:`estimate_cost`, :func:`scattering_matrix`).
finite_m_wl_correction, finite_m_covariance
    Gaussian-level (leading order in 1/N) ``<dG>`` and covariance of the stub at finite
    ``M``, evaluated exactly for the actual ``R``: they separate finite-``M`` from finite-``N``
    effects.
"""

from .chi_square import ChiSquare, chi_square
from .cost import COST_LIMITS, CostEstimate
from .haar import coe_matrix, cse_matrix, haar_unitary
from .hamiltonian import hamiltonian_conductance, hamiltonian_scattering_matrix
from .kernels import finite_m_covariance, finite_m_wl_correction
from .perturbations import perturbation_matrices
from .sampling import M_RULE, choose_M, estimate_cost, sample_conductance, scattering_matrix
from .statistics import Estimate, control_variate_mean, covariance, mean, variance

__all__ = [
    "sample_conductance",
    "scattering_matrix",
    "hamiltonian_scattering_matrix",
    "hamiltonian_conductance",
    "finite_m_wl_correction",
    "finite_m_covariance",
    "mean",
    "variance",
    "covariance",
    "control_variate_mean",
    "chi_square",
    "ChiSquare",
    "Estimate",
    "choose_M",
    "M_RULE",
    "estimate_cost",
    "CostEstimate",
    "COST_LIMITS",
    "haar_unitary",
    "coe_matrix",
    "cse_matrix",
    "perturbation_matrices",
]
