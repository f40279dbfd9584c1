"""The stub random-matrix model of the paper, Eqs. (5)-(7), evaluated by a Schur complement.

Model (paper Eqs. 5-7, dimensionless; book appendix "Stub model in practice")
-----------------------------------------------------------------------------
``S = P U (1 - Q^T R Q U)^{-1} P^T`` with ``U`` an ``M x M`` COE matrix (spin-trivial,
``U (x) 1_2``), ``P`` the projector on the ``N = N1 + N2`` lead sites and ``Q`` on the ``M - N``
stub sites. With the paper's dimensionless parameters (``x``; ``a^2 = 2 pi hbar / tau_so Delta``;
``b = pi g mu_B B / Delta``; ``energy = 2 pi eps / Delta``; ``nphi = 2 pi hbar / tau_phi Delta``)
Eqs. (6)-(7) become

``R = exp[(i / M) (E_c - H'')]``,
``H'' = b' n.sigma + sum_g Z_g (x) T_g``,
``E_c = (energy + i nphi / 2) M / (M - N)``, ``b' = b M / (M - N)``,

where the groups ``g`` are those of :func:`chaoticdot.perturbation_model.spin_groups`: one per
orbital matrix, ``Z_g = i K_g`` (``K_g`` real antisymmetric, parity ``-1``) or ``Z_g = Y_g``
(real symmetric, parity ``+1``), with the spin matrix ``T_g`` summing the terms on it. The
paper's model is ``i x X (x) 1 + i sum_k a_k A_k (x) sigma_k`` with ``(a_x, a_y, a_z) =
(a, a, 0)``; the spin flux adds ``i x_so X (x) sigma_z`` on the same ``X`` (Aleiner & Fal'ko,
PRL 87, 256801 (2001)) and the Zeeman x spin-orbit cross term ``zeeman_so Y (x) sigma_z``
(Cremers, Brouwer & Fal'ko, PRB 68, 125329 (2003)). ``X, A_k, Y`` are the fixed matrices of
:mod:`chaoticdot.rmt.perturbations`.

* The uniform terms (energy, Zeeman field, absorption) act on the ``M - N`` stub sites only, so
  their effective strength is reduced by ``(M - N) / M``; the factor ``M / (M - N)`` above
  compensates it exactly at the level of the cooperon/diffuson kernels (appendix "Stub model in
  practice").
* Dephasing: a uniform absorption rate ``hbar / 2 tau_phi`` (imaginary potential), i.e.
  ``|R| = exp[-nphi / 2 (M - N)]``. With the Lambda form of the Landauer formula, Eq. (4), it is
  equivalent to the paper's voltage probe at leading order, ``N_{C,D} -> N_{C,D} + nphi``. For
  ``nphi > 0`` the matrix ``S`` is sub-unitary and ``G`` is evaluated with Eq. (4).
* Dephasing by a true voltage probe (Buttiker): a third lead of ``N_phi`` orbital channels
  (integer) with zero net current; ``S`` is the unitary ``2(N + N_phi)``-dimensional matrix
  of the three-lead stub and ``G = T_21 + T_2p T_p1 / (T_p1 + T_p2)``. At large ``N`` it
  agrees with the absorbing stub (``N -> N + N_phi``); at ``N ~ 1`` the two differ.

Evaluation
----------
Eliminating the stub sites gives the Schur complement (appendix "Stub model in practice")

``S = U_PP + U_PQ (R^{-1} - U_QQ)^{-1} U_QP``,

one LU decomposition of size ``2 (M - N)`` per realization and parameter point. ``R^{-1}`` is
computed once per parameter point from one Hermitian eigendecomposition of ``H''``.

* Spin-decoupled exact path: when all spin matrices present commute, i.e. every ``T_g`` and
  the Zeeman term are combinations of ``1`` and one ``u.sigma`` (``a = 0`` with or without
  Zeeman field, spin flux with a field along ``z``, or spin-orbit coupling along one spin axis
  with the field parallel to it), the spin basis that diagonalises ``u.sigma`` splits the
  problem into two independent orbital problems of size ``M - N`` (one if both spin sectors
  are identical), 4-8 times cheaper. Sector ``s = +-1`` has ``H''_s = sum_g Z_g <s|T_g|s> +
  s b'.u``; it is ``i K_s + const`` with ``K_s`` real antisymmetric (``R_s`` a phase times a
  real orthogonal matrix) unless a parity ``+1`` term is present, when ``H''_s`` is complex
  Hermitian and is diagonalised.
* ``a = inf``: the strong spin-orbit limit cannot be reached with the COE stub (it needs
  ``N << a^2 << M``). Here ``U`` is drawn from the circular symplectic ensemble, which
  represents the ``a_j`` terms; every other term (``x``, ``x_so``, ``zeeman_so``, energy,
  absorption) stays in ``R``; this is the exact CSE at ``x = 0`` for every ``M``. The Zeeman
  field drops out in this limit (its effect on the cooperon and diffuson is suppressed as
  ``b^2 / N a^2``, Eqs. 13-14), so ``b`` is ignored.
* ``x = +-inf``: the broken time-reversal limit ``x^2 >> N`` in the same way: ``U`` is drawn
  from the circular unitary ensemble (``U (x) 1_2``, or ``2M x 2M`` when also ``a = inf``) and
  the whole group on ``X`` (``x`` and the spin flux ``x_so``) drops out of ``R``. The Gaussian
  average of a CUE ``U`` has no cooperon (Eq. 8 without its second term), which is the
  ``x -> inf`` limit of Eqs. (11)-(12) with the diffuson unchanged at ``x = x'``. At
  ``a = b = 0`` or ``a = inf`` this is the exact CUE for every ``M``; ``<G> = 2 N1 N2 / N``
  holds exactly for any ``a, b, energy`` (absorption aside).

Conventions
-----------
``G`` in units of ``e^2 / h``, summed over spin (Eq. 4). Index order of the ``2N x 2N`` matrix
``S``: ``2 * channel + spin``, spin fastest (``spin = 0`` is ``sigma_z = +1``); channels
``0 .. N1-1`` belong to lead 1 and ``N1 .. N-1`` to lead 2.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
import scipy.linalg

from ..pauli import SIGMA
from ..perturbation_model import SPIN_TERMS, TERM_NAMES, spin_groups, spin_term
from .perturbations import orbital_matrix, perturbation_matrices

__all__ = [
    "StubPoint",
    "ensemble_of_point",
    "time_reversed",
    "PAULI",
    "stub_exponent",
    "spin_full_point",
    "inverse_r",
    "conductance_from_unitary",
    "schur_scattering_matrix",
    "clear_cache",
]

#: Pauli matrices sigma_x, sigma_y, sigma_z.
PAULI = SIGMA


@dataclass(frozen=True)
class StubPoint:
    """One parameter point of the stub model (dimensionless paper units).

    Attributes
    ----------
    x : float
        Perpendicular field (orbital effect), Eq. (7); ignored when ``x_inf`` is set.
    so : tuple of 3 float
        Spin-orbit strengths ``(a_x, a_y, a_z)`` multiplying ``A1 sigma_x, A2 sigma_y,
        A3 sigma_z``; the paper's model is ``(a, a, 0)``.
    a_inf : bool
        Strong spin-orbit limit ``a = inf`` (circular symplectic ensemble).
    bvec : tuple of 3 float
        Zeeman field vector ``b * b_direction``.
    nphi : float
        Dephasing rate (absorption), ``>= 0``.
    energy : float
        ``2 pi eps / Delta``.
    probe : int
        Orbital channels of a voltage probe (third lead, current reinjection; see
        :func:`conductance_from_unitary`); ``0``: none. Probe points have ``nphi = 0``.
    x_inf : int
        ``+1`` or ``-1`` for the broken time-reversal limit ``x = +inf`` or ``-inf`` (``U``
        from the circular unitary ensemble, see :func:`ensemble_of_point`), ``0`` otherwise.
    terms : tuple of (str, float)
        Strengths of the other terms of :mod:`chaoticdot.perturbation_model` (e.g.
        ``(("x_so", 0.4), ("zeeman_so", 0.2))``), finite; any order and a mapping are
        accepted. Stored in the order of :data:`~chaoticdot.perturbation_model.TERM_NAMES`
        with zero strengths dropped, so a point without them equals the point of the paper's
        model.
    """

    x: float = 0.0
    so: tuple = (0.0, 0.0, 0.0)
    a_inf: bool = False
    bvec: tuple = (0.0, 0.0, 0.0)
    nphi: float = 0.0
    energy: float = 0.0
    x_inf: int = 0
    probe: int = 0
    terms: tuple = ()

    def __post_init__(self):
        given = dict(self.terms.items() if hasattr(self.terms, "items") else self.terms)
        for name, value in given.items():
            if name in _OWN_FIELDS or spin_term(name) is None:
                raise ValueError(
                    f"terms must not contain {name!r}: it is a field of StubPoint (x, so)"
                )
            if not np.isfinite(value):
                raise ValueError(f"terms[{name!r}] must be finite, got {value!r}")
        ordered = tuple((n, float(given[n])) for n in TERM_NAMES if given.get(n, 0.0) != 0.0)
        object.__setattr__(self, "terms", ordered)

    @property
    def key(self) -> tuple:
        return (
            self.x,
            *self.so,
            self.a_inf,
            *self.bvec,
            self.nphi,
            self.energy,
            self.x_inf,
            self.probe,
            self.terms,
        )

    def strengths(self) -> dict:
        """Non-zero finite strengths of every model term, ``{name: float}`` (``x`` and
        ``a_x, a_y, a_z`` from the fields; the limits ``x_inf``, ``a_inf`` are not included)."""
        out = {"x": self.x} if self.x != 0.0 else {}
        out.update({n: v for n, v in zip(_OWN_FIELDS[1:], self.so, strict=True) if v != 0.0})
        out.update(self.terms)
        return out


#: Model terms with their own :class:`StubPoint` field (``x``; ``so`` holds the ``a_j``).
_OWN_FIELDS = ("x", "a_x", "a_y", "a_z")
#: Orbital matrices represented by the circular symplectic ensemble at ``a = inf``.
_SYMPLECTIC_ORBITALS = frozenset(t.orbital for t in SPIN_TERMS if t.allow_inf)
#: Orbital matrix of the perpendicular field (dropped at ``x = +-inf``).
_FIELD_ORBITAL = spin_term("x").orbital


def ensemble_of_point(point: StubPoint) -> str:
    """Circular ensemble of the stub matrix ``U`` for one parameter point.

    ``"coe"``: ``M x M`` COE used as ``U (x) 1_2`` (paper, Eq. 5). ``"cse"``: ``a = inf``,
    ``2M x 2M`` circular symplectic ensemble. ``"cue"``: ``x = +-inf``, ``M x M`` circular
    unitary ensemble used as ``U (x) 1_2``. ``"cue2"``: ``a = inf`` and ``x = +-inf``, ``2M x 2M``
    circular unitary ensemble (no spin or time-reversal structure left).
    """
    if point.a_inf:
        return "cue2" if point.x_inf else "cse"
    return "cue" if point.x_inf else "coe"


# --------------------------------------------------------------------------------------
# R^{-1} for one parameter point ("plan"), cached per process
# --------------------------------------------------------------------------------------


@dataclass
class _Plan:
    """Precomputed ``R^{-1}`` of one parameter point.

    kind = "cse": ``rinv`` is ``2L x 2L`` (used with a CSE ``U``).
    kind = "full": ``rinv`` is ``2L x 2L`` (COE ``U (x) 1_2``).
    kind = "decoupled": ``rinv`` is a list of one or two ``L x L`` matrices (spin sectors in the
    basis that diagonalises the spin operators); ``weight`` multiplies the conductance of each
    listed sector (2 when both sectors are identical).
    """

    kind: str
    rinv: object
    weight: float = 1.0

    def astype(self, dtype) -> _Plan:
        """The plan with ``rinv`` (one matrix or the list of sector matrices) in ``dtype``."""
        rinv = self.rinv
        cast = [m.astype(dtype) for m in rinv] if isinstance(rinv, list) else rinv.astype(dtype)
        return _Plan(self.kind, cast, self.weight)


_CACHE: OrderedDict = OrderedDict()
_CACHE_BYTES = [0]
_CACHE_LIMIT = 256 * 2**20


def clear_cache() -> None:
    """Forget the cached ``R^{-1}`` matrices of this process."""
    _CACHE.clear()
    _CACHE_BYTES[0] = 0


def _plan_nbytes(plan: _Plan) -> int:
    if isinstance(plan.rinv, list):
        return sum(m.nbytes for m in plan.rinv)
    return plan.rinv.nbytes


def _get_plan(
    point: StubPoint, M: int, N: int, allow_decoupled: bool, dtype=np.complex128
) -> _Plan:
    """The cached plan of ``point`` with ``R^{-1}`` in ``dtype``.

    A single-precision plan is cached as such (cast once per point: casting at every
    realization would cost as much as the subtraction it feeds; half the memory).
    """
    key = (M, N, allow_decoupled, np.dtype(dtype).char, point.key)
    plan = _CACHE.get(key)
    if plan is not None:
        _CACHE.move_to_end(key)
        return plan
    plan = _make_plan(point, M, N, allow_decoupled)
    if dtype != np.complex128:
        plan = plan.astype(dtype)
    size = _plan_nbytes(plan)
    _CACHE[key] = plan
    _CACHE_BYTES[0] += size
    while _CACHE_BYTES[0] > _CACHE_LIMIT and len(_CACHE) > 1:
        _, old = _CACHE.popitem(last=False)
        _CACHE_BYTES[0] -= _plan_nbytes(old)
    return plan


def _uniform_phase(point: StubPoint, M: int, N: int) -> complex:
    """``exp(-i E_c / M)`` with ``E_c = (energy + i nphi / 2) M / (M - N)``: energy and absorption.

    The factor ``M / (M - N)`` compensates for the uniform terms acting on the stub sites only.
    """
    e_c = (point.energy + 0.5j * point.nphi) * M / (M - N)
    return complex(np.exp(-1j * e_c / M))


def _orthogonal_exp(k: np.ndarray, M: int) -> np.ndarray:
    """``exp(-K / M)`` for real antisymmetric ``K`` (a real orthogonal matrix)."""
    return scipy.linalg.expm(-k / M)


def _point_groups(point: StubPoint) -> list:
    """Spin groups of ``point`` that enter ``R`` (limits removed, see module docstring).

    At ``x = +-inf`` the whole group on ``X`` drops out, at ``a = inf`` the groups of the
    ``a_j`` terms (they are represented by the ensemble of ``U``); all-zero groups are omitted.
    """
    strengths = point.strengths()
    dropped = set()
    if point.x_inf:
        dropped.add(_FIELD_ORBITAL)
    if point.a_inf:
        dropped |= _SYMPLECTIC_ORBITALS
    kept = {n: v for n, v in strengths.items() if spin_term(n).orbital not in dropped}
    return spin_groups(kept)


def _group_orbital(group, M: int, N: int) -> np.ndarray:
    """``Z_g`` of a group: ``i K`` (parity ``-1``) or the real symmetric ``Y`` (parity ``+1``)."""
    z = orbital_matrix(group.orbital, M, N)
    return 1j * z if group.parity < 0 else z


def _exponent(groups, bvec, M: int, N: int) -> np.ndarray:
    """``sum_g Z_g (x) T_g + b' n.sigma`` (``2L x 2L``, index ``2 * site + spin``)."""
    L = M - N
    h = np.zeros((2 * L, 2 * L), dtype=complex)
    for g in groups:
        h = h + np.kron(_group_orbital(g, M, N), g.T)
    bfield = sum(bc * s for bc, s in zip(bvec, PAULI, strict=True))
    return h + np.kron(np.eye(L), (M / (M - N)) * bfield)


