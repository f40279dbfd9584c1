"""Bad input gives a ValueError that names the argument; valid edge cases are accepted."""

import numpy as np
import pytest

from chaoticdot.theory import (
    conductance_covariance,
    conductance_covariance_general,
    conductance_variance,
    cooperon_spectrum,
    mean_conductance,
    thermal_kernel,
    wl_correction,
    wl_correction_general,
)

MEAN_FUNCS = [mean_conductance, wl_correction]
ALL_FUNCS = [mean_conductance, wl_correction, conductance_variance]

BAD_CHANNELS = [0, -1, 1.5, True, np.nan, "2", [1, 0]]


@pytest.mark.parametrize(
    "func",
    ALL_FUNCS + [conductance_covariance, wl_correction_general, conductance_covariance_general],
)
@pytest.mark.parametrize("bad", BAD_CHANNELS)
def test_channels_must_be_positive_integers(func, bad):
    # Wrong kinds (a boolean, a string) are TypeErrors, wrong values ValueErrors.
    with pytest.raises((ValueError, TypeError), match="N1"):
        func(bad, 1)
    with pytest.raises((ValueError, TypeError), match="N2"):
        func(1, bad)


@pytest.mark.parametrize("func", ALL_FUNCS)
@pytest.mark.parametrize(
    "name, bad",
    [
        ("a", -0.1),
        ("a", np.nan),
        ("a", -np.inf),
        ("a", 1j),
        ("nphi", -1.0),
        ("nphi", np.inf),
        ("nphi", np.nan),
        ("x", np.nan),
        ("b", -np.inf),
        ("b", np.nan),
    ],
)
def test_scalar_parameters(func, name, bad):
    with pytest.raises(ValueError, match=name):
        func(2, 2, **{name: bad})
    with pytest.raises(ValueError, match=name):  # one bad element in an array
        func(2, 2, **{name: np.array([0.5, bad])})


@pytest.mark.parametrize(
    "name, bad",
    [
        ("x1", np.nan),
        ("x2", np.nan),
        ("b1", np.inf),
        ("b2", np.nan),
        ("de", np.inf),
        ("kT", -1.0),
        ("kT", np.inf),
        ("kT", np.nan),
        ("a", -2.0),
        ("nphi", -1e-3),
    ],
)
def test_covariance_parameters(name, bad):
    with pytest.raises(ValueError, match=name):
        conductance_covariance(2, 2, **{name: bad})


@pytest.mark.parametrize("func", ALL_FUNCS + [conductance_covariance])
@pytest.mark.parametrize(
    "bad", [(0, 0, 0), (1, 0), (1, 0, 0, 0), (np.nan, 0, 1), (np.inf, 0, 0), "xyz", None, 3.0]
)
def test_b_direction(func, bad):
    with pytest.raises((ValueError, TypeError), match="b_direction"):
        func(2, 2, b_direction=bad)


@pytest.mark.parametrize("func", ALL_FUNCS + [conductance_covariance])
def test_valid_edge_cases_accepted(func):
    assert np.isfinite(func(1, 1, a=np.inf))
    assert np.isfinite(func(1.0, 2.0, a=0.0, nphi=0.0))  # integral floats are fine
    assert np.isfinite(func(np.int64(3), 1, b_direction=[0, 0, -2]))


@pytest.mark.parametrize(
    "kw, name",
    [
        (dict(so_axes=(1, 1)), "so_axes"),
        (dict(so_axes=(1, -1, 0)), "so_axes"),
        (dict(so_axes=(np.nan, 0, 0)), "so_axes"),
        (dict(so_axes=5.0), "so_axes"),
        (dict(b_vec=(0, np.inf, 0)), "b_vec"),
        (dict(b_vec=(1, 2)), "b_vec"),
        (dict(x=np.nan), "x"),
        (dict(nphi=-1), "nphi"),
    ],
)
def test_general_wl_parameters(kw, name):
    with pytest.raises(ValueError, match=name):
        wl_correction_general(2, 2, **kw)


@pytest.mark.parametrize(
    "kw, name",
    [
        (dict(b1_vec=(0, 0, np.nan)), "b1_vec"),
        (dict(b2_vec=(0, 0)), "b2_vec"),
        (dict(so_axes=(0, 0, -1)), "so_axes"),
        (dict(kT=-1), "kT"),
        (dict(de=np.nan), "de"),
        (dict(x1=np.nan), "x1"),
        (dict(x2=np.nan), "x2"),
    ],
)
def test_general_covariance_parameters(kw, name):
    with pytest.raises(ValueError, match=name):
        conductance_covariance_general(2, 2, **kw)


def test_general_route_accepts_infinite_axes():
    assert np.isfinite(wl_correction_general(1, 1, so_axes=(np.inf, 0, np.inf)))


def test_cooperon_spectrum_arguments():
    with pytest.raises(ValueError, match="N"):
        cooperon_spectrum(0)
    with pytest.raises(ValueError, match="so_axes"):
        cooperon_spectrum(4, a=1.0, so_axes=(1, 1, 0))
    with pytest.raises(ValueError, match="b_direction"):
        cooperon_spectrum(4, b_direction=(0, 0, 0))


def test_thermal_kernel_arguments():
    with pytest.raises(ValueError, match="kT"):
        thermal_kernel(0.0, 0.0)
    with pytest.raises(ValueError, match="kT"):
        thermal_kernel(0.0, -1.0)
    with pytest.raises(ValueError, match="de"):
        thermal_kernel(np.nan, 1.0)
