"""Sliders shared by the ipywidgets front ends (explorers and the time-scales calculator)."""

from __future__ import annotations


def slider(kind: str, description: str, value, low, high, **options):
    """An ipywidgets slider that redraws only when released (pictures take a moment).

    Parameters
    ----------
    kind : str
        Widget class of ``ipywidgets``: ``"IntSlider"``, ``"FloatSlider"`` or
        ``"FloatLogSlider"`` (whose ``low, high`` are exponents).
    description : str
        Label shown next to the slider.
    value, low, high
        Initial value and range.
    **options
        Further widget keywords (``step``, ``readout_format``, ``style``, ``layout``, ...).
    """
    import ipywidgets as widgets

    widget = getattr(widgets, kind)
    return widget(
        value=value,
        min=low,
        max=high,
        description=description,
        continuous_update=False,
        **options,
    )
