"""A case's facts are not dated before its own history: not before its registration, each lifecycle
step not before the step it follows, spending and measuring not before execution started."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from domain.errors import DatedBeforeHistory
from tests.unit.builders import (
    AFTER_APPEAL, BOARD, MEETING, REGISTERED_ON, approved, awaiting, decide, executing, exploring, idea, meta,
    refused, sek, with_conditions,
)

DAY = timedelta(days=1)


def test_exploring_before_the_registration_is_refused_and_naming_both_dates():
    project = idea()
    error = refused(project, DatedBeforeHistory, lambda: project.explore(meta(REGISTERED_ON - DAY)))
    assert str(REGISTERED_ON - DAY) in str(error) and str(REGISTERED_ON) in str(error)
    assert "registration" in str(error)
    project.explore(meta(REGISTERED_ON))
    assert project.status == "exploration"


def test_submitting_before_exploration_began_is_refused():
    project = idea()
    project.explore(meta(date(2026, 1, 10)))
    error = refused(
        project, DatedBeforeHistory,
        lambda: project.submit_for_decision(BOARD, Decimal(100000), meta(date(2026, 1, 9))),
    )
    assert "2026-01-09" in str(error) and "2026-01-10" in str(error)


def test_a_decision_at_a_meeting_before_the_submission_is_refused():
    project = exploring()
    project.submit_for_decision(BOARD, Decimal(100000), meta(date(2026, 1, 12)))
    error = refused(project, DatedBeforeHistory, lambda: decide(project, meeting=date(2026, 1, 11)))
    assert "2026-01-11" in str(error) and "2026-01-12" in str(error)


def test_a_decision_after_a_postponement_is_not_dated_before_the_postponing_meeting():
    project = awaiting()
    decide(project, "postponed")
    refused(project, DatedBeforeHistory, lambda: decide(project, meeting=MEETING - DAY))
    decide(project, meeting=MEETING + DAY)
    assert project.status == "approved"


def test_a_supplementary_decision_is_not_dated_before_the_approval():
    project = executing()
    error = refused(
        project, DatedBeforeHistory, lambda: decide(project, meeting=MEETING - DAY, ceiling=Decimal(90000))
    )
    assert "approval" in str(error)
    decide(project, meeting=MEETING + DAY, ceiling=Decimal(90000))  # minutes entered after the start: fine
    assert project.ceiling == Decimal(90000)


def test_completion_before_the_start_of_execution_is_refused():
    project = executing()
    error = refused(
        project, DatedBeforeHistory, lambda: project.complete("Lärdomar", meta(AFTER_APPEAL - DAY))
    )
    assert str(AFTER_APPEAL) in str(error)
    project.complete("Lärdomar", meta(AFTER_APPEAL))
    assert project.status == "completed"


def test_spending_and_measuring_before_the_start_of_execution_are_refused():
    started_on = date(2026, 3, 2)
    project = approved()
    project.commit_own_contribution(sek("50000"), meta(AFTER_APPEAL))
    project.define_indicator("elever", "Elever", Decimal(30), None, meta(AFTER_APPEAL))
    project.start(meta(started_on))
    error = refused(
        project, DatedBeforeHistory,
        lambda: project.record_expenditure(sek("100"), "resor", None, meta(date(2026, 3, 1))),
    )
    assert "2026-03-01" in str(error) and "2026-03-02" in str(error)
    refused(
        project, DatedBeforeHistory,
        lambda: project.record_measurement("elever", Decimal(1), meta(date(2026, 3, 1))),
    )
    project.record_expenditure(sek("100"), "resor", None, meta(started_on))
    project.record_measurement("elever", Decimal(1), meta(started_on))
    assert project.spent == Decimal(100)


def test_a_baseline_measurement_before_the_start_is_allowed_but_not_before_the_registration():
    project = approved()
    project.define_indicator("elever", "Elever", Decimal(30), None, meta(AFTER_APPEAL))
    refused(
        project, DatedBeforeHistory,
        lambda: project.record_measurement("elever", Decimal(1), meta(REGISTERED_ON - DAY)),
    )
    project.record_measurement("elever", Decimal(1), meta(REGISTERED_ON))
    assert project.indicators["elever"].latest == Decimal(1)


def test_withdrawing_before_the_last_step_is_refused():
    project = awaiting()
    decide(project, "postponed")
    too_early = meta(MEETING - DAY, reason="Ingen partner")
    refused(project, DatedBeforeHistory, lambda: project.withdraw(too_early))
    project.withdraw(meta(MEETING, reason="Ingen partner"))
    assert project.status == "withdrawn"


def test_no_fact_about_a_case_is_dated_before_its_registration():
    project = exploring()
    before = REGISTERED_ON - DAY
    refused(project, DatedBeforeHistory,
            lambda: project.apply_for_funding("Erasmus+", sek("1000"), meta(before)))
    refused(project, DatedBeforeHistory,
            lambda: project.define_indicator("elever", "Elever", Decimal(30), None, meta(before)))
    project.apply_for_funding("Erasmus+", sek("1000"), meta(REGISTERED_ON))
    refused(project, DatedBeforeHistory, lambda: project.grant_funding("A1", sek("1000"), meta(before)))
    refused(project, DatedBeforeHistory, lambda: project.reject_funding("A1", meta(before)))


def test_an_obligation_is_not_fulfilled_before_the_decision_that_set_it():
    project = approved(conditions=with_conditions("Rapport till KSAU"))
    refused(project, DatedBeforeHistory, lambda: project.fulfil("O1", meta(MEETING - DAY)))
    project.fulfil("O1", meta(MEETING))
    assert project.open_obligations == []


def test_a_case_replayed_from_a_snapshot_without_its_last_step_falls_back_to_the_registration():
    project = exploring()
    del project.__dict__["last_step"], project.__dict__["last_step_on"]  # as a snapshot from before
    refused(
        project, DatedBeforeHistory,
        lambda: project.submit_for_decision(BOARD, Decimal(100000), meta(REGISTERED_ON - DAY)),
    )
    project.submit_for_decision(BOARD, Decimal(100000), meta(REGISTERED_ON))
    assert project.status == "awaiting_decision"
