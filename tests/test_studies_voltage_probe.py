"""The voltage-probe study and its figure (quick settings)."""

import numpy as np

from chaoticdot.display import make
from chaoticdot.studies.voltage_probe import PROBE_STUDY, probe_comparison


def test_probe_study_structure_and_zero_dephasing():
    data = probe_comparison(quick=True)
    nphi = data["nphi"]
    for n in PROBE_STUDY["n"]:
        res = data[n]
        assert res["G_probe"].shape == (PROBE_STUDY["samples_quick"], nphi.size)
        # Without dephasing both models are the same two-lead stub (same seed): identical.
        np.testing.assert_array_equal(res["G_probe"][:, 0], res["G_absorbing"][:, 0])
        for key in ("mean_probe", "var_probe", "mean_absorbing", "var_absorbing"):
            assert np.all(np.isfinite(res[key]))


def test_probe_figure_builds():
    result = make("voltage-probe", quick=True)
    assert set(result.table) == {"n", "nphi", "model", "mean_G", "var_G"}
    assert len(result.table["n"]) == 2 * 2 * len(PROBE_STUDY["nphi"])
