"""GaAs constants and the conversion of a physical quantum dot to the paper's parameters.

A :class:`Device` holds physical inputs (field names carry their units) and returns

* the energy and time scales (``Delta``, ``tau_H``, ``tau_erg``, ``E_T``, ``tau_so``'s),
* the dimensionless parameters ``N1, N2, x, a, b, nphi, kT`` of the paper (Eqs. 6-7 and the
  definitions below them; book appendix "Parameters and level spacing" and "GaAs parameters"),
  ready for ``**kwargs`` of
  :mod:`chaoticdot.theory`,
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
* Spin-orbit coupling (Rashba only, ``|lambda_x| = |lambda_y|``): the gate modulates
  ``1/lambda = 1/lambda_bar +- 1/(2 lambda_s)`` in the two halves of the dot.
  The uniform part gives a *unitary* perturbation with ``tau_so^u = c_u tau_erg
  (lambda_bar/L)^4`` (Eq. 2), the non-uniform part the *symplectic* perturbation of the
  paper's model with ``tau_so^s = c_s tau_erg (lambda_s/L)^2`` (Eq. 3). The paper's ``a``
  (Eq. 7, ``a^2 = 2 pi hbar / tau_so Delta``) describes only the symplectic term, so
  ``a^2 = h / (tau_so^s Delta)``. The unitary rate acts as a spin-dependent Aharonov-Bohm
  flux, which Eq. (7) does not contain; adding it to ``a^2`` would wrongly turn it into a
  source of antilocalization. It is therefore reported separately
  (:meth:`Device.spin_orbit_rates`). ``c_u`` and ``c_s`` are O(1) constants the paper leaves
  open (default 1).
* Zeeman field: ``b = pi |g| mu_B |B| / Delta`` with the total field
  ``B = B_par + B_perp z``; its direction is :attr:`Device.b_direction`.
* Dephasing ``nphi = h / (tau_phi Delta)``; temperature ``kT = k_B T / Delta``.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np

from ._validation import check_positive_int

__all__ = [
    "Device",
    "UniversalRegimeWarning",
    "rashba_length_um",
    "spin_flux_field_T",
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
        Uniform spin-orbit (Rashba) length lambda_bar in um; None: no uniform coupling.
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
        }
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

    def _tau_so_s(self, kind):
        """Spin-orbit times in seconds: bulk (infinite dot), uniform Eq. (2), gate Eq. (3)."""
        L = self.size_um
        if kind == "inf":  # bulk D'yakonov-Perel' time with mean free path ~ L
            lam = self.lambda_um
            v_f = self.fermi_velocity_m_s
            return math.inf if lam is None else 2 * (lam * _UM) ** 2 / (L * _UM * v_f)
        if kind == "u":
            lam = self.lambda_um
            return math.inf if lam is None else self.c_u * self._tau_erg_s * (lam / L) ** 4
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
            ``tau_so_inf_ns`` (bulk, ``2 lambda^2 / (L v_F)``), ``tau_so_u_ns`` (Eq. 2),
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

    def spin_orbit_rates(self) -> dict:
        """Spin-orbit rates as equivalent channel numbers ``h / (tau Delta)``.

        Returns
        -------
        dict
            ``a2_symplectic``: the paper's ``a^2`` from the gate (Eq. 3);
            ``n_so_unitary``: the rate of the uniform, unitary term (Eq. 2), which is *not*
            part of ``a`` (module docstring).
        """
        delta = self._delta_J
        return {
            "a2_symplectic": H_J_S / (self._tau_so_s("s") * delta),
            "n_so_unitary": H_J_S / (self._tau_so_s("u") * delta),
        }

    def dimensionless(self, *, warn: bool = True) -> dict:
        """The paper's parameters ``N1, N2, x, a, b, nphi, kT`` (for ``**kwargs``).

        Pass ``b_direction=device.b_direction`` as well when the field direction matters.
        Emits a :class:`UniversalRegimeWarning` listing violated conditions (``warn=False``
        to silence it).
        """
        delta = self._delta_J
        B_perp = self.B_perp_T
        if self.kappa_perp is None:
            x2_per_B2 = self.c_x * E_C**2 * self._area_m2**2 / (HBAR_J_S * self._tau_erg_s * delta)
        else:
            e_t = HBAR_J_S / self._tau_erg_s
            x2_per_B2 = math.pi * self.kappa_perp * e_t * (self._area_m2 / PHI_0_T_M2) ** 2 / delta
        B = np.hypot(self.B_par_T, self.B_perp_T)
        nphi = 0.0 if self.tau_phi_ns is None else H_J_S / (self.tau_phi_ns * 1e-9 * delta)
        params = {
            "x": B_perp * np.sqrt(x2_per_B2),
            "a": np.sqrt(self.spin_orbit_rates()["a2_symplectic"]),
            "b": math.pi * abs(G_FACTOR) * MU_B_EV_PER_T * E_C * B / delta,
            "nphi": nphi,
            "kT": K_B_EV_PER_K * E_C * self.temperature_K / delta,
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
        ``L << lambda`` for the largest local ``1/lambda = 1/lambda_bar + 1/(2 lambda_s)``;
        ``g mu_B B << E_T``;
        ``hbar/tau_so << E_T`` for Eq. (2) and Eq. (3); ``N << E_T/Delta``.
        With ``warn=True`` a :class:`UniversalRegimeWarning` is also emitted.
        """
        scales = self.time_scales()
        e_t = scales["E_T_ueV"]
        inv_lambda = sum(1 / v for v in (self.lambda_um,) if v is not None) + sum(
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
