"""Microscopic tight-binding model of a chaotic dot with a partial spin-orbit gate.

A square lattice (a0 = 1, t = 1) with spin: a rectangular dot with a Sinai-like hole and weak
disorder, two clean spin-degenerate leads, Rashba coupling as SU(2) link variables with a
position-dependent strength (gate profiles) plus an optional uniform Dresselhaus coupling,
Peierls phases for a perpendicular field confined to the dot, and a Zeeman term. Transport by
Fisher-Lee with one sparse LU per energy.

Public names
------------
DotModel
    Parameters of one dot and one disorder realisation; ``.hamiltonian()``,
    ``.conductance(energy)``, ``.transmission_matrix(energy)``, ``.scattering_matrix(energy)``.
conductance_ensemble
    Ensembles over disorder and energy with paired variants, on any executor.
DotGeometry, RashbaField, ColumnGaugeField, PROFILES
    Lower-level building blocks (geometry, link fields).
spin_flux
    Leading-order spin flux ``A / (4 pi lambda_x lambda_y)`` of uniform coupling.
dot_hamiltonian, conductance, transmission_matrix, scattering_matrix
    The Hamiltonian and the Fisher-Lee solver as functions.
kramers_levels, spacing_ratios
    Closed-dot level statistics.
suppression_study, fit_even_series, coefficient_ratio, fit_size_law
    Spin-orbit suppression of the weak-localization dip: coefficients of its expansion in
    L/lambda, their ratios and their dependence on the dot size.
fit_line_shape
    Fits of magnetoconductance curves to the line shape of paper Eq. (13).
displaced_dip, fit_displaced_dip
    Weak localization with a spin flux and in-plane spin-orbit rates (closed form of the general
    cooperon), its lattice line shape and a GLS fit with the covariance over realisations.

The module does not depend on Kwant; Kwant is used only by the tests as an independent check.
"""

from .displaced_dip import (
    DisplacedDipFit,
    displaced_dip,
    fit_displaced_dip,
)
from .ensembles import EnsembleResult, conductance_ensemble
from .geometry import DotGeometry, disorder_potential
from .hamiltonian import axial_gauge, dot_hamiltonian
from .leads import channel_count, channel_window, energy_from_kf, kf_from_energy, lead_modes
from .levels import RATIO_REFERENCE, kramers_levels, mean_spacing_ratio, spacing_ratios
from .magnetoconductance import LineShapeFit, fit_line_shape, line_shape
from .model import DotModel
from .scaling import (
    EvenSeriesFit,
    SizeLaw,
    SuppressionStudy,
    coefficient_ratio,
    fit_even_series,
    fit_size_law,
    suppression_study,
)
from .spin_orbit import (
    EDGE_CONTRAST,
    PROFILES,
    ColumnGaugeField,
    RashbaField,
    gate_length,
    profile_strength,
    spin_flux,
)
from .transport import conductance, scattering_matrix, transmission_matrix

__all__ = [
    "DotModel",
    "DotGeometry",
    "EnsembleResult",
    "conductance_ensemble",
    "disorder_potential",
    "dot_hamiltonian",
    "axial_gauge",
    "channel_count",
    "channel_window",
    "energy_from_kf",
    "kf_from_energy",
    "lead_modes",
    "PROFILES",
    "EDGE_CONTRAST",
    "gate_length",
    "RashbaField",
    "ColumnGaugeField",
    "profile_strength",
    "spin_flux",
    "conductance",
    "scattering_matrix",
    "transmission_matrix",
    "RATIO_REFERENCE",
    "kramers_levels",
    "spacing_ratios",
    "mean_spacing_ratio",
    "DisplacedDipFit",
    "displaced_dip",
    "fit_displaced_dip",
    "LineShapeFit",
    "fit_line_shape",
    "line_shape",
    "EvenSeriesFit",
    "SizeLaw",
    "SuppressionStudy",
    "coefficient_ratio",
    "fit_even_series",
    "fit_size_law",
    "suppression_study",
]
