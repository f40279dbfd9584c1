"""Pauli matrices, defined once for the whole library (dimensionless, complex 2 x 2).

``PAULI`` maps ``"1", "x", "y", "z"`` to the identity and ``sigma_x, sigma_y, sigma_z``;
``SIGMA`` is the stack ``(sigma_x, sigma_y, sigma_z)`` of shape ``(3, 2, 2)``. The arrays are
read-only so that no caller can change them for everybody.
"""

from __future__ import annotations

import numpy as np

__all__ = ["PAULI", "SIGMA"]

#: The stack (sigma_x, sigma_y, sigma_z), shape (3, 2, 2), complex, read-only.
SIGMA = np.array([[[0, 1], [1, 0]], [[0, -1j], [1j, 0]], [[1, 0], [0, -1]]], dtype=complex)
SIGMA.flags.writeable = False

#: ``{"1": identity, "x": sigma_x, "y": sigma_y, "z": sigma_z}`` (2 x 2, read-only).
PAULI = {"1": np.eye(2, dtype=complex), "x": SIGMA[0], "y": SIGMA[1], "z": SIGMA[2]}
PAULI["1"].flags.writeable = False
