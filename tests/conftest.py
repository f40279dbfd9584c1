"""Shared test configuration."""

from __future__ import annotations

import os

# One BLAS thread per process, as in the book build (see chaoticdot.parallel): set before numpy
# is first imported, and enforced below for libraries already loaded. On two loaded cores a
# threaded BLAS was measured 10-20x slower.
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import matplotlib  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

matplotlib.use("Agg")  # figures are built without a display
_BLAS_LIMIT = threadpool_limits(limits=1)

try:  # property-based tests: reproducible examples, no per-example deadline on a loaded machine
    from hypothesis import settings

    settings.register_profile("reproducible", derandomize=True, deadline=None)
    settings.load_profile("reproducible")
except ImportError:  # pragma: no cover
    pass


import pytest  # noqa: E402


@pytest.fixture(scope="session")
def regenerate(tmp_path_factory):
    """``regenerate(name)``: the quick run of a registered dataset, generated once per session
    into a temporary directory and loaded as ``(arrays, provenance)``."""
    from chaoticdot.studies import generate, load

    runs = {}

    def run(name: str):
        if name not in runs:
            directory = tmp_path_factory.mktemp(name)
            generate(name, quick=True, directory=directory)
            runs[name] = load(name, directory=directory)
        return runs[name]

    return run
