"""R7: closing a reporting year, refusing late facts in it, and posting corrections as adjustments."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from application.context import Context
from domain.errors import InvalidInput, NotFound, NotPermitted, RuleViolation
from infrastructure.projections.ledger import SPENT
from tests.application.refusals import refused
from tests.reporting.closing import SPENT_ON, close, reports, year_2026
from tests.reporting.feeding import feed
from tests.reporting.ledger_rows import rows
from tests.support import ADMIN, AUDITOR, OFFICER, REPORTER, ctx, register, stored_event_count


def late(on: date, original: int) -> Context:
    """An officer's command recording a fact effective `on` as a correction of `original`."""
    return Context(OFFICER, on=on, correction_of=original)


def _position_of(app, ref: str, event: str) -> int:
    project_id = app.load_project(ref).id
    for n in app.recorder.select_notifications(1, 10_000):
        if n.originator_id == project_id and n.topic.endswith(f".{event}"):
            found = n.id
    return found


def test_a_reporter_closes_an_ended_year_with_its_totals_and_the_position_at_close(kalix, engine):
    year_2026(kalix)
    head = stored_event_count(kalix)

    result = close(kalix, engine)

    assert (result["year"], result["position"]) == (2026, head)
    assert result["totals"]["expenditure"] == "12000.50"
    assert result["totals"]["external_granted"] == "17100.00"
    assert result["totals"]["external_received"] == "11200.00"
    closed = kalix.closed_year(AUDITOR, 2026)
    assert (closed.year, closed.position, closed.totals) == (2026, head, result["totals"])
    assert closed.report["boards"][0]["projects"][0]["financials"][SPENT] == "12000.50"


def test_closing_a_year_that_has_not_ended_is_refused_naming_r7(kalix, engine):
    year_2026(kalix)
    kalix.clock.set(date(2026, 12, 31))

    error = refused(kalix, RuleViolation, kalix.close_year, ctx(REPORTER), 2026, reports(kalix, engine))

    assert str(error) == "R7: 2026 has not ended yet (today is 2026-12-31); it cannot be closed"


def test_closing_a_closed_year_again_is_refused(kalix, engine):
    year_2026(kalix)
    close(kalix, engine)

    refused(kalix, RuleViolation, kalix.close_year, ctx(ADMIN), 2026, reports(kalix, engine),
            match="R7: 2026 is already closed")


def test_an_auditor_or_an_officer_may_not_close_a_year(kalix, engine):
    year_2026(kalix)
    kalix.clock.set(date(2027, 2, 1))
    for actor in (AUDITOR, "olle"):
        refused(kalix, NotPermitted, kalix.close_year, ctx(actor), 2026, reports(kalix, engine))


def test_a_year_is_closed_only_after_the_previous_year_with_facts_is_closed(kalix, engine):
    year_2026(kalix)

    kalix.clock.set(date(2028, 1, 2))
    refused(kalix, RuleViolation, kalix.close_year, ctx(REPORTER), 2027, reports(kalix, engine),
            match="R7: 2026 is still open; close it before 2027")
    close(kalix, engine, 2026, on=date(2028, 1, 2))
    close(kalix, engine, 2027, on=date(2028, 1, 3))


def test_an_empty_year_before_the_first_case_does_not_hold_up_closing(kalix, engine):
    year_2026(kalix)
    assert close(kalix, engine, 2026)["year"] == 2026
    assert kalix.closed_year(AUDITOR, 2025) is None


def test_after_the_close_a_fact_effective_in_the_closed_year_is_refused_naming_r7(kalix, engine):
    ref = year_2026(kalix)
    close(kalix, engine)

    error = refused(kalix, RuleViolation, kalix.spend, ctx(on=date(2026, 12, 1)), ref, amount="10", category="resor")

    assert str(error).startswith("R7: 2026 is a closed reporting year; expenditure effective in 2026")
    assert str(error).endswith(f"({ref})")


