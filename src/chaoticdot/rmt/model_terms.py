"""Keywords of the perturbation model shared by the Monte-Carlo entry points.

The terms of :mod:`chaoticdot.perturbation_model` reach the solvers of this package in two
ways: the named keywords (``x``, ``a`` or ``so_axes``, ``x_so``, ``zeeman_so``) and the generic
``terms`` mapping (any term by name, so that a newly defined term is usable at once). This
module merges them into one validated description:

* ``x`` stays a separate array (it may be ``+-inf``, the broken time-reversal limit);
* the symplectic rates ``a_x, a_y, a_z`` become ``so_axes`` (they may also come from
  ``terms`` when neither ``a`` nor ``so_axes`` is given);
* every other term is an *extra* strength, ``{name: float array}``, finite, any sign.

A term set both by a non-zero keyword and in ``terms`` is refused (no silent precedence), by
the rule of :func:`chaoticdot.perturbation_model.merge_terms` shared with the theory.
"""

from __future__ import annotations

import numpy as np

from .._validation import check_finite
from ..perturbation_model import check_term, spin_term, validate_terms
from ..perturbation_model import merge_terms as model_merge_terms

__all__ = ["SYMPLECTIC_TERMS", "merge_terms", "shares_field_matrix"]

#: Model terms carried by ``a`` / ``so_axes`` (in the order of ``so_axes``).
SYMPLECTIC_TERMS = ("a_x", "a_y", "a_z")


def merge_terms(*, x_so, zeeman_so, terms, a, so_axes):
    """Validated extra strengths and ``so_axes`` from the keywords and ``terms``.

    Parameters
    ----------
    x_so, zeeman_so : array_like of float
        Spin flux and Zeeman x spin-orbit cross term (dimensionless, finite, any sign).
    terms : mapping or None
        Further terms by name (:data:`chaoticdot.perturbation_model.TERM_NAMES`), merged by
        :func:`chaoticdot.perturbation_model.merge_terms` (a term also set by a non-zero
        keyword is refused); ``x`` keeps its keyword (it may be ``+-inf``); ``a_x, a_y, a_z``
        (finite) replace ``so_axes`` and need ``a = 0`` and ``so_axes = None``.
    a, so_axes
        The caller's spin-orbit keywords (only inspected for a clash with ``terms``).

    Returns
    -------
    extra : dict
        ``{name: float ndarray}`` of every term other than ``x`` and the ``a_j``, in the
        order of the model.
    so_axes : array_like or None
        ``so_axes`` (built from ``terms`` when given there).
    """
    extra = {
        "x_so": check_term("x_so", x_so),
        "zeeman_so": check_finite(zeeman_so, "zeeman_so"),
    }
    if terms is None:
        return extra, so_axes
    try:
        given = validate_terms(terms)
    except (TypeError, ValueError) as err:
        raise type(err)(f"terms: {err}") from None
    if "x" in given:
        # x may be +-inf here (the broken time-reversal limit, a different ensemble): it keeps
        # its keyword
        raise ValueError("terms must not contain 'x' in the Monte Carlo: pass it as x=")
    rates = [given.pop(n) for n in SYMPLECTIC_TERMS if n in given]
    if rates:
        if so_axes is not None or np.any(np.asarray(a, dtype=object) != 0):
            raise ValueError(
                "terms with a_x, a_y or a_z replace a and so_axes: pass a = 0 and no so_axes"
            )
        values = [
            np.asarray(terms[n], dtype=float) if n in terms else np.zeros(())
            for n in SYMPLECTIC_TERMS
        ]
        if any(np.any(np.isinf(v)) for v in values):
            raise ValueError("terms: a_x, a_y, a_z must be finite here; use a=numpy.inf")
        so_axes = np.stack(np.broadcast_arrays(*values), axis=-1)
    # the rule shared with the theory: a term set by a non-zero keyword and in terms is refused
    extra = model_merge_terms(extra, given)
    return extra, so_axes


def shares_field_matrix(name: str) -> bool:
    """Whether term ``name`` acts on the orbital matrix ``X`` of the perpendicular field."""
    return spin_term(name).orbital == spin_term("x").orbital
