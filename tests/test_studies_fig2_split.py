"""Split sampling of the Fig. 2 grid (chaoticdot.studies.fig2_split): unbiased, smaller errors.

Independent routes: the split estimates are compared with the plain correlated-sampling
statistics of independent realizations (``simulate_fig2``) and with the exact circular-ensemble
values at ``x = 0``; the energy invariance that lets one draw serve several energies is tested
directly; the bootstrap errors are compared with the analytic error of a control-variate mean.
"""

from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pytest

from chaoticdot import rmt
from chaoticdot.studies.fig2_mc import simulate_fig2
from chaoticdot.studies.fig2_split import (
    SPLIT_ENERGIES,
    estimate_split,
    sample_split,
    split_energies,
)
from chaoticdot.theory import exact_conductance_stats

N1, M = 2, 32
XI = np.array([0.0, 0.5, 1.5])
ALPHAS = np.array([0.0, 0.3, 1.0, np.inf])
DRAWS = {0.0: 300, 0.3: 150, 1.0: 300, np.inf: 300}


@pytest.fixture(scope="module")
def split():
    streams = sample_split(N1, xi=XI, alphas=ALPHAS, draws=DRAWS, M=M, seed=5)
    return streams, estimate_split(streams, alphas=ALPHAS, n1=N1, bootstrap=200, seed=1)


#: Per-field draws (nested tiers): fewer draws where a field needs fewer.
NESTED = {0.0: 300, 0.3: [150, 80, 150], 1.0: [300, 200, 300], np.inf: [300, 60, 300]}


@pytest.fixture(scope="module")
def nested():
    streams = sample_split(N1, xi=XI, alphas=ALPHAS, draws=NESTED, M=M, seed=15)
    return streams, estimate_split(streams, alphas=ALPHAS, n1=N1, bootstrap=200, seed=2)


@pytest.fixture(scope="module")
def plain():
    return simulate_fig2(N1, xi=XI, alphas=ALPHAS, samples=1500, M=M, seed=6)


def test_stream_shapes(split):
    streams, est = split
    assert streams[0.0].shape == (300, SPLIT_ENERGIES, 1, 3)
    assert streams[0.3].shape == (150, SPLIT_ENERGIES, 2, 3)
    assert streams[np.inf].shape == (300, SPLIT_ENERGIES, 1, 3)
    assert est["mean_G"].shape == est["var_G_err"].shape == (4, 3)
    assert est["cov_G"].shape == (4, 3, 3)


@pytest.mark.parametrize("key", ["mean_G", "var_G"])
def test_agrees_with_correlated_method(split, plain, key):
    _, est = split
    z = (est[key] - plain[key]) / np.hypot(est[key + "_err"], plain[key + "_err"])
    assert np.all(np.abs(z) < 4.0), z
    assert np.mean(z**2) > 0.02  # independent runs: the comparison is not vacuous


def test_covariances_agree(split, plain):
    _, est = split
    z = (est["cov_G"] - plain["cov_G"]) / np.hypot(est["cov_G_err"], plain["cov_G_err"])
    assert np.all(np.abs(z[:, 1:, 1:]) < 4.0), z


def test_nested_streams_evaluate_each_field_on_its_leading_draws(nested):
    streams, _ = nested
    for key, draws in NESTED.items():
        g = streams[key]
        evaluated = np.isfinite(g).all(axis=1)  # (draws, curves, fields)
        target = np.broadcast_to(draws, (3,))
        assert len(g) == target.max()
        # the target curve: field j on the first draws[j] draws (x = 0 of a = inf on all)
        expected = np.arange(len(g))[:, None] < target[None, :]
        if np.isinf(key):
            expected[:, 0] = True
        np.testing.assert_array_equal(evaluated[:, -1, :], expected)
        # the a = 0 control of a finite alpha > 0: every field of every draw
        if g.shape[2] == 2:
            assert evaluated[:, 0, :].all()


@pytest.mark.parametrize("key", ["mean_G", "var_G"])
def test_nested_streams_agree_with_correlated_method(nested, plain, key):
    _, est = nested
    z = (est[key] - plain[key]) / np.hypot(est[key + "_err"], plain[key + "_err"])
    assert np.all(np.abs(z) < 4.0), z
    assert np.mean(z**2) > 0.02


