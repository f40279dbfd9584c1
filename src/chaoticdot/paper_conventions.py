r"""The paper's spin-tensor conventions for Eqs. (8)-(10), made explicit and checkable.

The paper writes the averaged product of two scattering matrices (Eq. 8) as

.. math::

    \langle S_{kl;\mu\nu}S^*_{k'l';\mu'\nu'}\rangle
    = \delta_{kk'}\delta_{ll'}D_{\mu\nu;\mu'\nu'}
    + \delta_{kl'}\delta_{lk'}(\mathcal T C\mathcal T)_{\mu\nu;\mu'\nu'},
    \qquad \mathcal T = \mathbb 1\otimes\sigma_2,

with :math:`D` and :math:`C` elements of a "tensor" algebra spanned by
:math:`\sigma_i\otimes\sigma_j` (:math:`i, j\in\{0, x, y, z\}`, :math:`\sigma_0 = \mathbb 1`),
whose entries are :math:`(\sigma_i\otimes\sigma_j)_{\mu\nu;\mu'\nu'} = (\sigma_i)_{\mu\nu}
(\sigma_j)_{\mu'\nu'}` (first slot: spin indices of :math:`S`, second slot: of :math:`S^*`).
The text says that products are "backwards" in the second slot, but the printed rule
:math:`(\sigma_i\otimes\sigma_j)(\sigma_{i'}\otimes\sigma_{j'}) = (\sigma_i\sigma_{i'})\otimes
(\sigma_j\sigma_{j'})` is the ordinary (forward) product (item 2 of the book appendix "Defects of
the paper text"). Inverses
such as :math:`C = (C^{-1})^{-1}` depend on which product is meant.

This module represents an element by its coefficient matrix :math:`c_{ij}` (4 x 4, complex)
and implements both products: ``backwards=True`` uses
:math:`(\sigma_i\otimes\sigma_j)(\sigma_{i'}\otimes\sigma_{j'})
= (\sigma_i\sigma_{i'})\otimes(\sigma_{j'}\sigma_j)`, realised faithfully by the 4 x 4
matrices :math:`\sum c_{ij}\,\sigma_i\otimes\sigma_j^T`; ``backwards=False`` the printed rule.
Everything is dimensionless (the kernels are in units of the channel number, paper Eqs. 9-12).

The library's own cooperon/diffuson (:mod:`chaoticdot.theory.kernels`) uses the unambiguous
forward-Kronecker form of the book appendix "Unambiguous tensor form" instead;
:func:`eq13_symbolic` derives Eq. (13)
from that form.
"""

from __future__ import annotations

import numpy as np

from .pauli import PAULI, SIGMA

__all__ = [
    "PAULI4",
    "tensor_matrix",
    "tensor_coefficients",
    "tensor_product",
    "tensor_inverse",
    "tensor_entries",
    "paper_inverse_diffuson",
    "paper_inverse_cooperon",
    "paper_wl_contraction",
    "paper_frobenius2",
    "eq13_bracket",
    "eq13_symbolic",
]

#: sigma_0 = 1, sigma_x, sigma_y, sigma_z.
PAULI4 = np.concatenate([PAULI["1"][None], SIGMA])


def _check(c) -> np.ndarray:
    c = np.asarray(c, dtype=complex)
    if c.shape != (4, 4):
        raise ValueError(f"coefficients must have shape (4, 4), got {c.shape}")
    return c


def tensor_matrix(c, *, backwards: bool = True) -> np.ndarray:
    r"""Faithful 4 x 4 matrix of an element, for the chosen product.

    The element is :math:`\sum_{ij}c_{ij}\sigma_i\otimes\sigma_j`.

    ``backwards=True``: :math:`\sum c_{ij}\sigma_i\otimes\sigma_j^T` (the transpose turns the
    reversed product in slot 2 into ordinary matrix multiplication); ``False``: plain Kronecker.
    """
    c = _check(c)
    second = np.transpose(PAULI4, (0, 2, 1)) if backwards else PAULI4
    return np.einsum("ij,iab,jcd->acbd", c, PAULI4, second).reshape(4, 4)


def tensor_coefficients(m, *, backwards: bool = True) -> np.ndarray:
    """Inverse of :func:`tensor_matrix`: the coefficients ``c_ij`` of a 4 x 4 matrix."""
    m = np.asarray(m, dtype=complex).reshape(2, 2, 2, 2)  # (a, c, b, d) as built above
    second = np.transpose(PAULI4, (0, 2, 1)) if backwards else PAULI4
    # tr[(s_i (x) s_j)^dagger M] / 4 with orthogonality tr s_i s_k = 2 delta_ik.
    return np.einsum("iab,jcd,acbd->ij", PAULI4.conj(), second.conj(), m) / 4


def tensor_product(c1, c2, *, backwards: bool = True) -> np.ndarray:
    """Product of two elements, coefficients in and out."""
    m = tensor_matrix(c1, backwards=backwards) @ tensor_matrix(c2, backwards=backwards)
    return tensor_coefficients(m, backwards=backwards)


def tensor_inverse(c, *, backwards: bool = True) -> np.ndarray:
    """Inverse element for the chosen product (e.g. C from C^-1 of Eq. 10)."""
    return tensor_coefficients(
        np.linalg.inv(tensor_matrix(c, backwards=backwards)), backwards=backwards
    )


def tensor_entries(c) -> np.ndarray:
    r"""Entries :math:`X_{\mu\nu;\mu'\nu'} = \sum c_{ij}(\sigma_i)_{\mu\nu}(\sigma_j)_{\mu'\nu'}`.

    Shape (2, 2, 2, 2), index order ``[mu, nu, mu', nu']`` as in Eq. (8).
    """
    return np.einsum("ij,iab,jcd->abcd", _check(c), PAULI4, PAULI4)


