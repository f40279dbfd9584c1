"""Stored Monte-Carlo data for the paper's Fig. 2 (dataset ``fig2-mc``).

The stub random-matrix model, Eqs. (4)-(7), is sampled at two channel numbers
(``N1 = N2 = 5`` and ``10``, i.e. ``N = 10, 20``) on the grid of scaled variables of the
figure, ``x = xi sqrt(N)`` and ``a = alpha sqrt(N)`` (book appendix 'Derivations and
conventions', section Defects of the paper text, item 4), with the stub size
``M = 8 N``. Every realization is used for all ``(alpha, xi)`` points (correlated sampling), so
the stored covariances ``cov[G(x1), G(x2)]`` come with the means and variances.

Why stored data: at about 2 % statistical precision the run took 1750 s on two cores (the
``elapsed_seconds`` of the stored file's provenance), far beyond a chapter's budget. Regenerate with
``python -m chaoticdot data fig2-mc`` (``--quick`` for a reduced run of a few seconds, used by
the tests to check the stored file statistically).

Methods
-------
The stored file was produced by the **correlated** method (provenance ``method``; library
version 0.1.0): :func:`simulate_fig2`, 5000 realizations per channel number, every realization
used for all 55 ``(alpha, xi)`` points, double precision, plain sample statistics
(1747 s on two workers).

The generator now uses the **split** method (:mod:`chaoticdot.studies.fig2_split`): draw
counts per curve and per field :data:`FIG2_SPLIT_DRAWS`, ``K = 4`` energies per random-matrix
draw, exact, multi-fidelity and multiple control variates, single precision (random matrices
and LU factorisations). Its estimates agree with the stored ones within the errors (tests),
and :data:`FIG2_SPLIT_DRAWS` gives every point the draws its standard errors of ``<G>`` and
``var G`` need to reach the stored ones. ``benchmarks/bench_fig2_generator.py`` measures both
methods side by side in one process (process time, one BLAS thread; split errors pooled over
the seeds per point and extrapolated linearly in the draws to the stored errors at every
point; seeds other than those the design was derived from): at ``N1 = N2 = 5`` the stored
method takes 147 s and the split method 72 s (four seeds), a ratio of 2.06x; at ``10``, 831 s
and 354 s (two seeds), 2.35x; for the whole dataset 978 s against 426 s, 2.3x. Each seed alone,
decided by its noisiest point, gives 1.82-1.99x at ``N1 = N2 = 5`` and 2.11x, 2.41x at ``10``.
The timings move by 5-10 % with the machine's load (the stored method measured 147-172 s at
``N1 = N2 = 5`` and 743-831 s at ``10`` in different runs); each ratio is taken within one
run. About 85 % of the split method's time is spent in the LU factorisations and solves of
the Schur complement (profiles at both channel numbers). Its off-diagonal covariances
``cov_G`` come from fewer realizations on the weak spin-orbit curves and near ``x = 0`` (a
pair of fields uses the draws both have) and have larger errors than the stored ones. Over
the six benchmark seeds the split estimates differ from the stored ones by at most 2.5
combined standard errors for ``<G>`` and 3.9 for ``var G`` (``alpha = 0.5``, ``N1 = N2 = 10``,
one seed, on several neighbouring and hence correlated fields; not traced further).

Finite-M reference
------------------
At finite ``M`` the stub model reproduces Eqs. (13)-(14) only up to corrections of relative
order ``a^2 / M = alpha^2 N / M`` and ``x^2 / M = xi^2 N / M`` (book appendix 'Derivations
and conventions', section Finite-M kernels). To separate them from the finite-``N``
corrections the dataset also stores the leading-order (Gaussian) cooperon/diffuson result of
the *same* stub at the same ``M`` (:mod:`chaoticdot.rmt.kernels`): Monte Carlo minus this
reference is the pure finite-``N`` correction.
"""

from __future__ import annotations

import time

import numpy as np

from ..parallel import default_workers
from ..rmt import covariance, finite_m_wl_correction, mean, variance
from ..rmt.kernels import finite_m_covariance
from ..rmt.stub import StubPoint
from ..theory.scaled import FIG2_ALPHAS
from . import load, register_dataset
from .fig2_split import SPLIT_ENERGIES, _sample_scaled_grid, estimate_split, sample_split

