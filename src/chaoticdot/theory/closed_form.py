"""Route 1: the closed forms, paper Eqs. (13) and (14), and the public conductance moments.

Parameters (all dimensionless, paper's conventions)
---------------------------------------------------
x       perpendicular field, text below Eq. (7): ``x^2 = c e^2 L^4 B_perp^2 / hbar tau_erg Delta``
a       symplectic spin-orbit strength, ``a^2 = 2 pi hbar / tau_so Delta`` (``inf``: strong SO)
b       Zeeman field, ``b = pi g mu_B B / Delta`` (magnitude; direction ``b_direction``)
nphi    dephasing rate, ``2 pi hbar / tau_phi Delta``, added to N_C and N_D (paper, last paragraph)
de      energy difference ``2 pi (eps - eps') / Delta``
kT      temperature ``k_B T / Delta`` (appendix "Dephasing and temperature")

Units: conductances in ``e^2/h``, covariances in ``(e^2/h)^2``; spin is included.

Field direction
---------------
The model is invariant under spin rotations about z, so every in-plane direction gives Eqs. (13)
and (14) as printed for ``b || x``. For a direction with a z component the mean conductance uses
the general closed form below; the covariance is computed by route 2
(:func:`chaoticdot.theory.kernels.conductance_covariance_general`).

Weak localization for any field direction (book appendix "Singlet and triplets")
--------------------------------------------------------------------------------
In the singlet/Cartesian-triplet basis ``(S, T_x, T_y, T_z)`` the inverse cooperon at
``x = x'``, ``b = b'`` is an arrow matrix: diagonal ``N_C, N_C + 2a^2, N_C + 2a^2,
N_C + 4a^2``, and the Zeeman field couples only the singlet to the triplet along the field,
with amplitude ``-2ib n_j``. Eliminating the singlet (Schur complement) gives

    Tr[C P_swap] = 2 r1 + r2 - (1 + 4 b^2 t) / (N_C + 4 b^2 s),
    r1 = 1/(N_C + 2a^2),  r2 = 1/(N_C + 4a^2),
    s = n_perp^2 r1 + n_z^2 r2,  t = n_perp^2 r1^2 + n_z^2 r2^2,

which is Eq. (13) for ``n_z = 0`` and the out-of-plane formula of the appendix "Singlet and
triplets", for ``n_z = 1``.

Uniform spin-orbit coupling: spin flux and cross term
-----------------------------------------------------
``x_so`` is the spin flux of a uniform spin-orbit coupling (spin up along z sees the field
``x + x_so``, spin down ``x - x_so``; Aleiner & Fal'ko, PRL 87, 256801 (2001)) and
``zeeman_so`` the Zeeman x spin-orbit cross term (Cremers, Brouwer & Fal'ko, PRB 68, 125329
(2003)), both dimensionless with any sign (module :mod:`chaoticdot.perturbation_model`). When
the spins decouple, i.e. ``a = 0`` and the Zeeman field is zero or along ``+-z``, the cooperon
and diffuson are diagonal in the product basis ``|s s'>``, ``s, s' = +-1``:

    D_{ss'}^-1 = N0 + (x1 - x2 + (s - s') x_so)^2 / 2 + (1 - s s') zeeman_so^2 + i (s b1 - s' b2),
    C_{ss'}^-1 = N0 + (x1 + x2 + (s + s') x_so)^2 / 2 + (1 - s s') zeeman_so^2 + i (s b1 - s' b2),

``N0 = N + nphi - i de``, so that

    <dG> = -(N1 N2 / N) [1/(N + nphi + 2(x + x_so)^2) + 1/(N + nphi + 2(x - x_so)^2)],
    cov  = (N1 N2 / N)^2 sum_{s, s'} (|D_{ss'}|^2 + |C_{ss'}|^2),

each term thermally smeared at ``kT > 0``. Otherwise the moments come from the general route
(:mod:`chaoticdot.theory.kernels`). The covariance versus ``x1 - x2`` shows the
magnetic-field echo: besides the central diffuson peak (``s = s'``) the two spin-flip pairs
give side peaks of half its height at ``x1 - x2 = +-2 x_so``.
"""

from __future__ import annotations

import numpy as np

