"""Shared test configuration."""

from __future__ import annotations

import os

import matplotlib

matplotlib.use("Agg")  # figures are built without a display

# One BLAS thread per process, as in the book build (see chaoticdot.parallel).
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

try:  # property-based tests: reproducible examples, no per-example deadline on a loaded machine
    from hypothesis import settings

    settings.register_profile("reproducible", derandomize=True, deadline=None)
    settings.load_profile("reproducible")
except ImportError:  # pragma: no cover
    pass
