"""Route 2: the 4x4 diffuson and cooperon, inverted and contracted (paper Eqs. 8-12, 4).

Formulation (book appendix "Unambiguous tensor form" and "Singlet and triplets"; forward
Kronecker products, slot 1 = spin at the first parameter point, slot 2 = spin at the primed
point, product basis ``|uu>, |ud>, |du>, |dd>``). The spin terms are the groups ``T_g`` of
:mod:`chaoticdot.perturbation_model` (terms sharing an orbital matrix of parity ``s_g``):

    D^-1 = N0 + i b.sigma (x) 1 - i 1 (x) b'.sigma^*
              + sum_g [ (T_g^2 (x) 1 + 1 (x) T_g'^*2) / 2 - T_g (x) T_g'^* ],
    C^-1 = N0 + i b.sigma (x) 1 - i 1 (x) b'.sigma
              + sum_g [ (T_g^2 (x) 1 + 1 (x) T_g'^2) / 2 - s_g T_g (x) T_g' ],

    N0 = N + nphi - i de,

with ``de = 2 pi (eps - eps') / Delta`` and Zeeman vectors ``b = pi g mu_B B / Delta``. The
terms (all dimensionless):

* perpendicular field ``x`` and spin flux ``x_so`` on the orbital matrix ``X`` (parity -1),
  ``T = x + x_so sigma_z``: the scalar part gives ``N_D = N0 + (x - x')^2 / 2`` and
  ``N_C = N0 + (x + x')^2 / 2`` (Eqs. 11-12), the spin flux adds
  ``x_so^2 (1 -+ sigma_z (x) sigma_z) + (x -+ x') x_so (sigma_z (x) 1 -+ 1 (x) sigma_z)``
  (upper sign: diffuson; Aleiner & Fal'ko, PRL 87, 256801 (2001));
* spin-orbit strengths ``a_j sigma_j`` on their own matrices ``A_j`` (parity -1), giving
  ``a_j^2 (1 -+ sigma_j (x) sigma_j^(*))`` (the paper's model, Eq. 7, is ``a_x = a_y = a``,
  ``a_z = 0``);
* the Zeeman x spin-orbit cross term ``zeeman_so sigma_z`` on a symmetric matrix ``Y``
  (parity +1), giving ``zeeman_so^2 (1 - sigma_z (x) sigma_z)`` in both (Cremers, Brouwer &
  Fal'ko, PRB 68, 125329 (2003)).

Any further term of the model is included through the ``terms`` mapping. The perpendicular
field differs between the two parameter points; every other term is shared. The
conductance moments follow from Eq. (4):

    <dG>  = -(N1 N2 / N) Tr[C P_swap]                      (units e^2/h),
    cov G = (N1 N2 / N)^2 (||D||_F^2 + ||C||_F^2)          (units (e^2/h)^2),

``P_swap |mu nu> = |nu mu>``. The printed Eqs. (9)-(10) follow after transposing the second
slot and conjugating it with sigma_y (item 2 of the appendix "Defects of the paper text"); spectra
and norms are the same.

Spin basis
----------
The matrices are built in the singlet/Cartesian-triplet basis ``(S, T_x, T_y, T_z)`` (for the
diffuson: the same basis rotated by ``1 (x) sigma_y``), where every product of Pauli matrices
has entries ``0, +-1, +-i``. There the spin-orbit part is diagonal,

    diag(0, 2(a_y^2 + a_z^2), 2(a_x^2 + a_z^2), 2(a_x^2 + a_y^2)),

and ``P_swap = diag(-1, 1, 1, 1)`` for the cooperon. Working in this basis keeps LU pivoting
stable for strong spin-orbit coupling (a large diagonal next to moderate off-diagonal terms).
The spin flux couples ``T_x`` and ``T_y`` (it conserves the total ``S_z``) and leaves the
singlet alone.

Infinite spin-orbit strength
----------------------------
If any ``a_j = inf`` the states on which its unit contribution is non-zero (diagonal in this
basis) are projected out: ``(A + lambda P)^-1 -> W (W^dagger A W)^-1 W^dagger`` for
``lambda -> inf`` with W spanning the kernel of P (a Schur-complement limit). This is exact,
not a large-number approximation, and for the paper's model it leaves the singlet alone, in
agreement with the closed forms at ``a = inf``; since the spin flux does not act on the
singlet, it then drops out.

Accuracy
--------
Spin-orbit strengths, fields ``x`` and energies enter on the diagonal and are harmless at any
size. Zeeman fields enter off the diagonal: rates that depend on ``|b - b'|`` are resolved
through LU factorisation of entries of size ``|b|``, so the relative accuracy is about
``1e-16 (|b| + |b'|) / (N + nphi)`` (far below any physical concern: ``|b| < 1e3`` for fields
of a few tesla). The same holds for the spin-flux coupling ``(x +- x') x_so``. The closed forms
of :mod:`~chaoticdot.theory.closed_form` have no such limitation for collinear in-plane fields.
"""

