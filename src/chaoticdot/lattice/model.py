"""``DotModel``: the public entry point of the lattice model (one dot, one disorder realisation).

Units throughout: lattice constant a0 = 1, hopping t = 1, hbar = 1; conductances in e^2/h;
magnetic field as the flux ``Phi`` through the dot's bounding rectangle in units of h/e.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from .._validation import (
    as_scalar,
    check_bool,
    check_choice,
    check_finite,
    check_nonnegative,
    check_seed,
)
from .geometry import DotGeometry, disorder_potential
from .hamiltonian import dot_hamiltonian
from .leads import channel_count, channel_window, energy_from_kf
from .spin_orbit import PROFILES, RashbaField, check_dresselhaus_length
from .transport import conductance, scattering_matrix, transmission_matrix

__all__ = ["DotModel"]


@dataclass(frozen=True)
class DotModel:
    """Square-lattice quantum dot with Rashba spin-orbit gate, field, Zeeman term and disorder.

    Parameters
    ----------
    length : int
        Dot size ``L`` along the leads (sites = a0).
    width : int, optional
        Size across (default ``length``).
    lead_width : int
        Sites across each lead; with ``kf`` it fixes the channel number ``N`` per lead.
    kf : float
        Central Fermi wave number ``k_F a0`` (energy ``E = 2t(1 - cos k_F a0)``); keep
        ``k_F a0 <~ 0.7`` for continuum-like physics (book appendix "Lattice model").
    disorder : float
        Anderson disorder box width ``w`` (units t); ``~0.5-0.6`` gives a mean free path of
        the order of the dot size.
    obstacle_radius : float, optional
        Radius of the Sinai-like hole (a0; default ``length / 6``; 0 = none).
    so_profile : str
        Gate profile of the Rashba coupling, one of ``uniform, half, step, corner,
        checkerboard, curved`` (see :mod:`~chaoticdot.lattice.spin_orbit`).
    so_length : float
        Spin-precession length ``lambda`` (a0) where the profile has unit strength;
        ``inf`` = no spin-orbit coupling.
    flux : float
        Perpendicular-field flux through the ``length x width`` rectangle (units h/e), orbital
        effect only, confined to the dot.
    zeeman : tuple of 3 floats
        Zeeman vector ``h`` (units t) of the on-site term ``h . sigma`` in the dot.
    seed : int, SeedSequence or None
        Seed of the disorder realisation.
    smooth_contacts : bool
        True (default): the transverse Rashba component continues into the leads as a pure
        gauge, so the contacts carry no spin flux; False: the coupling stops abruptly at the
        contacts (see :mod:`~chaoticdot.lattice.hamiltonian`).
    dresselhaus_length : float
        Uniform Dresselhaus length ``lambda_D`` (a0), nonzero, any sign; ``inf`` (default) =
        none. With ``so_length = lambda_R``: ``1/lambda_x = s/lambda_R - 1/lambda_D`` and
        ``1/lambda_y = s/lambda_R + 1/lambda_D`` in paper Eq. (1) (see
        :mod:`~chaoticdot.lattice.spin_orbit`).

    Examples
    --------
    >>> dot = DotModel(length=30, lead_width=8, so_profile="step", so_length=25.0)
    >>> g = dot.conductance()  # e^2/h, at the energy of k_F a0 = 0.6
    """

    length: int = 60
    width: int | None = None
    lead_width: int = 12
    kf: float = 0.6
    disorder: float = 0.55
    obstacle_radius: float | None = None
    so_profile: str = "uniform"
    so_length: float = np.inf
    flux: float = 0.0
    zeeman: tuple[float, float, float] = (0.0, 0.0, 0.0)
    seed: object = 0
    smooth_contacts: bool = True
    dresselhaus_length: float = np.inf

    def __post_init__(self):
        check_choice(self.so_profile, "so_profile", tuple(PROFILES))
        check_seed(self.seed, "seed")
        check_bool(self.smooth_contacts, "smooth_contacts")
        so_length = as_scalar(
            check_nonnegative(self.so_length, "so_length", allow_inf=True), "so_length"
        )
        if so_length == 0.0:
            raise ValueError("so_length must lie in (0, inf] (a0), got 0")
        check_nonnegative(self.disorder, "disorder")
        check_finite(self.flux, "flux")
        zeeman = check_finite(self.zeeman, "zeeman")
        if zeeman.shape != (3,):
            raise ValueError(f"zeeman must be a 3-vector (units t), got {self.zeeman!r}")
        object.__setattr__(self, "zeeman", tuple(float(v) for v in zeeman))
        object.__setattr__(self, "so_length", so_length)
        object.__setattr__(
            self, "dresselhaus_length", check_dresselhaus_length(self.dresselhaus_length)
        )
        energy_from_kf(self.kf)  # validates kf
        _ = self.geometry  # validates the sizes

    # ----------------------------------------------------------------- structure
    @cached_property
    def geometry(self) -> DotGeometry:
        """The :class:`DotGeometry` (sites, hole, lead rows)."""
        return DotGeometry(self.length, self.width, self.lead_width, self.obstacle_radius)

    def replace(self, **changes) -> DotModel:
        """A copy with some parameters changed (same disorder if ``seed`` is unchanged)."""
        return dataclasses.replace(self, **changes)

    def potential(self) -> np.ndarray:
        """On-site disorder of this realisation (units t), drawn from ``seed``."""
        rng = np.random.default_rng(self.seed)
        return disorder_potential(self.geometry.n_sites, self.disorder, rng)

    def links(self) -> RashbaField | None:
        """Rashba (plus Dresselhaus) link field, or None without spin-orbit coupling."""
        if np.isinf(self.so_length) and np.isinf(self.dresselhaus_length):
            return None
        if np.isinf(self.dresselhaus_length):
            return RashbaField(self.so_profile, self.so_length, self.geometry)
        return RashbaField(
            self.so_profile,
            self.so_length,
            self.geometry,
            dresselhaus_length=self.dresselhaus_length,
        )

    @property
    def spin_flux(self) -> float:
        """Leading-order spin flux ``A / (4 pi lambda_x lambda_y)`` (h/e) of uniform coupling.

        Only meaningful for ``so_profile = "uniform"`` (then ``1/lambda_x = 1/lambda_R -
        1/lambda_D``, ``1/lambda_y = 1/lambda_R + 1/lambda_D``); ``A = length * width``, the
        area of the flux convention (:func:`~chaoticdot.lattice.spin_orbit.spin_flux`).
        """
        inv_r, inv_d = 1.0 / self.so_length, 1.0 / self.dresselhaus_length
        return self.geometry.area * (inv_r - inv_d) * (inv_r + inv_d) / (4.0 * np.pi)

    def hamiltonian(self):
        """Sparse Hamiltonian of the closed dot, ``(2 n_sites, 2 n_sites)``, units t."""
        return dot_hamiltonian(
            self.geometry,
            potential=self.potential(),
            links=self.links(),
            flux=self.flux,
            zeeman=self.zeeman,
            smooth_contacts=self.smooth_contacts,
        )

    # ----------------------------------------------------------------- energies
    @property
    def energy(self) -> float:
        """Central Fermi energy ``2t(1 - cos k_F a0)`` (units t)."""
        return energy_from_kf(self.kf)

    @property
    def n_channels(self) -> int:
        """Orbital channels per lead at :attr:`energy` (the paper's ``N1 = N2``)."""
        return channel_count(self.lead_width, self.energy)

    def energy_window(self, margin: float = 0.1) -> tuple[float, float]:
        """Energies around :attr:`energy` with the same channel number (units t).

        The interval between the two lead thresholds that bracket :attr:`energy`, shrunk by
        ``margin`` times its length on each side (the conductance is not universal right at
        a threshold, where a channel opens with vanishing velocity).
        """
        margin = as_scalar(check_nonnegative(margin, "margin"), "margin")
        if margin >= 0.5:
            raise ValueError(f"margin must lie in [0, 0.5), got {margin!r}")
        lo, hi = channel_window(self.lead_width, self.n_channels)
        span = hi - lo
        return lo + margin * span, hi - margin * span

    @property
    def level_spacing(self) -> float:
        """Mean spacing of Kramers-degenerate levels ``Delta = 4 pi t a0^2 / A`` (units t).

        The paper's ``Delta`` (appendix "Parameters and level spacing") for the dot area ``A`` =
        number of sites,
        using ``hbar^2 / 2m = t a0^2`` near the band bottom.
        """
        return 4.0 * np.pi / self.geometry.n_sites

    @property
    def thouless_energy(self) -> float:
        """Ballistic Thouless energy ``hbar v_F / sqrt(A)`` (units t), ``v_F = 2 t a0 sin k_F``."""
        return 2.0 * np.sin(self.kf) / np.sqrt(self.geometry.n_sites)

    @property
    def mean_free_path(self) -> float:
        """Born-approximation mean free path ``48 t^2 k_F a0 / w^2`` (a0; inf without disorder).

        From ``hbar/tau = 2 pi nu <V^2>`` with ``nu = 1/(4 pi t a0^2)`` per spin and
        ``<V^2> = w^2/12``, and ``v_F = 2 t a0 k_F / hbar``; valid for ``k_F a0 << 1``.
        """
        if self.disorder == 0:
            return float("inf")
        return 48.0 * self.kf / self.disorder**2

    # ----------------------------------------------------------------- transport
    def _energy(self, energy):
        return self.energy if energy is None else energy

    def transmission_matrix(self, energy: float | None = None) -> np.ndarray:
        """Spin-resolved transmission block ``t`` (``2N x 2N``) at ``energy`` (units t)."""
        return transmission_matrix(self.hamiltonian(), self.geometry, self._energy(energy))

    def scattering_matrix(self, energy: float | None = None) -> np.ndarray:
        """Full scattering matrix (``4N x 4N``, lead 0 first) at ``energy`` (units t)."""
        return scattering_matrix(self.hamiltonian(), self.geometry, self._energy(energy))

    def conductance(self, energy: float | None = None) -> float:
        """Conductance ``tr t^dagger t`` in units of ``e^2/h`` (paper Eq. (4)) at ``energy``."""
        return conductance(self.hamiltonian(), self.geometry, self._energy(energy))
