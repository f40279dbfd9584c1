"""Core-seconds of the Fig. 2 Monte-Carlo data (dataset ``fig2-mc``) at equal statistical errors.

One run on this machine, one process, one BLAS thread, at a reduced number of realizations.
For every channel number of the stored dataset (``N1 = N2 = 5, 10``, ``M = 8 N``) it measures

1. where the core-seconds of the stored method go: the whole Fig. 2 grid (5 spin-orbit values x
   11 fields) split into the spin-decoupled ``a = 0`` curve, the spin-full ``0 < a < inf``
   curves and the ``a = inf`` curve (its own circular-symplectic draws), and the share of the
   random-matrix draws;
2. the per-realization standard deviation of every estimate (``<G>`` and ``var G`` at each of
   the 55 points) for the stored method (double precision, plain sample mean and variance, one
   sample count for the whole grid) and for the improved method:

   * LU factorisations in single precision (``precision="single"``, error of ``G`` ~1e-6);
   * control variates with exactly known means: the same realization's ``G(x=0, a=0)`` (exact
     spin-degenerate COE mean) for ``<G>`` and its squared deviation (exact COE variance) for
     ``var G``; on the ``a = inf`` curve the ``x = 0`` CSE values likewise;
   * the ``a = inf`` curve sampled separately with its own sample count, ``K`` energies per
     symplectic draw (the distribution of ``G`` is exactly energy independent: the circular
     ensembles are invariant under ``U -> exp(i theta) U``; energies a quarter period
     ``2 pi (M - N) / K`` apart are weakly correlated; estimators and errors use
     per-draw averages, so the correlation is accounted for);

3. from 2., the realizations needed to reach the stored file's errors ``mean_G_err`` and
   ``var_G_err`` at **every** point (the largest ratio over the points decides, after a
   3-point running mean over the fields that removes the point-to-point noise of the
   estimated errors; the same rule applied to the stored method recovers its 5000
   realizations, which checks it), and the core-seconds before/after. Extrapolation: cost
   linear in the number of realizations, errors as ``1 / sqrt(samples)``.

It also checks the improved estimates against the stored values (z-scores with combined errors).

Usage: ``python benchmarks/bench_fig2_generator.py [--samples-5 S] [--samples-10 S]``
"""

from __future__ import annotations

import argparse
import os
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import numpy as np  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

from chaoticdot import rmt, theory  # noqa: E402
from chaoticdot.studies import load  # noqa: E402
from chaoticdot.studies.fig2_mc import FIG2_SPLIT_DRAWS  # noqa: E402
from chaoticdot.studies.fig2_split import (  # noqa: E402
    SPLIT_ENERGIES,
    estimate_split,
    sample_split,
)

K_ENERGIES = 4


def timed(fn):
    t0 = time.process_time()
    out = fn()
    return out, time.process_time() - t0


def spread_mean(g):
    """Per-realization standard deviation of the plain mean estimator."""
    return g.std(axis=0, ddof=1)


def spread_var(g):
    """Per-realization standard deviation of the plain variance estimator."""
    d = g - g.mean(axis=0)
    s2 = (d * d).mean(axis=0)
    return np.sqrt(np.maximum((d**4).mean(axis=0) - s2**2, 0.0))


def smoothed_max(ratio2):
    """Largest value over the fields after a 3-point running mean along the field axis.

    The ratios ``(error / stored error)^2`` vary smoothly with the field; their point-to-point
    noise (both errors are estimates) would inflate a plain maximum over 11 fields.
    """
    r = np.asarray(ratio2, dtype=float)
    padded = np.concatenate([r[..., :1], r, r[..., -1:]], axis=-1)
    smooth = (padded[..., :-2] + padded[..., 1:-1] + padded[..., 2:]) / 3.0
    return float(np.max(smooth))


def report_z(label, z):
    worst, mean_sq = np.max(np.abs(z)), np.mean(z**2)
    print(f"  check {label:22s}: max |z| vs stored {worst:4.2f}, mean z^2 {mean_sq:4.2f}")


def cv_residual(y, z):
    """Control-variate fit of ``y`` on ``z`` (sample axis 0): ``(beta, residual std)``."""
    dy, dz = y - y.mean(axis=0), z - z.mean(axis=0)
    beta = (dy * dz).sum(axis=0) / (dz * dz).sum(axis=0)
    r = dy - beta * dz
    return beta, np.sqrt((r * r).sum(axis=0) / (len(y) - 2))


def cv_estimates(y, z, z_exact):
    """Control-variate estimate of ``<y>`` and its per-realization spread."""
    beta, spread = cv_residual(y, z)
    return y.mean(axis=0) - beta * (z.mean(axis=0) - z_exact), spread