from __future__ import annotations

import numpy as np

from .._arrays import as_output
from .._signatures import bind_parameters, shares_parameters
from .._validation import (
    check_bool,
    check_channel_array,
    check_complex,
    check_direction,
)
from ..perturbation_model import check_term
from ._common import (
    channel_factor,
    chunked,
    covariance_args,
    field_param,
    finite_param,
    nonneg_param,
    vector_param,
)
from ._spin_terms import OPERATORS, group_pairs, merge_terms, scalar_rate, spin_part
from .temperature import thermal_frobenius2

__all__ = [
    "wl_correction_general",
    "conductance_covariance_general",
    "cooperon_spectrum",
    "inverse_cooperon",
    "inverse_diffuson",
    "SPIN_BASIS_LABELS",
]

SPIN_BASIS_LABELS = ("S", "T_x", "T_y", "T_z")

_P_SWAP_C = np.array([-1.0, 1.0, 1.0, 1.0])  # diagonal of B_C^dagger P_swap B_C
_CHUNK = 100_000  # points per batched LAPACK call
_SO_SOURCES = {"a_x": "so_axes", "a_y": "so_axes", "a_z": "so_axes"}


def _assemble(n0, b1, b2, pairs, kind):
    """``n0 + scalar + i b1.Z1 - i b2.Z2 + spin part``, batched; infinite parts decoupled.

    ``kind`` is ``"C"`` (cooperon) or ``"D"`` (diffuson); ``pairs`` are the spin-term groups
    at the two points (:func:`chaoticdot.theory._spin_terms.group_pairs`).
    """
    ops = OPERATORS[kind]
    scalar = scalar_rate(pairs, kind)
    n_diag = n0 if scalar is None else n0 + scalar
    field = np.einsum("j...,jkl->...kl", np.array(np.broadcast_arrays(*b1)), ops.first) - np.einsum(
        "j...,jkl->...kl", np.array(np.broadcast_arrays(*b2)), ops.second
    )
    spin, diagonal, drop = spin_part(pairs, kind)
    shapes = [np.shape(n_diag), field.shape[:-2]]
    shapes += [] if spin is None else [spin.shape[:-2]]
    shapes += [] if diagonal is None else [diagonal.shape[:-1]]
    shapes += [] if drop is None else [drop.shape[:-1]]
    shape = np.broadcast_shapes(*shapes)
    eye = np.eye(4)
    A = np.asarray(n_diag)[..., None, None] * eye + 1j * field
    if spin is not None:
        A = A + spin
    if diagonal is not None:
        A = (
            A + np.where(drop, 0.0, diagonal)[..., None, :] * eye
            if drop is not None
            else (A + diagonal[..., None, :] * eye)
        )
    keep = np.ones(4, dtype=bool) if drop is None else ~drop
    A, keep = np.broadcast_to(A, shape + (4, 4)), np.broadcast_to(keep, shape + (4,))
    both = keep[..., :, None] & keep[..., None, :]
    # Projected-out states become decoupled unit diagonal entries (dropped after inversion).
    return np.where(both, A, eye), keep


def _strengths(terms, *, so, x_so, zeeman_so, x_given, x_source):
    """Validated spin-term strengths other than ``x``, and ``x`` if ``terms`` names it.

    ``x_given`` is non-zero where the field keyword(s) are set (conflict check only).
    """
    given = {
        "x": x_given,
        "x_so": check_term("x_so", x_so),
        "a_x": so[0],
        "a_y": so[1],
        "a_z": so[2],
        "zeeman_so": finite_param(zeeman_so, "zeeman_so"),
    }
    merged = merge_terms(given, terms, {**_SO_SOURCES, "x": x_source})
    x_terms = merged.pop("x")
    return merged, (x_terms if terms is not None and "x" in terms else None)


