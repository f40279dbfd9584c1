r"""The spin-orbit term of Eq. (1) as an SU(2) gauge field (symbolic, with sympy).

The linear-in-momentum spin-orbit Hamiltonian of a (001) GaAs two-dimensional electron gas,
paper Eq. (1) with the factor hbar restored (item 1 of the appendix "Defects of the paper text"),

.. math::

    H_{so} = \frac{\hbar}{2m}\Big(\frac{p_y\sigma_x}{\lambda_y}
             - \frac{p_x\sigma_y}{\lambda_x}\Big),

is the cross term of a minimal coupling to a matrix-valued ("non-Abelian") vector potential:

.. math::

    \frac{(\vec p + \hbar\vec{\mathcal A})^2}{2m}
    = \frac{p^2}{2m} + H_{so} + \frac{\hbar^2}{8m}\Big(\frac1{\lambda_x^2}+\frac1{\lambda_y^2}\Big),
    \qquad
    \mathcal A_x = -\frac{\sigma_y}{2\lambda_x},\quad \mathcal A_y = \frac{\sigma_x}{2\lambda_y}.

Units: lengths (``x``, ``y``, ``lambda``) in any common unit; :math:`\mathcal A` has units of
inverse length, the field strength of inverse length squared.

Convention (stated once, used everywhere in this module)
    Covariant derivative :math:`D_j = \partial_j + i\mathcal A_j` (so :math:`\vec p + \hbar
    \vec{\mathcal A} = -i\hbar\vec D`), field strength
    :math:`[D_x, D_y] = iF_{xy}` with

    .. math::

        F_{xy} = \partial_x\mathcal A_y - \partial_y\mathcal A_x + i[\mathcal A_x, \mathcal A_y].

    With the opposite sign convention, :math:`(\vec p - \hbar\vec{\mathcal A})^2` and
    :math:`\mathcal A\to-\mathcal A`, the commutator enters as :math:`-i[\mathcal A_x,
    \mathcal A_y]` and :math:`F` changes sign as a whole; which spin directions appear, and all
    magnitudes, are the same. A gauge transformation :math:`\psi = \Omega\tilde\psi` maps
    :math:`\mathcal A_j\to\Omega^\dagger\mathcal A_j\Omega - i\Omega^\dagger\partial_j\Omega`
    and :math:`F\to\Omega^\dagger F\Omega`.

The two parts of :math:`F_{xy}`:

* the **Abelian part** :math:`\partial_x\mathcal A_y-\partial_y\mathcal A_x
  = \sigma_x\partial_x(1/2\lambda_y) + \sigma_y\partial_y(1/2\lambda_x)`; for a pure
  Rashba term (:math:`\lambda_x=\lambda_y=\lambda`) this is
  :math:`\vec\sigma\cdot\nabla(1/2\lambda)`. It vanishes for uniform coupling and is first
  order in :math:`1/\lambda`: the "flux" of a gate (paper Eq. 3);
* the **commutator part** :math:`i[\mathcal A_x,\mathcal A_y] = -\sigma_z/(2\lambda_x\lambda_y)`,
  second order in :math:`1/\lambda` and present also for uniform coupling: the spin-dependent
  Aharonov-Bohm flux behind paper Eq. (2).

Everything here is exact symbolic algebra; the chapter "The gauge argument" uses it.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

__all__ = [
    "X",
    "Y",
    "pauli",
    "vector_potential",
    "spin_orbit_hamiltonian",
    "minimal_coupling_remainder",
    "field_strength",
    "abelian_part",
    "commutator_part",
    "pauli_components",
    "pauli_string",
    "SpinContent",
    "spin_directions",
    "spin_flux",
    "gauge_transform",
    "pure_gauge_potential",
    "su2_rotation",
    "residual_after_gauging",
    "uniform_profile",
    "straight_step_profile",
    "corner_gate_profile",
    "disk_gate_profile",
    "diagonal_step_profile",
]

#: Position coordinates in the plane of the electron gas (real sympy symbols).
X, Y = sp.symbols("x y", real=True)


def pauli() -> tuple[sp.Matrix, sp.Matrix, sp.Matrix, sp.Matrix]:
    r"""The unit matrix and the Pauli matrices ``(s0, sx, sy, sz)`` as sympy matrices."""
    s0 = sp.eye(2)
    sx = sp.Matrix([[0, 1], [1, 0]])
    sy = sp.Matrix([[0, -sp.I], [sp.I, 0]])
    sz = sp.Matrix([[1, 0], [0, -1]])
    return s0, sx, sy, sz


def vector_potential(inv_lambda_x, inv_lambda_y=None) -> tuple[sp.Matrix, sp.Matrix]:
    r"""SU(2) vector potential of the spin-orbit term, paper Eq. (1).

    Parameters
    ----------
    inv_lambda_x, inv_lambda_y : sympy expression
        Inverse spin-orbit lengths :math:`1/\lambda_x(x,y)` and :math:`1/\lambda_y(x,y)`
        (units 1/length), functions of the symbols :data:`X`, :data:`Y` or constants.
        ``inv_lambda_y`` defaults to ``inv_lambda_x`` (pure Rashba coupling,
        :math:`|\lambda_x|=|\lambda_y|`; the sign of :math:`\lambda_y` relative to
        :math:`\lambda_x` is a matter of axis conventions, paper fn. 13, and changes no
        conclusion drawn here).

    Returns
    -------
    (A_x, A_y) : tuple of 2x2 sympy matrices
        :math:`\mathcal A_x=-\sigma_y/2\lambda_x`, :math:`\mathcal A_y=\sigma_x/2\lambda_y`
        (units 1/length), defined by :math:`(\vec p+\hbar\vec{\mathcal A})^2/2m = p^2/2m
        + H_{so} + \text{const}`.
    """
    if inv_lambda_y is None:
        inv_lambda_y = inv_lambda_x
    _, sx, sy, _ = pauli()
    kx, ky = sp.sympify(inv_lambda_x), sp.sympify(inv_lambda_y)
    return (-sy * kx / 2, sx * ky / 2)


def spin_orbit_hamiltonian(px, py, inv_lambda_x, inv_lambda_y, hbar, m) -> sp.Matrix:
    r"""Paper Eq. (1) with hbar restored, for commuting momentum symbols (uniform coupling).

    :math:`H_{so}=\frac{\hbar}{2m}(p_y\sigma_x/\lambda_y - p_x\sigma_y/\lambda_x)`, units of
    energy when ``px, py`` are momenta, ``hbar`` an action and ``m`` a mass.
    """
    _, sx, sy, _ = pauli()
    return hbar / (2 * m) * (py * sx * inv_lambda_y - px * sy * inv_lambda_x)


def minimal_coupling_remainder(px, py, inv_lambda_x, inv_lambda_y, hbar, m) -> sp.Matrix:
    r"""``(p + hbar A)^2 / 2m - p^2/2m - H_so`` for uniform coupling (commuting momenta).

    It equals the constant :math:`\hbar^2(\lambda_x^{-2}+\lambda_y^{-2})/8m` times the unit
    matrix, which proves that :func:`vector_potential` reproduces Eq. (1).
    """
    ax, ay = vector_potential(inv_lambda_x, inv_lambda_y)
    s0 = sp.eye(2)
    kx = px * s0 + hbar * ax
    ky = py * s0 + hbar * ay
    kinetic = (kx * kx + ky * ky) / (2 * m)
    rest = kinetic - (px**2 + py**2) / (2 * m) * s0
    rest = rest - spin_orbit_hamiltonian(px, py, inv_lambda_x, inv_lambda_y, hbar, m)
    return sp.simplify(rest)


def _commutator(a: sp.Matrix, b: sp.Matrix) -> sp.Matrix:
    return a * b - b * a


def _tidy_expr(e: sp.Expr) -> sp.Expr:
    r"""Simplify one entry; rotations of position-dependent angles go through exponentials.

    ``sympy.simplify`` is very slow on products of sin/cos of undefined functions, while
    rewriting them as exponentials and expanding cancels everything that should cancel.
    """
    if e.has(sp.sin, sp.cos):
        out = sp.expand(sp.expand(e.rewrite(sp.exp)))
        return sp.S.Zero if out == 0 else out
    return sp.simplify(e)


def _tidy(m: sp.Matrix) -> sp.Matrix:
    return m.applyfunc(_tidy_expr)


def abelian_part(ax: sp.Matrix, ay: sp.Matrix) -> sp.Matrix:
    r"""Abelian ("curl") part :math:`\partial_x\mathcal A_y-\partial_y\mathcal A_x`, 1/length^2."""
    return _tidy(ay.diff(X) - ax.diff(Y))


def commutator_part(ax: sp.Matrix, ay: sp.Matrix) -> sp.Matrix:
    r"""Non-Abelian part :math:`i[\mathcal A_x,\mathcal A_y]` (module convention), 1/length^2."""
    return _tidy(sp.I * _commutator(ax, ay))


def field_strength(ax: sp.Matrix, ay: sp.Matrix) -> sp.Matrix:
    r"""Field strength of the spin-orbit potential (module convention), 1/length^2.

    :math:`F_{xy}=\partial_x\mathcal A_y-\partial_y\mathcal A_x+i[\mathcal A_x,\mathcal A_y]`.

    Units 1/length^2. Defined by :math:`[D_x,D_y]=iF_{xy}` with :math:`D=\partial+i\mathcal A`.
    """
    return _tidy(ay.diff(X) - ax.diff(Y) + sp.I * _commutator(ax, ay))


def pauli_components(matrix: sp.Matrix) -> dict[str, sp.Expr]:
    r"""Coefficients ``{'0', 'x', 'y', 'z'}`` of a 2x2 matrix in the basis (1, sx, sy, sz).

    ``M = c0 + cx sx + cy sy + cz sz`` with ``c_j = tr(sigma_j M) / 2``.
    """
    names = ("0", "x", "y", "z")
    return {n: _tidy_expr((s * matrix).trace() / 2) for n, s in zip(names, pauli(), strict=True)}


def pauli_string(matrix: sp.Matrix) -> str:
    """Readable Pauli decomposition of a 2x2 matrix, e.g. ``'(-1/(2*lambda_x*lambda_y)) sz'``.

    Zero components are omitted; the zero matrix gives ``'0'``.
    """
    comps = pauli_components(matrix)
    names = {"0": "1", "x": "sx", "y": "sy", "z": "sz"}
    parts = [f"({sp.sstr(c)}) {names[k]}" for k, c in comps.items() if c != 0]
    return " + ".join(parts) if parts else "0"


@dataclass(frozen=True)
class SpinContent:
    r"""Which spin directions a matrix field :math:`\vec c(x,y)\cdot\vec\sigma` contains.

    Attributes
    ----------
    components : dict
        Pauli components ``{'x': c_x, 'y': c_y, 'z': c_z}`` (sympy expressions of x, y).
    axes : tuple of str
        Names of the non-vanishing components, e.g. ``('x', 'z')``.
    rank : int
        Dimension of the span of the spin vectors :math:`\vec c(x,y)` over all positions: the
        number of independent spin axes the field rotates about. A straight gate edge at any
        angle gives rank 1 even if both ``x`` and ``y`` components are non-zero.
    basis : tuple of tuple
        An orthonormal basis (unit 3-vectors, sympy numbers) of that span.
    """

    components: dict
    axes: tuple
    rank: int
    basis: tuple


def spin_directions(matrix: sp.Matrix) -> SpinContent:
    r"""Report which spin directions appear in a 2x2 matrix field (e.g. a part of :math:`F_{xy}`).

    The span of :math:`\{\vec c(x,y)\}` is found exactly: a vector :math:`\vec v` is orthogonal
    to every :math:`\vec c(x,y)` iff the functions :math:`c_x, c_y, c_z` are linearly dependent
    with coefficients :math:`\vec v`. Each component is expanded into a sum of terms
    "constant x function of (x, y)"; the coefficient matrix (rows: spin components, columns:
    distinct functions of position) has the span as its column space.

    Parameters
    ----------
    matrix : sympy 2x2 Matrix
        A Hermitian, traceless-or-not matrix field (the unit-matrix part is ignored).

    Returns
    -------
    SpinContent
    """
    comps = pauli_components(matrix)
    spin = {k: sp.expand(comps[k]) for k in ("x", "y", "z")}
    columns: dict[sp.Expr, list] = {}
    for row, key in enumerate(("x", "y", "z")):
        for term in sp.Add.make_args(spin[key]):
            if term == 0:
                continue
            coeff, func = term.as_independent(X, Y, as_Add=False)
            columns.setdefault(func, [0, 0, 0])[row] += coeff
    mat = (
        sp.Matrix([[col[r] for col in columns.values()] for r in range(3)])
        if columns
        else sp.zeros(3, 1)
    )
    span = []
    for v in mat.columnspace():
        pivot = next((e for e in v if e != 0), None)
        if pivot is not None:
            # Scale by the first non-zero entry: the direction, not the (symbolic) strength.
            span.append(v.applyfunc(lambda e, p=pivot: sp.simplify(e / p)))
    basis = (
        tuple(tuple(sp.simplify(e) for e in v) for v in sp.GramSchmidt(span, True)) if span else ()
    )
    axes = tuple(k for k in ("x", "y", "z") if sp.simplify(spin[k]) != 0)
    return SpinContent(components=spin, axes=axes, rank=len(basis), basis=basis)


def spin_flux(matrix: sp.Matrix, half_size) -> dict[str, sp.Expr]:
    r"""Integrate the Pauli components of a field over the square :math:`|x|,|y|\le L/2`.

    For a part of :math:`F_{xy}` the result is the spin-resolved "flux" through a dot of size
    :math:`L` = ``2 * half_size``: the phase (radians) a spin along that axis picks up around
    the dot (dimensionless).
    """
    comps = pauli_components(matrix)
    out = {}
    for k in ("x", "y", "z"):
        val = sp.integrate(comps[k], (X, -half_size, half_size), (Y, -half_size, half_size))
        out[k] = sp.simplify(val)
    return out


def gauge_transform(ax: sp.Matrix, ay: sp.Matrix, omega: sp.Matrix) -> tuple[sp.Matrix, sp.Matrix]:
    r"""Transform the potential by :math:`\psi=\Omega\tilde\psi` (exact).

    Returns :math:`(\Omega^\dagger\mathcal A_j\Omega - i\Omega^\dagger\partial_j\Omega)_{j=x,y}`
    (units 1/length). ``omega`` must be a unitary 2x2 matrix function of :data:`X`, :data:`Y`.
    """
    od = omega.H
    new = []
    for a, coord in ((ax, X), (ay, Y)):
        new.append(_tidy(od * a * omega - sp.I * od * omega.diff(coord)))
    return new[0], new[1]


def pure_gauge_potential(omega: sp.Matrix) -> tuple[sp.Matrix, sp.Matrix]:
    r"""The potential gauge-equivalent to zero.

    :math:`\mathcal A_j=-i\Omega^\dagger\partial_j\Omega` (units 1/length); its field
    strength vanishes identically.
    """
    return gauge_transform(sp.zeros(2, 2), sp.zeros(2, 2), omega)


def su2_rotation(theta_x, theta_y, theta_z) -> sp.Matrix:
    r"""Closed form of :math:`\exp[-i(\theta_x\sigma_x+\theta_y\sigma_y+\theta_z\sigma_z)]`.

    ``cos|theta| - i sin|theta| (theta_hat . sigma)``; the angles may depend on position.
    """
    _, sx, sy, sz = pauli()
    angles = [sp.sympify(t) for t in (theta_x, theta_y, theta_z)]
    nonzero = [(t, s) for t, s in zip(angles, (sx, sy, sz), strict=True) if t != 0]
    if not nonzero:
        return sp.eye(2)
    if len(nonzero) == 1:
        # A rotation about a fixed axis: no square root of the angle (keeps sympy fast).
        t, s = nonzero[0]
        return sp.cos(t) * sp.eye(2) - sp.I * sp.sin(t) * s
    gen = sum((t * s for t, s in nonzero), sp.zeros(2, 2))
    norm = sp.sqrt(sum(t**2 for t in angles))
    return sp.cos(norm) * sp.eye(2) - sp.I * sp.sin(norm) / norm * gen


def residual_after_gauging(inv_lambda_x, inv_lambda_y=None, *, mean=None, order: int = 2) -> dict:
    r"""Remove the uniform part of the spin-orbit potential by a gauge transformation.

    Uses :math:`\Omega=\exp(-i\theta)`, :math:`\theta=x\bar{\mathcal A}_x+y\bar{\mathcal A}_y`
    built from the mean inverse lengths ``mean`` (a number/symbol for both directions, or a pair
    ``(1/lambda_x_mean, 1/lambda_y_mean)``; default: the given, then uniform, inverse lengths),
    and expands the transformed potential in powers of the inverse spin-orbit lengths
    (bookkeeping parameter :math:`\epsilon`, all :math:`1/\lambda\to\epsilon/\lambda`).

    Returns
    -------
    dict
        ``{n: (A_x^(n), A_y^(n))}`` for ``n = 1 .. order``: the terms of order
        :math:`(1/\lambda)^n` of the transformed potential (units 1/length). For uniform
        coupling the first-order term vanishes and the second-order term is
        :math:`\tfrac12 F_{xy}(-y, x)`, a symmetric-gauge potential of the uniform spin field
        :math:`F_{xy}=-\sigma_z/2\lambda_x\lambda_y`. For position-dependent coupling the
        first-order term is :math:`\mathcal A-\bar{\mathcal A}`, whose Abelian curl is the gate
        "flux" (not removable).
    """
    if order < 1:
        raise ValueError(f"order must be a positive integer, got {order!r}")
    if inv_lambda_y is None:
        inv_lambda_y = inv_lambda_x
    if mean is None:
        mean_x, mean_y = inv_lambda_x, inv_lambda_y
    elif isinstance(mean, tuple | list):
        mean_x, mean_y = mean
    else:
        mean_x = mean_y = mean
    if sp.sympify(mean_x).has(X, Y) or sp.sympify(mean_y).has(X, Y):
        raise ValueError("mean must be uniform (independent of x and y); pass mean=1/lambda_bar")
    eps = sp.Symbol("epsilon", positive=True)
    ax, ay = vector_potential(eps * sp.sympify(inv_lambda_x), eps * sp.sympify(inv_lambda_y))
    bx, by = vector_potential(eps * sp.sympify(mean_x), eps * sp.sympify(mean_y))
    theta = X * bx + Y * by
    # Truncated exponentials are enough: terms beyond eps**order are discarded below.
    omega = sp.zeros(2, 2)
    omega_dag = sp.zeros(2, 2)
    power = sp.eye(2)
    for n in range(order + 1):
        omega += (-sp.I) ** n * power / sp.factorial(n)
        omega_dag += sp.I**n * power / sp.factorial(n)
        power = power * theta
    out = {}
    new = [omega_dag * a * omega - sp.I * omega_dag * omega.diff(c) for a, c in ((ax, X), (ay, Y))]
    for n in range(1, order + 1):
        terms = []
        for m in new:
            terms.append(m.applyfunc(lambda e, n=n: sp.simplify(sp.expand(e).coeff(eps, n))))
        out[n] = (terms[0], terms[1])
    return out


# --- spin-orbit profiles 1/lambda(x, y) for the geometries of the chapter -------------------

_LAMBDA_0, _LAMBDA_S = sp.symbols("lambda_0 lambda_s", positive=True)


def uniform_profile(lam=_LAMBDA_0) -> sp.Expr:
    r"""Uniform coupling, :math:`1/\lambda=1/\lambda_0` (no gate, or a gate over the whole dot)."""
    return 1 / sp.sympify(lam)


def straight_step_profile(lam_bar=_LAMBDA_0, lam_s=_LAMBDA_S) -> sp.Expr:
    r"""Gate over the half-plane x > 0 with a straight edge along y, paper Fig. 1.

    :math:`1/\lambda = 1/\bar\lambda \pm 1/2\lambda_s` on the two sides (paper, text before
    Eq. 2): :math:`1/\bar\lambda + (\Theta(x)-\tfrac12)/\lambda_s`.
    """
    return 1 / sp.sympify(lam_bar) + (sp.Heaviside(X) - sp.Rational(1, 2)) / sp.sympify(lam_s)


def diagonal_step_profile(lam_bar=_LAMBDA_0, lam_s=_LAMBDA_S) -> sp.Expr:
    r"""Straight gate edge along the diagonal x + y = 0 (a straight edge at 45 degrees)."""
    return 1 / sp.sympify(lam_bar) + (sp.Heaviside(X + Y) - sp.Rational(1, 2)) / sp.sympify(lam_s)


def corner_gate_profile(lam_0=_LAMBDA_0, lam_s=_LAMBDA_S) -> sp.Expr:
    r"""Gate over the quadrant x > 0, y > 0 (an edge with a corner).

    :math:`1/\lambda = 1/\lambda_0 + \Theta(x)\Theta(y)/\lambda_s`.
    """
    return 1 / sp.sympify(lam_0) + sp.Heaviside(X) * sp.Heaviside(Y) / sp.sympify(lam_s)


def disk_gate_profile(radius, lam_0=_LAMBDA_0, lam_s=_LAMBDA_S) -> sp.Expr:
    r"""Gate over a disk of the given radius centred at the origin (a curved edge)."""
    r = sp.sqrt(X**2 + Y**2)
    return 1 / sp.sympify(lam_0) + sp.Heaviside(sp.sympify(radius) - r) / sp.sympify(lam_s)
