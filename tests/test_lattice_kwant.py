"""Cross-check of the lattice solver against Kwant 1.5 (run in CI with Kwant installed).

The Kwant system is rebuilt from the physical definition in ``chaoticdot.kwant_crosscheck``
(no code shared with the lattice package's Hamiltonian, links, leads or solver; its Rashba and
Dresselhaus links are derived from the continuum Hamiltonian). Set
``CHAOTICDOT_REQUIRE_KWANT=1`` to turn a missing Kwant into a failure instead of a skip.
"""

from __future__ import annotations

import os

import numpy as np
import pytest

from chaoticdot.lattice import PROFILES, DotModel

pytestmark = pytest.mark.kwant

TOLERANCE = 1e-10
ENERGY = 0.5  # two open channels per lead of width 8


@pytest.fixture(scope="module")
def kwant():
    try:
        import kwant as kw
    except ImportError:
        if os.environ.get("CHAOTICDOT_REQUIRE_KWANT") == "1":
            pytest.fail("kwant is required (CHAOTICDOT_REQUIRE_KWANT=1) but cannot be imported")
        pytest.skip("kwant not installed")
    return kw


def _model(**kw):
    base = dict(length=22, width=18, lead_width=8, kf=0.6, disorder=0.7, seed=4)
    return DotModel(**{**base, **kw})


@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_agrees_with_kwant_for_every_gate_profile(kwant, profile):
    from chaoticdot.kwant_crosscheck import kwant_conductance

    dot = _model(so_profile=profile, so_length=7.0, flux=1.1, zeeman=(0.02, -0.01, 0.03))
    g_ours = dot.conductance(ENERGY)
    g_kwant = kwant_conductance(dot, ENERGY)
    assert 0.1 < g_ours < 2 * 2 * 2  # 2 channels x 2 spins per lead, not a trivial value
    assert abs(g_ours - g_kwant) < TOLERANCE


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"flux": -0.7},
        {"zeeman": (0.0, 0.0, 0.05)},
        {"so_profile": "uniform", "so_length": 12.0},
        {"so_profile": "half", "so_length": 6.0, "smooth_contacts": False, "flux": 0.3},
        {"so_profile": "uniform", "so_length": 6.0, "smooth_contacts": False},
    ],
)
def test_agrees_with_kwant_without_some_terms(kwant, changes):
    from chaoticdot.kwant_crosscheck import kwant_conductance

    dot = _model(**changes)
    assert abs(dot.conductance(ENERGY) - kwant_conductance(dot, ENERGY)) < TOLERANCE


def test_agrees_with_kwant_at_other_energy_and_more_channels(kwant):
    from chaoticdot.kwant_crosscheck import kwant_conductance

    dot = _model(lead_width=10, so_profile="checkerboard", so_length=9.0, flux=0.4)
    energy = 1.2  # 4 open channels per lead of width 10
    assert abs(dot.conductance(energy) - kwant_conductance(dot, energy)) < TOLERANCE


def test_kwant_transmission_is_not_trivially_equal(kwant):
    """Control: different physics gives a different Kwant result (the comparison can fail)."""
    from chaoticdot.kwant_crosscheck import kwant_conductance

    a = kwant_conductance(_model(so_profile="step", so_length=7.0), ENERGY)
    b = kwant_conductance(_model(so_profile="corner", so_length=7.0), ENERGY)
    assert abs(a - b) > 1e-4
    assert np.isfinite(a)


# --------------------------------------------------------------- Dresselhaus coupling
FIELDS = {"flux": 1.1, "zeeman": (0.02, -0.01, 0.03)}


@pytest.mark.parametrize(
    "changes",
    [
        {"dresselhaus_length": 6.0, **FIELDS},
        {"dresselhaus_length": -6.0, "smooth_contacts": False, **FIELDS},
        {"so_profile": "corner", "so_length": 7.0, "dresselhaus_length": 9.0, **FIELDS},
        {"so_profile": "step", "so_length": 7.0, "dresselhaus_length": -9.0, **FIELDS},
        {"so_profile": "curved", "so_length": 7.0, "dresselhaus_length": 5.0, "flux": -0.4},
        {
            "so_profile": "half",
            "so_length": 6.0,
            "dresselhaus_length": 8.0,
            "smooth_contacts": False,
            **FIELDS,
        },
    ],
)
def test_agrees_with_kwant_with_dresselhaus(kwant, changes):
    """Rashba (gated) plus uniform Dresselhaus links, derived for Kwant from the continuum."""
    from chaoticdot.kwant_crosscheck import kwant_conductance

    dot = _model(**changes)
    g_ours = dot.conductance(ENERGY)
    assert 0.1 < g_ours < 2 * 2 * 2
    assert abs(g_ours - kwant_conductance(dot, ENERGY)) < TOLERANCE


@pytest.mark.parametrize(
    "first, second",
    [
        ({}, {"dresselhaus_length": 6.0}),
        ({"so_profile": "step", "so_length": 7.0}, {"dresselhaus_length": 9.0}),
        # with Rashba on, the sign of lambda_D (the crystal orientation) matters
        (
            {"so_profile": "corner", "so_length": 7.0, "dresselhaus_length": 9.0},
            {"dresselhaus_length": -9.0},
        ),
    ],
)
def test_dresselhaus_changes_the_conductance(kwant, first, second):
    """Control: the Dresselhaus agreement above is not trivial (G moves by far more than it)."""
    from chaoticdot.kwant_crosscheck import kwant_conductance

    a = _model(**FIELDS, **first)
    b = a.replace(**second)
    assert abs(kwant_conductance(a, ENERGY) - kwant_conductance(b, ENERGY)) > 1e-4
    assert abs(a.conductance(ENERGY) - b.conductance(ENERGY)) > 1e-4


@pytest.mark.parametrize("sign", [1.0, -1.0])
def test_kwant_equal_rashba_and_dresselhaus_is_a_pure_gauge(kwant, sign):
    """Uniform ``lambda_D = +-lambda_R`` leaves one spin axis: a pure SU(2) gauge (Aleiner &
    Fal'ko, PRL 87, 256801 (2001)), so without a Zeeman term G is that of no spin-orbit
    coupling. Kwant side only: a check of the continuum-derived links themselves."""
    from chaoticdot.kwant_crosscheck import kwant_conductance

    plain = _model(flux=0.8)
    gauge = plain.replace(so_profile="uniform", so_length=5.0, dresselhaus_length=sign * 5.0)
    generic = gauge.replace(dresselhaus_length=-sign * 9.0)
    g_plain = kwant_conductance(plain, ENERGY)
    assert abs(kwant_conductance(gauge, ENERGY) - g_plain) < TOLERANCE
    assert abs(kwant_conductance(generic, ENERGY) - g_plain) > 1e-4


def test_kwant_crosscheck_rejects_bad_input(kwant):
    from chaoticdot.kwant_crosscheck import build_kwant_system, kwant_conductance

    with pytest.raises(TypeError, match="model"):
        build_kwant_system("dot")
    with pytest.raises(ValueError, match="energy"):
        kwant_conductance(_model(), float("nan"))
    with pytest.raises(ValueError, match="energy"):
        kwant_conductance(_model(), [0.5, 0.6])
