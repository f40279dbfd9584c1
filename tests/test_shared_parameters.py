"""Sibling entry points share one parameter list (chaoticdot._signatures).

``mean_conductance`` and ``conductance_variance`` take the parameters of ``wl_correction``,
``estimate_cost`` those of ``sample_conductance``, ``hamiltonian_scattering_matrix`` those of
``scattering_matrix`` and ``inverse_diffuson`` those of ``inverse_cooperon``: the signatures
they report are the template's, the calls bind like plain signatures, and the results follow
from independent routes.
"""

from __future__ import annotations

import inspect

import numpy as np
import pytest

from chaoticdot import rmt, theory

SIBLINGS = [
    (theory.mean_conductance, theory.wl_correction),
    (theory.conductance_variance, theory.wl_correction),
    (theory.inverse_diffuson, theory.inverse_cooperon),
    (rmt.estimate_cost, rmt.sample_conductance),
    (rmt.hamiltonian_scattering_matrix, rmt.scattering_matrix),
]


@pytest.mark.parametrize(("function", "template"), SIBLINGS, ids=lambda f: f.__name__)
def test_sibling_reports_the_template_parameters(function, template):
    assert list(inspect.signature(function).parameters.values()) == list(
        inspect.signature(template).parameters.values()
    )


#: Valid values of the required parameters of the templates.
REQUIRED = {"N1": 2, "N2": 2, "n0": 3.0, "b1": (0, 0, 0), "b2": (0, 0, 0), "M": 12, "rng": 0}


@pytest.mark.parametrize(("function", "template"), SIBLINGS, ids=lambda f: f.__name__)
def test_unknown_or_positional_arguments_are_refused_with_the_function_name(function, template):
    parameters = inspect.signature(template).parameters.values()
    required = {p.name: REQUIRED[p.name] for p in parameters if p.default is p.empty}
    with pytest.raises(TypeError, match=rf"{function.__name__}.*no_such_parameter"):
        function(**required, no_such_parameter=1.0)
    with pytest.raises(TypeError, match="positional"):
        function(*range(8))
    with pytest.raises(TypeError, match=f"{function.__name__}.*missing"):
        function()


def test_variance_is_the_covariance_at_equal_arguments():
    kw = dict(a=1.3, nphi=0.4, kT=0.2, b_direction=(0.0, 0.6, 0.8), x_so=0.3, zeeman_so=0.2)
    var = theory.conductance_variance(2, 3, x=0.7, b=0.9, **kw)
    cov = theory.conductance_covariance(2, 3, x1=0.7, x2=0.7, b1=0.9, b2=0.9, de=0.0, **kw)
    assert var == cov


def test_inverse_diffuson_is_the_cooperon_with_the_second_field_reversed():
    # Paper Eqs. (11)-(12): without spin, D^-1(x1, x2) = C^-1(x1, -x2) (fields (x1 -+ x2)^2/2).
    d, _ = theory.inverse_diffuson(3.0, (0, 0, 0), (0, 0, 0), x1=0.8, x2=0.5)
    c, _ = theory.inverse_cooperon(3.0, (0, 0, 0), (0, 0, 0), x1=0.8, x2=-0.5)
    np.testing.assert_allclose(d, c, atol=1e-14)


def test_estimate_cost_checks_every_argument_of_the_run():
    run = dict(x=1.0, samples=10, executor="serial")
    for name, bad, error in (
        ("seed", -1, ValueError),
        ("progress", "yes", TypeError),
        ("precision", "half", ValueError),
        ("max_minutes", -1.0, ValueError),
        ("max_memory_gib", float("nan"), ValueError),
    ):
        with pytest.raises(error, match=name):
            rmt.estimate_cost(2, 2, **run, **{name: bad})
        with pytest.raises(error, match=name):
            rmt.sample_conductance(2, 2, **run, **{name: bad})


def test_estimate_cost_reports_what_sample_conductance_refuses():
    run = dict(x=1.0, samples=10, executor="serial", max_minutes=1e-12)
    cost = rmt.estimate_cost(2, 2, **run)
    assert cost.seconds > 0 and cost.M == rmt.estimate_cost(2, 2, x=1.0, samples=10).M
    with pytest.raises(ValueError, match="max_minutes"):
        rmt.sample_conductance(2, 2, **run)