from .._arrays import as_output
from .._signatures import bind_parameters, shares_parameters
from .._validation import check_direction
from ..perturbation_model import check_term
from ._common import (
    channel_factor,
    covariance_args,
    field_param,
    finite_param,
    nonneg_param,
)
from .kernels import conductance_covariance_general, wl_correction_general
from .temperature import thermal_frobenius2

__all__ = [
    "mean_conductance",
    "wl_correction",
    "conductance_covariance",
    "conductance_variance",
    "cooperon_trace",
]


def cooperon_trace(n_c, a, b, b_direction=(1.0, 0.0, 0.0)):
    """``Tr[C P_swap]``, the bracket of Eq. (13), for any Zeeman direction.

    Parameters
    ----------
    n_c : float or array_like
        ``N_C = N + 2 x^2 + nphi`` (real, > 0).
    a : float or array_like
        Spin-orbit strength (>= 0, ``inf`` allowed).
    b : float or array_like
        Zeeman field magnitude (finite).
    b_direction : sequence of 3 float
        Field direction (normalised internally).

    Returns
    -------
    ndarray
        ``1/(N_C + 2a^2) + 1/(N_C + 4a^2) - 2a^2 / (N_C (N_C + 2a^2) + 4 b^2)`` for an
        in-plane field (Eq. 13), the general form of the module docstring otherwise.
    """
    n_c = nonneg_param(n_c, "n_c")
    if np.any(n_c == 0):
        raise ValueError(f"n_c must lie in (0, inf), got {n_c!r}")
    a = nonneg_param(a, "a", allow_inf=True)
    b = finite_param(b, "b")
    return as_output(_cooperon_trace(n_c, a, b, check_direction(b_direction)))


def _cooperon_trace(n_c, a, b, b_direction):
    """:func:`cooperon_trace` for validated arguments (unit ``b_direction``)."""
    a_inf = np.isinf(a)
    a2 = np.where(a_inf, np.inf, np.square(np.where(a_inf, 0.0, a)))
    r1 = 1.0 / (n_c + 2.0 * a2)  # 0 at a = inf
    r2 = 1.0 / (n_c + 4.0 * a2)
    b2 = 4.0 * np.square(b)
    nz2 = float(b_direction[2]) ** 2
    if nz2 == 0.0:
        # Eq. (13) with 2a^2 / (N_C (N_C + 2a^2) + 4b^2) = (2a^2 r1) / (N_C + 4 b^2 r1).
        two_a2_r1 = np.where(a_inf, 1.0, 2.0 * np.where(a_inf, 0.0, a2) * r1)
        return r1 + r2 - two_a2_r1 / (n_c + b2 * r1)
    s = (1.0 - nz2) * r1 + nz2 * r2
    t = (1.0 - nz2) * r1 * r1 + nz2 * r2 * r2
    return 2.0 * r1 + r2 - (1.0 + b2 * t) / (n_c + b2 * s)


