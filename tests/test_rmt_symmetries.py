"""Exact symmetries of the stub model, sample by sample or in distribution.

Book appendix, sections "Limiting values" and "Exact ensembles".
"""

import numpy as np
import pytest

from chaoticdot import rmt

X = np.array([0.0, 0.7, 1.6])


@pytest.mark.parametrize(
    "params",
    [
        dict(a=0.9, b=0.0),  # spin-orbit only: TRS (Kramers) keeps G(x) = G(-x)
        dict(a=0.0, b=2.5),  # Zeeman only: spins decouple, each sector is orthogonal
        dict(a=0.0, b=1.5, b_direction=(0.2, -0.5, 1.0)),
        dict(so_axes=(0.0, 0.0, 1.3), b=0.0),  # one spin axis: still TRS-symmetric in x
    ],
)
def test_field_reversal_symmetry_sample_by_sample(params):
    x = np.concatenate([X, -X])
    g = rmt.sample_conductance(2, 3, x=x, M=30, samples=40, seed=4, executor="serial", **params)
    assert np.abs(g[:, :3] - g[:, 3:]).max() < 1e-10


def test_field_reversal_broken_with_spin_orbit_and_zeeman():
    """With both a and b, G(x) != G(-x) (paper, text after Eq. 14)."""
    x = np.array([1.6, -1.6])
    g = rmt.sample_conductance(2, 3, x=x, a=1.5, b=3.0, M=40, samples=40, seed=4)
    diff = np.abs(g[:, 0] - g[:, 1])
    assert np.median(diff) > 1e-3


def test_onsager_reversal_of_all_fields():
    """Onsager: G(x, b) = G(-x, -b) sample by sample, with spin-orbit coupling."""
    g = rmt.sample_conductance(
        2,
        2,
        x=[1.2, -1.2],
        a=1.0,
        b=[2.0, -2.0],
        b_direction=(0.6, 0.0, 0.8),
        M=30,
        samples=40,
        seed=8,
    )
    assert np.abs(g[:, 0] - g[:, 1]).max() < 1e-10


def test_zeeman_direction_irrelevant_without_spin_orbit():
    """a = 0: the spin quantisation axis is arbitrary, G does not depend on b_direction."""
    kw = dict(x=[0.0, 1.0], b=2.0, M=24, samples=30, seed=2)
    g1 = rmt.sample_conductance(1, 2, b_direction=(1, 0, 0), **kw)
    g2 = rmt.sample_conductance(1, 2, b_direction=(0.3, -0.4, 0.8), **kw)
    assert np.abs(g1 - g2).max() < 1e-10


def test_mean_conductance_is_energy_independent():
    """<G(energy)> does not depend on energy (U -> e^{i theta} U invariance of the COE).

    Correlated sampling: the paired differences G(e) - G(0) have small errors.
    """
    energies = np.array([0.0, 1.7, 6.0])
    g = rmt.sample_conductance(
        2, 2, x=0.8, a=0.7, b=1.0, energy=energies, M=40, samples=1500, seed=12
    )
    for j in (1, 2):
        assert rmt.mean(g[:, j] - g[:, 0]).within(0.0)
    # the test has power: G at different energies differs sample by sample
    assert np.std(g[:, 2] - g[:, 0]) > 0.1
