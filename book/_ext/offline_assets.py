"""Serve every browser asset from the site itself (the website must work offline).

At ``config-inited`` this extension copies, into ``book/_static/vendor`` (not tracked by git):

* MathJax 3 (``tex-chtml.js`` and the components it loads on demand) and RequireJS, from the
  npm packages pinned in ``package.json`` (``npm ci`` puts them in ``node_modules``);
* the Jupyter widgets HTML manager (``embed-amd.js`` and its fonts), also from npm;
* ``plotly.min.js`` from the installed ``plotly`` Python package, so the plotly version on the
  page is the one that produced the figures.

``_config.yml`` points ``mathjax_path``, ``nb_ipywidgets_js`` and ``html_js_files`` at these
copies; plotly.js (4.7 MB) and the script that makes plotly figures follow the dark theme are
added only to the pages that show a plotly figure. A missing ``node_modules`` is an error
with the command that fixes it. Thebe (remote kernels through Binder) is switched off: it
needs the internet.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from sphinx.errors import ExtensionError

VENDOR = Path("book") / "_static" / "vendor"

# MathJax 3: the combined TeX->CHTML component plus the folders it loads lazily.
_MATHJAX_ITEMS = ["tex-chtml.js", "input", "output", "ui", "a11y", "adaptors", "sre"]
_WIDGET_SUFFIXES = (".woff2", ".woff", ".eot", ".ttf", ".svg")


def _copy(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    if src.is_dir():
        shutil.copytree(src, dst, dirs_exist_ok=True)
    elif not dst.exists() or dst.stat().st_mtime < src.stat().st_mtime:
        shutil.copy2(src, dst)


def stage_assets(root: Path) -> Path:
    """Copy the vendored assets below ``root / VENDOR``; return that directory."""
    modules = root / "node_modules"
    if not (modules / "mathjax").is_dir():
        raise ExtensionError(
            "node_modules/ is missing the site's browser assets; run `npm ci` "
            "(or `make assets`) in the repository root"
        )
    vendor = root / VENDOR
    mathjax = modules / "mathjax" / "es5"
    for item in _MATHJAX_ITEMS:
        _copy(mathjax / item, vendor / "mathjax" / item)
    _copy(modules / "requirejs" / "require.js", vendor / "require.js")
    widgets = modules / "@jupyter-widgets" / "html-manager" / "dist"
    _copy(widgets / "embed-amd.js", vendor / "html-manager" / "embed-amd.js")
    for font in widgets.iterdir():
        if font.suffix in _WIDGET_SUFFIXES:
            _copy(font, vendor / "html-manager" / font.name)
    import plotly

    plotly_js = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    _copy(plotly_js, vendor / "plotly.min.js")
    return vendor


def _on_config_inited(app, config):
    stage_assets(Path(app.confdir))
    # Chapter kernels inherit the environment: plotly outputs then leave plotly.js to the
    # page (chaoticdot.display.plotly_output) instead of carrying a copy each.
    os.environ["CHAOTICDOT_SITE_BUILD"] = "1"
    _drop_thebe(app)
    # the theme starts from localStorage's mode or this default; without it a first visit
    # logs "Got invalid theme mode" to the console
    config.html_context = {**(config.html_context or {}), "default_mode": "auto"}


def _drop_thebe(app) -> None:
    """Remove sphinx-thebe's page scripts (Jupyter Book loads it unconditionally).

    Thebe runs code on a remote Binder kernel and names an external script URL on every page,
    neither of which fits an offline site; its config script was also injected twice per page,
    a JavaScript error.
    """
    for listeners in app.events.listeners.values():
        listeners[:] = [
            lst for lst in listeners if not lst.handler.__module__.startswith("sphinx_thebe")
        ]
    app.registry.css_files[:] = [
        (name, attrs) for name, attrs in app.registry.css_files if name != "sphinx-thebe.css"
    ]


def _place_widget_fonts(app, exception):
    """Copy the widget icon fonts to where the widgets manager looks for them.

    The manager's bundle requests its fonts at ``@jupyter-widgets/html-manager/dist/`` relative
    to the *page* (a public path fixed when the bundle was built), so every folder with a page
    that uses widgets gets a copy (a few hundred kB).
    """
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    fonts = [
        p
        for p in (Path(app.confdir) / VENDOR / "html-manager").iterdir()
        if p.suffix in _WIDGET_SUFFIXES
    ]
    folders = {
        page.parent
        for page in outdir.rglob("*.html")
        if "embed-amd.js" in page.read_text(encoding="utf-8", errors="ignore")
    }
    for folder in folders:
        # the bundle's icon stylesheet asks one folder higher than its own fonts: both places
        for target in (
            folder / "@jupyter-widgets" / "html-manager" / "dist",
            folder / "@jupyter-widgets",
        ):
            for font in fonts:
                _copy(font, target / font.name)


def _plotly_where_needed(app, pagename, templatename, context, doctree):
    """Load plotly.js on the pages whose body draws a plotly figure, and nowhere else."""
    if "Plotly.newPlot" in context.get("body", ""):
        # before require.js (priority 200 in nb_ipywidgets_js), so that plotly defines
        # window.Plotly instead of registering an anonymous AMD module
        app.add_js_file("vendor/plotly.min.js", priority=100)
        app.add_js_file("plotly-theme.js", priority=101)


def _drop_icon_script(app, exception):
    """Replace the theme's 1.5 MB icon script by a stub: its CSS already draws the icons.

    pydata-sphinx-theme ships Font Awesome twice, as a stylesheet with web fonts (inside its
    own CSS) and as a script that swaps every icon for an inline SVG. The script is the largest
    file of every page and adds nothing the stylesheet does not show.
    """
    if exception is not None or app.builder.format != "html":
        return
    script = Path(app.outdir) / "_static" / "scripts" / "fontawesome.js"
    css = Path(app.outdir) / "_static" / "styles" / "pydata-sphinx-theme.css"
    if script.is_file() and "fa-solid-900" in css.read_text(encoding="utf-8", errors="ignore"):
        script.write_text("/* icons come from the theme's stylesheet (web fonts) */\n")


def setup(app):
    app.connect("config-inited", _on_config_inited)
    app.connect("build-finished", _drop_icon_script)
    app.connect("html-page-context", _plotly_where_needed)
    app.connect("build-finished", _place_widget_fonts)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