def wl_correction(
    N1,
    N2,
    *,
    x=0.0,
    a=0.0,
    b=0.0,
    nphi=0.0,
    b_direction=(1.0, 0.0, 0.0),
    kT=0.0,
    x_so=0.0,
    zeeman_so=0.0,
):
    """Weak-localization correction ``<dG> = <G> - 2 N1 N2 / N`` (Eq. 13).

    ``<dG> = -(N1 N2 / N) [1/(N_C + 2a^2) + 1/(N_C + 4a^2) - 2a^2/(N_C(N_C + 2a^2) + 4b^2)]``
    with ``N_C = N + 2x^2 + nphi`` (in-plane field; any direction: module docstring).

    Parameters
    ----------
    N1, N2 : int or array_like of int
        Channel numbers of the point contacts (>= 1).
    x : float or array_like
        Perpendicular field (dimensionless); ``+-inf`` is the broken time-reversal limit.
    a : float or array_like
        Spin-orbit strength, ``a^2 = 2 pi hbar / tau_so Delta`` (>= 0; ``numpy.inf`` allowed).
    b : float or array_like
        Zeeman field ``pi g mu_B B / Delta``.
    nphi : float or array_like
        Dephasing rate ``2 pi hbar / tau_phi Delta`` (>= 0).
    b_direction : sequence of 3 floats
        Direction of the Zeeman field (normalised internally; default in-plane along x).
    kT : float or array_like
        ``k_B T / Delta`` (>= 0). Validated and broadcast, but without effect: the average
        conductance is temperature independent at this order (appendix "Dephasing and temperature";
        temperature enters
        only through ``nphi``). Accepted so that one parameter set fits all functions.
    x_so : float or array_like
        Spin flux (same units as ``x``, any sign; module docstring).
    zeeman_so : float or array_like
        Zeeman x spin-orbit cross term (dimensionless, any sign; drops out of ``<dG>`` when
        the spins decouple).

    Returns
    -------
    float or ndarray
        ``<dG>`` in units of ``e^2/h`` (spin included).
    """
    n, pref = channel_factor(N1, N2)
    x = field_param(x, "x")
    a = nonneg_param(a, "a", allow_inf=True)
    b = finite_param(b, "b")
    nphi = nonneg_param(nphi, "nphi")
    kT = nonneg_param(kT, "kT")
    direction = check_direction(b_direction)
    x_so, zeeman_so = check_term("x_so", x_so), finite_param(zeeman_so, "zeeman_so")
    if not (np.any(x_so) or np.any(zeeman_so)):
        trace = _cooperon_trace(n + nphi + 2.0 * x * x, a, b, direction)
        trace = _broadcast(trace, x_so, zeeman_so)
    elif _spins_decouple(a, (b,), direction):
        # Spin up and down are independent dots at the fields x +- x_so (module docstring).
        trace = 1.0 / (n + nphi + 2.0 * (x + x_so) ** 2) + 1.0 / (n + nphi + 2.0 * (x - x_so) ** 2)
        trace = _broadcast(trace, zeeman_so, a, b)
    else:
        dg = wl_correction_general(
            N1,
            N2,
            x=x,
            so_axes=(a, a, np.zeros_like(a)),
            b_vec=[b * d for d in direction],
            nphi=nphi,
            x_so=x_so,
            zeeman_so=zeeman_so,
        )
        return as_output(dg + np.zeros_like(kT))
    return as_output(-pref * trace + np.zeros_like(kT))


def _broadcast(value, *arrays):
    """``value`` broadcast to the shape of the parameters that did not enter its formula."""
    shape = np.broadcast_shapes(np.shape(value), *(np.shape(a) for a in arrays))
    return np.broadcast_to(value, shape).copy()


def _spins_decouple(a, fields, direction) -> bool:
    """``a = 0`` and every Zeeman field zero or along ``+-z``: ``S_z`` is conserved."""
    along_z = direction[0] == 0.0 and direction[1] == 0.0
    return not np.any(a) and (along_z or not any(np.any(b) for b in fields))


@shares_parameters(wl_correction)
def mean_conductance(N1, N2, **parameters):
    """Ensemble-averaged conductance ``<G>``, Eq. (13), in units of ``e^2/h``.

    ``<G> = 2 N1 N2 / N + <dG>``; the parameters (including the spin flux ``x_so`` and the
    cross term ``zeeman_so``) are those of :func:`wl_correction`, whose signature this
    function reports. The average does not depend on temperature at this order (appendix
    "Dephasing and temperature"): ``kT`` is validated, not used.
    """
    p = bind_parameters(mean_conductance, N1, N2, **parameters)
    n, pref = channel_factor(N1, N2)
    return as_output(2.0 * pref + wl_correction(**p))


def _block_norm2(p, r, g):
    """``||K^-1||_F^2`` for ``K = [[p, i g], [i g, r]]`` (g real), scaled against overflow.

    ``= (|p|^2 + |r|^2 + 2 g^2) / |p r + g^2|^2``: the form of the two terms of F_D in
    Eq. (14) (``|N_D|^2 + |N_D + 2a^2|^2 = 2|N_D + a^2|^2 + 2a^4`` etc.).
    """
    s = np.maximum(np.maximum(np.abs(p), np.abs(r)), np.abs(g))
    p, r, g = p / s, r / s, g / s
    num = np.abs(p) ** 2 + np.abs(r) ** 2 + 2.0 * g * g
    return (np.sqrt(num) / (s * np.abs(p * r + g * g))) ** 2


