"""Parallel magnetic field: Zeeman effects on weak localization and on the fluctuations.

A field in the plane of the dot couples (in the paper's model) only to the spin, through the
Zeeman term of Eq. (7) with ``b = pi g mu_B B / Delta``. Its consequences, all contained in
Eqs. (13)-(14) and stated in the text after Eq. (14):

* the variance of the conductance drops by factors of two, ``8 -> 4 -> 2 -> 1`` in units of
  ``(e^2/h)^2 (N1 N2 / N^2)^2``, as time reversal, spin degeneracy and Kramers degeneracy are
  removed one after another (physics notes §1.7, §4.2);
* with strong spin-orbit coupling the field suppresses antilocalization (the singlet cooperon
  is gapped when ``b^2 >> N a^2``);
* with spin-orbit coupling *and* a parallel field the symmetry ``G(x) = G(-x)`` is lost:
  ``<[G(x) - G(-x)]^2> = 2 var G(x) - 2 cov[G(x), G(-x)]`` tends to ``2 var G`` for
  ``x^2 >> N``, while it vanishes identically if only one of the two is present.

Figures registered here: ``parallel-field-variance``, ``parallel-field-wl``,
``parallel-field-asymmetry``, ``parallel-field-asymmetry-mc``, ``parallel-field-traces``.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from .. import rmt, theory
from . import FigureResult, register
from ._scaled import LongTable, scaled_covariance, scaled_variance, scaled_wl

__all__ = [
    "LIMIT",
    "REGIMES",
    "variance_limits",
    "asymmetry_correlator",
    "MC_PARAMETERS",
    "MC_CASES",
    "asymmetry_samples",
    "trace_samples",
]

#: Numerical stand-ins for "infinite" scaled parameters: ``xi^2 = x^2/N``, ``alpha^2 = a^2/N``
#: and ``beta = b/N``. The Zeeman limit must be taken last, ``b^2 >> N a^2`` (paper, text
#: after Eq. 14), hence ``beta >> alpha``. Corrections are of relative order 1e-4.
LIMIT = {"xi": 1e3, "alpha": 1e2, "beta": 1e8}

#: The four symmetry regimes of the text after Eq. (14): label, (alpha, beta) as 0 or "inf",
#: and the circular ensembles reached at x = 0 and x = inf (physics notes §4.2).
REGIMES = (
    ("no spin-orbit, no field", 0.0, 0.0),
    ("no spin-orbit, large b", 0.0, np.inf),
    ("strong spin-orbit, no field", np.inf, 0.0),
    ("strong spin-orbit, large b", np.inf, np.inf),
)


def _finite(value, name):
    return LIMIT[name] if np.isinf(value) else value


def variance_limits(n_exact: int = 500) -> dict[str, np.ndarray]:
    """Eq. (13)-(14) in the four regimes at ``x = 0`` and ``x^2 >> N``, next to exact ensembles.

    Parameters
    ----------
    n_exact : int
        Channels per lead ``N1 = N2`` at which the exact circular-ensemble values are
        evaluated (a large value checks the large-N limit; a small one shows finite-N
        corrections).

    Returns
    -------
    dict of 1-D arrays, one entry per regime
        ``regime`` (label), ``ensemble_x0`` and ``ensemble_xinf`` (names, see
        :data:`chaoticdot.theory.ENSEMBLES`), ``var_x0``/``var_xinf`` (Eq. 14) and
        ``exact_var_x0``/``exact_var_xinf`` in ``(e^2/h)^2 (N1 N2/N^2)^2``, and ``wl_x0``,
        ``exact_wl_x0`` (``<dG>`` at ``x = 0``, Eq. 13, in ``(e^2/h) N1 N2 / N^2``).
    """
    n = int(n_exact)
    unit_mean = n * n / (2 * n) ** 2  # N1 N2 / N^2
    classical = 2 * n * n / (2 * n)  # 2 N1 N2 / N
    rows = LongTable()
    for label, alpha, beta in REGIMES:
        al, be = _finite(alpha, "alpha"), _finite(beta, "beta")
        ens0 = theory.ensemble_of_limit(x=0.0, a=alpha, b=beta)
        ensi = theory.ensemble_of_limit(x=np.inf, a=alpha, b=beta)
        mean0, var0 = theory.exact_conductance_stats(n, n, ens0)
        _, vari = theory.exact_conductance_stats(n, n, ensi)
        rows.add(
            regime=label,
            ensemble_x0=ens0,
            ensemble_xinf=ensi,
            var_x0=float(scaled_variance(alpha=al, beta=be)),
            var_xinf=float(scaled_variance(xi=LIMIT["xi"], alpha=al, beta=be)),
            exact_var_x0=var0 / unit_mean**2,
            exact_var_xinf=vari / unit_mean**2,
            wl_x0=float(scaled_wl(alpha=al, beta=be)),
            exact_wl_x0=(mean0 - classical) / unit_mean,
        )
    return rows.columns()


def asymmetry_correlator(N1, N2, *, x, a, b, nphi=0.0):
    """Mean-square field asymmetry ``<[G(x) - G(-x)]^2>`` from Eq. (14), in ``(e^2/h)^2``.

    ``<[G(x) - G(-x)]^2> = var G(x) + var G(-x) - 2 cov[G(x), G(-x)]``; the averages ``<G(x)>``
    and ``<G(-x)>`` are equal (Eq. 13 depends on ``x^2`` only), and so are the two variances.
    Both conductances are taken at the same Zeeman field ``b``.

    Parameters
    ----------
    N1, N2 : int
        Channel numbers.
    x, a, b, nphi : float or array_like
        Dimensionless perpendicular field, spin-orbit strength (``inf`` allowed), Zeeman field
        and dephasing rate, as in :func:`chaoticdot.theory.conductance_covariance`.

    Returns
    -------
    float or ndarray
        ``(e^2/h)^2``; exactly zero when ``a = 0`` or ``b = 0``.
    """
    var = theory.conductance_variance(N1, N2, x=x, a=a, b=b, nphi=nphi)
    cov = theory.conductance_covariance(
        N1, N2, x1=x, x2=-np.asarray(x, dtype=float), a=a, b1=b, b2=b, nphi=nphi
    )
    return 2.0 * (np.asarray(var) - np.asarray(cov))


def _scaled_asymmetry(xi, alpha, beta):
    """``<[G(x) - G(-x)]^2>`` in ``(e^2/h)^2 (N1 N2 / N^2)^2`` (scaled variables)."""
    xi = np.asarray(xi, dtype=float)
    return 2.0 * (
        scaled_variance(xi=xi, alpha=alpha, beta=beta)
        - scaled_covariance(xi1=xi, xi2=-xi, alpha=alpha, beta1=beta, beta2=beta)
    )


# ---------------------------------------------------------------------------------------------
# Monte Carlo: one small dot, three field/spin-orbit combinations sharing each realization
# ---------------------------------------------------------------------------------------------

#: Stub-model parameters of the Monte-Carlo figures. ``a^2 = N`` and ``b = 2N`` put the dot in
#: the regime where both effects matter (``b^2 = 4 N a^2``); M follows the accuracy rule of
#: :func:`chaoticdot.rmt.choose_M` except for the spin-orbit term (relative error
#: ~ 0.6 a^2 / M = 3 % at M = 80; the quick version uses M = 40).
MC_PARAMETERS = {"N1": 2, "N2": 2, "a": 2.0, "b": 8.0, "M": 80, "M_quick": 40, "seed": 2002}

#: (label, spin-orbit on, Zeeman field on)
MC_CASES = (
    ("spin-orbit only", True, False),
    ("Zeeman only", False, True),
    ("spin-orbit and Zeeman", True, True),
)


def _case_arrays():
    p = MC_PARAMETERS
    a = np.array([p["a"] if so else 0.0 for _, so, _ in MC_CASES])
    b = np.array([p["b"] if z else 0.0 for _, _, z in MC_CASES])
    return a[:, None], b[:, None]


def asymmetry_samples(quick: bool = False):
    """Monte-Carlo ``G(x)`` on a grid symmetric about ``x = 0``, for the three cases.

    Every realization is evaluated at all ``x`` and for all three cases (correlated
    sampling), so that ``G(x) - G(-x)`` is computed sample by sample.

    Returns
    -------
    x : ndarray, shape (nx,)
        Grid ``-2 ... 2`` symmetric about 0 (``x[::-1] == -x``).
    G : ndarray, shape (samples, 3, nx)
        Conductances in ``e^2/h``; axis 1 follows :data:`MC_CASES`.
    M : int
        Stub size used.
    """
    return _asymmetry_samples(bool(quick))


@lru_cache(maxsize=2)
def _asymmetry_samples(quick: bool):
    # cached on a positional bool: the chapter and the figure share one Monte-Carlo run
    p = MC_PARAMETERS
    x = np.linspace(-2.0, 2.0, 9)
    a, b = _case_arrays()
    M = p["M_quick"] if quick else p["M"]
    samples = 80 if quick else 600
    G = rmt.sample_conductance(
        p["N1"], p["N2"], x=x[None, :], a=a, b=b, samples=samples, M=M, seed=p["seed"]
    )
    return x, G, M


def trace_samples(quick: bool = False):
    """Two single realizations ``G(x)`` on a fine symmetric grid for the three cases.

    Returns
    -------
    x : ndarray, shape (nx,)
    G : ndarray, shape (2, 3, nx)
        Conductance traces in ``e^2/h`` (realization, case, x).
    """
    return _trace_samples(bool(quick))


@lru_cache(maxsize=2)
def _trace_samples(quick: bool):
    p = MC_PARAMETERS
    x = np.linspace(-2.5, 2.5, 21 if quick else 61)
    a, b = _case_arrays()
    M = p["M_quick"] if quick else p["M"]
    G = rmt.sample_conductance(
        p["N1"],
        p["N2"],
        x=x[None, :],
        a=a,
        b=b,
        samples=2,
        M=M,
        seed=p["seed"] + 1,
        executor="serial",
    )
    return x, G


# ---------------------------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------------------------

_ALPHA2_FAMILY = (0.0, 0.3, 1.0, 3.0, 10.0, 100.0, np.inf)


def _alpha_label(alpha2):
    if np.isinf(alpha2):
        return r"$a^2/N=\infty$"
    return rf"$a^2/N={alpha2:g}$"


@register(
    "parallel-field-variance",
    "var G versus Zeeman field b for several spin-orbit strengths: factors 8, 4, 2, 1",
)
def fig_variance(quick: bool = False) -> FigureResult:
    """var G (Eq. 14) versus ``b/N`` at ``x = 0`` and ``x^2 >> N`` for a family of ``a^2/N``."""
    import matplotlib.pyplot as plt

    beta = np.logspace(-2, 4, 61 if quick else 241)
    fig, axes = plt.subplots(1, 2, figsize=(9.0, 3.8), sharey=True)
    table = LongTable()
    colors = plt.cm.viridis(np.linspace(0.0, 0.9, len(_ALPHA2_FAMILY)))
    for ax, xi, title in ((axes[0], 0.0, r"$x = 0$"), (axes[1], LIMIT["xi"], r"$x^2 \gg N$")):
        for alpha2, color in zip(_ALPHA2_FAMILY, colors, strict=True):
            var = scaled_variance(xi=xi, alpha=np.sqrt(alpha2), beta=beta)
            ax.semilogx(beta, var, color=color, label=_alpha_label(alpha2))
            table.add(
                panel="x=0" if xi == 0 else "x=inf", a2_over_N=alpha2, b_over_N=beta, var_G=var
            )
        for level in (8, 4, 2, 1):
            ax.axhline(level, color="0.8", lw=0.8, ls=":", zorder=0)
        ax.set_title(title)
        ax.set_xlabel(r"Zeeman field $b/N$")
    axes[0].set_ylabel(r"var $G$  [$(e^2/h)^2 (N_1N_2/N^2)^2$]")
    axes[0].set_yticks([0, 1, 2, 4, 6, 8])
    axes[1].legend(fontsize=8, loc="upper right")
    fig.tight_layout()
    return FigureResult(fig, table.columns())


@register(
    "parallel-field-wl",
    "weak (anti)localization versus Zeeman field: suppression of antilocalization",
)
def fig_wl(quick: bool = False) -> FigureResult:
    """<dG> (Eq. 13) at ``x = 0`` versus ``b/N``, and <dG>(x) at ``a^2 = 20 N`` for several b."""
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(9.0, 3.8))
    table = LongTable()
    beta = np.logspace(-2, 3, 51 if quick else 201)
    family = (0.0, 0.5, 0.809, 2.0, 5.0, 20.0, 100.0)
    colors = plt.cm.plasma(np.linspace(0.0, 0.85, len(family)))
    for alpha2, color in zip(family, colors, strict=True):
        wl = scaled_wl(alpha=np.sqrt(alpha2), beta=beta)
        axes[0].semilogx(beta, wl, color=color, label=_alpha_label(alpha2))
        table.add(panel="x=0", a2_over_N=alpha2, b_over_N=beta, x_over_sqrtN=0.0, dG=wl)
    axes[0].axhline(0.0, color="0.6", lw=0.8)
    axes[0].set_xlabel(r"Zeeman field $b/N$")
    axes[0].set_ylabel(r"$\langle\delta G\rangle$  [$(e^2/h) N_1N_2/N^2$]")
    axes[0].set_title(r"$x = 0$")
    axes[0].legend(fontsize=7, ncol=2, loc="lower left")

    xi = np.linspace(0.0, 3.0, 61 if quick else 241)
    alpha2 = 20.0
    betas = (0.0, 2.0, 5.0, 10.0, 30.0, 1e3)
    colors = plt.cm.cividis(np.linspace(0.0, 0.9, len(betas)))
    for beta_k, color in zip(betas, colors, strict=True):
        wl = scaled_wl(xi=xi, alpha=np.sqrt(alpha2), beta=beta_k)
        axes[1].plot(xi, wl, color=color, label=rf"$b/N={beta_k:g}$")
        table.add(panel="a2=20N", a2_over_N=alpha2, b_over_N=beta_k, x_over_sqrtN=xi, dG=wl)
    axes[1].axhline(0.0, color="0.6", lw=0.8)
    axes[1].set_xlabel(r"perpendicular field $x/\sqrt{N}$")
    axes[1].set_title(r"$a^2 = 20\,N$")
    axes[1].legend(fontsize=8)
    fig.tight_layout()
    return FigureResult(fig, table.columns())


@register(
    "parallel-field-asymmetry",
    "<(G(x)-G(-x))^2> from Eq. (14): nonzero only with spin-orbit AND parallel field",
)
def fig_asymmetry(quick: bool = False) -> FigureResult:
    """Field asymmetry versus ``x`` (left) and its large-x value versus ``b`` (right)."""
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(9.0, 3.8))
    table = LongTable()
    xi = np.linspace(0.0, 4.0, 41 if quick else 161)
    alpha2 = 20.0
    betas = (0.0, 2.0, 5.0, 20.0, 100.0, LIMIT["beta"])
    colors = plt.cm.cividis(np.linspace(0.0, 0.9, len(betas)))
    for beta_k, color in zip(betas, colors, strict=True):
        asym = _scaled_asymmetry(xi, np.sqrt(alpha2), beta_k)
        label = r"$b/N\to\infty$" if beta_k == LIMIT["beta"] else rf"$b/N={beta_k:g}$"
        axes[0].plot(xi, asym, color=color, label=label)
        table.add(
            panel="versus x", a2_over_N=alpha2, b_over_N=beta_k, x_over_sqrtN=xi, asymmetry=asym
        )
    ref = 2.0 * scaled_variance(xi=xi, alpha=np.sqrt(alpha2), beta=LIMIT["beta"])
    axes[0].plot(xi, ref, color="k", ls=":", label=r"$2\,$var$\,G$, $b/N\to\infty$")
    table.add(
        panel="2 var G", a2_over_N=alpha2, b_over_N=LIMIT["beta"], x_over_sqrtN=xi, asymmetry=ref
    )
    zero = _scaled_asymmetry(xi, 0.0, LIMIT["beta"])
    axes[0].plot(xi, zero, color="tab:red", ls="--", label=r"$a=0$, $b/N\to\infty$")
    table.add(
        panel="versus x", a2_over_N=0.0, b_over_N=LIMIT["beta"], x_over_sqrtN=xi, asymmetry=zero
    )
    axes[0].set_xlabel(r"perpendicular field $x/\sqrt{N}$")
    axes[0].set_ylabel(r"$\langle[G(x)-G(-x)]^2\rangle$  [$(e^2/h)^2(N_1N_2/N^2)^2$]")
    axes[0].set_title(r"$a^2 = 20\,N$")
    axes[0].legend(fontsize=7)

    beta = np.logspace(-2, 4, 61 if quick else 241)
    family = (0.0, 0.3, 1.0, 5.0, 20.0, 100.0)
    colors = plt.cm.viridis(np.linspace(0.0, 0.9, len(family)))
    for alpha2, color in zip(family, colors, strict=True):
        asym = _scaled_asymmetry(LIMIT["xi"], np.sqrt(alpha2), beta)
        axes[1].semilogx(beta, asym, color=color, label=_alpha_label(alpha2))
        table.add(
            panel="x=inf", a2_over_N=alpha2, b_over_N=beta, x_over_sqrtN=np.inf, asymmetry=asym
        )
    axes[1].axhline(2.0, color="0.7", lw=0.8, ls=":")
    axes[1].set_xlabel(r"Zeeman field $b/N$")
    axes[1].set_title(r"$x^2 \gg N$")
    axes[1].legend(fontsize=7)
    fig.tight_layout()
    return FigureResult(fig, table.columns())


@register(
    "parallel-field-asymmetry-mc",
    "Monte Carlo <(G(x)-G(-x))^2> sample by sample versus Eq. (14), N1 = N2 = 2",
)
def fig_asymmetry_mc(quick: bool = False) -> FigureResult:
    """Monte-Carlo field asymmetry (points with standard errors) against Eq. (14) (lines)."""
    import matplotlib.pyplot as plt

    p = MC_PARAMETERS
    x, G, M = asymmetry_samples(quick)
    half = x >= 0
    d2 = (G - G[..., ::-1]) ** 2
    est = rmt.mean(d2[..., half])
    xf = np.linspace(0.0, 2.0, 81)
    a, b = _case_arrays()
    fig, ax = plt.subplots(figsize=(5.6, 3.8))
    table = LongTable()
    for k, (label, _, _) in enumerate(MC_CASES):
        color = f"C{k}"
        theo = asymmetry_correlator(p["N1"], p["N2"], x=xf, a=a[k, 0], b=b[k, 0])
        ax.plot(xf, theo, color=color, lw=1.2)
        # open markers of different sizes keep the two identically-zero cases visible
        ax.errorbar(
            x[half],
            est.value[k],
            yerr=est.error[k],
            fmt="so^"[k],
            ms=(8, 5, 5)[k],
            mfc="none" if k < 2 else color,
            color=color,
            capsize=2,
            label=label,
        )
        table.add(
            kind="Monte Carlo",
            case=label,
            x=x[half],
            asymmetry=est.value[k],
            error=est.error[k],
            samples=G.shape[0],
            M=M,
        )
        table.add(kind="Eq. (14)", case=label, x=xf, asymmetry=theo)
    ax.set_xlabel(r"perpendicular field $x$")
    ax.set_ylabel(r"$\langle[G(x)-G(-x)]^2\rangle$  [$(e^2/h)^2$]")
    ax.set_title(
        rf"$N_1=N_2={p['N1']}$, $a={p['a']:g}$, $b={p['b']:g}$, $M={M}$, "
        f"{G.shape[0]} samples",
        fontsize=9,
    )
    ax.legend(fontsize=8)
    fig.tight_layout()
    return FigureResult(fig, table.columns())


@register(
    "parallel-field-traces",
    "single Monte-Carlo traces G(x) and G(-x): symmetric unless spin-orbit AND Zeeman",
)
def fig_traces(quick: bool = False) -> FigureResult:
    """Two realizations (rows) in three cases (columns): ``G(x)`` solid, ``G(-x)`` dashed."""
    import matplotlib.pyplot as plt

    x, G = trace_samples(quick)
    fig, axes = plt.subplots(2, 3, figsize=(9.5, 5.0), sharex=True)
    table = LongTable()
    for r in range(G.shape[0]):
        for c, (label, _, _) in enumerate(MC_CASES):
            ax = axes[r, c]
            ax.plot(x, G[r, c], color="C0", lw=1.4, label=r"$G(x)$")
            ax.plot(x, G[r, c, ::-1], color="C3", lw=1.2, ls="--", label=r"$G(-x)$")
            table.add(realization=r, case=label, x=x, G=G[r, c], G_reversed=G[r, c, ::-1])
            if r == 0:
                ax.set_title(label, fontsize=10)
            if r == G.shape[0] - 1:
                ax.set_xlabel(r"perpendicular field $x$")
        axes[r, 0].set_ylabel(rf"$G$  [$e^2/h$], sample {r + 1}")
    axes[0, 2].legend(fontsize=8)
    fig.tight_layout()
    return FigureResult(fig, table.columns())
