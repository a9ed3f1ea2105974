"""Case references <CODE>-<YEAR>-<NNNN>: one counter per year, issuing the next number."""

from __future__ import annotations

from domain.case_counter import CaseCounter, counter_id, format_ref
from tests.unit.builders import meta


def test_a_counter_issues_consecutive_references_for_its_year():
    counter = CaseCounter.open("KAL", 2026, meta())
    assert [counter.issue(meta()) for _ in range(3)] == ["KAL-2026-0001", "KAL-2026-0002", "KAL-2026-0003"]
    assert counter.issued == 3


def test_each_municipality_and_year_has_its_own_counter():
    assert CaseCounter.open("KAL", 2026, meta()).id == counter_id("KAL", 2026)
    assert len({counter_id("KAL", 2026), counter_id("KAL", 2025), counter_id("HOL", 2026)}) == 3


def test_the_number_is_padded_to_four_digits_and_grows_beyond():
    assert format_ref("HOL", 2025, 7) == "HOL-2025-0007"
    assert format_ref("HOL", 2025, 12345) == "HOL-2025-12345"
