"""R4 and R5: the department's own contribution covers what external funding does not; external
applications are applied for, granted or rejected, and received up to the grant."""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain.errors import InvalidTransition, NotFound, RuleViolation
from tests.unit.builders import AFTER_APPEAL, approved, eur, exploring, idea, meta, refused, sek


def with_indicator(project):
    project.define_indicator("elever", "Elever i utbyte", Decimal(30), "elever", meta(AFTER_APPEAL))
    return project


def test_starting_without_the_departments_own_contribution_is_refused():
    project = with_indicator(approved("50000"))
    error = refused(project, RuleViolation, lambda: project.start(meta(AFTER_APPEAL)), match=r"^R4: ")
    assert "own contribution" in str(error)
    assert project.status == "approved"


def test_starting_when_own_contribution_and_grants_fall_short_of_the_ceiling_is_refused():
    project = with_indicator(approved("50000"))
    project.commit_own_contribution(sek("20000"), meta(AFTER_APPEAL))
    key = project.apply_for_funding("Erasmus+", eur("3000", "10"), meta(AFTER_APPEAL))
    project.grant_funding(key, eur("2999.99", "10"), meta(AFTER_APPEAL))
    error = refused(project, RuleViolation, lambda: project.start(meta(AFTER_APPEAL)), match=r"^R4: ")
    assert "do not cover the approved budget 50000" in str(error)


def test_own_contribution_and_granted_funding_covering_the_ceiling_allow_the_start():
    project = with_indicator(approved("50000"))
    project.commit_own_contribution(sek("20000"), meta(AFTER_APPEAL))
    key = project.apply_for_funding("Erasmus+", eur("3000", "10"), meta(AFTER_APPEAL))
    project.grant_funding(key, eur("3000", "10"), meta(AFTER_APPEAL))
    project.start(meta(AFTER_APPEAL))
    assert project.status == "executing"
    assert project.external_share == Decimal("0.6000")


def test_an_application_that_was_only_applied_for_does_not_count_towards_the_plan():
    project = with_indicator(approved("50000"))
    project.commit_own_contribution(sek("20000"), meta(AFTER_APPEAL))
    project.apply_for_funding("Interreg Aurora", sek("30000"), meta(AFTER_APPEAL))
    assert project.applied_total == Decimal("30000")
    assert project.granted_total == 0
    refused(project, RuleViolation, lambda: project.start(meta(AFTER_APPEAL)), match=r"^R4: ")


def test_applications_are_keyed_a1_a2_in_order_and_may_start_during_exploration():
    project = exploring()
    assert project.apply_for_funding("Nordplus", sek("10000"), meta()) == "A1"
    assert project.apply_for_funding("Erasmus+", sek("5000"), meta()) == "A2"
    assert project.applications["A1"].status == "applied"


def test_an_idea_cannot_apply_for_funding_before_it_is_explored():
    project = idea()
    refused(project, InvalidTransition, lambda: project.apply_for_funding("Nordplus", sek("1"), meta()))


def test_a_rejected_application_can_no_longer_be_granted():
    project = exploring()
    key = project.apply_for_funding("Creative Europe", sek("10000"), meta())
    project.reject_funding(key, meta())
    assert project.applications[key].status == "rejected"
    refused(
        project,
        RuleViolation,
        lambda: project.grant_funding(key, sek("10000"), meta()),
        match="it is rejected",
    )


def test_receipts_add_up_to_at_most_the_grant():
    project = approved()
    key = project.apply_for_funding("Erasmus+", eur("2000", "11.40"), meta(AFTER_APPEAL))
    project.grant_funding(key, eur("2000", "11.40"), meta(AFTER_APPEAL))
    project.receive_funding(key, eur("1500", "11.40"), meta(AFTER_APPEAL))
    project.receive_funding(key, eur("500", "11.40"), meta(AFTER_APPEAL))
    assert project.received_total == Decimal("22800.00")
    error = refused(
        project,
        RuleViolation,
        lambda: project.receive_funding(key, sek("0.01"), meta(AFTER_APPEAL)),
        match=r"^R5: ",
    )
    assert "more than the 22800.00 granted" in str(error)


def test_money_cannot_be_received_on_an_application_that_was_not_granted():
    project = approved()
    key = project.apply_for_funding("Erasmus+", sek("1000"), meta(AFTER_APPEAL))
    refused(
        project,
        RuleViolation,
        lambda: project.receive_funding(key, sek("1000"), meta(AFTER_APPEAL)),
        match="it is applied",
    )


def test_an_unknown_application_is_not_found():
    project = approved()
    refused(project, NotFound, lambda: project.grant_funding("A9", sek("1"), meta(AFTER_APPEAL)))


def test_the_own_contribution_cannot_be_committed_before_an_approval():
    project = exploring()
    refused(project, InvalidTransition, lambda: project.commit_own_contribution(sek("1"), meta(AFTER_APPEAL)))


@pytest.mark.parametrize("amount", ["0.01", "50000"])
def test_a_foreign_own_contribution_is_recorded_with_its_rate_and_reporting_value(amount):
    project = approved()
    project.commit_own_contribution(eur(amount, "11.40"), meta(AFTER_APPEAL))
    assert project.own_contribution.rate == Decimal("11.40")
    assert project.own_contribution.reporting == (Decimal(amount) * Decimal("11.40")).quantize(
        Decimal("0.01")
    )


def test_an_automatic_application_key_skips_a_key_chosen_by_hand():
    project = exploring()
    assert project.apply_for_funding("Nordplus", sek("1000"), meta(), key="A2") == "A2"
    key = project.apply_for_funding("Erasmus+", sek("2000"), meta())
    assert key != "A2"
    assert set(project.applications) == {"A2", key}


def test_the_whole_grant_in_its_own_currency_can_be_received_at_the_rate_of_the_day_of_payment():
    project = approved()
    key = project.apply_for_funding("Erasmus+", eur("2000", "11.40"), meta(AFTER_APPEAL))
    project.grant_funding(key, eur("2000", "11.40"), meta(AFTER_APPEAL))
    project.receive_funding(key, eur("2000", "11.50"), meta(AFTER_APPEAL))  # the euro rose meanwhile
    assert project.applications[key].status == "received"
    assert project.received_total == Decimal("23000.00")


def test_more_than_the_grant_in_its_own_currency_is_refused_even_when_the_rate_fell():
    project = approved()
    key = project.apply_for_funding("Erasmus+", eur("2000", "11.40"), meta(AFTER_APPEAL))
    project.grant_funding(key, eur("2000", "11.40"), meta(AFTER_APPEAL))
    refused(
        project,
        RuleViolation,
        lambda: project.receive_funding(key, eur("2010", "11.30"), meta(AFTER_APPEAL)),
        match=r"^R5: ",
    )
