"""Cooperon and diffuson of the stub model at finite ``M`` (Gaussian level, paper Eq. 8).

At leading order in ``1/N`` the stub model gives (paper Eq. 8; unambiguous forward-Kronecker
form of the book appendix "Unambiguous tensor form")

``D = (M 1 (x) 1 - sum_ij R_ij (x) R'*_ij)^{-1}``,
``C = (M 1 (x) 1 - sum_ij R_ij (x) (R'^dagger)_ij)^{-1}``

where ``R_ij`` are the ``2 x 2`` spin blocks of ``R`` (Eq. 6) on the stub sites and ``R'`` is
``R`` at the second parameter point. Then (in ``e^2/h``)

``<dG> = -(N1 N2 / N) Tr[C P_swap]`` and
``cov G = (N1 N2 / N)^2 (||D||_F^2 + ||C||_F^2)``.

Evaluated for the *actual* finite-``M`` matrix ``R`` (no sampling, no ``1/M`` expansion), these
isolate the finite-``M`` error of the stub from its finite-``N`` corrections: for
``M -> infinity`` they tend to Eqs. (13)-(14). Used to document the accuracy rule of
:func:`chaoticdot.rmt.choose_M` and to remove the finite-``M`` bias in large-``N`` tests.
"""

from __future__ import annotations

import numpy as np

from .._signatures import REQUIRED, bind_parameters, shares_parameters
from .._validation import (
    check_direction,
    check_finite,
    check_nonnegative,
    check_positive_int,
)
from ..theory import wl_correction
from .model_terms import merge_terms
from .stub import StubPoint, inverse_r

__all__ = [
    "finite_m_wl_correction",
    "finite_m_covariance",
    "finite_m_cooperon_variance",
    "stub_r",
]


def stub_r(point: StubPoint, M: int, N: int) -> np.ndarray:
    """``R`` of Eq. (6) as an array of spin blocks, shape ``(L, 2, L, 2)``, ``L = M - N``."""
    if point.a_inf:
        raise ValueError("the Gaussian kernels apply to the COE stub only (a must be finite)")
    r = np.linalg.inv(inverse_r(point, M, N))
    L = M - N
    return r.reshape(L, 2, L, 2)


def _kernels(p1: StubPoint, p2: StubPoint, M: int, N: int):
    r1 = stub_r(p1, M, N)
    r2 = stub_r(p2, M, N)
    # (R'^dagger)_ij as 2x2 block = conj(R'_ji)^T
    r2dag = np.conj(np.transpose(r2, (2, 3, 0, 1)))
    kd = np.einsum("iajb,icjd->acbd", r1, np.conj(r2)).reshape(4, 4)
    kc = np.einsum("iajb,icjd->acbd", r1, r2dag).reshape(4, 4)
    eye = np.eye(4)
    return np.linalg.inv(M * eye - kd), np.linalg.inv(M * eye - kc)


_SWAP = np.eye(4)[[0, 2, 1, 3]]


def _scalar(value, name, check, **kw) -> float:
    arr = check(value, name, **kw)
    if arr.ndim:
        raise ValueError(f"{name} must be a scalar, got shape {arr.shape}")
    return float(arr)


def _point(x, a, b, b_direction, nphi, energy, so_axes=None, extra=None) -> StubPoint:
    d = check_direction(b_direction)
    if so_axes is None:
        a = _scalar(a, "a", check_nonnegative)
        so = (a, a, 0.0)
    else:
        so = check_nonnegative(so_axes, "so_axes")
        if so.shape != (3,):
            raise ValueError(
                f"so_axes must be 3 values (a_x, a_y, a_z) in [0, inf), got {so_axes!r}"
            )
        so = tuple(float(v) for v in so)
    b = _scalar(b, "b", check_finite)
    return StubPoint(
        x=_scalar(x, "x", check_finite),
        so=so,
        bvec=tuple(float(v) for v in b * d),
        nphi=_scalar(nphi, "nphi", check_nonnegative),
        energy=_scalar(energy, "energy", check_finite),
        terms=tuple((n, _scalar(v, n, check_finite)) for n, v in (extra or {}).items()),
    )


def _sizes(N1, N2, M) -> tuple[int, int, int]:
    n1, n2 = check_positive_int(N1, "N1"), check_positive_int(N2, "N2")
    M = check_positive_int(M, "M")
    if M < n1 + n2 + 4:
        raise ValueError(f"M must be an integer >= N1 + N2 + 4 = {n1 + n2 + 4}, got {M!r}")
    return n1, n2, M


