"""The parameters of a lattice dot as a stored dataset's provenance records them."""

from __future__ import annotations

from ..lattice import DotModel


def dot_model_record(model: DotModel) -> dict:
    """The ``"model"`` entry of a lattice dataset's provenance.

    Sizes of the dot, its lead and its hole in lattice constants ``a0``, the Fermi wave
    number as ``k_F a0``, the disorder strength in units of the hopping ``t``, the contact
    type and the channels per lead of ``model`` (:class:`chaoticdot.lattice.DotModel`).
    """
    return {
        "length": model.length,
        "width": model.geometry.width,
        "lead_width": model.lead_width,
        "kf": model.kf,
        "disorder": model.disorder,
        "obstacle_radius": model.geometry.obstacle_radius,
        "smooth_contacts": model.smooth_contacts,
        "n_channels_per_lead": model.n_channels,
    }
