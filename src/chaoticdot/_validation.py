"""Input checks shared by the public functions.

Every public entry point validates its physical parameters here, so that bad input gives a
``ValueError`` that names the argument and the allowed range instead of a NaN or a wrong curve.
"""

from __future__ import annotations

import numbers

import numpy as np

__all__ = [
    "check_channels",
    "check_nonnegative",
    "check_finite",
    "check_not_nan",
    "check_direction",
    "check_positive_int",
]


def check_positive_int(value, name: str) -> int:
    """Return ``value`` as a Python int, or raise if it is not an integer >= 1."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral | np.integer):
        if isinstance(value, float | np.floating) and float(value).is_integer() and value >= 1:
            return int(value)
        raise ValueError(f"{name} must be a positive integer (>= 1), got {value!r}")
    if value < 1:
        raise ValueError(f"{name} must be a positive integer (>= 1), got {value!r}")
    return int(value)


def check_channels(N1, N2) -> tuple[np.ndarray, np.ndarray]:
    """Channel numbers: positive integers (scalars or integer arrays)."""
    out = []
    for value, name in ((N1, "N1"), (N2, "N2")):
        arr = np.asarray(value)
        if arr.dtype == bool or not (
            np.issubdtype(arr.dtype, np.integer)
            or (
                np.issubdtype(arr.dtype, np.floating)
                and np.all(np.isfinite(arr))
                and np.all(arr == np.round(arr))
            )
        ):
            raise ValueError(f"{name} must be a positive integer (>= 1), got {value!r}")
        if np.any(arr < 1):
            raise ValueError(f"{name} must be a positive integer (>= 1), got {value!r}")
        out.append(arr.astype(float))
    return out[0], out[1]


def check_nonnegative(value, name: str, *, allow_inf: bool = False) -> np.ndarray:
    """Real parameter >= 0, not NaN; ``+inf`` only if ``allow_inf``."""
    arr = np.asarray(value)
    if np.iscomplexobj(arr):
        raise ValueError(f"{name} must be real, got {value!r}")
    arr = arr.astype(float)
    upper = "inf]" if allow_inf else "inf)"
    if np.any(np.isnan(arr)) or np.any(arr < 0) or (not allow_inf and np.any(np.isinf(arr))):
        raise ValueError(f"{name} must lie in [0, {upper}, got {value!r}")
    return arr


def check_finite(value, name: str) -> np.ndarray:
    """Real, finite parameter (any sign)."""
    arr = np.asarray(value)
    if np.iscomplexobj(arr):
        raise ValueError(f"{name} must be real, got {value!r}")
    arr = arr.astype(float)
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite (in (-inf, inf)), got {value!r}")
    return arr


def check_not_nan(value, name: str) -> np.ndarray:
    """Real parameter in ``[-inf, inf]`` (infinite limits allowed, NaN refused)."""
    arr = np.asarray(value)
    if np.iscomplexobj(arr):
        raise ValueError(f"{name} must be real, got {value!r}")
    arr = arr.astype(float)
    if np.any(np.isnan(arr)):
        raise ValueError(f"{name} must be a real number in [-inf, inf] (not NaN), got {value!r}")
    return arr


def check_direction(value, name: str = "b_direction") -> np.ndarray:
    """A finite, non-zero real 3-vector, returned normalised to unit length."""
    try:
        vec = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a finite non-zero 3-vector, got {value!r}") from None
    if vec.shape != (3,) or not np.all(np.isfinite(vec)):
        raise ValueError(f"{name} must be a finite non-zero 3-vector, got {value!r}")
    norm = float(np.linalg.norm(vec))
    if norm == 0.0:
        raise ValueError(f"{name} must be a finite non-zero 3-vector, got {value!r}")
    return vec / norm