def stub_exponent(point: StubPoint, M: int, N: int) -> np.ndarray:
    """Hermitian ``H''`` of the module docstring (``2L x 2L``, ``L = M - N``), without energy.

    Index order ``2 * site + spin``. Uniform Zeeman term scaled by ``M / (M - N)``. The limits
    ``x = +-inf`` and ``a = inf`` are not part of ``H''`` (their groups are left out).
    """
    return _exponent(_point_groups(point), point.bvec, M, N)


def _pauli_parts(t: np.ndarray) -> tuple[float, np.ndarray]:
    """``(t0, t)`` of a Hermitian ``2 x 2`` matrix ``T = t0 1 + t.sigma``."""
    t0 = float(np.real(t[0, 0] + t[1, 1])) / 2
    vec = np.array([np.real(t[1, 0]), np.imag(t[1, 0]), float(np.real(t[0, 0] - t[1, 1])) / 2])
    return t0, vec


def _common_axis(groups, bvec):
    """``(u, b_u)``: the spin axis ``u`` shared by all spin matrices, or ``(False, 0)``.

    Every ``T_g`` and ``b n.sigma`` must be a combination of ``1`` and ``u.sigma``
    (exact test: the cross product with ``u`` vanishes). ``u = None`` when no spin matrix is
    present at all; ``b_u`` is the Zeeman component along ``u``.
    """
    bvec = np.asarray(bvec, dtype=float)
    vecs = [v for g in groups if np.any((v := _pauli_parts(g.T)[1]) != 0.0)]
    if not vecs:
        bnorm = float(np.linalg.norm(bvec))
        return (None, 0.0) if bnorm == 0.0 else (bvec / bnorm, bnorm)
    # Scaled by the largest component first: no overflow, and exact for a coordinate axis.
    u = vecs[0] / np.max(np.abs(vecs[0]))
    u = u / np.linalg.norm(u)
    if any(np.any(np.cross(u, v) != 0.0) for v in (*vecs[1:], bvec)):
        return False, 0.0
    return u, float(np.dot(bvec, u))


