"""Time-scales calculator: a physical GaAs dot -> scales of Eqs. (2)-(3) and the paper's parameters.

:func:`device_report` turns a :class:`chaoticdot.units.Device` into a table (quantity, value,
unit, definition) of every scale of the chapter "Time scales in a real device", the paper's
dimensionless parameters (N1, N2, x, a, b, nphi, kT) and the universal-regime verdict.
:func:`assumptions` lists the constants the numbers rest on. :func:`timescales_calculator` is an
ipywidgets front end for readers running the chapter locally (on the static website it shows
its initial state).
"""

from __future__ import annotations

import html
import math

import numpy as np

from .. import units
from ..units import Device
from ._widgets import slider

__all__ = ["device_report", "assumptions", "report_html", "timescales_calculator"]


def device_report(device: Device) -> dict[str, np.ndarray]:
    """Scales and dimensionless parameters of a device as a long-format table.

    Parameters
    ----------
    device : chaoticdot.units.Device

    Returns
    -------
    dict of ndarray (equal length)
        ``quantity`` (name), ``value`` (float), ``unit`` (str), ``definition`` (formula and
        paper equation). Times without a source (e.g. no gate) are ``inf``.
    """
    s = device.time_scales()
    p = device.dimensionless(warn=False)
    rates = device.spin_orbit_rates()
    rows = [
        ("L", s["L_um"], "um", "sqrt(A)"),
        ("v_F", s["v_F_m_s"], "m/s", "hbar sqrt(2 pi n_s) / m*"),
        ("Delta", s["Delta_ueV"], "ueV", "2 pi hbar^2 / (m* A), spin-degenerate levels"),
        ("E_T", s["E_T_ueV"], "ueV", "hbar / tau_erg"),
        ("E_T / Delta", s["E_T_ueV"] / s["Delta_ueV"], "", "must be >> N"),
        ("tau_erg", s["tau_erg_ps"], "ps", "L / v_F (ballistic)"),
        ("tau_H", s["tau_H_ns"], "ns", "h / Delta"),
        ("tau_dwell", s["tau_H_ns"] / (device.N1 + device.N2), "ns", "h / (N Delta)"),
        ("tau_so^inf", s["tau_so_inf_ns"], "ns", "2 lambda_bar^2 / (L v_F), bulk with l ~ L"),
        ("tau_so^u", s["tau_so_u_ns"], "ns", "c_u tau_erg (lambda_bar/L)^4, Eq. (2)"),
        ("tau_so^s", s["tau_so_s_ns"], "ns", "c_s tau_erg (lambda_s/L)^2, Eq. (3)"),
        ("E_Z", s["E_Z_ueV"], "ueV", "|g| mu_B |B|"),
        ("k_B T", s["k_B_T_ueV"], "ueV", "k_B T"),
        ("N1", p["N1"], "", "channels, contact 1"),
        ("N2", p["N2"], "", "channels, contact 2"),
        ("x", p["x"], "", "x^2 = c e^2 L^4 B_perp^2 / (hbar tau_erg Delta), below Eq. (7)"),
        ("a", p["a"], "", "a^2 = 2 pi hbar / (tau_so^s Delta), below Eq. (8)"),
        ("b", p["b"], "", "pi |g| mu_B B / Delta, below Eq. (8)"),
        ("nphi", p["nphi"], "", "2 pi hbar / (tau_phi Delta), dephasing"),
        ("kT", p["kT"], "", "k_B T / Delta"),
        ("n_so^u", rates["n_so_unitary"], "", "h / (tau_so^u Delta), unitary, not part of a"),
    ]
    return {
        "quantity": np.array([r[0] for r in rows]),
        "value": np.array([float(r[1]) for r in rows]),
        "unit": np.array([r[2] for r in rows]),
        "definition": np.array([r[3] for r in rows]),
    }


def assumptions(device: Device) -> list[str]:
    """The constants and modelling choices behind :func:`device_report`, one per line."""
    orbital = (
        f"kappa_perp = {device.kappa_perp:g} (ballistic form of x)"
        if device.kappa_perp is not None
        else f"c = {device.c_x:.4g} in x^2 (pi/4: diffusive disk, paper Ref. 23)"
    )
    return [
        f"GaAs: m* = {units.M_STAR} m_e, |g| = {abs(units.G_FACTOR)}",
        f"sheet density n_s = {device.density_cm2:.3g} cm^-2",
        "ballistic chaotic dot: tau_erg = L / v_F, mean free path ~ L",
        f"uniform Rashba length lambda_bar = {device.lambda_um} um, "
        f"gate modulation length lambda_s = {device.lambda_s_um} um",
        f"O(1) prefactors of Eqs. (2), (3): c_u = {device.c_u:g}, c_s = {device.c_s:g}",
        orbital,
        f"universal-regime margin: 'p << q' means p/q <= {device.regime_margin:g}",
    ]


