"""Amounts in a foreign currency record the rate used and count at their value in the reporting currency."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from domain.errors import InvalidInput
from tests.application.refusals import refused
from tests.support import AUDITOR, approved_project, ctx, executing_project

LATER = date(2026, 3, 2)


def test_a_foreign_expenditure_records_its_rate_and_counts_at_its_reporting_value(kalix):
    ref = executing_project(kalix)
    result = kalix.spend(
        ctx(on=LATER), ref, amount="123.45", currency="EUR", rate="11.4321", category="resor"
    )
    assert result["spent"] == "1411.29"
    amount = kalix.history(AUDITOR, ref)[-1].payload["amount"]
    assert (amount.value, amount.currency, amount.rate, amount.reporting) == (
        Decimal("123.45"),
        "EUR",
        Decimal("11.4321"),
        Decimal("1411.29"),
    )


def test_a_foreign_expenditure_without_a_rate_is_invalid_input(kalix):
    ref = executing_project(kalix)
    refused(
        kalix,
        InvalidInput,
        kalix.spend,
        ctx(on=LATER),
        ref,
        amount="100",
        currency="EUR",
        category="resor",
        match=r"^rate: ",
    )


def test_an_amount_in_the_reporting_currency_takes_no_other_rate(kalix):
    ref = executing_project(kalix)
    refused(
        kalix,
        InvalidInput,
        kalix.spend,
        ctx(on=LATER),
        ref,
        amount="100",
        currency="SEK",
        rate="2",
        category="resor",
        match=r"^rate: ",
    )


def test_a_grant_in_euro_covers_the_budget_at_its_reporting_value(kalix):
    ref = approved_project(kalix, budget="50000")
    day = date(2026, 2, 10)
    key = kalix.apply_for_funding(
        ctx(on=day), ref, programme="Erasmus+", amount="2000", currency="EUR", rate="11.40"
    )["application"]
    kalix.grant(ctx(on=day), ref, application=key, amount="2000", currency="EUR", rate="11.40")
    kalix.fund(ctx(on=day), ref, own_contribution="27200")
    kalix.define_indicator(ctx(on=day), ref, key="elever", name="Elever", target="30")
    kalix.start(ctx(on=day), ref)
    project = kalix.load_project(ref)
    assert project.granted_total == Decimal("22800.00")
    assert project.external_share == Decimal("0.4560")
    assert project.status == "executing"


def test_a_decision_ceiling_in_euro_is_recorded_in_the_reporting_currency(kalix):
    ref = approved_project(kalix)
    result = kalix.decide(
        ctx(),
        ref,
        body="bun",
        outcome="approved",
        meeting_date=date(2026, 3, 1),
        item="§ 9",
        ceiling="5000",
        currency="EUR",
        rate="11.40",
    )
    assert result["purpose"] == "supplementary"
    assert kalix.load_project(ref).ceiling == Decimal("57000.00")
