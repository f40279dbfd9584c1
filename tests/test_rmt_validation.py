"""Bad input gives a ValueError that names the argument (never a NaN)."""

import numpy as np
import pytest

from chaoticdot import rmt


@pytest.mark.parametrize(
    "kwargs,name",
    [
        (dict(N1=0), "N1"),
        (dict(N2=1.5), "N2"),
        (dict(N1=[1, 2]), "N1"),
        (dict(x=np.nan), "x"),
        (dict(x=[0.0, np.nan]), "x"),
        (dict(a=-0.1), "a"),
        (dict(a=np.nan), "a"),
        (dict(b=np.inf), "b"),
        (dict(nphi=-1.0), "nphi"),
        (dict(nphi=np.inf), "nphi"),
        (dict(energy=np.nan), "energy"),
        (dict(b_direction=(0, 0, 0)), "b_direction"),
        (dict(b_direction=(1, 0)), "b_direction"),
        (dict(samples=0), "samples"),
        (dict(samples=2.5), "samples"),
        (dict(M=2), "M"),
        (dict(M=2.5), "M"),
        (dict(M=5, x=0.3), "M"),
        (dict(seed=-1), "seed"),
        (dict(seed="abc"), "seed"),
        (dict(so_axes=(1.0, 0.0)), "so_axes"),
        (dict(so_axes=(1.0, -1.0, 0.0)), "so_axes"),
        (dict(so_axes=(1.0, 0.0, 0.0), a=0.5), "so_axes"),
        (dict(executor="threads"), "executor"),
    ],
)
def test_sample_conductance_rejects(kwargs, name):
    args = dict(N1=1, N2=1, samples=4, M=20)
    args.update(kwargs)
    n1, n2 = args.pop("N1"), args.pop("N2")
    with pytest.raises(ValueError, match=name):
        rmt.sample_conductance(n1, n2, **args)


@pytest.mark.parametrize(
    "kwargs,name",
    [
        (dict(M=3), "M"),
        (dict(x=[0.1, 0.2]), "x"),
        (dict(a=-1.0), "a"),
        (dict(nphi=np.nan), "nphi"),
        (dict(b_direction=(np.nan, 0, 1)), "b_direction"),
    ],
)
def test_scattering_matrix_rejects(kwargs, name):
    args = dict(M=20, rng=0)
    args.update(kwargs)
    with pytest.raises(ValueError, match=name):
        rmt.scattering_matrix(1, 2, **args)


def test_statistics_need_two_samples():
    with pytest.raises(ValueError, match="samples"):
        rmt.mean([1.0])


def test_shapes_broadcast_and_output_is_finite():
    g = rmt.sample_conductance(
        1, 2, x=[0.0, 1.0], a=[[0.0], [np.inf]], energy=0.5, samples=5, M=20, seed=1
    )
    assert g.shape == (5, 2, 2)
    assert np.all(np.isfinite(g))
    g = rmt.sample_conductance(1, 1, so_axes=[[0.5, 0.5, 0.0], [0.0, 0.0, 1.0]], samples=3, M=20)
    assert g.shape == (3, 2)


def test_choose_m_rule():
    assert rmt.choose_M(4, 0.0, 0.0, 0.0, 0.0, 0.0) == 40
    assert rmt.choose_M(4, 0.0, 3.0, 0.0, 0.0, 0.0) == 270
    assert rmt.choose_M(4, 0.0, np.inf, 0.0, 0.0, 0.0) == 40  # a = inf is sampled exactly
    assert rmt.choose_M(4, 0.0, 0.0, 0.0, 0.0, [0.0, 30.0]) == 300
