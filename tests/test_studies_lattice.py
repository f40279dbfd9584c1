"""The stored lattice datasets agree with fresh, independent reduced runs.

``python -m chaoticdot data lattice-magnetoconductance`` (and ``lattice-levels``) regenerate
the stored files; here reduced versions (``quick=True``, independent seeds) are generated and
compared with the stored means within 4 combined standard errors, and one stored realisation is
reproduced exactly from its seed.
"""

from __future__ import annotations

import numpy as np
import pytest

from chaoticdot.display import make
from chaoticdot.lattice import conductance_ensemble
from chaoticdot.rmt.statistics import mean as _mean_se  # (value, standard error)
from chaoticdot.studies import lattice as latstudy
from chaoticdot.studies import load


@pytest.fixture(scope="module")
def stored_mc():
    return load("lattice-magnetoconductance")


def test_stored_magnetoconductance_provenance(stored_mc):
    arrays, prov = stored_mc
    assert prov["n_samples"] >= 400
    assert prov["command"] == "python -m chaoticdot data lattice-magnetoconductance"
    assert prov["model"]["n_channels_per_lead"] == 1
    g = arrays["conductance"]
    assert g.shape == (prov["n_samples"], len(arrays["profiles"]), len(arrays["flux"]))
    assert np.all((g >= 0) & (g <= 2.0 + 1e-9))  # one channel x two spins per lead


def test_magnetoconductance_regeneration_agrees_statistically(stored_mc):
    arrays, _ = stored_mc
    quick, _ = latstudy.data_lattice_magnetoconductance(quick=True)
    s_prof, s_flux = list(arrays["profiles"]), list(arrays["flux"])
    for i, prof in enumerate(quick["profiles"]):
        k = s_prof.index(prof)
        cols = [s_flux.index(f) for f in quick["flux"]]
        stored = arrays["conductance"][:, k][:, cols]
        fresh = quick["conductance"][:, i]
        dips = (fresh[:, :1] - fresh[:, -1:], stored[:, :1] - stored[:, -1:])
        for a, b in ((fresh, stored), dips):
            ma, ea = _mean_se(a)
            mb, eb = _mean_se(b)
            assert np.all(np.abs(ma - mb) < 4 * np.hypot(ea, eb)), (prof, ma, mb, ea, eb)


def test_one_stored_realisation_is_reproduced_exactly(stored_mc):
    arrays, prov = stored_mc
    model = latstudy.magnetoconductance_model()
    prof = "checkerboard"
    flux = float(arrays["flux"][1])
    res = conductance_ensemble(
        model, [latstudy.variant(prof, flux)], n_samples=1, seed=prov["seed"], executor="serial"
    )
    k, j = list(arrays["profiles"]).index(prof), 1
    assert res.energies[0, 0] == pytest.approx(arrays["energies"][0], abs=1e-15)
    assert res.conductance[0, 0, 0] == pytest.approx(arrays["conductance"][0, k, j], abs=1e-9)


def test_levels_regeneration_agrees_statistically():
    arrays, prov = load("lattice-levels")
    assert prov["n_spectra"] >= 16
    quick, _ = latstudy.data_lattice_levels(quick=True)
    s_prof, s_rat = list(arrays["profiles"]), list(arrays["ratios"])
    pairs = [(quick["ratio_none"], arrays["ratio_none"])]
    for i, prof in enumerate(quick["profiles"]):
        for j, r in enumerate(quick["ratios"]):
            pairs.append(
                (quick["ratio"][:, i, j], arrays["ratio"][:, s_prof.index(prof), s_rat.index(r)])
            )
    for fresh, stored in pairs:
        ma, ea = _mean_se(fresh)
        mb, eb = _mean_se(stored)
        assert abs(ma - mb) < 4 * np.hypot(ea, eb)


def test_stored_figures_build():
    """The stored-data figures draw, and their tables are consistent long-format columns."""
    import matplotlib

    matplotlib.use("Agg")
    for name in ("lattice-gates", "lattice-magnetoconductance", "lattice-profiles"):
        result = make(name)
        lengths = {len(v) for v in result.table.values()}
        assert len(lengths) == 1 and lengths.pop() > 0
        matplotlib.pyplot.close(result.figure)
