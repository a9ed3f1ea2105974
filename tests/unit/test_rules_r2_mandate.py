"""R2: exploring inside the strategy is free; outside every focus area it needs a mandate first."""

from __future__ import annotations

import pytest

from domain.errors import RuleViolation
from tests.unit.builders import MEETING, OFFICIAL, decide, idea, meta, refused


def test_an_idea_inside_the_strategy_is_explored_without_any_decision():
    project = idea(focus_areas=["turism"])
    project.explore(meta())
    assert project.status == "exploration"
    assert project.decisions == []


def test_an_idea_outside_the_strategy_cannot_be_explored_without_a_mandate():
    project = idea(outside=True)
    error = refused(project, RuleViolation, lambda: project.explore(meta()), match=r"^R2: ")
    assert error.rule == "R2"
    assert project.status == "idea"


def test_a_mandate_decided_in_the_idea_state_allows_exploring_an_idea_outside_the_strategy():
    project = idea(outside=True)
    decision = decide(project, "approved", body=OFFICIAL)
    assert decision.purpose == "mandate"
    assert decision.ceiling is None
    assert project.status == "idea"
    assert project.has_mandate is True
    project.explore(meta(MEETING))  # not before the mandate
    assert project.status == "exploration"


@pytest.mark.parametrize("outcome", ["postponed", "returned"])
def test_a_mandate_that_was_not_granted_still_leaves_the_idea_unexplorable(outcome):
    project = idea(outside=True)
    decide(project, outcome, body=OFFICIAL)
    assert project.has_mandate is False
    refused(project, RuleViolation, lambda: project.explore(meta()), match=r"^R2: ")


def test_a_refused_mandate_rejects_the_idea():
    project = idea(outside=True)
    decide(project, "rejected", body=OFFICIAL)
    assert project.status == "rejected"
