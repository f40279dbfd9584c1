"""Bad-input campaign over every public callable of theory, rmt, units and lattice.

Shared by ``tests/test_fuzz_public_api.py`` (hypothesis-driven) and usable as a script to
count the outcomes::

    python tests/_fuzz_public.py

For each callable a cheap valid call (the baseline) is defined; one parameter at a time is
replaced by a bad value. An outcome is acceptable when the call either returns a finite result
or raises ``ValueError``/``TypeError`` whose message names the parameter.
"""

from __future__ import annotations

import dataclasses
import inspect
import math

import numpy as np

from chaoticdot import lattice, rmt, theory, units
from chaoticdot.rmt.stub import StubPoint

MODULES = {"theory": theory, "rmt": rmt, "units": units, "lattice": lattice}

# Result containers and constants: not entry points that take physical input.
RECORDS = {
    "rmt.Estimate",
    "rmt.CostEstimate",
    "rmt.ChiSquare",
    "units.UniversalRegimeWarning",
    "lattice.EnsembleResult",
    "lattice.LineShapeFit",
    "lattice.DisplacedDipFit",
    "lattice.SuppressionStudy",
    "lattice.EvenSeriesFit",
    "lattice.SizeLaw",
}
# Expensive drivers (seconds per call even with the smallest settings): their arguments go
# through the same shared checks as the cheap entry points below and have dedicated tests.
EXPENSIVE = {"lattice.conductance_ensemble", "lattice.suppression_study", "lattice.kramers_levels"}


def _small_lattice():
    geo = lattice.DotGeometry(length=12, lead_width=4)
    ham = lattice.dot_hamiltonian(geo)
    return geo, ham


GEO, HAM = _small_lattice()
RNG_LEVELS = np.cumsum(np.random.default_rng(0).exponential(size=12))


def _series_fits():
    """Two cheap fits of ``c2 x^2 + c4 x^4`` on the same 20 realisations."""
    x = np.array([0.1, 0.2, 0.3])
    rng = np.random.default_rng(3)
    c2 = 1.0 + 0.3 * rng.standard_normal((20, 1))
    c4 = -1.0 + 0.3 * rng.standard_normal((20, 1))
    noise = 1e-4 * rng.standard_normal((20, 3))
    samples = c2 * x**2 + c4 * x**4 + noise
    return x, samples, lattice.fit_even_series(x, samples), lattice.fit_even_series(x, 2 * samples)


SERIES_X, SERIES_SAMPLES, FIT_A, FIT_B = _series_fits()

