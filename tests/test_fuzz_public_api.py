"""Every public callable of theory, rmt, units and lattice under bad input.

Each parameter of each callable (discovered through ``__all__``; records and the expensive
lattice drivers are listed in ``_fuzz_public``) is replaced in turn by a bad value. The call
must either return a finite result or raise ``ValueError``/``TypeError`` whose message names
the parameter: never a raw numpy error, another exception type, or a silent NaN or inf.
"""

import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import _fuzz_public as fuzz

CASES = fuzz.cases()

BAD = st.one_of(
    st.sampled_from(fuzz.BAD_VALUES),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**20), max_value=-1) | st.integers(10**10, 10**20),
    st.text(max_size=4),
    st.booleans(),
    st.lists(st.floats(allow_nan=True, allow_infinity=True), max_size=3),
    st.lists(st.lists(st.floats(-1e3, 1e3), min_size=1, max_size=2), max_size=2),
    st.complex_numbers(allow_nan=False, allow_infinity=False, max_magnitude=1e3),
    st.builds(np.full, st.sampled_from([(0,), (2, 2), (1, 3)]), st.floats(-1e3, 1e3)),
)


def test_every_public_callable_is_covered():
    covered = {qual for qual, _ in CASES}
    for qual in fuzz.public_callables():
        assert qual in covered or qual in fuzz.RECORDS or qual in fuzz.EXPENSIVE, qual
    assert set(fuzz.BASELINES) == covered
    # no stale entries: every exempted name is still public
    assert fuzz.RECORDS | fuzz.EXPENSIVE <= set(fuzz.public_callables())


def test_campaign_of_fixed_bad_values_has_no_failures():
    """The full campaign: every parameter with every value of ``BAD_VALUES``."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        counts, failures = fuzz.campaign()
    assert counts["tried"] == len(CASES) * len(fuzz.BAD_VALUES)
    assert counts["named"] > counts["tried"] // 2  # the values are mostly bad: not vacuous
    assert not failures, failures[:10]


@pytest.mark.parametrize("qual, pname", CASES, ids=[f"{q}:{p}" for q, p in CASES])
@settings(
    max_examples=4,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(bad=BAD)
def test_generated_bad_values(qual, pname, bad):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        outcome = fuzz.classify(qual, pname, bad)
    assert outcome in ("finite", "named"), (qual, pname, bad, outcome)
