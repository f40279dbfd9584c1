"""One parameter list for sibling entry points.

Some public functions take exactly the parameters of another one: ``mean_conductance`` and
``conductance_variance`` those of ``wl_correction``, ``finite_m_wl_correction`` those of
``wl_correction`` plus ``M``, ``estimate_cost`` and the Hamiltonian model's conductance those
of ``sample_conductance``, the Hamiltonian model's scattering matrix those of the stub
model's. They are written ``f(N1, N2, **parameters)`` and report the template's signature, so
that the list (names, defaults, order) is kept in one place and the siblings cannot drift
apart; ``help``, ``inspect.signature`` and the API reference show the full list.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable

#: Default of a required parameter in ``shares_parameters(..., extra=...)``.
REQUIRED = inspect.Parameter.empty


def shares_parameters(
    template: Callable, returns=inspect.Signature.empty, extra: tuple = ()
) -> Callable:
    """Decorator: the decorated function reports ``template``'s signature.

    ``returns`` replaces the return annotation (the template's is kept when omitted);
    ``extra``: further keyword-only parameters as ``(name, default)`` pairs appended to the
    template's (default :data:`REQUIRED` for a required one).
    """

    def decorate(function: Callable) -> Callable:
        signature = inspect.signature(template)
        more = [inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY, default=d) for n, d in extra]
        signature = signature.replace(parameters=[*signature.parameters.values(), *more])
        if returns is not inspect.Signature.empty:
            signature = signature.replace(return_annotation=returns)
        function.__signature__ = signature
        return function

    return decorate


def bind_parameters(function: Callable, *args, **kwargs) -> dict:
    """The arguments of a call of ``function`` by name, defaults filled in.

    ``function`` reports its parameter list through :func:`shares_parameters`; a missing,
    unknown or repeated argument raises the ``TypeError`` Python gives for a plain signature,
    naming ``function``.
    """
    try:
        bound = inspect.signature(function).bind(*args, **kwargs)
    except TypeError as error:
        raise TypeError(f"{function.__name__}(): {error}") from None
    bound.apply_defaults()
    return dict(bound.arguments)
