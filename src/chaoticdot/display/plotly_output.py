"""Plotly figures that render offline in Jupyter and on the website.

A plotly figure is displayed as a MIME bundle with two representations of the same figure:

* ``application/vnd.plotly.v1+json`` (the figure as JSON): JupyterLab and Jupyter Notebook
  draw it with their plotly renderer, which ships its own plotly.js (offline, no kernel needed
  to redraw a saved notebook);
* ``text/html``: a ``<div>`` and a ``Plotly.newPlot`` call, chosen by the website and by
  HTML exports of a notebook. On the website (the book build sets ``CHAOTICDOT_SITE_BUILD=1``)
  the page loads the site's own copy of plotly.js where it is needed
  (``book/_ext/offline_assets.py``); elsewhere the first plotly output of a kernel carries
  plotly.js inline, so that a notebook exported to HTML draws its figures offline too.
"""

from __future__ import annotations

import os

__all__ = ["show_plotly"]

PLOTLY_MIME = "application/vnd.plotly.v1+json"
SITE_BUILD_VARIABLE = "CHAOTICDOT_SITE_BUILD"

# Whether this process has already emitted plotly.js inline (outside the website one copy per
# kernel suffices: later figures of the same notebook find window.Plotly defined).
_inline_library = {"sent": False}


def _include_library() -> bool:
    if os.environ.get(SITE_BUILD_VARIABLE) == "1":
        return False
    first = not _inline_library["sent"]
    _inline_library["sent"] = True
    return first


class _PlotlyOutput:
    """A figure that renders as plotly JSON in Jupyter and as HTML on the website."""

    def __init__(self, fig, height: int):
        self.fig, self.height = fig, height

    def _repr_mimebundle_(self, include=None, exclude=None):
        config = {"displaylogo": False, "responsive": True}
        html = self.fig.to_html(
            include_plotlyjs=_include_library(),
            full_html=False,
            default_height=self.height,
            config=config,
        )
        figure = self.fig.to_plotly_json()
        figure["config"] = config
        return {PLOTLY_MIME: figure, "text/html": html}


def show_plotly(fig, *, height: int | None = None):
    """Return a displayable object that renders ``fig`` offline in Jupyter and on the website.

    Parameters
    ----------
    fig : plotly.graph_objects.Figure
        The figure (sliders and buttons work without a kernel).
    height : int, optional
        Height of the figure in pixels (positive); default: the figure's, else 520.
    """
    if height is not None and (isinstance(height, bool) or not isinstance(height, int)):
        raise TypeError(f"height must be a positive int of pixels or None, got {height!r}")
    if height is not None and height <= 0:
        raise ValueError(f"height must be a positive number of pixels, got {height}")
    return _PlotlyOutput(fig, height or fig.layout.height or 520)
