"""The case lifecycle (SPEC §3): each decision outcome, withdrawal, and commands out of turn."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from domain.errors import InvalidInput, InvalidTransition
from tests.unit.builders import (
    AFTER_APPEAL,
    BOARD,
    approved,
    awaiting,
    decide,
    executing,
    exploring,
    idea,
    meta,
    refused,
    with_conditions,
)


def test_a_registered_idea_starts_in_the_idea_state():
    assert idea().status == "idea"


def test_exploring_an_idea_moves_it_to_exploration():
    assert exploring().status == "exploration"


def test_submitting_an_explored_project_awaits_the_bodys_decision():
    project = awaiting(body=BOARD)
    assert project.status == "awaiting_decision"
    assert project.submitted_to == "bun"


def test_an_approval_moves_the_project_to_approved_with_its_budget_as_ceiling():
    project = awaiting("50000")
    decision = decide(project, "approved")
    assert project.status == "approved"
    assert decision.purpose == "approval"
    assert project.ceiling == decision.ceiling == 50000


def test_an_approval_with_conditions_moves_the_project_to_approved_and_opens_obligations():
    project = awaiting()
    decide(project, "approved-with-conditions", conditions=with_conditions("Rapport till KSAU"))
    assert project.status == "approved"
    assert project.open_obligations == ["O1"]


def test_a_rejection_closes_the_case_as_rejected():
    project = awaiting()
    decide(project, "rejected")
    assert project.status == "rejected"
    assert project.ceiling is None


def test_a_returned_project_goes_back_to_exploration_and_can_be_submitted_again():
    project = awaiting()
    decide(project, "returned")
    assert project.status == "exploration"
    project.submit_for_decision(BOARD, project.estimate, meta(date(2026, 1, 20)))  # after the return
    assert project.status == "awaiting_decision"


def test_a_postponed_project_keeps_awaiting_and_a_later_meeting_can_approve_it():
    project = awaiting()
    decide(project, "postponed")
    assert project.status == "awaiting_decision"
    decide(project, "approved", meeting=date(2026, 2, 12))
    assert project.status == "approved"
    assert [d.outcome for d in project.decisions] == ["postponed", "approved"]


def test_completing_an_executing_project_records_its_lessons_and_date():
    project = executing()
    project.complete("  Tidig kontakt med skolorna är avgörande.  ", meta(date(2026, 12, 1)))
    assert project.status == "completed"
    assert project.lessons == "Tidig kontakt med skolorna är avgörande."
    assert project.completed_on == date(2026, 12, 1)


@pytest.mark.parametrize(
    "build",
    [idea, exploring, awaiting, approved, executing],
    ids=["idea", "exploration", "awaiting_decision", "approved", "executing"],
)
def test_a_case_can_be_withdrawn_from_every_state_before_completion(build):
    project = build()
    project.withdraw(meta(AFTER_APPEAL, reason="Partnerskolan drog sig ur"))
    assert project.status == "withdrawn"


def test_a_withdrawal_without_a_reason_is_invalid():
    project = exploring()
    error = refused(project, InvalidInput, lambda: project.withdraw(meta(reason="   ")))
    assert error.field == "reason"
    assert project.status == "exploration"


def _completed():
    project = executing()
    project.complete("Lärdomar", meta(date(2026, 12, 1)))
    return project


def _rejected():
    project = awaiting()
    decide(project, "rejected")
    return project


def _withdrawn():
    project = idea()
    project.withdraw(meta(reason="Ingen budget"))
    return project


@pytest.mark.parametrize(
    "build", [_completed, _rejected, _withdrawn], ids=["completed", "rejected", "withdrawn"]
)
def test_a_closed_case_cannot_be_withdrawn(build):
    project = build()
    status = project.status
    refused(
        project,
        InvalidTransition,
        lambda: project.withdraw(meta(reason="för sent")),
        match=f"cannot withdraw a project that is {status}",
    )
    assert project.status == status


@pytest.mark.parametrize(
    "build, command",
    [
        (exploring, lambda p: p.explore(meta())),
        (idea, lambda p: p.submit_for_decision(BOARD, p.estimate, meta())),
        (exploring, lambda p: decide(p, "approved")),
        (awaiting, lambda p: p.start(meta(AFTER_APPEAL))),
        (approved, lambda p: p.complete("Lärdomar", meta(AFTER_APPEAL))),
        (approved, lambda p: p.record_expenditure(p.budget, "resor", None, meta(AFTER_APPEAL))),
        (executing, lambda p: p.start(meta(AFTER_APPEAL))),
        (exploring, lambda p: p.record_measurement("elever", Decimal(1), meta(AFTER_APPEAL))),
    ],
    ids=[
        "explore twice",
        "submit an idea",
        "decide during exploration",
        "start before approval",
        "complete before execution",
        "spend before execution",
        "start twice",
        "measure during exploration",
    ],
)
def test_a_command_out_of_turn_is_an_invalid_transition(build, command):
    project = build()
    status = project.status
    refused(project, InvalidTransition, lambda: command(project))
    assert project.status == status


def test_spending_and_measuring_out_of_turn_name_the_action_and_the_status():
    project = approved()
    spend = lambda: project.record_expenditure(project.budget, "resor", None, meta(AFTER_APPEAL))  # noqa: E731
    refused(project, InvalidTransition, spend, match="cannot record spending on a project that is approved")
    project = exploring()
    measure = lambda: project.record_measurement("elever", Decimal(1), meta(AFTER_APPEAL))  # noqa: E731
    refused(project, InvalidTransition, measure, match="cannot measure a project that is exploration")
