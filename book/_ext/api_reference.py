"""The book's API reference, generated from the library's layers and their ``__all__``.

``LAYERS`` below is the one place that says what the reference contains: for every layer of
the library, the modules whose public names (their ``__all__``) are documented. A module entry
may name alternatives separated by ``|``; the first importable one is used (so the reference
follows the library while modules move). A new module is one line here.

A page of the book holds ``{api-layer} <layer>``; the directive expands to a summary table and
one autodoc entry per public name (docstrings in numpydoc style, read by ``napoleon``; their
``.. math::`` and ``:math:`` are typeset by the site's MathJax). The ``cli`` layer renders the
command line's ``--help`` texts.
"""

from __future__ import annotations

import importlib
import inspect

from docutils import nodes
from docutils.parsers.rst import Directive
from docutils.statemachine import StringList
from sphinx.util.nodes import nested_parse_with_titles

LAYERS: dict[str, list[str]] = {
    "physics": [
        "chaoticdot.theory",
        "chaoticdot.theory.scaled",
        "chaoticdot.theory.large_n",
        "chaoticdot.theory.parallel_field",
        "chaoticdot.theory.high_temperature",
        "chaoticdot.theory.single_channel",
        "chaoticdot.rmt",
        "chaoticdot.lattice",
        "chaoticdot.units",
        "chaoticdot.gauge",
        "chaoticdot.pauli",
        "chaoticdot.perturbation_model",
        "chaoticdot.paper_conventions",
        "chaoticdot.parallel",
        "chaoticdot.tables",
        "chaoticdot.kwant_crosscheck",
    ],
    "studies": [
        "chaoticdot.studies",
        "chaoticdot.studies.fig2_mc",
        "chaoticdot.studies.finite_n",
        "chaoticdot.studies.fluctuations",
        "chaoticdot.studies.parallel_field",
        "chaoticdot.studies.dephasing_temperature",
        "chaoticdot.studies.random_matrix",
        "chaoticdot.studies.lattice",
        "chaoticdot.studies.voltage_probe",
        "chaoticdot.studies.lattice_scaling",
        "chaoticdot.studies.dephasing_mc",
        "chaoticdot.studies.fig2_split",
    ],
    "display": [
        "chaoticdot.display",
        "chaoticdot.display.interactive",
        "chaoticdot.display.explorers",
        "chaoticdot.display.explorers_timescales",
    ],
    "cli": ["chaoticdot.__main__"],
}


def resolve(entry: str):
    """The first importable module among the ``|``-separated alternatives, or ``None``."""
    for name in (part.strip() for part in entry.split("|")):
        try:
            return importlib.import_module(name)
        except ImportError:
            continue
    return None


def modules(layer: str) -> list:
    """The importable modules of ``layer`` (see ``LAYERS``)."""
    if layer not in LAYERS:
        raise ValueError(f"layer must be one of {sorted(LAYERS)}, got {layer!r}")
    found = [resolve(entry) for entry in LAYERS[layer]]
    return [m for m in found if m is not None]


def _summary(obj) -> str:
    doc = inspect.getdoc(obj) or ""
    return doc.strip().split("\n\n")[0].replace("\n", " ")


def _kind(obj) -> str:
    if inspect.isclass(obj):
        return "class"
    if callable(obj):
        return "function"
    return "data"


def _module_lines(module) -> list[str]:
    name = module.__name__
    title = f"``{name}``"
    lines = [title, "-" * len(title), "", ".. py:module:: " + name, ""]
    summary = _summary(module)
    if summary:
        lines += [summary, ""]
    public = list(getattr(module, "__all__", []))
    if not public:
        return lines
    lines += [".. autosummary::", ""]
    lines += [f"   {attr}" for attr in public]  # relative to the current module
    lines.append("")
    for attr in public:
        kind = _kind(getattr(module, attr))
        lines.append(f".. auto{kind}:: {name}.{attr}")
        if kind == "class":
            lines += ["   :members:", "   :show-inheritance:"]
        if kind == "data":
            lines.append("   :no-value:")
        lines.append("")
    return lines


def _cli_lines(module) -> list[str]:
    lines = ["Command line", "-" * 12, "", _summary(module), ""]
    parser = module.build_parser()
    helps = [("python -m chaoticdot --help", parser.format_help())]
    for action in parser._subparsers._group_actions:  # argparse keeps subcommands here only
        for command, sub in action.choices.items():
            helps.append((f"python -m chaoticdot {command} --help", sub.format_help()))
    for command, text in helps:
        lines += [f"``{command}``", "", ".. code-block:: text", ""]
        lines += ["   " + line for line in text.rstrip().splitlines()]
        lines.append("")
    return lines


class ApiLayer(Directive):
    """``{api-layer} physics``: the reference of one layer of the library."""

    required_arguments = 1

    def run(self):
        layer = self.arguments[0]
        try:
            found = modules(layer)
        except ValueError as exc:
            raise self.error(str(exc)) from exc
        lines: list[str] = []
        for module in found:
            if layer == "cli":
                lines += _cli_lines(module)
            else:
                lines += _module_lines(module)
        container = nodes.section()
        container.document = self.state.document
        nested_parse_with_titles(self.state, StringList(lines, source=f"api:{layer}"), container)
        return container.children


def _tolerate_untitled_sections() -> None:
    """Let sphinx-codeautolink walk sections without a title node.

    Its visitor pops a title for every section it leaves; sections that myst-nb and
    sphinx-exercise create without a title would empty that stack and abort the build.
    """
    from sphinx_codeautolink.extension import block

    def depart_section(self, node) -> None:
        if self.title_stack:
            self.title_stack.pop()

    block.CodeBlockAnalyser.depart_section = depart_section


def _drop_type_docstrings(app, what, name, obj, options, lines):
    """A constant without its own doc comment shows no text rather than its type's docstring."""
    if what not in ("data", "attribute") or not lines:
        return
    own = " ".join(" ".join(lines).split())
    inherited = type(obj).__doc__
    inherited = " ".join(inherited.split()) if isinstance(inherited, str) else ""
    if own == inherited:
        lines[:] = []


def setup(app):
    app.add_directive("api-layer", ApiLayer)
    # before napoleon (priority 500) rewrites the lines
    app.connect("autodoc-process-docstring", _drop_type_docstrings, priority=400)
    _tolerate_untitled_sections()
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
