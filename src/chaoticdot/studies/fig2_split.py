"""Split sampling of the Fig. 2 grid: the same statistical errors for fewer core-seconds.

The stored method (:func:`chaoticdot.studies.fig2_mc.simulate_fig2`, ``method="correlated"``)
evaluates all 55 points of the grid (5 spin-orbit values x 11 fields) on every realization.
All points then need the same number of realizations, although most of the cost is in the
spin-full curves (``0 < a < inf``, one LU of size ``2(M - N)`` per point) and the ``a = inf``
curve (a ``2M x 2M`` symplectic draw), while the ``a = 0`` curve is spin-decoupled and cheap.
Here every point gets the number of realizations its own error needs:

* **Streams.** Independent streams of stub realizations (Eqs. 4-7): one with the ``a = 0``
  curve only, one per finite ``a > 0`` with that curve *and* the ``a = 0`` curve, and one with
  the ``a = inf`` (CSE) curve. Seeds: children of ``SeedSequence(seed)``, in this order.
* **Draws per field.** Within a stream, field ``j`` of the curve is evaluated on the first
  ``n_j`` draws only (nested tiers of draws, :func:`_tiers`). Near ``x = 0`` the controls
  below remove most of the noise, so those fields need a fraction of the draws of the large
  fields (at ``a = inf`` from ~1 % next to the exact point); the controls themselves (the
  ``a = 0`` curve of a finite-``a`` stream, the ``x = 0`` point of ``a = inf``) are evaluated
  on every draw. Each estimate uses the draws its field (or pair of fields) has.
* **Energies per draw.** Each random matrix is used at ``K`` energies ``2 pi (M - N) k / K``
  (``k = 0 .. K-1``). The distribution of ``G`` is exactly energy independent (the circular
  ensembles are invariant under ``U -> exp(i theta) U``, which shifts the energy), and energies
  a ``K``-th of the period apart are only weakly correlated (correlation energy ``~ N``, the
  spacing ``2 pi (M - N) / K`` is ~10 times larger; measured at ``N1 = N2 = 5`` with ``K =
  4``: correlation coefficients 0.02-0.03 on the ``a = inf`` curve and 0.06-0.09 at
  ``alpha = 1``): nearly ``K`` samples for one draw. All estimators below use the average over
  the ``K`` energies of each draw as one i.i.d. observation, so the errors are exact whatever
  the residual correlation.
* **Control variates with exact means** (Rubinstein & Marcus, Oper. Res. 33, 661 (1985)): the
  ``x = 0`` point of the ``a = 0`` curve is the spin-degenerate COE, of the ``a = inf`` curve
  the CSE, with exactly known mean and variance (:func:`chaoticdot.theory.exact_conductance_stats`):
  regression on them removes most of the noise near ``x = 0``.
* **Multi-fidelity control variates** (Peherstorfer, Willcox & Gunzburger, SIAM J. Sci. Comput.
  38, A3163 (2016)): on each ``a > 0`` stream, the same realization's ``a = 0`` curve is the
  control; its moments are estimated from *all* COE streams (many cheap realizations). For
  weak spin-orbit coupling the correlation is ~0.98, so the spin-full curves need only a
  fraction of the realizations. ``<G>`` at field ``x_j`` uses the ``a = 0`` values at
  ``x_{j-1}, x_j, x_{j+1}`` and ``x_0`` as *multiple* controls (Lavenberg & Welch, Manage.
  Sci. 27, 322 (1981)): 1-4 % smaller squared errors than the matching control alone
  (measured on the same draws). Variances and covariances use the matching product of ``a = 0``
  deviations only: there further controls (other fields, squared deviations, a second exact
  control) gained nothing measurable, and on the ``alpha = 0.3`` stream (150-250 draws) the
  variance inflation of the extra coefficients made them worse.

Every estimate has the regression form ``mean(y) - beta . (mean(z) - <z>)``, with the
least-squares ``beta`` of the target ``y`` on its ``q <= 4`` controls ``z`` from the same
draws, applied to the means, to the variances (``y`` the squared deviation of ``G``) and to the
covariances (products of deviations). The estimated ``beta`` biases the result by ``O(q / n)``
relative to the spread of one draw (``n >= 150`` draws per field), which is ``O(q /
sqrt(n))`` of a standard error times the (small) third-moment coupling of target and controls;
its bootstrap estimate is below one tenth of the error on the model of the tests (which
bound it allowing for the noise of that estimate).
Standard errors are from a bootstrap over the draws of each stream (resampled independently
within each tier, whose size is fixed by the design; fixed seed, deterministic).

Single precision (``precision="single"`` of :func:`chaoticdot.rmt.sample_conductance`) is
used for the random matrices and the LU factorisations: its error of ``G`` is below 1e-5
e^2/h per realization, without measurable bias.
"""