__all__ = [
    "FIG2_MC_CHANNELS",
    "FIG2_MC_XI",
    "FIG2_MC_M_PER_N",
    "FIG2_MC_SAMPLES",
    "FIG2_MC_SEED",
    "FIG2_SPLIT_DRAWS",
    "QUICK_SETTINGS",
    "fig2_mc",
    "simulate_fig2",
    "load_fig2_mc",
    "scaled_fig2_mc",
    "stored_scaled_mc",
]

#: Channels per lead of the stored runs (``N1 = N2``).
FIG2_MC_CHANNELS = (5, 10)
#: Scaled perpendicular fields ``xi = x / sqrt(N)`` of the Monte-Carlo points.
FIG2_MC_XI = np.round(np.linspace(0.0, 2.0, 11), 12)
#: Stub size ``M = FIG2_MC_M_PER_N * N`` (the finite-M bias then depends on ``M / N`` only).
FIG2_MC_M_PER_N = 8
#: Realizations per channel number (statistical error of <dG> about 2 % of its x = 0 value).
FIG2_MC_SAMPLES = {5: 5000, 10: 5000}
#: Root seed; the run for ``N1`` uses ``SeedSequence([seed, N1])``.
FIG2_MC_SEED = 20020210
#: Random-matrix draws per stream of the split method (keys: ``alpha``, see
#: :func:`chaoticdot.studies.fig2_split.sample_split`), each used at ``K = 4`` energies. Per
#: curve and field, the draws that field needs to reach the stored errors of ``<G>`` and
#: ``var G`` (``design_draws`` of ``benchmarks/bench_fig2_generator.py``: squared error
#: ratios per point pooled over the seeds of a run, margin 1.1, at least 150 per field). At
#: ``N1 = 10`` from two seeds of a run with the per-curve draws ``{0.3: 225, 0.5: 800, 1.0:
#: 1350, inf: 1275}``; at ``N1 = 5`` in two steps, from four seeds with ``{0.3: 175, 0.5: 625,
#: 1.0: 1300, inf: 1275}`` and then from four seeds of that per-field design (whose ``var G``
#: errors of ``a = inf`` at ``xi = 0.4-0.8``, on 275-850 draws, came out ~15 % above the
#: ``1 / draws`` extrapolation). Near ``x = 0`` the exact and multi-fidelity controls need
#: few draws; the ``x = 0`` point of ``a = inf`` (exact) is evaluated on every draw of its
#: stream. The ``a = 0``-only stream tops up the pooled draws of the ``a = 0`` curve, which
#: needs far fewer.
FIG2_SPLIT_DRAWS = {
    5: {
        0.0: 100,
        0.3: [150, 150, 150, 150, 175, 225, 225, 250, 250, 225, 225],
        0.5: [500, 500, 475, 525, 575, 675, 750, 800, 800, 750, 725],
        1.0: [1350, 1300, 1300, 1250, 1250, 1300, 1375, 1400, 1400, 1400, 1400],
        np.inf: [150, 150, 225, 625, 1025, 1225, 1275, 1275, 1350, 1375, 1400],
    },
    10: {
        0.0: 100,
        0.3: [150, 150, 150, 150, 200, 225, 250, 250, 250, 250, 250],
        0.5: [525, 550, 575, 625, 700, 775, 825, 825, 850, 850, 850],
        1.0: [1475, 1450, 1425, 1400, 1375, 1375, 1400, 1450, 1500, 1525, 1550],
        np.inf: [150, 150, 275, 575, 900, 1125, 1225, 1275, 1325, 1350, 1350],
    },
}
#: The reduced run of ``quick=True``: one channel number, every other field, an independent
#: seed; ``samples`` for the correlated method, ``draws`` per stream for the split method.
QUICK_SETTINGS = {
    "channels": (5,),
    "xi": FIG2_MC_XI[::2],
    "samples": 300,
    "draws": {0.0: 40, 0.3: 30, 0.5: 40, 1.0: 80, np.inf: 80},
    "seed": FIG2_MC_SEED + 1,
}


