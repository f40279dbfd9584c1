"""Bad input that the one-parameter campaign does not reach: values that are individually
allowed but overflow together (huge samples, extreme weights, tiny denominators)."""

from __future__ import annotations

import numpy as np
import pytest

from chaoticdot.lattice import coefficient_ratio, fit_even_series, fit_size_law
from chaoticdot.rmt import chi_square

X = np.array([0.1, 0.2, 0.3])
SAMPLES = np.random.default_rng(0).standard_normal((5, 3))


@pytest.mark.parametrize("x", [[1e200, 2e200, 3e200], [1e-300, 2e-300, 3e-300]])
def test_even_series_refuses_overflowing_or_vanishing_design(x):
    with pytest.raises(ValueError, match="x and powers .* full column rank"):
        fit_even_series(x, SAMPLES)
    with pytest.raises(ValueError, match="x and powers"):
        fit_even_series(X, SAMPLES, powers=(2, 10**9))


def test_even_series_refuses_overflowing_samples_and_is_scale_invariant():
    with pytest.raises(ValueError, match="samples out of the floating-point range"):
        fit_even_series(X, SAMPLES * 1e300)
    # far from overflow the fit is linear in the data and chi^2 does not depend on the scale
    base, scaled = fit_even_series(X, SAMPLES), fit_even_series(X, SAMPLES * 1e100)
    assert np.allclose(scaled.coefficients, 1e100 * base.coefficients, rtol=1e-12, atol=0)
    assert scaled.chi2 == pytest.approx(base.chi2, rel=1e-8)


@pytest.mark.parametrize(
    "powers, error",
    [((2.5,), ValueError), ([], ValueError), ("24", TypeError), (4, TypeError)],
)
def test_even_series_powers(powers, error):
    with pytest.raises(error, match="powers must be a non-empty sequence"):
        fit_even_series(X, SAMPLES, powers=powers)
    # integral floats and integer arrays are the same powers
    assert fit_even_series(X, SAMPLES, powers=np.array([2.0])).powers == (2,)


def test_coefficient_ratio_refuses_overflow_and_other_types():
    fit = fit_even_series(X, SAMPLES)
    tiny = fit_even_series(X, SAMPLES * 1e-300)
    with pytest.raises(ValueError, match="denominator coefficient is too small"):
        coefficient_ratio(fit, 2, tiny, 2)
    with pytest.raises(TypeError, match="numerator must be a EvenSeriesFit"):
        coefficient_ratio(fit.coefficients, 2, fit, 2)
    with pytest.raises(ValueError, match="power_d must be one of"):
        coefficient_ratio(fit, 2, fit, 6)


def test_size_law_refuses_weights_out_of_range():
    lengths = [40.0, 60.0, 80.0]
    with pytest.raises(ValueError, match="values and errors"):
        fit_size_law(lengths, [1e300, 1.0, 1.0], [1e-300, 1.0, 1.0])
    with pytest.raises(ValueError, match="determine the slope"):
        fit_size_law(lengths, [1.0, 1.0, 1.0], [1e-150, 1.0, 1e150])
    with pytest.raises(ValueError, match="values must have the shape of lengths"):
        fit_size_law(lengths, [1.0, 2.0], [0.1, 0.1, 0.1])


def test_chi_square_refuses_overflow():
    with pytest.raises(ValueError, match="covariance must have entries within"):
        chi_square([1.0, 0.0], np.diag([1.7e308, 1.7e308]))
    with pytest.raises(ValueError, match="residuals too large"):
        chi_square([1e300, 1e300], np.diag([1e-300, 1e-300]))
    with pytest.raises(ValueError, match="len\\(residuals\\)"):
        chi_square([1.0], np.eye(3))
    with pytest.raises(TypeError, match="rcond"):
        chi_square([1.0, 0.0], np.eye(2), rcond="1e-3")
