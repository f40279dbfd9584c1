"""Throughput of the analytic theory: parameter points per second, batched.

Targets: >= 1e6 points/s for the closed forms (Eqs. 13-14), >= 1e5 points/s for the general
4x4 cooperon/diffuson route. Every call evaluates a whole array of random parameter points
(no Python loop over points); the best of several repetitions is reported.

Usage::

    OPENBLAS_NUM_THREADS=1 python benchmarks/bench_theory.py [--points N] [--repeat R]
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from chaoticdot.theory import (
    conductance_covariance,
    conductance_covariance_general,
    conductance_variance,
    wl_correction,
    wl_correction_general,
)


def random_parameters(n: int, seed: int = 0) -> dict:
    rng = np.random.default_rng(seed)
    return dict(
        N1=rng.integers(1, 20, n),
        N2=rng.integers(1, 20, n),
        x1=rng.normal(scale=3, size=n),
        x2=rng.normal(scale=3, size=n),
        a=np.abs(rng.normal(scale=2, size=n)),
        b1=rng.normal(scale=5, size=n),
        b2=rng.normal(scale=5, size=n),
        de=rng.normal(scale=5, size=n),
        nphi=rng.exponential(size=n),
        kT=rng.exponential(size=n),
    )


def _general_fields(p):
    zeros = np.zeros_like(p["a"])
    return dict(
        so_axes=(p["a"], p["a"], zeros),
        b1_vec=(p["b1"], zeros, p["b2"]),
        b2_vec=(p["b2"], p["b1"], zeros),
    )


# (name, fraction of --points, function of the parameter arrays)
CASES = [
    (
        "closed form  <dG>          (Eq. 13)",
        1.0,
        lambda p: wl_correction(p["N1"], p["N2"], x=p["x1"], a=p["a"], b=p["b1"], nphi=p["nphi"]),
    ),
    (
        "closed form  <dG>, tilted  (Schur form)",
        1.0,
        lambda p: wl_correction(
            p["N1"], p["N2"], x=p["x1"], a=p["a"], b=p["b1"], nphi=p["nphi"], b_direction=(1, 1, 1)
        ),
    ),
    (
        "closed form  cov           (Eq. 14)",
        1.0,
        lambda p: conductance_covariance(
            p["N1"],
            p["N2"],
            x1=p["x1"],
            x2=p["x2"],
            a=p["a"],
            b1=p["b1"],
            b2=p["b2"],
            de=p["de"],
            nphi=p["nphi"],
        ),
    ),
    (
        "general 4x4  <dG>",
        0.1,
        lambda p: wl_correction_general(
            p["N1"],
            p["N2"],
            x=p["x1"],
            nphi=p["nphi"],
            so_axes=_general_fields(p)["so_axes"],
            b_vec=_general_fields(p)["b1_vec"],
        ),
    ),
    (
        "general 4x4  cov",
        0.1,
        lambda p: conductance_covariance_general(
            p["N1"],
            p["N2"],
            x1=p["x1"],
            x2=p["x2"],
            de=p["de"],
            nphi=p["nphi"],
            **_general_fields(p),
        ),
    ),
    (
        "closed form  var, kT > 0   (exact thermal)",
        0.01,
        lambda p: conductance_variance(
            p["N1"], p["N2"], x=p["x1"], a=p["a"], b=p["b1"], nphi=p["nphi"], kT=p["kT"]
        ),
    ),
    (
        "general 4x4  cov, kT > 0   (exact thermal)",
        0.01,
        lambda p: conductance_covariance_general(
            p["N1"],
            p["N2"],
            x1=p["x1"],
            x2=p["x2"],
            de=p["de"],
            nphi=p["nphi"],
            kT=p["kT"],
            **_general_fields(p),
        ),
    ),
]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--points",
        type=int,
        default=1_000_000,
        help="points for the closed forms (other cases use a fraction)",
    )
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    print(f"{'case':44s} {'points':>9s} {'best time / s':>14s} {'points / s':>12s}")
    for name, fraction, run in CASES:
        n = max(1, int(args.points * fraction))
        params = random_parameters(n)
        run(params)  # warm-up
        best = min(_timed(run, params) for _ in range(args.repeat))
        print(f"{name:44s} {n:9d} {best:14.4f} {n / best:12.3g}")


def _timed(fn, params) -> float:
    start = time.perf_counter()
    fn(params)
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