def spin_full_point(point: StubPoint) -> bool:
    """Whether ``point`` needs the spin-full ``2L x 2L`` problem (``False``: two ``L x L``)."""
    if point.a_inf:
        return True
    return _common_axis(_point_groups(point), point.bvec)[0] is False


def _sector_matrices(groups, u, s: float, M: int, N: int):
    """``(K_s, Y_s)``: real antisymmetric and real symmetric parts of ``H''_s`` (no Zeeman).

    ``<s|T_g|s> = t0 + s t.u`` in the eigenbasis of ``u.sigma``; ``Y_s`` is ``None`` when no
    parity ``+1`` group is present.
    """
    L = M - N
    k_s, y_s = None, None
    for g in groups:
        t0, vec = _pauli_parts(g.T)
        coeff = t0 + s * float(np.dot(vec, u)) if u is not None else t0
        term = coeff * orbital_matrix(g.orbital, M, N)
        if g.parity < 0:
            k_s = term if k_s is None else k_s + term
        else:
            y_s = term if y_s is None else y_s + term
    return (np.zeros((L, L)) if k_s is None else k_s), y_s


def _hermitian_exp(h: np.ndarray, factor: complex, M: int) -> np.ndarray:
    """``factor * exp(i h / M)`` for Hermitian ``h`` (one eigendecomposition)."""
    lam, w = np.linalg.eigh(h)
    return (w * (factor * np.exp(1j * lam / M))) @ w.conj().T


