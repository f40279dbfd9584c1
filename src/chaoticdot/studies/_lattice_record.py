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


def ensemble_run_record(model: DotModel, *, seed, n_samples: int, n_variants: int) -> dict:
    """Provenance entries of a :func:`chaoticdot.lattice.conductance_ensemble` run of
    ``model``: the window of Fermi energies drawn from (units ``t``), the seed, the number of
    realisations and of sparse solves (``n_samples`` realisations x ``n_variants``)."""
    return {
        "energy_window": list(model.energy_window()),
        "seed": seed,
        "n_samples": n_samples,
        "n_solves": int(n_samples * n_variants),
    }
