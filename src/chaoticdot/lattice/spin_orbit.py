"""Rashba spin-orbit coupling as SU(2) link variables with a position-dependent strength.

Continuum model (paper Eq. (1), Rashba only, ``lambda_x = lambda_y = lambda``, hbar restored as in
book appendix "Spin-orbit Hamiltonian"): ``H_so = (hbar/2m) (p_y sigma_x - p_x sigma_y) / lambda``.
It equals
``(p + hbar A)^2 / 2m`` up to a constant, with the SU(2) "vector potential"
``A = (-sigma_y, sigma_x) / (2 lambda(r))``. On the lattice the vector potential becomes a link
variable, the spin rotation picked up when hopping along a bond:

    H[r, r + x] = -t exp(-i theta sigma_y),    H[r, r + y] = -t exp(+i theta sigma_x),

with ``theta = a0 / (2 lambda)`` evaluated at the bond midpoint (appendix "Lattice model"). Why
links
rather than the linearised ``sin k sigma`` form: with links a uniform coupling is a pure gauge up
to the commutator ``[A_x, A_y]`` *exactly*, and the Hamiltonian stays Hermitian where lambda jumps
(each bond carries one value, the one at its midpoint; a bond whose midpoint lies on a gate edge
gets the average of the two sides).

Strength profiles ``s(r)`` (``1/lambda(r) = s(r) / lambda``), for a gate edge through the dot
centre ``(x_c, y_c)``:

``uniform``       s = 1 everywhere (a gate over the whole dot)
``half``          s = 1 for y > y_c, 0 below: a gate over half the dot, straight edge along x
``step``          s = +1 above, -1 below the same straight edge (the ``+-alpha`` step)
``corner``        s = 1 in the quadrant x > x_c, y > y_c: a gate with a corner (quarter gate)
``checkerboard``  s = sign(x - x_c) sign(y - y_c): ``+-alpha`` on a 2 x 2 checkerboard
``curved``        s = 1 inside a disk centred on the dot with half the dot's area: a curved edge

The spin "flux" of a straight edge points along one spin axis (sigma_y for an edge along x);
a corner or a curved edge gives two axes (sigma_x and sigma_y): see the appendix "Spin-orbit
Hamiltonian".

Dresselhaus coupling. For a [001] GaAs well with the lattice axis x along [110], the linear
Dresselhaus term is ``(hbar/2m)(p_y sigma_x + p_x sigma_y)/lambda_D``; it is set by the crystal,
not by the gate, so it is uniform. Added to the gated Rashba term it gives paper Eq. (1),
``H_so = (hbar/2m)(p_y sigma_x / lambda_y - p_x sigma_y / lambda_x)``, with

    1/lambda_x = s(r)/lambda_R - 1/lambda_D,    1/lambda_y = s(r)/lambda_R + 1/lambda_D,

(Halperin et al., PRL 86, 2106 (2001): ``hbar/2 lambda_x = -eta + gamma``, ``hbar/2 lambda_y =
-eta - gamma`` up to a common sign, Rashba ``eta``, Dresselhaus ``gamma``). The sign of
``lambda_D`` selects the crystal orientation: rotating the axes by 90 degrees flips it. The links
become ``exp(-i theta_x sigma_y)`` on x bonds and ``exp(+i theta_y sigma_x)`` on y bonds with
``theta_x = a0/(2 lambda_x)``, ``theta_y = a0/(2 lambda_y)``. For ``lambda_D = +lambda_R``
(uniform gate) only the y links remain, for ``lambda_D = -lambda_R`` only the x links: one
commuting link field, a pure gauge (Aleiner & Fal'ko, PRL 87, 256801 (2001)). Otherwise the
commutator ``[A_x, A_y]`` leaves a perpendicular spin field ``B_so sigma_z`` with ``e B_so =
hbar / (2 lambda_x lambda_y)``: on the lattice every plaquette has the spin holonomy
``exp(-i sigma_z a0^2 / (2 lambda_x lambda_y))`` to leading order, a flux of ``+-A / (4 pi
lambda_x lambda_y)`` flux quanta ``h/e`` through an area ``A`` for ``sigma_z = +-1``
(:func:`spin_flux`).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .._validation import (
    check_choice,
    check_finite,
    check_instance,
    check_nonnegative,
    check_not_nan,
    check_positive_scalar,
    real_array,
)
from ..pauli import SIGMA
from .geometry import DotGeometry

__all__ = [
    "PROFILES",
    "EDGE_CONTRAST",
    "gate_length",
    "profile_strength",
    "RashbaField",
    "ColumnGaugeField",
    "spin_rotation",
    "spin_flux",
    "check_dresselhaus_length",
]


def _heaviside(z: np.ndarray) -> np.ndarray:
    # value 1/2 exactly on the edge: a bond centred on a gate edge gets the average
    return np.heaviside(z, 0.5)


def _uniform(x, y, geo):
    return np.ones_like(np.asarray(x, dtype=float))


def _half(x, y, geo):
    return _heaviside(y - geo.center[1])


def _step(x, y, geo):
    return np.sign(y - geo.center[1])


def _corner(x, y, geo):
    xc, yc = geo.center
    return _heaviside(x - xc) * _heaviside(y - yc)


def _checkerboard(x, y, geo):
    xc, yc = geo.center
    return np.sign(x - xc) * np.sign(y - yc)


def _curved(x, y, geo):
    xc, yc = geo.center
    radius = np.sqrt(geo.length * geo.width / (2.0 * np.pi))  # half the rectangle's area
    return _heaviside(radius - np.hypot(x - xc, y - yc))


PROFILES: dict[str, Callable] = {
    "uniform": _uniform,
    "half": _half,
    "step": _step,
    "corner": _corner,
    "checkerboard": _checkerboard,
    "curved": _curved,
}

#: Jump of ``s`` across a gate edge. In the paper's notation ``1/lambda = 1/lambda_bar +- 1/(2
#: lambda_s)`` the jump of ``1/lambda`` is ``1/lambda_s`` (paper, text above Eq. (2)), so
#: ``lambda_s = lambda / contrast``. Uniform coupling has no edge.
EDGE_CONTRAST = {
    "uniform": 0.0,
    "half": 1.0,
    "step": 2.0,
    "corner": 1.0,
    "checkerboard": 2.0,
    "curved": 1.0,
}


def gate_length(profile: str, length_s: float) -> float:
    """Spin-orbit length ``lambda`` (a0) of a gate profile whose edge has ``lambda_s = length_s``.

    ``lambda = contrast * lambda_s`` with the contrast of :data:`EDGE_CONTRAST`; for the
    uniform profile ``lambda = length_s`` (then read as ``lambda_bar``).
    """
    check_choice(profile, "profile", tuple(PROFILES))
    length_s = check_positive_scalar(length_s, "length_s")
    contrast = EDGE_CONTRAST[profile]
    return length_s * (contrast if contrast > 0 else 1.0)


def profile_strength(profile: str, x, y, geometry: DotGeometry) -> np.ndarray:
    """Dimensionless strength ``s(r) = lambda / lambda(r)`` of a gate profile at points ``(x, y)``.

    Parameters
    ----------
    profile : str
        One of :data:`PROFILES`.
    x, y : array_like
        Coordinates in a0 (bond midpoints).
    geometry : DotGeometry
        The dot (its centre and size fix the gate edges).

    Returns
    -------
    ndarray
        Values in ``[-1, 1]``.
    """
    check_choice(profile, "profile", tuple(PROFILES))
    x, y = check_finite(x, "x"), check_finite(y, "y")
    check_instance(geometry, DotGeometry, "geometry")
    return np.asarray(PROFILES[profile](x, y, geometry), dtype=float)


def check_dresselhaus_length(value, name: str = "dresselhaus_length") -> float:
    """A Dresselhaus length: a nonzero real scalar (a0), any sign, ``+-inf`` = no coupling."""
    allowed = "a nonzero real number in [-inf, inf] (a0; inf = no Dresselhaus coupling)"
    arr = real_array(value, name, allowed)
    if arr.ndim or np.isnan(arr) or arr == 0:
        raise ValueError(f"{name} must be {allowed}, got {value!r}")
    return float(arr)


def spin_flux(area, length_x, length_y):
    """Spin flux ``Phi_so = A / (4 pi lambda_x lambda_y)`` (units h/e) of uniform coupling.

    To leading order in ``a0/lambda`` uniform spin-orbit coupling with lengths ``lambda_x,
    lambda_y`` (paper Eq. (1)) acts on the orbital motion as a perpendicular field ``+-B_so``
    for ``sigma_z = +-1`` with ``B_so = hbar / (2 e lambda_x lambda_y)`` (Aleiner & Fal'ko,
    PRL 87, 256801 (2001)); through an area ``A`` that is a flux ``B_so A / (h/e)``. On the
    lattice (module docstring) the plaquette holonomy gives the same value with ``A`` the
    number of plaquettes enclosed; with the flux convention of
    :func:`~chaoticdot.lattice.hamiltonian.flux_per_plaquette` use ``A = length * width``.

    Parameters
    ----------
    area : float or array_like
        Area ``A`` (a0^2), >= 0.
    length_x, length_y : float or array_like
        ``lambda_x, lambda_y`` (a0), nonzero, any sign; ``+-inf`` gives zero.

    Returns
    -------
    float or ndarray
        ``Phi_so`` in units of ``h/e`` (sign: that of ``lambda_x lambda_y``).
    """
    area = check_nonnegative(area, "area")
    lx = check_not_nan(length_x, "length_x")
    ly = check_not_nan(length_y, "length_y")
    if np.any(lx == 0) or np.any(ly == 0):
        raise ValueError("length_x and length_y must be nonzero (a0; inf = no coupling)")
    out = area / (4.0 * np.pi * lx * ly)
    return float(out) if np.ndim(out) == 0 else out


def spin_rotation(angle: np.ndarray, axis: int) -> np.ndarray:
    """``exp(i angle sigma_axis)`` for an array of angles: shape ``angle.shape + (2, 2)``.

    Parameters
    ----------
    angle : array_like
        Rotation angles (radians; a rotation of the spin by ``2 angle``).
    axis : int
        0, 1, 2 for sigma_x, sigma_y, sigma_z.
    """
    angle = np.asarray(angle, dtype=float)
    return (
        np.cos(angle)[..., None, None] * np.eye(2)
        + 1j * np.sin(angle)[..., None, None] * SIGMA[axis]
    )


class RashbaField:
    """Rashba (gated) plus Dresselhaus (uniform) link variables (module docstring).

    Parameters
    ----------
    profile : str
        Gate profile of the Rashba coupling, one of :data:`PROFILES`.
    length : float
        Rashba spin-precession length ``lambda_R`` (a0) where ``|s| = 1``; ``inf`` switches
        the Rashba coupling off.
    geometry : DotGeometry
        The dot.
    dresselhaus_length : float, optional
        Uniform Dresselhaus length ``lambda_D`` (a0), nonzero, any sign (the sign fixes the
        crystal orientation, module docstring); ``inf`` (default) = none. Then the link
        angles are ``theta_x = s/(2 lambda_R) - 1/(2 lambda_D)`` on x bonds and ``theta_y =
        s/(2 lambda_R) + 1/(2 lambda_D)`` on y bonds; without Dresselhaus coupling both are
        ``theta = s(r_mid) / (2 lambda_R)``.
    """

    def __init__(
        self, profile: str, length: float, geometry: DotGeometry, dresselhaus_length=np.inf
    ):
        check_choice(profile, "profile", tuple(PROFILES))
        check_instance(geometry, DotGeometry, "geometry")
        length = check_nonnegative(length, "length", allow_inf=True)
        if length.ndim:
            raise ValueError(f"length must be a scalar in (0, inf], got {length!r}")
        length = float(length)
        if length == 0.0:
            raise ValueError("length must lie in (0, inf], got 0")
        self.profile = profile
        self.length = length
        self.dresselhaus_length = check_dresselhaus_length(dresselhaus_length)
        self.geometry = geometry

    @property
    def is_trivial(self) -> bool:
        """True when every link is the identity (no spin-orbit coupling)."""
        return bool(np.isinf(self.length) and np.isinf(self.dresselhaus_length))

    def angles(self, mid_x, mid_y) -> np.ndarray:
        """Rashba link angles ``theta = s(r_mid) / (2 lambda_R)`` (radians) at bond midpoints."""
        if np.isinf(self.length):
            return np.zeros(np.shape(mid_x))
        return profile_strength(self.profile, mid_x, mid_y, self.geometry) / (2.0 * self.length)

    def bond_angles(self, mid_x, mid_y, along_x) -> np.ndarray:
        """``theta_x`` on x bonds and ``theta_y`` on y bonds (radians): class docstring."""
        theta = self.angles(mid_x, mid_y)
        if np.isinf(self.dresselhaus_length):
            return theta
        along_x = np.asarray(along_x, dtype=bool)
        shift = 1.0 / (2.0 * self.dresselhaus_length)
        return theta + np.where(along_x, -shift, shift)

    def spin_flux(self) -> float:
        """Leading-order perpendicular spin flux (h/e) through the dot's bounding rectangle.

        The commutator of the link field gives each plaquette the spin holonomy
        ``exp(-2 i theta_x theta_y sigma_z)`` to second order in the angles (module docstring),
        with the local ``theta_x = a0/(2 lambda_x)``, ``theta_y = a0/(2 lambda_y)`` at the
        plaquette centre: a flux ``2 theta_x theta_y / 2 pi`` per plaquette. Summed over
        ``length x width`` unit cells tiling the dot's rectangle, the area of the flux convention
        (:func:`~chaoticdot.lattice.hamiltonian.flux_per_plaquette`); for uniform coupling it
        is :func:`spin_flux` with ``A = length * width``. For a gate it is
        ``sum_r s(r)^2 / (4 pi lambda_R^2)`` without Dresselhaus coupling.
        """
        geo = self.geometry
        # length x width cells of equal area tiling the site rectangle [0, L-1] x [0, W-1]
        # (symmetric about the gate edges through the centre), one flux unit of area each
        gx = (np.arange(geo.length) + 0.5) * (geo.length - 1) / geo.length
        gy = (np.arange(geo.width) + 0.5) * (geo.width - 1) / geo.width
        x, y = np.meshgrid(gx, gy, indexing="ij")
        cx, cy = x.ravel(), y.ravel()
        n = cx.size
        both = self.bond_angles(
            np.concatenate([cx, cx]), np.concatenate([cy, cy]), np.arange(2 * n) < n
        )
        return float(np.sum(2.0 * both[:n] * both[n:]) / (2.0 * np.pi))

    def matrices(self, mid_x, mid_y, along_x: np.ndarray) -> np.ndarray:
        """Spin part of ``H[r, r + delta]`` for bonds with midpoints ``(mid_x, mid_y)``.

        ``exp(-i theta_x sigma_y)`` on x bonds, ``exp(+i theta_y sigma_x)`` on y bonds.
        """
        along_x = np.asarray(along_x, dtype=bool)
        theta = self.bond_angles(mid_x, mid_y, along_x)
        out = spin_rotation(theta, 0)
        out[along_x] = spin_rotation(-theta[along_x], 1)
        return out


class ColumnGaugeField:
    """A pure gauge: an x-dependent ``sigma_y`` link ``exp(i theta(x) sigma_y)`` on x bonds.

    The field strength of this SU(2) vector potential vanishes identically: it is removed by the
    site-dependent spin rotation ``psi(x, y) -> exp(i Theta(x) sigma_y) psi`` with
    ``Theta(x) = sum of theta over the bonds left of x``. Because the rotation is constant in each
    lead (no links there), the transmission must not change at all: an exact test of the
    solver's treatment of spin.

    Parameters
    ----------
    angles : array_like
        ``theta`` (radians) of the x bonds between columns ``x`` and ``x + 1``, length
        ``geometry.length - 1``.
    """

    def __init__(self, angles):
        self.angles_per_column = check_finite(angles, "angles")
        if self.angles_per_column.ndim != 1:
            raise ValueError("angles must be a 1-D array (one angle per column of x bonds)")

    is_trivial = False

    def matrices(self, mid_x, mid_y, along_x: np.ndarray) -> np.ndarray:
        """Spin part of ``H[r, r + delta]``: ``exp(i theta(x) sigma_y)`` on x bonds, 1 on y."""
        mid_x = np.asarray(mid_x, dtype=float)
        along_x = np.asarray(along_x, dtype=bool)
        theta = np.zeros(mid_x.shape)
        col = np.floor(mid_x[along_x]).astype(int)
        if col.size and (col.min() < 0 or col.max() >= self.angles_per_column.size):
            raise ValueError(
                f"angles must have one entry per column of x bonds ({col.max() + 1} needed), "
                f"got {self.angles_per_column.size}"
            )
        theta[along_x] = self.angles_per_column[col]
        out = np.broadcast_to(np.eye(2, dtype=complex), theta.shape + (2, 2)).copy()
        out[along_x] = spin_rotation(theta[along_x], 1)
        return out