def _make_plan(point: StubPoint, M: int, N: int, allow_decoupled: bool) -> _Plan:
    phase = _uniform_phase(point, M, N)
    groups = _point_groups(point)
    if point.a_inf:
        if all(g.orbital == _FIELD_ORBITAL and g.spin == "1" for g in groups):
            # Only x (or nothing) left: a real orthogonal R^{-1} on the orbital space.
            x = 0.0 if point.x_inf else point.x
            orth = _orthogonal_exp(x * perturbation_matrices(M, N)[0], M)
            return _Plan("cse", np.kron(phase * orth, np.eye(2)))
        return _Plan("cse", _hermitian_exp(_exponent(groups, (0.0, 0.0, 0.0), M, N), phase, M))
    u, b_u = _common_axis(groups, point.bvec) if allow_decoupled else (False, 0.0)
    if u is not False:
        # Spin basis diagonalising u.sigma: sector s = +-1 sees H''_s = s b'_u + i K_s + Y_s,
        # so R_s^{-1} = e^{-i E_c/M} e^{i s b'_u/M} exp(-K_s / M) when Y_s is absent.
        bprime = b_u * M / (M - N)
        if u is None and bprime == 0.0:
            # No spin matrix at all: both sectors are the same orbital problem.
            k, y = _sector_matrices(groups, None, 1.0, M, N)
            if y is None:
                return _Plan("decoupled", [phase * _orthogonal_exp(k, M)], weight=2.0)
            return _Plan("decoupled", [_hermitian_exp(1j * k + y, phase, M)], weight=2.0)
        rinv = []
        for s in (1.0, -1.0):
            k_s, y_s = _sector_matrices(groups, u, s, M, N)
            if y_s is None:
                rinv.append(phase * np.exp(1j * s * bprime / M) * _orthogonal_exp(k_s, M))
            else:
                h_s = 1j * k_s + y_s + s * bprime * np.eye(M - N)
                rinv.append(_hermitian_exp(h_s, phase, M))
        return _Plan("decoupled", rinv)
    return _Plan("full", _hermitian_exp(_exponent(groups, point.bvec, M, N), phase, M))


