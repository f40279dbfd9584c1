"""The stored ``lattice-spin-flux`` dataset: provenance, reproduction of a realisation from its
seed, agreement with an independent reduced run, and the displaced dip it shows."""

from __future__ import annotations

import numpy as np
import pytest

from chaoticdot.lattice import conductance_ensemble
from chaoticdot.studies import lattice_spin_flux as lsf
from chaoticdot.studies import load


@pytest.fixture(scope="module")
def stored():
    return load("lattice-spin-flux")


def test_provenance_and_shapes(stored):
    arrays, prov = stored
    assert prov["command"] == "python -m chaoticdot data lattice-spin-flux"
    assert prov["n_samples"] == lsf.SPIN_FLUX_SAMPLES and prov["seed"] == lsf.SPIN_FLUX_SEED
    assert prov["model"]["n_channels_per_lead"] == 2
    assert prov["cpu_seconds"] < 15 * 60 * 1.2  # the budget of the run, with some slack
    g = arrays["conductance"]
    assert g.shape == (
        lsf.SPIN_FLUX_SAMPLES,
        len(lsf.SPIN_FLUX_COUPLINGS),
        len(lsf.SPIN_FLUX_FLUXES),
    )
    assert np.all(np.isfinite(g)) and np.all((g >= 0) & (g <= 4))


def test_first_realisation_reproduced_from_its_seed(stored):
    arrays, _ = stored
    couplings = lsf.SPIN_FLUX_COUPLINGS[2:4]
    fluxes = (0.0, 1.2)
    variants = [
        {"so_length": r, "dresselhaus_length": d, "flux": f} for r, d in couplings for f in fluxes
    ]
    res = conductance_ensemble(
        lsf.spin_flux_model(), variants, n_samples=1, seed=lsf.SPIN_FLUX_SEED, executor="serial"
    )
    fresh = res.conductance[0, 0].reshape(len(couplings), len(fluxes))
    cols = [list(lsf.SPIN_FLUX_FLUXES).index(f) for f in fluxes]
    assert np.allclose(fresh, arrays["conductance"][0, 2:4][:, cols], rtol=0, atol=1e-11)


def test_independent_reduced_run_agrees(stored):
    arrays, _ = stored
    quick, prov = lsf.data_lattice_spin_flux(quick=True)
    assert prov["seed"] != lsf.SPIN_FLUX_SEED
    stored_pairs = list(zip(arrays["rashba_length"], arrays["dresselhaus_length"], strict=True))
    pairs = zip(quick["rashba_length"], quick["dresselhaus_length"], strict=True)
    rows = [stored_pairs.index(pair) for pair in pairs]
    cols = [list(arrays["flux"]).index(f) for f in quick["flux"]]
    old = arrays["conductance"][:, rows][:, :, cols]
    new = quick["conductance"]
    # paired zero-field minus large-field differences, per coupling
    for d_old, d_new in ((old[..., 0] - old[..., 1], new[..., 0] - new[..., 1]),):
        m_old, m_new = d_old.mean(axis=0), d_new.mean(axis=0)
        se = np.hypot(
            d_old.std(axis=0, ddof=1) / np.sqrt(len(d_old)),
            d_new.std(axis=0, ddof=1) / np.sqrt(len(d_new)),
        )
        assert np.all(np.abs(m_old - m_new) < 4 * se)


def test_dip_is_displaced_by_the_spin_flux(stored):
    """The fitted spin flux is resolved, grows with 1/lambda^2 for Rashba coupling and stays
    below the leading-order value (higher orders in L/lambda reduce it)."""
    ana = lsf.spin_flux_analysis(stored[0])
    pred = np.array(ana["predicted"])
    fitted = np.array([f["spin_flux_0"] for f in ana["fits"]])
    rashba = [k for k, (_, d) in enumerate(ana["lengths"]) if np.isinf(d)]
    order = sorted(rashba, key=lambda k: pred[k])
    steps = np.diff(fitted[order, 0])
    assert np.all(steps > 2 * np.hypot(fitted[order[1:], 1], fitted[order[:-1], 1]))
    assert np.all(fitted[:, 0] > 4 * fitted[:, 1])
    assert np.all(fitted[:, 0] < pred)