def _pair_strengths(terms, so, x_so, zeeman_so, x1, x2):
    """``(shared strengths, x1, x2)`` for two parameter points (``x`` from ``terms`` sets
    both fields)."""
    shared, x_terms = _strengths(
        terms,
        so=so,
        x_so=x_so,
        zeeman_so=zeeman_so,
        x_given=np.abs(x1) + np.abs(x2),
        x_source="x1/x2",
    )
    return (shared, x1, x2) if x_terms is None else (shared, x_terms, x_terms)


def _split_scalars(strengths: dict):
    """``(scalars, names, arrays)``: scalar strengths stay out of the chunked broadcast (their
    spin groups are then built once per chunk on 0-d arrays, not on the whole grid)."""
    scalars = {k: v for k, v in strengths.items() if np.ndim(v) == 0}
    names = [k for k in strengths if k not in scalars]
    return scalars, names, [strengths[k] for k in names]


def _kernel_pairs(x1, x2, shared):
    """Spin-term groups with the field ``x`` at each point and the shared strengths."""
    return group_pairs({**shared, "x": x1}, {**shared, "x": x2})


def inverse_cooperon(
    n0,
    b1,
    b2,
    so_axes=(0.0, 0.0, 0.0),
    *,
    x1=0.0,
    x2=0.0,
    x_so=0.0,
    zeeman_so=0.0,
    terms=None,
):
    """Inverse cooperon ``C^-1`` in the spin basis ``(S, T_x, T_y, T_z)``.

    ``C^-1 = n0 + i b1.sigma (x) 1 - i 1 (x) b2.sigma
    + sum_g [(T_g^2 (x) 1 + 1 (x) T_g'^2)/2 - s_g T_g (x) T_g']`` (module docstring).

    Parameters
    ----------
    n0 : complex or array_like
        ``N + nphi - i de`` (dimensionless, real part >= 0); the field part
        ``(x1 + x2)^2 / 2`` (paper Eq. 12) is added from ``x1``, ``x2``.
    b1, b2 : sequence of three array_like
        Zeeman vectors at the two parameter points.
    so_axes : sequence of three array_like
        Spin-orbit strengths ``(a_x, a_y, a_z)`` (``inf`` allowed).
    x1, x2 : float or array_like
        Perpendicular fields at the two points (``+-inf`` allowed).
    x_so, zeeman_so : float or array_like
        Spin flux (Aleiner & Fal'ko 2001) and Zeeman x spin-orbit cross term (Cremers,
        Brouwer & Fal'ko 2003), shared by the two points; dimensionless, any sign.
    terms : mapping, optional
        Further strengths by term name (:data:`chaoticdot.perturbation_model.TERM_NAMES`),
        shared by the two points.

    Returns
    -------
    A : ndarray, shape (..., 4, 4)
        The matrix; rows and columns of projected-out states (infinite spin-orbit entries) are
        replaced by a decoupled unit diagonal entry.
    keep : ndarray of bool, shape (..., 4)
        False for the projected-out states.
    """
    return _inverse(n0, b1, b2, so_axes, x1, x2, x_so, zeeman_so, terms, kind="C")


@shares_parameters(inverse_cooperon)
def inverse_diffuson(*args, **kwargs):
    """Inverse diffuson ``D^-1`` in the rotated spin basis; see :func:`inverse_cooperon`.

    ``D^-1 = n0 + i b1.sigma (x) 1 - i 1 (x) b2.sigma^*
    + sum_g [(T_g^2 (x) 1 + 1 (x) T_g'^*2)/2 - T_g (x) T_g'^*]``, field part
    ``(x1 - x2)^2 / 2`` (paper Eq. 11). The parameters are those of :func:`inverse_cooperon`
    (this function reports its signature).
    """
    return _inverse(**bind_parameters(inverse_diffuson, *args, **kwargs), kind="D")