def inverse_r(point: StubPoint, M: int, N: int) -> np.ndarray:
    """``R^{-1}`` of Eq. (6) (``2L x 2L``, index order ``2 * site + spin``) for one point.

    For ``a_inf`` points this is the matrix used with a CSE ``U``.
    """
    plan = _make_plan(point, M, N, allow_decoupled=False)
    return plan.rinv


# --------------------------------------------------------------------------------------
# Conductance for a stack of unitary matrices
# --------------------------------------------------------------------------------------


def _lambda_weights(N1: int, N2: int, spin: int) -> np.ndarray:
    """Diagonal of Lambda in Eq. (4), each channel repeated ``spin`` times."""
    N = N1 + N2
    lam = np.concatenate([np.full(N1, N2 / N), np.full(N2, -N1 / N)])
    return np.repeat(lam, spin)


def _g_transmission(t: np.ndarray) -> np.ndarray:
    """``tr t^dagger t`` for a stack of transmission blocks."""
    return np.einsum("...ij,...ij->...", t.real, t.real) + np.einsum(
        "...ij,...ij->...", t.imag, t.imag
    )


def _g_lambda(s: np.ndarray, N1: int, N2: int, spin: int) -> np.ndarray:
    """Eq. (4) for one spin sector (``spin=1``) or both (``spin=2``): G in e^2/h."""
    lam = _lambda_weights(N1, N2, spin)
    w = np.outer(lam, lam)
    return spin * N1 * N2 / (N1 + N2) - np.einsum("kl,...kl->...", w, np.abs(s) ** 2)


def _kron_identity(a: np.ndarray) -> np.ndarray:
    """``a (x) 1_2`` for a stack of matrices (index order ``2 * i + spin``)."""
    *lead, m, n = a.shape
    out = np.zeros((*lead, m, 2, n, 2), dtype=a.dtype)
    out[..., :, 0, :, 0] = a
    out[..., :, 1, :, 1] = a
    return out.reshape(*lead, 2 * m, 2 * n)


