"""Clean, spin-degenerate leads: transverse sine modes and exact self-energies.

A lead is a semi-infinite strip of ``W`` sites across, on-site energy ``4t``, hopping ``-t``
(a0 = 1, t = 1), with hard walls. Its transverse modes are

    chi_n(j) = sqrt(2 / (W + 1)) sin(n pi j / (W + 1)),    j, n = 1 .. W,
    eps_n = 2t (1 - cos(n pi / (W + 1))),

and mode ``n`` at energy ``E`` has longitudinal Bloch factor ``z_n = exp(i k_n)`` with
``z_n + 1/z_n = 2 cos k_n = 2 - (E - eps_n) / t``. The retarded self-energy that the lead adds
on the sites it touches is, exactly, ``Sigma = sum_n chi_n (-t z_n) chi_n^T`` (unit matrix in spin),
with ``0 < k_n < pi`` for propagating modes and ``|z_n| < 1`` for evanescent ones.
Propagating modes carry velocity ``v_n = 2 t sin k_n`` (a0 t / hbar).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .._validation import as_scalar, check_finite, check_nonnegative, check_positive_int

__all__ = [
    "LeadModes",
    "lead_modes",
    "mode_thresholds",
    "channel_count",
    "channel_window",
    "energy_from_kf",
    "kf_from_energy",
]

#: Relative distance from a threshold below which an energy is refused (v_n -> 0 there).
THRESHOLD_GAP = 1e-9


@dataclass(frozen=True)
class LeadModes:
    """Modes of one lead at one energy.

    Attributes
    ----------
    chi : ndarray, shape (W, W)
        Column ``n`` is the transverse mode ``chi_{n+1}`` on the lead's sites.
    z : ndarray, shape (W,)
        Bloch factors ``exp(i k_n)`` (``|z| = 1`` propagating, ``|z| < 1`` evanescent).
    propagating : ndarray of bool, shape (W,)
        Which modes propagate.
    velocity : ndarray, shape (n_open,)
        ``v_n = 2 t sin k_n`` of the propagating modes (a0 t / hbar).
    """

    chi: np.ndarray
    z: np.ndarray
    propagating: np.ndarray
    velocity: np.ndarray

    @property
    def n_open(self) -> int:
        """Number of propagating orbital channels (each one carries two spin states)."""
        return int(self.propagating.sum())

    @property
    def open_modes(self) -> np.ndarray:
        """``(W, n_open)`` transverse profiles of the propagating modes."""
        return self.chi[:, self.propagating]

    def self_energy(self, hopping: float = 1.0) -> np.ndarray:
        """Spinless retarded self-energy ``sum_n chi_n (-t z_n) chi_n^T``, ``(W, W)``, units t."""
        return (self.chi * (-hopping * self.z)) @ self.chi.T


def mode_thresholds(lead_width: int) -> np.ndarray:
    """Transverse energies ``eps_n = 2 (1 - cos(n pi / (W + 1)))``, n = 1..W (units t)."""
    width = check_positive_int(lead_width, "lead_width")
    n = np.arange(1, width + 1)
    return 2.0 * (1.0 - np.cos(n * np.pi / (width + 1)))


def lead_modes(lead_width: int, energy: float) -> LeadModes:
    """Transverse modes, Bloch factors and velocities of a lead at ``energy`` (units t).

    Raises
    ------
    ValueError
        If ``energy`` is outside the band ``(0, 8)`` or (within ``1e-9``) at a threshold, where
        a mode's velocity vanishes and the scattering matrix is singular.
    """
    width = check_positive_int(lead_width, "lead_width")
    energy = as_scalar(check_finite(energy, "energy"), "energy")
    if not 0.0 < energy < 8.0:
        raise ValueError(f"energy must lie in the band (0, 8) t, got {energy!r}")
    eps = mode_thresholds(width)
    cos_k = 1.0 - (energy - eps) / 2.0
    if np.any(np.abs(np.abs(cos_k) - 1.0) < THRESHOLD_GAP):
        raise ValueError(
            f"energy={energy!r} lies at a threshold of a lead of width {width}; "
            "move it away from the values returned by mode_thresholds (and thresholds + 4)"
        )
    propagating = np.abs(cos_k) < 1.0
    z = np.empty(width, dtype=complex)
    sin_k = np.sqrt(np.clip(1.0 - cos_k**2, 0.0, None))
    z[propagating] = cos_k[propagating] + 1j * sin_k[propagating]
    root = np.sqrt(np.clip(cos_k**2 - 1.0, 0.0, None))
    # evanescent: the root of z + 1/z = 2 cos k with |z| < 1 (decaying into the lead)
    z[~propagating] = cos_k[~propagating] - np.sign(cos_k[~propagating]) * root[~propagating]
    j = np.arange(1, width + 1)
    chi = np.sqrt(2.0 / (width + 1)) * np.sin(np.outer(j, j) * np.pi / (width + 1))
    return LeadModes(chi=chi, z=z, propagating=propagating, velocity=2.0 * sin_k[propagating])


def channel_count(lead_width: int, energy: float) -> int:
    """Number of propagating orbital channels of the lead at ``energy`` (lower half-band)."""
    return lead_modes(lead_width, energy).n_open


def channel_window(lead_width: int, n_channels: int) -> tuple[float, float]:
    """Energy interval (units t) in which a lead of width ``W`` has exactly ``n_channels``.

    Lower half of the band only (``E < 4 t``): ``(eps_N, eps_{N+1})`` with ``eps_{W+1} = 4``.
    """
    width = check_positive_int(lead_width, "lead_width")
    n = check_positive_int(n_channels, "n_channels")
    if n > width:
        raise ValueError(f"n_channels must lie in [1, lead_width={width}], got {n_channels!r}")
    eps = np.append(mode_thresholds(width), 4.0)
    return float(eps[n - 1]), float(min(eps[n], 4.0))


def energy_from_kf(kf: float) -> float:
    """Energy ``E = 2t (1 - cos k_F a0)`` of a plane wave along a lattice axis (units t)."""
    kf = as_scalar(check_nonnegative(kf, "kf"), "kf")
    if not 0.0 < kf < np.pi:
        raise ValueError(f"kf must lie in (0, pi) (units 1/a0), got {kf!r}")
    return 2.0 * (1.0 - np.cos(kf))


def kf_from_energy(energy: float) -> float:
    """Inverse of :func:`energy_from_kf` for ``0 < E < 4 t`` (k_F in 1/a0)."""
    energy = as_scalar(check_finite(energy, "energy"), "energy")
    if not 0.0 < energy < 4.0:
        raise ValueError(f"energy must lie in (0, 4) t, got {energy!r}")
    return float(np.arccos(1.0 - energy / 2.0))