def _kernel_references(n1: int, M: int, alphas, xis):
    """Finite-M Gaussian-level ``<dG>`` and ``var G`` of the stub (e^2/h); NaN at ``a = inf``."""
    N = 2 * n1
    dg = np.full((len(alphas), len(xis)), np.nan)
    var = np.full_like(dg, np.nan)
    for i, alpha in enumerate(alphas):
        if np.isinf(alpha):  # the COE-stub kernels do not describe the CSE limit
            continue
        a = float(alpha * np.sqrt(N))
        for j, xi in enumerate(xis):
            x = float(xi * np.sqrt(N))
            dg[i, j] = finite_m_wl_correction(n1, n1, x=x, a=a, M=M)
            point = StubPoint(x=x, so=(a, a, 0.0))
            var[i, j] = finite_m_covariance(n1, n1, point, point, M)
    return dg, var


def simulate_fig2(
    n1: int,
    *,
    xi,
    alphas=FIG2_ALPHAS,
    samples: int,
    M: int,
    seed,
    executor=None,
    progress: bool = False,
) -> dict[str, np.ndarray]:
    """Monte-Carlo statistics of ``G`` on the Fig. 2 grid, correlated method (stored file).

    Every realization is used for all points; double precision; plain sample statistics.
    The generator now uses the split method (:mod:`chaoticdot.studies.fig2_split`).

    Parameters
    ----------
    n1 : int
        Channels per lead; ``N = 2 n1``.
    xi, alphas : array_like
        Scaled field ``x / sqrt(N)`` and spin-orbit strength ``a / sqrt(N)`` (``inf``: CSE).
    samples, M : int
        Realizations and stub size.
    seed : int or numpy.random.SeedSequence
        Root seed of :func:`chaoticdot.rmt.sample_conductance`.
    executor, progress
        Passed to :func:`chaoticdot.rmt.sample_conductance`.

    Returns
    -------
    dict of ndarray
        ``mean_G``, ``mean_G_err``, ``var_G``, ``var_G_err`` (shape ``(n_alpha, n_xi)``) and
        ``cov_G``, ``cov_G_err`` (shape ``(n_alpha, n_xi, n_xi)``), in units of ``e^2/h`` and
        ``(e^2/h)^2``; errors are one standard error.
    """
    xi = np.asarray(xi, dtype=float)
    alphas = np.asarray(alphas, dtype=float)
    run = {"M": M, "executor": executor, "progress": progress}
    g = _sample_scaled_grid(n1, xi[None, :], alphas[:, None], samples=samples, seed=seed, **run)
    m, v = mean(g), variance(g)
    c = covariance(g[:, :, :, None], g[:, :, None, :])
    return {
        "mean_G": m.value,
        "mean_G_err": m.error,
        "var_G": v.value,
        "var_G_err": v.error,
        "cov_G": c.value,
        "cov_G_err": c.error,
    }


