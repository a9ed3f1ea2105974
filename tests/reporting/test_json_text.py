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
report_like = st.recursive(  # what report data holds: no floats, so orjson writes it
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4), max_leaves=60)


def stdlib(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)


@settings(max_examples=500, deadline=None)
@given(values)
def test_any_json_value_is_written_as_the_standard_library_writes_it(value):
    assert indented(value) == stdlib(value)


@settings(max_examples=500, deadline=None)
@given(report_like)
def test_report_data_of_every_kind_is_written_as_the_standard_library_writes_it(value):
    assert indented(value) == stdlib(value)


def test_escapes_sorting_and_big_integers_are_the_standard_librarys_own():
    tricky = {"a\x01\x7f\u2028\U0001F600\"\\/\b\f\n\r\t": ["é", "", {}, [], None, True, 10**18, -5, "\x1f\x00"],
              "B": {"z": 1, "Z": 2, "ä": 3, "a": 4, "": 2**70}, "c": [1.5, 1e16, -0.0]}
    assert indented(tricky) == stdlib(tricky)
    assert indented({k: v for k, v in tricky.items() if k != "c"}) == stdlib({k: v for k, v in tricky.items() if k != "c"})


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