def test_hamiltonian_terms_mapping_is_the_keyword_route():
    common = dict(x=0.4, b=0.3, b_direction=(0.0, 0.0, 1.0), M=12, rng=5)
    by_keyword = rmt.hamiltonian_scattering_matrix(1, 2, x_so=0.7, zeeman_so=0.2, **common)
    by_terms = rmt.hamiltonian_scattering_matrix(
        1, 2, terms={"x_so": 0.7, "zeeman_so": 0.2}, **common
    )
    np.testing.assert_array_equal(by_keyword, by_terms)
    axes = rmt.hamiltonian_scattering_matrix(1, 2, so_axes=(0.5, 0.0, 0.9), **common)
    named = rmt.hamiltonian_scattering_matrix(1, 2, terms={"a_x": 0.5, "a_z": 0.9}, **common)
    np.testing.assert_array_equal(axes, named)
    # Unitary at nphi = 0 with the extra terms (independent property of the model).
    s = by_terms
    np.testing.assert_allclose(s @ s.conj().T, np.eye(len(s)), atol=1e-12)


def test_hamiltonian_refuses_an_infinite_term():
    with pytest.raises(ValueError, match="a_x|so_axes"):
        rmt.hamiltonian_scattering_matrix(1, 1, M=8, rng=0, terms={"a_x": np.inf})


def test_hamiltonian_conductance_takes_the_engine_arguments():
    assert list(inspect.signature(rmt.hamiltonian_conductance).parameters.values()) == list(
        inspect.signature(rmt.sample_conductance).parameters.values()
    )
    run = dict(x=0.5, samples=2, M=12)
    for name, bad in (("dephasing", "probe"), ("executor", "fast"), ("progress", 1)):
        with pytest.raises((ValueError, TypeError), match=name):
            rmt.hamiltonian_conductance(1, 1, **run, **{name: bad})
    with pytest.raises(ValueError, match="M must be given"):
        rmt.hamiltonian_conductance(1, 1, x=0.5, samples=2)


def test_hamiltonian_cost_is_refused_before_allocating():
    # (2 M)^2 complex entries at M = 10^6 would be 64 TB: refused by the memory cap at once.
    with pytest.raises(ValueError, match="max_memory_gib"):
        rmt.hamiltonian_conductance(1, 1, samples=1, M=10**6)


def test_hamiltonian_thermal_average_is_the_weighted_sum_over_energies():
    from chaoticdot.rmt.thermal import thermal_quadrature

    offsets, weights = thermal_quadrature(2, 2, 0.7)
    common = dict(x=0.4, a=0.6, samples=3, M=24, seed=7)
    thermal = rmt.hamiltonian_conductance(2, 2, kT=0.7, energy=0.3, **common)
    at_energies = rmt.hamiltonian_conductance(2, 2, energy=0.3 + offsets, **common)
    np.testing.assert_allclose(thermal, at_energies @ weights, rtol=1e-12)


def test_hamiltonian_mean_conductance_does_not_depend_on_temperature():
    # <G> is kT independent (appendix "Dephasing and temperature"); the Hamiltonian model's
    # level density varies over the thermal window by ~(pi kT / M)^2 only, far below the error.
    g = rmt.hamiltonian_conductance(2, 2, x=0.5, kT=[0.0, 0.5], samples=300, M=60, seed=3)
    diff = rmt.mean(g[:, 1] - g[:, 0])
    assert abs(diff.value) < 4 * diff.error


def test_finite_m_kernel_takes_the_theory_parameters_and_m():
    names = list(inspect.signature(rmt.finite_m_wl_correction).parameters)
    assert names == [*inspect.signature(theory.wl_correction).parameters, "M", "so_axes"]
    with pytest.raises(TypeError, match="finite_m_wl_correction.*no_such_parameter"):
        rmt.finite_m_wl_correction(2, 2, M=20, no_such_parameter=1.0)
    with pytest.raises(TypeError, match="finite_m_wl_correction.*M"):
        rmt.finite_m_wl_correction(2, 2)
    with pytest.raises(ValueError, match="kT"):
        rmt.finite_m_wl_correction(2, 2, M=20, kT=-1.0)


def test_finite_m_kernel_serves_the_device_dictionary_and_tends_to_eq_13():
    # One dictionary of a GaAs device (kT and the uniform-coupling terms included) for both;
    # the finite-M error shrinks as 1/M towards the closed form (paper Eq. 13).
    from chaoticdot.units import reference_device

    device = reference_device(1.2, B_perp_T=1e-4, B_par_T=0.1)
    kw = dict(device.dimensionless(), b_direction=device.b_direction)
    assert kw["kT"] > 0 and kw["x_so"] != 0
    exact = theory.wl_correction(**kw)
    errors = [abs(rmt.finite_m_wl_correction(**kw, M=M) - exact) for M in (200, 800)]
    assert 3.6 < errors[0] / errors[1] < 4.4  # measured 4.06
    cold = rmt.finite_m_wl_correction(**dict(kw, kT=0.0), M=200)
    assert cold == rmt.finite_m_wl_correction(**kw, M=200)