def _apply_kron_identity(a: np.ndarray, y: np.ndarray) -> np.ndarray:
    """``(a (x) 1_2) @ y`` without forming the Kronecker product."""
    *lead, m, n = a.shape
    cols = y.shape[-1]
    prod = a @ y.reshape(*y.shape[:-2], n, 2 * cols)
    return prod.reshape(*prod.shape[:-2], 2 * m, cols)


# Below this size one batched numpy call beats a Python loop over LAPACK calls.
_LOOP_MIN_SIZE = 48
_LAPACK = {
    dtype: scipy.linalg.get_lapack_funcs(("getrf", "getrs"), (np.zeros(1, dtype),))
    for dtype in (np.complex128, np.complex64)
}


def _schur_solve(rinv: np.ndarray, uqq: np.ndarray, rhs: np.ndarray, work: dict) -> np.ndarray:
    """``(R^{-1} - U_QQ)^{-1} rhs`` for a stack of ``U_QQ`` and right-hand sides.

    Small matrices: one batched numpy call. Large ones: per realization, ``R^{-1} - U_QQ`` is
    written into one reusable C-ordered buffer (cache-hot, no fresh allocation), handed to
    LAPACK as the Fortran-ordered transpose (no copy), factorised in place and solved with
    ``trans = 1``. ``work["dtype"]`` (default ``complex128``) is the precision of the
    factorisation; ``complex64`` halves the memory traffic and runs the LU about 1.5 times
    faster (its accuracy is checked in ``tests/test_rmt_single_precision.py``). ``rinv`` and
    ``uqq`` should already be in that precision (the subtraction then costs a third of a
    mixed-precision one); the result is always returned in double precision.
    """
    dtype = work.get("dtype", np.complex128)
    size = uqq.shape[-1]
    if size < _LOOP_MIN_SIZE:
        return np.linalg.solve((rinv - uqq).astype(dtype), rhs.astype(dtype)).astype(complex)
    buf = work.get(size)
    if buf is None:
        buf = work[size] = np.empty((size, size), dtype=dtype)
    getrf, getrs = _LAPACK[dtype]
    rhs = rhs.astype(dtype, copy=False)
    out = np.empty(rhs.shape, dtype=complex)
    for idx in np.ndindex(uqq.shape[:-2]):
        np.subtract(rinv, uqq[idx], out=buf)
        lu, piv, info = getrf(buf.T, overwrite_a=1)
        if info != 0:
            raise np.linalg.LinAlgError("singular matrix in the Schur complement")
        out[idx], info = getrs(lu, piv, rhs[idx], trans=1)
    return out


def _conductance_orbital(u, rinv, N1, N2, absorbing, work):
    """G of one spin sector (COE ``U``, orbital ``L x L`` problem) for a stack ``u``."""
    N = N1 + N2
    uqq = u[..., N:, N:]
    if absorbing:
        y = _schur_solve(rinv, uqq, u[..., N:, :N], work)
        s = u[..., :N, :N] + u[..., :N, N:] @ y
        return _g_lambda(s, N1, N2, 1)
    y = _schur_solve(rinv, uqq, u[..., N:, :N1], work)
    t = u[..., N1:N, :N1] + u[..., N1:N, N:] @ y
    return _g_transmission(t)


def _conductance_full(u, uqq2, rinv, N1, N2, absorbing, work):
    """G with the spin-full ``2L x 2L`` problem (COE ``U (x) 1_2``)."""
    N = N1 + N2
    ncol = N if absorbing else N1
    y = _schur_solve(rinv, uqq2, _kron_identity(u[..., N:, :ncol]), work)
    if absorbing:
        s = _kron_identity(u[..., :N, :N]) + _apply_kron_identity(u[..., :N, N:], y)
        return _g_lambda(s, N1, N2, 2)
    t = _kron_identity(u[..., N1:N, :N1]) + _apply_kron_identity(u[..., N1:N, N:], y)
    return _g_transmission(t)


def _conductance_cse(u, rinv, N1, N2, absorbing, work):
    """G for a CSE ``U`` (``2M x 2M``, spin included)."""
    N = N1 + N2
    P, P1 = 2 * N, 2 * N1
    uqq = u[..., P:, P:]
    if absorbing:
        y = _schur_solve(rinv, uqq, u[..., P:, :P], work)
        s = u[..., :P, :P] + u[..., :P, P:] @ y
        return _g_lambda(s, N1, N2, 2)
    y = _schur_solve(rinv, uqq, u[..., P:, :P1], work)
    t = u[..., P1:P, :P1] + u[..., P1:P, P:] @ y
    return _g_transmission(t)