def _inverse(n0, b1, b2, so_axes, x1, x2, x_so, zeeman_so, terms, kind):
    """Validated arguments of :func:`inverse_cooperon` and :func:`inverse_diffuson`."""
    allowed = "a finite complex number (or array) with real part >= 0"
    n0 = check_complex(n0, "n0", allowed)
    if np.any(n0.real < 0):
        raise ValueError(f"n0 must have a real part >= 0, got {n0!r}")
    b1, b2 = vector_param(b1, "b1"), vector_param(b2, "b2")
    so = vector_param(so_axes, "so_axes", nonnegative=True, allow_inf=True)
    x1, x2 = field_param(x1, "x1"), field_param(x2, "x2")
    shared, x1, x2 = _pair_strengths(terms, so, x_so, zeeman_so, x1, x2)
    return _assemble(n0, b1, b2, _kernel_pairs(x1, x2, shared), kind)


def _frobenius2(A, keep, kT):
    """``||A^-1||_F^2`` on the kept states, thermally averaged where ``kT > 0``."""
    inv = np.linalg.inv(A)
    both = keep[..., :, None] & keep[..., None, :]
    zero_t = np.sum(np.where(both, np.abs(inv) ** 2, 0.0), axis=(-2, -1))
    if kT is None:
        return zero_t
    return np.where(kT == 0, zero_t, thermal_frobenius2(A, kT, keep))


def wl_correction_general(
    N1,
    N2,
    *,
    x=0.0,
    so_axes=(0.0, 0.0, 0.0),
    b_vec=(0.0, 0.0, 0.0),
    nphi=0.0,
    x_so=0.0,
    zeeman_so=0.0,
    terms=None,
):
    """Weak-localization correction for any spin terms and any Zeeman vector.

    ``<dG> = -(N1 N2 / N) Tr[C P_swap]`` at ``x = x'``, ``b = b'``, ``eps = eps'``
    (Eqs. 4, 8, 10 in the form of the appendix, section "Unambiguous tensor form"), with the
    cooperon of the module docstring.

    Parameters
    ----------
    N1, N2 : int or array_like of int
        Channel numbers of the two point contacts (>= 1).
    x : float or array_like
        Perpendicular field (dimensionless, Eqs. 7, 12); ``+-inf`` allowed.
    so_axes : sequence of three float or array_like
        ``(a_x, a_y, a_z)``: spin-orbit strength per spin axis, each >= 0, ``inf`` allowed
        (rate ``a_j^2 = 2 pi hbar / tau_j Delta``). The paper's model is ``(a, a, 0)``.
    b_vec : sequence of three float or array_like
        Zeeman vector ``(b_x, b_y, b_z)``, ``b = pi g mu_B B / Delta``.
    nphi : float or array_like
        Dephasing rate ``2 pi hbar / tau_phi Delta`` (>= 0).
    x_so : float or array_like
        Spin flux of uniform spin-orbit coupling (same units as ``x``, any sign): spin up
        along z sees the field ``x + x_so``, spin down ``x - x_so`` (Aleiner & Fal'ko,
        PRL 87, 256801 (2001)).
    zeeman_so : float or array_like
        Zeeman x spin-orbit cross term (dimensionless, any sign; rate-normalised like ``a``:
        the group ``zeeman_so sigma_z`` on its own symmetric orbital matrix; Cremers, Brouwer
        & Fal'ko, PRB 68, 125329 (2003)).
    terms : mapping, optional
        Strengths of any terms of :mod:`chaoticdot.perturbation_model` by name (``x``,
        ``a_x``, ...); a term may not also be set by its keyword.

    Returns
    -------
    float or ndarray
        ``<dG>`` in units of ``e^2/h``.
    """
    n, pref = channel_factor(N1, N2)
    x = field_param(x, "x")
    nphi = nonneg_param(nphi, "nphi")
    so = vector_param(so_axes, "so_axes", nonnegative=True, allow_inf=True)
    b = vector_param(b_vec, "b_vec")
    shared, x_terms = _strengths(
        terms, so=so, x_so=x_so, zeeman_so=zeeman_so, x_given=x, x_source="x"
    )
    x = x if x_terms is None else x_terms
    fixed, names, values = _split_scalars(shared)

    def kernel(n0, x, bx, by, bz, *values):
        pairs = _kernel_pairs(x, x, {**fixed, **dict(zip(names, values, strict=True))})
        A, keep = _assemble(n0, (bx, by, bz), (bx, by, bz), pairs, "C")
        C = np.linalg.inv(A)
        diag = np.real(np.diagonal(C, axis1=-2, axis2=-1))
        return np.sum(np.where(keep, _P_SWAP_C * diag, 0.0), axis=-1)

    trace = chunked(kernel, [n + nphi, x, *b, *values], _CHUNK)
    return as_output(-pref * trace)


