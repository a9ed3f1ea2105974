"""The write-time checks give the same verdict whether the stored versions come as a dictionary
(PostgreSQL) or in the order the ids were asked for (SQLite)."""
from __future__ import annotations

from uuid import UUID

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.consistency import ClosedWhileWriting, StaleRead
from infrastructure.audit.checks import raise_if_moved_on, raise_if_moved_on_in_order

ids = st.uuids()
version = st.none() | st.integers(min_value=1, max_value=5)


def verdict(check, *args) -> tuple[type, str] | None:
    try:
        check(*args)
    except (ClosedWhileWriting, StaleRead) as e:
        return type(e), str(e)
    return None


@given(
    years=st.lists(st.tuples(ids, version), max_size=3, unique_by=lambda t: t[0]),
    reads=st.lists(st.tuples(ids, st.integers(min_value=1, max_value=5), version), max_size=4,
                   unique_by=lambda t: t[0]),
)
def test_both_forms_refuse_alike(years, reads):
    open_years = [y for y, _ in years]
    read = {i: v for i, v, _ in reads}
    versions = [s for _, s in years] + [s for _, _, s in reads]
    stored = {y: s for y, s in years} | {i: s for i, _, s in reads}

    assert verdict(raise_if_moved_on_in_order, open_years, read, versions) == verdict(
        raise_if_moved_on, open_years, read, stored)


def test_a_closed_year_is_reported_before_a_stale_read():
    year, case = UUID(int=1), UUID(int=2)

    with pytest.raises(ClosedWhileWriting):
        raise_if_moved_on_in_order([year], {case: 3}, [1, 4])


def test_a_missing_version_is_a_programming_error():
    with pytest.raises(ValueError):
        raise_if_moved_on_in_order([UUID(int=1)], {UUID(int=2): 3}, [None])
