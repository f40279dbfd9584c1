"""Decorator-based registries read from the sources, without importing the modules.

:mod:`chaoticdot.display` (figures) and :mod:`chaoticdot.studies` (datasets) register their
functions with a decorator ``@register("name", "description")``. Listing them must not
import every module (matplotlib, long set-ups): the command line answers ``--help`` at once.
The helpers below find the decorator calls in the package's sources by AST; importing the
module then registers the function itself, and the tests check that both lists agree.
"""

from __future__ import annotations

import ast
import pkgutil
from pathlib import Path


def public_modules(package_path) -> list[str]:
    """Names of the package's modules that do not start with an underscore."""
    return [i.name for i in pkgutil.iter_modules(package_path) if not i.name.startswith("_")]


def declared(source: Path, decorator: str) -> dict[str, str]:
    """``{name: description}`` of the ``@decorator("name", "description")`` calls in a file.

    Both arguments must be string literals (the registries say so in their docstrings).
    """
    tree = ast.parse(Path(source).read_text(encoding="utf-8"))
    found = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef):
            continue
        for deco in node.decorator_list:
            if (
                isinstance(deco, ast.Call)
                and getattr(deco.func, "id", None) == decorator
                and len(deco.args) == 2
                and all(isinstance(a, ast.Constant) for a in deco.args)
            ):
                found[deco.args[0].value] = deco.args[1].value
    return found


def listing(package_path, decorator: str) -> dict[str, dict[str, str]]:
    """``{module: {name: description}}`` over the package's public modules."""
    directory = Path(list(package_path)[0])
    return {m: declared(directory / f"{m}.py", decorator) for m in public_modules(package_path)}
