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

from .._validation import (
    check_choice,
    check_finite,
    check_instance,
    check_positive_int,
    real_array,
)
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
        k = self.powers.index(check_choice(power, "power", self.powers))
        return float(self.coefficients[k]), float(self.errors[k])

    def __call__(self, x):
        """The fitted series at ``x``."""
        x = real_array(x, "x", "a real number or array")
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
    powers = _check_powers(powers)
    x = check_finite(x, "x")
    if x.ndim != 1 or np.any(x <= 0):
        raise ValueError(f"x must be a 1-D array of positive finite values, got {x!r}")
    if np.unique(x).size != x.size or x.size <= len(powers):
        raise ValueError(
            f"x must hold more than len(powers) = {len(powers)} distinct values, got {x.size}"
        )
    samples = check_finite(samples, "samples")
    if samples.ndim != 2 or samples.shape[1] != x.size or samples.shape[0] < 2:
        raise ValueError(
            f"samples must have shape (n_realisations >= 2, len(x) = {x.size}), "
            f"got shape {samples.shape}"
        )
    with np.errstate(over="ignore", under="ignore"):
        design = x[:, None] ** np.array(powers)[None, :]
    # Overflow (x > 1, large powers) or underflow (tiny x) leaves columns that are infinite,
    # zero or numerically parallel: the coefficients are then not determined by the data.
    if not np.all(np.isfinite(design)) or np.linalg.matrix_rank(design) < len(powers):
        raise ValueError(
            f"x and powers must give a finite design matrix x**powers of full column rank "
            f"(no overflow, underflow or degenerate columns), got x={x!r}, powers={powers!r}"
        )
    pinv = np.linalg.pinv(design)  # (p, k): coefficients = pinv @ curve
    n = samples.shape[0]
    proj = np.eye(x.size) - design @ pinv  # residual projector
    with np.errstate(over="ignore", invalid="ignore"):
        per = samples @ pinv.T
        point_cov = np.cov(samples, rowvar=False, ddof=1) / n  # covariance of the mean points
        coeff_cov = pinv @ point_cov @ pinv.T
        resid_cov = proj @ point_cov @ proj.T
    if not all(np.all(np.isfinite(a)) for a in (per, coeff_cov, resid_cov)):
        raise ValueError(
            "samples out of the floating-point range of the fit (their covariance overflows): "
            f"rescale them to moderate values, got max |samples| = {np.abs(samples).max():.3g}"
        )
    mean = samples.mean(axis=0)
    resid = proj @ mean
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

    Parameters
    ----------
    numerator, denominator : EvenSeriesFit
        Fits of :func:`fit_even_series` to the same realisations.
    power_n, power_d : int
        The power of ``x`` whose coefficient is taken, one of ``numerator.powers`` and
        ``denominator.powers`` respectively.

    Returns
    -------
    (float, float)
        The ratio and its standard error.
    """
    check_instance(numerator, EvenSeriesFit, "numerator")
    check_instance(denominator, EvenSeriesFit, "denominator")
    check_choice(power_n, "power_n", numerator.powers)
    check_choice(power_d, "power_d", denominator.powers)
    if numerator.per_realisation.shape[0] != denominator.per_realisation.shape[0]:
        raise ValueError("numerator and denominator must be fitted to the same realisations")
    a_i = numerator.per_realisation[:, numerator.powers.index(power_n)]
    b_i = denominator.per_realisation[:, denominator.powers.index(power_d)]
    n = a_i.size
    a, b = a_i.mean(), b_i.mean()
    if b == 0:
        raise ValueError("the denominator coefficient is zero: the ratio is undefined")
    cov = np.cov(a_i, b_i, ddof=1) / n
    with np.errstate(over="ignore", invalid="ignore"):
        r = a / b
        var = (cov[0, 0] - 2 * r * cov[0, 1] + r**2 * cov[1, 1]) / b**2
    if not (np.isfinite(r) and np.isfinite(var)):
        raise ValueError(
            "the denominator coefficient is too small against the numerator: the ratio "
            f"overflows, got {a:.3g} / {b:.3g}"
        )
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
    lengths = check_finite(lengths, "lengths")
    if lengths.ndim != 1 or lengths.size < 2 or np.unique(lengths).size != lengths.size:
        raise ValueError(f"lengths must hold at least 2 distinct values, got {lengths!r}")
    if np.any(lengths <= 0):
        raise ValueError(f"lengths must be positive (in (0, inf)), got {lengths!r}")
    values = _positive_like(values, "values", lengths, "for a fit on logarithmic axes")
    errors = _positive_like(errors, "errors", lengths, "(standard errors)")
    with np.errstate(over="ignore", under="ignore", divide="ignore"):
        w = (values / errors) ** 2
    if not np.all(np.isfinite(w) & (w > 0)):
        raise ValueError(
            "values and errors must give relative errors errors/values whose inverse square "
            f"(the weight) is finite and non-zero, got values={values!r}, errors={errors!r}"
        )
    ref = float(np.exp(np.mean(np.log(lengths))))
    u, y = np.log(lengths / ref), np.log(values)
    design = np.stack([np.ones_like(u), u], axis=1)
    normal = design.T @ (w[:, None] * design)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        det = normal[0, 0] * normal[1, 1] - normal[0, 1] ** 2
    # The spread of log L must be resolved against the rounding of the weighted sums.
    if not (np.isfinite(det) and det > 1e-12 * normal[0, 0] * normal[1, 1]):
        raise ValueError(
            "lengths, values and errors must determine the slope: the lengths are too close "
            "on a logarithmic scale or the weights (values/errors)^2 span too many orders of "
            f"magnitude, got lengths={lengths!r}, weights={w!r}"
        )
    cov = np.linalg.inv(normal)
    (log_amp, q) = cov @ design.T @ (w * y)
    chi2 = float(np.sum(w * (y - log_amp - q * u) ** 2))
    return SizeLaw(
        float(q), float(np.sqrt(cov[1, 1])), float(np.exp(log_amp)), ref, chi2, lengths.size - 2
    )


def _check_powers(powers) -> tuple:
    """A non-empty sequence of distinct positive integers (powers of ``x``), as a tuple."""
    allowed = "a non-empty sequence of distinct positive integers (1 <= power <= 1e+09)"
    if isinstance(powers, str | bytes) or not (
        isinstance(powers, Sequence) or isinstance(powers, np.ndarray) and powers.ndim == 1
    ):
        raise TypeError(f"powers must be {allowed}, got {powers!r}")
    if len(powers) == 0:
        raise ValueError(f"powers must be {allowed}, got {powers!r}")
    try:
        out = tuple(check_positive_int(p, "powers") for p in powers)
    except (TypeError, ValueError) as err:
        raise type(err)(f"powers must be {allowed}, got {powers!r}") from None
    if len(set(out)) != len(out):
        raise ValueError(f"powers must be {allowed}, got {powers!r}")
    return out


def _positive_like(value, name: str, like: np.ndarray, why: str) -> np.ndarray:
    """Finite positive array of the shape of ``like`` (the lengths)."""
    arr = check_finite(value, name)
    if arr.shape != like.shape:
        raise ValueError(
            f"{name} must have the shape of lengths {like.shape}, got shape {arr.shape}"
        )
    if np.any(arr <= 0):
        raise ValueError(f"{name} must be positive (in (0, inf)) {why}, got {value!r}")
    return arr


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
