"""Finishing a panel: reference lines, axis labels and title, legend."""

from __future__ import annotations

#: The line ``y = 0`` (the sign of a correction) and dotted lines at reference values
#: (limits the curves tend to), drawn thin and grey so that they stay behind the data.
ZERO_LINE = {"color": "0.6", "lw": 0.8}
LEVEL_LINE = {"color": "0.7", "lw": 0.8, "ls": ":"}


def finish_axes(ax, *, zero_line: bool = False, levels=(), legend=None, **labels) -> None:
    """Draw the reference lines of panel ``ax``, label it and add its legend.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The panel.
    zero_line : bool
        Draw the line ``y = 0`` (style :data:`ZERO_LINE`).
    levels : sequence of float
        Reference values drawn as horizontal dotted lines (style :data:`LEVEL_LINE`).
    legend : dict or None
        Keywords of ``Axes.legend`` (e.g. ``{"fontsize": 8}``); ``None``: no legend.
    **labels
        ``xlabel``, ``ylabel``, ``title`` and other properties of ``Axes.set``.
    """
    if zero_line:
        ax.axhline(0.0, **ZERO_LINE)
    for level in levels:
        ax.axhline(level, **LEVEL_LINE)
    ax.set(**labels)
    if legend is not None:
        ax.legend(**legend)
