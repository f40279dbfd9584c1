"""Honest progress: early bar updates (a ramp of small first chunks) and a sane first ETA."""

import io

import numpy as np
import pytest

from chaoticdot import rmt
from chaoticdot.parallel import eta_seconds, run_chunks
from chaoticdot.rmt import sampling


def test_long_runs_start_with_a_ramp_of_small_chunks():
    flops = 2e9
    plan = sampling._chunk_plan(500, flops, 7)
    sizes = [n for n, _ in plan]
    regular = sampling._chunk_sizes(500, flops)
    assert sizes[:4] == [1, 1, 2, 4] and sum(sizes) == 500
    assert sizes[-len(regular) + 1 :] == regular[1:]
    # Short runs are untouched.
    assert [n for n, _ in sampling._chunk_plan(8, 1e6, 7)] == sampling._chunk_sizes(8, 1e6)


def test_ramp_keeps_the_streams_of_later_chunks(monkeypatch):
    kw = dict(x=[0.0, 0.5], M=16, samples=40, seed=3, executor="serial")
    monkeypatch.setattr(sampling, "_CHUNK_FLOPS", 2e6)
    plain = rmt.sample_conductance(1, 1, **kw)
    monkeypatch.setattr(sampling, "_RAMP_FLOPS", 0.0)
    ramped = rmt.sample_conductance(1, 1, **kw)
    points = [sampling.StubPoint(x=0.0), sampling.StubPoint(x=0.5)]
    first = sampling._chunk_sizes(40, sampling._flops_per_sample(1, 1, 16, points))[0]
    assert first > 2
    np.testing.assert_array_equal(plain[first:], ramped[first:])
    assert not np.array_equal(plain[:first], ramped[:first])


def test_eta_with_one_off_start_up_cost_is_within_a_factor_two():
    """A run of 100 units at 1 s each, whose first unit also pays 30 s of start-up."""
    truth_total = 30.0 + 100.0
    estimate = 100.0  # the up-front estimate knows the rate, not the start-up
    first = (1.0, 31.0)
    for done in (0, 1, 2, 5, 10, 20, 50):
        elapsed = 30.0 + done if done else 5.0
        truth_left = truth_total - elapsed
        eta = eta_seconds(done, 100.0, elapsed, estimate, first if done else None)
        assert truth_left / 2 <= eta <= 2 * truth_left, (done, eta, truth_left)
    # The naive rate from the start would be far off after the first chunk.
    naive = eta_seconds(1, 100.0, 31.0, None)
    assert naive > 2 * (truth_total - 31.0)


def test_eta_limits():
    assert eta_seconds(0, 10, 0.0, 12.0) == pytest.approx(12.0)
    assert eta_seconds(10, 10, 5.0, 12.0) == 0.0
    assert eta_seconds(5, 10, 5.0, None) == pytest.approx(5.0)
    assert eta_seconds(0, 10, 1.0, None) == float("inf")


def _double(v):
    return 2 * v


def test_bar_counts_work_units(monkeypatch):
    import tqdm.auto

    stream = io.StringIO()
    real = tqdm.auto.tqdm
    monkeypatch.setattr(tqdm.auto, "tqdm", lambda **kw: real(file=stream, **kw))
    out = run_chunks(
        _double,
        [(1,), (2,), (3,)],
        executor="serial",
        progress=True,
        chunk_work=[1, 2, 4],
        seconds_estimate=3.5,
    )
    assert out == [2, 4, 6]
    text = stream.getvalue()
    assert "7/7" in text and "ETA" in text
    with pytest.raises(ValueError, match="chunk_work"):
        run_chunks(_double, [(1,)], executor="serial", chunk_work=[1, 2])
