"""Spin-orbit suppression of the weak-localization dip versus L/lambda, and its log-log slope.

The paper's gauge argument predicts the spin-orbit rate of a dot of size ``L``:

* uniform coupling, ``1/tau_so^u ~ (1/tau_erg) (L/lambda)^4``  (paper Eq. (2)),
* spatially varying coupling (a partial gate), ``1/tau_so^s ~ (1/tau_erg) (L/lambda_s)^2``
  (paper Eq. (3)).

For a weak rate the suppression of the weak-localization correction is proportional to the rate
(expand Eq. (13) to first order in ``a^2``), so the suppression ``S(lambda) = <G_lambda(B=0)> -
<G_no SO(B=0)>`` scales as ``(L/lambda)^4`` or ``(L/lambda)^2``. Spin-orbit coupling leaves
``<G>`` unchanged once time reversal is broken (no cooperon), so ``S`` is the reduction of the
dip depth ``<G(B_inf)> - <G(B=0)>``.

Fit form. For one realisation the conductance is an analytic function of ``1/lambda^2`` (a
spin rotation by pi about z maps lambda -> -lambda), so ``S = c2 (L/lambda)^2 + c4 (L/lambda)^4
+ ...``: the exponent can only be an even integer, and the physics is *which* coefficient
survives the average. The gauge argument says ``c2 = 0`` for uniform coupling, sample by sample
(tested exactly in the test suite), and ``c2 > 0`` for a gate. The fitted form is therefore the
leading power with the first correction of this expansion,
``S = c (L/lambda)^p [1 + d (L/lambda)^2]``, with ``p`` free; a plain power law (``d = 0``)
over the same points is reported too: its slope is a local, range-dependent exponent.

Statistics: ``S`` is a paired difference (with and without spin-orbit coupling on the same
disorder realisation and energy), which removes the sample-to-sample conductance fluctuations
(book appendix "Lattice model"). Errors are delete-a-block jackknife estimates over realisations,
which
keep the strong correlations between the points of one curve (they share the samples).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import least_squares

from .._validation import check_bool, check_finite, check_positive_int
from .ensembles import conductance_ensemble
from .model import DotModel
from .spin_orbit import gate_length

__all__ = ["PowerLawFit", "fit_power_law", "SuppressionStudy", "suppression_study"]


@dataclass(frozen=True)
class PowerLawFit:
    """Fit ``c x^p (1 + d x^2)`` on log axes with a jackknife error on the exponent ``p``."""

    slope: float
    slope_error: float
    prefactor: float
    correction: float = 0.0

    def __call__(self, x):
        """The fitted law ``prefactor * x^slope * (1 + correction * x^2)``."""
        x = np.asarray(x, dtype=float)
        return self.prefactor * x**self.slope * (1.0 + self.correction * x**2)


def _loglog_fit(x, y, correction):
    if np.any(y <= 0):
        return np.nan, np.nan, np.nan
    slope, intercept = np.polyfit(np.log(x), np.log(y), 1)
    if not correction:
        return float(slope), float(np.exp(intercept)), 0.0
    lx, ly = np.log(x), np.log(y)

    def resid(p):
        return p[0] + p[1] * lx + np.log1p(np.clip(p[2] * x**2, -0.99, None)) - ly

    sol = least_squares(resid, [intercept, slope, 0.0])
    return float(sol.x[1]), float(np.exp(sol.x[0])), float(sol.x[2])


def fit_power_law(x, samples, n_blocks: int = 16, *, correction: bool = False) -> PowerLawFit:
    """Fit ``mean(samples, axis=0) = c x^p (1 + d x^2)``; jackknife error of ``p``.

    Parameters
    ----------
    x : array_like, shape (k,)
        Positive abscissae (here L/lambda).
    samples : array_like, shape (n, k)
        One row per independent realisation (paired differences), one column per ``x``.
    n_blocks : int
        Jackknife blocks (contiguous groups of rows); at most ``n``.
    correction : bool
        Include the relative correction ``d x^2`` (needs at least 3 points); False fits a
        plain power law.

    Returns
    -------
    PowerLawFit
        Exponent ``p`` with its jackknife standard error, prefactor ``c`` and correction ``d``.
        The exponent is NaN if a mean is not positive (no power law on log axes).
    """
    x = check_finite(x, "x")
    samples = check_finite(samples, "samples")
    correction = check_bool(correction, "correction")
    if samples.ndim != 2 or samples.shape[1] != x.size or x.size < 2:
        raise ValueError("samples must have shape (n_realisations, len(x)) with len(x) >= 2")
    if np.any(x <= 0):
        raise ValueError("x must be positive for a log-log fit")
    if correction and x.size < 3:
        raise ValueError("the fit with a correction term needs at least 3 values of x")
    n = samples.shape[0]
    n_blocks = min(check_positive_int(n_blocks, "n_blocks"), n)
    slope, pref, corr = _loglog_fit(x, samples.mean(axis=0), correction)
    if n_blocks < 2:
        return PowerLawFit(slope, np.nan, pref, corr)
    blocks = np.array_split(np.arange(n), n_blocks)
    partial = np.array(
        [_loglog_fit(x, np.delete(samples, b, axis=0).mean(axis=0), correction)[0] for b in blocks]
    )
    err = np.sqrt((n_blocks - 1) / n_blocks * np.sum((partial - partial.mean()) ** 2))
    return PowerLawFit(slope, float(err), pref, corr)


@dataclass(frozen=True)
class SuppressionStudy:
    """Result of :func:`suppression_study`.

    Attributes
    ----------
    ratios : dict[str, ndarray]
        ``L / lambda_s`` per profile (``L / lambda`` for uniform coupling).
    differences : dict[str, ndarray]
        Paired differences ``G_lambda(B=0) - G_noSO(B=0)`` (e^2/h), shape (n_real, k).
    dip : ndarray
        Per-realisation ``G_noSO(B_inf) - G_noSO(B=0)`` (e^2/h): the weak-localization dip.
    fits : dict[str, PowerLawFit]
        Fits ``c (L/lambda)^p [1 + d (L/lambda)^2]`` of the mean differences.
    plain_fits : dict[str, PowerLawFit]
        Plain power laws over the same points (local exponents).
    model : DotModel
        Base parameters.
    """

    ratios: dict
    differences: dict
    dip: np.ndarray
    fits: dict
    plain_fits: dict
    model: DotModel

    def table(self) -> dict[str, np.ndarray]:
        """Long-format table: profile, L/lambda, mean suppression, standard error, slope."""
        rows = {
            "profile": [],
            "L_over_lambda_s": [],
            "suppression": [],
            "stderr": [],
            "slope": [],
            "slope_error": [],
            "plain_slope": [],
            "plain_slope_error": [],
        }
        for prof, r in self.ratios.items():
            d = self.differences[prof]
            fit = self.fits[prof]
            for j, ratio in enumerate(r):
                rows["profile"].append(prof)
                rows["L_over_lambda_s"].append(ratio)
                rows["suppression"].append(d[:, j].mean())
                rows["stderr"].append(d[:, j].std(ddof=1) / np.sqrt(d.shape[0]))
                rows["slope"].append(fit.slope)
                rows["slope_error"].append(fit.slope_error)
                rows["plain_slope"].append(self.plain_fits[prof].slope)
                rows["plain_slope_error"].append(self.plain_fits[prof].slope_error)
        return {k: np.asarray(v) for k, v in rows.items()}


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
        profile the values are ``L / lambda``.
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
    base = model.replace(so_length=np.inf, flux=0.0)
    variants = [{}, {"flux": float(large_flux)}]
    layout = {}
    for prof, rs in ratios.items():
        rs = np.asarray(rs, dtype=float)
        if rs.ndim != 1 or rs.size < 2 or np.any(rs <= 0):
            raise ValueError(f"ratios[{prof!r}] must be >= 2 positive values of L/lambda")
        layout[prof] = (len(variants), rs)
        variants += [
            {"so_profile": prof, "so_length": gate_length(prof, model.length / r)} for r in rs
        ]
    res = conductance_ensemble(
        base, variants, n_samples=n_samples, seed=seed, executor=executor, progress=progress
    )
    g = res.realisations()
    diffs, fits, plain = {}, {}, {}
    for prof, (start, rs) in layout.items():
        diffs[prof] = g[:, start : start + rs.size] - g[:, [0]]
        fits[prof] = fit_power_law(rs, diffs[prof], correction=rs.size >= 3)
        plain[prof] = fit_power_law(rs, diffs[prof])
    return SuppressionStudy(
        ratios={p: v[1] for p, v in layout.items()},
        differences=diffs,
        dip=g[:, 1] - g[:, 0],
        fits=fits,
        plain_fits=plain,
        model=base,
    )