def run(n1, samples, stored, c, fraction):
    N, M = 2 * n1, 16 * n1
    alphas, xi = stored["alpha"], stored["xi"]
    x = xi[None, :] * np.sqrt(N)
    a = alphas[:, None] * np.sqrt(N)
    finite = np.isfinite(alphas)
    common = dict(M=M, executor="serial", max_minutes=np.inf)
    mu_coe, var_coe = theory.exact_conductance_stats(n1, n1, "COE")
    mu_cse, var_cse = theory.exact_conductance_stats(n1, n1, "CSE")
    err_mean, err_var = stored["mean_G_err"][c], stored["var_G_err"][c]

    # Warm the per-process R^{-1} caches of every grid point (computed once per worker in a
    # real run, a few seconds in total) so that the timings below are per-realization costs.
    for prec in ("double", "single"):
        rmt.sample_conductance(n1, n1, x=x, a=a, samples=2, seed=1, precision=prec, **common)

    # -- 1. the stored method and its cost breakdown -------------------------------------
    g_old, t_old = timed(
        lambda: rmt.sample_conductance(n1, n1, x=x, a=a, samples=samples, seed=11, **common)
    )
    _, t_a0 = timed(lambda: rmt.sample_conductance(n1, n1, x=x, samples=samples, seed=12, **common))
    _, t_so = timed(
        lambda: rmt.sample_conductance(
            n1, n1, x=x, a=a[finite & (alphas > 0)], samples=samples, seed=13, **common
        )
    )
    _, t_inf = timed(
        lambda: rmt.sample_conductance(n1, n1, x=x, a=np.inf, samples=samples, seed=14, **common)
    )
    rng = np.random.default_rng(0)
    _, t_draw_coe = timed(lambda: [rmt.coe_matrix(rng, M) for _ in range(samples)])
    _, t_draw_cse = timed(lambda: [rmt.cse_matrix(rng, M) for _ in range(samples)])
    print(f"\nN1 = N2 = {n1}, M = {M}: {samples} realizations, stored method")
    print(f"  whole grid: {1e3 * t_old / samples:7.1f} ms per realization (core)")
    for label, t in (
        ("a = 0 curve (spin-decoupled, 11 LU of size M - N)", t_a0),
        ("0 < a < inf curves (33 LU of size 2(M - N))", t_so),
        ("a = inf curve (CSE draw 2M, 11 LU of 2(M - N))", t_inf),
        ("  of which COE draws (M x M)", t_draw_coe),
        ("  of which CSE draws (2M x 2M)", t_draw_cse),
    ):
        print(f"  {label:52s} {1e3 * t / samples:7.1f} ms  ({100 * t / t_old:4.0f} %)")

    sm_old, sv_old = spread_mean(g_old), spread_var(g_old)
    n_old = max(smoothed_max((sm_old / err_mean) ** 2), smoothed_max((sv_old / err_var) ** 2))

    # -- 2. the improved method -----------------------------------------------------------
    g_coe, t_coe = timed(
        lambda: rmt.sample_conductance(
            n1, n1, x=x, a=a[finite], samples=samples, seed=21, precision="single", **common
        )
    )
    c0 = g_coe[:, :1, :1]  # G(x = 0, a = 0): exact spin-degenerate COE statistics
    m_coe, sm_coe = cv_estimates(g_coe, c0, mu_coe)
    d = g_coe - m_coe
    v_coe, sv_coe = cv_estimates(d * d, (c0 - mu_coe) ** 2, var_coe)

    energies = 2 * np.pi * (M - N) * np.arange(K_ENERGIES) / K_ENERGIES
    g_cse, t_cse = timed(
        lambda: rmt.sample_conductance(
            n1,
            n1,
            x=x[0],
            a=np.inf,
            energy=energies[:, None],
            samples=samples,
            seed=22,
            precision="single",
            **common,
        )
    )
    h = g_cse.mean(axis=1)  # per-draw average over the K energies
    c_inf = h[:, :1]  # x = 0: exact CSE mean
    m_cse, sm_cse = cv_estimates(h, c_inf, mu_cse)
    y = ((g_cse - m_cse[None, None, :]) ** 2).mean(axis=1)
    z = ((g_cse[:, :, :1] - mu_cse) ** 2).mean(axis=1)
    v_cse, sv_cse = cv_estimates(y, z, var_cse)

    fin, inf = np.flatnonzero(finite), np.flatnonzero(~finite)
    n_coe = max(
        smoothed_max((sm_coe / err_mean[fin]) ** 2), smoothed_max((sv_coe / err_var[fin]) ** 2)
    )
    n_cse = max(
        smoothed_max((sm_cse / err_mean[inf]) ** 2), smoothed_max((sv_cse / err_var[inf]) ** 2)
    )
    per_old = t_old / samples
    per_coe, per_cse = t_coe / samples, t_cse / samples
    before = n_old * per_old
    before_stored = 5000 * per_old
    after = n_coe * per_coe + n_cse * per_cse
    print("  improved method:")
    print(
        f"    finite a (single precision + control variates): {1e3 * per_coe:7.1f} ms per "
        f"realization, {n_coe:6.0f} realizations for the stored errors"
    )
    print(
        f"    a = inf ({K_ENERGIES} energies per CSE draw, single, control variates): "
        f"{1e3 * per_cse:7.1f} ms per draw, {n_cse:6.0f} draws for the stored errors"
    )
    print(
        f"  realizations for the stored errors with the stored method: {n_old:6.0f} "
        f"(the file used 5000: a check of the extrapolation rule)"
    )
    print(
        f"  core-seconds at the stored errors: before {before:7.0f} s "
        f"(5000 x measured cost: {before_stored:7.0f} s), after {after:7.0f} s, "
        f"ratio {before / after:4.2f}x"
    )
    # -- validation: improved estimates against the stored ones ---------------------------
    for label, new, new_sd, n_new, key in (
        ("<G> finite a", m_coe, sm_coe, samples, "mean_G"),
        ("var G finite a", v_coe, sv_coe, samples, "var_G"),
    ):
        z_s = (new - stored[key][c][fin]) / np.hypot(
            new_sd / np.sqrt(n_new), stored[key + "_err"][c][fin]
        )
        report_z(label, z_s)
    for label, new, new_sd, key in (
        ("<G> a = inf", m_cse, sm_cse, "mean_G"),
        ("var G a = inf", v_cse, sv_cse, "var_G"),
    ):
        z_s = (new - stored[key][c][inf][0]) / np.hypot(
            new_sd / np.sqrt(samples), stored[key + "_err"][c][inf][0]
        )
        report_z(label, z_s)
    split_after, split_ratio = run_split(n1, stored, c, per_old * 5000, fraction)
    return before_stored, after, split_after


