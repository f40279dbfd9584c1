"""Spin-term part of the inverse cooperon and diffuson, built from the perturbation model.

Each group ``g`` of :func:`chaoticdot.perturbation_model.spin_groups` (terms on one orbital
matrix ``Z_g`` of parity ``s_g``) contributes (book appendix "Perturbation model"; forward
Kronecker products, slot 1 = first parameter point, primes = second point)

    C^-1:  (T_g^2 (x) 1 + 1 (x) T_g'^2) / 2 - s_g T_g (x) T_g',
    D^-1:  (T_g^2 (x) 1 + 1 (x) T_g'^*2) / 2 - T_g (x) T_g'^*.

Writing ``T_g = t0 + t.sigma`` (real ``t0``, real vector ``t``: ``T_g`` is Hermitian) splits
this into a scalar, ``(t0 - s_g t0')^2 / 2`` (``(t0 - t0')^2 / 2`` for ``D``), and a spin part

    C:  (|t|^2 + |t'|^2)/2 + (t0 - s_g t0') t.sigma (x) 1 + (t0' - s_g t0) 1 (x) t'.sigma
        - s_g (t.sigma) (x) (t'.sigma),
    D:  (|t|^2 + |t'|^2)/2 + (t0 - t0') t.sigma (x) 1 + (t0' - t0) 1 (x) t'.sigma^*
        - (t.sigma) (x) (t'.sigma^*),

using ``(t.sigma)^2 = |t|^2``. For the perpendicular field and the spin flux (group ``X``:
``t0 = x``, ``t = x_so e_z``, ``s = -1``) the scalar is the paper's ``(x +- x')^2 / 2``
(Eqs. 11-12), kept apart so that the saturated limits ``x = x' = inf`` (diffuson) and
``x = -x' = inf`` (cooperon) stay exact, and the spin part is
``x_so^2 (1 +- sigma_z (x) sigma_z) + (x +- x') x_so (sigma_z (x) 1 +- 1 (x) sigma_z)``
(Aleiner & Fal'ko, PRL 87, 256801 (2001)). Everything is dimensionless (rates in units of
``Delta / 2 pi hbar``).

The operators are evaluated in the singlet/Cartesian-triplet basis ``(S, T_x, T_y, T_z)`` of
:mod:`chaoticdot.theory.kernels` (for the diffuson the basis rotated by ``1 (x) sigma_y``), where
every product ``sigma_k (x) sigma_l`` has entries ``0, +-1, +-i``: a single-Pauli group is
diagonal there, which is what makes the exact projection for infinite strengths possible.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..pauli import SIGMA
from ..perturbation_model import ORBITALS, SPIN_TERMS, spin_groups
from ..perturbation_model import merge_terms as model_merge_terms
from ._common import SATURATION

_EYE2 = np.eye(2)
_EYE4 = np.eye(4)
_R2 = np.sqrt(0.5)
# Columns: singlet and Cartesian triplets (sigma_j (x) 1 |S> is proportional to |T_j>).
BASIS_C = np.array(
    [[0, _R2, _R2, 0], [_R2, 0, 0, _R2], [-_R2, 0, 0, _R2], [0, -_R2, _R2, 0]], dtype=complex
)
# Diffuson: sigma_j (x) sigma_j^* = -(1 (x) sigma_y)(sigma_j (x) sigma_j)(1 (x) sigma_y).
BASIS_D = np.kron(_EYE2, SIGMA[1]) @ BASIS_C


def _rotate(basis, ops):
    """``basis^dagger ops basis``, with the exact entries (0, +-1, +-i) restored.

    Rounding residues of order 1e-17 would otherwise couple states that must stay decoupled
    once multiplied by a very large field or rate.
    """
    out = np.conj(basis.T) @ ops @ basis
    return np.round(out.real, 12) + 1j * np.round(out.imag, 12)


@dataclass(frozen=True)
class _Operators:
    """Two-spin operators in a rotated basis: ``sigma_k (x) 1``, ``1 (x) sigma_k`` (or its
    conjugate) and ``sigma_k (x) sigma_l`` (or ``sigma_k (x) sigma_l^*``), ``k, l = x, y, z``."""

    first: np.ndarray  # (3, 4, 4)
    second: np.ndarray  # (3, 4, 4)
    pair: np.ndarray  # (3, 3, 4, 4)


def _operators(basis, conjugate_second: bool) -> _Operators:
    second = np.conj(SIGMA) if conjugate_second else SIGMA
    return _Operators(
        _rotate(basis, np.array([np.kron(s, _EYE2) for s in SIGMA])),
        _rotate(basis, np.array([np.kron(_EYE2, s) for s in second])),
        _rotate(basis, np.array([[np.kron(s, r) for r in second] for s in SIGMA])),
    )


#: Operators of the cooperon (``C``) and the diffuson (``D``) in their spin bases.
OPERATORS = {"C": _operators(BASIS_C, False), "D": _operators(BASIS_D, True)}

# Whether sigma_k (x) sigma_k (or its conjugate) is diagonal in the rotated basis (it is for
# every k: the basis diagonalises all three at once).
_DIAGONAL = {
    kind: [bool(np.all(op.pair[k, k] == np.diag(np.diagonal(op.pair[k, k])))) for k in range(3)]
    for kind, op in OPERATORS.items()
}


@dataclass(frozen=True)
class GroupPair:
    """One orbital group at the two parameter points: ``T = t0 + t.sigma``, ``T' = t0' + t'.sigma``.

    ``infinite`` is the mask of infinite strengths of a single-Pauli term allowing ``inf``
    (its entries of ``t`` are zero), ``None`` otherwise.
    """

    parity: int
    t0: np.ndarray
    t0_prime: np.ndarray
    t: tuple
    t_prime: tuple
    infinite: np.ndarray | None
    axis: int | None  # index of the Pauli matrix of a single-term group
    has_scalar: bool


def _pauli_coefficients(T):
    """``(t_x, t_y, t_z)`` of a traceless Hermitian ``T = t.sigma`` (exact: no sums needed)."""
    return (T[..., 0, 1].real, -T[..., 0, 1].imag, T[..., 0, 0].real)


def _scalar_parts(strengths: dict) -> dict:
    """Sum of the identity-spin strengths per orbital label (e.g. ``x`` on ``X``)."""
    out = {}
    for term in SPIN_TERMS:
        if term.spin == "1" and term.name in strengths:
            out[term.orbital] = out.get(term.orbital, 0.0) + strengths[term.name]
    return out


_SCALAR_TERMS = {t.name for t in SPIN_TERMS if t.spin == "1"}


def _pauli_groups(strengths: dict) -> dict:
    """Groups of the Pauli (traceless) terms by orbital label (:func:`spin_groups`)."""
    pauli = {k: v for k, v in strengths.items() if k not in _SCALAR_TERMS}
    return {g.orbital: g for g in spin_groups(pauli)}


def group_pairs(strengths1: dict, strengths2: dict) -> list[GroupPair]:
    """The groups at the two points (validated strengths; missing terms are zero).

    Both mappings must name the same terms (strengths may differ between the points).
    """
    zero = np.zeros(())
    scalar1, scalar2 = _scalar_parts(strengths1), _scalar_parts(strengths2)
    pauli1 = _pauli_groups(strengths1)
    same = all(strengths2.get(k) is v for k, v in strengths1.items() if k not in _SCALAR_TERMS)
    pauli2 = pauli1 if same else _pauli_groups(strengths2)
    pairs = []
    for label, parity in ORBITALS.items():
        if label not in scalar1 and label not in pauli1:
            continue
        if label in pauli1:
            group = pauli1[label]
            t, t_prime = _pauli_coefficients(group.T), _pauli_coefficients(pauli2[label].T)
            infinite = group.infinite
            if infinite is not None:
                infinite = infinite | pauli2[label].infinite
            axis = None if group.spin is None else "xyz".index(group.spin)
        else:
            t = t_prime = (zero, zero, zero)
            infinite, axis = None, None
        t0, t0_prime = scalar1.get(label, zero), scalar2.get(label, zero)
        has_scalar = label in scalar1
        pairs.append(GroupPair(parity, t0, t0_prime, t, t_prime, infinite, axis, has_scalar))
    return pairs


def scalar_rate(pairs: list[GroupPair], kind: str):
    """Scalar part: ``sum_g (t0 - s_g t0')^2 / 2`` (``C``) or ``(t0 - t0')^2 / 2`` (``D``).

    Returns ``None`` when no group has an identity-spin term.
    """
    total = None
    for g in pairs:
        if not g.has_scalar:
            continue
        s = g.parity if kind == "C" else 1
        term = 0.5 * (g.t0 - s * g.t0_prime) ** 2
        total = term if total is None else total + term
    return total


def _is_zero(g: GroupPair) -> bool:
    """No spin part anywhere (zero Pauli strengths, nothing infinite)."""
    if g.infinite is not None and np.any(g.infinite):
        return False
    return not any(np.any(c) for c in (*g.t, *g.t_prime))


def spin_part(pairs: list[GroupPair], kind: str):
    """Spin part of ``C^-1`` (``kind="C"``) or ``D^-1`` (``"D"``) in the rotated basis.

    Returns
    -------
    matrix : ndarray, shape (..., 4, 4), or None
        Sum of the groups' non-diagonal spin parts (``None`` if there is none).
    diagonal : ndarray, shape (..., 4), or None
        Sum of the diagonal spin parts (single-Pauli groups without a scalar partner, e.g.
        the spin-orbit rates; ``None`` if there is none). Infinite strengths contribute zero.
    drop : ndarray of bool, shape (..., 4), or None
        States projected out by an infinite strength: those on which the group's unit
        contribution (diagonal in the rotated basis) is non-zero.
    """
    ops = OPERATORS[kind]
    matrix, diagonal, drop = None, None, None
    for g in pairs:
        if _is_zero(g):
            continue
        s = g.parity if kind == "C" else 1
        axes1 = [k for k in range(3) if np.any(g.t[k])]
        axes2 = [k for k in range(3) if np.any(g.t_prime[k])]
        h = 0.5 * (
            sum(g.t[k] * g.t[k] for k in axes1) + sum(g.t_prime[k] * g.t_prime[k] for k in axes2)
        )
        c1, c2 = g.t0 - s * g.t0_prime, g.t0_prime - s * g.t0
        linear = [(c1, g.t[k], ops.first[k]) for k in axes1 if np.any(c1)]
        linear += [(c2, g.t_prime[k], ops.second[k]) for k in axes2 if np.any(c2)]
        products = [(k, l) for k in axes1 for l in axes2]
        if not linear and all(k == l and _DIAGONAL[kind][k] for k, l in products):
            # Diagonal in the rotated basis: h - s t_k t'_k diag(sigma_k (x) sigma_k^(*)).
            d = np.asarray(h, dtype=float)[..., None] * np.ones(4)
            for k, _ in products:
                d = d - s * (g.t[k] * g.t_prime[k])[..., None] * np.diagonal(ops.pair[k, k]).real
            diagonal = d if diagonal is None else diagonal + d
        else:
            m = np.asarray(h, dtype=float)[..., None, None] * _EYE4
            for c, t, op in linear:
                m = m + (c * t)[..., None, None] * op
            for k, l in products:
                m = m - s * (g.t[k] * g.t_prime[l])[..., None, None] * ops.pair[k, l]
            matrix = m if matrix is None else matrix + m
        if g.infinite is not None and np.any(g.infinite):
            unit = _unit_diagonal(g, s, ops)
            d = g.infinite[..., None] & (unit != 0)
            drop = d if drop is None else drop | d
    return matrix, diagonal, drop


def _unit_diagonal(g: GroupPair, s: int, ops: _Operators) -> np.ndarray:
    """Diagonal of the spin part of a single-Pauli group at unit strength at both points."""
    return np.real(np.diagonal(_EYE4 - s * ops.pair[g.axis, g.axis]))


def merge_terms(given: dict, terms, sources: dict | None = None) -> dict:
    """Strengths from the keywords (``given``, validated) and the ``terms`` mapping.

    The rule of :func:`chaoticdot.perturbation_model.merge_terms` (a term set by a non-zero
    keyword and also in ``terms`` is refused); strengths from ``terms`` are then saturated like
    the keywords (magnitudes above 1e100 change nothing).
    """
    merged = model_merge_terms(given, terms, sources)
    for name in merged:
        if name not in given or merged[name] is not given[name]:
            value = merged[name]
            finite = np.isfinite(value)
            merged[name] = np.where(finite, np.clip(value, -SATURATION, SATURATION), value)
    return merged
