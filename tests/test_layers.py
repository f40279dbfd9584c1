"""The library's layers: physics -> studies -> presentation -> chapters and command line.

Checked on the sources (by AST, nothing is imported): no module imports a layer above its own,
the studies import no plotting library, and neither the chapters nor the tests import a
private module of the library.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "chaoticdot"

#: Layer of every top-level name of the package (a module or a subpackage).
LAYERS = {
    "physics": 0,
    "studies": 1,
    "display": 2,
    "__main__": 3,
}
PHYSICS = {
    "theory",
    "rmt",
    "lattice",
    "units",
    "gauge",
    "pauli",
    "perturbation_model",
    "tables",
    "parallel",
    "paper_conventions",
    "kwant_crosscheck",
    "_validation",
    "_signatures",
    "_arrays",
    "_registry",
    "__init__",
}
PLOTTING = ("matplotlib", "plotly", "ipywidgets", "IPython")


def _layer(top: str) -> int:
    if top in PHYSICS:
        return LAYERS["physics"]
    if top not in LAYERS:
        raise AssertionError(
            f"chaoticdot.{top} belongs to no layer; add it to tests/test_layers.py"
        )
    return LAYERS[top]


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[str]:
    """Absolute names of every module imported by ``path`` (relative imports resolved)."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                stem = ".".join(base + ([node.module] if node.module else []))
            else:
                stem = node.module or ""
            names.append(stem)
            # ``from . import studies`` imports a submodule
            names += [f"{stem}.{alias.name}" for alias in node.names]
    return names


SOURCES = sorted(PACKAGE.rglob("*.py"))


def _top(path: Path) -> str:
    rel = path.relative_to(PACKAGE).parts
    return rel[0].removesuffix(".py")


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_upward_import(path):
    own = _layer(_top(path))
    for name in _imports(path):
        parts = name.split(".")
        if parts[0] != "chaoticdot" or len(parts) < 2:
            continue
        if parts[1] in ("__version__",):
            continue
        assert _layer(parts[1]) <= own, f"{path.name} imports {name} from a higher layer"


@pytest.mark.parametrize(
    "path",
    [p for p in SOURCES if _layer(_top(p)) <= LAYERS["studies"]],
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_physics_and_studies_import_no_plotting(path):
    for name in _imports(path):
        assert not name.startswith(PLOTTING), f"{path.name} imports {name}"


def _chapter_code(path: Path) -> str:
    """The code cells of a MyST-Markdown chapter (read by jupytext), IPython magics removed."""
    jupytext = pytest.importorskip("jupytext")
    notebook = jupytext.read(path, fmt="md:myst")
    cells = [c.source for c in notebook.cells if c.cell_type == "code"]
    lines = "\n".join(cells).splitlines()
    return "\n".join(line for line in lines if not line.lstrip().startswith(("%", "!")))


def _private_imports(code: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("chaoticdot"):
            modules = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            modules = [a.name for a in node.names if a.name.startswith("chaoticdot")]
        else:
            continue
        for module in modules:
            parts = module.split(".")
            if any(p.startswith("_") and not p.endswith("__") for p in parts):
                found.append(module)
    return found


CHAPTERS = sorted((ROOT / "book").glob("*.md"))
TESTS = sorted((ROOT / "tests").glob("*.py"))


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_chapters_import_public_names_only(path):
    assert _private_imports(_chapter_code(path)) == []


@pytest.mark.parametrize("path", TESTS, ids=lambda p: p.name)
def test_tests_import_public_names_only(path):
    assert _private_imports(path.read_text(encoding="utf-8")) == []


def test_the_checks_can_fail():
    """The import parser sees an upward and a private import when there is one."""
    assert _private_imports("from chaoticdot.display import _fig2_style") == [
        "chaoticdot.display._fig2_style"
    ]
    assert _layer("display") > _layer("studies") > _layer("theory")
