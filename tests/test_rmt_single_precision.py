"""Single precision in the stub Monte Carlo: accuracy far below the noise.

The ``precision="single"`` option of :func:`chaoticdot.rmt.sample_conductance` draws the random
matrices and factorises the Schur complement in ``complex64``. The same realizations (same
seed, same random streams) are evaluated in both precisions on the spin-full, spin-decoupled
and ``a = inf`` (CSE) paths at the Fig. 2 stub size ``M = 8 N``: the conductance differences
must be tiny compared with the sample standard deviation of ``G`` (which sets the statistical
error of every estimate).
"""

import numpy as np
import pytest

from chaoticdot import rmt


@pytest.mark.parametrize("n1", [2, 5])
def test_single_precision_error_far_below_noise(n1):
    N = 2 * n1
    x = np.array([0.0, 1.0, 2.0]) * np.sqrt(N)
    a = np.array([[0.0], [0.5], [np.inf]]) * np.sqrt(N)
    kw = dict(x=x, a=a, M=8 * N, samples=40, seed=3, executor="serial")
    g64 = rmt.sample_conductance(n1, n1, **kw)
    g32 = rmt.sample_conductance(n1, n1, precision="single", **kw)
    diff = np.abs(g32 - g64)
    # single precision really is used (otherwise this test could not fail) ...
    assert diff.max() > 1e-12
    # ... and its error is at least 1e4 times below the spread of G at every point
    assert diff.max() < 1e-4 * g64.std(axis=0, ddof=1).min()
    # the bias of a mean over the samples is smaller still
    assert np.abs((g32 - g64).mean(axis=0)).max() < 1e-5 * g64.std(axis=0, ddof=1).min()


def test_single_precision_keeps_exact_ensemble():
    """At x = 0 the stub is exactly COE: single precision stays within the error."""
    from chaoticdot.theory import exact_conductance_stats

    g = rmt.sample_conductance(2, 2, M=40, samples=3000, seed=9, precision="single")
    exact_mean, exact_var = exact_conductance_stats(2, 2, "COE")
    assert rmt.mean(g).within(exact_mean, 4)
    assert rmt.variance(g).within(exact_var, 4)


def test_precision_is_validated():
    with pytest.raises(ValueError, match="precision"):
        rmt.sample_conductance(1, 1, samples=2, precision="half")


@pytest.mark.parametrize("draw", ["haar_unitary", "coe_matrix", "cse_matrix"])
@pytest.mark.parametrize("M", [10, 60])
def test_single_precision_draws_the_same_matrices(draw, M):
    """Both precisions use the same random variates (small M: numpy's QR; M >= 24 for the
    CSE and M >= 48 otherwise: LAPACK's blocked QR): the matrices agree to rounding."""
    f = getattr(rmt, draw)
    u64 = f(np.random.default_rng(4), M, 3)
    u32 = f(np.random.default_rng(4), M, 3, precision="single")
    assert u64.dtype == np.complex128 and u32.dtype == np.complex64
    assert np.abs(u32 - u64).max() < 1e-5
    eye = np.eye(u64.shape[-1])
    assert np.abs(u64 @ np.conj(np.swapaxes(u64, -1, -2)) - eye).max() < 1e-12
    assert np.abs(u32 @ np.conj(np.swapaxes(u32, -1, -2)) - eye).max() < 1e-5


def test_large_haar_matrices_follow_the_documented_algorithm():
    """Large matrices (LAPACK's blocked QR) against numpy's QR of the same Ginibre matrix
    (real parts, then imaginary parts, from the generator) with Mezzadri's phase fix."""
    v = rmt.haar_unitary(np.random.default_rng(5), 64, 2)
    rng = np.random.default_rng(5)
    shape = (2, 64, 64)
    z = rng.standard_normal(shape) + 1j * rng.standard_normal(shape)
    q, r = np.linalg.qr(z)
    d = np.diagonal(r, axis1=-2, axis2=-1)
    np.testing.assert_allclose(v, q * (d / np.abs(d))[..., None, :], atol=1e-12)


@pytest.mark.parametrize("draw", ["haar_unitary", "coe_matrix", "cse_matrix"])
def test_draw_precision_is_validated(draw):
    with pytest.raises(ValueError, match="precision"):
        getattr(rmt, draw)(np.random.default_rng(0), 4, precision="float16")
