"""Independent construction: the Hamiltonian (Mahaux-Weidenmueller) random-matrix model.

``S(E) = 1 - 2 pi i W^T (E - H + i pi W W^T)^{-1} W`` (Beenakker, RMP 69, 731 (1997); the
equivalence with the stub model of Eq. (5), including parametric dependence, is the subject of
the paper's Ref. 21, Brouwer, Frahm and Beenakker 1999).

* ``H = H_0 (x) 1_2 + (Delta / 2 pi) H''``: ``H_0`` is an ``M_H x M_H`` GOE matrix with
  ``<H_ij^2> = (1 + delta_ij) / M_H`` (semicircle of radius 2), whose mean level spacing at the
  band centre is ``Delta = pi / M_H``; ``H'' = b n.sigma + i x X (x) 1 + i sum_k a_k A_k (x)
  sigma_k`` is Eq. (7) in the dimensionless units of the paper, with real antisymmetric
  ``X, A_k`` normalised to ``tr X X^T = M_H^2`` and mutually orthogonal, **drawn afresh for
  every realization** (the stub keeps them fixed; agreement of the two tests that choice too).
  The further terms of :mod:`chaoticdot.perturbation_model` enter the same way,
  ``Z_g (x) T_g`` per orbital matrix: the spin flux ``i x_so X (x) sigma_z`` on the same ``X``
  (Aleiner & Fal'ko, PRL 87, 256801 (2001)) and the cross term ``zeeman_so Y (x) sigma_z``
  with a fresh real symmetric traceless ``Y``, ``tr Y^2 = M_H^2`` (Cremers, Brouwer & Fal'ko,
  PRB 68, 125329 (2003)), drawn after the other matrices and only when needed (the streams of
  the paper's model are unchanged).
* ``W`` (``2 M_H x 2 N``) couples channel ``n`` to site ``n`` with ``pi w^2 = 1`` (ideal leads,
  ``<S> = 0`` at ``E = 0`` for ``M_H -> infinity``).
* Energy ``E = energy * Delta / 2 pi``; dephasing by the imaginary potential
  ``i hbar / 2 tau_phi = i nphi Delta / 4 pi`` (absorption on all sites).
* ``a = inf`` is not available here (use the stub, which samples the CSE).

The model converges to the universal limit for ``M_H >> N, x^2, a^2, |b|``. ``S`` is returned
with the index order of :func:`chaoticdot.rmt.scattering_matrix` (``2 * channel + spin``).
"""

from __future__ import annotations

import numpy as np

from .._signatures import bind_parameters, shares_parameters
from .._validation import (
    as_scalar,
    check_bool,
    check_choice,
    check_direction,
    check_finite,
    check_nonnegative,
    check_positive_int,
    check_rng,
)
from ..parallel import check_executor
from ..perturbation_model import ORBITALS, spin_term
from .cost import CostEstimate, cost_limits, cost_refusal, machine_rate
from .model_terms import merge_terms
from .sampling import sample_conductance, scattering_matrix
from .stub import PAULI, _g_lambda, _g_transmission
from .thermal import thermal_quadrature

__all__ = ["hamiltonian_scattering_matrix", "hamiltonian_conductance", "goe_matrix"]


def goe_matrix(rng: np.random.Generator, M: int) -> np.ndarray:
    """GOE matrix with ``<H_ij^2> = (1 + delta_ij) / M`` (semicircle on ``[-2, 2]``)."""
    g = rng.standard_normal((M, M))
    return (g + g.T) / np.sqrt(2.0 * M)


def _antisymmetric_set(rng: np.random.Generator, M: int, count: int) -> np.ndarray:
    mats = []
    for _ in range(count):
        g = rng.standard_normal((M, M))
        k = g - g.T
        for prev in mats:
            k = k - np.sum(k * prev) / np.sum(prev * prev) * prev
        mats.append(k)
    return np.array([k * (M / np.sqrt(np.sum(k * k))) for k in mats])


def _symmetric_traceless(rng: np.random.Generator, M: int) -> np.ndarray:
    """Real symmetric traceless matrix with ``tr Y^2 = M^2`` (semicircle spectrum)."""
    g = rng.standard_normal((M, M))
    y = g + g.T
    y = y - np.trace(y) / M * np.eye(M)
    return y * (M / np.sqrt(np.sum(y * y)))


