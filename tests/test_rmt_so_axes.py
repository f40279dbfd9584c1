"""Spin-orbit coupling along one, two or three spin axes (so_axes) against the general theory.

One axis (a gate with a straight edge; appendix "Singlet and triplets"): one triplet cooperon stays
massless, weak localization is suppressed but never reversed. Two axes (the paper's model) or
three: antilocalization. Reference: chaoticdot.theory.wl_correction_general; allowed deviation
as in test_rmt_large_n (4 standard errors + computed finite-M kernel difference + twice the
exact finite-N shift of the COE).
"""

import numpy as np
import pytest

from _rmt_helpers import coe_finite_n_shift, energy_averaged_mean, independent_energies
from chaoticdot import rmt, theory

N1 = N2 = 4
N = N1 + N2
M = 8 * N
SO = np.array([[3.5, 0.0, 0.0], [0.0, 0.0, 3.5], [3.5, 3.5, 0.0], [3.5, 3.5, 3.5]])


@pytest.mark.slow
def test_so_axes_agree_with_general_theory():
    g = rmt.sample_conductance(
        N1,
        N2,
        so_axes=SO[:, None, :],
        energy=independent_energies(M, N, 6),
        M=M,
        samples=600,
        seed=41,
    )
    shift_mean, _ = coe_finite_n_shift(N1, N2)
    classical = 2 * N1 * N2 / N
    values = []
    for j, so in enumerate(SO):
        th = theory.wl_correction_general(N1, N2, so_axes=tuple(so))
        finite_m = abs(rmt.finite_m_wl_correction(N1, N2, so_axes=tuple(so), M=M) - th)
        m = energy_averaged_mean(g[:, j])
        assert m.within(classical + th, 4, finite_m + 2 * shift_mean), (so, m, classical + th)
        values.append(m)
    # one axis: suppressed, not reversed; two or three axes: antilocalization
    assert values[0].value - classical < 0 and values[1].value - classical < 0
    assert values[2].value - classical > 4 * values[2].error
    # sigma_x and sigma_z single axes are equivalent (rotation of the spin frame)
    assert abs(values[0].value - values[1].value) < 4 * np.hypot(values[0].error, values[1].error)
