"""Property-based checks over wide parameter ranges: finite, bounded, warning-free, consistent."""

import warnings

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from chaoticdot.theory import (
    conductance_covariance,
    conductance_covariance_general,
    conductance_variance,
    mean_conductance,
    wl_correction,
    wl_correction_general,
)

channels = st.integers(1, 10_000)
signed = st.one_of(st.floats(-1e6, 1e6), st.floats(-1e300, 1e300))
positive = st.one_of(st.floats(0, 1e6), st.floats(0, 1e300))
spin_orbit = st.one_of(positive, st.just(np.inf))
temperature = st.one_of(st.just(0.0), st.floats(0, 1e4), st.floats(0, 1e200))
direction = st.tuples(st.floats(-1, 1), st.floats(-1, 1), st.floats(-1, 1)).filter(
    lambda v: np.linalg.norm(v) > 1e-3
)

SETTINGS = settings(max_examples=150, deadline=None)


def strict(func, *args, **kwargs):
    """Call with every warning turned into an error."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return func(*args, **kwargs)


@SETTINGS
@given(channels, channels, signed, spin_orbit, signed, positive, direction)
def test_mean_is_finite_and_bounded(N1, N2, x, a, b, nphi, d):
    pref = N1 * N2 / (N1 + N2)
    dg = strict(wl_correction, N1, N2, x=x, a=a, b=b, nphi=nphi, b_direction=d)
    # Tr[C P_swap] lies between -1/N_C (singlet only) and 2/N_C (no antilocalization at all)
    n = N1 + N2
    assert -2 * pref / n * (1 + 1e-12) <= dg <= pref / n * (1 + 1e-12)
    g = strict(mean_conductance, N1, N2, x=x, a=a, b=b, nphi=nphi, b_direction=d)
    assert np.isfinite(g) and g > 0


@SETTINGS
@given(
    channels, channels, signed, signed, spin_orbit, signed, signed, signed, positive, temperature
)
def test_covariance_is_finite_and_bounded(N1, N2, x1, x2, a, b1, b2, de, nphi, kT):
    pref2 = (N1 * N2 / (N1 + N2)) ** 2
    kw = dict(a=a, nphi=nphi, kT=kT)
    c = strict(conductance_covariance, N1, N2, x1=x1, x2=x2, b1=b1, b2=b2, de=de, **kw)
    v1 = strict(conductance_variance, N1, N2, x=x1, b=b1, **kw)
    v2 = strict(conductance_variance, N1, N2, x=x2, b=b2, **kw)
    n = N1 + N2
    for v in (v1, v2):
        assert 0 <= v <= 8 * pref2 / n**2 * (1 + 1e-12)
    assert np.isfinite(c) and abs(c) <= np.sqrt(v1) * np.sqrt(v2) * (1 + 1e-10)
    # thermal smearing never increases the variance
    v0 = strict(conductance_variance, N1, N2, x=x1, b=b1, a=a, nphi=nphi)
    assert v1 <= v0 * (1 + 1e-10)


moderate = st.floats(-20, 20)
moderate_pos = st.floats(0, 20)


@SETTINGS
@given(
    st.integers(1, 50),
    st.integers(1, 50),
    moderate,
    moderate,
    st.one_of(moderate_pos, st.just(np.inf)),
    moderate,
    moderate,
    moderate,
    moderate_pos,
    st.floats(0, 10),
)
def test_routes_agree(N1, N2, x1, x2, a, b1, b2, de, nphi, kT):
    r1 = strict(
        conductance_covariance, N1, N2, x1=x1, x2=x2, a=a, b1=b1, b2=b2, de=de, nphi=nphi, kT=kT
    )
    r2 = strict(
        conductance_covariance_general,
        N1,
        N2,
        x1=x1,
        x2=x2,
        so_axes=(a, a, 0),
        b1_vec=(0, b1, 0),
        b2_vec=(0, b2, 0),
        de=de,
        nphi=nphi,
        kT=kT,
    )
    assert abs(r1 - r2) <= 1e-11 * abs(r1)
    unit = N1 * N2 / (N1 + N2) ** 2
    w1 = strict(wl_correction, N1, N2, x=x1, a=a, b=b1, nphi=nphi, b_direction=(0.6, 0, 0.8))
    w2 = strict(
        wl_correction_general,
        N1,
        N2,
        x=x1,
        so_axes=(a, a, 0),
        b_vec=(0.6 * b1, 0, 0.8 * b1),
        nphi=nphi,
    )
    assert abs(w1 - w2) <= 1e-11 * unit


# Route 2 resolves field differences through LU of matrices with entries ~ |b|; its relative
# accuracy is ~ 1e-16 |b| / (N + nphi), so Zeeman components are drawn up to 1e6 (physical
# fields give |b| < 1e3).
field = st.floats(-1e6, 1e6)


@SETTINGS
@given(
    st.integers(1, 1000),
    st.integers(1, 1000),
    signed,
    st.tuples(spin_orbit, spin_orbit, spin_orbit),
    st.tuples(field, field, field),
    st.tuples(field, field, field),
    signed,
    positive,
    st.one_of(st.just(0.0), st.floats(0, 1e3)),
)
def test_general_route_is_finite(N1, N2, x, so, bv1, bv2, de, nphi, kT):
    pref = N1 * N2 / (N1 + N2)
    w = strict(wl_correction_general, N1, N2, x=x, so_axes=so, b_vec=bv1, nphi=nphi)
    assert np.isfinite(w) and abs(w) <= 3 * pref / (N1 + N2)
    c = strict(
        conductance_covariance_general,
        N1,
        N2,
        x1=x,
        x2=-x,
        so_axes=so,
        b1_vec=bv1,
        b2_vec=bv2,
        de=de,
        nphi=nphi,
        kT=kT,
    )
    assert np.isfinite(c) and 0 <= c <= 8 * pref**2 / (N1 + N2) ** 2 * (1 + 1e-10)