def conductance_covariance_general(
    N1,
    N2,
    *,
    x1=0.0,
    x2=0.0,
    so_axes=(0.0, 0.0, 0.0),
    b1_vec=(0.0, 0.0, 0.0),
    b2_vec=(0.0, 0.0, 0.0),
    de=0.0,
    nphi=0.0,
    kT=0.0,
    x_so=0.0,
    zeeman_so=0.0,
    terms=None,
):
    """Conductance covariance for any spin terms and any Zeeman vectors.

    ``cov[G(eps, x1, b1), G(eps', x2, b2)] = (N1 N2 / N)^2 (||D||_F^2 + ||C||_F^2)``
    (Eqs. 4, 8-12 in the form of the appendix, section "Unambiguous tensor form"), thermally
    smeared for ``kT > 0`` (:mod:`chaoticdot.theory.temperature`). The perpendicular field
    differs between the two conductances; every other spin term is shared.

    Parameters
    ----------
    N1, N2, x1, x2, de, nphi, kT
        Channel numbers (>= 1), perpendicular fields at the two points (``+-inf``
        allowed), energy difference ``2 pi (eps - eps') / Delta``, dephasing rate (>= 0)
        and ``k_B T / Delta`` (>= 0), as in :func:`chaoticdot.theory.conductance_covariance`.
    so_axes : sequence of three float or array_like
        ``(a_x, a_y, a_z)``, each >= 0, ``inf`` allowed; the same at both points.
    b1_vec, b2_vec : sequence of three float or array_like
        Zeeman vectors at the two points.
    x_so, zeeman_so : float or array_like
        Spin flux and Zeeman x spin-orbit cross term (dimensionless, any sign), shared; see
        :func:`wl_correction_general`.
    terms : mapping, optional
        Strengths of any terms of :mod:`chaoticdot.perturbation_model` by name, shared by the
        two points (``x`` in ``terms`` sets ``x1 = x2``); a term may not also be set by its
        keyword.

    Returns
    -------
    float or ndarray
        Covariance in units of ``(e^2/h)^2``.
    """
    n, pref, x1, x2, de, nphi, kT = covariance_args(N1, N2, x1, x2, de, nphi, kT)
    so = vector_param(so_axes, "so_axes", nonnegative=True, allow_inf=True)
    b1, b2 = vector_param(b1_vec, "b1_vec"), vector_param(b2_vec, "b2_vec")
    shared, x1, x2 = _pair_strengths(terms, so, x_so, zeeman_so, x1, x2)
    fixed, names, values = _split_scalars(shared)

    def kernel(common, x1, x2, kT, b1x, b1y, b1z, b2x, b2y, b2z, *values):
        thermal = kT if np.any(kT > 0) else None
        f1, f2 = (b1x, b1y, b1z), (b2x, b2y, b2z)
        pairs = _kernel_pairs(x1, x2, {**fixed, **dict(zip(names, values, strict=True))})
        D, keep_d = _assemble(common, f1, f2, pairs, "D")
        C, keep_c = _assemble(common, f1, f2, pairs, "C")
        return _frobenius2(D, keep_d, thermal) + _frobenius2(C, keep_c, thermal)

    total = chunked(kernel, [n + nphi - 1j * de, x1, x2, kT, *b1, *b2, *values], _CHUNK)
    return as_output(pref**2 * total)