from __future__ import annotations

import numpy as np

from ..rmt import sample_conductance
from ..theory import exact_conductance_stats

__all__ = ["SPLIT_ENERGIES", "split_energies", "sample_split", "estimate_split"]

#: Energies per random-matrix draw.
SPLIT_ENERGIES = 4


def split_energies(M: int, N: int, k: int = SPLIT_ENERGIES) -> np.ndarray:
    """The ``k`` energies ``2 pi (M - N) j / k`` (paper units ``2 pi eps / Delta``) of one draw.

    ``2 pi (M - N)`` is the period of the stub model in energy (``R`` carries the phase
    ``exp(-i energy / (M - N))``, module :mod:`chaoticdot.rmt.stub`).
    """
    return 2.0 * np.pi * (M - N) * np.arange(k) / k


def _sample_scaled_grid(n1: int, xi, alpha, **options) -> np.ndarray:
    """Stub-model conductances (e^2/h) of a dot ``N1 = N2 = n1`` at scaled field and coupling.

    The scaled variables of Fig. 2 (book appendix 'Derivations and conventions', section
    Defects of the paper text, item 4): ``x = xi sqrt(N)``, ``a = alpha sqrt(N)``, ``N = 2 n1``.
    A dataset generator's run is long by intent, so no time cap applies.

    Parameters
    ----------
    n1 : int
        Channels per lead.
    xi, alpha : array_like
        Scaled field ``x / sqrt(N)`` and spin-orbit strength ``a / sqrt(N)`` (``inf``: CSE);
        they broadcast as in :func:`chaoticdot.rmt.sample_conductance`.
    **options
        Further keywords of :func:`chaoticdot.rmt.sample_conductance` (``samples``, ``M``,
        ``seed``, ``energy``, ``precision``, ``executor``, ``progress``).

    Returns
    -------
    ndarray
        ``G`` of shape ``(samples,) + broadcast shape``.
    """
    root_n = np.sqrt(2 * n1)
    x = np.asarray(xi, dtype=float) * root_n
    a = np.asarray(alpha, dtype=float) * root_n
    return sample_conductance(n1, n1, x=x, a=a, max_minutes=np.inf, **options)


def _check_grid(xi, alphas) -> tuple[np.ndarray, np.ndarray]:
    xi = np.asarray(xi, dtype=float)
    alphas = np.asarray(alphas, dtype=float)
    if xi.ndim != 1 or xi.size < 2 or xi[0] != 0.0:
        raise ValueError(f"xi must be a 1-d grid of >= 2 fields starting at 0, got {xi!r}")
    if alphas.ndim != 1 or alphas[0] != 0.0 or np.any(np.diff(alphas) <= 0):
        raise ValueError(f"alphas must increase from 0 (a = 0 is the control), got {alphas!r}")
    return xi, alphas


def _field_draws(value, nx: int, key) -> np.ndarray:
    """Draws per field of one stream: an int (every field) or ``nx`` ints, each ``>= 1``."""
    n = np.atleast_1d(np.asarray(value))
    if n.dtype.kind not in "iu" or n.ndim != 1 or n.size not in (1, nx) or np.any(n < 1):
        raise ValueError(
            f"draws[{key!r}] must be an int >= 1 or {nx} such ints (one per field), got {value!r}"
        )
    return np.broadcast_to(n, (nx,)).astype(int)


def _tiers(n: np.ndarray) -> list[tuple[int, np.ndarray]]:
    """``(draws, fields)`` of the nested tiers of one stream, the tier with most fields first.

    Field ``j`` is evaluated on the first ``n[j]`` draws: tier ``t`` covers the draws from the
    ``(t - 1)``-th to the ``t``-th distinct value of ``n`` and evaluates the fields with
    ``n[j]`` at least the latter.
    """
    tiers, done = [], 0
    for level in np.unique(n):
        tiers.append((int(level - done), np.flatnonzero(n >= level)))
        done = int(level)
    return tiers