def _fmt(value: float) -> str:
    if math.isinf(value):
        return "inf"
    if value == 0:
        return "0"
    if 1e-2 <= abs(value) < 1e4:
        return f"{value:.3g}"
    return f"{value:.2e}"


def report_html(device: Device) -> str:
    """HTML table of :func:`device_report`, the assumptions and the regime verdict."""
    table = device_report(device)
    rows = "".join(
        f"<tr><td>{html.escape(q)}</td><td style='text-align:right'>{_fmt(v)}</td>"
        f"<td>{html.escape(u)}</td><td>{html.escape(d)}</td></tr>"
        for q, v, u, d in zip(
            table["quantity"], table["value"], table["unit"], table["definition"], strict=True
        )
    )
    violated = device.universal_regime()
    verdict = (
        "<b>universal regime: all conditions hold</b>"
        if not violated
        else "<b>universal regime violated:</b> " + html.escape("; ".join(violated))
    )
    notes = "".join(f"<li>{html.escape(a)}</li>" for a in assumptions(device))
    return (
        "<table><tr><th>quantity</th><th>value</th><th>unit</th><th>definition</th></tr>"
        f"{rows}</table><p>{verdict}</p><p>Assumed:</p><ul>{notes}</ul>"
    )


def timescales_calculator(**device_kwargs):
    """An ipywidgets calculator of the scales of a GaAs dot (for readers running locally).

    Parameters
    ----------
    **device_kwargs
        Initial values of :class:`~chaoticdot.units.Device` fields (``area_um2`` defaults to
        8.0; the other defaults are the chapter's reference device).

    Returns
    -------
    ipywidgets.VBox
        Sliders for area, density, lambda_bar, lambda_s, fields, temperature, tau_phi and
        channel numbers, and an HTML table redrawn on every change. Attributes ``controls``
        (dict of sliders by Device field name) and ``table`` (the HTML widget).
    """
    import ipywidgets as w

    init = {
        "area_um2": 8.0,
        "N1": 1,
        "N2": 1,
        "density_cm2": 5.8e11,
        "lambda_um": 4.5,
        "lambda_s_um": 4.5,
        "B_perp_T": 0.0,
        "B_par_T": 0.1,
        "temperature_K": 0.1,
        "tau_phi_ns": 0.3,
    }
    init.update(device_kwargs)
    look = {"style": {"description_width": "150px"}, "layout": w.Layout(width="460px")}

    def log_slider(name, desc, lo, hi):
        options = {"base": 10, "step": 0.02, "readout_format": ".3g", **look}
        return slider("FloatLogSlider", desc, init[name], lo, hi, **options)

    def linear_slider(name, desc, lo, hi, step=None, readout=None):
        # an integer slider when no step is given (channel numbers)
        options = {"step": step} if step is not None else {}
        if readout is not None:
            options["readout_format"] = readout
        kind = "FloatSlider" if step is not None else "IntSlider"
        return slider(kind, desc, init[name], lo, hi, **options, **look)

    controls = {
        "area_um2": log_slider("area_um2", "area A (um^2)", -1, 2),
        "density_cm2": log_slider("density_cm2", "density n_s (cm^-2)", 10.5, 12.3),
        "lambda_um": log_slider("lambda_um", "lambda_bar (um)", -0.5, 2),
        "lambda_s_um": log_slider("lambda_s_um", "lambda_s (um)", -0.5, 2.5),
        "tau_phi_ns": log_slider("tau_phi_ns", "tau_phi (ns)", -2, 2),
        "B_perp_T": linear_slider("B_perp_T", "B_perp (T)", -2e-3, 2e-3, 1e-5, ".2e"),
        "B_par_T": linear_slider("B_par_T", "B_par (T)", 0.0, 5.0, 0.01),
        "temperature_K": linear_slider("temperature_K", "T (K)", 0.0, 2.0, 0.01),
        "N1": linear_slider("N1", "N1", 1, 10),
        "N2": linear_slider("N2", "N2", 1, 10),
    }
    fixed = {k: v for k, v in init.items() if k not in controls}
    out = w.HTML()

    def refresh(_change=None):
        values = {k: c.value for k, c in controls.items()}
        out.value = report_html(Device(**fixed, **values))

    for c in controls.values():
        c.observe(refresh, names="value")
    refresh()
    box = w.VBox([w.HBox([w.VBox(list(controls.values()))]), out])
    box.controls = controls
    box.table = out
    return box
