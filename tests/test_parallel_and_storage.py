"""Shared machinery: input validation, seeded chunked execution, figure and data registries."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import numpy as np
import pytest

from chaoticdot import parallel, rmt, studies, theory
from chaoticdot.display import FigureResult, available, make
from chaoticdot.tables import write_csv


def _draw(seed_seq, n):
    return np.random.default_rng(seed_seq).normal(size=n)


def _chunks(seed, n_chunks=4, n=5):
    return [(s, n) for s in parallel.spawn_seeds(seed, n_chunks)]


def test_chunks_bit_identical_for_any_executor():
    serial = parallel.run_chunks(_draw, _chunks(11), executor="serial")
    with ThreadPoolExecutor(2) as pool:
        threads = parallel.run_chunks(_draw, _chunks(11), executor=pool)
    with ProcessPoolExecutor(2) as pool:
        processes = parallel.run_chunks(_draw, _chunks(11), executor=pool)
    for a, b, c in zip(serial, threads, processes, strict=True):
        assert np.array_equal(a, b) and np.array_equal(a, c)
    # different chunks are different streams
    assert not np.array_equal(serial[0], serial[1])


def test_chunks_depend_on_seed():
    a = parallel.run_chunks(_draw, _chunks(1), executor="serial")
    b = parallel.run_chunks(_draw, _chunks(2), executor="serial")
    assert not np.array_equal(a[0], b[0])


def test_bad_executor():
    with pytest.raises(ValueError, match="executor"):
        parallel.run_chunks(_draw, _chunks(0), executor=42)


# The shared validation is exercised through public entry points (it is a private module).


@pytest.mark.parametrize("value", [0, -1, 1.5, "2", True, np.nan])
def test_channels_rejected(value):
    with pytest.raises((ValueError, TypeError), match="N1"):
        theory.wl_correction(value, 1)


def test_nonnegative_and_finite():
    with pytest.raises(ValueError, match=r"a must lie in \[0, inf\]"):
        theory.wl_correction(1, 1, a=-1.0)
    with pytest.raises(ValueError, match="kT"):
        theory.conductance_variance(1, 1, kT=np.inf)
    # a = inf is allowed: the symplectic limit, <dG> = +N1 N2 / (2 N) = 1/4 at N1 = N2 = 1
    assert theory.wl_correction(1, 1, a=np.inf) == pytest.approx(0.25)
    # x = +-inf is the broken-time-reversal limit (exact CUE); NaN is refused by name
    assert theory.wl_correction(1, 1, x=np.inf) == pytest.approx(0.0, abs=1e-15)
    with pytest.raises(ValueError, match=r"x must be a real number in \[-inf, inf\] \(not NaN\)"):
        theory.wl_correction(1, 1, x=[0.0, np.nan])


def _sample(direction):
    return rmt.sample_conductance(
        1, 1, b=1.0, b_direction=direction, samples=2, M=8, seed=5, executor="serial"
    )


@pytest.mark.parametrize("vec", [(0, 0, 0), (1, 0), (np.inf, 0, 0), "abc", (1, 2, np.nan)])
def test_direction_rejected(vec):
    with pytest.raises((ValueError, TypeError), match="b_direction"):
        _sample(vec)


def test_direction_normalised():
    assert np.array_equal(_sample((0, 3, 4)), _sample((0, 0.6, 0.8)))


def test_datastore_roundtrip_with_provenance(tmp_path):
    arrays = {"x": np.linspace(0, 1, 5), "G": np.arange(5.0)}
    studies.save("demo", arrays, {"seed": 3, "samples": 10, "M": 40}, directory=tmp_path)
    loaded, prov = studies.load("demo", directory=tmp_path)
    assert np.array_equal(loaded["x"], arrays["x"]) and np.array_equal(loaded["G"], arrays["G"])
    for key in ("library_version", "created", "seed", "samples", "M", "numpy"):
        assert key in prov
    with pytest.raises(FileNotFoundError, match="python -m chaoticdot data missing"):
        studies.load("missing", directory=tmp_path)


def test_csv_table(tmp_path):
    path = tmp_path / "t.csv"
    write_csv({"a": np.array([1.0, 2.0]), "b": np.array([3.0, 4.0])}, path)
    assert path.read_text().splitlines() == ["a,b", "1.0,3.0", "2.0,4.0"]
    with pytest.raises(ValueError, match="length"):
        write_csv({"a": [1.0], "b": [1.0, 2.0]}, path)


def test_fig1_is_registered_and_builds():
    assert "fig1-device" in available()
    result = make("fig1-device", quick=True)
    assert isinstance(result, FigureResult)
    assert result.figure.axes and len(result.table["outline_x"]) == len(result.table["outline_y"])
    with pytest.raises(ValueError, match="unknown figure"):
        make("no-such-figure")