#: Position of each antisymmetric orbital label in the set of :func:`_realization`.
_ANTISYMMETRIC = {"X": 0, "A1": 1, "A2": 2, "A3": 3}


def _realization(rng, M, labels=()):
    """One GOE matrix and fresh perturbation matrices ``{label: matrix}``.

    ``X, A1, A2, A3`` are always drawn; the further orbital labels in ``labels`` after them,
    in the order of :data:`chaoticdot.perturbation_model.ORBITALS` (``Y`` first), so that the
    streams of runs without those terms stay unchanged.
    """
    h0 = goe_matrix(rng, M)
    mats = _antisymmetric_set(rng, M, 4)
    orbitals = {label: mats[k] for label, k in _ANTISYMMETRIC.items()}
    for label, parity in ORBITALS.items():
        if label in labels and label not in orbitals:
            if parity > 0:
                orbitals[label] = _symmetric_traceless(rng, M)
            else:
                k = rng.standard_normal((M, M))
                k = k - k.T
                for prev in mats:  # independent of X, A1, A2, A3 (Frobenius-orthogonal)
                    k = k - np.sum(k * prev) / np.sum(prev * prev) * prev
                orbitals[label] = k * (M / np.sqrt(np.sum(k * k)))
    return h0, mats, orbitals


def _s_matrix(N, h0, mats, x, so, bvec, nphi, energy, extra=(), orbitals=None):
    """``S = 1 - 2 pi i W^T (E - H + i pi W W^T + i Gamma)^{-1} W`` (``2N x 2N``).

    ``extra``: ``(name, strength)`` of the model terms besides ``x`` and ``a_j``, each added as
    ``c * strength * Z (x) sigma`` with ``Z = i K`` (parity ``-1``) or the symmetric ``Y``.
    """
    M = h0.shape[0]
    delta = np.pi / M  # mean level spacing of H_0 at the band centre
    c = delta / (2 * np.pi)
    # H in the (site, spin, site, spin) layout, i.e. index 2 * site + spin after reshaping
    h4 = np.zeros((M, 2, M, 2), dtype=complex)
    orbital = h0 + (1j * c * x) * mats[0]
    h4[:, 0, :, 0] = orbital
    h4[:, 1, :, 1] = orbital
    for k in range(3):
        if so[k] != 0.0:
            h4 += (1j * c * so[k]) * mats[k + 1][:, None, :, None] * PAULI[k][None, :, None, :]
    for name, strength in extra:
        term = spin_term(name)
        z = orbitals[term.orbital] * (1j if term.parity < 0 else 1.0)
        h4 += (c * strength) * z[:, None, :, None] * term.spin_matrix[None, :, None, :]
    sites = np.arange(M)
    h4[sites, :, sites, :] += c * sum(bc * s for bc, s in zip(bvec, PAULI, strict=True))
    h = h4.reshape(2 * M, 2 * M)
    e = energy * delta / (2 * np.pi)
    gamma = nphi * delta / (4 * np.pi)  # hbar / 2 tau_phi
    w = 1.0 / np.sqrt(np.pi)  # pi w^2 = 1: ideal coupling at the band centre
    P = 2 * N
    a_mat = (e + 1j * gamma) * np.eye(2 * M) - h
    a_mat[np.arange(P), np.arange(P)] += 1j * np.pi * w**2
    rhs = np.zeros((2 * M, P), dtype=complex)
    rhs[np.arange(P), np.arange(P)] = w
    g = np.linalg.solve(a_mat, rhs)
    return np.eye(P) - 2j * np.pi * w * g[:P, :]


