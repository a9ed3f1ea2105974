"""R4 holds after the start too: a changed own contribution must still cover, with the granted
external funding, the approved ceiling."""
from __future__ import annotations

from decimal import Decimal

from domain.errors import RuleViolation
from tests.unit.builders import AFTER_APPEAL, approved, executing, meta, refused, sek


def test_lowering_the_own_contribution_below_the_ceiling_after_the_start_is_refused():
    project = executing("50000")
    error = refused(
        project, RuleViolation, lambda: project.commit_own_contribution(sek("1"), meta(AFTER_APPEAL)),
        match=r"^R4: ",
    )
    assert "50000" in str(error)
    assert project.own_contribution.reporting == Decimal("50000.00")


def test_an_own_contribution_that_still_covers_the_ceiling_with_grants_may_change_after_the_start():
    project = approved("50000")
    project.apply_for_funding("Erasmus+", sek("20000"), meta(AFTER_APPEAL))
    project.grant_funding("A1", sek("20000"), meta(AFTER_APPEAL))
    project.commit_own_contribution(sek("50000"), meta(AFTER_APPEAL))
    project.define_indicator("elever", "Elever", Decimal(30), None, meta(AFTER_APPEAL))
    project.start(meta(AFTER_APPEAL))
    project.commit_own_contribution(sek("30000"), meta(AFTER_APPEAL))
    assert project.own_contribution.reporting == Decimal("30000.00")
    refused(
        project, RuleViolation, lambda: project.commit_own_contribution(sek("29999"), meta(AFTER_APPEAL)),
        match=r"^R4: ",
    )


def test_before_the_start_the_funding_plan_may_still_be_incomplete():
    project = approved("50000")
    project.commit_own_contribution(sek("1"), meta(AFTER_APPEAL))
    assert project.own_contribution.reporting == Decimal("1.00")
