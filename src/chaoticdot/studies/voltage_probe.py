"""Voltage probe versus absorbing stub: two models of dephasing at few channels.

Two ways of putting dephasing into the stub model of Eqs. (5)-(7):

* ``absorbing``: a uniform imaginary potential ``-i hbar / 2 tau_phi`` (the escape into a
  fictitious lead without re-injection), with the conductance from Eq. (4);
* ``probe``: a true Buttiker voltage probe, a third lead of ``N_phi`` orbital channels whose
  voltage adjusts so that it draws no net current (Buttiker, IBM J. Res. Dev. 32, 63 (1988)).

To leading order in ``1/N`` both give ``N_{C,D} -> N_{C,D} + N_phi`` in Eqs. (13)-(14); this
study measures where they part at ``N1 = N2 = 1, 2`` (mean, variance and the distribution of
``G``) with the same realizations for every ``N_phi`` (correlated sampling) and no field or
spin-orbit coupling. Units: ``G`` in ``e^2/h``.
"""

from __future__ import annotations

import numpy as np

from .. import rmt, theory

__all__ = ["PROBE_STUDY", "probe_comparison"]

#: Settings of the comparison (channels per lead, probe channels, realizations, stub size rule).
PROBE_STUDY = {
    "n": (1, 2),
    "nphi": (0, 1, 2, 4),
    "samples": 3000,
    "samples_quick": 400,
    "M_per_channel": 10,
    "seed": 2002,
}


def probe_comparison(quick: bool = False) -> dict:
    """Monte-Carlo statistics of ``G`` for both dephasing models.

    Parameters
    ----------
    quick : bool
        Fewer realizations (for smoke tests).

    Returns
    -------
    dict
        ``nphi`` (array) and, per ``n`` in ``PROBE_STUDY["n"]`` (key ``n``), a dict with
        ``M``, ``samples``, ``G_probe`` and ``G_absorbing`` (shape ``(samples, len(nphi))``),
        ``mean_*``/``mean_*_err`` and ``var_*``/``var_*_err`` for ``* = probe, absorbing``,
        and the leading-order theory ``mean_theory``, ``var_theory`` (``N -> N + nphi``).
    """
    if not isinstance(quick, bool | np.bool_):
        raise TypeError(f"quick must be a bool, got {quick!r}")
    p = PROBE_STUDY
    nphi = np.asarray(p["nphi"], dtype=float)
    samples = p["samples_quick"] if quick else p["samples"]
    out: dict = {"nphi": nphi}
    for n in p["n"]:
        N = 2 * n
        # The same M for both models: ten times the channels of the largest three-lead dot.
        M = p["M_per_channel"] * (N + int(nphi.max()))
        res = {"M": M, "samples": samples}
        for model in ("probe", "absorbing"):
            g = rmt.sample_conductance(
                n, n, nphi=nphi, M=M, samples=samples, seed=p["seed"] + n, dephasing=model
            )
            m, v = rmt.mean(g), rmt.variance(g)
            res[f"G_{model}"] = g
            res[f"mean_{model}"], res[f"mean_{model}_err"] = m.value, m.error
            res[f"var_{model}"], res[f"var_{model}_err"] = v.value, v.error
        res["mean_theory"] = theory.mean_conductance(n, n, nphi=nphi)
        res["var_theory"] = theory.conductance_variance(n, n, nphi=nphi)
        out[n] = res
    return out
