"""Array helpers shared by the physics packages (no physics here)."""

from __future__ import annotations

import numpy as np

__all__ = ["as_output"]


def as_output(value):
    """Python float for 0-d results, the array otherwise (ufunc-like behaviour)."""
    value = np.asarray(value)
    return float(value) if value.ndim == 0 else value