def _s_block(u, uqq2, rinv, rows, cols, Nt, kron, work):
    """Rows ``rows`` and columns ``cols`` of ``S`` (Schur complement) for a stack ``u``.

    ``kron``: ``u`` is an orbital ``M x M`` matrix used as ``U (x) 1_2`` with a spin-full
    ``R^{-1}`` (``uqq2`` its spin-full ``U_QQ``); indices are orbital and the block comes out
    spin-full. Otherwise ``u`` and ``rinv`` act in the same space (one spin sector, or a
    spin-full ``2M x 2M`` matrix with ``Nt`` counted in that space).
    """
    if kron:
        y = _schur_solve(rinv, uqq2, _kron_identity(u[..., Nt:, :][..., cols]), work)
        head = _kron_identity(u[..., rows, :][..., cols])
        return head + _apply_kron_identity(u[..., rows, Nt:], y)
    y = _schur_solve(rinv, u[..., Nt:, Nt:], u[..., Nt:, :][..., cols], work)
    return u[..., rows, :][..., cols] + u[..., rows, Nt:] @ y


def _probe_transmissions(s, n1, n2):
    """``(T21, T2p, Tp1, Rpp)`` from the block ``S[(lead 2, probe), (lead 1, probe)]``."""
    power = np.abs(s) ** 2
    t21 = power[..., :n2, :n1].sum(axis=(-1, -2))
    t2p = power[..., :n2, n1:].sum(axis=(-1, -2))
    tp1 = power[..., n2:, :n1].sum(axis=(-1, -2))
    rpp = power[..., n2:, n1:].sum(axis=(-1, -2))
    return t21, t2p, tp1, rpp


def _conductance_probe(u, uqq2, plan, N1, N2, Np, work):
    """Two-terminal conductance with a voltage probe of ``Np`` orbital channels (Buttiker).

    The probe is a third lead whose voltage adjusts so that it draws no net current
    (Buttiker, IBM J. Res. Dev. 32, 63 (1988)): with the spin-summed transmissions
    ``T_ij = tr t_ij^dagger t_ij``,

        G = T_21 + T_2p T_p1 / (T_p1 + T_p2),   T_p1 + T_p2 = 2 Np - R_pp  (unitarity),

    in units of ``e^2/h``. The spin sectors share the probe voltage, so transmissions are
    summed over sectors before the reinjection term is formed.
    """
    Nt = N1 + N2 + Np
    orb_rows = np.r_[N1 : N1 + N2, N1 + N2 : Nt]
    orb_cols = np.r_[0:N1, N1 + N2 : Nt]
    totals = np.zeros((4, u.shape[0]))
    if plan.kind == "cse":
        rows = np.ravel([[2 * i, 2 * i + 1] for i in orb_rows])
        cols = np.ravel([[2 * i, 2 * i + 1] for i in orb_cols])
        s = _s_block(u, None, plan.rinv, rows, cols, 2 * Nt, False, work)
        totals += _probe_transmissions(s, 2 * N1, 2 * N2)
    elif plan.kind == "decoupled":
        for rinv in plan.rinv:
            s = _s_block(u, None, rinv, orb_rows, orb_cols, Nt, False, work)
            totals += plan.weight * np.array(_probe_transmissions(s, N1, N2))
    else:
        s = _s_block(u, uqq2, plan.rinv, orb_rows, orb_cols, Nt, True, work)
        totals += _probe_transmissions(s, 2 * N1, 2 * N2)
    t21, t2p, tp1, rpp = totals
    return t21 + t2p * tp1 / (2 * Np - rpp)


def time_reversed(u: np.ndarray, spin_full: bool) -> np.ndarray:
    """Time-reversed partner of a stack of unitaries: ``U^T`` or ``Z U^T Z^T`` (spin-full).

    ``Z = 1_M (x) i sigma_y``. A point at ``x = -inf`` uses the time-reversed partner of the
    matrix used at ``x = +inf``: the pair then carries the cooperon correlation of
    ``G(x)`` and ``G(-x)`` (``N_C = N`` at ``x' = -x``, Eq. 12) and no diffuson correlation,
    as the ``x -> inf`` limit of the finite-``x`` model. For a spin-trivial ``U (x) 1_2`` the
    partner is ``U^T (x) 1_2``.
    """
    ut = np.swapaxes(u, -1, -2)
    if not spin_full:
        return ut
    # Z A Z^T for A = U^T: Z A permutes and signs rows, A Z^T = -A Z the columns.
    za = np.empty_like(ut)
    za[..., 0::2, :] = ut[..., 1::2, :]
    za[..., 1::2, :] = -ut[..., 0::2, :]
    out = np.empty_like(ut)
    out[..., 0::2] = za[..., 1::2]
    out[..., 1::2] = -za[..., 0::2]
    return out


#: LU precision of :func:`conductance_from_unitary` by name.
_PRECISION = {"double": np.complex128, "single": np.complex64}