def sample_split(
    n1: int,
    *,
    xi,
    alphas,
    draws: dict,
    M: int,
    seed,
    energies: int = SPLIT_ENERGIES,
    precision: str = "single",
    executor=None,
    progress: bool = False,
) -> dict:
    """Raw samples of the split streams (see the module docstring).

    Parameters
    ----------
    n1 : int
        Channels per lead, ``N = 2 n1``.
    xi, alphas : array_like
        Scaled grid ``x / sqrt(N)`` (starting at 0) and ``a / sqrt(N)`` (starting at 0; ``inf``
        allowed as the last value).
    draws : dict
        Random-matrix draws per stream: key ``0.0`` for the ``a = 0``-only stream, each finite
        ``alpha > 0``, and ``inf``. An int (every field) or one int per field of ``xi``: the
        curve's field ``j`` is evaluated on the first ``draws[j]`` draws of its stream. The
        stream has ``max(draws)`` draws, and on each of them the ``a = 0`` control curve of a
        finite ``alpha`` at every field and the ``x = 0`` point of the ``a = inf`` curve (its
        exact control).
    M : int
        Stub size.
    seed : int or numpy.random.SeedSequence
        Root seed; stream ``j`` (order: ``0``, the finite ``alpha > 0`` ascending, ``inf``)
        uses child ``j`` of ``SeedSequence(seed).spawn``; a stream with several tiers
        (:func:`_tiers`) gives tier ``t`` child ``t`` of its own spawn.
    energies : int
        Energies per draw.
    precision, executor, progress
        Passed to :func:`chaoticdot.rmt.sample_conductance`.

    Returns
    -------
    dict
        ``stream key -> G`` of shape ``(max(draws), energies, curves, len(xi))`` (e^2/h), NaN
        where a field is not evaluated; the curves of a finite stream are ``(a = 0, a =
        alpha)`` (only ``a = 0`` for key 0), of the ``inf`` stream ``(a = inf,)``.
    """
    xi, alphas = _check_grid(xi, alphas)
    keys = [float(a) for a in alphas]
    if sorted(draws, key=float) != sorted(keys, key=float):
        raise ValueError(f"draws must have one entry per alpha {keys}, got {sorted(draws)}")
    nx = len(xi)
    per_field = {key: _field_draws(draws[key], nx, key) for key in keys}
    seq = seed if isinstance(seed, np.random.SeedSequence) else np.random.SeedSequence(seed)
    children = seq.spawn(len(keys))
    e = split_energies(M, 2 * n1, energies)
    run = {"M": M, "executor": executor, "progress": progress, "precision": precision}
    out = {}
    for key, child in zip(keys, children, strict=True):
        # a finite a > 0 stream carries the a = 0 curve too: its multi-fidelity control
        curves = [key] if np.isinf(key) or key == 0.0 else [0.0, key]
        n = per_field[key].copy()
        if np.isinf(key):
            n[0] = n.max()  # x = 0 is the exact control of every field
        tiers = _tiers(n)
        seeds = [child] if len(tiers) == 1 else child.spawn(len(tiers))
        g = np.full((n.max(), energies, len(curves), nx), np.nan)
        done = 0
        for (size, fields), tier_seed in zip(tiers, seeds, strict=True):
            evaluated = np.zeros((energies, len(curves), nx), dtype=bool)
            evaluated[:, -1, fields] = True
            evaluated[:, 0, :] |= len(curves) == 2  # the control curve: every field
            k, c, j = np.nonzero(evaluated)  # C order: one tier of all fields is the full grid
            g[done : done + size, k, c, j] = _sample_scaled_grid(
                n1,
                xi[j],
                np.array(curves)[c],
                energy=e[k],
                samples=size,
                seed=tier_seed,
                **run,
            )
            done += size
        out[key] = g
    return out


def _regress(y: np.ndarray, z: np.ndarray, z_mean) -> np.ndarray:
    """Multiple control variates: ``mean(y) - (mean(z) - z_mean) @ beta`` (Lavenberg & Welch).

    ``beta = S_zz^+ S_zy`` is the least-squares regression of every target on the ``q``
    controls shared by all targets (the pseudo-inverse keeps a control that repeats another,
    or the target itself, harmless: a target equal to a control returns that control's
    ``z_mean``). ``y``: ``(draws, ...)`` targets; ``z``: ``(draws, q)``; ``z_mean``: ``(q,)``.
    """
    n = len(y)
    flat = y.reshape(n, -1)
    dy = flat - flat.mean(axis=0)
    dz = z - z.mean(axis=0)
    beta = np.linalg.lstsq(dz.T @ dz, dz.T @ dy, rcond=None)[0]
    return (flat.mean(axis=0) - (z.mean(axis=0) - z_mean) @ beta).reshape(y.shape[1:])


