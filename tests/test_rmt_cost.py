"""Cost estimate of the stub Monte Carlo and the refusal of runs above the caps.

The refusals are checked with the allocations traced (``tracemalloc`` sees numpy's buffers):
a refused run must not allocate anything of the size of the run.
"""

import tracemalloc

import numpy as np
import pytest

from chaoticdot import rmt
from chaoticdot.rmt import stub


def _peak_bytes(fn):
    tracemalloc.start()
    try:
        fn()
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak


def _refusal(**kw):
    with pytest.raises(ValueError) as info:
        rmt.sample_conductance(2, 2, **kw)
    return str(info.value)


def test_memory_cap_refuses_without_allocating():
    """x = 20 asks for M = 8000 (about 17 GiB with two workers): refused at once."""
    rmt.estimate_cost(2, 2)  # calibrate the machine rate outside the traced call
    cost = rmt.estimate_cost(2, 2, x=20.0, samples=1)
    assert cost.M == 8000 and cost.driver == "x"
    assert cost.memory_gib > rmt.COST_LIMITS["memory_gib"]
    holder = {}

    def call():
        try:
            rmt.sample_conductance(2, 2, x=20.0, samples=1, max_minutes=np.inf)
        except ValueError as err:
            holder["msg"] = str(err)

    peak = _peak_bytes(call)
    assert "peak memory" in holder["msg"] and "x=numpy.inf" in holder["msg"]
    # Far below one 8000 x 8000 complex matrix (1 GB).
    assert peak < 5e6, peak


def test_time_cap_names_the_driver_and_the_exact_limit():
    msg = _refusal(x=10.0, samples=1000)
    assert "max_minutes" in msg and "x sets M = 2000" in msg and "x=numpy.inf" in msg
    msg = _refusal(a=np.array([0.0, 30.0]), samples=1000)
    assert "a sets M" in msg and "a=numpy.inf" in msg
    msg = _refusal(M=20000, samples=10)
    assert "M = 20000 (given)" in msg
    # A driver without an exact limit (here the thermal window) gets the explicit-M advice once.
    msg = _refusal(kT=3.0, samples=20000)
    assert "kT sets M" in msg and msg.count("explicit smaller M") == 1


@pytest.mark.parametrize("x", [1e300, 1e200, -1e160])
def test_overflowing_field_is_refused_not_overflow(x):
    msg = _refusal(x=x, samples=1)
    assert "x=numpy.inf" in msg
    with pytest.raises(ValueError, match="x"):
        rmt.choose_M(4, x, 0.0, 0.0, 0.0, 0.0)


def test_infinite_field_is_the_cheap_exact_limit():
    cost = rmt.estimate_cost(2, 2, x=np.inf, samples=100)
    assert cost.M == 40 and cost.driver == "N1 + N2"
    g = rmt.sample_conductance(2, 2, x=np.inf, samples=5, seed=1)
    assert g.shape == (5,) and np.all(np.isfinite(g))


def test_caps_are_settable_per_call_and_globally(monkeypatch):
    kw = dict(x=[0.0, 1.0], M=60, samples=3, executor="serial")
    with pytest.raises(ValueError, match="max_memory_gib"):
        rmt.sample_conductance(2, 2, max_memory_gib=1e-6, **kw)
    monkeypatch.setitem(rmt.COST_LIMITS, "minutes", 1e-9)
    with pytest.raises(ValueError, match="max_minutes"):
        rmt.sample_conductance(2, 2, **kw)
    assert rmt.sample_conductance(2, 2, max_minutes=np.inf, **kw).shape == (3, 2)
    with pytest.raises(ValueError, match="max_minutes"):
        rmt.sample_conductance(2, 2, max_minutes=-1.0, **kw)


@pytest.mark.parametrize(
    "kw",
    [
        dict(N1=2, N2=2, M=200, samples=8, a=1.0, x=[0.0, 1.0]),
        dict(N1=2, N2=2, M=300, samples=3, x=[0.0, 1.0]),
        dict(N1=1, N2=1, M=100, samples=20, a=np.inf, x=[0.0, np.inf]),
    ],
)
def test_memory_estimate_bounds_the_traced_peak(kw):
    """The estimate is an upper bound of the traced peak, and not a loose one (< 4x)."""
    stub.clear_cache()
    cost = rmt.estimate_cost(executor="serial", **kw)
    peak = _peak_bytes(lambda: rmt.sample_conductance(executor="serial", **kw))
    assert peak <= cost.memory_bytes <= 4 * peak, (peak, cost.memory_bytes)


def test_estimate_is_cheap_and_consistent():
    rate = rmt.cost.machine_rate()
    assert rate == rmt.cost.machine_rate() > 1e8  # measured once, cached
    one = rmt.estimate_cost(3, 3, a=0.5, samples=10, M=80, executor="serial")
    many = rmt.estimate_cost(3, 3, a=0.5, samples=1000, M=80, executor="serial")
    assert many.seconds == pytest.approx(100 * one.seconds)
    assert one.workers == 1
    assert one.seconds_per_realization > 0


def test_estimate_validates_like_the_sampler():
    with pytest.raises(ValueError, match="samples"):
        rmt.estimate_cost(2, 2, samples=0)
    with pytest.raises(ValueError, match="x"):
        rmt.estimate_cost(2, 2, x=np.nan)
