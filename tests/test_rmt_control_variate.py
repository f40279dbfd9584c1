"""Control-variate mean: unbiased, smaller error, checked on synthetic data and the stub."""

import numpy as np
import pytest

from chaoticdot import rmt, theory


def test_synthetic_correlated_gaussians():
    rng = np.random.default_rng(5)
    n, rho = 4000, 0.9
    c = rng.standard_normal(n)
    g = 2.0 + rho * c + np.sqrt(1 - rho**2) * rng.standard_normal(n)
    cv = rmt.control_variate_mean(g, c, 0.0)
    plain = rmt.mean(g)
    assert cv.within(2.0, 4)
    # Error reduced by sqrt(1 - rho^2) (its own sampling error is ~1/sqrt(2n)).
    assert cv.error / plain.error == pytest.approx(np.sqrt(1 - rho**2), rel=0.05)


def test_stub_zero_field_control():
    """G(x, a) with the same realization's G(0, 0) as control (exact COE mean)."""
    N1 = N2 = 2
    x = np.array([0.0, 0.5, 1.0])
    g = rmt.sample_conductance(N1, N2, x=x, a=[[0.0], [0.5]], M=40, samples=1500, seed=12)
    control = g[:, 0, 0]
    exact = theory.exact_conductance_stats(N1, N2, "COE")[0]
    cv = rmt.control_variate_mean(g, control[:, None, None], exact)
    plain = rmt.mean(g)
    # The control point itself is reproduced exactly, with zero error.
    assert cv.value[0, 0] == pytest.approx(exact, abs=1e-12)
    assert cv.error[0, 0] == pytest.approx(0.0, abs=1e-12)
    diff = np.abs(cv.value - plain.value)
    assert np.all(diff <= 4 * plain.error)
    assert np.all(cv.error[:, 1:] < plain.error[:, 1:])


def test_arguments_are_checked():
    with pytest.raises(ValueError, match="control_mean"):
        rmt.control_variate_mean([1.0, 2.0, 3.0], [1.0, 2.0, 4.0], np.nan)
    with pytest.raises(ValueError, match="control"):
        rmt.control_variate_mean([1.0, 2.0, 3.0], [1.0, 1.0, 1.0], 1.0)