def _coefficients(n, a, b1, b2, sign_b2, sign_so):
    c = np.zeros((4, 4), dtype=complex)
    c[0, 0] = n + 2 * a * a
    c[1, 0] = 1j * b1  # i b sigma_x (x) 1 (field along x)
    c[0, 1] = sign_b2 * 1j * b2  # +- i b' 1 (x) sigma_x
    c[1, 1] = sign_so * a * a
    c[2, 2] = sign_so * a * a
    return c


def paper_inverse_diffuson(n_d, a, b, b_prime) -> np.ndarray:
    r"""Coefficients of :math:`D^{-1}`, paper Eq. (9), fields along x (dimensionless).

    :math:`N_D + ib\,\sigma_x\otimes 1 - ib'\,1\otimes\sigma_x + 2a^2
    - a^2(\sigma_x\otimes\sigma_x + \sigma_y\otimes\sigma_y)`.
    """
    return _coefficients(complex(n_d), float(a), float(b), float(b_prime), -1, -1)


def paper_inverse_cooperon(n_c, a, b, b_prime) -> np.ndarray:
    r"""Coefficients of :math:`C^{-1}`, paper Eq. (10), fields along x (dimensionless).

    :math:`N_C + ib\,\sigma_x\otimes 1 + ib'\,1\otimes\sigma_x + 2a^2
    - a^2(\sigma_x\otimes\sigma_x + \sigma_y\otimes\sigma_y)`.
    """
    return _coefficients(complex(n_c), float(a), float(b), float(b_prime), +1, -1)


def paper_wl_contraction(cooperon) -> complex:
    r""":math:`\sum_{\mu\nu}(\mathcal T C\mathcal T)_{\mu\nu;\mu\nu}`, the spin sum behind <dG>.

    From Eqs. (4) and (8): only the cooperon term with ``k = l`` survives in
    :math:`\langle\mathrm{tr}\,S\Lambda S^\dagger\Lambda\rangle` (the diffuson is multiplied
    by :math:`(\mathrm{tr}\Lambda)^2 = 0`), so :math:`\langle\delta G\rangle = -(e^2/h)
    (N_1N_2/N)` times this number. :math:`\mathcal T = 1\otimes\sigma_2` acts on slot 2 from
    both sides (the order does not matter for the symmetric product
    :math:`\sigma_2\sigma_j\sigma_2`).
    """
    c = _check(cooperon)
    s2 = PAULI4[2]
    conj2 = np.einsum("ab,jbc,cd->jad", s2, PAULI4, s2)  # sigma_2 sigma_j sigma_2
    entries = np.einsum("ij,iab,jcd->abcd", c, PAULI4, conj2)
    return complex(np.einsum("abab->", entries))


def paper_frobenius2(c) -> float:
    r""":math:`\sum|X_{\mu\nu;\mu'\nu'}|^2`, the squared norm entering the covariance (Eq. 14)."""
    return float(np.sum(np.abs(tensor_entries(c)) ** 2))


def eq13_bracket(n_c, a, b):
    r"""The bracket of Eq. (13), dimensionless.

    :math:`\frac1{N_C+2a^2}+\frac1{N_C+4a^2}-\frac{2a^2}{N_C(N_C+2a^2)+4b^2}`.

    ``<dG> = -(e^2/h)(N1 N2 / N)`` times this (dimensionless).
    """
    n_c = np.asarray(n_c)
    return (
        1 / (n_c + 2 * a * a)
        + 1 / (n_c + 4 * a * a)
        - 2 * a * a / (n_c * (n_c + 2 * a * a) + 4 * b * b)
    )


def eq13_symbolic():
    r"""Derive the bracket of Eq. (13) with sympy from the forward-Kronecker cooperon.

    Builds (appendix "Unambiguous tensor form"; product basis ``|uu>, |ud>, |du>, |dd>``)

    .. math::

        \mathcal C^{-1} = N_C + ib\,\sigma_x\otimes 1 - ib\,1\otimes\sigma_x + 2a^2
        + a^2(\sigma_x\otimes\sigma_x + \sigma_y\otimes\sigma_y)

    at equal parameters, inverts it exactly and forms :math:`\mathrm{Tr}[\mathcal C P_{swap}]`.

    Returns
    -------
    derived, printed, symbols : sympy expressions and the tuple ``(N_C, a, b)``
        ``sympy.simplify(derived - printed) == 0`` is the statement that the cooperon gives
        Eq. (13).
    """
    import sympy as sp

    n_c, a, b = sp.symbols("N_C a b", positive=True)
    s0 = sp.eye(2)
    sx = sp.Matrix([[0, 1], [1, 0]])
    sy = sp.Matrix([[0, -sp.I], [sp.I, 0]])

    def kron(p, q):
        return sp.kronecker_product(p, q)

    c_inv = (
        (n_c + 2 * a**2) * kron(s0, s0)
        + sp.I * b * kron(sx, s0)
        - sp.I * b * kron(s0, sx)
        + a**2 * (kron(sx, sx) + kron(sy, sy))
    )
    swap = sp.Matrix([[1, 0, 0, 0], [0, 0, 1, 0], [0, 1, 0, 0], [0, 0, 0, 1]])
    derived = sp.simplify((c_inv.inv() * swap).trace())
    printed = (
        1 / (n_c + 2 * a**2) + 1 / (n_c + 4 * a**2) - 2 * a**2 / (n_c * (n_c + 2 * a**2) + 4 * b**2)
    )
    return derived, printed, (n_c, a, b)
