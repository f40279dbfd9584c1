"""Where the points of a quick regeneration sit in the shipped file of its dataset."""

from __future__ import annotations

import numpy as np


def fig2_points(full, quick):
    """Indices of the quick run's (channel, alpha, xi) points in the stored ``fig2-mc`` grid."""
    c = [int(np.flatnonzero(full["channels"] == n1)[0]) for n1 in quick["channels"]]
    j = [int(np.flatnonzero(np.isclose(full["xi"], xi))[0]) for xi in quick["xi"]]
    return np.ix_(c, range(len(full["alpha"])), j)


def finite_n_rows(full, quick):
    """Row of the stored ``finite-n`` file for every row of the quick run."""
    rows = []
    for i in range(len(quick["n"])):
        same = (
            (full["n"] == quick["n"][i])
            & np.isclose(full["xi"], quick["xi"][i])
            & (
                np.isclose(full["a2_over_N"], quick["a2_over_N"][i])
                | (np.isinf(full["a2_over_N"]) & np.isinf(quick["a2_over_N"][i]))
            )
        )
        (j,) = np.flatnonzero(same)
        rows.append(j)
    return np.array(rows)


#: Datasets checked by regeneration, with the matcher of their points.
MATCHERS = {"fig2-mc": fig2_points, "finite-n": finite_n_rows}
