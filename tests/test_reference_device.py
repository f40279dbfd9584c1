"""The book's reference device: one definition, every input explicit."""

import pytest

from chaoticdot.units import REFERENCE_DEVICE, Device, reference_device


def test_reference_device_is_the_documented_inputs():
    dev = reference_device(1.2)
    assert dev == Device(area_um2=1.2, **REFERENCE_DEVICE)
    # the gate does not reverse the sign of the coupling: 1/lambda_bar > 1/(2 lambda_s)
    assert 1 / dev.lambda_um > 1 / (2 * dev.lambda_s_um)


def test_reference_device_changes_and_bad_input():
    assert reference_device(8.0, B_par_T=0.1).B_par_T == 0.1
    with pytest.raises(TypeError, match="B_parallel"):
        reference_device(8.0, B_parallel=0.1)
    with pytest.raises(ValueError, match="area_um2"):
        reference_device(-1.0)
