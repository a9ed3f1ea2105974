"""R6: a project is followable: it cannot start without an indicator with a target, and
measurements are recorded against its indicators."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from domain.errors import NotFound, RuleViolation
from tests.unit.builders import AFTER_APPEAL, approved, executing, meta, refused, sek


def test_starting_without_an_indicator_is_refused():
    project = approved("50000")
    project.commit_own_contribution(sek("50000"), meta(AFTER_APPEAL))
    error = refused(project, RuleViolation, lambda: project.start(meta(AFTER_APPEAL)), match=r"^R6: ")
    assert error.rule == "R6"
    assert project.status == "approved"


def test_starting_with_an_indicator_and_its_target_is_allowed():
    project = approved("50000")
    project.commit_own_contribution(sek("50000"), meta(AFTER_APPEAL))
    project.define_indicator("elever", "Elever i utbyte", Decimal(30), "elever", meta(AFTER_APPEAL))
    project.start(meta(AFTER_APPEAL))
    assert project.status == "executing"
    assert project.started_on == AFTER_APPEAL


def test_a_measurement_records_the_latest_value_its_date_and_how_many_were_taken():
    project = executing()
    project.record_measurement("elever", Decimal(12), meta(date(2026, 4, 1)))
    project.record_measurement("elever", Decimal("27.5"), meta(date(2026, 6, 1)))
    indicator = project.indicators["elever"]
    assert (indicator.latest, indicator.measured_on, indicator.measurements) == (
        Decimal("27.5"),
        date(2026, 6, 1),
        2,
    )
    assert indicator.target == Decimal(30)


def test_measuring_an_indicator_that_was_never_defined_is_not_found():
    project = executing()
    refused(project, NotFound, lambda: project.record_measurement("besokare", Decimal(1), meta(AFTER_APPEAL)))


def test_an_indicator_key_is_defined_only_once():
    project = executing()
    refused(
        project,
        RuleViolation,
        lambda: project.define_indicator("elever", "Igen", Decimal(1), None, meta(AFTER_APPEAL)),
        match="already exists",
    )