def run_split(n1, stored, c, before, fraction):
    """The generator's split method at ``fraction`` of its design draws; extrapolated cost."""
    M = 16 * n1
    design = FIG2_SPLIT_DRAWS[n1]
    draws = {k: max(int(round(fraction * v)), 30) for k, v in design.items()}
    alphas = stored["alpha"]
    sample_split(
        n1,
        xi=stored["xi"],
        alphas=alphas,
        draws={k: 2 for k in draws},
        M=M,
        seed=0,
        executor="serial",
    )  # warm the R^{-1} caches
    streams, t = timed(
        lambda: sample_split(
            n1, xi=stored["xi"], alphas=alphas, draws=draws, M=M, seed=31, executor="serial"
        )
    )
    est, t_est = timed(lambda: estimate_split(streams, alphas=alphas, n1=n1))
    ratio2 = np.maximum(
        (est["mean_G_err"] / stored["mean_G_err"][c]) ** 2,
        (est["var_G_err"] / stored["var_G_err"][c]) ** 2,
    )
    # design draws x scale reach every stored error (smoothed over the fields, as for the
    # stored method above; the unsmoothed maximum is printed too)
    scale = smoothed_max(ratio2) * fraction
    raw_scale = float(np.max(ratio2)) * fraction
    after = (t + t_est) / fraction * scale
    print(
        f"  split method ({SPLIT_ENERGIES} energies per draw, single precision, exact and "
        f"multi-fidelity control variates), pilot draws {draws}: {t:.1f} s + estimate "
        f"{t_est:.1f} s"
    )
    for key in ("mean_G", "var_G"):
        r2 = (est[key + "_err"] / stored[key + "_err"][c]) ** 2
        print(
            f"    {key} (error / stored error)^2 per curve (worst field): "
            + ", ".join(f"{np.max(r):.2f}" for r in r2)
        )
    print(
        "    (error / stored error)^2 at the pilot size, per curve (worst field): "
        + ", ".join(f"a={a:g}: {np.max(r):.2f}" for a, r in zip(alphas, ratio2, strict=True))
    )
    print(
        f"    design draws x {scale:.2f} reach the stored errors at every point: "
        f"{after:7.0f} core-s, {before / after:4.2f}x less than the stored method "
        f"(unsmoothed maximum: x {raw_scale:.2f}, {before / (after * raw_scale / scale):4.2f}x)"
    )
    for key in ("mean_G", "var_G"):
        z_s = (est[key] - stored[key][c]) / np.hypot(est[key + "_err"], stored[key + "_err"][c])
        report_z(f"split {key}", z_s)
    return after, before / after


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples-5", type=int, default=400)
    parser.add_argument("--samples-10", type=int, default=150)
    parser.add_argument("--fraction-5", type=float, default=0.25)
    parser.add_argument("--fraction-10", type=float, default=0.25)
    args = parser.parse_args()
    stored, _ = load("fig2-mc")
    print(f"# bench_fig2_generator; load average {os.getloadavg()}")
    totals = np.zeros(3)
    with threadpool_limits(1):
        for c, n1 in enumerate(stored["channels"]):
            samples = args.samples_5 if n1 == 5 else args.samples_10
            fraction = args.fraction_5 if n1 == 5 else args.fraction_10
            totals += run(int(n1), samples, stored, c, fraction)
    print(
        f"\nTotal core-seconds for the stored errors at every point (linear extrapolation from "
        f"the reduced runs): stored method {totals[0]:.0f} s; single precision + exact control "
        f"variates {totals[1]:.0f} s ({totals[0] / totals[1]:.2f}x); split method "
        f"{totals[2]:.0f} s ({totals[0] / totals[2]:.2f}x)"
    )


if __name__ == "__main__":
    main()
