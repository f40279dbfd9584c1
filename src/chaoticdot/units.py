"""GaAs constants and the conversion of a physical quantum dot to the paper's parameters.

A :class:`Device` holds physical inputs (field names carry their units) and returns

* the energy and time scales (``Delta``, ``tau_H``, ``tau_erg``, ``E_T``, ``tau_so``'s),
* the dimensionless parameters ``N1, N2, x, a, b, nphi, kT`` of the paper (Eqs. 6-7 and the
  definitions below them; book appendix "Parameters and level spacing" and "GaAs parameters")
  and the spin-orbit terms ``x_so``, ``zeeman_so`` of :mod:`chaoticdot.perturbation_model`,
  ready for ``**kwargs`` of :mod:`chaoticdot.theory` and :func:`chaoticdot.rmt.sample_conductance`,
* the list of violated universal-regime conditions (paper: ``g mu_B B, hbar/tau_so <<
  hbar/tau_erg``, ``L << lambda``, ``N << E_T/Delta``), with a
  :class:`UniversalRegimeWarning`.

Conventions and open constants
------------------------------
* ``Delta = 2 pi hbar^2 / (m* A)`` is the spacing of spin-degenerate (Kramers) levels, the
  paper's Delta (appendix "Parameters and level spacing"); the spacing of spin-resolved levels is
  Delta/2.
* Dot size ``L = sqrt(A)``; ballistic dot: ``tau_erg = L / v_F``, ``E_T = hbar / tau_erg``
  (appendix "GaAs parameters").
* Orbital field (text below Eq. 7): ``x^2 = c_x e^2 L^4 B_perp^2 / (hbar tau_erg Delta)``,
  ``c_x = pi/4`` by default (the value for a diffusive disk, paper Ref. 23, here combined with
  the ballistic ``tau_erg``). The alternative ballistic parametrisation
  ``x^2 = pi kappa_perp E_T (B_perp A / Phi_0)^2 / Delta``, is selected by setting
  ``kappa_perp``; the two agree for ``c_x = kappa_perp / (4 pi)``. ``x`` carries the sign of
  ``B_perp``.
* Uniform spin-orbit coupling (paper Eq. 1, axes ``x || [110]``, ``y || [1-10]``): given as
  the signed precession lengths ``lambda_x_um``, ``lambda_y_um``, as the Rashba and
  Dresselhaus couplings ``alpha_eV_m``, ``beta_eV_m``, or (pure Rashba) as ``lambda_um``,
  meaning ``lambda_x = lambda_y = lambda_um``. With the Rashba term
  ``(alpha/hbar)(p_y sigma_x - p_x sigma_y)`` written in the paper's axes and the Dresselhaus
  term ``(beta/hbar)(p_x' sigma_x' - p_y' sigma_y')`` in the cubic axes ``x' || [100]``,
  ``y' || [010]`` (which reads ``(beta/hbar)(p_x sigma_y + p_y sigma_x)`` in the paper's axes),
  Eq. (1) holds with ``hbar^2 / (2 m* lambda_x) = alpha - beta`` and ``hbar^2 / (2 m*
  lambda_y) = alpha + beta`` (:func:`spin_orbit_lengths_um`; book appendix, section "Uniform
  spin-orbit coupling in GaAs units"). ``alpha = beta`` makes ``lambda_x`` infinite: the
  coupling is then a pure gauge along one spin axis (``sigma_x``), so ``x_so`` and the
  remainder vanish and without parallel field nothing is left. A parallel field along that
  axis commutes with it and leaves it a pure gauge; a field across it (``n_y != 0``) does not,
  and the cross term ``zeeman_so`` (proportional to ``n_y / lambda_y``) is then physical.
* After the gauge transformation of Aleiner & Fal'ko, PRL 87, 256801 (2001), uniform coupling
  leaves three perturbations (book appendix, section "Spin-orbit Hamiltonian"):

  - the spin flux ``x_so``: the orbital parameter ``x`` evaluated at the field ``B_so = hbar /
    (2 e lambda_x lambda_y)`` (signed; same conversion as ``x``), a *unitary* perturbation.
    It replaces the scaling estimate ``tau_so^u = c_u tau_erg lambda_x^2 lambda_y^2 / L^4``
    of Eq. (2) (``(lambda_bar/L)^4`` for pure Rashba),
    which is still reported (``n_so_unitary``) but enters no parameter; the two agree for
    ``c_u = 4 pi / c_x`` (16 for the default ``c_x``);
  - the symplectic remainder (paper footnote 15), added to the gate's symplectic term in ``a``;
  - the Zeeman x spin-orbit cross term ``zeeman_so`` (Cremers, Brouwer & Fal'ko, PRB 68,
    125329 (2003)).

  The gate modulates ``1/lambda = 1/lambda_bar +- 1/(2 lambda_s)`` in the two halves of the
  dot and gives the *symplectic* perturbation of the paper's model with ``tau_so^s = c_s
  tau_erg (lambda_s/L)^2`` (Eq. 3). The paper's ``a`` (Eq. 7, ``a^2 = 2 pi hbar / tau_so
  Delta``) is the symplectic term: ``a^2 = h / (tau_so^s Delta) + a_rem^2``
  (:meth:`Device.spin_orbit_rates`). ``c_u``, ``c_s``, ``c_r``, ``c_z`` are O(1) constants the
  paper leaves open (default 1).
* Zeeman field: ``b = pi |g| mu_B |B| / Delta`` with the total field
  ``B = B_par + B_perp z``; its direction is :attr:`Device.b_direction`.
* Dephasing ``nphi = h / (tau_phi Delta)``; temperature ``kT = k_B T / Delta``.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np

from ._validation import check_finite, check_nonnegative, check_not_nan, check_positive_int

__all__ = [
    "Device",
    "UniversalRegimeWarning",
    "rashba_length_um",
    "spin_flux_field_T",
    "spin_orbit_lengths_um",
    "spin_orbit_couplings_eV_m",
    "M_E_KG",
    "M_STAR",
    "G_FACTOR",
    "MU_B_EV_PER_T",
    "K_B_EV_PER_K",
    "H_EV_S",
    "HBAR_J_S",
    "E_C",
    "PHI_0_T_M2",
    "REFERENCE_DEVICE",
    "reference_device",
]

# Physical constants (CODATA 2018 exact or recommended values) and GaAs band parameters.
E_C = 1.602176634e-19  # elementary charge, C
H_J_S = 6.62607015e-34  # Planck constant, J s
HBAR_J_S = H_J_S / (2 * math.pi)
H_EV_S = H_J_S / E_C  # 4.1357e-15 eV s
M_E_KG = 9.1093837015e-31  # electron mass, kg
MU_B_EV_PER_T = 5.7883818060e-5  # Bohr magneton, eV/T
K_B_EV_PER_K = 8.617333262e-5  # Boltzmann constant, eV/K
PHI_0_T_M2 = H_J_S / E_C  # flux quantum h/e, T m^2
M_STAR = 0.067  # GaAs effective mass / m_e
G_FACTOR = -0.44  # GaAs bulk g factor (only |g| enters)

_UM = 1e-6
_UEV = 1e-6 * E_C  # 1 micro-eV in J
#: ``hbar^2 / (2 m*)`` in eV m um: a coupling ``alpha`` in eV m has ``lambda = this / alpha`` um.
_HBAR2_2M_EV_M_UM = HBAR_J_S**2 / (2 * M_STAR * M_E_KG) / E_C / _UM


class UniversalRegimeWarning(UserWarning):
    """A condition of the universal (random-matrix) regime is not well satisfied."""


def rashba_length_um(alpha_eV_m: float) -> float:
    """Spin-precession length ``lambda = hbar^2 / (2 m* alpha)`` in micrometres.

    Parameters
    ----------
    alpha_eV_m : float
        Rashba coefficient in eV m (> 0), for ``H = (alpha/hbar)(p_y sigma_x - p_x sigma_y)``.
    """
    alpha_eV_m = _positive(alpha_eV_m, "alpha_eV_m")
    with np.errstate(over="ignore"):
        out = HBAR_J_S**2 / (2 * M_STAR * M_E_KG * alpha_eV_m * E_C) / _UM
    return _finite_result(out, "alpha_eV_m", alpha_eV_m)


def spin_flux_field_T(lambda_x_um: float, lambda_y_um: float) -> float:
    """Effective field of the spin-dependent flux, ``B_so = hbar / (2 e lambda_x lambda_y)``.

    In tesla (commutator part of the field strength of Eq. 1; appendix,
    section "Spin-orbit Hamiltonian").
    """
    lambda_x_um = _positive(lambda_x_um, "lambda_x_um")
    lambda_y_um = _positive(lambda_y_um, "lambda_y_um")
    with np.errstate(over="ignore", under="ignore"):
        out = HBAR_J_S / (2 * E_C * lambda_x_um * lambda_y_um * _UM**2)
    return _finite_result(out, "lambda_x_um and lambda_y_um", (lambda_x_um, lambda_y_um))


def spin_orbit_lengths_um(alpha_eV_m, beta_eV_m) -> tuple:
    """Signed precession lengths ``(lambda_x, lambda_y)`` of paper Eq. (1) in um.

    ``hbar^2 / (2 m* lambda_x) = alpha - beta`` and ``hbar^2 / (2 m* lambda_y) = alpha + beta``
    for ``x || [110]``, ``y || [1-10]`` (book appendix, section "Uniform spin-orbit coupling
    in GaAs units"; Halperin et al., PRL 86, 2106 (2001)).

    Parameters
    ----------
    alpha_eV_m : float or array_like
        Rashba coupling in eV m, ``H_R = (alpha/hbar)(p_y sigma_x - p_x sigma_y)`` in the
        paper's axes (any sign, finite).
    beta_eV_m : float or array_like
        Dresselhaus coupling in eV m, ``H_D = (beta/hbar)(p_x' sigma_x' - p_y' sigma_y')`` in
        the cubic axes ``x' || [100]``, ``y' || [010]`` (any sign, finite).

    Returns
    -------
    tuple
        ``(lambda_x_um, lambda_y_um)``, signed; ``inf`` where the combination vanishes
        (``alpha = beta``: ``lambda_x`` infinite, the coupling is a pure gauge).
    """
    alpha = check_finite(alpha_eV_m, "alpha_eV_m")[()]
    beta = check_finite(beta_eV_m, "beta_eV_m")[()]
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        diff, total = alpha - beta, alpha + beta
        lengths = tuple(
            np.where(c == 0, math.inf, _HBAR2_2M_EV_M_UM / np.where(c == 0, 1.0, c))[()]
            for c in (diff, total)
        )
    for c, lam in zip((diff, total), lengths, strict=True):
        if not np.all(np.isfinite(c)) or np.any((lam == 0) & (c != 0)):
            raise ValueError(
                "alpha_eV_m and beta_eV_m out of the floating-point range for this "
                f"conversion, got {alpha_eV_m!r}, {beta_eV_m!r}"
            )
    return tuple(float(v) if np.ndim(v) == 0 else v for v in lengths)


def spin_orbit_couplings_eV_m(lambda_x_um, lambda_y_um) -> tuple:
    """Rashba and Dresselhaus couplings ``(alpha, beta)`` in eV m from the lengths of Eq. (1).

    The inverse of :func:`spin_orbit_lengths_um`: ``alpha = (hbar^2 / 4 m*)(1/lambda_x +
    1/lambda_y)``, ``beta = (hbar^2 / 4 m*)(1/lambda_y - 1/lambda_x)``.

    Parameters
    ----------
    lambda_x_um, lambda_y_um : float or array_like
        Signed precession lengths in um (non-zero; ``+-inf``: no coupling along that axis).
    """
    inv_x = 1.0 / _signed_length(lambda_x_um, "lambda_x_um")
    inv_y = 1.0 / _signed_length(lambda_y_um, "lambda_y_um")
    with np.errstate(over="ignore", invalid="ignore"):
        alpha = 0.5 * _HBAR2_2M_EV_M_UM * (inv_x + inv_y)
        beta = 0.5 * _HBAR2_2M_EV_M_UM * (inv_y - inv_x)
    if not (np.all(np.isfinite(alpha)) and np.all(np.isfinite(beta))):
        raise ValueError(
            "lambda_x_um and lambda_y_um out of the floating-point range for this conversion, "
            f"got {lambda_x_um!r}, {lambda_y_um!r}"
        )
    return tuple(float(v) if np.ndim(v) == 0 else v for v in (alpha, beta))


def _signed_length(value, name, *, allow_none=False):
    """A signed length: real, non-zero, not NaN; ``+-inf`` means no coupling."""
    if value is None and allow_none:
        return None
    arr = check_not_nan(value, name)
    if np.any(arr == 0):
        raise ValueError(
            f"{name} must be a non-zero length in [-inf, 0) or (0, inf] (inf: no coupling), "
            f"got {value!r}"
        )
    return arr[()]


def _finite_result(out, names: str, given):
    """``out`` if finite and non-zero, else a ValueError naming the inputs (overflow)."""
    if not np.all(np.isfinite(out) & (np.asarray(out) != 0)):
        raise ValueError(
            f"{names} out of the floating-point range for this conversion, got {given!r}"
        )
    return float(out) if np.ndim(out) == 0 else out


def _broadcast(params: dict) -> dict:
    """Broadcast the values of ``params`` to one shape (Python floats when all are scalars)."""
    arrays = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in params.values()))
    return {
        k: (float(a) if a.ndim == 0 else np.array(a)) for k, a in zip(params, arrays, strict=True)
    }


def _real_array(value, name, text):
    """A real float scalar or array (no strings, booleans, complex or empty arrays)."""
    if isinstance(value, bool | np.bool_ | str | bytes) or value is None:
        raise TypeError(f"{name} must be {text}, got {value!r}")
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be {text}, got {value!r}") from None
    if arr.dtype == object or np.asarray(value).dtype.kind in "bUSc" or arr.size == 0:
        raise TypeError(f"{name} must be {text}, got {value!r}")
    return arr[()]  # numpy scalar or array: extreme values overflow to inf, never raise


def _positive(value, name, *, allow_none=False):
    """Validated ``(0, inf)`` scalar or array (``None`` passes through when allowed)."""
    if value is None and allow_none:
        return None
    arr = _real_array(value, name, "a real number (or array) in (0, inf)")
    if not np.all((np.asarray(arr) > 0) & np.isfinite(arr)):
        raise ValueError(f"{name} must lie in (0, inf), got {value!r}")
    return arr


def _finite(value, name):
    """Validated finite real scalar or array."""
    arr = _real_array(value, name, "a finite real number (or array)")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite (in (-inf, inf)), got {value!r}")
    return arr


def _check_one_coupling_form(fields: dict) -> None:
    """The uniform coupling is given once: as ``lambda_um``, as lengths or as couplings."""
    forms = {
        "lambda_um": ("lambda_um",),
        "lengths": ("lambda_x_um", "lambda_y_um"),
        "couplings": ("alpha_eV_m", "beta_eV_m"),
    }
    given = [names for names in forms.values() if any(fields[n] is not None for n in names)]
    if len(given) > 1:
        named = [n for names in given for n in names if fields[n] is not None]
        raise ValueError(
            "give the uniform spin-orbit coupling in one form only: lambda_um (pure Rashba), "
            "or lambda_x_um/lambda_y_um (lengths), or alpha_eV_m/beta_eV_m (couplings); got "
            + ", ".join(named)
        )


@dataclass(frozen=True)
class Device:
    """A chaotic GaAs quantum dot with two point contacts (physical units in field names).

    Parameters
    ----------
    area_um2 : float or array_like
        Dot area A in um^2.
    N1, N2 : int
        Propagating orbital channels in the two point contacts (scalars).
    density_cm2 : float
        Sheet electron density in cm^-2 (e.g. ``5.8e11``).
    lambda_um : float or None
        Uniform spin-orbit (pure Rashba) length lambda_bar in um, i.e. ``lambda_x = lambda_y
        = lambda_um``; None: no uniform coupling. Excludes the four inputs below.
    lambda_x_um, lambda_y_um : float or None
        Signed precession lengths of paper Eq. (1) in um (``x || [110]``, ``y || [1-10]``);
        None or ``+-inf``: no coupling along that axis. Exclude ``lambda_um`` and the
        couplings.
    alpha_eV_m, beta_eV_m : float or None
        Rashba and Dresselhaus couplings in eV m (signed; :func:`spin_orbit_lengths_um`
        defines the convention); one of them None means zero. Exclude the lengths.
    lambda_s_um : float or None
        Gate-induced modulation length lambda_s in um; None: no gate.
    B_perp_T : float
        Perpendicular magnetic field in tesla (signed).
    B_par_T : float
        In-plane magnetic field magnitude in tesla (signed along ``B_par_direction``).
    B_par_direction : tuple
        In-plane direction ``(n_x, n_y)`` or ``(n_x, n_y, 0)``; x along [110].
    temperature_K : float
        Electron temperature in kelvin (>= 0).
    tau_phi_ns : float or None
        Dephasing time in ns; None: no dephasing.
    c_x : float
        Coefficient c in ``x^2`` (text below Eq. 7); default pi/4.
    kappa_perp : float or None
        If set, use the ballistic form ``2 x^2 = 2 pi kappa_perp E_T (B_perp A/Phi_0)^2 /
        Delta`` instead of ``c_x`` (equivalent to ``c_x = kappa_perp / 4 pi``).
    c_u, c_s : float
        O(1) prefactors of Eqs. (2) and (3).
    c_r : float
        O(1) prefactor (>= 0; 0 switches it off) of the symplectic remainder of uniform
        coupling, ``a_rem^2 = c_r x_so^2 ((L/lambda_x)^2 + (L/lambda_y)^2)`` (paper footnote 15).
    c_z : float
        O(1) prefactor (>= 0; 0 switches it off) of the golden-rule estimate of ``zeeman_so^2``
        (:meth:`spin_orbit_rates`).
    regime_margin : float
        A condition ``p << q`` counts as violated when ``p / q > regime_margin``.

    Notes
    -----
    Every real field except ``N1``, ``N2``, ``B_par_direction`` and ``regime_margin`` may be
    an array: the fields broadcast against each other, and :meth:`dimensionless` and
    :meth:`time_scales` return broadcast arrays (a sweep without a Python loop). Arrays are
    stored as read-only float arrays.
    """

    area_um2: float
    N1: int = 1
    N2: int = 1
    density_cm2: float = 5.8e11
    lambda_um: float | None = None
    lambda_s_um: float | None = None
    B_perp_T: float = 0.0
    B_par_T: float = 0.0
    B_par_direction: tuple = (1.0, 0.0, 0.0)
    temperature_K: float = 0.0
    tau_phi_ns: float | None = None
    c_x: float = math.pi / 4
    kappa_perp: float | None = None
    c_u: float = 1.0
    c_s: float = 1.0
    regime_margin: float = 0.3
    lambda_x_um: float | None = None
    lambda_y_um: float | None = None
    alpha_eV_m: float | None = None
    beta_eV_m: float | None = None
    c_r: float = 1.0
    c_z: float = 1.0

    def __post_init__(self):
        fields = {
            "area_um2": _positive(self.area_um2, "area_um2"),
            "density_cm2": _positive(self.density_cm2, "density_cm2"),
            "lambda_um": _positive(self.lambda_um, "lambda_um", allow_none=True),
            "lambda_s_um": _positive(self.lambda_s_um, "lambda_s_um", allow_none=True),
            "B_perp_T": _finite(self.B_perp_T, "B_perp_T"),
            "B_par_T": _finite(self.B_par_T, "B_par_T"),
            "temperature_K": _finite(self.temperature_K, "temperature_K"),
            "tau_phi_ns": _positive(self.tau_phi_ns, "tau_phi_ns", allow_none=True),
            "kappa_perp": _positive(self.kappa_perp, "kappa_perp", allow_none=True),
            "lambda_x_um": _signed_length(self.lambda_x_um, "lambda_x_um", allow_none=True),
            "lambda_y_um": _signed_length(self.lambda_y_um, "lambda_y_um", allow_none=True),
        }
        for name in ("alpha_eV_m", "beta_eV_m"):
            value = getattr(self, name)
            fields[name] = None if value is None else check_finite(value, name)[()]
        for name in ("c_r", "c_z"):
            fields[name] = check_nonnegative(getattr(self, name), name)[()]
        _check_one_coupling_form(fields)
        for name in ("c_x", "c_u", "c_s"):
            fields[name] = _positive(getattr(self, name), name)
        margin = _positive(self.regime_margin, "regime_margin")
        if np.ndim(margin):
            raise ValueError(f"regime_margin must be a scalar in (0, inf), got {margin!r}")
        fields["regime_margin"] = margin
        if np.any(np.asarray(fields["temperature_K"]) < 0):
            raise ValueError(f"temperature_K must lie in [0, inf), got {self.temperature_K!r}")
        fields["N1"] = check_positive_int(self.N1, "N1")
        fields["N2"] = check_positive_int(self.N2, "N2")
        try:
            np.broadcast_shapes(*(np.shape(v) for v in fields.values() if v is not None))
        except ValueError:
            shapes = {k: np.shape(v) for k, v in fields.items() if np.ndim(v)}
            raise ValueError(f"the array fields of Device must broadcast, got {shapes}") from None
        for name, value in fields.items():
            if isinstance(value, np.ndarray):
                value.flags.writeable = False
            object.__setattr__(self, name, value)
        try:
            d = np.asarray(self.B_par_direction, dtype=float)
        except (TypeError, ValueError):
            d = np.array([np.nan])
        if d.shape == (2,):
            d = np.append(d, 0.0)
        if d.shape != (3,) or not np.all(np.isfinite(d)) or d[2] != 0 or not np.any(d):
            raise ValueError(
                "B_par_direction must be a finite non-zero in-plane vector "
                f"(n_x, n_y) or (n_x, n_y, 0), got {self.B_par_direction!r}"
            )
        # Extreme inputs (e.g. area_um2 = 1e-300) must not produce silent inf or NaN scales.
        with np.errstate(all="ignore"):
            scales = (self._delta_J, self._tau_erg_s, self.fermi_velocity_m_s)
        if not all(np.all(np.isfinite(v) & (np.asarray(v) > 0)) for v in scales):
            raise ValueError(
                "area_um2 and density_cm2 give a level spacing or Fermi velocity outside the "
                f"floating-point range (area_um2 = {self.area_um2!r}, density_cm2 = "
                f"{self.density_cm2!r}); use physical values (area_um2 ~ 1e-4 .. 1e4, "
                "density_cm2 ~ 1e9 .. 1e13)"
            )
        self._check_spin_orbit_range()

    def _check_spin_orbit_range(self):
        """Extreme spin-orbit inputs must not give a silent inf or NaN parameter."""
        with np.errstate(all="ignore"):
            lam_x, lam_y = self.spin_orbit_lengths_um
            so = self._spin_orbit_parameters(b_par_T=1.0)
            del so["a2_gate"]  # the gate's rate is Eq. (3) as before, checked by its own input
        values = (lam_x, lam_y, *so.values())
        if all(np.all(~np.isnan(v)) for v in values) and all(
            np.all(np.isfinite(v)) for v in so.values()
        ):
            return
        given = {
            k: getattr(self, k)
            for k in ("lambda_um", "lambda_x_um", "lambda_y_um", "alpha_eV_m", "beta_eV_m")
            if getattr(self, k) is not None
        }
        given.update(area_um2=self.area_um2, c_r=self.c_r, c_z=self.c_z)
        raise ValueError(
            f"the spin-orbit inputs {given} give spin-orbit parameters outside the "
            "floating-point range; use physical values (lengths ~ 0.1 .. 1e3 um)"
        )

    # --- basic scales (SI) -----------------------------------------------------------
    @property
    def _area_m2(self):
        return self.area_um2 * _UM**2

    @property
    def size_um(self) -> float:
        """Dot size ``L = sqrt(A)`` in um."""
        return np.sqrt(self.area_um2)

    @property
    def fermi_velocity_m_s(self) -> float:
        """``v_F = hbar k_F / m*`` with ``k_F = sqrt(2 pi n_s)`` (spin-degenerate 2DEG)."""
        k_f = np.sqrt(2 * math.pi * self.density_cm2 * 1e4)
        return HBAR_J_S * k_f / (M_STAR * M_E_KG)

    @property
    def _delta_J(self):
        return 2 * math.pi * HBAR_J_S**2 / (M_STAR * M_E_KG * self._area_m2)

    @property
    def _tau_erg_s(self):
        return self.size_um * _UM / self.fermi_velocity_m_s

    # --- spin-orbit coupling --------------------------------------------------------------
    @property
    def spin_orbit_lengths_um(self) -> tuple:
        """Signed precession lengths ``(lambda_x, lambda_y)`` of paper Eq. (1) in um.

        ``inf`` along an axis without coupling (also when no uniform coupling is given);
        from ``lambda_um`` both equal ``lambda_um``; from the couplings by
        :func:`spin_orbit_lengths_um`.
        """
        if self.lambda_um is not None:
            return (self.lambda_um, self.lambda_um)
        if self.alpha_eV_m is not None or self.beta_eV_m is not None:
            alpha = 0.0 if self.alpha_eV_m is None else self.alpha_eV_m
            beta = 0.0 if self.beta_eV_m is None else self.beta_eV_m
            return spin_orbit_lengths_um(alpha, beta)
        return tuple(math.inf if v is None else v for v in (self.lambda_x_um, self.lambda_y_um))

    def _uniform_lengths_um(self):
        """Lengths of the scaling estimates: ``(lambda_inf, lambda_u)`` in um.

        ``lambda_inf^-2 = (lambda_x^-2 + lambda_y^-2) / 2`` (in-plane D'yakonov-Perel' rate,
        the mean of the rates of the two in-plane spin components) and ``lambda_u^2 =
        |lambda_x lambda_y|`` (the spin flux, ``B_so ~ 1 / lambda_x lambda_y``). For
        ``|lambda_x| = |lambda_y|`` both are that length, exactly (``lambda_um`` inputs give the
        same numbers as before the anisotropic inputs existed).
        """
        if self.lambda_um is not None:
            return self.lambda_um, self.lambda_um
        lam_x, lam_y = (np.abs(np.asarray(v, dtype=float)) for v in self.spin_orbit_lengths_um)
        if np.all(np.isinf(lam_x)) and np.all(np.isinf(lam_y)):
            return math.inf, math.inf
        with np.errstate(divide="ignore", over="ignore", under="ignore"):
            equal = lam_x == lam_y
            lam_inf = np.sqrt(2.0 / (1.0 / lam_x**2 + 1.0 / lam_y**2))
            lam_u = np.sqrt(lam_x * lam_y)
        return np.where(equal, lam_x, lam_inf)[()], np.where(equal, lam_x, lam_u)[()]

    def _tau_so_s(self, kind):
        """Spin-orbit times in seconds: bulk (infinite dot), uniform Eq. (2), gate Eq. (3)."""
        L = self.size_um
        if kind == "inf":  # bulk D'yakonov-Perel' time (in-plane spin) with mean free path ~ L
            lam = self._uniform_lengths_um()[0]
            v_f = self.fermi_velocity_m_s
            with np.errstate(over="ignore"):
                return 2 * (lam * _UM) ** 2 / (L * _UM * v_f)
        if kind == "u":
            lam = self._uniform_lengths_um()[1]
            with np.errstate(over="ignore"):
                return self.c_u * self._tau_erg_s * (lam / L) ** 4
        lam = self.lambda_s_um
        return math.inf if lam is None else self.c_s * self._tau_erg_s * (lam / L) ** 2

    @property
    def b_direction(self) -> tuple:
        """Unit vector of the total field ``B_par + B_perp z`` (default x if it vanishes).

        For array fields the direction must be the same at every element (e.g. a sweep of
        ``B_perp_T`` alone, or of both fields in a fixed ratio); otherwise a ValueError asks
        for separate devices, since one Monte-Carlo call takes one ``b_direction``.
        """
        d = np.asarray(self.B_par_direction, dtype=float)
        d = np.append(d, 0.0)[:3] if d.shape == (2,) else d
        d = d / np.max(np.abs(d))
        b_par, b_perp = np.broadcast_arrays(
            np.asarray(self.B_par_T, float), np.asarray(self.B_perp_T, float)
        )
        total = b_par[..., None] * (d / np.linalg.norm(d)) + b_perp[..., None] * np.eye(3)[2]
        scale = np.max(np.abs(total), axis=-1, keepdims=True)
        nonzero = scale[..., 0] > 0
        if not np.any(nonzero):
            return (1.0, 0.0, 0.0)
        unit = total[nonzero] / scale[nonzero]
        unit = unit / np.linalg.norm(unit, axis=-1, keepdims=True)
        if not np.allclose(unit, unit[0], rtol=0, atol=1e-12):
            raise ValueError(
                "the field direction varies across the arrays B_par_T and B_perp_T; one "
                "b_direction is needed per Monte-Carlo call: use one Device per direction"
            )
        return tuple(float(v) for v in unit[0])

    # --- public reports ----------------------------------------------------------------
    def time_scales(self) -> dict:
        """Energy and time scales (units in the keys).

        Returns
        -------
        dict
            ``Delta_ueV`` (spin-degenerate level spacing), ``tau_H_ns`` (Heisenberg time
            ``h/Delta``), ``tau_erg_ps`` (``L/v_F``), ``E_T_ueV`` (``hbar/tau_erg``),
            ``tau_so_inf_ns`` (bulk in-plane D'yakonov-Perel' time ``2 lambda^2 / (L v_F)``
            with ``lambda^-2 = (lambda_x^-2 + lambda_y^-2) / 2``), ``tau_so_u_ns`` (Eq. 2,
            ``lambda^4 -> lambda_x^2 lambda_y^2``),
            ``tau_so_s_ns`` (Eq. 3), ``v_F_m_s``, ``L_um``, ``E_Z_ueV`` (``|g| mu_B |B|``),
            ``k_B_T_ueV``. Times without a source are ``inf``.
        """
        delta = self._delta_J
        B = np.hypot(self.B_par_T, self.B_perp_T)
        return {
            "Delta_ueV": delta / _UEV,
            "tau_H_ns": H_J_S / delta * 1e9,
            "tau_erg_ps": self._tau_erg_s * 1e12,
            "E_T_ueV": HBAR_J_S / self._tau_erg_s / _UEV,
            "tau_so_inf_ns": self._tau_so_s("inf") * 1e9,
            "tau_so_u_ns": self._tau_so_s("u") * 1e9,
            "tau_so_s_ns": self._tau_so_s("s") * 1e9,
            "v_F_m_s": self.fermi_velocity_m_s,
            "L_um": self.size_um,
            "E_Z_ueV": abs(G_FACTOR) * MU_B_EV_PER_T * B * 1e6,
            "k_B_T_ueV": K_B_EV_PER_K * self.temperature_K * 1e6,
        }

    @property
    def _x_per_tesla(self):
        """``x / B_perp`` in 1/T (text below Eq. 7; module docstring)."""
        delta = self._delta_J
        if self.kappa_perp is None:
            x2_per_B2 = self.c_x * E_C**2 * self._area_m2**2 / (HBAR_J_S * self._tau_erg_s * delta)
        else:
            e_t = HBAR_J_S / self._tau_erg_s
            x2_per_B2 = math.pi * self.kappa_perp * e_t * (self._area_m2 / PHI_0_T_M2) ** 2 / delta
        return np.sqrt(x2_per_B2)

    def _spin_orbit_parameters(self, b_par_T=None) -> dict:
        """``x_so``, ``zeeman_so``, gate and remainder ``a^2`` (dimensionless; see
        :meth:`spin_orbit_rates`), at the in-plane field ``b_par_T`` (default the device's)."""
        # numpy floats: extreme lengths overflow to inf (checked), never raise
        lam_x, lam_y = (np.asarray(v, dtype=float)[()] for v in self.spin_orbit_lengths_um)
        # Paper footnote 13 / appendix: B_so = hbar / (2 e lambda_x lambda_y), signed, the
        # same expression as spin_flux_field_T; an infinite length gives zero.
        b_so = HBAR_J_S / (2 * E_C * lam_x * lam_y * _UM**2)
        x_so = b_so * self._x_per_tesla
        inv2_x, inv2_y = 1.0 / lam_x**2, 1.0 / lam_y**2  # 1/um^2
        # Footnote 15: the symplectic rate is the unitary one times sum_j (L/lambda_j)^2.
        a2_rem = self.c_r * x_so**2 * self.area_um2 * (inv2_x + inv2_y)
        # Golden rule for V = -(E_Z/2)(n_x x/lambda_x + n_y y/lambda_y) sigma_z with
        # <x^2> = <y^2> = A/12 and correlation time tau_erg = hbar/E_T:
        # zeeman_so^2 = c_z pi E_Z^2 A (n_x^2/lambda_x^2 + n_y^2/lambda_y^2) / (12 E_T Delta).
        d = np.asarray(self.B_par_direction, dtype=float)[:2]
        d = d / np.max(np.abs(d))  # scaled first: components near 1e300 normalise exactly
        n_x, n_y = d / np.linalg.norm(d)
        e_t = HBAR_J_S / self._tau_erg_s
        aniso = (n_x**2 * inv2_x + n_y**2 * inv2_y) / _UM**2  # 1/m^2
        per_tesla = (
            abs(G_FACTOR)
            * MU_B_EV_PER_T
            * E_C
            * np.sqrt(self.c_z * math.pi * self._area_m2 * aniso / (12 * e_t * self._delta_J))
        )
        b_par = self.B_par_T if b_par_T is None else b_par_T
        return {
            "x_so": x_so,
            "zeeman_so": b_par * per_tesla,
            "a2_gate": H_J_S / (self._tau_so_s("s") * self._delta_J),
            "a2_remainder": a2_rem,
        }

    def spin_orbit_rates(self) -> dict:
        """Spin-orbit rates as equivalent channel numbers ``h / (tau Delta)``.

        Returns
        -------
        dict
            ``a2_symplectic``: the gate's symplectic rate ``a_gate^2 = h / (tau_so^s Delta)``
            (Eq. 3);
            ``a2_remainder``: the symplectic remainder of uniform coupling, ``a_rem^2 = c_r
            x_so^2 ((L/lambda_x)^2 + (L/lambda_y)^2)`` (paper footnote 15: its rate is the
            unitary one times that factor; ``c_r`` absorbs the constant the footnote leaves
            open, including the factor 2 between ``x_so^2`` and the cooperon's decay rate
            ``2 x_so^2``);
            ``a2``: the paper's ``a^2 = a_gate^2 + a_rem^2``. The gate and the remainder
            have independent orbital matrices (a gate edge and a dot-wide field strength), so
            their rates add, like independent Gaussian matrices in Eq. (7);
            ``x_so2``: the squared spin flux ``x_so^2`` (unitary; its cooperon rate is
            ``2 x_so^2``);
            ``zeeman_so2``: the golden-rule estimate ``zeeman_so^2 = c_z pi E_Z^2 A (n_x^2 /
            lambda_x^2 + n_y^2 / lambda_y^2) / (12 E_T Delta)``: the rate ``1/tau = 2 <dV^2>
            tau_erg / hbar^2`` of the cross term ``V = -(E_Z/2)(n_x x / lambda_x + n_y y /
            lambda_y) sigma_z`` (positions from the dot's centre, variance ``A/12`` per axis,
            ``E_Z = |g| mu_B B_par``, ``n`` the in-plane field direction), converted as
            ``zeeman_so^2 = h / (tau Delta)``. This is an estimate (Aleiner & Fal'ko,
            PRL 87, 256801 (2001); Cremers, Brouwer & Fal'ko, PRB 68, 125329 (2003));
            ``n_so_unitary``: the scaling estimate of the uniform, unitary term (Eq. 2,
            ``tau_so^u = c_u tau_erg lambda_u^4 / L^4``, ``lambda_u^2 = |lambda_x lambda_y|``);
            it enters no parameter (``x_so`` describes the same physics; the two agree for
            ``c_u = 4 pi / c_x``).
        """
        so = self._spin_orbit_parameters()
        return {
            "a2_symplectic": so["a2_gate"],
            "a2_remainder": so["a2_remainder"],
            "a2": so["a2_gate"] + so["a2_remainder"],
            "x_so2": so["x_so"] ** 2,
            "zeeman_so2": so["zeeman_so"] ** 2,
            "n_so_unitary": H_J_S / (self._tau_so_s("u") * self._delta_J),
        }

    def dimensionless(self, *, warn: bool = True) -> dict:
        """The paper's parameters ``N1, N2, x, a, b, nphi, kT`` and ``x_so``, ``zeeman_so``.

        Ready for ``**kwargs`` of the theory and Monte-Carlo functions. ``a`` combines the gate
        (Eq. 3) and the symplectic remainder of uniform coupling (footnote 15);
        ``x_so`` is ``x`` at ``B_perp = B_so = hbar / (2 e lambda_x lambda_y)`` (signed:
        spin up along ``z`` sees ``x + x_so``; the unpolarised conductance at ``b = 0``
        depends on ``|x_so|`` only); ``zeeman_so`` carries the sign of ``B_par_T`` (only its
        square and relative signs within one spin group matter). Both are 0.0 without uniform
        coupling (:meth:`spin_orbit_rates` for the formulas). Pass
        ``b_direction=device.b_direction`` as well when the field direction matters.
        Emits a :class:`UniversalRegimeWarning` listing violated conditions (``warn=False``
        to silence it).
        """
        delta = self._delta_J
        B = np.hypot(self.B_par_T, self.B_perp_T)
        nphi = 0.0 if self.tau_phi_ns is None else H_J_S / (self.tau_phi_ns * 1e-9 * delta)
        so = self._spin_orbit_parameters()
        params = {
            "x": self.B_perp_T * self._x_per_tesla,
            "a": np.sqrt(so["a2_gate"] + so["a2_remainder"]),
            "b": math.pi * abs(G_FACTOR) * MU_B_EV_PER_T * E_C * B / delta,
            "nphi": nphi,
            "kT": K_B_EV_PER_K * E_C * self.temperature_K / delta,
            "x_so": so["x_so"],
            "zeeman_so": so["zeeman_so"],
        }
        out = {"N1": int(self.N1), "N2": int(self.N2)}
        out.update(_broadcast(params))
        if warn:
            violated = self.universal_regime()
            if violated:
                warnings.warn(
                    "universal regime not satisfied: " + "; ".join(violated),
                    UniversalRegimeWarning,
                    stacklevel=2,
                )
        return out

    def universal_regime(self, *, warn: bool = False) -> list[str]:
        """Violated conditions of the universal regime (empty list if all hold).

        Checked (each as ``ratio <= regime_margin``, at every element of array fields):
        ``L << lambda`` for the largest local ``1/lambda = 1/lambda_min + 1/(2 lambda_s)``
        with ``lambda_min = min(|lambda_x|, |lambda_y|)`` (``lambda_bar`` for pure Rashba);
        ``g mu_B B << E_T``;
        ``hbar/tau_so << E_T`` for Eq. (2) and Eq. (3); ``N << E_T/Delta``.
        With ``warn=True`` a :class:`UniversalRegimeWarning` is also emitted.
        """
        scales = self.time_scales()
        e_t = scales["E_T_ueV"]
        lam_x, lam_y = self.spin_orbit_lengths_um
        inv_lambda = np.maximum(1 / np.abs(lam_x), 1 / np.abs(lam_y)) + sum(
            1 / (2 * v) for v in (self.lambda_s_um,) if v is not None
        )
        checks = [
            ("L << lambda", self.size_um * inv_lambda),
            ("g mu_B B << E_T", scales["E_Z_ueV"] / e_t),
            ("hbar/tau_so^u << E_T", scales["tau_erg_ps"] * 1e-3 / scales["tau_so_u_ns"]),
            ("hbar/tau_so^s << E_T", scales["tau_erg_ps"] * 1e-3 / scales["tau_so_s_ns"]),
            ("N << E_T/Delta", (self.N1 + self.N2) * scales["Delta_ueV"] / e_t),
        ]
        # For array fields a condition counts as violated if it fails anywhere (worst ratio).
        violated = [
            f"{name} (ratio {np.max(ratio):.3g} > {self.regime_margin:g})"
            for name, ratio in checks
            if np.max(ratio) > self.regime_margin
        ]
        if warn and violated:
            warnings.warn(
                "universal regime not satisfied: " + "; ".join(violated),
                UniversalRegimeWarning,
                stacklevel=2,
            )
        return violated


#: Inputs of the book's reference GaAs dot, apart from its area. Every entry is an assumption
#: of typical size for the experiments of Zumbuhl et al., PRL 89, 276803 (2002), not a
#: property of a measured device: one spin-degenerate mode per point contact; sheet density
#: (sets v_F and tau_erg = L/v_F); uniform Rashba length lambda_bar (um); gate modulation
#: length lambda_s (um), so that 1/lambda = 1/lambda_bar +- 1/(2 lambda_s) does not change
#: sign; electron temperature (K); dephasing time (ns); O(1) prefactors of Eqs. (2)-(3).
REFERENCE_DEVICE = {
    "N1": 1,
    "N2": 1,
    "density_cm2": 5.8e11,
    "lambda_um": 4.5,
    "lambda_s_um": 10.0,
    "temperature_K": 0.1,
    "tau_phi_ns": 0.3,
    "c_u": 1.0,
    "c_s": 1.0,
}


def reference_device(area_um2: float, **changes) -> Device:
    """The book's reference GaAs dot (:data:`REFERENCE_DEVICE`) with area ``area_um2``.

    Parameters
    ----------
    area_um2 : float
        Dot area in um^2 (> 0); the book uses 1.2 (small dot) and 8 (large dot).
    **changes
        Fields of :class:`Device` that replace the reference values (e.g. ``B_par_T=0.1``).

    Raises
    ------
    TypeError
        For a keyword that is not a field of :class:`Device`.
    """
    unknown = set(changes) - set(Device.__dataclass_fields__)
    if unknown:
        raise TypeError(f"reference_device got unknown Device fields {sorted(unknown)}")
    return Device(area_um2=area_um2, **{**REFERENCE_DEVICE, **changes})