def test_nested_errors_follow_the_draws(nested):
    """A field with fewer draws has the larger error (a = inf: 60 draws at xi = 0.5 against 300
    at xi = 1.5, where its control is weaker): the estimator uses the draws it is given."""
    streams, est = nested
    g = streams[np.inf][:, :, 0, :].mean(axis=1)
    mean, _ = exact_conductance_stats(N1, N1, "CSE")
    for j, n in ((1, 60), (2, 300)):
        analytic = rmt.control_variate_mean(g[:n, j : j + 1], g[:n, :1], mean).error[0]
        assert est["mean_G_err"][-1, j] == pytest.approx(analytic, rel=0.25)


def test_uniform_per_field_draws_equal_one_stream():
    """A per-field list with one value is the plain stream (same draws, bit for bit)."""
    kw = dict(xi=XI, alphas=ALPHAS, M=M, seed=4)
    plain_draws = {k: 5 for k in DRAWS}
    listed = {k: [5, 5, 5] for k in DRAWS}
    a, b = sample_split(N1, draws=plain_draws, **kw), sample_split(N1, draws=listed, **kw)
    for key in a:
        np.testing.assert_array_equal(a[key], b[key])


def test_exact_control_points(split):
    """The x = 0 points of a = 0 and a = inf carry the exact ensemble moments."""
    _, est = split
    for row, ensemble in ((0, "COE"), (-1, "CSE")):
        mean, var = exact_conductance_stats(N1, N1, ensemble)
        assert est["mean_G"][row, 0] == pytest.approx(mean, abs=1e-12)
        assert est["var_G"][row, 0] == pytest.approx(var, abs=1e-12)
        assert est["mean_G_err"][row, 0] < 1e-10


def test_multifidelity_control_reduces_error(split):
    """At weak spin-orbit coupling the a = 0 control removes most of the noise."""
    streams, est = split
    g = streams[0.3][:, :, 1, :].mean(axis=1)  # per-draw averages over energies
    plain_err = rmt.mean(g).error
    assert np.all(est["mean_G_err"][1, 1:] < 0.5 * plain_err[1:])


def test_controls_reduce_variance_errors(split):
    """var G: the a = 0 controls (a = 0.3) and the exact CSE controls near x = 0 (a = inf) give
    smaller errors than the plain estimator on the same draws."""
    streams, est = split
    for row, key, curve, fields in ((1, 0.3, 1, slice(1, None)), (-1, np.inf, 0, slice(1, 2))):
        g = streams[key][:, :, curve, :]
        sq = ((g - g.mean(axis=(0, 1))) ** 2).mean(axis=1)  # per-draw squared deviations
        plain_err = rmt.mean(sq).error
        assert np.all(est["var_G_err"][row, fields] < plain_err[fields]), key
    g = streams[np.inf][:, :, 0, :].mean(axis=1)
    assert est["mean_G_err"][-1, 1] < rmt.mean(g[:, 1]).error


def test_vanishing_spin_orbit_reproduces_control_curve():
    """a -> 0: the spin-full curve equals its control, and the regression on the a = 0 curve
    returns the pooled a = 0 estimate itself (value and error)."""
    alphas = np.array([0.0, 1e-9])
    streams = sample_split(N1, xi=XI, alphas=alphas, draws={0.0: 100, 1e-9: 100}, M=M, seed=3)
    est = estimate_split(streams, alphas=alphas, n1=N1, bootstrap=50, seed=0)
    for key in ("mean_G", "var_G", "mean_G_err", "var_G_err"):
        np.testing.assert_allclose(est[key][1], est[key][0], rtol=0, atol=1e-5)


def test_regression_bias_is_far_below_the_errors(split):
    """The O(q / n) bias of the estimated regression coefficients, estimated by the bootstrap
    (mean of the estimates on resampled draws minus the estimate): below 0.1 of the error,
    bounded here at 0.1 plus 4 times the noise of the bootstrap mean (0.05 for 400 replicates)."""
    streams, est = split
    rng = np.random.default_rng(7)
    replicates = 400
    total = {"mean_G": 0.0, "var_G": 0.0}
    for _ in range(replicates):
        resampled = {k: g[rng.integers(0, len(g), len(g))] for k, g in streams.items()}
        rep = estimate_split(resampled, alphas=ALPHAS, n1=N1, bootstrap=2)
        for key in total:
            total[key] = total[key] + rep[key]
    exact = np.zeros((len(ALPHAS), len(XI)), dtype=bool)
    exact[[0, -1], 0] = True  # exact control points: no bias, no error
    for key, value in total.items():
        bias = value / replicates - est[key]
        bound = (0.1 + 4 / np.sqrt(replicates)) * est[key + "_err"]
        assert np.all(np.abs(bias[~exact]) < bound[~exact]), key