def conductance_from_unitary(
    N1: int,
    N2: int,
    M: int,
    points,
    u_coe: np.ndarray | None = None,
    u_cse: np.ndarray | None = None,
    *,
    u_cue: np.ndarray | None = None,
    u_cue2: np.ndarray | None = None,
    allow_decoupled: bool = True,
    precision: str = "double",
) -> np.ndarray:
    """Conductance of the stub model for given random matrices at many parameter points.

    Every realization is used for every point (correlated sampling) of the same ensemble
    (:func:`ensemble_of_point`); points of different ensembles use independent matrices.
    Points with ``probe > 0`` attach a voltage probe (third lead of ``probe`` orbital
    channels on the first stub sites after the two leads; see :func:`_conductance_probe`).

    Parameters
    ----------
    N1, N2 : int
        Channels of the two leads.
    M : int
        Size of the COE matrix (the CSE matrix is ``2M x 2M``).
    points : sequence of StubPoint
        Parameter points.
    u_coe : ndarray, shape ``(B, M, M)``, optional
        COE realizations; needed for points with finite ``x`` and finite spin-orbit strength.
    u_cse : ndarray, shape ``(B, 2M, 2M)``, optional
        CSE realizations; needed for ``a = inf`` points at finite ``x``.
    u_cue : ndarray, shape ``(B, M, M)``, optional
        CUE realizations; needed for ``x = +-inf`` points at finite ``a``.
    u_cue2 : ndarray, shape ``(B, 2M, 2M)``, optional
        CUE realizations; needed for points with ``x = +-inf`` and ``a = inf``.
    allow_decoupled : bool
        Use the exact spin-decoupled path where it applies (set ``False`` to force the
        spin-full ``2(M - N)`` problem, e.g. to test the decoupled path).
    precision : {"double", "single"}
        Arithmetic of the Schur complement: ``"single"`` casts the matrices (once per stack;
        none if they were drawn in single precision) and ``R^{-1}`` (once per point) to
        ``complex64``, factorises and multiplies in it; ``G`` is returned in double precision.

    Returns
    -------
    ndarray, shape ``(B, len(points))``
        ``G`` in units of ``e^2 / h``.
    """
    N = N1 + N2
    given = {"coe": u_coe, "cse": u_cse, "cue": u_cue, "cue2": u_cue2}
    batch = next(u for u in given.values() if u is not None).shape[0]
    out = np.empty((batch, len(points)))
    stacks = {}  # (ensemble, reversed) -> (U, spin-full U_QQ or None)
    dtype = _PRECISION[precision]
    work = {"dtype": dtype}
    for j, point in enumerate(points):
        ensemble = ensemble_of_point(point)
        key = (ensemble, point.x_inf < 0)
        if key not in stacks:
            u = given[ensemble]
            if u is None:
                raise ValueError(f"a {ensemble.upper()} realization is needed for {point}")
            u = u.astype(dtype, copy=False)
            stacks[key] = [time_reversed(u, ensemble == "cue2") if key[1] else u, None]
        u = stacks[key][0]
        if point.probe:
            Nt = N + point.probe
            plan = _get_plan(point, M, Nt, allow_decoupled, dtype)
            uqq2 = _kron_identity(u[:, Nt:, Nt:]) if plan.kind == "full" else None
            out[:, j] = _conductance_probe(u, uqq2, plan, N1, N2, point.probe, work)
            continue
        plan = _get_plan(point, M, N, allow_decoupled, dtype)
        absorbing = point.nphi > 0.0
        if plan.kind == "cse":
            out[:, j] = _conductance_cse(u, plan.rinv, N1, N2, absorbing, work)
        elif plan.kind == "decoupled":
            g = 0.0
            for rinv in plan.rinv:
                g = g + _conductance_orbital(u, rinv, N1, N2, absorbing, work)
            out[:, j] = plan.weight * g
        else:
            if stacks[key][1] is None:
                stacks[key][1] = _kron_identity(u[:, N:, N:])
            out[:, j] = _conductance_full(u, stacks[key][1], plan.rinv, N1, N2, absorbing, work)
    return out


def schur_scattering_matrix(u: np.ndarray, rinv: np.ndarray, N: int, spin_full_u: bool):
    """``S = U_PP + U_PQ (R^{-1} - U_QQ)^{-1} U_QP`` for one realization (``2N x 2N``).

    Parameters
    ----------
    u : ndarray
        COE matrix ``M x M`` (``spin_full_u=False``, used as ``U (x) 1_2``) or CSE matrix
        ``2M x 2M`` (``spin_full_u=True``).
    rinv : ndarray, ``2(M - N) x 2(M - N)``
        ``R^{-1}`` from :func:`inverse_r`.
    N : int
        Total number of channels.
    """
    u2 = u if spin_full_u else np.kron(u, np.eye(2))
    P = 2 * N
    y = np.linalg.solve(rinv - u2[P:, P:], u2[P:, :P])
    return u2[:P, :P] + u2[:P, P:] @ y
