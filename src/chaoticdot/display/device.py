"""Figure 1 of the paper, redrawn: a chaotic dot, two point contacts and a partial gate."""

from __future__ import annotations

import numpy as np

from . import FigureResult, register

__all__ = ["dot_outline", "fig1_device"]


def dot_outline(n: int = 400, *, radius: float = 1.0, wobble: float = 0.16):
    """Closed outline of an irregular (chaotic) dot, in units of its mean radius.

    A circle deformed by two low harmonics: enough to break the integrable shape, smooth
    enough to look like a gate-defined dot.

    Returns
    -------
    x, y : ndarray
        Coordinates of ``n`` points on the outline (the last equals the first).
    """
    phi = np.linspace(0.0, 2.0 * np.pi, n)
    r = radius * (1.0 + wobble * np.cos(2 * phi + 0.4) + 0.6 * wobble * np.sin(3 * phi))
    return r * np.cos(phi), r * np.sin(phi)


@register("fig1-device", "Fig. 1 redrawn: chaotic dot, two point contacts, partial metal gate")
def fig1_device(*, quick: bool = False) -> FigureResult:
    """Schematic of the device of the paper's Fig. 1 (no physics computed).

    The dot is drawn as an irregular outline, the point contacts as constrictions in the
    depletion gates on the left and right, and the metal top gate (hatched) covers the upper
    half of the dot, where the Rashba length takes the value
    ``1/lambda = 1/lambda_bar + 1/(2 lambda_s)`` (and ``1/lambda_bar - 1/(2 lambda_s)`` below).
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Polygon, Rectangle

    x, y = dot_outline()
    fig, ax = plt.subplots(figsize=(7.0, 4.2))
    # depleted region (grey) with the dot and the two leads cut out (white)
    ax.add_patch(Rectangle((-2.6, -1.6), 5.2, 3.2, color="0.80", zorder=0))
    ax.add_patch(Polygon(np.c_[x, y], closed=True, color="white", zorder=1))
    lead_half_width = 0.13
    # dot wall with openings at the two point contacts
    wall_x, wall_y = x.copy(), y.copy()
    opening = (np.abs(y) < lead_half_width) & (np.abs(x) > 0.5)
    wall_x[opening] = np.nan
    ax.plot(wall_x, wall_y, color="black", lw=1.2, zorder=3)
    for side in (-1, 1):
        corners = []
        for sign in (-1, 1):
            # each lead wall starts where the dot wall ends
            on_side = (np.sign(x) == side) & (np.sign(y) == sign) & ~opening
            start = np.argmin(np.where(on_side, np.abs(y), np.inf))
            ax.plot([x[start], side * 2.6], [y[start], sign * 0.5], color="black", lw=1.2, zorder=3)
            corners.append((x[start], y[start]))
        lead = [corners[0], (side * 2.6, -0.5), (side * 2.6, 0.5), corners[1], (0.0, 0.0)]
        ax.add_patch(Polygon(lead, closed=True, color="white", zorder=1))
    # metal gate over the upper half of the dot (hatched)
    gate = Polygon(
        np.c_[np.r_[x[y >= 0], -1.35, 1.35], np.r_[y[y >= 0], 0.0, 0.0]][:-2],
        closed=True,
        fill=False,
        hatch="///",
        edgecolor="tab:blue",
        lw=0.0,
        zorder=2,
    )
    ax.add_patch(gate)
    ax.plot([-1.25, 1.25], [0.0, 0.0], color="tab:blue", lw=1.5, ls="--", zorder=3)
    # an illustrative ballistic path: straight chords between wall points
    rng = np.random.default_rng(7)
    hits = rng.choice(len(x) - 1, size=9, replace=False)
    path = 0.97 * np.c_[x[hits], y[hits]]
    path = np.r_[[[-1.05, 0.0]], path, [[1.0, 0.02]]]
    ax.plot(*path.T, color="tab:red", lw=0.9, alpha=0.75, zorder=2)
    ax.annotate("lead 1\n$N_1$ channels", (-2.0, 0.0), ha="center", va="center", fontsize=10)
    ax.annotate("lead 2\n$N_2$ channels", (2.0, 0.0), ha="center", va="center", fontsize=10)
    ax.annotate(
        "metal gate\n" r"$\lambda^{-1}=\bar\lambda^{-1}+\frac{1}{2}\lambda_s^{-1}$",
        (0.0, 1.35),
        ha="center",
        va="bottom",
        fontsize=10,
        color="tab:blue",
    )
    ax.annotate(
        r"$\lambda^{-1}=\bar\lambda^{-1}-\frac{1}{2}\lambda_s^{-1}$",
        (0.0, -1.35),
        ha="center",
        va="top",
        fontsize=10,
    )
    ax.annotate(
        "point contact",
        (-0.95, -0.18),
        xytext=(-1.9, -1.25),
        fontsize=9,
        arrowprops={"arrowstyle": "->", "lw": 0.8},
    )
    ax.annotate(
        "point contact",
        (0.95, -0.18),
        xytext=(1.3, -1.25),
        fontsize=9,
        arrowprops={"arrowstyle": "->", "lw": 0.8},
    )
    ax.set_xlim(-2.6, 2.6)
    ax.set_ylim(-1.7, 1.95)
    ax.set_aspect("equal")
    ax.axis("off")
    fig.tight_layout()
    table = {"outline_x": x, "outline_y": y}
    return FigureResult(fig, table)
