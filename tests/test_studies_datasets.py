"""Every registered dataset: its shipped file, its provenance, and the protection against
accidental overwriting (one parametrised test over the registry)."""

from __future__ import annotations

import importlib
import pkgutil

import numpy as np
import pytest

from chaoticdot import studies

NAMES = sorted(studies.datasets())
COMMON_PROVENANCE = ("name", "library_version", "created", "python", "numpy", "machine")


def test_source_listing_equals_imported_registry():
    for info in pkgutil.iter_modules(studies.__path__):
        importlib.import_module(f"chaoticdot.studies.{info.name}")
    registered = {k: v[0] for k, v in studies._GENERATORS.items()}
    assert studies.datasets() == dict(sorted(registered.items()))


@pytest.mark.parametrize("name", NAMES)
def test_shipped_dataset(name):
    arrays, provenance = studies.load(name)
    assert arrays, name
    for key in COMMON_PROVENANCE:
        assert key in provenance, f"{name}: provenance lacks {key}"
    assert provenance["name"] == name
    assert provenance.get("quick") is not True, f"{name}: the shipped file is a quick run"
    assert provenance["command"].startswith(f"python -m chaoticdot data {name}")
    for key, column in arrays.items():
        column = np.asarray(column)
        assert column.size > 0, f"{name}: empty array {key}"
        if column.dtype.kind == "f":
            # NaN marks "not applicable" entries only; never a whole column
            assert not np.isnan(column).all(), f"{name}: {key} is all NaN"
    assert (studies.DATA_DIR / f"{name}.npz").stat().st_size < 1_000_000


@pytest.mark.parametrize("name", NAMES)
def test_shipped_dataset_is_never_overwritten_by_default(name):
    assert studies.is_shipped(name)
    with pytest.raises(ValueError, match="replace=True"):
        studies.generate(name, quick=True)
