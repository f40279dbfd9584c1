"""The shared perturbation model: validation, grouping, and the group formula of the kernels.

The group formula of the book appendix ("Perturbation model") is built here literally from
Kronecker products of the groups returned by :func:`spin_groups` and compared with the paper's
closed form, Eq. (13), and with the spin-resolved form of the spin flux (two independent spin
species in the fields ``x + x_so`` and ``x - x_so``).
"""

from __future__ import annotations

import numpy as np
import pytest

from chaoticdot import theory
from chaoticdot.pauli import PAULI
from chaoticdot.perturbation_model import (
    ORBITALS,
    SPIN_TERMS,
    TERM_NAMES,
    spin_groups,
    spin_term,
    validate_terms,
)

SWAP = np.eye(4)[[0, 2, 1, 3]]
ONE = np.eye(2)


def _literal_inverse_cooperon(n, strengths, b_vec=(0.0, 0.0, 0.0)):
    """``C^-1`` at equal parameter points from the groups, product basis (appendix formula)."""
    zeeman = sum(bc * PAULI[k] for bc, k in zip(b_vec, "xyz", strict=True))
    c_inv = n * np.eye(4) + 1j * (np.kron(zeeman, ONE) - np.kron(ONE, zeeman))
    for group in spin_groups(validate_terms(strengths)):
        t = group.T
        c_inv = c_inv + 0.5 * (np.kron(t @ t, ONE) + np.kron(ONE, t @ t))
        c_inv = c_inv - group.parity * np.kron(t, t)
    return c_inv


def _wl(n1, n2, strengths, b_vec=(0.0, 0.0, 0.0)):
    c = np.linalg.inv(_literal_inverse_cooperon(n1 + n2, strengths, b_vec))
    return -n1 * n2 / (n1 + n2) * np.trace(c @ SWAP).real


def test_terms_are_consistent():
    assert len(set(TERM_NAMES)) == len(TERM_NAMES)
    for term in SPIN_TERMS:
        assert ORBITALS[term.orbital] == term.parity
        m = term.spin_matrix
        assert np.allclose(m, m.conj().T)
    # the spin flux shares the orbital matrix of the perpendicular field
    assert spin_term("x_so").orbital == spin_term("x").orbital


def test_paper_model_from_groups_is_eq13():
    rng = np.random.default_rng(7)
    for _ in range(30):
        n1, n2 = (int(v) for v in rng.integers(1, 6, 2))
        x, a, b = rng.uniform(0, 2), rng.uniform(0, 2), rng.uniform(-3, 3)
        literal = _wl(n1, n2, {"x": x, "a_x": a, "a_y": a}, (b, 0.0, 0.0))
        assert literal == pytest.approx(theory.wl_correction(n1, n2, x=x, a=a, b=b), abs=1e-12)


def test_spin_flux_is_two_shifted_fields():
    # a = 0: spin up sees x + x_so, spin down x - x_so; each species has the orthogonal
    # weak-localization correction -(N1 N2 / N) / (N + 2 x_s^2), half of Eq. (13) at a = 0
    rng = np.random.default_rng(8)
    for _ in range(30):
        n1, n2 = (int(v) for v in rng.integers(1, 6, 2))
        x, x_so = rng.uniform(-2, 2, 2)
        half = [theory.wl_correction(n1, n2, x=xs) / 2 for xs in (x + x_so, x - x_so)]
        assert _wl(n1, n2, {"x": x, "x_so": x_so}) == pytest.approx(sum(half), abs=1e-12)


def test_grouping_and_infinite_mask():
    groups = spin_groups(validate_terms({"x": [0.0, 1.0], "x_so": 0.5, "a_x": [np.inf, 2.0]}))
    by_label = {g.orbital: g for g in groups}
    assert set(by_label) == {"X", "A1"}
    assert np.allclose(by_label["X"].T[1], ONE + 0.5 * PAULI["z"])
    assert by_label["A1"].infinite.tolist() == [True, False]
    assert np.allclose(by_label["A1"].T[0], 0.0) and np.allclose(
        by_label["A1"].T[1], 2 * PAULI["x"]
    )


@pytest.mark.parametrize(
    ("terms", "error"),
    [
        ({"y_so": 1.0}, ValueError),
        ({"x_so": np.nan}, ValueError),
        ({"x_so": np.inf}, ValueError),
        ({"a_x": -1.0}, ValueError),
        ({"zeeman_so": "1"}, TypeError),
        ([("x_so", 1.0)], TypeError),
    ],
)
def test_bad_terms_are_named(terms, error):
    with pytest.raises(error) as info:
        validate_terms(terms)
    text = str(info.value)
    assert any(name in text for name in ("terms", "y_so", "x_so", "a_x", "zeeman_so"))


def test_unknown_term_lists_the_known_ones():
    with pytest.raises(ValueError, match="x_so"):
        spin_term("nope")


def test_spin_flux_range_and_the_merge_rule():
    from chaoticdot.perturbation_model import check_term, merge_terms

    assert check_term("x_so", 1e4) == 1e4
    with pytest.raises(ValueError, match=r"x_so must lie in \[-10000, 10000\]"):
        check_term("x_so", -2e4)
    # a term from the mapping is used unless a non-zero keyword sets it too
    named = {"x_so": np.zeros(()), "zeeman_so": np.array(0.3)}
    merged = merge_terms(named, {"x_so": 0.5})
    assert merged["x_so"] == 0.5 and merged["zeeman_so"] == 0.3
    with pytest.raises(ValueError, match="given twice"):
        merge_terms(named, {"zeeman_so": 0.1}, {"zeeman_so": "zeeman_so="})
    with pytest.raises(ValueError, match="terms"):
        merge_terms(named, {"x_so": np.nan})
