"""Display helpers for interactive figures in the book.

Plotly figures are written into the page as HTML that calls the site's own copy of plotly.js
(staged by the build, see ``_config.yml``), so the website needs neither a kernel nor a CDN.
"""

from __future__ import annotations

__all__ = ["show_plotly"]


def show_plotly(fig, *, height: int | None = None):
    """Return an ``IPython.display.HTML`` object that renders ``fig`` offline.

    Parameters
    ----------
    fig : plotly.graph_objects.Figure
        The figure (sliders and buttons work without a kernel).
    height : int, optional
        Height of the figure in pixels.
    """
    from IPython.display import HTML

    html = fig.to_html(
        include_plotlyjs=False,  # the page loads the site's local plotly.min.js
        full_html=False,
        default_height=height or fig.layout.height or 520,
        config={"displaylogo": False, "responsive": True},
    )
    return HTML(html)