def _control_fields(nx: int) -> list[list[int]]:
    """Field indices of the controls of ``<G>`` at each field ``j``: ``j - 1, j, j + 1``, ``0``.

    The ``a = 0`` values of the same draw at the neighbouring fields carry almost all of the
    correlation a wider set could add (measured: all 11 fields gain nothing more), and the
    field ``x = 0`` brings in the exact COE mean. Few controls keep the ``O(q / n)`` bias and
    the variance inflation ``(n - 2) / (n - q - 2)`` of the estimated coefficients small.
    """
    return [sorted({0, max(j - 1, 0), j, min(j + 1, nx - 1)}) for j in range(nx)]


def _rows(g: np.ndarray) -> np.ndarray:
    """Draws evaluated at each field (the leading ones) of ``g``, shape ``(draws, K, nx)``."""
    return np.isfinite(g[:, 0, :]).sum(axis=0)


def _moments(g: np.ndarray, control: np.ndarray, mean, cov, sets):
    """Control-variate mean, variance and covariance of one curve.

    ``g``: ``(draws, energies, nx)``, field ``j`` evaluated on the first draws only (NaN
    after); ``control``: same shape, the control curve of the same realizations, evaluated
    everywhere; ``mean, cov``: its known (or estimated) moments (``(nx,)``, ``(nx, nx)``).
    ``<G>`` at field ``j`` regresses on the control at the fields ``sets[j]``; variances and
    covariances on the matching product of control deviations, each pair of fields over the
    draws both are evaluated on. Every statistic is a per-draw average over energies.
    """
    rows = _rows(g)
    h, hc = g.mean(axis=1), control.mean(axis=1)
    m = np.array(
        [
            _regress(h[:r, j], hc[:r, s], mean[s])
            for j, (r, s) in enumerate(zip(rows, sets, strict=True))
        ]
    )
    d = np.where(np.isnan(g), 0.0, g - m)
    dc = control - mean
    prod = np.matmul(np.swapaxes(d, 1, 2), d) / g.shape[1]  # per draw: sum_k d_ki d_kj / K
    prod_c = np.matmul(np.swapaxes(dc, 1, 2), dc) / g.shape[1]
    c = _cv_leading(prod, prod_c, cov, np.minimum.outer(rows, rows))
    return m, np.diagonal(c).copy(), c


def _cv_leading(y: np.ndarray, z: np.ndarray, z_mean, rows: np.ndarray) -> np.ndarray:
    """``mean(y) - beta (mean(z) - z_mean)``, ``beta = cov(y, z) / var(z)``, per element.

    One control per target (Rubinstein & Marcus), each element over its own leading ``rows``
    draws, all in one pass. ``y, z``: ``(draws, ...)``; ``z_mean`` (exact or estimated from
    other or more draws) broadcasts against one element; ``rows``: the shape of one element,
    each ``>= 2``. Sums over
    the leading draws are cumulative sums of the blocks between the distinct values of
    ``rows``, and the centred sums follow from the raw ones (``sum (y - <y>)(z - <z>) = sum y
    z - n <y> <z>``; values of order one, so no cancellation problem in double precision).
    """
    ends = np.unique(rows)
    starts = np.r_[0, ends[:-1]]
    idx = (np.searchsorted(ends, rows), *np.indices(rows.shape))

    def leading_sum(a):
        return np.cumsum(np.add.reduceat(a[: ends[-1]], starts, axis=0), axis=0)[idx]

    n = rows.astype(float)
    sy, sz, syz, szz = (leading_sum(a) for a in (y, z, y * z, z * z))
    my, mz = sy / n, sz / n
    var = szz - n * mz * mz
    # a control constant over the draws (var = 0 up to rounding of the raw sums) gets no weight
    beta = np.divide(syz - n * my * mz, var, out=np.zeros_like(var), where=var > 1e-12 * szz)
    return my - beta * (mz - z_mean)


def _exact_moments(g: np.ndarray, mean: float, var: float):
    """Moments of a curve whose ``x = 0`` point (column 0) has exact ``mean`` and ``var``."""
    nx = g.shape[-1]
    control = np.broadcast_to(g[..., :1], g.shape)
    sets = [[j] for j in range(nx)]  # column j of the control is G(x = 0)
    return _moments(g, control, np.full(nx, mean), np.full((nx, nx), var), sets)