def _blocks(n_x, a2, b_minus, b_plus):
    """The two 2x2 blocks of Eq. (14) (appendix "Singlet and triplets") as matrices for the thermal
    route."""
    k1 = np.stack(np.broadcast_arrays(n_x, -1j * b_minus, -1j * b_minus, n_x + 2 * a2), -1)
    k2 = np.stack(np.broadcast_arrays(n_x + 2 * a2, 1j * b_plus, 1j * b_plus, n_x + 4 * a2), -1)
    return k1.reshape(k1.shape[:-1] + (2, 2)), k2.reshape(k2.shape[:-1] + (2, 2))


def _f_term(n_x, a, b_minus, b_plus, kT):
    """``F_D`` of Eq. (14) (``F_C`` with ``N_D -> N_C``, ``b' -> -b'``), thermally smeared.

    ``F = ||K1^-1||_F^2 + ||K2^-1||_F^2`` with ``K1 = [[N, -i(b-b')], [-i(b-b'), N + 2a^2]]``,
    ``K2 = [[N + 2a^2, i(b+b')], [i(b+b'), N + 4a^2]]``. At ``a = inf`` only the singlet
    entry of K1 survives: ``F = 1/|N|^2``.
    """
    a_inf = np.isinf(a)
    a2 = np.square(np.where(a_inf, 0.0, a))
    finite = _block_norm2(n_x, n_x + 2 * a2, b_minus) + _block_norm2(
        n_x + 2 * a2, n_x + 4 * a2, b_plus
    )
    zero_t = np.where(a_inf, (1.0 / np.abs(n_x)) ** 2, finite)
    if kT is None:
        return zero_t
    k1, k2 = _blocks(n_x, a2, b_minus, b_plus)
    keep_triplet = ~a_inf
    keep1 = np.stack(np.broadcast_arrays(np.ones_like(keep_triplet), keep_triplet), -1)
    keep2 = np.stack(np.broadcast_arrays(keep_triplet, keep_triplet), -1)
    thermal = thermal_frobenius2(k1, kT, keep1) + thermal_frobenius2(k2, kT, keep2)
    return np.where(kT == 0, zero_t, thermal)  # kT = 0 is exactly the closed form


