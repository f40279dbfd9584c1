"""Argument handling shared by the two routes (validation, saturation, chunking)."""

from __future__ import annotations

import numpy as np

from .._validation import check_channels, check_finite, check_nonnegative, check_not_nan

# Finite parameters are saturated at this magnitude. Beyond it every physical quantity has
# reached its limit to double precision (results change by < 1e-100 in absolute terms), and
# the saturation keeps squares and products of squares free of overflow.
SATURATION = 1e100


def _saturate(arr: np.ndarray) -> np.ndarray:
    finite = np.isfinite(arr)
    return np.where(finite, np.clip(arr, -SATURATION, SATURATION), arr)


def finite_param(value, name: str) -> np.ndarray:
    """Real finite parameter (x, b, de): validated, then saturated."""
    return _saturate(check_finite(value, name))


def field_param(value, name: str) -> np.ndarray:
    """Perpendicular field (x, x1, x2): real, ``+-inf`` allowed (broken time-reversal limit).

    Infinite values are saturated like large finite ones, so ``x = x' = inf`` keeps the
    diffuson at ``N_D = N`` and ``x = -x' = inf`` the cooperon at ``N_C = N`` (Eqs. 11-12).
    """
    arr = check_not_nan(value, name)
    return np.clip(arr, -SATURATION, SATURATION)


def nonneg_param(value, name: str, *, allow_inf: bool = False) -> np.ndarray:
    """Real parameter >= 0 (a, nphi, kT): validated, then saturated (``+inf`` is kept)."""
    return _saturate(check_nonnegative(value, name, allow_inf=allow_inf))


def channel_factor(N1, N2) -> tuple[np.ndarray, np.ndarray]:
    """Return ``(N, N1 N2 / N)`` as float arrays after validating the channel numbers."""
    n1, n2 = check_channels(N1, N2)
    n = n1 + n2
    return n, n1 * n2 / n


def covariance_args(N1, N2, x1, x2, de, nphi, kT) -> tuple[np.ndarray, ...]:
    """Validated arguments shared by the two covariance routes (closed form, general).

    Returns ``(N, N1 N2 / N, x1, x2, de, nphi, kT)`` as saturated float arrays.
    """
    n, pref = channel_factor(N1, N2)
    x1, x2 = field_param(x1, "x1"), field_param(x2, "x2")
    de = finite_param(de, "de")
    return n, pref, x1, x2, de, nonneg_param(nphi, "nphi"), nonneg_param(kT, "kT")


def vector_param(
    value, name: str, *, nonnegative: bool = False, allow_inf: bool = False
) -> list[np.ndarray]:
    """A 3-component parameter given as a sequence ``(v_x, v_y, v_z)``.

    Each component may be a scalar or an array; the components broadcast against each other
    and against the other arguments (the component index is the *first* index).
    """
    try:
        comps = list(value)
    except TypeError:
        raise ValueError(f"{name} must be a sequence of three components, got {value!r}") from None
    if len(comps) != 3:
        raise ValueError(f"{name} must be a sequence of three components, got {value!r}")
    if nonnegative:
        return [nonneg_param(c, name, allow_inf=allow_inf) for c in comps]
    return [finite_param(c, name) for c in comps]


def chunked(fn, arrays, size: int):
    """Evaluate ``fn`` on the broadcast of ``arrays`` in flat chunks of at most ``size`` points.

    ``fn(*flat_arrays)`` must return one real value per point. Chunking bounds the memory of
    the batched small-matrix work (e.g. 16 x 16 Lyapunov systems per point) for huge grids.
    """
    arrays = [np.asarray(a) for a in arrays]
    shape = np.broadcast_shapes(*(a.shape for a in arrays))
    flat = [np.broadcast_to(a, shape).reshape(-1) for a in arrays]
    total = flat[0].size if flat else 1
    if total <= size:
        return np.asarray(fn(*flat)).reshape(shape)
    out = np.empty(total)
    for start in range(0, total, size):
        out[start : start + size] = fn(*(f[start : start + size] for f in flat))
    return out.reshape(shape)
