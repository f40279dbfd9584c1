"""environment.yml must list every dependency of pyproject.toml with the same lower bound."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")

ROOT = Path(__file__).resolve().parents[1]
# conda-only tools that pyproject.toml does not (and need not) declare
CONDA_ONLY = {"python", "pip", "nodejs"}


def _split(requirement: str) -> list[tuple[str, str]]:
    """'dask[distributed]>=2024.1' -> [('dask', '>=2024.1'), ('distributed', '>=2024.1')]."""
    match = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)(\[[^\]]*\])?\s*(.*)", requirement)
    assert match, requirement
    name, extras, spec = match.groups()
    names = [name] + ([e.strip() for e in extras[1:-1].split(",")] if extras else [])
    return [(n.lower().replace("_", "-"), spec.replace(" ", "")) for n in names]


def _pyproject() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = list(project["dependencies"])
    for group in ("book", "test"):
        reqs += project["optional-dependencies"][group]
    return dict(pair for r in reqs for pair in _split(r))


def _environment() -> tuple[dict[str, str], list]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda, pip = {}, []
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            pip += dep.get("pip", [])
        else:
            conda.update(_split(dep))
    return conda, pip


def test_channel_and_editable_install():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert env["channels"] == ["conda-forge"]
    assert _environment()[1] == ["-e ."]


def test_same_names():
    conda, _ = _environment()
    assert set(conda) - CONDA_ONLY == set(_pyproject())


def test_same_lower_bounds():
    conda, _ = _environment()
    for name, spec in _pyproject().items():
        assert conda[name] == spec, f"{name}: pyproject {spec!r} vs environment.yml {conda[name]!r}"


def test_python_bound_matches_requires_python():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    conda, _ = _environment()
    assert conda["python"] == project["requires-python"]
