"""Shape of the lattice dot: a rectangle with a Sinai-like hole, two leads, weak disorder.

Units: lattice constant ``a0 = 1``, hopping ``t = 1``. Sites sit at integer coordinates
``(x, y)`` with ``0 <= x < length`` and ``0 <= y < width``; the leads run along ``x`` and are
attached to the first column (lead 0, left) and to the last column (lead 1, right).

Why this shape: a clean rectangle is integrable and a clean chaotic billiard still has
non-universal bouncing-ball orbits that change the scaling laws (book appendix "Lattice model"). A
disk
removed off-centre (a Sinai obstacle) plus weak bulk disorder with a mean free path of the order
of the dot size makes the dynamics chaotic and the statistics universal.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from .._validation import as_scalar, check_finite, check_nonnegative, check_positive_int, check_rng

__all__ = ["DotGeometry", "disorder_potential"]


# Largest dot accepted (about 1 GB for the sparse Hamiltonian and its LU factors).
_MAX_SITES = 10**6


@dataclass(frozen=True)
class DotGeometry:
    """Sites of the dot and the rows where the two leads are attached.

    Parameters
    ----------
    length : int
        Number of site columns along the lead axis ``x`` (the dot size ``L`` in units of a0).
    width : int, optional
        Number of site rows along ``y`` (default: ``length``).
    lead_width : int
        Number of sites across each lead (``W_lead`` in a0). Must fit inside ``width``.
    obstacle_radius : float, optional
        Radius of the circular hole in a0 (default ``length / 6``; 0 = no hole).
    obstacle_center : tuple of float, optional
        Centre of the hole as fractions of ``(length, width)``. Off-centre by default so that
        the dot has no reflection or inversion symmetry.
    lead_centers : tuple of float, optional
        Centres of the left and right leads as fractions of ``width``. Different by default,
        so that there is no direct line of sight between the two contacts.
    """

    length: int
    width: int | None = None
    lead_width: int = 8
    obstacle_radius: float | None = None
    obstacle_center: tuple[float, float] = (0.58, 0.42)
    lead_centers: tuple[float, float] = (0.27, 0.73)

    def __post_init__(self):
        length = check_positive_int(self.length, "length")
        if length < 3:
            raise ValueError(f"length must be >= 3 sites, got {self.length!r}")
        width = length if self.width is None else check_positive_int(self.width, "width")
        if length * width > _MAX_SITES:
            raise ValueError(
                f"length x width must be <= {_MAX_SITES:.0e} sites (memory of the sparse "
                f"Hamiltonian), got length = {length}, width = {width}"
            )
        lead_width = check_positive_int(self.lead_width, "lead_width")
        if lead_width > width:
            raise ValueError(f"lead_width must lie in [1, width={width}], got {self.lead_width!r}")
        radius = length / 6.0 if self.obstacle_radius is None else self.obstacle_radius
        radius = as_scalar(check_nonnegative(radius, "obstacle_radius"), "obstacle_radius")
        if radius > max(length, width):
            raise ValueError(
                f"obstacle_radius must lie in [0, {max(length, width)}] (the dot size), "
                f"got {self.obstacle_radius!r}"
            )
        centre = check_finite(self.obstacle_center, "obstacle_center")
        leads = check_finite(self.lead_centers, "lead_centers")
        if centre.shape != (2,) or leads.shape != (2,):
            raise ValueError("obstacle_center and lead_centers must be pairs of fractions")
        if np.any((centre < 0) | (centre > 1)) or np.any((leads < 0) | (leads > 1)):
            raise ValueError("obstacle_center and lead_centers must lie in [0, 1]")
        object.__setattr__(self, "length", length)
        object.__setattr__(self, "width", width)
        object.__setattr__(self, "lead_width", lead_width)
        object.__setattr__(self, "obstacle_radius", radius)
        object.__setattr__(self, "obstacle_center", tuple(float(c) for c in centre))
        object.__setattr__(self, "lead_centers", tuple(float(c) for c in leads))
        # The hole must not cut the columns that carry the leads.
        for side in (0, 1):
            col = 0 if side == 0 else length - 1
            if not np.all(self.mask[col, self.lead_rows(side)]):
                raise ValueError(
                    "obstacle_radius is too large: the hole removes sites in front of lead "
                    f"{side}; choose obstacle_radius < {self._max_radius():.1f}"
                )

    def _max_radius(self) -> float:
        cx, _ = self.hole_center
        return float(min(cx, self.length - 1 - cx))

    @property
    def center(self) -> tuple[float, float]:
        """Geometric centre of the rectangle, ``((length-1)/2, (width-1)/2)`` in a0."""
        return (self.length - 1) / 2.0, (self.width - 1) / 2.0

    @property
    def hole_center(self) -> tuple[float, float]:
        """Centre of the obstacle in a0."""
        return (
            self.obstacle_center[0] * (self.length - 1),
            self.obstacle_center[1] * (self.width - 1),
        )

    @cached_property
    def mask(self) -> np.ndarray:
        """Boolean array ``(length, width)``: True where the dot has a site."""
        x, y = np.meshgrid(np.arange(self.length), np.arange(self.width), indexing="ij")
        cx, cy = self.hole_center
        return (x - cx) ** 2 + (y - cy) ** 2 >= self.obstacle_radius**2

    @cached_property
    def sites(self) -> np.ndarray:
        """Integer coordinates ``(n_sites, 2)`` of the dot sites (x-major order)."""
        return np.argwhere(self.mask)

    @cached_property
    def index(self) -> np.ndarray:
        """Array ``(length, width)`` mapping a coordinate to its site index (-1: no site)."""
        idx = np.full(self.mask.shape, -1, dtype=np.int64)
        idx[self.mask] = np.arange(int(self.mask.sum()))
        return idx

    @property
    def n_sites(self) -> int:
        """Number of dot sites (orbitals; the Hamiltonian has twice as many rows)."""
        return int(self.mask.sum())

    @property
    def area(self) -> float:
        """Area of the bounding rectangle ``length * width`` in a0^2 (used for the flux)."""
        return float(self.length * self.width)

    def lead_rows(self, side: int) -> np.ndarray:
        """Rows ``y`` of the ``lead_width`` sites in front of lead ``side`` (0 left, 1 right)."""
        if side not in (0, 1):
            raise ValueError(f"side must be 0 (left lead) or 1 (right lead), got {side!r}")
        centre = self.lead_centers[side] * (self.width - 1)
        first = int(round(centre - (self.lead_width - 1) / 2.0))
        first = min(max(first, 0), self.width - self.lead_width)
        return np.arange(first, first + self.lead_width)

    def lead_sites(self, side: int) -> np.ndarray:
        """Site indices of the dot column touching lead ``side``, ordered by ``y``."""
        col = 0 if side == 0 else self.length - 1
        return self.index[col, self.lead_rows(side)]


def disorder_potential(n_sites: int, strength: float, rng: np.random.Generator) -> np.ndarray:
    """Anderson disorder: on-site energies uniform in ``[-w/2, w/2]`` (units of t).

    In the Born approximation near the band bottom the mean free path is
    ``l ~ 48 t^2 k_F a0 / w^2`` (a0); ``w ~ 0.5-0.6 t`` at ``k_F a0 ~ 0.6`` gives ``l`` of the
    order of a dot of 60-100 sites (book appendix "Lattice model").

    Parameters
    ----------
    n_sites : int
        Number of sites.
    strength : float
        Box width ``w`` in units of t (>= 0).
    rng : numpy.random.Generator
        Random stream.
    """
    n_sites = check_positive_int(n_sites, "n_sites")
    strength = check_nonnegative(strength, "strength")
    if strength.ndim:
        raise ValueError(f"strength must be a scalar in [0, inf), got {strength!r}")
    strength = float(strength)
    rng = check_rng(rng, "rng")
    values = rng.uniform(-0.5, 0.5, size=n_sites)
    return strength * values
