"""The JSON report's fast writer gives exactly the standard library's indented, sorted text."""
from __future__ import annotations

import json
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from infrastructure.reports.json_file import indented

leaves = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
values = st.recursive(leaves, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4)
                      | st.tuples(inner, inner), max_leaves=40)


def stdlib(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)


@settings(max_examples=500, deadline=None)
@given(values)
def test_any_json_value_is_written_as_the_standard_library_writes_it(value):
    assert indented(value) == stdlib(value)


def test_values_the_fast_path_does_not_know_are_left_to_the_standard_library():
    assert indented({"a": [1, {2: "x", 3: None}]}) == stdlib({"a": [1, {2: "x", 3: None}]})
    assert indented({"a": True, "b": 1.5}) == stdlib({"a": True, "b": 1.5})


def test_a_value_json_cannot_write_is_refused_as_the_standard_library_refuses_it():
    try:
        stdlib({"a": Decimal("1.5")})
    except TypeError as expected:
        message = str(expected)
    try:
        indented({"a": Decimal("1.5")})
    except TypeError as e:
        assert str(e) == message
    else:
        raise AssertionError("a Decimal was written")
