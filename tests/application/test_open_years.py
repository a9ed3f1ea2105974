"""R7 in the command path, on a store that checks as it writes: a fact in a year known to be closed
is refused before writing, and every other fact's year goes to the store to be checked; the
same refusals as asking the store year by year, and each year asked once, in order."""
from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from application.closed_years import ClosedYears
from domain.consistency import OPEN_YEARS, ClosedWhileWriting
from domain.errors import RuleViolation
from domain.project import Project
from domain.reporting_year import reporting_year_id

YEARS = st.integers(2024, 2028)


class ExpenditureRecorded:
    """A fact as check() sees one: its class name says what it is, and it has an effective date."""

    def __init__(self, year: int) -> None:
        self.effective_date = date(year, 6, 1)


def case(ref: str, years: list[int]) -> Project:
    """A case with pending facts effective in `years`, as a command leaves it before saving."""
    project = object.__new__(Project)
    project.ref = ref
    project._pending_events = [ExpenditureRecorded(y) for y in years]
    return project


class Store:
    """A recorder that knows which years are closed (a reporting-year stream exists)."""

    def __init__(self, closed: set[int], checks_at_write: bool) -> None:
        self.closed_ids = {reporting_year_id(y) for y in closed}
        self.checks_reads_at_write = checks_at_write

    def select_events(self, stream_id, limit):
        return [object()] if stream_id in self.closed_ids else []


def closed_years(closed: set[int], known: set[int], checks_at_write: bool) -> ClosedYears:
    years = ClosedYears(SimpleNamespace(recorder=Store(closed, checks_at_write)))
    years._closed.update(known)
    return years


def outcome(years: ClosedYears, aggregates: list) -> tuple:
    try:
        return "saved", years.check(aggregates, None)[0].get(OPEN_YEARS, ())
    except RuleViolation as refusal:
        return "refused", str(refusal)


cases = st.lists(st.lists(YEARS, max_size=3), max_size=3).map(
    lambda years: [case(f"KAL-2026-{i:04}", y) for i, y in enumerate(years)]
)


@given(cases, st.sets(YEARS))
def test_a_store_checking_at_write_refuses_what_asking_the_store_refuses(aggregates, closed):
    asked_first = outcome(closed_years(closed, set(), checks_at_write=False), aggregates)
    deferred = outcome(closed_years(closed, closed, checks_at_write=True), aggregates)

    assert deferred[0] == asked_first[0]
    if asked_first[0] == "refused":
        assert deferred == asked_first


@given(cases, st.sets(YEARS))
def test_the_store_is_asked_about_each_year_not_known_closed_once_in_the_order_the_facts_name_them(
    aggregates, closed
):
    facts = [e.effective_date.year for a in aggregates for e in a.pending_events]
    years = closed_years(closed, set(), checks_at_write=True)

    assert outcome(years, aggregates) == ("saved", tuple(reporting_year_id(y) for y in dict.fromkeys(facts)))


@given(cases.filter(lambda aggregates: any(a.pending_events for a in aggregates)), st.data())
def test_a_year_the_store_finds_closed_is_refused_naming_its_first_fact(aggregates, data):
    facts = [(e.effective_date.year, a.ref) for a in aggregates for e in a.pending_events]
    year, ref = data.draw(st.sampled_from(facts))
    first_ref = next(r for y, r in facts if y == year)
    years = closed_years({year}, set(), checks_at_write=True)
    _, must_be_open = years.check(aggregates, None)

    refusal = years.closed_meanwhile(must_be_open, ClosedWhileWriting(reporting_year_id(year)))

    assert refusal.ref == first_ref and str(refusal).startswith(f"R7: {year} is a closed reporting year;"
                                                                " expenditure effective in")
    assert year in years._closed


def test_a_year_not_among_the_facts_is_not_one_to_name():
    years = closed_years(set(), set(), checks_at_write=True)
    _, must_be_open = years.check([case("KAL-2026-0001", [2026])], None)

    with pytest.raises(KeyError):
        years.closed_meanwhile(must_be_open, ClosedWhileWriting(reporting_year_id(2025)))


@given(st.lists(YEARS, min_size=1, max_size=3))
def test_only_a_cases_events_are_facts_another_aggregates_in_a_closed_year_are_not(years):
    from domain.case_counter import CaseCounter

    counter = object.__new__(CaseCounter)
    counter._pending_events = [ExpenditureRecorded(y) for y in years]
    checked = closed_years(set(years), set(years), checks_at_write=True)

    assert outcome(checked, [counter]) == ("saved", ())
    assert outcome(checked, [counter, case("KAL-2026-0001", years)])[0] == "refused"