def conductance_covariance(
    N1,
    N2,
    *,
    x1=0.0,
    x2=0.0,
    a=0.0,
    b1=0.0,
    b2=0.0,
    de=0.0,
    nphi=0.0,
    kT=0.0,
    b_direction=(1.0, 0.0, 0.0),
    x_so=0.0,
    zeeman_so=0.0,
):
    """Conductance covariance ``cov[G(eps, x1, b1), G(eps', x2, b2)]``, Eq. (14).

    ``cov = (N1 N2 / N)^2 (F_D + F_C)`` with F_D of Eq. (14) at
    ``N_D = N + nphi - i de + (x1 - x2)^2 / 2`` and ``F_C = F_D(x2 -> -x2, b2 -> -b2,
    N_D -> N_C)``, ``N_C = N + nphi - i de + (x1 + x2)^2 / 2`` (Eqs. 11-12). At ``kT > 0`` both
    conductances are energy averages with Fermi-function derivatives: the zero-temperature
    covariance is integrated against the kernel ``K_T`` over the energy difference
    (:mod:`chaoticdot.theory.temperature`, exact evaluation).

    Parameters
    ----------
    N1, N2 : int or array_like of int
        Channel numbers (>= 1).
    x1, x2 : float or array_like
        Perpendicular fields of the two conductances (``+-inf`` allowed: ``x1 = x2 = inf``
        keeps the diffuson at ``N_D = N``, ``x1 = -x2 = inf`` the cooperon at ``N_C = N``).
    a : float or array_like
        Spin-orbit strength (>= 0, ``inf`` allowed), common to both.
    b1, b2 : float or array_like
        Zeeman field magnitudes (signed, along ``b_direction``).
    de : float or array_like
        ``2 pi (eps - eps') / Delta``.
    nphi : float or array_like
        Dephasing rate (>= 0).
    kT : float or array_like
        ``k_B T / Delta`` (>= 0).
    b_direction : sequence of 3 floats
        Direction of both Zeeman fields (normalised internally).
    x_so, zeeman_so : float or array_like
        Spin flux (units of ``x``) and Zeeman x spin-orbit cross term (dimensionless), any
        sign, common to both conductances. With ``a = 0`` and the field zero or along
        ``+-z`` the closed form of the module docstring applies, otherwise the general route.

    Returns
    -------
    float or ndarray
        Covariance in units of ``(e^2/h)^2``.
    """
    n, pref, x1, x2, de, nphi, kT = covariance_args(N1, N2, x1, x2, de, nphi, kT)
    a = nonneg_param(a, "a", allow_inf=True)
    b1, b2 = finite_param(b1, "b1"), finite_param(b2, "b2")
    direction = check_direction(b_direction)
    x_so, zeeman_so = check_term("x_so", x_so), finite_param(zeeman_so, "zeeman_so")
    spin_terms = bool(np.any(x_so) or np.any(zeeman_so))
    if spin_terms and _spins_decouple(a, (b1, b2), direction):
        thermal = kT if np.any(kT > 0) else None
        bz1, bz2 = b1 * direction[2], b2 * direction[2]
        common = n + nphi - 1j * de
        pairs = _spin_pairs(common, x1, x2, x_so, zeeman_so, bz1, bz2)
        return as_output(_broadcast(pref**2 * _sum_inverse_squares(pairs, thermal), a, kT))
    if spin_terms or direction[2] != 0.0:
        return conductance_covariance_general(
            N1,
            N2,
            x1=x1,
            x2=x2,
            so_axes=(a, a, np.zeros_like(a)),
            b1_vec=[b1 * d for d in direction],
            b2_vec=[b2 * d for d in direction],
            de=de,
            nphi=nphi,
            kT=kT,
            x_so=x_so,
            zeeman_so=zeeman_so,
        )
    thermal = kT if np.any(kT > 0) else None
    common = n + nphi - 1j * de
    f_d = _f_term(common + 0.5 * (x1 - x2) ** 2, a, b1 - b2, b1 + b2, thermal)
    f_c = _f_term(common + 0.5 * (x1 + x2) ** 2, a, b1 + b2, b1 - b2, thermal)
    return as_output(_broadcast(pref**2 * (f_d + f_c), x_so, zeeman_so))


def _spin_pairs(common, x1, x2, x_so, zeeman_so, bz1, bz2):
    """The eight decoupled rates ``D_{ss'}^-1, C_{ss'}^-1`` of the module docstring, last axis."""
    out = []
    for s in (1.0, -1.0):
        for sp in (1.0, -1.0):
            rest = common + (1.0 - s * sp) * zeeman_so**2 + 1j * (s * bz1 - sp * bz2)
            out.append(rest + 0.5 * (x1 - x2 + (s - sp) * x_so) ** 2)
            out.append(rest + 0.5 * (x1 + x2 + (s + sp) * x_so) ** 2)
    return np.stack(np.broadcast_arrays(*out), axis=-1)


def _sum_inverse_squares(z, kT):
    """``sum_k 1/|z_k|^2`` over the last axis, thermally averaged where ``kT > 0``."""
    zero_t = np.sum((1.0 / np.abs(z)) ** 2, axis=-1)
    if kT is None:
        return zero_t
    kT_k = np.asarray(kT)[..., None]
    thermal = np.sum(thermal_frobenius2(z[..., None, None], kT_k), axis=-1)
    return np.where(kT == 0, zero_t, thermal)


@shares_parameters(wl_correction)
def conductance_variance(N1, N2, **parameters):
    """Conductance variance ``var G``, Eq. (14) at equal arguments, in ``(e^2/h)^2``.

    The parameters are those of :func:`wl_correction` (this function reports its signature);
    the result is :func:`conductance_covariance` with ``x1 = x2 = x``, ``b1 = b2 = b`` and
    ``de = 0`` (and the same ``x_so``, ``zeeman_so``); at ``kT > 0`` the variance of the
    thermally averaged conductance.
    """
    p = bind_parameters(conductance_variance, N1, N2, **parameters)
    x, b = p.pop("x"), p.pop("b")
    return conductance_covariance(x1=x, x2=x, b1=b, b2=b, **p)
