"""The presentation layer's registry drives the book: every figure shown is registered and
every registered figure is shown; the fast (source-read) listing equals the imported registry;
figure functions take their physics parameters as keywords."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

from _chapters import chapters, figures_shown
from chaoticdot import display


def _import_all_figure_modules():
    for info in pkgutil.iter_modules(display.__path__):
        importlib.import_module(f"chaoticdot.display.{info.name}")
    return display._REGISTRY


def test_source_listing_equals_imported_registry():
    registry = _import_all_figure_modules()
    assert display.available() == {k: registry[k].description for k in sorted(registry)}


def test_every_shown_figure_is_registered_and_every_registered_figure_is_shown():
    shown = [name for chapter in chapters() for name in figures_shown(chapter)]
    registered = set(display.available())
    assert sorted(set(shown) - registered) == [], "chapters show unregistered figures"
    assert sorted(registered - set(shown)) == [], "registered figures shown in no chapter"
    assert len(shown) == len(set(shown)), "a figure is shown twice"


def test_the_chapter_parser_finds_figures():
    """The parser is not vacuous: the chapter of the paper's Fig. 2 shows its left panel."""
    assert "fig2-left" in figures_shown("weak_localization")
    assert figures_shown("references") == []


@pytest.mark.parametrize("name", sorted(display.available()))
def test_figure_parameters_are_keywords_with_defaults(name):
    function = _import_all_figure_modules()[name].function
    for parameter in inspect.signature(function).parameters.values():
        assert parameter.kind in (parameter.KEYWORD_ONLY, parameter.POSITIONAL_OR_KEYWORD), name
        assert parameter.default is not parameter.empty, f"{name}: {parameter.name} has no default"
    assert "quick" in inspect.signature(function).parameters


def test_make_rejects_bad_names():
    with pytest.raises(ValueError, match="unknown figure"):
        display.make("no-such-figure")
    with pytest.raises(TypeError, match="name"):
        display.make(3)


def test_physics_keywords_reach_the_figure():
    """A reader changes a parameter in the notebook: the curves follow, the stored Monte
    Carlo is drawn only where it exists (a = 0 is stored, a = 2 is not)."""
    import matplotlib.pyplot as plt

    from chaoticdot.theory.scaled import scaled_wl_correction

    result = display.make("fig2-left", quick=True, alphas=(0.0, 2.0))
    plt.close(result.figure)
    table = result.table
    curves = table["source"] == "Eq. 13"
    assert set(table["alpha"][curves]) == {0.0, 2.0}
    assert set(table["alpha"][~curves]) == {0.0}
    at_two = curves & (table["alpha"] == 2.0)
    expected = scaled_wl_correction(table["xi"][at_two], 2.0)
    assert abs(table["value"][at_two] - expected).max() < 1e-12
    with pytest.raises(TypeError):
        display.make("fig2-left", quick=True, no_such_parameter=1.0)