def _check_point(p, name) -> StubPoint:
    if not isinstance(p, StubPoint):
        raise TypeError(f"{name} must be a chaoticdot.rmt.stub.StubPoint, got {p!r}")
    if p.a_inf or p.x_inf or p.probe:
        raise ValueError(f"{name} must have finite x and a and no probe (Gaussian kernels)")
    return p


def _finite_result(value, M):
    if not np.all(np.isfinite(value)):
        raise ValueError(
            f"x, a, b or nphi too large for M = {M}: the finite-M kernel overflows (use a larger M)"
        )
    return float(value)


@shares_parameters(wl_correction, extra=(("M", REQUIRED), ("so_axes", None)))
def finite_m_wl_correction(N1, N2, **parameters):
    """Leading-order ``<dG>`` of the stub model at finite ``M`` (e^2/h), scalar arguments.

    ``<dG> = -(N1 N2 / N) Tr[C P_swap]`` with the finite-``M`` cooperon ``C`` of the module
    docstring. The parameters are those of :func:`chaoticdot.theory.wl_correction` (the same
    dictionary, e.g. ``units.Device.dimensionless()``, serves both; ``kT`` is checked and, as
    there, has no effect), the stub size ``M`` (required) and ``so_axes`` (per-axis strengths
    replacing ``a``, as in :func:`chaoticdot.rmt.sample_conductance`). Tends to Eq. (13) minus
    ``2 N1 N2 / N`` as ``M -> infinity`` (and to ``chaoticdot.theory.wl_correction_general``
    when ``so_axes = (a_x, a_y, a_z)`` replaces ``a``). ``x_so`` (spin flux) and
    ``zeeman_so`` (Zeeman x spin-orbit cross term) are the terms of
    :func:`chaoticdot.rmt.sample_conductance`; with ``a = 0`` and ``b`` along ``z`` the limit
    is ``-(N1 N2 / N) [1/(N + nphi + 2 (x + x_so)^2) + 1/(N + nphi + 2 (x - x_so)^2)]`` (each
    spin sector a separate orthogonal-to-unitary crossover).
    """
    p = bind_parameters(finite_m_wl_correction, N1, N2, **parameters)
    N1, N2, M = _sizes(p["N1"], p["N2"], p["M"])
    N = N1 + N2
    _scalar(p["kT"], "kT", check_nonnegative)
    extra, so_axes = merge_terms(
        x_so=p["x_so"], zeeman_so=p["zeeman_so"], terms=None, a=p["a"], so_axes=p["so_axes"]
    )
    point = _point(p["x"], p["a"], p["b"], p["b_direction"], p["nphi"], 0.0, so_axes, extra)
    _, c = _kernels(point, point, M, N)
    return _finite_result(-(N1 * N2 / N) * np.real(np.trace(c @ _SWAP)), M)


def finite_m_covariance(N1, N2, p1: StubPoint, p2: StubPoint, M: int) -> float:
    """Leading-order ``cov[G(p1), G(p2)]`` of the stub at finite ``M`` ((e^2/h)^2).

    ``(N1 N2 / N)^2 (||D||_F^2 + ||C||_F^2)``; tends to Eq. (14) as ``M -> infinity``.
    """
    N1, N2, M = _sizes(N1, N2, M)
    N = N1 + N2
    d, c = _kernels(_check_point(p1, "p1"), _check_point(p2, "p2"), M, N)
    value = (N1 * N2 / N) ** 2 * (np.sum(np.abs(d) ** 2) + np.sum(np.abs(c) ** 2))
    return _finite_result(value, M)


def finite_m_cooperon_variance(N1, N2, point: StubPoint, M: int) -> float:
    """Cooperon part ``(N1 N2 / N)^2 ||C||_F^2`` of ``var G`` at finite ``M`` ((e^2/h)^2).

    In the unitary limits (large ``x``) the cooperon vanishes only as ``M -> infinity``; this
    is its finite-``M`` remainder in the variance.
    """
    N = int(N1) + int(N2)
    _, c = _kernels(point, point, int(M), N)
    return float((N1 * N2 / N) ** 2 * np.sum(np.abs(c) ** 2))
