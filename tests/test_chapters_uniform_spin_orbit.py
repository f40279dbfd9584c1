"""Drivers of the chapter on uniform spin-orbit coupling (studies.uniform_spin_orbit).

The chapter asserts its own numbers when it executes; these tests check the drivers'
properties that the chapter relies on, with independent references.
"""

from __future__ import annotations

import numpy as np
import pytest

from chaoticdot import theory
from chaoticdot.studies import uniform_spin_orbit as uso


def test_realizations_split_into_two_shifted_spin_species():
    # G(x; x_so) = [G(x + x_so; 0) + G(x - x_so; 0)] / 2 on every realization
    _, with_flux, shifted = uso.decomposition_samples(samples=3, M=30)
    assert np.max(np.abs(with_flux - shifted)) < 1e-10


def test_antisymmetric_variance_is_half_of_var_minus_cov():
    kw = {"x_so": 0.8, "zeeman_so": 0.6, "a": 0.4, "b_direction": (1.0, 0.0, 0.0)}
    var = theory.conductance_variance(3, 2, x=1.3, b=2.0, **kw)
    cov = theory.conductance_covariance(3, 2, x1=1.3, x2=-1.3, b1=2.0, b2=2.0, **kw)
    got = uso.antisymmetric_variance(3, 2, x=1.3, b=2.0, **kw)
    assert got == pytest.approx((var - cov) / 2, rel=1e-12)
    # no cross term and no symplectic term: G(x) = G(-x), the asymmetry vanishes
    assert abs(uso.antisymmetric_variance(3, 2, x=1.3, b=2.0, x_so=0.8)) < 1e-12


def test_scaled_parameters_keep_the_large_n_antisymmetric_variance():
    rows = uso.antisymmetric_variance_mc(quick=True)
    theories = [r["theory"] for r in rows]
    assert [r["n"] for r in rows] == list(uso.ANTISYMMETRY_MC["channels"])
    np.testing.assert_allclose(theories, theories[0], rtol=1e-12)
    assert all(np.isfinite(r["estimate"].value) and r["estimate"].error > 0 for r in rows)


def test_zeeman_of_a_perpendicular_sweep_changes_sign_not_direction():
    B = np.array([-2e-3, 0.0, 1e-3])
    d = uso.device_parameters(area_um2=2.0, N1=1, N2=1, B_perp_T=B)
    assert d["b_direction"] == (0.0, 0.0, 1.0)
    assert d["b"][0] < 0 and d["b"][1] == 0 and d["b"][2] > 0
    assert d["b"][0] == pytest.approx(-2 * d["b"][2], rel=1e-12)
