"""Exact circular-ensemble statistics against independent exact values.

Formulas: book appendix "Exact ensembles".
"""

from fractions import Fraction as F

import numpy as np
import pytest
from scipy import integrate

from chaoticdot.theory import (
    ENSEMBLES,
    ensemble_of_limit,
    exact_conductance_stats,
    transmission_mean,
    transmission_variance,
)

# appendix "Exact ensembles", table: (N1, N2) -> {ensemble: (<G>, var G)}
TABLE = {
    (1, 1): dict(
        COE=(F(2, 3), F(16, 45)),
        CUE=(F(1), F(1, 3)),
        **{"2COE": (F(2, 3), F(8, 45))},
        **{"2CUE": (F(1), F(1, 6))},
        CSE=(F(4, 3), F(2, 9)),
        CUE2N=(F(1), F(1, 15)),
    ),
    (1, 2): dict(
        COE=(F(1), F(1, 3)),
        CUE=(F(4, 3), F(2, 9)),
        **{"2COE": (F(1), F(1, 6))},
        **{"2CUE": (F(4, 3), F(1, 9))},
        CSE=(F(8, 5), F(8, 75)),
        CUE2N=(F(4, 3), F(16, 315)),
    ),
    (2, 2): dict(
        COE=(F(8, 5), F(72, 175)),
        CUE=(F(2), F(4, 15)),
        **{"2COE": (F(8, 5), F(36, 175))},
        **{"2CUE": (F(2), F(2, 15))},
        CSE=(F(16, 7), F(36, 245)),
        CUE2N=(F(2), F(4, 63)),
    ),
    (3, 3): dict(
        COE=(F(18, 7), F(64, 147)),
        CUE=(F(3), F(9, 35)),
        **{"2COE": (F(18, 7), F(32, 147))},
        **{"2CUE": (F(3), F(9, 70))},
        CSE=(F(36, 11), F(50, 363)),
        CUE2N=(F(3), F(9, 143)),
    ),
    (5, 5): dict(
        COE=(F(50, 11), F(720, 1573)),
        CUE=(F(5), F(25, 99)),
        **{"2COE": (F(50, 11), F(360, 1573))},
        **{"2CUE": (F(5), F(25, 198))},
        CSE=(F(100, 19), F(810, 6137)),
        CUE2N=(F(5), F(25, 399)),
    ),
}


def test_ensemble_names():
    assert set(ENSEMBLES) == {"COE", "CUE", "2COE", "2CUE", "CSE", "CUE2N"}
    assert all(isinstance(v, str) and v for v in ENSEMBLES.values())


@pytest.mark.parametrize("channels", list(TABLE))
@pytest.mark.parametrize("ensemble", sorted(ENSEMBLES))
def test_exact_table(channels, ensemble):
    mean, var = exact_conductance_stats(*channels, ensemble)
    ref_mean, ref_var = TABLE[channels][ensemble]
    assert mean == pytest.approx(float(ref_mean), rel=1e-14)
    assert var == pytest.approx(float(ref_var), rel=1e-14)


@pytest.mark.parametrize("beta", [1, 2, 4])
def test_single_channel_distribution(beta):
    # N1 = N2 = 1: P(T) proportional to T^(beta/2 - 1) on [0, 1]
    def moment(k):
        return integrate.quad(lambda t: t ** (k + beta / 2 - 1), 0, 1)[0]

    norm = moment(0)
    mean = moment(1) / norm
    assert transmission_mean(1, 1, beta) == pytest.approx(mean, rel=1e-9)
    assert transmission_variance(1, 1, beta) == pytest.approx(moment(2) / norm - mean**2, rel=1e-9)


@pytest.mark.parametrize("n1, n2", [(1, 1), (1, 4), (3, 7), (10, 10)])
def test_unitary_variance_closed_form(n1, n2):
    n = n1 + n2
    assert transmission_variance(n1, n2, 2) == pytest.approx(
        n1**2 * n2**2 / (n**2 * (n**2 - 1)), rel=1e-14
    )


@pytest.mark.parametrize("beta", [1, 2, 4])
def test_large_n_limits(beta):
    n1, n2 = 3000, 5000
    n = n1 + n2
    mean_asym = n1 * n2 / n + (1 - 2 / beta) * n1 * n2 / n**2
    assert transmission_mean(n1, n2, beta) == pytest.approx(mean_asym, rel=1e-6)
    assert transmission_variance(n1, n2, beta) == pytest.approx(
        2 / beta * n1**2 * n2**2 / n**4, rel=1e-3
    )


def test_broadcasting_and_types():
    assert isinstance(transmission_mean(2, 3, 1), float)
    out = transmission_variance(np.array([1, 2, 3]), np.array([[1], [2]]), 4)
    assert out.shape == (2, 3)
    mean, var = exact_conductance_stats([1, 2], 2, "CSE")
    assert mean.shape == var.shape == (2,)


@pytest.mark.parametrize(
    "x, a, b, name",
    [
        (0, 0, 0, "COE"),
        (np.inf, 0, 0, "CUE"),
        (0, 0, np.inf, "2COE"),
        (np.inf, 0, np.inf, "2CUE"),
        (-np.inf, 0, -np.inf, "2CUE"),
        (0, np.inf, 0, "CSE"),
        (np.inf, np.inf, 0, "CUE2N"),
        (0, np.inf, np.inf, "CUE2N"),
        (np.inf, np.inf, np.inf, "CUE2N"),
    ],
)
def test_ensemble_of_limit(x, a, b, name):
    assert ensemble_of_limit(x=x, a=a, b=b) == name


@pytest.mark.parametrize(
    "kw, arg",
    [
        (dict(x=1.0), "x"),
        (dict(a=2.0), "a"),
        (dict(b=1e9), "b"),
        (dict(a=-np.inf), "a"),
        (dict(b=np.nan), "b"),
    ],
)
def test_ensemble_of_limit_rejects_finite_values(kw, arg):
    with pytest.raises(ValueError, match=arg):
        ensemble_of_limit(**kw)


def test_bad_arguments():
    with pytest.raises(ValueError, match="beta"):
        transmission_mean(1, 1, 3)
    with pytest.raises(ValueError, match="N1"):
        transmission_variance(0, 1, 1)
    with pytest.raises(ValueError, match="N2"):
        transmission_mean(1, 1.5, 2)
    with pytest.raises(ValueError, match="ensemble"):
        exact_conductance_stats(1, 1, "GOE")
