"""Input checks shared by the public functions.

Every public entry point validates its parameters here, so that bad input gives an exception
that names the argument and its allowed range instead of a NaN, a wrong curve or a raw numpy
error:

* ``TypeError``: the kind of value is wrong (a string, a boolean, ``None`` or an object where a
  number or an array of numbers is meant; a ragged nested list);
* ``ValueError``: the kind is right but the value is not allowed (NaN, an infinity where none
  is allowed, out of range, an empty array, a non-integer where an integer is meant, a
  complex number where a real one is meant).
"""

from __future__ import annotations

import numbers

import numpy as np

__all__ = [
    "real_array",
    "check_channels",
    "check_channel_array",
    "check_nonnegative",
    "check_finite",
    "check_not_nan",
    "check_direction",
    "check_positive_int",
    "check_complex",
    "check_matrix_stack",
    "check_rng",
    "check_choice",
    "check_bool",
    "check_size",
    "check_instance",
    "check_positive_scalar",
    "check_seed",
    "as_scalar",
    "MAX_CHANNELS",
]

#: Largest channel number accepted (far beyond any dot; keeps products of channel numbers
#: and parameters clear of overflow).
MAX_CHANNELS = 10**9


def _numeric(value, name: str, allowed: str) -> np.ndarray:
    """``value`` as a numeric (integer, real or complex) array, or a named ``TypeError``.

    Strings, booleans, ``None`` and ragged or object sequences are refused: a number given as
    text is a mistake, not a conversion request.
    """
    if value is None or isinstance(value, str | bytes | bool | np.bool_):
        raise TypeError(f"{name} must be {allowed}, got {value!r}")
    try:
        raw = np.asarray(value)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be {allowed}, got {value!r}") from None
    if raw.dtype.kind not in "iufc":
        raise TypeError(f"{name} must be {allowed}, got {value!r}")
    return raw


def real_array(value, name: str, allowed: str) -> np.ndarray:
    """``value`` as a float array, or a named ``TypeError``/``ValueError``.

    Parameters
    ----------
    value : scalar or array_like
        A real number or a (possibly nested) sequence of real numbers.
    name : str
        Parameter name used in messages.
    allowed : str
        Description of the allowed values, e.g. ``"a real number in [0, inf)"``.
    """
    raw = _numeric(value, name, allowed)
    if raw.dtype.kind == "c":
        raise ValueError(f"{name} must be real ({allowed}), got {value!r}")
    if raw.size == 0:
        raise ValueError(f"{name} must be {allowed}, got an empty array")
    return raw.astype(float)


def check_positive_int(value, name: str) -> int:
    """Return ``value`` as a Python int, or raise if it is not an integer in [1, 10^9]."""
    allowed = f"a positive integer (1 <= {name} <= {MAX_CHANNELS:.0e})"
    if isinstance(value, bool | np.bool_) or not isinstance(
        value, numbers.Integral | np.integer | float | np.floating
    ):
        raise TypeError(f"{name} must be {allowed}, got {value!r}")
    if isinstance(value, float | np.floating) and not float(value).is_integer():
        raise ValueError(f"{name} must be {allowed}, got {value!r}")
    if not 1 <= value <= MAX_CHANNELS:
        raise ValueError(f"{name} must be {allowed}, got {value!r}")
    return int(value)


def check_channel_array(value, name: str) -> np.ndarray:
    """Channel numbers: positive integers ``<= 10^9`` (a scalar or an integer array)."""
    allowed = f"a positive integer (1 <= {name} <= {MAX_CHANNELS:.0e}) or an array of them"
    arr = real_array(value, name, allowed)
    if not np.all(np.isfinite(arr)) or np.any(arr != np.round(arr)):
        raise ValueError(f"{name} must be {allowed}, got {value!r}")
    if np.any(arr < 1) or np.any(arr > MAX_CHANNELS):
        raise ValueError(f"{name} must be {allowed}, got {value!r}")
    return arr


def check_channels(N1, N2) -> tuple[np.ndarray, np.ndarray]:
    """Channel numbers ``N1``, ``N2``: positive integers (scalars or integer arrays)."""
    return check_channel_array(N1, "N1"), check_channel_array(N2, "N2")


def check_nonnegative(value, name: str, *, allow_inf: bool = False) -> np.ndarray:
    """Real parameter >= 0, not NaN; ``+inf`` only if ``allow_inf``."""
    upper = "inf]" if allow_inf else "inf)"
    allowed = f"a real number (or array) in [0, {upper}"
    arr = real_array(value, name, allowed)
    if np.any(np.isnan(arr)) or np.any(arr < 0) or (not allow_inf and np.any(np.isinf(arr))):
        raise ValueError(f"{name} must lie in [0, {upper}, got {value!r}")
    return arr


def check_finite(value, name: str) -> np.ndarray:
    """Real, finite parameter (any sign)."""
    arr = real_array(value, name, "a finite real number (or array) in (-inf, inf)")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite (in (-inf, inf)), got {value!r}")
    return arr


