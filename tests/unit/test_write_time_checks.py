"""The write-time check both recorders make, on the stored versions in the order the ids were
asked for: R7 (a closed year) before any stale read, and the first read that moved on named."""
from __future__ import annotations

from uuid import UUID

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.consistency import ClosedWhileWriting, StaleRead
from infrastructure.audit.checks import raise_if_moved_on

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
def test_the_verdict_is_the_first_closed_year_else_the_first_read_that_moved_on(years, reads):
    open_years = [y for y, _ in years]
    read = {i: v for i, v, _ in reads}
    versions = [s for _, s in years] + [s for _, _, s in reads]

    assert verdict(raise_if_moved_on, open_years, read, versions) == verdict(by_the_rule, years, reads)


def by_the_rule(years, reads) -> None:
    """The rule, stated plainly: a closed year (its stream exists) first, then any read whose
    aggregate is no longer at the version read."""
    for year_id, stored in years:
        if stored is not None:
            raise ClosedWhileWriting(year_id)
    for aggregate_id, version, stored in reads:
        if stored != version:
            raise StaleRead.moved_on(aggregate_id, version, stored)


def test_a_closed_year_is_reported_before_a_stale_read():
    year, case = UUID(int=1), UUID(int=2)

    with pytest.raises(ClosedWhileWriting):
        raise_if_moved_on([year], {case: 3}, [1, 4])


def test_a_missing_version_is_a_programming_error():
    with pytest.raises(ValueError):
        raise_if_moved_on([UUID(int=1)], {UUID(int=2): 3}, [None])
