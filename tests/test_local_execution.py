"""Running the chapters outside the website: JupyterLab, plain notebooks, `make chapter`.

* plotly figures carry their own renderer's format (plotly JSON, drawn by JupyterLab's plotly
  extension, which bundles plotly.js) next to the website's HTML;
* opening and saving a chapter in JupyterLab (a jupytext round trip) leaves it unchanged;
* a chapter executes with the Python environment alone, as ``make chapter`` does.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import jupytext
import pytest

from chaoticdot.display.interactive import wl_alpha_slider
from chaoticdot.display.plotly_output import PLOTLY_MIME, show_plotly

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _load(name: str):
    sys.path.insert(0, str(ROOT / "book" / "_ext"))
    try:
        spec = importlib.util.spec_from_file_location(name, ROOT / "book/_ext" / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(ROOT / "book" / "_ext"))
    return module


downloads = _load("downloads")


def test_plotly_output_renders_in_jupyter_and_on_the_site():
    fig = wl_alpha_slider(n_points=20)
    bundle = show_plotly(fig, height=300)._repr_mimebundle_()
    figure = bundle[PLOTLY_MIME]
    json.dumps(figure)  # a notebook stores it as JSON
    assert len(figure["data"]) == len(fig.data) and figure["layout"]["sliders"]
    assert "Plotly.newPlot" in bundle["text/html"]
    assert "<script src" not in bundle["text/html"]  # no CDN anywhere


_FIRST_TWO_OUTPUTS = """
import json
from chaoticdot.display.interactive import wl_alpha_slider
from chaoticdot.display.plotly_output import show_plotly
fig = wl_alpha_slider(n_points=5)
html = [show_plotly(fig)._repr_mimebundle_()["text/html"] for _ in range(2)]
print(json.dumps([len(h) for h in html] + ["plotly.js v" in h for h in html]))
"""


@pytest.mark.parametrize("site", [False, True])
def test_plotly_js_travels_with_a_plain_notebook_but_not_with_the_site(site):
    """Outside the site the first figure of a kernel carries plotly.js (HTML exports draw
    offline); in the book build (CHAOTICDOT_SITE_BUILD=1) the page supplies it."""
    env = {k: v for k, v in os.environ.items() if k != "CHAOTICDOT_SITE_BUILD"}
    if site:
        env["CHAOTICDOT_SITE_BUILD"] = "1"
    out = subprocess.run(
        [sys.executable, "-c", _FIRST_TWO_OUTPUTS], env=env, capture_output=True, check=True
    )
    first_len, second_len, first_has, second_has = json.loads(out.stdout)
    assert second_has is False and second_len < 1_000_000
    assert first_has is (not site)
    assert (first_len > 3_000_000) is (not site)  # the whole library, inline


def test_show_plotly_rejects_bad_height():
    fig = wl_alpha_slider(n_points=5)
    with pytest.raises(ValueError, match="height"):
        show_plotly(fig, height=0)
    with pytest.raises(TypeError, match="height"):
        show_plotly(fig, height=2.5)


def test_jupyterlab_has_an_offline_plotly_renderer():
    extension = Path(sys.prefix) / "share/jupyter/labextensions/jupyterlab-plotly"
    if not extension.exists():
        pytest.skip("JupyterLab's plotly extension is not installed in this environment")
    package = json.loads((extension / "package.json").read_text())
    assert package["jupyterlab"]["mimeExtension"]
    bundles = (p.read_text(errors="ignore") for p in (extension / "static").glob("*.js"))
    assert any(PLOTLY_MIME in text for text in bundles), "the extension renders plotly JSON"


def test_executed_chapter_carries_its_plotly_figures():
    """The executed notebook of a chapter with sliders holds plotly JSON with its data."""
    executed = ROOT / "_build/html/_sources/book/weak_localization.ipynb"
    if not executed.exists():
        pytest.skip("no built site: run `make book` first")
    notebook = json.loads(executed.read_text())
    figures = [
        out["data"][PLOTLY_MIME]
        for cell in notebook["cells"]
        for out in cell.get("outputs", [])
        if PLOTLY_MIME in out.get("data", {})
    ]
    assert figures, "no plotly figure in the executed chapter"
    assert all(f["data"] and f["layout"].get("sliders") for f in figures)


@pytest.mark.parametrize("docname", downloads.chapters(ROOT))
def test_saving_in_jupyterlab_changes_nothing(docname):
    """JupyterLab reads a chapter through jupytext and writes it back the same way."""
    text = (ROOT / f"{docname}.md").read_text(encoding="utf-8")
    notebook = jupytext.reads(text, fmt="md:myst")
    assert jupytext.writes(notebook, fmt="md:myst") == text, (
        f"{docname}.md is not in canonical form: run `make normalize`"
    )


@pytest.mark.slow
def test_a_chapter_executes_with_python_only(tmp_path):
    """What `make chapter CHAPTER=device` does: jupytext, then jupyter-execute; no browser."""
    notebook = tmp_path / "device.ipynb"
    env = {**os.environ, "OMP_NUM_THREADS": "1", "PATH": f"{BIN}:/usr/bin:/bin"}
    subprocess.run(
        [str(BIN / "jupytext"), "--to", "ipynb", "--output", str(notebook), "book/device.md"],
        cwd=ROOT,
        check=True,
        env=env,
        capture_output=True,
    )
    subprocess.run(
        [str(BIN / "jupyter-execute"), "--inplace", str(notebook)],
        cwd=ROOT / "book",
        check=True,
        env=env,
        capture_output=True,
        timeout=300,
    )
    executed = json.loads(notebook.read_text())
    images = [
        out
        for cell in executed["cells"]
        for out in cell.get("outputs", [])
        if "image/png" in out.get("data", {})
    ]
    assert images, "the device chapter's figure was not drawn"
