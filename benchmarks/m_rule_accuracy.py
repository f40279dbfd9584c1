"""Accuracy of the stub-size rule used by ``sample_conductance(M=None)``.

For each parameter point the Gaussian-level weak-localization correction of the stub is
evaluated exactly for the actual finite-M matrix R (chaoticdot.rmt.kernels) at the M chosen
by :func:`chaoticdot.rmt.choose_M`, and compared with its M -> infinity limit, Eq. (13)
(chaoticdot.theory.wl_correction). This isolates the finite-M error from statistical and
finite-N effects. Prints the worst deviations in units of (e^2/h) N1 N2 / N (the scale of
<dG>) and relative to |<dG>|.

Usage: ``python benchmarks/m_rule_accuracy.py [--quick]``
"""

from __future__ import annotations

import argparse
import itertools
import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402

from chaoticdot import rmt, theory  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    Ns = (2, 4) if args.quick else (2, 4, 8)
    worst_scale = (0.0, None)
    worst_rel = (0.0, None)
    print(" N  a^2/N  x^2/N  b/N     M    kernel(M)     Eq.13   dev/scale")
    for N, s_a, s_x, s_b in itertools.product(Ns, (0.0, 0.5, 2.0), (0.0, 1.0, 4.0), (0.0, 1.0)):
        n1 = n2 = N // 2
        a, x, b = np.sqrt(s_a * N), np.sqrt(s_x * N), s_b * N
        M = rmt.choose_M(N, x, a, b, 0.0, 0.0)
        ker = rmt.finite_m_wl_correction(n1, n2, x=x, a=a, b=b, M=M)
        th = theory.wl_correction(n1, n2, x=x, a=a, b=b)
        scale = n1 * n2 / N
        dev = abs(ker - th) / scale
        rel = abs(ker - th) / abs(th)
        print(f"{N:2d} {s_a:6.2f} {s_x:6.2f} {s_b:4.1f} {M:5d} {ker:11.5f} {th:11.5f} {dev:9.4f}")
        if dev > worst_scale[0]:
            worst_scale = (dev, (N, s_a, s_x, s_b, M))
        if rel > worst_rel[0]:
            worst_rel = (rel, (N, s_a, s_x, s_b, M))
    print(
        f"worst |kernel(M) - Eq.13| / (N1 N2 / N) = {worst_scale[0]:.4f} at "
        f"(N, a^2/N, x^2/N, b/N, M) = {worst_scale[1]}"
    )
    print(f"worst relative to |<dG>|: {worst_rel[0]:.3f} at {worst_rel[1]}")


if __name__ == "__main__":
    main()