def check_not_nan(value, name: str) -> np.ndarray:
    """Real parameter in ``[-inf, inf]`` (infinite limits allowed, NaN refused)."""
    arr = real_array(value, name, "a real number (or array) in [-inf, inf]")
    if np.any(np.isnan(arr)):
        raise ValueError(f"{name} must be a real number in [-inf, inf] (not NaN), got {value!r}")
    return arr


def check_direction(value, name: str = "b_direction") -> np.ndarray:
    """A finite, non-zero real 3-vector, returned normalised to unit length.

    The vector is divided by its largest component before the norm is taken, so that
    components near the overflow (1e300) or underflow (1e-300) limits are normalised exactly.
    """
    allowed = "a finite non-zero real 3-vector"
    vec = real_array(value, name, allowed)
    if vec.shape != (3,) or not np.all(np.isfinite(vec)):
        raise ValueError(f"{name} must be {allowed}, got {value!r}")
    scale = float(np.max(np.abs(vec)))
    if scale == 0.0:
        raise ValueError(f"{name} must be {allowed}, got {value!r}")
    vec = vec / scale
    return vec / np.linalg.norm(vec)


def check_complex(value, name: str, allowed: str) -> np.ndarray:
    """A finite real or complex number or array (e.g. ``N_C - i de``)."""
    raw = _numeric(value, name, allowed)
    if raw.size == 0 or not np.all(np.isfinite(raw)):
        raise ValueError(f"{name} must be {allowed}, got {value!r}")
    return raw.astype(complex)


def check_matrix_stack(value, name: str) -> np.ndarray:
    """A finite complex array of square matrices, shape ``(..., n, n)`` with ``n >= 1``."""
    allowed = "a finite real or complex array of square matrices, shape (..., n, n)"
    arr = check_complex(value, name, allowed)
    if arr.ndim < 2 or arr.shape[-1] != arr.shape[-2]:
        raise ValueError(f"{name} must be {allowed}, got shape {arr.shape}")
    return arr


def check_rng(value, name: str = "rng") -> np.random.Generator:
    """A ``numpy.random.Generator``, or an int seed ``>= 0`` turned into one."""
    if isinstance(value, np.random.Generator):
        return value
    if isinstance(value, numbers.Integral) and not isinstance(value, bool) and value >= 0:
        return np.random.default_rng(int(value))
    raise TypeError(f"{name} must be a numpy.random.Generator or an int seed >= 0, got {value!r}")


def check_choice(value, name: str, choices) -> object:
    """One of ``choices`` (compared only for hashable values of the right kind)."""
    try:
        ok = value in set(choices)
    except TypeError:
        ok = False
    if (
        not ok
        or isinstance(value, bool | np.bool_)
        and not any(isinstance(c, bool) for c in choices)
    ):
        raise ValueError(f"{name} must be one of {sorted(map(str, choices))}, got {value!r}")
    return value


def check_bool(value, name: str) -> bool:
    """A boolean flag (``True``/``False``; numpy booleans accepted)."""
    if not isinstance(value, bool | np.bool_):
        raise TypeError(f"{name} must be True or False, got {value!r}")
    return bool(value)


def check_size(value, name: str = "size"):
    """``None``, a positive int, or a tuple of positive ints (a stack shape)."""
    if value is None:
        return ()
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return (check_positive_int(value, name),)
    if isinstance(value, tuple | list) and value:
        return tuple(check_positive_int(v, name) for v in value)
    raise TypeError(f"{name} must be None, a positive int or a tuple of them, got {value!r}")


def check_instance(value, cls, name: str):
    """``value`` if it is an instance of ``cls``, else a named ``TypeError``."""
    if not isinstance(value, cls):
        raise TypeError(f"{name} must be a {cls.__name__}, got {value!r}")
    return value


def check_positive_scalar(value, name: str) -> float:
    """A finite real scalar in ``(0, inf)``."""
    arr = real_array(value, name, "a finite real number in (0, inf)")
    if arr.ndim or not (np.isfinite(arr) and arr > 0):
        raise ValueError(f"{name} must be a finite real number in (0, inf), got {value!r}")
    return float(arr)


def check_seed(value, name: str = "seed"):
    """An int seed ``>= 0`` or a ``numpy.random.SeedSequence`` (for ``default_rng``)."""
    if isinstance(value, np.random.SeedSequence):
        return value
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an int >= 0 or a SeedSequence, got {value!r}")
    if value < 0:
        raise ValueError(f"{name} must be an int >= 0 or a SeedSequence, got {value!r}")
    return int(value)


def as_scalar(arr: np.ndarray, name: str) -> float:
    """A validated 0-d array as a float; arrays of other shapes give a named ValueError."""
    if np.ndim(arr):
        raise ValueError(f"{name} must be a scalar, got an array of shape {np.shape(arr)}")
    return float(arr)
