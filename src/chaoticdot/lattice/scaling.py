"""Spin-orbit suppression of the weak-localization dip: coefficients of its expansion in L/lambda.

The paper's gauge argument predicts the spin-orbit rate of a dot of size ``L``:

* uniform coupling, ``1/tau_so^u ~ (1/tau_erg) (L/lambda)^4``  (paper Eq. (2)),
* spatially varying coupling (a partial gate), ``1/tau_so^s ~ (1/tau_erg) (L/lambda_s)^2``
  (paper Eq. (3)).

In the dimensionless strength of paper Eq. (7), ``a^2 = 2 pi hbar / (tau_so Delta)``, both read
``a^2 ~ 2 pi (E_T / Delta) (L/lambda)^p`` with ``E_T = hbar / tau_erg``. For a weak rate the
suppression of the weak-localization correction is linear in ``a^2`` (first order of paper
Eq. (13)), so the zero-field suppression ``S = <G_lambda(B=0) - G_noSO(B=0)>`` (e^2/h) is

    S = c2 x^2 + c4 x^4 + O(x^6),      x = L/lambda (uniform) or L/lambda_s (gates),

and the prediction is ``c2 = 0`` for uniform coupling (the gauge argument), ``c2 > 0`` for a
gate, and, at fixed channel number, ``c4(uniform)`` and ``c2(gate)`` both proportional to
``E_T/Delta`` of the dot: their ratio does not depend on ``L``.

Why a *linear* fit: for one realisation ``G`` is analytic in ``1/lambda^2`` (a spin rotation by
pi about z maps lambda -> -lambda), so the exponents are even integers by symmetry and only the
coefficients carry physics. A free exponent would measure the rigidity of the fit model.

Statistics. ``S`` is a paired difference (with and without spin-orbit coupling on the same
disorder realisation and energy), which removes the sample-to-sample conductance fluctuations.
The points of one curve share their realisations, so the fit is done realisation by realisation
(ordinary least squares, linear in the data): the mean of the per-realisation coefficients is
the fit of the mean curve, and their sample covariance divided by ``n`` is the full covariance of
the fitted coefficients, including every correlation between the points.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .._validation import check_finite, check_positive_int
from .ensembles import conductance_ensemble
from .model import DotModel
from .spin_orbit import gate_length

__all__ = [
    "EvenSeriesFit",
    "fit_even_series",
    "coefficient_ratio",
    "SizeLaw",
    "fit_size_law",
    "SuppressionStudy",
    "suppression_study",
]


@dataclass(frozen=True)
class EvenSeriesFit:
    """Fit ``S(x) = sum_k c_k x^k`` (``k`` in ``powers``) of paired differences.

    Attributes
    ----------
    powers : tuple of int
        The powers of ``x`` (default ``(2, 4)``).
    coefficients : ndarray, shape (p,)
        Fitted coefficients of the mean curve (units of the data, e^2/h).
    covariance : ndarray, shape (p, p)
        Covariance of the fitted coefficients (from the realisations).
    per_realisation : ndarray, shape (n, p)
        Coefficients of each realisation's own fit; their mean is ``coefficients``.
    chi2 : float
        ``r^T C_r^+ r`` of the residuals ``r`` of the mean curve with their full covariance
        ``C_r`` (pseudo-inverse, rank ``k - p``): a test of the truncation of the series.
    dof : int
        ``k - p`` (points minus coefficients).
    """

    powers: tuple
    coefficients: np.ndarray
    covariance: np.ndarray
    per_realisation: np.ndarray
    chi2: float
    dof: int

    @property
    def errors(self) -> np.ndarray:
        """Standard errors of the coefficients."""
        return np.sqrt(np.diag(self.covariance))

    def coefficient(self, power: int) -> tuple[float, float]:
        """``(value, standard error)`` of the coefficient of ``x**power``."""
        if power not in self.powers:
            raise ValueError(f"power must be one of {self.powers}, got {power!r}")
        k = self.powers.index(power)
        return float(self.coefficients[k]), float(self.errors[k])

    def __call__(self, x):
        """The fitted series at ``x``."""
        x = np.asarray(x, dtype=float)
        return sum(c * x**p for c, p in zip(self.coefficients, self.powers, strict=True))


def fit_even_series(x, samples, powers: Sequence[int] = (2, 4)) -> EvenSeriesFit:
    """Least-squares fit of ``sum_k c_k x^k`` to every realisation; errors from their spread.

    Parameters
    ----------
    x : array_like, shape (k,)
        Distinct positive abscissae (here ``L/lambda``), ``k > len(powers)``.
    samples : array_like, shape (n, k)
        One row per independent realisation (paired differences, e^2/h), ``n >= 2``.
    powers : sequence of int
        Distinct positive powers of the series (default ``(2, 4)``).

    Returns
    -------
    EvenSeriesFit
    """
    x = check_finite(x, "x")
    samples = check_finite(samples, "samples")
    powers = tuple(int(p) for p in powers)
    if x.ndim != 1 or np.any(~np.isfinite(x)) or np.any(x <= 0):
        raise ValueError("x must be a 1-D array of positive finite values")
    if len(set(powers)) != len(powers) or any(p <= 0 for p in powers):
        raise ValueError(f"powers must be distinct positive integers, got {powers!r}")
    if np.unique(x).size != x.size or x.size <= len(powers):
        raise ValueError(
            f"x must hold more than len(powers) = {len(powers)} distinct values, got {x.size}"
        )
    if samples.ndim != 2 or samples.shape[1] != x.size or samples.shape[0] < 2:
        raise ValueError("samples must have shape (n_realisations >= 2, len(x))")
    if not np.all(np.isfinite(samples)):
        raise ValueError("samples must be finite")
    design = x[:, None] ** np.array(powers)[None, :]
    pinv = np.linalg.pinv(design)  # (p, k): coefficients = pinv @ curve
    per = samples @ pinv.T
    n = samples.shape[0]
    point_cov = np.cov(samples, rowvar=False, ddof=1) / n  # covariance of the mean points
    coeff_cov = pinv @ point_cov @ pinv.T
    mean = samples.mean(axis=0)
    proj = np.eye(x.size) - design @ pinv  # residual projector
    resid = proj @ mean
    resid_cov = proj @ point_cov @ proj.T
    dof = x.size - len(powers)
    chi2 = float(resid @ np.linalg.pinv(resid_cov, rcond=1e-10, hermitian=True) @ resid)
    return EvenSeriesFit(powers, per.mean(axis=0), coeff_cov, per, chi2, dof)


def coefficient_ratio(
    numerator: EvenSeriesFit, power_n: int, denominator: EvenSeriesFit, power_d: int
) -> tuple[float, float]:
    """Ratio of two fitted coefficients with its standard error (delta method).

    The two fits must come from the *same* realisations (rows in the same order); the
    correlation between numerator and denominator is then included:
    ``var(A/B) = [var A - 2 (A/B) cov(A, B) + (A/B)^2 var B] / B^2``.

    Returns
    -------
    (float, float)
        The ratio and its standard error.
    """
    if numerator.per_realisation.shape[0] != denominator.per_realisation.shape[0]:
        raise ValueError("numerator and denominator must be fitted to the same realisations")
    a_i = numerator.per_realisation[:, numerator.powers.index(power_n)]
    b_i = denominator.per_realisation[:, denominator.powers.index(power_d)]
    n = a_i.size
    a, b = a_i.mean(), b_i.mean()
    if b == 0:
        raise ValueError("the denominator coefficient is zero")
    cov = np.cov(a_i, b_i, ddof=1) / n
    r = a / b
    var = (cov[0, 0] - 2 * r * cov[0, 1] + r**2 * cov[1, 1]) / b**2
    return float(r), float(np.sqrt(max(var, 0.0)))


@dataclass(frozen=True)
class SizeLaw:
    """Weighted fit ``y = A (L / L_ref)^q`` of independent estimates at several sizes ``L``."""

    exponent: float
    exponent_error: float
    amplitude: float
    reference_length: float
    chi2: float
    dof: int

    def __call__(self, length):
        """``A (L / L_ref)^q``."""
        return self.amplitude * (np.asarray(length, dtype=float) / self.reference_length) ** (
            self.exponent
        )


def fit_size_law(lengths, values, errors) -> SizeLaw:
    """Weighted straight-line fit of ``log y`` against ``log L``.

    Parameters
    ----------
    lengths : array_like, shape (k,)
        Dot sizes (``k >= 2`` distinct positive values).
    values, errors : array_like, shape (k,)
        Positive, *independent* estimates and their standard errors; the error of ``log y`` is
        ``error / value`` (first order).

    Returns
    -------
    SizeLaw
        Exponent ``q`` with its standard error, amplitude at the geometric-mean size, and the
        chi^2 of the fit with ``k - 2`` degrees of freedom.
    """
    lengths = np.asarray(lengths, dtype=float)
    values = np.asarray(values, dtype=float)
    errors = np.asarray(errors, dtype=float)
    if lengths.ndim != 1 or lengths.size < 2 or np.unique(lengths).size != lengths.size:
        raise ValueError("lengths must hold at least 2 distinct values")
    if np.any(lengths <= 0):
        raise ValueError("lengths must be positive")
    if values.shape != lengths.shape or errors.shape != lengths.shape:
        raise ValueError("values and errors must have the shape of lengths")
    if np.any(values <= 0):
        raise ValueError("values must be positive for a fit on logarithmic axes")
    if np.any(errors <= 0) or not np.all(np.isfinite(errors)):
        raise ValueError("errors must be positive and finite")
    ref = float(np.exp(np.mean(np.log(lengths))))
    u, y, w = np.log(lengths / ref), np.log(values), (values / errors) ** 2
    design = np.stack([np.ones_like(u), u], axis=1)
    normal = design.T @ (w[:, None] * design)
    cov = np.linalg.inv(normal)
    (log_amp, q) = cov @ design.T @ (w * y)
    chi2 = float(np.sum(w * (y - log_amp - q * u) ** 2))
    return SizeLaw(
        float(q), float(np.sqrt(cov[1, 1])), float(np.exp(log_amp)), ref, chi2, lengths.size - 2
    )


@dataclass(frozen=True)
class SuppressionStudy:
    """Result of :func:`suppression_study` (one dot size).

    Attributes
    ----------
    ratios : dict[str, ndarray]
        ``L / lambda_s`` per profile (``L / lambda`` for uniform coupling).
    differences : dict[str, ndarray]
        Paired differences ``G_lambda(B=0) - G_noSO(B=0)`` (e^2/h), shape (n_real, k).
    dip : ndarray
        Per-realisation ``G_noSO(B_inf) - G_noSO(B=0)`` (e^2/h): the weak-localization dip.
    fits : dict[str, EvenSeriesFit]
        Fits ``c2 x^2 + c4 x^4`` of the differences.
    model : DotModel
        Base parameters.
    """

    ratios: dict
    differences: dict
    dip: np.ndarray
    fits: dict
    model: DotModel


def suppression_study(
    model: DotModel,
    ratios: Mapping[str, Sequence[float]],
    *,
    n_samples: int,
    seed=0,
    large_flux: float = 4.0,
    executor=None,
    progress: bool = False,
) -> SuppressionStudy:
    """Weak-localization suppression versus ``L/lambda`` for several gate profiles.

    Parameters
    ----------
    model : DotModel
        Base dot (no spin-orbit coupling, no field; its ``so_*`` and ``flux`` are overridden).
    ratios : mapping profile -> sequence of float
        Values of ``L / lambda_s`` per gate profile, with ``lambda_s`` the paper's length of
        the *variation* of the coupling (the jump of ``1/lambda`` across a gate edge is
        ``1/lambda_s``; :func:`~chaoticdot.lattice.spin_orbit.gate_length`); for the uniform
        profile the values are ``L / lambda``. At least three values per profile.
    n_samples : int
        Disorder realisations (one energy each, drawn from the fixed-channel window).
    seed : int or SeedSequence
        Root seed.
    large_flux : float
        Flux (h/e) used to measure ``<G>`` with broken time reversal (the dip depth).
    executor, progress
        See :func:`~chaoticdot.lattice.ensembles.conductance_ensemble`.
    """
    n_samples = check_positive_int(n_samples, "n_samples")
    if n_samples < 2:
        raise ValueError(f"n_samples must be >= 2 (errors from the spread), got {n_samples}")
    base = model.replace(so_length=np.inf, flux=0.0)
    variants = [{}, {"flux": float(large_flux)}]
    layout = {}
    for prof, rs in ratios.items():
        rs = np.asarray(rs, dtype=float)
        if rs.ndim != 1 or rs.size < 3 or np.any(~(rs > 0)):
            raise ValueError(f"ratios[{prof!r}] must be >= 3 positive values of L/lambda")
        layout[prof] = (len(variants), rs)
        variants += [
            {"so_profile": prof, "so_length": gate_length(prof, model.length / r)} for r in rs
        ]
    res = conductance_ensemble(
        base, variants, n_samples=n_samples, seed=seed, executor=executor, progress=progress
    )
    g = res.realisations()
    diffs = {prof: g[:, s : s + rs.size] - g[:, [0]] for prof, (s, rs) in layout.items()}
    return SuppressionStudy(
        ratios={p: v[1] for p, v in layout.items()},
        differences=diffs,
        dip=g[:, 1] - g[:, 0],
        fits={p: fit_even_series(layout[p][1], d) for p, d in diffs.items()},
        model=base,
    )