def _params(p: dict):
    """Parameter points of a call (``p``: arguments by name) and their broadcast shape."""
    a, so_axes = p["a"], p["so_axes"]
    extra, so_axes = merge_terms(
        x_so=p["x_so"], zeeman_so=p["zeeman_so"], terms=p["terms"], a=a, so_axes=so_axes
    )
    x = check_finite(p["x"], "x")
    b = check_finite(p["b"], "b")
    nphi = check_nonnegative(p["nphi"], "nphi")
    energy = check_finite(p["energy"], "energy")
    direction = check_direction(p["b_direction"])
    kT = check_nonnegative(p.get("kT", 0.0), "kT")
    if so_axes is None:
        a = check_nonnegative(a, "a")
        so = np.stack([a, a, np.zeros_like(a)], axis=-1)
    else:
        if np.any(np.asarray(a) != 0):
            raise ValueError("pass either a or so_axes, not both")
        so = check_nonnegative(so_axes, "so_axes")
        if so.ndim == 0 or so.shape[-1] != 3:
            raise ValueError("so_axes must have a last axis of length 3 (a_x, a_y, a_z)")
    try:
        shape = np.broadcast_shapes(
            x.shape,
            b.shape,
            nphi.shape,
            energy.shape,
            kT.shape,
            so.shape[:-1],
            *(v.shape for v in extra.values()),
        )
    except ValueError:
        raise ValueError(
            "x, a (or so_axes[..., 0]), b, nphi, energy, kT and the terms (x_so, zeeman_so, "
            "terms) must broadcast against each other"
        ) from None
    flat = {n: np.broadcast_to(v, shape).ravel() for n, v in extra.items()}
    pts = [
        (
            float(xi),
            tuple(si),
            tuple(bi * direction),
            float(ni),
            float(ei),
            tuple((n, float(v[i])) for n, v in flat.items() if v[i] != 0.0),
        )
        for i, (xi, si, bi, ni, ei) in enumerate(
            zip(
                np.broadcast_to(x, shape).ravel(),
                np.broadcast_to(so, (*shape, 3)).reshape(-1, 3),
                np.broadcast_to(b, shape).ravel(),
                np.broadcast_to(nphi, shape).ravel(),
                np.broadcast_to(energy, shape).ravel(),
                strict=True,
            )
        )
    ]
    return pts, shape, np.broadcast_to(kT, shape).ravel()


def _extra_labels(pts) -> set:
    """Orbital labels of the points' extra terms beyond ``X, A1, A2, A3`` (e.g. ``Y``)."""
    labels = {spin_term(n).orbital for p in pts for n, _ in p[5]}
    return labels - set(_ANTISYMMETRIC)


def _check_size(N1, N2, M):
    N = check_positive_int(N1, "N1") + check_positive_int(N2, "N2")
    if check_positive_int(M, "M") < N + 4:
        raise ValueError(f"M must be an integer >= N1 + N2 + 4 = {N + 4}, got {M!r}")
    return N


@shares_parameters(scattering_matrix)
def hamiltonian_scattering_matrix(N1, N2, **parameters):
    """One ``2N x 2N`` scattering matrix of the Hamiltonian model (module docstring).

    The parameters are those of :func:`chaoticdot.rmt.scattering_matrix` (this function
    reports its signature), with two differences: ``M`` is the orbital dimension ``M_H`` of
    the Hamiltonian (``>= N1 + N2 + 4``), and ``a`` (like the strengths in ``so_axes`` and
    ``terms``) must be finite.

    Returns
    -------
    ndarray, complex, ``(2N, 2N)``, index ``2 * channel + spin``.
    """
    p = bind_parameters(hamiltonian_scattering_matrix, N1, N2, **parameters)
    N = _check_size(p["N1"], p["N2"], p["M"])
    for name in ("x", "b", "nphi", "energy", "x_so", "zeeman_so"):
        as_scalar(check_finite(p[name], name), name)
    pts, shape, _ = _params(p)
    if shape != ():
        raise ValueError(
            "x, a, b, nphi, energy and the terms must be scalars for this function, got shape "
            f"{shape}"
        )
    rng = check_rng(p["rng"], "rng")
    h0, mats, orbitals = _realization(rng, int(p["M"]), _extra_labels(pts))
    return _s_matrix(N, h0, mats, *pts[0], orbitals=orbitals)


