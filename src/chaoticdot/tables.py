"""Long-format data tables: the numbers behind every figure and study, one row per point.

A table is a dict of equal-length 1-D arrays (text or float columns). :class:`LongTable`
builds one piece by piece; :func:`write_csv` writes it (``python -m chaoticdot figure NAME
--csv``).
"""

from __future__ import annotations

import csv

import numpy as np

__all__ = ["LongTable", "write_csv"]


class LongTable:
    """Accumulate a long-format data table (one row per plotted point).

    ``add(x=..., y=..., curve="label")`` appends equal-length columns; scalars are repeated.
    ``columns()`` returns the dict of 1-D arrays expected by :class:`FigureResult`.
    """

    def __init__(self):
        self._parts: list[dict[str, np.ndarray]] = []

    def add(self, **cols) -> None:
        arrays = {k: np.atleast_1d(np.asarray(v)) for k, v in cols.items()}
        n = max(a.size for a in arrays.values())
        self._parts.append(
            {k: (np.repeat(a, n) if a.size == 1 else a.ravel()) for k, a in arrays.items()}
        )

    def columns(self) -> dict[str, np.ndarray]:
        keys: list[str] = []
        for part in self._parts:
            keys += [k for k in part if k not in keys]
        out = {}
        for k in keys:
            text = any(p[k].dtype.kind in "US" for p in self._parts if k in p)
            pieces = []
            for part in self._parts:
                n = len(next(iter(part.values())))
                if k in part:
                    pieces.append(part[k].astype(str) if text else part[k].astype(float))
                else:  # column absent from this part: empty text or NaN
                    pieces.append(np.full(n, "", dtype=str) if text else np.full(n, np.nan))
            out[k] = np.concatenate(pieces)
        return out


def write_csv(table: dict[str, np.ndarray], path) -> None:
    """Write a long-format table (dict of equal-length columns) as CSV."""
    columns = {k: np.asarray(v).ravel() for k, v in table.items()}
    lengths = {len(v) for v in columns.values()}
    if len(lengths) > 1:
        raise ValueError(f"table columns differ in length: {sorted(lengths)}")
    # the csv module quotes text fields that contain commas or quotes (curve labels do)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(columns)
        n = lengths.pop() if lengths else 0
        for i in range(n):
            writer.writerow([_fmt(columns[k][i]) for k in columns])


def _fmt(value) -> str:
    if isinstance(value, str | np.str_):
        return str(value)
    if isinstance(value, complex | np.complexfloating):
        return repr(complex(value))
    return repr(float(value)) if np.isscalar(value) else str(value)
