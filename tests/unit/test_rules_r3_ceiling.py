"""R3: spending above the approved ceiling is refused until a new decision raises it."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from domain.errors import RuleViolation
from tests.unit.builders import AFTER_APPEAL, BOARD, OFFICIAL, decide, eur, executing, meta, refused, sek

SPENDING_DAY = date(2026, 3, 2)


def spend(project, amount, on: date = SPENDING_DAY):
    project.record_expenditure(amount, "resor", "Tåg till Pielavesi", meta(on))


def test_spending_up_to_the_approved_ceiling_is_recorded():
    project = executing("50000")
    spend(project, sek("20000"))
    spend(project, sek("30000"))
    assert project.spent == Decimal("50000")
    assert project.expenditures == 2


def test_spending_above_the_approved_ceiling_is_refused():
    project = executing("50000")
    spend(project, sek("49999.99"))
    error = refused(project, RuleViolation, lambda: spend(project, sek("0.02")), match=r"^R3: ")
    assert "above the approved ceiling 50000" in str(error)
    assert project.spent == Decimal("49999.99")


def test_spending_in_a_foreign_currency_counts_against_the_ceiling_at_its_reporting_value():
    project = executing("50000")
    spend(project, eur("4000", "11.40"))  # 45600 SEK
    assert project.spent == Decimal("45600.00")
    refused(project, RuleViolation, lambda: spend(project, eur("400", "11.40")), match=r"^R3: ")


def test_a_supplementary_decision_raising_the_ceiling_allows_the_spending_after_its_appeal_window():
    project = executing("50000")
    spend(project, sek("50000"))
    refused(project, RuleViolation, lambda: spend(project, sek("10000")), match=r"^R3: ")

    meeting = date(2026, 3, 10)
    decision = decide(project, "approved", body=BOARD, meeting=meeting, ceiling=Decimal("80000"))
    assert decision.purpose == "supplementary"
    assert project.ceiling == Decimal("80000")
    assert project.status == "executing"

    spend(project, sek("10000"), on=decision.appeal_ends + timedelta(days=1))
    assert project.spent == Decimal("60000")


def test_a_supplementary_decision_above_the_threshold_must_be_political_too():
    project = executing("50000")
    refused(
        project,
        RuleViolation,
        lambda: decide(
            project, "approved", body=OFFICIAL, meeting=date(2026, 3, 10), ceiling=Decimal("150000")
        ),
        match=r"^R3: ",
    )
    assert project.ceiling == Decimal("50000")


def test_a_rejected_supplementary_request_leaves_the_ceiling_as_it_was():
    project = executing("50000")
    decide(project, "rejected", body=BOARD, meeting=AFTER_APPEAL)
    assert project.status == "executing"
    assert project.ceiling == Decimal("50000")