def _multifidelity_moments(g: np.ndarray, control: np.ndarray, mean, cov):
    """Moments of an ``a > 0`` curve with the same draws' ``a = 0`` curve as controls.

    ``g``, ``control``: ``(draws, energies, nx)``; ``mean, cov``: the ``a = 0`` curve's
    estimates from the pooled COE streams (shapes ``(nx,)``, ``(nx, nx)``). ``<G>`` at field
    ``j`` regresses on the control's ``G`` at the fields :func:`_control_fields`.
    """
    return _moments(g, control, mean, cov, _control_fields(g.shape[-1]))


def _point_estimates(streams: dict, alphas: np.ndarray, n1: int):
    nx = next(iter(streams.values())).shape[-1]
    shape = (len(alphas), nx)
    m, v, c = np.full(shape, np.nan), np.full(shape, np.nan), np.full(shape + (nx,), np.nan)
    finite = [a for a in alphas if np.isfinite(a)]
    # a = 0 curve: all COE streams pooled (evaluated on every draw), exact COE control at x = 0.
    pool = np.concatenate([streams[float(a)][:, :, 0, :] for a in finite], axis=0)
    mu, var = exact_conductance_stats(n1, n1, "COE")
    m0, v0, c0 = _exact_moments(pool, mu, var)
    m[0], v[0], c[0] = m0, v0, c0
    # a > 0 curves: the same realization's a = 0 curve is the (multi-fidelity) control.
    for i, a in enumerate(alphas):
        if a == 0.0 or not np.isfinite(a):
            continue
        g = streams[float(a)]
        m[i], v[i], c[i] = _multifidelity_moments(g[:, :, 1, :], g[:, :, 0, :], m0, c0)
    if np.isinf(alphas[-1]):
        mu, var = exact_conductance_stats(n1, n1, "CSE")
        m[-1], v[-1], c[-1] = _exact_moments(streams[float(np.inf)][:, :, 0, :], mu, var)
    return m, v, c


def _resample(g: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Bootstrap replicate of one stream: the draws of each tier resampled within the tier.

    The tiers (runs of draws with the same evaluated fields) are strata of fixed size.
    """
    pattern = np.isfinite(g[:, 0]).reshape(len(g), -1)
    starts = np.flatnonzero(np.r_[True, np.any(pattern[1:] != pattern[:-1], axis=1)])
    sizes = np.diff(np.r_[starts, len(g)])
    index = [s + rng.integers(0, n, n) for s, n in zip(starts, sizes, strict=True)]
    return g[np.concatenate(index)]


def estimate_split(streams: dict, *, alphas, n1: int, bootstrap: int = 100, seed: int = 0):
    """Estimates and bootstrap standard errors from :func:`sample_split` output.

    Parameters
    ----------
    streams : dict
        Output of :func:`sample_split`.
    alphas : array_like
        The ``alphas`` of the run.
    n1 : int
        Channels per lead (for the exact COE/CSE controls).
    bootstrap : int
        Bootstrap replicates (draws of each stream resampled independently).
    seed : int
        Seed of the bootstrap resampling.

    Returns
    -------
    dict of ndarray
        ``mean_G``, ``mean_G_err``, ``var_G``, ``var_G_err`` (``(n_alpha, n_xi)``), ``cov_G``,
        ``cov_G_err`` (``(n_alpha, n_xi, n_xi)``), e^2/h and (e^2/h)^2, one standard error.
    """
    alphas = np.asarray(alphas, dtype=float)
    if isinstance(bootstrap, bool) or not isinstance(bootstrap, int) or bootstrap < 2:
        raise ValueError(f"bootstrap must be an integer >= 2, got {bootstrap!r}")
    m, v, c = _point_estimates(streams, alphas, n1)
    rng = np.random.default_rng(seed)
    reps = []
    for _ in range(bootstrap):
        resampled = {k: _resample(g, rng) for k, g in sorted(streams.items())}
        reps.append(_point_estimates(resampled, alphas, n1))
    err = [np.std(np.stack(r), axis=0, ddof=1) for r in zip(*reps, strict=True)]
    return {
        "mean_G": m,
        "mean_G_err": err[0],
        "var_G": v,
        "var_G_err": err[1],
        "cov_G": c,
        "cov_G_err": err[2],
    }
