"""Bit-identical Monte-Carlo results whatever the executor and the number of workers."""

from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pytest

from chaoticdot import rmt
from chaoticdot.rmt import sampling

KW = dict(x=[0.0, 0.8], a=[[0.0], [0.7], [np.inf]], b=1.0, M=24, samples=60, seed=2024)


@pytest.fixture
def small_chunks(monkeypatch):
    """Force several chunks for a small run (chunk sizes are computed in the caller)."""
    monkeypatch.setattr(sampling, "_CHUNK_FLOPS", 2e7)


def test_several_chunks_are_used(small_chunks):
    flops = sampling._flops_per_sample(2, 2, 24, [sampling.StubPoint(x=0.8)] * 6)
    assert len(sampling._chunk_sizes(60, flops)) > 2


def test_serial_equals_process_pool(small_chunks):
    serial = rmt.sample_conductance(2, 2, executor="serial", **KW)
    assert serial.shape == (60, 3, 2)
    with ProcessPoolExecutor(max_workers=2) as pool:
        pooled = rmt.sample_conductance(2, 2, executor=pool, **KW)
    assert np.array_equal(serial, pooled)
    default = rmt.sample_conductance(2, 2, **KW)
    assert np.array_equal(serial, default)


def test_seed_controls_the_stream(small_chunks):
    g1 = rmt.sample_conductance(2, 2, executor="serial", **KW)
    g2 = rmt.sample_conductance(2, 2, executor="serial", **{**KW, "seed": 2025})
    assert not np.array_equal(g1, g2)
    seq = np.random.SeedSequence(2024)
    g3 = rmt.sample_conductance(2, 2, executor="serial", **{**KW, "seed": seq})
    assert np.array_equal(g1, g3)


@pytest.mark.slow
def test_serial_equals_dask_cluster(small_chunks):
    distributed = pytest.importorskip("distributed")
    serial = rmt.sample_conductance(2, 2, executor="serial", **KW)
    with (
        distributed.LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        on_cluster = rmt.sample_conductance(2, 2, executor=client.get_executor(), **KW)
    assert np.array_equal(serial, on_cluster)
