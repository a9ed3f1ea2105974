"""R3: above the strategy's approval threshold only a political body may decide; below it the
delegated official suffices."""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain.errors import RuleViolation
from tests.unit.builders import (
    BOARD,
    COMMITTEE,
    COUNCIL,
    KALIX,
    OFFICIAL,
    awaiting,
    decide,
    exploring,
    meta,
    refused,
)

THRESHOLD = KALIX.approval_threshold  # 100000 SEK


def test_a_project_above_the_threshold_cannot_be_submitted_to_the_delegated_official():
    project = exploring("150000")
    error = refused(
        project,
        RuleViolation,
        lambda: project.submit_for_decision(OFFICIAL, THRESHOLD, meta()),
        match=r"^R3: ",
    )
    assert error.rule == "R3"
    assert "kommunchef" in str(error)
    assert project.status == "exploration"


@pytest.mark.parametrize("body", [COUNCIL, COMMITTEE, BOARD], ids=lambda b: b.kind)
def test_a_project_above_the_threshold_may_be_submitted_to_a_political_body(body):
    project = exploring("150000")
    project.submit_for_decision(body, THRESHOLD, meta())
    assert project.submitted_to == body.key


def test_the_delegated_official_cannot_approve_a_project_above_the_threshold():
    project = awaiting("150000", body=BOARD)
    error = refused(
        project, RuleViolation, lambda: decide(project, "approved", body=OFFICIAL), match=r"^R3: "
    )
    assert "exceeds the approval threshold 100000" in str(error)
    assert project.status == "awaiting_decision"


@pytest.mark.parametrize("body", [COUNCIL, COMMITTEE, BOARD], ids=lambda b: b.kind)
def test_a_political_body_may_approve_a_project_above_the_threshold(body):
    project = awaiting("150000", body=body)
    decision = decide(project, "approved", body=body)
    assert project.status == "approved"
    assert decision.body_kind == body.kind
    assert decision.ceiling == Decimal("150000")


def test_below_the_threshold_the_delegated_official_may_take_and_approve_the_case():
    project = awaiting("50000", body=OFFICIAL)
    decide(project, "approved", body=OFFICIAL)
    assert project.status == "approved"


def test_a_budget_exactly_at_the_threshold_is_still_the_officials_to_approve():
    project = awaiting("100000", body=OFFICIAL)
    decide(project, "approved", body=OFFICIAL)
    assert project.ceiling == THRESHOLD


def test_the_official_cannot_approve_a_ceiling_above_the_threshold_even_for_a_small_budget():
    project = awaiting("50000", body=OFFICIAL)
    refused(
        project,
        RuleViolation,
        lambda: decide(project, "approved", body=OFFICIAL, ceiling=Decimal("100000.01")),
        match=r"^R3: ",
    )


def test_kalix_with_a_zero_threshold_needs_a_political_decision_for_every_engagement():
    project = exploring("1")
    refused(
        project,
        RuleViolation,
        lambda: project.submit_for_decision(OFFICIAL, Decimal(0), meta()),
        match=r"^R3: ",
    )
