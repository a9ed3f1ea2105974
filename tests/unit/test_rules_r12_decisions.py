"""R12: a decision as found in the minutes; its conditions become obligations that must be
fulfilled before completion; funding and execution wait for entry into force and the appeal window."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest

from domain.errors import InvalidInput, NotFound, RuleViolation
from tests.unit.builders import (
    AFTER_APPEAL,
    APPEAL_ENDS,
    KALIX,
    MEETING,
    approved,
    awaiting,
    decide,
    executing,
    meta,
    ready_to_start,
    refused,
    sek,
    with_conditions,
)

DONE = date(2026, 12, 1)


def test_a_decision_records_what_an_auditor_finds_in_the_minutes():
    project = awaiting()
    decision = decide(project, "approved", case_number="BUN 2026/31")
    assert (decision.body, decision.body_kind, decision.meeting_date) == ("bun", "board", MEETING)
    assert (decision.item, decision.case_number, decision.outcome) == ("§ 7", "BUN 2026/31", "approved")
    assert decision.in_force_on == MEETING
    assert decision.appeal_ends == APPEAL_ENDS
    assert project.decisions == [decision]


def test_each_condition_becomes_an_obligation_with_its_due_date_numbered_across_decisions():
    project = awaiting()
    decide(
        project,
        "approved-with-conditions",
        conditions=with_conditions("Rapport till KSAU", "Avtal med Pielavesi", due=date(2026, 6, 30)),
    )
    decision = decide(
        project,
        "approved-with-conditions",
        meeting=date(2026, 3, 1),
        conditions=with_conditions("Slutrapport"),
    )
    assert decision.obligation_keys == ["O3"]
    assert project.open_obligations == ["O1", "O2", "O3"]
    assert project.obligations["O2"].text == "Avtal med Pielavesi"
    assert project.obligations["O2"].due == date(2026, 6, 30)
    assert project.overdue_obligations(date(2026, 7, 1)) == ["O1", "O2"]


def test_approved_with_conditions_needs_at_least_one_condition_and_other_outcomes_take_none():
    project = awaiting()
    refused(project, InvalidInput, lambda: decide(project, "approved-with-conditions"))
    refused(project, InvalidInput, lambda: decide(project, "approved", conditions=with_conditions("X")))


def test_a_condition_cannot_be_due_before_the_meeting():
    project = awaiting()
    error = refused(
        project,
        InvalidInput,
        lambda: decide(
            project,
            "approved-with-conditions",
            conditions=with_conditions("X", due=MEETING - timedelta(days=1)),
        ),
    )
    assert error.field == "condition-due"


def test_completion_is_refused_while_an_obligation_is_open():
    project = executing(conditions=with_conditions("Rapport till KSAU"))
    error = refused(project, RuleViolation, lambda: project.complete("Lärdomar", meta(DONE)), match=r"^R12: ")
    assert "O1" in str(error)


def test_fulfilling_the_obligation_then_allows_completion():
    project = executing(conditions=with_conditions("Rapport till KSAU"))
    project.fulfil("O1", meta(date(2026, 9, 1)))
    assert project.obligations["O1"].fulfilled_on == date(2026, 9, 1)
    assert project.open_obligations == []
    project.complete("Lärdomar", meta(DONE))
    assert project.status == "completed"


def test_an_obligation_is_fulfilled_only_once():
    project = executing(conditions=with_conditions("Rapport till KSAU"))
    project.fulfil("O1", meta(date(2026, 9, 1)))
    refused(project, RuleViolation, lambda: project.fulfil("O1", meta(date(2026, 9, 2))), match=r"^R12: ")


def test_fulfilling_an_unknown_obligation_is_not_found():
    project = executing()
    refused(project, NotFound, lambda: project.fulfil("O7", meta(DONE)))


@pytest.mark.parametrize(
    "day",
    [MEETING, APPEAL_ENDS - timedelta(days=10), APPEAL_ENDS],
    ids=["meeting day", "mid window", "last day of the window"],
)
def test_a_funding_commitment_inside_the_appeal_window_is_refused(day):
    project = approved()
    error = refused(
        project,
        RuleViolation,
        lambda: project.commit_own_contribution(sek("50000"), meta(day)),
        match=r"^R12: ",
    )
    assert f"within the appeal window, which ends {APPEAL_ENDS}" in str(error)


def test_a_funding_commitment_the_day_after_the_appeal_window_is_allowed():
    project = approved()
    project.commit_own_contribution(sek("50000"), meta(APPEAL_ENDS + timedelta(days=1)))
    assert project.own_contribution.reporting == Decimal("50000.00")


def test_starting_inside_the_appeal_window_is_refused_and_after_it_allowed():
    project = ready_to_start()
    refused(project, RuleViolation, lambda: project.start(meta(APPEAL_ENDS)), match=r"^R12: ")
    project.start(meta(APPEAL_ENDS + timedelta(days=1)))
    assert project.status == "executing"


def test_spending_dated_inside_the_appeal_window_is_refused_and_after_it_allowed():
    project = executing()
    refused(
        project,
        RuleViolation,
        lambda: project.record_expenditure(sek("100"), "resor", None, meta(APPEAL_ENDS)),
        match=r"^R12: ",
    )
    project.record_expenditure(sek("100"), "resor", None, meta(AFTER_APPEAL))
    assert project.spent == Decimal("100")


def test_the_appeal_window_runs_from_the_date_the_minutes_were_posted():
    project = awaiting()
    decision = decide(project, "approved", posted_on=date(2026, 1, 20))
    assert decision.appeal_ends == date(2026, 2, 10)


def test_the_minutes_cannot_be_posted_before_the_meeting_they_record():
    project = awaiting()
    error = refused(
        project, InvalidInput, lambda: decide(project, "approved", posted_on=MEETING - timedelta(days=30))
    )
    assert error.field == "posted"


def test_funding_and_execution_wait_for_a_later_entry_into_force():
    in_force = date(2026, 3, 1)
    project = approved(in_force_on=in_force)
    before = in_force - timedelta(days=1)  # after the appeal window, before entry into force
    error = refused(
        project,
        RuleViolation,
        lambda: project.commit_own_contribution(sek("50000"), meta(before)),
        match=r"^R12: ",
    )
    assert f"before the decision enters into force on {in_force}" in str(error)
    project.commit_own_contribution(sek("50000"), meta(in_force))
    project.define_indicator("elever", "Elever", Decimal(30), None, meta(in_force))
    refused(project, RuleViolation, lambda: project.start(meta(before)), match=r"^R12: ")
    project.start(meta(in_force))
    refused(
        project,
        RuleViolation,
        lambda: project.record_expenditure(sek("1"), "resor", None, meta(before)),
        match=r"^R12: ",
    )
    project.record_expenditure(sek("1"), "resor", None, meta(in_force))
    assert project.spent == Decimal("1")


def test_entry_into_force_cannot_precede_the_meeting():
    project = awaiting()
    error = refused(
        project, InvalidInput, lambda: decide(project, "approved", in_force_on=MEETING - timedelta(days=1))
    )
    assert error.field == "effective"


def test_without_an_appeal_window_funding_may_follow_the_decision_the_same_day():
    no_window = replace(KALIX, appeal_window_days=0)
    project = awaiting()
    decision = decide(project, "approved", strategy=no_window)
    assert decision.appeal_ends is None
    project.commit_own_contribution(sek("50000"), meta(MEETING))
    assert project.own_contribution is not None