BASELINES = {
    "theory.mean_conductance": dict(N1=2, N2=2),
    "theory.wl_correction": dict(N1=2, N2=2),
    "theory.conductance_covariance": dict(N1=2, N2=2),
    "theory.conductance_variance": dict(N1=2, N2=2),
    "theory.cooperon_trace": dict(n_c=4.0, a=0.5, b=0.3),
    "theory.wl_correction_general": dict(N1=2, N2=2),
    "theory.conductance_covariance_general": dict(N1=2, N2=2),
    "theory.cooperon_spectrum": dict(N=4),
    "theory.inverse_cooperon": dict(
        n0=4.0, b1=(0.1, 0.0, 0.0), b2=(0.1, 0.0, 0.0), so_axes=(0.5, 0.5, 0.0)
    ),
    "theory.inverse_diffuson": dict(
        n0=4.0, b1=(0.1, 0.0, 0.0), b2=(0.1, 0.0, 0.0), so_axes=(0.5, 0.5, 0.0)
    ),
    "theory.thermal_kernel": dict(de=0.5, kT=0.3),
    "theory.thermal_resolvent": dict(A=4.0 * np.eye(2), kT=0.3),
    "theory.thermal_frobenius2": dict(A=4.0 * np.eye(2), kT=0.3),
    "theory.ensemble_of_limit": dict(),
    "theory.exact_conductance_stats": dict(N1=1, N2=1, ensemble="COE"),
    "theory.transmission_mean": dict(N1=1, N2=1, beta=1),
    "theory.transmission_variance": dict(N1=1, N2=1, beta=1),
    "rmt.sample_conductance": dict(N1=1, N2=1, samples=2, M=8, executor="serial", max_minutes=0.02),
    "rmt.scattering_matrix": dict(N1=1, N2=1, M=8, rng=0),
    "rmt.hamiltonian_scattering_matrix": dict(N1=1, N2=1, M=8, rng=0),
    "rmt.hamiltonian_conductance": dict(N1=1, N2=1, samples=2, M=8),
    "rmt.finite_m_wl_correction": dict(N1=1, N2=1, M=12),
    "rmt.finite_m_covariance": dict(N1=1, N2=1, p1=StubPoint(), p2=StubPoint(x=0.5), M=12),
    "rmt.mean": dict(samples=[1.0, 2.0, 4.0]),
    "rmt.variance": dict(samples=[1.0, 2.0, 4.0]),
    "rmt.covariance": dict(samples1=[1.0, 2.0, 4.0], samples2=[0.0, 1.0, 3.0]),
    "rmt.control_variate_mean": dict(
        samples=[1.0, 2.0, 4.0, 3.0], control=[0.5, 1.0, 2.0, 1.2], control_mean=1.0
    ),
    "rmt.chi_square": dict(
        residuals=[0.1, -0.2, 0.05], covariance=np.diag([0.04, 0.05, 0.02]), rcond=1e-12
    ),
    "rmt.choose_M": dict(N=4, x=0.0, a=0.0, b=0.0, nphi=0.0, energy=0.0),
    "rmt.estimate_cost": dict(N1=1, N2=1, samples=2, executor="serial"),
    "rmt.haar_unitary": dict(rng=np.random.default_rng(0), M=4),
    "rmt.coe_matrix": dict(rng=np.random.default_rng(0), M=4),
    "rmt.cse_matrix": dict(rng=np.random.default_rng(0), M=4),
    "rmt.perturbation_matrices": dict(M=12, N=4),
    "units.Device": dict(area_um2=1.0),
    "units.rashba_length_um": dict(alpha_eV_m=5e-12),
    "units.reference_device": dict(area_um2=1.2),
    "units.spin_flux_field_T": dict(lambda_x_um=1.0, lambda_y_um=2.0),
    "units.spin_orbit_lengths_um": dict(alpha_eV_m=3e-13, beta_eV_m=1e-13),
    "units.spin_orbit_couplings_eV_m": dict(lambda_x_um=2.0, lambda_y_um=-5.0),
    "lattice.DotModel": dict(length=12, lead_width=4),
    "lattice.DotGeometry": dict(length=12, lead_width=4),
    "lattice.disorder_potential": dict(n_sites=10, strength=0.5, rng=np.random.default_rng(0)),
    "lattice.dot_hamiltonian": dict(geometry=GEO),
    "lattice.axial_gauge": dict(geometry=GEO, links=lattice.RashbaField("uniform", 20.0, GEO)),
    "lattice.channel_count": dict(lead_width=8, energy=0.5),
    "lattice.channel_window": dict(lead_width=8, n_channels=2),
    "lattice.energy_from_kf": dict(kf=0.6),
    "lattice.kf_from_energy": dict(energy=0.5),
    "lattice.lead_modes": dict(lead_width=8, energy=0.5),
    "lattice.gate_length": dict(profile="half", length_s=10.0),
    "lattice.RashbaField": dict(
        profile="half", length=20.0, geometry=GEO, dresselhaus_length=-50.0
    ),
    "lattice.ColumnGaugeField": dict(angles=np.zeros(12)),
    "lattice.profile_strength": dict(profile="half", x=np.arange(3.0), y=np.zeros(3), geometry=GEO),
    "lattice.conductance": dict(hamiltonian=HAM, geometry=GEO, energy=0.5),
    "lattice.scattering_matrix": dict(hamiltonian=HAM, geometry=GEO, energy=0.5),
    "lattice.transmission_matrix": dict(hamiltonian=HAM, geometry=GEO, energy=0.5),
    "lattice.spacing_ratios": dict(levels=RNG_LEVELS),
    "lattice.mean_spacing_ratio": dict(levels=RNG_LEVELS),
    "lattice.line_shape": dict(
        flux=np.linspace(0, 2, 5), g_inf=1.0, amplitude=0.1, flux_scale=0.5, a=0.3
    ),
    "lattice.fit_line_shape": dict(
        flux=np.linspace(0, 2, 6),
        samples=1.0
        - 0.2 / (1 + np.linspace(0, 2, 6)[None, :] ** 2)
        + 0.01 * np.random.default_rng(1).standard_normal((40, 6)),
    ),
    "lattice.fit_even_series": dict(x=SERIES_X, samples=SERIES_SAMPLES, powers=(2, 4)),
    "lattice.coefficient_ratio": dict(numerator=FIT_B, power_n=2, denominator=FIT_A, power_d=2),
    "lattice.spin_flux": dict(area=100.0, length_x=20.0, length_y=-30.0),
    "lattice.displaced_dip": dict(
        flux=np.linspace(0, 2, 5), g_cl=1.0, depth=0.3, kappa=2.0, spin_flux=0.4, a_x=0.2
    ),
    "lattice.fit_displaced_dip": dict(
        flux=np.linspace(0, 2, 4),
        reference=1.0 + 0.01 * np.random.default_rng(2).standard_normal((40, 4)),
        curves=1.0 + 0.01 * np.random.default_rng(3).standard_normal((40, 1, 4)),
        rate="two-axis",
    ),
    "lattice.fit_size_law": dict(
        lengths=[40.0, 60.0, 80.0], values=[1.0, 2.1, 3.9], errors=[0.1, 0.2, 0.3]
    ),
}