def test_a_decision_whose_meeting_was_in_the_closed_year_is_refused_even_when_entered_later(kalix, engine):
    ref = year_2026(kalix)
    close(kalix, engine)

    refused(kalix, RuleViolation, kalix.decide, ctx(ADMIN, on=date(2027, 3, 1)), ref, body="bun",
            outcome="approved", meeting_date=date(2026, 12, 10), item="§ 3", ceiling="60000", match="R7")


def test_facts_effective_after_the_closed_year_are_recorded_as_usual(kalix, engine):
    ref = year_2026(kalix)
    close(kalix, engine)

    kalix.spend(ctx(on=date(2027, 1, 20)), ref, amount="10", category="resor")
    kalix.statement(ctx(on=date(2027, 1, 25)), ref, year=2026, text="Ett bra år")


def test_a_correction_is_posted_as_an_adjustment_in_the_next_open_year_referring_to_the_original(kalix, engine):
    ref = year_2026(kalix)
    close(kalix, engine)
    original = _position_of(kalix, ref, "ExpenditureRecorded")

    kalix.spend(late(date(2026, 11, 30), original), ref, amount="250", category="resor")
    feed(kalix, engine, start=stored_event_count(kalix))

    last = rows(engine)[-1]
    assert (last[1], last[2], last[7], last[9], last[10]) == (SPENT, 2027, 25000, original, 2026)
    event = list(kalix.events.get(kalix.load_project(ref).id))[-1]
    assert (event.effective_date, event.correction.of_position, event.correction.posted_in) == (
        date(2026, 11, 30), original, 2027)


def test_a_correction_skips_to_the_first_year_that_is_still_open(kalix, engine):
    ref = year_2026(kalix)
    close(kalix, engine, 2026, on=date(2028, 1, 5))
    close(kalix, engine, 2027, on=date(2028, 1, 6))

    kalix.spend(late(SPENT_ON, _position_of(kalix, ref, "ExpenditureRecorded")), ref,
                amount="1", category="resor")

    assert list(kalix.events.get(kalix.load_project(ref).id))[-1].correction.posted_in == 2028


def test_a_correction_must_name_an_event_of_the_same_case_in_the_same_closed_year(kalix, engine):
    ref = year_2026(kalix)
    other = register(kalix)
    close(kalix, engine)
    original = _position_of(kalix, ref, "ExpenditureRecorded")
    of_other = _position_of(kalix, other, "Registered")

    refused(kalix, InvalidInput, kalix.spend, late(date(2026, 12, 1), of_other), ref,
            amount="1", category="resor", match=f"position {of_other} is not an event of {ref}")
    refused(kalix, NotFound, kalix.spend, late(date(2026, 12, 1), 99_999), ref,
            amount="1", category="resor", match="no event at position 99999")
    refused(kalix, InvalidInput, kalix.spend, late(date(2027, 1, 20), original), ref,
            amount="1", category="resor", match="2027 is an open year")
    refused(kalix, InvalidInput, kalix.add_body, Context(ADMIN, correction_of=original), key="x", name="X",
            kind="board", match="only a fact about a case")


def test_a_correction_of_a_fact_in_an_open_year_is_invalid_input(kalix, engine):
    ref = year_2026(kalix)
    original = _position_of(kalix, ref, "ExpenditureRecorded")

    error = refused(kalix, InvalidInput, kalix.spend, late(date(2026, 12, 1), original), ref,
                    amount="1", category="resor")

    assert "effective in 2026, an open year" in str(error)


@pytest.mark.parametrize("year", [2025, 2026])
def test_the_close_keeps_the_report_as_it_stood(kalix, engine, year):
    year_2026(kalix)
    result = close(kalix, engine, year)
    report = kalix.closed_year(REPORTER, year).report
    assert report["year"] == year and report["position"] == result["position"]
    assert Decimal(report["totals"]["expenditure"]) == (Decimal("12000.50") if year == 2026 else 0)
