"""The exact broken time-reversal limit ``x = +-inf`` of the stub model.

Exact finite-N values of the circular ensembles (Beenakker, Rev. Mod. Phys. 69, 731 (1997),
quantum-dot section; :func:`chaoticdot.theory.exact_conductance_stats`):

* ``x = inf, a = b = 0``: spin-degenerate CUE, for every ``M``;
* ``x = inf, a = inf``: CUE of dimension ``2N`` (no degeneracy left);
* ``x = inf, a = 0, b = pi (M - N) / 2``: two uncorrelated CUE spin sectors (relative phase
  ``pi`` per passage through the stub, as for the two-COE limit).

Further exact facts: ``<G> = 2 N1 N2 / N`` for any ``a, b, energy`` at ``x = inf`` (invariance
of the Haar measure under ``U -> (W (+) 1) U (W' (+) 1)``, which maps ``S -> W S W'``), and
``G(+inf) = G(-inf)`` sample by sample whenever ``a = 0`` or ``a = inf`` (Onsager: the
``-inf`` point uses the time-reversed matrix).
"""

import numpy as np
import pytest

from chaoticdot import rmt, theory

M = 24
SAMPLES = 4000


@pytest.mark.parametrize("N1", [1, 2])
def test_infinite_x_matches_exact_unitary_ensembles(N1):
    N2 = N1
    N = N1 + N2
    b_half_turn = np.pi * (M - N) / 2
    x = np.array([np.inf, -np.inf, np.inf, np.inf])
    a = np.array([0.0, 0.0, np.inf, 0.0])
    b = np.array([0.0, 0.0, 0.0, b_half_turn])
    g = rmt.sample_conductance(N1, N2, x=x, a=a, b=b, M=M, samples=SAMPLES, seed=11 + N)
    for j, name in enumerate(["CUE", "CUE", "CUE2N", "2CUE"]):
        mean_exact, var_exact = theory.exact_conductance_stats(N1, N2, name)
        assert rmt.mean(g[:, j]).within(mean_exact, 4), (name, mean_exact)
        assert rmt.variance(g[:, j]).within(var_exact, 4), (name, var_exact)
    # Onsager at a = 0: G(+inf) = G(-inf) for every realization.
    np.testing.assert_allclose(g[:, 0], g[:, 1], atol=1e-10)


def test_infinite_x_mean_exact_with_every_other_parameter():
    """<G> = 2 N1 N2 / N exactly with spin-orbit, Zeeman field (any direction) and energy."""
    N1, N2 = 1, 2
    a = np.array([0.5, 2.0, np.inf, 1.0])
    b = np.array([1.0, 3.0, 2.0, 0.0])
    g = rmt.sample_conductance(
        N1,
        N2,
        x=np.inf,
        a=a,
        b=b,
        energy=[[0.0], [2.5]],
        b_direction=(1.0, 0.0, 1.0),
        M=20,
        samples=3000,
        seed=5,
    )
    assert g.shape == (3000, 2, 4)
    for idx in np.ndindex(g.shape[1:]):
        assert rmt.mean(g[(slice(None), *idx)]).within(2 * N1 * N2 / (N1 + N2), 4), idx


def test_infinite_x_energy_independent_and_onsager_for_cse():
    """a = inf: G(+inf) = G(-inf) sample by sample (time-reversed self-dual partner)."""
    g = rmt.sample_conductance(
        2, 1, x=[np.inf, -np.inf], a=np.inf, energy=1.7, M=15, samples=50, seed=2
    )
    np.testing.assert_allclose(g[:, 0], g[:, 1], atol=1e-10)


def test_infinite_x_with_dephasing_has_no_weak_localization():
    """x = inf with absorption: <G> = 2 N1 N2 / N exactly, as the theory says at x = inf.

    The Haar invariance averages ``tr S Lambda S^dagger Lambda`` of Eq. (4) over
    ``S -> W S W'``, which gives ``tr Lambda = 0`` times a constant also for sub-unitary ``S``.
    """
    N1, N2 = 1, 2
    nphi = 3.0
    g = rmt.sample_conductance(N1, N2, x=np.inf, a=1.0, nphi=nphi, M=20, samples=3000, seed=9)
    expected = theory.mean_conductance(N1, N2, x=np.inf, a=1.0, nphi=nphi)
    assert expected == pytest.approx(2 * N1 * N2 / (N1 + N2))
    assert rmt.mean(g).within(expected, 4)


def test_large_finite_x_approaches_the_limit():
    """Theory: x = inf equals the limit of large finite x, for means and covariances."""
    kw = dict(a=1.0, b=2.0, nphi=0.5)
    assert theory.mean_conductance(2, 2, x=np.inf, **kw) == pytest.approx(
        theory.mean_conductance(2, 2, x=1e6, **kw), rel=1e-12
    )
    for x2 in (np.inf, -np.inf):
        big = 1e6 * np.sign(x2)
        assert theory.conductance_covariance(
            2, 2, x1=np.inf, x2=x2, a=1.0, b1=1.0, b2=-0.5, kT=0.3
        ) == pytest.approx(
            theory.conductance_covariance(2, 2, x1=1e6, x2=big, a=1.0, b1=1.0, b2=-0.5, kT=0.3),
            rel=1e-9,
        )
    general = theory.conductance_covariance_general(
        2, 2, x1=np.inf, x2=-np.inf, so_axes=(1.0, 1.0, 0.0), b1_vec=(1.0, 0, 0)
    )
    closed = theory.conductance_covariance(2, 2, x1=np.inf, x2=-np.inf, a=1.0, b1=1.0)
    assert general == pytest.approx(closed, rel=1e-10)


def test_m_rule_ignores_infinite_x():
    assert rmt.choose_M(4, np.array([np.inf, 1.0]), 0.0, 0.0, 0.0, 0.0) == 40
