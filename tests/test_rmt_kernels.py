"""The finite-M Gaussian kernels of the stub converge to Eqs. (13)-(14) as M -> infinity.

No sampling: the kernels are evaluated exactly for the actual stub matrix R (fixed
perturbation matrices); the references are the closed forms of chaoticdot.theory.
"""

import numpy as np
import pytest

from chaoticdot import rmt, theory
from chaoticdot.rmt.stub import StubPoint

N1, N2 = 2, 2
N = N1 + N2


@pytest.mark.parametrize(
    "params",
    [
        dict(x=0.0, a=0.0, b=0.0),
        dict(x=1.0, a=0.0, b=0.0),
        dict(x=0.0, a=1.2, b=0.0),
        dict(x=0.7, a=1.2, b=1.5),
        dict(x=0.0, a=1.0, b=2.0, b_direction=(0.0, 0.0, 1.0)),
        dict(x=0.3, a=0.8, b=0.0, nphi=2.0),
    ],
)
def test_wl_correction_kernel_converges_to_eq13(params):
    th = theory.wl_correction(N1, N2, **params)
    dev = [abs(rmt.finite_m_wl_correction(N1, N2, M=m * N, **params) - th) for m in (10, 40)]
    scale = N1 * N2 / N
    assert dev[1] < 0.005 * scale
    if dev[0] > 1e-12:  # finite-M error falls like 1/M
        assert dev[1] < 0.5 * dev[0]


@pytest.mark.parametrize(
    "p1,p2",
    [
        (dict(x=0.0, a=0.0, b=0.0), dict(x=0.0, a=0.0, b=0.0)),
        (dict(x=0.0, a=1.0, b=0.0), dict(x=1.0, a=1.0, b=0.0)),
        (dict(x=0.5, a=1.0, b=1.0), dict(x=-0.5, a=1.0, b=-2.0)),
    ],
)
def test_covariance_kernel_converges_to_eq14(p1, p2):
    th = theory.conductance_covariance(
        N1, N2, x1=p1["x"], x2=p2["x"], a=p1["a"], b1=p1["b"], b2=p2["b"]
    )

    def point(p):
        return StubPoint(x=p["x"], so=(p["a"], p["a"], 0.0), bvec=(p["b"], 0.0, 0.0))

    ker = rmt.finite_m_covariance(N1, N2, point(p1), point(p2), 40 * N)
    assert ker == pytest.approx(th, rel=0.01)


def test_finite_m_reduces_spin_orbit_effect():
    """Finite M weakens the spin-orbit term, by a relative amount ~ a^2 / M.

    Book appendix "Finite-M kernels".
    """
    a, M = 2.0, 10 * N
    effect_th = theory.wl_correction(N1, N2, a=a) - theory.wl_correction(N1, N2)
    effect_m = rmt.finite_m_wl_correction(N1, N2, a=a, M=M) - rmt.finite_m_wl_correction(
        N1, N2, M=M
    )
    reduction = 1 - effect_m / effect_th
    assert 0 < reduction < 2 * 0.6 * a**2 / M
    assert np.isfinite(reduction)