def _cost(M: int, evaluations: int, samples: int) -> CostEstimate:
    """Cost of ``samples`` realizations with ``evaluations`` solves each (Hamiltonian model).

    Memory: the complex ``2M x 2M`` Hamiltonian, the matrix to solve and its LU copy, and the
    five real ``M x M`` matrices of a realization. Time: one complex LU of size ``2M``
    (``(8/3) (2M)^3`` real operations) per solve, at the engine's measured rate.
    """
    memory = 3 * 16.0 * (2 * M) ** 2 + 5 * 8.0 * M**2
    flops = evaluations * (8.0 / 3.0) * (2.0 * M) ** 3
    return CostEstimate(M, "M", memory, flops / machine_rate(), samples, 1)


@shares_parameters(sample_conductance)
def hamiltonian_conductance(N1, N2, **arguments):
    """Conductance samples (e^2/h) of the Hamiltonian model; serial, intended for tests.

    The arguments are those of :func:`chaoticdot.rmt.sample_conductance` (this function
    reports its signature), so the two models can be called alike; one realization (``H_0``
    and the perturbation matrices) is used for all parameter points. Differences:

    * ``M`` is required: the orbital dimension ``M_H >= N1 + N2 + 4`` (no accuracy rule);
    * ``x``, ``a`` and the term strengths must be finite (no exact limits here);
    * ``dephasing`` must be ``"absorbing"`` (the imaginary potential on all sites);
    * ``seed`` may also be a ``numpy.random.Generator``; ``executor``, ``progress`` and
      ``precision`` are checked but have no effect (one process, double precision);
    * the caps ``max_memory_gib`` and ``max_minutes`` apply to this model's own estimate
      (memory of the complex ``2M x 2M`` matrices, one LU per solve at the measured rate of
      :func:`chaoticdot.rmt.cost.machine_rate`), checked before anything is allocated.

    At ``kT > 0`` each sample is the thermal average over the energies of
    :func:`chaoticdot.rmt.thermal.thermal_quadrature` on the same realization, as in the stub
    engine. ``G = tr t^dagger t`` for ``nphi = 0`` and Eq. (4) otherwise.

    Returns
    -------
    ndarray, shape ``(samples, *broadcast_shape)``
    """
    p = bind_parameters(hamiltonian_conductance, N1, N2, **arguments)
    if p["M"] is None:
        raise ValueError(
            "M must be given for the Hamiltonian model (an integer >= N1 + N2 + 4; it has no "
            "accuracy rule)"
        )
    N = _check_size(p["N1"], p["N2"], p["M"])
    n1, n2, M = int(N1), int(N2), int(p["M"])
    if check_choice(p["dephasing"], "dephasing", ("absorbing", "probe")) != "absorbing":
        raise ValueError("dephasing must be 'absorbing' for the Hamiltonian model")
    check_bool(p["progress"], "progress")
    check_choice(p["precision"], "precision", ("double", "single"))
    check_executor(p["executor"])
    samples = check_positive_int(p["samples"], "samples")
    pts, shape, temps = _params(p)
    rng = check_rng(p["seed"], "seed")
    # the energies of each point's thermal average (one energy at kT = 0)
    rules = [thermal_quadrature(n1, n2, t) if t > 0 else (np.zeros(1), np.ones(1)) for t in temps]
    limits = cost_limits(p["max_memory_gib"], p["max_minutes"])
    cost = _cost(M, sum(len(w) for _, w in rules), samples)
    refusal = cost_refusal(cost, *limits)
    if refusal is not None:
        raise ValueError(refusal)
    labels = _extra_labels(pts)
    out = np.zeros((samples, len(pts)))
    for i in range(samples):
        h0, mats, orbitals = _realization(rng, M, labels)
        for j, (point, (offsets, weights)) in enumerate(zip(pts, rules, strict=True)):
            x, so, bvec, nphi, energy, extra = point
            for offset, weight in zip(offsets, weights, strict=True):
                s = _s_matrix(N, h0, mats, x, so, bvec, nphi, energy + offset, extra, orbitals)
                if nphi > 0:
                    out[i, j] += weight * _g_lambda(s, n1, n2, 2)
                else:
                    out[i, j] += weight * _g_transmission(s[2 * n1 :, : 2 * n1])
    return out.reshape(samples, *shape)
