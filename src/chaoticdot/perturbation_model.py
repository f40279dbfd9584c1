"""One description of the dot's perturbations, shared by every solver.

The dimensionless stub Hamiltonian of the paper, Eq. (7), and its extensions are sums of terms

    (2 pi / M Delta) H' = (1/M) sum_g Z_g (x) T_g  +  uniform terms (energy, Zeeman, nphi),

where ``Z_g`` is an orbital matrix on the dot's sites and ``T_g`` a Hermitian 2 x 2 spin matrix
(book appendix "Perturbation model"). A :class:`SpinTerm` is one such term with a strength:

* ``spin``: the spin matrix, ``"1"`` or a Pauli matrix ``"x"``, ``"y"``, ``"z"``;
* ``orbital``: the *label* of its orbital matrix. Terms with the same label share one orbital
  matrix and are added into one group, ``T_g = sum strength_k * spin_k`` (the spin flux shares
  the orbital matrix ``X`` of the perpendicular field); different labels are statistically
  independent matrices;
* ``parity``: ``-1`` for ``Z = i K`` with ``K`` real antisymmetric (a vector-potential-like,
  orbitally time-reversal-odd perturbation: ``B_perp``, spin-orbit "vector potentials"),
  ``+1`` for a real symmetric ``Z`` (a potential-like perturbation, e.g. a position operator).
  Normalisation: ``sum_ij |Z_ij|^2 = M^2``, the paper's ``tr X X^T = M^2``.

The same groups generate

* the cooperon and diffuson of the general route (:mod:`chaoticdot.theory.kernels`;
  derivation in the appendix),

      C^-1 = ... + sum_g [ (T_g^2 (x) 1 + 1 (x) T_g'^2) / 2 - s_g T_g (x) T_g' ],
      D^-1 = ... + sum_g [ (T_g^2 (x) 1 + 1 (x) T_g'^*2) / 2 - T_g (x) T_g'^* ],

  with ``s_g`` the parity and primes for the second parameter point;
* the stub's exponent ``H''`` (:mod:`chaoticdot.rmt.stub`), the Hamiltonian model
  (:mod:`chaoticdot.rmt.hamiltonian`) and the finite-``M`` kernels (:mod:`chaoticdot.rmt.kernels`):
  ``H'' = sum_g Z_g (x) T_g`` with the fixed matrices of :mod:`chaoticdot.rmt.perturbations`;
* the keywords of :class:`chaoticdot.units.Device` ``.dimensionless()``.

Terms (all strengths dimensionless)
-----------------------------------
==============  =====  =======  ======  =====================================================
name            spin   orbital  parity  physics
==============  =====  =======  ======  =====================================================
``x``           1      X        -1      orbital effect of ``B_perp`` (paper Eq. 7)
``x_so``        z      X        -1      spin flux of uniform spin-orbit coupling: spin up sees
                                        ``x + x_so``, spin down ``x - x_so`` (Aleiner & Fal'ko,
                                        PRL 87, 256801 (2001); paper Eq. 2)
``a_x``         x      A1       -1      symplectic spin-orbit term, ``a_x = a_y = a`` is the
``a_y``         y      A2       -1      paper's model (Eq. 7); rate ``a^2 = 2 pi hbar /
``a_z``         z      A3       -1      tau_so Delta``; ``inf`` allowed (strong coupling)
``zeeman_so``   z      Y        +1      Zeeman x spin-orbit cross term: the gauge-transformed
                                        in-plane Zeeman term, ``-(E_Z/2)(n_x x / lambda_x +
                                        n_y y / lambda_y) sigma_z`` (Cremers, Brouwer & Fal'ko,
                                        PRB 68, 125329 (2003)); breaks time reversal
==============  =====  =======  ======  =====================================================

The uniform terms (Zeeman field ``b`` along ``b_direction``, energy, dephasing ``nphi``) are not
spin terms of this kind: they are the same on every site and enter every solver directly.

Adding a term: append a :class:`SpinTerm` to :data:`SPIN_TERMS` (a new orbital label also
needs an entry in :data:`ORBITALS`), then test it (contributor guide, "Recipe: a spin term").
Every solver accepts it through its ``terms`` mapping at once.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._validation import check_finite, check_nonnegative
from .pauli import PAULI

__all__ = [
    "SpinTerm",
    "SPIN_TERMS",
    "ORBITALS",
    "TERM_NAMES",
    "spin_term",
    "validate_terms",
    "check_term",
    "merge_terms",
    "spin_groups",
    "SpinGroup",
]


@dataclass(frozen=True)
class SpinTerm:
    """One perturbation term ``strength * Z_orbital (x) sigma_spin`` of the stub Hamiltonian.

    Attributes
    ----------
    name : str
        Public keyword of its strength (dimensionless).
    spin : {"1", "x", "y", "z"}
        Spin matrix.
    orbital : str
        Label of the orbital matrix (a key of :data:`ORBITALS`); equal labels share a matrix.
    parity : {-1, +1}
        ``-1``: ``Z = i K``, ``K`` real antisymmetric; ``+1``: ``Z`` real symmetric.
    nonnegative : bool
        Strength restricted to ``[0, inf)`` (rates given by their square root).
    allow_inf : bool
        ``inf`` is an allowed strength (an exact limit); only for a term alone on its orbital
        matrix with a Pauli spin matrix.
    max_abs : float
        Largest allowed magnitude of a finite strength.
    reference : str
        Where the term comes from.
    """

    name: str
    spin: str
    orbital: str
    parity: int
    nonnegative: bool = False
    allow_inf: bool = False
    reference: str = ""
    max_abs: float = float("inf")

    @property
    def spin_matrix(self) -> np.ndarray:
        """The 2 x 2 spin matrix (read-only)."""
        return PAULI[self.spin]


#: Orbital matrices by label: their parity (symmetry class of ``Z``).
ORBITALS = {"X": -1, "A1": -1, "A2": -1, "A3": -1, "Y": +1}

#: The terms every solver knows, in a fixed order.
SPIN_TERMS = (
    SpinTerm("x", "1", "X", -1, reference="paper Eq. (7)"),
    # |x_so| <= 1e4: spin-resolved fields x +- x_so are formed from x and x_so, which loses
    # precision when both are huge; x_so^2 = 1e8 channels is far outside the model anyway
    SpinTerm(
        "x_so",
        "z",
        "X",
        -1,
        reference="Aleiner & Fal'ko PRL 87, 256801; paper Eq. (2)",
        max_abs=1e4,
    ),
    SpinTerm("a_x", "x", "A1", -1, True, True, reference="paper Eq. (7)"),
    SpinTerm("a_y", "y", "A2", -1, True, True, reference="paper Eq. (7)"),
    SpinTerm("a_z", "z", "A3", -1, True, True, reference="book appendix, Singlet and triplets"),
    SpinTerm("zeeman_so", "z", "Y", +1, reference="Cremers, Brouwer & Fal'ko PRB 68, 125329"),
)

#: Names of :data:`SPIN_TERMS`, in order.
TERM_NAMES = tuple(t.name for t in SPIN_TERMS)

_BY_NAME = {t.name: t for t in SPIN_TERMS}


def _check_consistent() -> None:
    for term in SPIN_TERMS:
        if term.orbital not in ORBITALS or ORBITALS[term.orbital] != term.parity:
            raise AssertionError(f"term {term.name}: orbital {term.orbital!r} of wrong parity")
        if term.allow_inf:
            shared = [t for t in SPIN_TERMS if t.orbital == term.orbital]
            if len(shared) != 1 or term.spin == "1":
                raise AssertionError(f"term {term.name} allows inf but is not alone/Pauli")


_check_consistent()


def spin_term(name: str) -> SpinTerm:
    """The :class:`SpinTerm` called ``name`` (ValueError listing the known names otherwise)."""
    if not isinstance(name, str) or name not in _BY_NAME:
        raise ValueError(f"unknown spin term {name!r}; known terms: {', '.join(TERM_NAMES)}")
    return _BY_NAME[name]


def validate_terms(terms) -> dict:
    """Validated strengths: ``{name: float array}`` for the names given (any subset).

    Parameters
    ----------
    terms : mapping
        Term name -> strength (scalar or array; arrays broadcast later). Unknown names raise a
        ``ValueError``; strengths are checked for their allowed range (finite real, or
        ``>= 0`` and possibly ``inf`` for the spin-orbit rates).

    Returns
    -------
    dict
        Name -> float ndarray, in the order of :data:`SPIN_TERMS`.
    """
    if terms is None:
        return {}
    if not hasattr(terms, "items"):
        raise TypeError(f"terms must be a mapping of term names to strengths, got {terms!r}")
    for name in terms:
        spin_term(name)
    return {t.name: check_term(t.name, terms[t.name]) for t in SPIN_TERMS if t.name in terms}


def check_term(name: str, value) -> np.ndarray:
    """The strength ``value`` of term ``name`` as a validated float array.

    Raises a ``ValueError``/``TypeError`` naming the term and its allowed range: finite real
    (``[0, inf)`` for the spin-orbit rates, ``inf`` included where the term allows it), of
    magnitude at most the term's ``max_abs``.
    """
    term = spin_term(name)
    if term.nonnegative:
        arr = check_nonnegative(value, name, allow_inf=term.allow_inf)
    else:
        arr = check_finite(value, name)
    finite = arr[np.isfinite(arr)]
    if finite.size and np.max(np.abs(finite)) > term.max_abs:
        raise ValueError(f"{name} must lie in [-{term.max_abs:g}, {term.max_abs:g}], got {value!r}")
    return arr


def merge_terms(named: dict, terms, sources: dict | None = None) -> dict:
    """Strengths from a solver's keywords and its ``terms`` mapping, by one rule for all solvers.

    Parameters
    ----------
    named : dict
        Term name -> validated strength array given by a keyword (zero means "not set").
    terms : mapping or None
        Further strengths by term name (checked by :func:`validate_terms`).
    sources : dict, optional
        Term name -> keyword that sets it (e.g. ``"a_x": "so_axes"``), for the error message.

    Returns
    -------
    dict
        ``named`` updated with the strengths of ``terms``.

    Raises
    ------
    ValueError
        When a term is set both by a non-zero keyword and in ``terms`` (no silent precedence),
        or ``terms`` holds an unknown name or a value out of range.
    """
    try:
        given = validate_terms(terms)
    except (TypeError, ValueError) as err:
        raise type(err)(f"terms: {err}") from None
    sources = sources or {}
    merged = dict(named)
    for name, value in given.items():
        if name in named and np.any(np.asarray(named[name]) != 0):
            keyword = sources.get(name, name)
            raise ValueError(f"terms: {name!r} is given twice (by {keyword} and in terms)")
        merged[name] = value
    return merged


@dataclass(frozen=True)
class SpinGroup:
    """Terms on one orbital matrix: ``Z_orbital (x) T``, ``T`` of shape ``(..., 2, 2)``.

    ``infinite`` holds, for a single term allowing ``inf``, the boolean mask of infinite
    strengths (their entries of ``T`` are set to zero); ``None`` otherwise.
    """

    orbital: str
    parity: int
    T: np.ndarray
    infinite: np.ndarray | None = None
    spin: str | None = None


def spin_groups(strengths: dict) -> list[SpinGroup]:
    """Group validated strengths by orbital matrix (the ``T_g`` of the module docstring).

    Parameters
    ----------
    strengths : dict
        Output of :func:`validate_terms` (name -> array); missing terms are zero.

    Returns
    -------
    list of SpinGroup
        One group per orbital label with a term present, in the order of :data:`ORBITALS`.
        ``T`` broadcasts over the strengths' shapes; groups whose strengths are all zero are
        kept (callers may skip them).
    """
    groups = []
    for label, parity in ORBITALS.items():
        members = [t for t in SPIN_TERMS if t.orbital == label and t.name in strengths]
        if not members:
            continue
        infinite = None
        total = 0.0
        for term in members:
            s = np.asarray(strengths[term.name], dtype=float)
            if term.allow_inf:
                infinite = np.isinf(s)
                s = np.where(infinite, 0.0, s)
            total = total + s[..., None, None] * term.spin_matrix
        spin = members[0].spin if len(members) == 1 else None
        groups.append(SpinGroup(label, parity, np.asarray(total, dtype=complex), infinite, spin))
    return groups
