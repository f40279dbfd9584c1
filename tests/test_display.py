"""The presentation layer's registry drives the book: every figure shown is registered and
every registered figure is shown; the fast (source-read) listing equals the imported registry;
figure functions take their physics parameters as keywords."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re

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


def _documented(keyword: str, doc: str) -> bool:
    """``keyword`` is named in the docstring as ``keyword`` or on a numpydoc parameter line."""
    numpydoc = re.compile(rf"^\s*(\w+, )*{keyword}(, \w+)* :", re.MULTILINE)
    return f"``{keyword}``" in doc or numpydoc.search(doc) is not None


@pytest.mark.parametrize("name", sorted(display.available()))
def test_figure_parameters_are_documented_keywords_with_defaults(name):
    function = _import_all_figure_modules()[name].function
    parameters = inspect.signature(function).parameters
    assert "quick" in parameters
    for parameter in parameters.values():
        assert parameter.kind is parameter.KEYWORD_ONLY, f"{name}: {parameter.name} positional"
        assert parameter.default is not parameter.empty, f"{name}: {parameter.name} has no default"
        if parameter.name != "quick":
            assert _documented(parameter.name, function.__doc__ or ""), (name, parameter.name)


def test_the_documentation_check_can_fail():
    assert _documented("alphas", "``alphas``: the values")
    assert _documented("study", "Parameters\n    ----------\n    quick, study : bool\n")
    assert not _documented("alphas", "the values of alpha")


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


def _table(name, **parameters):
    import matplotlib.pyplot as plt

    result = display.make(name, quick=True, **parameters)
    plt.close(result.figure)
    return result.table


def test_changed_keywords_give_the_known_limits():
    """Changed physics keywords reach the figures; checked against the limiting values of
    Eqs. (13)-(14) (book appendix, sections Limiting values and Singlet and triplets)."""
    import numpy as np

    # var G at x1 = x2 = 0: 8 without spin-orbit coupling, 2 for strong coupling (scaled units)
    t = _table("covariance-map", alphas=(0.0, np.inf))
    at_origin = (t["xi1"] == 0.0) & (t["xi2"] == 0.0)
    assert list(t["alpha"][at_origin]) == [0.0, np.inf]
    assert np.allclose(t["cov"][at_origin], [8.0, 2.0], rtol=1e-9)
    # cooperon modes at b = 0 minus N: singlet 0, triplets 2a^2 (twice) and 4a^2; a^2 = N = 6
    t = _table("cooperon-spectrum", N=6, a2_over_N=1.0)
    at_b0 = (t["panel"] == "vs_b") & (t["parameter"] == 0.0)
    assert np.allclose(np.sort(t["re_minus_N"][at_b0]), [0.0, 12.0, 12.0, 24.0], atol=1e-9)
    # var G = 8 (N1 N2 / N)^2 / (N + nphi)^2 at zero fields: 0.32 for N1 = N2 = 2, nphi = 1
    t = _table("thermal-smearing", nphi=(1.0,))
    at_de0 = (t["panel"] == "energy correlation") & (t["de"] == 0.0)
    assert np.allclose(t["value"][at_de0], 0.32, rtol=1e-9)
    # without spin-orbit coupling G(x) = G(-x) at any Zeeman field: no asymmetry
    t = _table("parallel-field-asymmetry", a2_over_N=0.0)
    assert np.all(np.abs(t["asymmetry"][t["panel"] == "versus x"]) < 1e-12)
    # the Monte-Carlo traces follow the keyword: without spin-orbit coupling every sample is
    # symmetric, G(x) = G(-x), even with the Zeeman field on
    t = _table("parallel-field-traces", a=0.0)
    assert np.all(np.abs(t["G"] - t["G_reversed"]) < 1e-10)
    # both readings of Fig. 2 give <dG>(x = 0) = -2 (N1 N2 / N^2) for a = 0
    t = _table("fig2-left-readings", alphas=(0.0,))
    assert np.allclose(t["value"][t["xi"] == 0.0], -2.0, rtol=1e-9)
    # E_T = hbar v_F / L with v_F ~ sqrt(n_s); the level spacing does not depend on n_s
    ref, dense = _table("timescales-vs-size"), _table("timescales-vs-size", density_cm2=4 * 5.8e11)
    assert np.allclose(dense["E_T_ueV"] / ref["E_T_ueV"], 2.0, rtol=1e-12)
    assert np.allclose(dense["Delta_ueV"], ref["Delta_ueV"], rtol=1e-12)
