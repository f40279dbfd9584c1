"""chaoticdot: executable companion to Brouwer, Cremers & Halperin, PRB 65, 081302(R) (2002).

Subpackages
-----------
theory
    Closed forms, Eqs. (13)-(14), and the general cooperon/diffuson route, Eqs. (8)-(12).
units
    GaAs constants and the conversion of a physical device to the paper's dimensionless parameters.
rmt
    Monte-Carlo sampling of the stub random-matrix model, Eqs. (4)-(7).
lattice
    Microscopic tight-binding model of a dot with a partial spin-orbit gate.
gauge
    Symbolic SU(2) gauge transformation behind Eqs. (2)-(3).

Layers (nothing imports upward)::

    physics       theory, rmt, lattice, units, gauge, tables
    studies       chaoticdot.studies: Monte-Carlo drivers, dataset generators, stored data
    presentation  chaoticdot.display: static figures, plotly figures, ipywidgets explorers
    entry points  the book's chapters and the command line (python -m chaoticdot)
"""

__version__ = "0.1.0"