def test_bootstrap_error_matches_regression_error(split):
    """Bootstrap error of the a = inf mean vs the analytic control-variate error."""
    streams, est = split
    g = streams[np.inf][:, :, 0, :].mean(axis=1)
    mean, _ = exact_conductance_stats(N1, N1, "CSE")
    analytic = rmt.control_variate_mean(g[:, 1:], g[:, :1], mean).error
    np.testing.assert_allclose(est["mean_G_err"][-1, 1:], analytic, rtol=0.2)


def test_energy_invariance():
    """<G> and var G are the same at every energy of a draw (exact invariance of the ensembles)."""
    e = split_energies(M, 2 * N1)
    g = rmt.sample_conductance(
        N1, N1, x=1.0, a=np.array([[0.0], [1.0], [np.inf]]), energy=e, M=M, samples=1500, seed=8
    )
    m, v = rmt.mean(g), rmt.variance(g)
    for est in (m, v):
        ref = est.value[:, :1]
        assert np.all(np.abs(est.value - ref) < 4 * np.hypot(est.error, est.error[:, :1]) + 1e-12)


def test_energies_of_a_draw_are_uncorrelated():
    e = split_energies(M, 2 * N1)
    g = rmt.sample_conductance(N1, N1, x=1.0, a=1.0, energy=e[:2], M=M, samples=2000, seed=9)
    rho = np.corrcoef(g[:, 0], g[:, 1])[0, 1]
    assert abs(rho) < 4 / np.sqrt(2000)


def test_bit_identical_for_any_executor():
    kw = dict(xi=XI, alphas=ALPHAS, draws={k: 3 for k in DRAWS}, M=M, seed=2)
    serial = sample_split(N1, executor="serial", **kw)
    with ProcessPoolExecutor(max_workers=2) as pool:
        parallel = sample_split(N1, executor=pool, **kw)
    for key in serial:
        np.testing.assert_array_equal(serial[key], parallel[key])


def test_bad_input():
    with pytest.raises(ValueError, match="xi"):
        sample_split(N1, xi=[0.5, 1.0], alphas=ALPHAS, draws=DRAWS, M=M, seed=0)
    with pytest.raises(ValueError, match="alphas"):
        sample_split(N1, xi=XI, alphas=[0.3, 1.0], draws=DRAWS, M=M, seed=0)
    with pytest.raises(ValueError, match="draws"):
        sample_split(N1, xi=XI, alphas=ALPHAS, draws={0.0: 3}, M=M, seed=0)
    for bad in ([5, 5], [5, 0, 5], 2.5, [5.0, 5.0, 5.0]):
        with pytest.raises(ValueError, match="draws"):
            sample_split(N1, xi=XI, alphas=ALPHAS, draws={**DRAWS, 1.0: bad}, M=M, seed=0)
    with pytest.raises(ValueError, match="bootstrap"):
        estimate_split({}, alphas=ALPHAS, n1=N1, bootstrap=1)


def test_nested_second_moments_use_the_shared_leading_draws(nested):
    """var G and cov G of a = inf from the public control-variate mean on the leading draws:
    per draw, the energy average of the product of deviations from the estimated means, with
    the exact CSE variance of G(x = 0) as control."""
    streams, est = nested
    g = streams[np.inf][:, :, 0, :]
    mu, var = exact_conductance_stats(N1, N1, "CSE")
    d = g - est["mean_G"][-1]
    control = ((g[:, :, 0] - mu) ** 2).mean(axis=1)
    for i, j in ((1, 1), (2, 2), (1, 2)):
        n = min(NESTED[np.inf][i], NESTED[np.inf][j])  # 60 or 300 draws
        prod = (d[:n, :, i] * d[:n, :, j]).mean(axis=1)
        ref = rmt.control_variate_mean(prod, control[:n], var).value
        assert est["cov_G"][-1, i, j] == pytest.approx(float(ref), abs=1e-12)
