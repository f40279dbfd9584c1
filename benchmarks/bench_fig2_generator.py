"""Core-seconds of the Fig. 2 Monte-Carlo data (dataset ``fig2-mc``) at equal statistical errors.

One process, one BLAS thread, process time. For every channel number of the stored dataset
(``N1 = N2 = 5, 10``, ``M = 8 N``) it measures

1. **before**: the cost of the stored (correlated) method, ``5000 x`` the measured cost of one
   realization of the whole grid (double precision, all 55 points per realization). Its errors
   are by definition the stored ``mean_G_err`` and ``var_G_err``.
2. **after**: the generator's split method (:mod:`chaoticdot.studies.fig2_split`) at
   ``fraction`` of its design draws :data:`chaoticdot.studies.fig2_mc.FIG2_SPLIT_DRAWS`, for
   several independent seeds: sampling time per stream, estimation time (the generator's
   bootstrap size), and the standard errors of ``<G>`` and ``var G`` at all 55 points from a
   larger bootstrap (so that the noise of the estimated errors stays small). The draws needed
   for the stored errors at **every** point are the design draws times the largest ratio
   ``(error / stored error)^2``, after a 3-point running mean over the fields that removes
   the point-to-point noise of the estimated errors. Extrapolation: cost linear in the draws,
   errors as ``1 / sqrt(draws)``.
3. The same ratio per curve (which curve decides), the ratio ``before / after`` per seed, and
   their mean with the standard error over the seeds; a z-score check of the split estimates
   against the stored values.

The ratio quoted is the one with the errors pooled over the seeds (the per-seed ratios, each
decided by one seed's noisiest point, scatter by 10-20 % and lie lower). Runs can be split
over processes (``--channels``, ``--seeds``, ``--save``) and summarized together
(``--combine a.npz b.npz``); one channel number and seed at full size takes 1 (``N1 = 5``) to
6 (``N1 = 10``) minutes.

Usage: ``python benchmarks/bench_fig2_generator.py [--channels 5 10] [--seeds 31 32]
[--fraction 1.0] [--bootstrap 400] [--save out.npz] [--combine a.npz ...]``
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

from chaoticdot import rmt  # noqa: E402
from chaoticdot.studies import load  # noqa: E402
from chaoticdot.studies.fig2_mc import FIG2_MC_SAMPLES, FIG2_SPLIT_DRAWS  # noqa: E402
from chaoticdot.studies.fig2_split import estimate_split, sample_split  # noqa: E402

#: Bootstrap replicates of the generator (``estimate_split`` default): timed as its cost.
GENERATOR_BOOTSTRAP = 100


def timed(fn):
    t0 = time.process_time()
    out = fn()
    return out, time.process_time() - t0


def smoothed_max(ratio2, axis=None):
    """Largest value over the fields after a 3-point running mean along the field axis.

    The ratios ``(error / stored error)^2`` vary smoothly with the field; their point-to-point
    noise (both errors are estimates) would inflate a plain maximum over 11 fields.
    """
    return np.max(running_mean(ratio2), axis=axis)


def running_mean(ratio2):
    """3-point running mean along the last (field) axis, end points repeated."""
    r = np.asarray(ratio2, dtype=float)
    padded = np.concatenate([r[..., :1], r, r[..., -1:]], axis=-1)
    return (padded[..., :-2] + padded[..., 1:-1] + padded[..., 2:]) / 3.0


def scaled_draws(draws, fraction):
    """Design draws (an int or one per field) times ``fraction``, at least 30 per field."""
    return np.maximum(np.rint(fraction * np.asarray(draws)), 30).astype(int)


def design_draws(used, r2_mean, r2_var, margin=1.1, floor=150, step=25):
    """Per-field draws that reach the stored errors, from one benchmark's error ratios.

    ``used``: the draws per stream of the measured run (int or per field); ``r2_*``: the
    squared error ratios per curve and field (pooled over seeds, already times the fraction
    of the design draws). The draws of a field scale as its ratio (errors as ``1 /
    sqrt(draws)``; 3-point running mean over the fields against the noise of the estimated
    errors), times ``margin``, rounded up to ``step``, at least ``floor`` (the regression
    estimators need ``n >> q``). The ``x = 0`` point of ``a = inf`` is exact: its draws are
    those of the stream.
    """
    smooth = running_mean(np.maximum(r2_mean, r2_var))
    out = {}
    for i, (key, n) in enumerate(used.items()):
        if key == 0.0:  # the a = 0-only stream tops up the pooled control curve
            out[key] = n
            continue
        need = np.ceil(np.asarray(n) * smooth[i] * margin / step) * step
        out[key] = [int(v) for v in np.maximum(need, floor)]
    return out


def stored_cost(n1, stored, samples):
    """Core-seconds of one realization of the stored method (whole grid, double precision)."""
    N, M = 2 * n1, 16 * n1
    x = stored["xi"][None, :] * np.sqrt(N)
    a = stored["alpha"][:, None] * np.sqrt(N)
    common = dict(M=M, executor="serial", max_minutes=np.inf)
    # warm the per-process R^{-1} caches (once per worker in a real run)
    rmt.sample_conductance(n1, n1, x=x, a=a, samples=2, seed=1, **common)
    _, t = timed(
        lambda: rmt.sample_conductance(n1, n1, x=x, a=a, samples=samples, seed=11, **common)
    )
    return t / samples


def split_run(n1, stored, c, seed, fraction, bootstrap):
    """One seed of the split method: core-seconds and per-curve draws multiplier."""
    M = 16 * n1
    alphas, xi = stored["alpha"], stored["xi"]
    draws = {k: scaled_draws(v, fraction) for k, v in FIG2_SPLIT_DRAWS[n1].items()}
    warm = {k: 2 for k in draws}
    sample_split(n1, xi=xi, alphas=alphas, draws=warm, M=M, seed=0, executor="serial")
    streams, t_sample = timed(
        lambda: sample_split(
            n1, xi=xi, alphas=alphas, draws=draws, M=M, seed=seed, executor="serial"
        )
    )
    _, t_est = timed(
        lambda: estimate_split(streams, alphas=alphas, n1=n1, bootstrap=GENERATOR_BOOTSTRAP)
    )
    est = estimate_split(streams, alphas=alphas, n1=n1, bootstrap=bootstrap, seed=seed)
    r2_mean = (est["mean_G_err"] / stored["mean_G_err"][c]) ** 2
    r2_var = (est["var_G_err"] / stored["var_G_err"][c]) ** 2
    per_curve = smoothed_max(np.maximum(r2_mean, r2_var), axis=-1) * fraction
    z = {
        key: (est[key] - stored[key][c]) / np.hypot(est[key + "_err"], stored[key + "_err"][c])
        for key in ("mean_G", "var_G")
    }
    return {
        "r2_mean": r2_mean * fraction,
        "r2_var": r2_var * fraction,
        "draws": draws,
        "seconds": (t_sample + t_est) / fraction,
        "t_sample": t_sample,
        "t_est": t_est,
        "mean_scale": smoothed_max(r2_mean, axis=-1) * fraction,
        "var_scale": smoothed_max(r2_var, axis=-1) * fraction,
        "per_curve": per_curve,
        "scale": float(per_curve.max()),
        "z": z,
    }


def pooled_scale(runs):
    """Draws multiplier from the squared error ratios averaged over the seeds, per point.

    The average over independent seeds estimates the expected squared error; a maximum over
    the points of one seed's noisy estimates is biased upwards.
    """
    r2_mean = np.mean([r["r2_mean"] for r in runs], axis=0)
    r2_var = np.mean([r["r2_var"] for r in runs], axis=0)
    per_curve = smoothed_max(np.maximum(r2_mean, r2_var), axis=-1)
    return float(per_curve.max()), per_curve


def summarize(results):
    """Totals over the channel numbers: before, after (pooled seeds and per seed), ratios."""
    before = sum(r["before"] for r in results.values())
    pooled = sum(np.mean(r["seconds"]) * r["pooled_scale"] for r in results.values())
    per_seed = np.sum([np.asarray(r["seconds"]) * r["scales"] for r in results.values()], axis=0)
    ratios = before / per_seed
    spread = ratios.std(ddof=1) / np.sqrt(len(ratios)) if len(ratios) > 1 else np.nan
    print(f"\nTotal over N1 = {sorted(results)}: before {before:.0f} s")
    for n1, r in sorted(results.items()):
        after = np.mean(r["seconds"]) * r["pooled_scale"]
        print(
            f"  N1 = {n1}: before {r['before']:.0f} s, after {after:.0f} s (errors pooled over "
            f"{len(r['seconds'])} seeds, draws x {r['pooled_scale']:.3f}), ratio "
            f"{r['before'] / after:.3f}x; per seed "
            + ", ".join(
                f"{r['before'] / (t * k):.3f}x"
                for t, k in zip(r["seconds"], r["scales"], strict=True)
            )
        )
    print(
        f"  after {pooled:.0f} s with the errors pooled over the seeds: ratio "
        f"{before / pooled:.3f}x; per seed "
        + ", ".join(f"{x:.3f}x" for x in ratios)
        + f" (mean {ratios.mean():.3f} +- {spread:.3f}, standard error over the seeds)"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--channels", type=int, nargs="+", default=[5, 10])
    parser.add_argument("--seeds", type=int, nargs="+", default=[31, 32])
    parser.add_argument("--fraction", type=float, default=1.0)
    parser.add_argument("--bootstrap", type=int, default=400)
    parser.add_argument("--stored-samples-5", type=int, default=300)
    parser.add_argument("--stored-samples-10", type=int, default=100)
    parser.add_argument("--save", help="write the measurements to this .npz file")
    parser.add_argument("--combine", nargs="+", help="summarize saved .npz files, no runs")
    args = parser.parse_args()
    if args.combine:
        results = {}
        for path in args.combine:
            with np.load(path, allow_pickle=True) as f:
                for n1, r in f["results"].item().items():
                    old = results.setdefault(
                        n1, {"befores": [], "seconds": [], "scales": [], "runs": []}
                    )
                    old["befores"].append(r["before"])
                    old["seconds"] += list(r["seconds"])
                    old["scales"] += list(r["scales"])
                    old["runs"] += list(r["runs"])
        for r in results.values():
            r["before"] = float(np.mean(r["befores"]))
            r["pooled_scale"] = pooled_scale(r["runs"])[0]
        summarize(results)
        return
    stored, _ = load("fig2-mc")
    channels = [int(n) for n in stored["channels"]]
    print(f"# bench_fig2_generator; load average {os.getloadavg()}; {vars(args)}")
    results = {}
    with threadpool_limits(1):
        for n1 in args.channels:
            c = channels.index(n1)
            samples = args.stored_samples_5 if n1 == 5 else args.stored_samples_10
            before = FIG2_MC_SAMPLES[n1] * stored_cost(n1, stored, samples)
            print(f"\nN1 = N2 = {n1}, M = {16 * n1}")
            print(f"  before: stored method, {FIG2_MC_SAMPLES[n1]} realizations: {before:6.0f} s")
            runs = []
            for seed in args.seeds:
                r = split_run(n1, stored, c, seed, args.fraction, args.bootstrap)
                runs.append(r)
                after = r["seconds"] * r["scale"]
                print(
                    f"  split, seed {seed}, draws {r['draws']}: sampling {r['t_sample']:.1f} s, "
                    f"estimate {r['t_est']:.1f} s"
                )
                for label, key in (("<G>", "mean_scale"), ("var G", "var_scale")):
                    print(f"    (error / stored)^2 x fraction, {label:5s} per curve: {r[key]}")
                print(
                    f"    design draws x {r['scale']:.3f} reach every stored error: "
                    f"{after:6.0f} s, ratio {before / after:.3f}x; max |z| vs stored: "
                    f"<G> {np.max(np.abs(r['z']['mean_G'])):.2f}, "
                    f"var G {np.max(np.abs(r['z']['var_G'])):.2f}"
                )
            scale, per_curve = pooled_scale(runs)
            print(f"  pooled over the seeds: draws x {scale:.3f}, per curve {per_curve}")
            results[n1] = {
                "before": before,
                "seconds": [r["seconds"] for r in runs],
                "scales": [r["scale"] for r in runs],
                "runs": [{"r2_mean": r["r2_mean"], "r2_var": r["r2_var"]} for r in runs],
                "draws": runs[0]["draws"],
                "pooled_scale": scale,
            }
    summarize(results)
    if args.save:
        np.savez(args.save, results=np.array(results, dtype=object))


if __name__ == "__main__":
    main()