@register_dataset("fig2-mc", "Fig. 2 Monte-Carlo overlay: <G>, var G, cov G at N1=N2=5, 10")
def fig2_mc(quick: bool = False):
    """Generate the Monte-Carlo data of Fig. 2 with the split method (module docstring).

    Returns
    -------
    arrays : dict of ndarray
        ``channels`` (``N1 = N2``), ``M``, ``samples`` (per channel number: random-matrix draws
        times energies, summed over the streams), ``alpha``, ``xi``; statistics of
        :func:`chaoticdot.studies.fig2_split.estimate_split` stacked along a leading channel
        axis; the finite-M references ``kernel_dG`` (``<dG>``, e^2/h) and ``kernel_var_G``
        ((e^2/h)^2), NaN at ``alpha = inf``.
    provenance : dict
        Seed rule, draws per stream, ``M``, method, wall time and number of workers (the store
        adds library version, date and command).
    """
    if quick:
        channels, xis, seed = (
            QUICK_SETTINGS["channels"],
            QUICK_SETTINGS["xi"],
            QUICK_SETTINGS["seed"],
        )
        draws = {n1: QUICK_SETTINGS["draws"] for n1 in channels}
    else:
        channels, xis, seed = FIG2_MC_CHANNELS, FIG2_MC_XI, FIG2_MC_SEED
        draws = FIG2_SPLIT_DRAWS
    alphas = np.asarray(FIG2_ALPHAS)
    start = time.perf_counter()
    runs, kernels_dg, kernels_var = [], [], []
    for n1 in channels:
        M = FIG2_MC_M_PER_N * 2 * n1
        streams = sample_split(
            n1,
            xi=xis,
            alphas=alphas,
            draws=draws[n1],
            M=M,
            seed=np.random.SeedSequence([seed, n1]),
            progress=not quick,
        )
        runs.append(estimate_split(streams, alphas=alphas, n1=n1, seed=seed))
        dg, var = _kernel_references(n1, M, alphas, xis)
        kernels_dg.append(dg)
        kernels_var.append(var)
    elapsed = time.perf_counter() - start
    arrays = {
        "channels": np.array(channels),
        "M": np.array([FIG2_MC_M_PER_N * 2 * n1 for n1 in channels]),
        "samples": np.array([SPLIT_ENERGIES * _stream_draws(draws[n1]) for n1 in channels]),
        "alpha": alphas,
        "xi": np.asarray(xis, dtype=float),
        **{key: np.stack([r[key] for r in runs]) for key in runs[0]},
        "kernel_dG": np.stack(kernels_dg),
        "kernel_var_G": np.stack(kernels_var),
    }
    provenance = {
        "seed": seed,
        "seed_rule": "numpy.random.SeedSequence([seed, N1]) for the run with N1 = N2; stream j "
        "uses child j of its spawn (order: alpha = 0, finite alpha ascending, inf)",
        "samples": {str(n1): int(arrays["samples"][i]) for i, n1 in enumerate(channels)},
        "draws": {
            str(n1): {str(k): np.asarray(v).tolist() for k, v in draws[n1].items()}
            for n1 in channels
        },
        "energies_per_draw": SPLIT_ENERGIES,
        "M": {str(n1): FIG2_MC_M_PER_N * 2 * n1 for n1 in channels},
        "M_rule": f"M = {FIG2_MC_M_PER_N} N",
        "grid": "x = xi sqrt(N), a = alpha sqrt(N), N = 2 N1; alpha = inf sampled from the CSE",
        "method": "split: chaoticdot.studies.fig2_split (stub model, Eqs. 4-7; one stream per "
        "spin-orbit curve, draws per field, 4 energies per draw, exact and multi-fidelity "
        "control variates, single precision, bootstrap errors); kernels: "
        "chaoticdot.rmt.kernels",
        "units": "G in e^2/h, variances and covariances in (e^2/h)^2, errors one sigma",
        "elapsed_seconds": round(elapsed, 1),
        "workers": default_workers(),
    }
    return arrays, provenance


def _stream_draws(draws: dict) -> int:
    """Random-matrix draws of a run: per stream, those of its most sampled field."""
    return int(sum(np.max(v) for v in draws.values()))


def load_fig2_mc():
    """The stored dataset ``fig2-mc``: ``(arrays, provenance)`` (see :func:`fig2_mc`)."""
    return load("fig2-mc")


def scaled_fig2_mc(arrays: dict) -> dict[str, np.ndarray]:
    """Convert stored Fig. 2 statistics to the figure's units (scaled, per channel number).

    Returns
    -------
    dict of ndarray
        ``N`` (total channels), ``dG``, ``dG_err``, ``kernel_dG`` in ``(e^2/h) N1 N2 / N^2``;
        ``var``, ``var_err``, ``kernel_var`` in ``(e^2/h)^2 (N1 N2 / N^2)^2``;
        ``cov``, ``cov_err`` likewise. Leading axis: channel number.
    """
    n1 = np.asarray(arrays["channels"], dtype=float)
    n = 2.0 * n1
    unit = (n1 * n1 / n**2)[:, None, None]
    classical = (2.0 * n1 * n1 / n)[:, None, None]
    return {
        "N": n,
        "dG": (arrays["mean_G"] - classical) / unit,
        "dG_err": arrays["mean_G_err"] / unit,
        "kernel_dG": arrays["kernel_dG"] / unit,
        "var": arrays["var_G"] / unit**2,
        "var_err": arrays["var_G_err"] / unit**2,
        "kernel_var": arrays["kernel_var_G"] / unit**2,
        "cov": arrays["cov_G"] / unit[..., None] ** 2,
        "cov_err": arrays["cov_G_err"] / unit[..., None] ** 2,
    }


def stored_scaled_mc():
    """The stored ``fig2-mc`` data in the figure's units, plus its provenance.

    Returns
    -------
    mc : dict of ndarray
        :func:`scaled_fig2_mc` of the stored arrays, with ``xi`` and ``alpha`` added.
    provenance : dict
    """
    arrays, provenance = load_fig2_mc()
    mc = scaled_fig2_mc(arrays)
    mc["xi"], mc["alpha"] = arrays["xi"], arrays["alpha"]
    return mc, provenance
