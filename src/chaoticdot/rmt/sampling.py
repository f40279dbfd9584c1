"""Monte-Carlo sampling of the conductance of the stub model, Eqs. (4)-(7).

Public functions: :func:`sample_conductance` (many realizations, many parameter points,
parallel and bit-reproducible) and :func:`scattering_matrix` (one realization, full ``S``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from .._signatures import bind_parameters, shares_parameters
from .._validation import (
    check_bool,
    check_channels,
    check_choice,
    check_direction,
    check_finite,
    check_nonnegative,
    check_not_nan,
    check_positive_int,
    check_rng,
)
from ..parallel import check_executor, default_workers, run_chunks, spawn_seeds
from .cost import (
    STACK_ELEMENTS,
    CostEstimate,
    cost_limits,
    cost_refusal,
    flops_per_realization,
    run_cost,
)
from .haar import coe_matrix, cse_matrix, haar_unitary
from .model_terms import merge_terms, shares_field_matrix
from .stub import (
    StubPoint,
    conductance_from_unitary,
    ensemble_of_point,
    inverse_r,
    schur_scattering_matrix,
    spin_full_point,
    time_reversed,
)
from .thermal import thermal_quadrature

__all__ = ["sample_conductance", "scattering_matrix", "choose_M", "M_RULE", "estimate_cost"]

#: Coefficients of the accuracy rule for ``M = None`` (see :func:`choose_M`).
M_RULE = {
    "N": 10.0,
    "a2": 30.0,
    "x2": 20.0,
    "b": 10.0,
    "energy": 10.0,
    "nphi": 10.0,
    "kT": 80.0 * math.pi,
}

# Floating-point operations per chunk (deterministic chunking, ~0.1-0.3 s on one core).
_CHUNK_FLOPS = 6e9


def choose_M(N: int, x, a, b, nphi, energy, kT=0.0, *, x_so=0.0, zeeman_so=0.0) -> int:
    """Stub size ``M`` from the accuracy rule used when ``M=None``.

    ``M = ceil(max(10 N, 30 a^2, 20 (|x| + |x_so|)^2, 30 zeeman_so^2, 10 |b|,
    10 (max energy - min energy), 10 nphi, 80 pi kT))``
    over all requested parameter points (``a = inf`` and ``x = +-inf`` points do not constrain
    ``M``: they are sampled from the circular symplectic or unitary ensemble). The exponent
    of ``R`` per passage through the stub then has eigenvalues ``2x/sqrt(M) <~ 0.45``,
    ``2a/sqrt(M) <~ 0.37``, ``b/M <~ 0.1`` (Brouwer, Frahm & Beenakker, Waves Random Media 9,
    91 (1999): the stub model converges when each passage is a small perturbation).
    The spin flux shares the matrix ``X`` with ``x``: the spin sectors see ``x +- x_so``, so
    the eigenvalues of the ``X`` group scale with ``|x| + |x_so|``, which replaces ``|x|``.
    The cross term ``zeeman_so`` is, like ``a``, a rate-normalised term on its own matrix
    (``Y``) and gets the rule of ``a``. Terms of :mod:`chaoticdot.perturbation_model` without
    a keyword here follow the same two cases (on ``X``: added to ``|x|``; otherwise like
    ``a``).

    Measured accuracy (``benchmarks/m_rule_accuracy.py``: the finite-M Gaussian kernel of
    :mod:`chaoticdot.rmt.kernels`, evaluated exactly for the actual ``R``, versus its
    ``M -> infinity`` limit Eq. 13, for ``N = 2, 4, 8``, ``a^2/N`` in ``{0, 0.5, 2}``,
    ``x^2/N`` in ``{0, 1, 4}``, ``b/N`` in ``{0, 1}``): the finite-``M`` error of ``<dG>`` is at
    most 1.5 % of ``(e^2/h) N1 N2 / N`` (the scale of ``<dG>``; worst at ``N = 2``), at most
    0.7 % for ``N >= 4``, i.e. about 2 % of the change of ``<dG>`` caused by ``a``, ``x`` or
    ``b`` (finite ``M`` slightly *reduces* every perturbation; for spin-orbit coupling the
    relative reduction is ``~0.6 a^2 / M``). Pass a larger ``M`` for higher accuracy.

    Parameters
    ----------
    N : int
        Total number of channels ``N1 + N2``.
    x, a, b, nphi, energy : array_like
        Broadcast parameter arrays (dimensionless paper units).
    x_so, zeeman_so : array_like, optional
        Spin flux and Zeeman x spin-orbit cross term (finite, any sign).
    kT : array_like, optional
        Temperature ``k_B T / Delta``. The thermal kernel of the energy difference has the
        scale ``4 pi kT`` (:mod:`chaoticdot.theory.temperature`) and most of its weight within
        ``|de| < 8 pi kT``; the rule keeps that window ten times below ``M``, as for an
        explicit energy spread.

    Returns
    -------
    int
    """
    N = check_positive_int(N, "N")
    x = check_not_nan(x, "x")
    a = check_nonnegative(a, "a", allow_inf=True)
    b = check_finite(b, "b")
    nphi = check_nonnegative(nphi, "nphi")
    energy = check_finite(energy, "energy")
    kT = check_nonnegative(kT, "kT")
    extra = {"x_so": check_finite(x_so, "x_so"), "zeeman_so": check_finite(zeeman_so, "zeeman_so")}
    m, driver = _m_rule(N, x, a, b, nphi, energy, kT, extra)
    if m > _M_REPRESENTABLE:
        raise ValueError(
            f"the M rule gives M = {m:.3g} (set by {driver}), beyond any computer; "
            + (
                f"use {driver}=numpy.inf for the exact limit"
                if driver in ("x", "a")
                else f"reduce {driver}"
            )
        )
    return int(math.ceil(m))


# Beyond this the M rule's value is no longer a usable matrix size (and may not fit an int).
_M_REPRESENTABLE = 1e12


def _m_rule(N: int, x, a, b, nphi, energy, kT=0.0, extra=None) -> tuple[float, str]:
    """``(M, driver)``: the rule of :func:`choose_M` in floating point, and the parameter that
    sets it (``"N1 + N2"``, ``"a"``, ``"x"`` (``"x + x_so"`` with a spin flux), ``"b"``,
    ``"energy"``, ``"nphi"``, ``"kT"`` or the name of another term)."""
    extra = {} if extra is None else extra
    with np.errstate(over="ignore", invalid="ignore"):
        a = np.asarray(a, dtype=float)
        a_fin = a[np.isfinite(a)]
        a2 = float(np.max(a_fin**2)) if a_fin.size else 0.0
        x = np.asarray(x, dtype=float)
        on_x = [n for n, v in extra.items() if shares_field_matrix(n) and np.any(v != 0)]
        x_driver = " + ".join(["x", *on_x])
        x_group = np.abs(x) + sum((np.abs(extra[n]) for n in on_x), np.zeros(()))
        # x = +-inf drops the whole X group (circular unitary ensemble): no constraint.
        x_group = x_group[np.isfinite(np.broadcast_to(x, x_group.shape))]
        x2 = float(np.max(x_group**2)) if x_group.size else 0.0
        own = {
            n: float(np.max(np.asarray(v, dtype=float) ** 2)) if np.size(v) else 0.0
            for n, v in extra.items()
            if not shares_field_matrix(n)
        }
        bmax = float(np.max(np.abs(b)))
        e = np.asarray(energy, dtype=float)
        espread = float(np.max(e) - np.min(e))
        nph = float(np.max(nphi))
        r = M_RULE
        terms = {
            "N1 + N2": max(r["N"] * N, N + 1),
            "a": r["a2"] * a2,
            x_driver: r["x2"] * x2,
            **{n: r["a2"] * v2 for n, v2 in own.items()},
            "b": r["b"] * bmax,
            "energy": r["energy"] * espread,
            "nphi": r["nphi"] * nph,
            "kT": r["kT"] * float(np.max(kT)),
        }
    driver = max(terms, key=terms.get)
    return terms[driver], driver


def _check_M(M, N: int, perturbed: bool = False) -> int:
    M = check_positive_int(M, "M")
    if M < N + 1:
        raise ValueError(f"M must be an integer >= N1 + N2 + 1 = {N + 1}, got {M!r}")
    if perturbed and M < N + 4:
        raise ValueError(
            f"M must be an integer >= N1 + N2 + 4 = {N + 4} when x or a spin-orbit term is "
            f"non-zero (independent perturbation matrices), got {M!r}"
        )
    return M


# With an explicit M, parameters whose M rule asks for more than this factor times M are
# refused: the stub is then far outside its range (and R^{-1} may overflow to NaN).
_EXPLICIT_M_SLACK = 1e4


def _check_explicit_M(M: int, N: int, x, a, b, nphi, energy, kT=0.0, extra=None) -> None:
    """Refuse an explicit ``M`` that is hopeless for the requested parameters."""
    need, driver = _m_rule(N, x, a, b, nphi, energy, kT, extra)
    if need > _EXPLICIT_M_SLACK * M:
        advice = f"use {driver}=numpy.inf for the exact limit, or " if driver in ("x", "a") else ""
        raise ValueError(
            f"{driver} is far too large for M = {M}: the M rule asks for M >= {need:.3g} "
            f"(more than {_EXPLICIT_M_SLACK:.0e} times the given M); {advice}pass a larger M "
            "or M=None"
        )
    # |R| = exp(-nphi / 2(M - N)) per passage: beyond ~e^-300 R^{-1} overflows.
    if np.max(nphi) > 600.0 * (M - N):
        raise ValueError(
            f"nphi must be <= 600 (M - N) = {600.0 * (M - N):.6g} for M = {M} (absorption per "
            f"passage beyond the floating-point range), got max nphi = {np.max(nphi)!r}"
        )


def _scalar_channels(N1, N2) -> tuple[int, int]:
    n1, n2 = check_channels(N1, N2)
    if n1.ndim or n2.ndim:
        raise ValueError("N1 and N2 must be scalar positive integers (>= 1)")
    return int(n1), int(n2)


def _so_array(a, so_axes):
    """Per-axis spin-orbit strengths, shape ``(..., 3)``, and an ``a = inf`` mask."""
    if so_axes is None:
        a = check_nonnegative(a, "a", allow_inf=True)
        so = np.stack([a, a, np.zeros_like(a)], axis=-1)
        inf = np.isinf(a)
        so = np.where(inf[..., None], 0.0, so)
        return so, inf
    if np.any(np.asarray(a) != 0):
        raise ValueError("pass either a or so_axes, not both (a must be 0 when so_axes is given)")
    so = check_nonnegative(so_axes, "so_axes")
    if so.ndim == 0 or so.shape[-1] != 3:
        raise ValueError(
            f"so_axes must have a last axis of length 3 (a_x, a_y, a_z), each in [0, inf), "
            f"got shape {so.shape}"
        )
    return so, np.zeros(so.shape[:-1], dtype=bool)


def _path_counts(points) -> tuple[set, int, int]:
    """Ensembles drawn, number of spin-full points and of spin-decoupled points."""
    ensembles = {ensemble_of_point(p) for p in points}
    # Points of the paper's model keep their historical count (one spin-orbit axis counts as
    # split even with a perpendicular field): the chunking, hence every random stream, depends
    # on it. Points with further terms are counted by the path they actually take.
    full = sum(
        1
        for p in points
        if p.a_inf or sum(s != 0 for s in p.so) > 1 or (p.terms and spin_full_point(p))
    )
    return ensembles, full, len(points) - full


def _flops_per_sample(N1, N2, M, points) -> float:
    """Rough floating-point operation count per realization (for chunking and scheduling)."""
    ensembles, full, split = _path_counts(points)
    return flops_per_realization(N1 + N2, M, ensembles, full, split)


def _chunk_sizes(samples: int, flops: float) -> list[int]:
    per_chunk = int(min(max(_CHUNK_FLOPS // max(flops, 1.0), 4), 4096))
    sizes = [per_chunk] * (samples // per_chunk)
    if samples % per_chunk:
        sizes.append(samples % per_chunk)
    return sizes


# Runs above this many nominal operations (~30 s on one core) split their first chunk into a
# ramp of small pieces, so that a progress bar moves within seconds (deterministic: depends on
# the arguments only, never on timings).
_RAMP_FLOPS = 30 * 2.5e10


def _chunk_plan(samples: int, flops: float, seed) -> list[tuple[int, object]]:
    """``(size, seed)`` of every chunk, in order.

    Chunk ``k`` uses child ``k`` of ``SeedSequence(seed).spawn``. For long runs the first chunk
    is split into pieces of 1, 1, 2, 4, ... realizations that use the children of its seed;
    every later chunk, and so most realizations, keep the streams of earlier versions.
    """
    sizes = _chunk_sizes(samples, flops)
    seeds = spawn_seeds(seed, len(sizes))
    plan = list(zip(sizes, seeds, strict=True))
    if flops * samples > _RAMP_FLOPS and sizes[0] > 2:
        pieces, left, step = [], sizes[0], 1
        while left > 0:
            pieces.append(min(step, left))
            left -= pieces[-1]
            step = step if len(pieces) == 1 else 2 * step
        plan = list(zip(pieces, seeds[0].spawn(len(pieces)), strict=True)) + plan[1:]
    return plan


def _draw(rng, ensemble: str, M: int, size, precision: str = "double") -> np.ndarray:
    if ensemble == "coe":
        return coe_matrix(rng, M, size, precision=precision)
    if ensemble == "cse":
        return cse_matrix(rng, M, size, precision=precision)
    return haar_unitary(rng, M if ensemble == "cue" else 2 * M, size, precision=precision)


# Fixed drawing order: a run without infinite x draws exactly the streams it always drew.
_ENSEMBLE_ORDER = ("coe", "cse", "cue", "cue2")


def _sample_chunk(N1, N2, M, points, n, seed_seq, thermal=None, precision="double"):
    """One chunk of realizations (runs in a worker); returns ``(n, len(points))``.

    ``thermal = (starts, weights)``: contiguous groups of points starting at ``starts`` are
    combined into their weighted sums (thermal averages, :mod:`chaoticdot.rmt.thermal`).
    """
    rng = np.random.default_rng(seed_seq)
    needed = {ensemble_of_point(p) for p in points}
    width = 2 * M if needed & {"cse", "cue2"} else M
    stack = max(1, min(n, STACK_ELEMENTS // (4 * width * width)))
    out = np.empty((n, len(points)))
    for start in range(0, n, stack):
        size = min(stack, n - start)
        mats = {e: _draw(rng, e, M, size, precision) for e in _ENSEMBLE_ORDER if e in needed}
        out[start : start + size] = conductance_from_unitary(
            N1,
            N2,
            M,
            points,
            mats.get("coe"),
            mats.get("cse"),
            u_cue=mats.get("cue"),
            u_cue2=mats.get("cue2"),
            precision=precision,
        )
    if thermal is not None:
        starts, weights = thermal
        return np.add.reduceat(out * weights, starts, axis=1)
    return out


@dataclass(frozen=True)
class _Request:
    """Validated parameters of one :func:`sample_conductance` call (before ``M`` is fixed)."""

    n1: int
    n2: int
    shape: tuple
    points: tuple
    x: np.ndarray
    a_eff: np.ndarray
    b: np.ndarray
    nphi: np.ndarray
    energy: np.ndarray
    perturbed: bool
    kT: np.ndarray
    probe: int
    thermal: tuple | None
    extra: dict

    @property
    def N(self) -> int:
        return self.n1 + self.n2


def _prepare(p: dict) -> _Request:
    """The physics parameters of a call (``p``: arguments by name) checked, as points."""
    n1, n2 = _scalar_channels(p["N1"], p["N2"])
    extra, so_axes = merge_terms(
        x_so=p["x_so"], zeeman_so=p["zeeman_so"], terms=p["terms"], a=p["a"], so_axes=p["so_axes"]
    )
    x = check_not_nan(p["x"], "x")
    b = check_finite(p["b"], "b")
    nphi = check_nonnegative(p["nphi"], "nphi")
    energy = check_finite(p["energy"], "energy")
    kT = check_nonnegative(p["kT"], "kT")
    direction = check_direction(p["b_direction"], "b_direction")
    so, inf = _so_array(p["a"], so_axes)
    dephasing = check_choice(p["dephasing"], "dephasing", ("absorbing", "probe"))
    if dephasing == "probe" and np.any(nphi != np.round(nphi)):
        raise ValueError(
            "nphi must be an integer >= 0 (orbital channels of the voltage probe) with "
            f"dephasing='probe', got {nphi!r}"
        )
    extra_shapes = [v.shape for v in extra.values()]
    try:
        shape = np.broadcast_shapes(
            x.shape, b.shape, nphi.shape, energy.shape, inf.shape, kT.shape, *extra_shapes
        )
    except ValueError:
        raise ValueError(
            f"x, a (or so_axes[..., 0]), b, nphi, energy, kT, {', '.join(extra)} must "
            f"broadcast against each other, got shapes {x.shape}, {inf.shape}, {b.shape}, "
            f"{nphi.shape}, {energy.shape}, {kT.shape}, {', '.join(map(str, extra_shapes))}"
        ) from None
    a_eff = np.where(inf, np.inf, np.max(so, axis=-1)) if inf.size else np.zeros(())
    perturbed = bool(
        np.any(np.isfinite(x) & (x != 0))
        or np.any(so != 0)
        or any(np.any(v != 0) for v in extra.values())
    )
    probe = dephasing == "probe"
    flat = {
        "x": np.broadcast_to(x, shape).ravel(),
        "b": np.broadcast_to(b, shape).ravel(),
        "nphi": np.broadcast_to(nphi, shape).ravel(),
        "energy": np.broadcast_to(energy, shape).ravel(),
        "kT": np.broadcast_to(kT, shape).ravel(),
        "inf": np.broadcast_to(inf, shape).ravel(),
    }
    sos = np.broadcast_to(so, (*shape, 3)).reshape(-1, 3)
    extra_flat = {n: np.broadcast_to(v, shape).ravel() for n, v in extra.items()}
    points, starts, weights = [], [], []
    for i in range(flat["x"].size):
        xi, ni = flat["x"][i], flat["nphi"][i]
        if flat["kT"][i] > 0:
            offsets, w = thermal_quadrature(n1, n2, flat["kT"][i])
        else:
            offsets, w = np.zeros(1), np.ones(1)
        starts.append(len(points))
        weights.extend(w)
        for offset in offsets:
            points.append(
                StubPoint(
                    x=float(xi) if np.isfinite(xi) else 0.0,
                    so=tuple(float(v) for v in sos[i]),
                    a_inf=bool(flat["inf"][i]),
                    bvec=tuple(float(v) for v in flat["b"][i] * direction),
                    nphi=0.0 if probe else float(ni),
                    energy=float(flat["energy"][i] + offset),
                    x_inf=0 if np.isfinite(xi) else int(np.sign(xi)),
                    probe=int(ni) if probe else 0,
                    terms=tuple((n, float(v[i])) for n, v in extra_flat.items()),
                )
            )
    thermal = None
    if len(points) > len(starts):
        thermal = (np.asarray(starts), np.asarray(weights))
    max_probe = int(np.max(nphi)) if probe and nphi.size else 0
    return _Request(
        n1,
        n2,
        shape,
        tuple(points),
        x,
        a_eff,
        b,
        nphi,
        energy,
        perturbed,
        kT,
        max_probe,
        thermal,
        extra,
    )


def _estimate(req: _Request, samples: int, M, executor) -> CostEstimate:
    executor = check_executor(executor)
    if M is None:
        m, driver = _m_rule(
            req.N + req.probe, req.x, req.a_eff, req.b, req.nphi, req.energy, req.kT, req.extra
        )
    else:
        m, driver = float(check_positive_int(M, "M")), "M"
    ensembles, full, split = _path_counts(req.points)
    cost = run_cost(req.N + req.probe, m, driver, ensembles, full, split, samples, 1)
    if isinstance(executor, str):
        workers = 1
    elif executor is None:
        parallel = cost.seconds > 2.0 and samples > 1
        workers = min(default_workers(), samples) if parallel else 1
    else:
        workers = int(getattr(executor, "_max_workers", 1) or 1)
    return replace(cost, workers=workers)


def _checked_run(p: dict):
    """Every argument of :func:`sample_conductance` checked (``p``: by name), and the cost.

    Returns ``(request, samples, cost, (memory cap GiB, time cap minutes))``; nothing of the
    size of the run is allocated.
    """
    req = _prepare(p)
    samples = check_positive_int(p["samples"], "samples")
    check_bool(p["progress"], "progress")
    check_choice(p["precision"], "precision", ("double", "single"))
    seed = p["seed"]
    if not (isinstance(seed, np.random.SeedSequence) or isinstance(seed, int | np.integer)):
        raise ValueError(f"seed must be an int >= 0 or a numpy.random.SeedSequence, got {seed!r}")
    if not isinstance(seed, np.random.SeedSequence) and seed < 0:
        raise ValueError(f"seed must be an int >= 0 or a numpy.random.SeedSequence, got {seed!r}")
    cost = _estimate(req, samples, p["M"], p["executor"])
    return req, samples, cost, cost_limits(p["max_memory_gib"], p["max_minutes"])


def sample_conductance(
    N1,
    N2,
    *,
    x=0.0,
    a=0.0,
    b=0.0,
    b_direction=(1.0, 0.0, 0.0),
    nphi=0.0,
    energy=0.0,
    samples=1000,
    M=None,
    seed=0,
    executor=None,
    progress=False,
    so_axes=None,
    max_memory_gib=None,
    max_minutes=None,
    kT=0.0,
    dephasing="absorbing",
    precision="double",
    x_so=0.0,
    zeeman_so=0.0,
    terms=None,
):
    """Monte-Carlo samples of the conductance ``G`` of the stub model, Eqs. (4)-(7).

    Each realization (one COE matrix ``U``, Eq. 5) is used for **all** parameter points
    (correlated sampling): differences and correlations along ``x``, ``b`` or ``energy`` then
    have small statistical errors.

    Parameters
    ----------
    N1, N2 : int
        Number of orbital channels in leads 1 and 2 (each carries two spin directions).
    x : array_like of float
        Perpendicular magnetic field (orbital effect), dimensionless, Eq. (7); any sign.
        ``numpy.inf`` (or ``-inf``) is the broken time-reversal limit ``x^2 >> N``, sampled
        exactly from the circular unitary ensemble (see :mod:`chaoticdot.rmt.stub`); it
        combines with every other parameter. ``-inf`` uses the time-reversed matrices of
        ``+inf``, so that ``G(+inf)`` and ``G(-inf)`` are correlated as ``G(x)``, ``G(-x)``.
    a : array_like of float
        Spin-orbit rate, ``a^2 = 2 pi hbar / (tau_so Delta)``; ``a >= 0``. ``numpy.inf`` is the
        strong spin-orbit limit, sampled exactly from the circular symplectic ensemble (the
        Zeeman field has no effect in that limit and is ignored).
    b : array_like of float
        Zeeman field ``b = pi g mu_B B / Delta`` along ``b_direction`` (finite, any sign).
    b_direction : sequence of 3 float
        Direction of the Zeeman field (normalised internally); ``(1, 0, 0)`` is in-plane as in
        Eqs. (13)-(14).
    nphi : array_like of float
        Dephasing rate ``nphi = 2 pi hbar / (tau_phi Delta) >= 0``, modelled according to
        ``dephasing`` (both equivalent to ``N -> N + nphi`` at leading order; see
        :mod:`chaoticdot.rmt.stub`).
    energy : array_like of float
        ``2 pi eps / Delta`` (Fermi energy relative to a reference).
    samples : int
        Number of realizations.
    M : int, optional
        Size of the COE matrix. ``None`` applies the accuracy rule of :func:`choose_M`
        (finite-``M`` error of ``<dG>`` below 1.5 % of ``(e^2/h) N1 N2 / N``, measured).
    seed : int or numpy.random.SeedSequence
        Root seed. Realizations are generated in chunks, each with its own child of
        ``SeedSequence(seed).spawn``; the chunking depends only on the arguments, so the
        result is bit-identical for any executor and number of workers.
    executor : None, "serial" or concurrent.futures.Executor
        ``None``: local worker processes (one BLAS thread each) when the run is long enough,
        otherwise in-process. Any executor works, including a Dask cluster through
        ``distributed.Client(address).get_executor()``.
    progress : bool
        Show a tqdm progress bar over chunks.
    so_axes : array_like of float, shape ``(..., 3)``, optional
        Per-spin-axis spin-orbit strengths ``(a_x, a_y, a_z)`` multiplying ``A1 sigma_x``,
        ``A2 sigma_y``, ``A3 sigma_z``; replaces ``a`` (the paper's model is
        ``(a, a, 0)``). Leading dimensions broadcast with the other parameters. Theory
        counterpart: ``chaoticdot.theory.wl_correction_general``.
    kT : array_like of float
        Temperature ``k_B T / Delta >= 0``. At ``kT > 0`` each sample is the thermal average
        ``int d eps (-f') G(eps)`` around ``energy``, evaluated on the same realization at the
        energies of :func:`chaoticdot.rmt.thermal.thermal_quadrature` (correlated energies;
        ``<G>`` is unchanged, the fluctuations are reduced as in
        :func:`chaoticdot.theory.conductance_variance` with ``kT``).
    dephasing : {"absorbing", "probe"}
        ``"absorbing"``: uniform absorption (imaginary potential) in the stub, any real
        ``nphi``. ``"probe"``: a true voltage probe (Buttiker), a third lead of ``nphi``
        orbital channels (integer) with current reinjection; it needs ``M >= N1 + N2 + nphi
        + 1``.
    max_memory_gib, max_minutes : float, optional
        Caps on the estimated peak memory (GiB) and wall time (minutes) of this call; a run
        above either is refused before anything is allocated (:func:`estimate_cost`).
        ``None`` takes ``chaoticdot.rmt.COST_LIMITS`` (2 GiB and 10 minutes unless changed);
        ``numpy.inf`` disables a cap.
    precision : {"double", "single"}
        Arithmetic of the random matrices and of the Schur complement (LU factorisation, the
        dominant cost, and products); ``G`` is always returned in double precision.
        ``"single"`` (``complex64``) is about 1.2-1.5 times faster for ``2(M - N) >= 140``;
        its error of ``G``, below ``1e-5 e^2/h`` per realization at ``M = 8 N`` and without
        measurable bias, is thousands of times below the sampling error of any feasible run
        (``tests/test_rmt_single_precision.py``). The random variates do not depend on it:
        both precisions evaluate the same realizations.
    x_so : array_like of float
        Spin flux of uniform spin-orbit coupling (dimensionless, same units as ``x``, any
        sign): spin up along ``z`` sees the field ``x + x_so``, spin down ``x - x_so``
        (Aleiner & Fal'ko, PRL 87, 256801 (2001); paper Eq. 2). It shares the matrix ``X``
        with ``x`` and drops out with it at ``x = +-inf``.
    zeeman_so : array_like of float
        Zeeman x spin-orbit cross term (dimensionless, rate-normalised like ``a``, any sign):
        ``zeeman_so Y (x) sigma_z`` with a real symmetric ``Y`` (Cremers, Brouwer & Fal'ko,
        PRB 68, 125329 (2003)); it breaks time reversal.
    terms : mapping, optional
        Strengths of further terms of :mod:`chaoticdot.perturbation_model` by name (arrays
        broadcast like ``x``); names with a keyword here (``x``, ``x_so``, ``zeeman_so``) are
        refused, ``a_x, a_y, a_z`` replace ``so_axes``. Every term combines with ``a``,
        ``so_axes``, ``b`` (any direction), ``nphi``, ``energy`` and ``kT``; the spin-decoupled
        path is used whenever all spin matrices commute.

    Returns
    -------
    ndarray, shape ``(samples, *broadcast_shape)``
        ``G`` in units of ``e^2 / h`` (spin summed). Broadcast shape of
        ``x, a, b, nphi, energy`` (and ``so_axes[..., 0]``).

    Raises
    ------
    ValueError
        For channel numbers that are not positive integers, negative or NaN ``a``/``nphi``,
        NaN ``x``, non-finite ``b``/``energy``, a bad ``b_direction``, ``samples < 1``,
        ``M < N1 + N2 + 1``, or an estimated cost above ``max_memory_gib`` / ``max_minutes``
        (the message names the parameter that sets ``M`` and suggests the exact limit
        ``x = inf`` or ``a = inf``, or an explicit ``M``).

    Notes
    -----
    Cost per realization and point: one LU decomposition of size ``2(M - N)``
    (``M - N`` on the spin-decoupled path, ``a = 0`` or one spin-orbit axis parallel to the
    field). Memory is ``O(batch x M^2)`` per worker.
    """
    # All parameters by name: the one list that estimate_cost shares.
    req, samples, cost, limits = _checked_run(dict(locals()))
    refusal = cost_refusal(cost, *limits)
    if refusal is not None:
        raise ValueError(refusal)
    explicit = M is not None
    M = int(math.ceil(cost.M)) if M is None else M
    M = _check_M(M, req.N + req.probe, req.perturbed)
    if explicit:
        _check_explicit_M(
            M, req.N + req.probe, req.x, req.a_eff, req.b, req.nphi, req.energy, req.kT, req.extra
        )
    n1, n2, shape, points = req.n1, req.n2, req.shape, req.points
    flops = _flops_per_sample(n1, n2, M, points)
    plan = _chunk_plan(samples, flops, seed)
    args = [(n1, n2, M, points, n, s, req.thermal, precision) for n, s in plan]
    results = run_chunks(
        _sample_chunk,
        args,
        executor=executor,
        work_estimate=flops * samples / 2.5e10,
        progress=bool(progress),
        desc="stub model",
        chunk_work=[n for n, _ in plan],
        seconds_estimate=cost.seconds,
    )
    return np.concatenate(results, axis=0).reshape(samples, *shape)


@shares_parameters(sample_conductance, returns=CostEstimate)
def estimate_cost(N1, N2, **arguments) -> CostEstimate:
    """Estimated cost of :func:`sample_conductance` with the same arguments, computed at once.

    Takes every argument of :func:`sample_conductance` (this function reports its signature)
    and checks them all as it does, so that ``estimate_cost(**kw)`` tells before the run what
    ``sample_conductance(**kw)`` will cost. Nothing of the size of the run is allocated. The
    seconds come from the rate of the engine's kernel measured on this machine
    (:func:`chaoticdot.rmt.cost.machine_rate`, one calibration of about 0.1 s per process);
    the estimate is good to a factor of about two. The caps ``max_memory_gib`` and
    ``max_minutes`` are checked but not applied: the estimate is returned whatever it is.

    Returns
    -------
    CostEstimate
        ``M`` and the parameter ``driver`` that sets it, peak ``memory_bytes``,
        ``seconds_per_realization`` (one core) and the wall time ``seconds``.
    """
    _, _, cost, _ = _checked_run(bind_parameters(estimate_cost, N1, N2, **arguments))
    return cost


def scattering_matrix(
    N1,
    N2,
    *,
    x=0.0,
    a=0.0,
    b=0.0,
    nphi=0.0,
    energy=0.0,
    M,
    rng,
    b_direction=(1.0, 0.0, 0.0),
    so_axes=None,
    x_so=0.0,
    zeeman_so=0.0,
    terms=None,
):
    """One realization of the ``2N x 2N`` scattering matrix of the stub model, Eq. (5).

    Always evaluated with the spin-full Schur complement (no spin-decoupling shortcut), so it
    is an independent check of the fast path in :func:`sample_conductance`.

    Parameters
    ----------
    N1, N2 : int
        Orbital channels of leads 1 and 2.
    x, a, b, nphi, energy : float
        Scalars in the units of :func:`sample_conductance`; ``a = inf`` draws ``U`` from the
        circular symplectic ensemble.
    M : int
        Size of the COE matrix (``M >= N1 + N2 + 1``).
    rng : numpy.random.Generator or int
        Source of randomness (an int is used as a seed).
    b_direction : sequence of 3 float
        Direction of the Zeeman field.
    so_axes : sequence of 3 float, optional
        Per-axis spin-orbit strengths ``(a_x, a_y, a_z)`` replacing ``a``.
    x_so, zeeman_so : float
        Spin flux and Zeeman x spin-orbit cross term, as in :func:`sample_conductance`.
    terms : mapping, optional
        Further model terms by name (scalars), as in :func:`sample_conductance`.

    Returns
    -------
    ndarray, complex, shape ``(2N, 2N)``
        ``S`` with index ``2 * channel + spin`` (spin fastest, spin 0 = ``sigma_z = +1``);
        channels ``0 .. N1-1`` are lead 1, ``N1 .. N-1`` lead 2. Unitary for ``nphi = 0``,
        sub-unitary (absorption) for ``nphi > 0``. The conductance is
        ``G = 2 N1 N2 / N - tr S Lambda S^dagger Lambda`` (Eq. 4, ``e^2/h``), which equals
        ``tr t^dagger t`` with ``t = S[2 N1:, :2 N1]`` when ``S`` is unitary.
    """
    n1, n2 = _scalar_channels(N1, N2)
    N = n1 + n2
    M = _check_M(M, N)
    extra, so_axes = merge_terms(x_so=x_so, zeeman_so=zeeman_so, terms=terms, a=a, so_axes=so_axes)
    for name, arr in extra.items():
        if arr.ndim:
            raise ValueError(
                f"{name} must be a scalar for scattering_matrix, got shape {arr.shape}"
            )
    extra = {n: float(v) for n, v in extra.items()}
    vals = {}
    for name, val, check in (
        ("x", x, check_not_nan),
        ("b", b, check_finite),
        ("energy", energy, check_finite),
        ("nphi", nphi, check_nonnegative),
    ):
        arr = check(val, name)
        if arr.ndim:
            raise ValueError(
                f"{name} must be a scalar for scattering_matrix, got shape {arr.shape}"
            )
        vals[name] = float(arr)
    so, inf = _so_array(a, so_axes)
    if so.shape != (3,):
        raise ValueError("a (or so_axes) must be a scalar (a 3-vector) for scattering_matrix")
    x_finite = bool(np.isfinite(vals["x"]))
    perturbed = (x_finite and vals["x"] != 0) or np.any(so != 0) or any(extra.values())
    _check_M(M, N, perturbed=bool(perturbed))
    direction = check_direction(b_direction, "b_direction")
    rng = check_rng(rng, "rng")
    point = StubPoint(
        x=vals["x"] if x_finite else 0.0,
        so=tuple(float(v) for v in so),
        a_inf=bool(inf),
        bvec=tuple(float(v) for v in vals["b"] * direction),
        nphi=vals["nphi"],
        energy=vals["energy"],
        x_inf=0 if x_finite else int(np.sign(vals["x"])),
        terms=tuple(extra.items()),
    )
    _check_explicit_M(
        M,
        N,
        vals["x"],
        float(np.inf) if point.a_inf else float(np.max(so)),
        vals["b"],
        vals["nphi"],
        vals["energy"],
        extra=extra,
    )
    rinv = inverse_r(point, M, N)
    ensemble = ensemble_of_point(point)
    spin_full = ensemble in ("cse", "cue2")
    u = _draw(rng, ensemble, M, None)
    if point.x_inf < 0:
        u = time_reversed(u, spin_full)
    return schur_scattering_matrix(u, rinv, N, spin_full_u=spin_full)