#: Bad values tried for every parameter (besides those drawn by hypothesis).
BAD_VALUES = [
    "abc",
    "1.0",
    True,
    None,
    float("nan"),
    float("inf"),
    -float("inf"),
    1e300,
    -1e300,
    1e-300,
    -1.0,
    0,
    2.5,
    [],
    np.array(0.5),
    np.zeros((0, 3)),
    [[1.0, 2.0], [3.0]],
    1j,
    object(),
]


def public_callables():
    """``{qualified name: callable}`` over the ``__all__`` of the four physics modules."""
    out = {}
    for mod_name, mod in MODULES.items():
        for name in mod.__all__:
            obj = getattr(mod, name)
            if callable(obj):
                out[f"{mod_name}.{name}"] = obj
    return out


def cases():
    """``(qualified name, parameter)`` pairs of the campaign."""
    out = []
    for qual, fn in public_callables().items():
        if qual in RECORDS or qual in EXPENSIVE:
            continue
        for pname, par in inspect.signature(fn).parameters.items():
            if par.kind in (par.VAR_POSITIONAL, par.VAR_KEYWORD):
                continue
            out.append((qual, pname))
    return out


def _numbers(result, depth=0):
    """All floating-point numbers reachable in a result (arrays, tuples, dicts, records)."""
    if depth > 4:
        return []
    if isinstance(result, np.ndarray):
        if result.dtype.kind in "fc":
            return [result]
        return []
    if isinstance(result, float | np.floating | complex):
        return [np.asarray(result)]
    if isinstance(result, dict):
        return [v for x in result.values() for v in _numbers(x, depth + 1)]
    if isinstance(result, tuple | list):
        return [v for x in result for v in _numbers(x, depth + 1)]
    if dataclasses.is_dataclass(result) and not isinstance(result, type):
        return [
            v
            for f in dataclasses.fields(result)
            for v in _numbers(getattr(result, f.name), depth + 1)
        ]
    return []


# Results that may be infinite by definition (documented): infinite cooperon eigenvalues at
# a = inf; inf parameters stored on records (no spin-orbit source: infinite spin-orbit time).
_INF_OK = {
    "theory.cooperon_spectrum",
    "units.Device",
    "units.spin_orbit_lengths_um",  # inf: no coupling along an axis (alpha = +-beta)
    "rmt.estimate_cost",
    "lattice.DotModel",
    "lattice.DotGeometry",
    "lattice.RashbaField",
    "lattice.ColumnGaugeField",
}


def classify(qual: str, pname: str, bad) -> str:
    """Call ``qual`` with ``pname = bad``: ``"finite"``, ``"named"`` or a failure label."""
    fn = public_callables()[qual]
    kwargs = dict(BASELINES[qual])
    kwargs[pname] = bad
    try:
        result = fn(**kwargs)
    except (ValueError, TypeError) as err:
        return "named" if pname in str(err) else f"unnamed {type(err).__name__}: {err}"
    except Exception as err:  # noqa: BLE001 - the campaign records every other exception
        return f"other {type(err).__name__}: {err}"
    for arr in _numbers(result):
        if np.any(np.isnan(arr)):
            return "silent NaN"
        if qual not in _INF_OK and np.any(np.isinf(arr)):
            return "silent inf"
    return "finite"


def campaign(values=BAD_VALUES):
    """Run every case with every value; returns ``(counts, failures)``."""
    counts = {"tried": 0, "finite": 0, "named": 0, "unnamed": 0, "other": 0, "silent": 0}
    failures = []
    for qual, pname in cases():
        for bad in values:
            outcome = classify(qual, pname, bad)
            counts["tried"] += 1
            key = outcome.split()[0]
            counts[key if key in counts else "silent"] += 1
            if outcome not in ("finite", "named"):
                failures.append((qual, pname, repr(bad)[:40], outcome[:160]))
    return counts, failures


if __name__ == "__main__":  # pragma: no cover
    import warnings

    warnings.simplefilter("ignore")
    counts, failures = campaign()
    for f in failures:
        print(*f, sep=" | ")
    print(counts, "cases:", len(cases()), "math ok:", math.isfinite(1.0))