def cooperon_spectrum(
    N,
    *,
    x=0.0,
    a=0.0,
    b=0.0,
    b_direction=(1.0, 0.0, 0.0),
    so_axes=None,
    nphi=0.0,
    x_so=0.0,
    zeeman_so=0.0,
    return_singlet_weight=False,
):
    """Eigenvalues of the inverse cooperon ``C^-1`` at ``x = x'``, ``b = b'``, ``eps = eps'``.

    They are the decay rates (in units of ``Delta / 2 pi hbar``, i.e. equivalent channel
    numbers) of the four two-spin interference modes. Without Zeeman field they are
    ``N_C`` (singlet, ``P_swap = -1``) and ``N_C + 2(a_y^2 + a_z^2)``,
    ``N_C + 2(a_x^2 + a_z^2)``, ``N_C + 2(a_x^2 + a_y^2)`` (triplets ``T_x, T_y, T_z``,
    ``P_swap = +1``), ``N_C = N + 2 x^2 + nphi``; for the paper's model ``N_C``,
    ``N_C + 2a^2`` (twice), ``N_C + 4a^2``. Since ``<dG> = -(N1 N2/N) Tr[C P_swap]``, the
    singlet gives weak *anti*-localization and the triplets weak localization (Eq. 13).
    A Zeeman field mixes the singlet with the triplet along the field; the pair may become
    complex (an exceptional point where ``4 b^2 = a^4`` for an in-plane field).

    Ordering: element 0 is the singlet-like mode (largest singlet weight ``|<S|v>|^2`` of the
    normalised right eigenvector; of a complex-conjugate pair with equal weights, the one with
    negative imaginary part); elements 1-3 are the triplet-like modes sorted by real part,
    then imaginary part. Infinite rates (``a = inf``) are returned as ``inf``.

    Parameters
    ----------
    N : int or array_like of int
        Total channel number ``N1 + N2`` (>= 1).
    x, a, b, nphi : float or array_like
        As in :func:`chaoticdot.theory.wl_correction`.
    b_direction : sequence of 3 floats
        Direction of the Zeeman field (normalised internally).
    so_axes : sequence of three float or array_like, optional
        Per-axis spin-orbit strengths ``(a_x, a_y, a_z)``; replaces ``(a, a, 0)`` (then
        ``a`` must be 0).
    x_so, zeeman_so : float or array_like
        Spin flux and Zeeman x spin-orbit cross term (dimensionless, any sign), as in
        :func:`wl_correction_general`. Without Zeeman field and ``a = 0`` the spin flux
        splits the triplets ``|uu>, |dd>`` to ``N + nphi + 2(x +- x_so)^2``.
    return_singlet_weight : bool
        Also return the singlet weights of the four modes.

    Returns
    -------
    ndarray, shape (..., 4), complex
        The eigenvalues (and optionally the singlet weights, shape (..., 4)).
    """
    n_arr = check_channel_array(N, "N")
    return_singlet_weight = check_bool(return_singlet_weight, "return_singlet_weight")
    x = field_param(x, "x")
    a = nonneg_param(a, "a", allow_inf=True)
    b = finite_param(b, "b")
    nphi = nonneg_param(nphi, "nphi")
    direction = check_direction(b_direction)
    if so_axes is None:
        so = [a, a, np.zeros_like(a)]
    else:
        if np.any(a != 0):
            raise ValueError("a must be 0 when so_axes is given (so_axes replaces (a, a, 0))")
        so = vector_param(so_axes, "so_axes", nonnegative=True, allow_inf=True)
    bvec = [b * d for d in direction]
    shared, _ = _strengths(None, so=so, x_so=x_so, zeeman_so=zeeman_so, x_given=x, x_source="x")
    A, keep = _assemble(n_arr + nphi, bvec, bvec, _kernel_pairs(x, x, shared), "C")
    vals, vecs = np.linalg.eig(A)
    vecs = vecs / np.linalg.norm(vecs, axis=-2, keepdims=True)
    # A projected-out state is a decoupled unit eigenvector e_k: its eigenvalue is infinite.
    dummy = np.einsum("...k,...kj->...j", (~keep).astype(float), np.abs(vecs) ** 2) > 0.5
    vals = np.where(dummy, np.inf + 0j, vals)
    weight = np.abs(vecs[..., 0, :]) ** 2
    # Past the exceptional point the singlet-like pair is complex conjugate with equal weights;
    # rounding must not decide which one comes first: among ties (1e-9) take the one with the
    # negative imaginary part, so the order is reproducible on every BLAS.
    tied = weight >= weight.max(axis=-1, keepdims=True) - 1e-9
    singlet = np.argmin(np.where(tied, vals.imag, np.inf), axis=-1)
    order_key = np.where(np.arange(4) == singlet[..., None], -np.inf, vals.real)
    order = np.lexsort((vals.imag, order_key), axis=-1)
    vals = np.take_along_axis(vals, order, axis=-1)
    weight = np.take_along_axis(weight, order, axis=-1)
    return (vals, weight) if return_singlet_weight else vals
