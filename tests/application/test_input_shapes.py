"""A command of the wrong shape is InvalidInput naming the field, before anything is loaded or written."""

from __future__ import annotations

from datetime import date

import pytest

from domain.errors import InvalidInput
from tests.application.refusals import refused
from tests.support import approved_project, ctx, executing_project, register

LATER = date(2026, 3, 2)


@pytest.mark.parametrize(
    "amount, wording",
    [
        ("12,5", "valid decimal"),
        ("1.234", "2 decimal places"),
        ("-5", "greater than 0"),
        ("0", "greater than 0"),
        ("NaN", "finite"),
        ("", "valid decimal"),
    ],
)
def test_a_malformed_amount_is_invalid_input_naming_the_amount(kalix, amount, wording):
    ref = executing_project(kalix)
    error = refused(kalix, InvalidInput, kalix.spend, ctx(on=LATER), ref, amount=amount, category="resor")
    assert error.field == "amount"
    assert str(error).startswith("amount: ")
    assert wording in str(error)


@pytest.mark.parametrize(
    "currency",
    ["QQQ", "sek", "EURO", "XXX"],
    ids=["unknown code", "lower case", "four letters", "ISO 4217's code for no currency"],
)
def test_a_currency_that_is_no_real_currency_is_invalid_input_naming_the_currency(kalix, currency):
    ref = executing_project(kalix)
    error = refused(
        kalix,
        InvalidInput,
        kalix.spend,
        ctx(on=LATER),
        ref,
        amount="10",
        category="resor",
        currency=currency,
        rate="1.5",
    )
    assert error.field == "currency"


def test_a_foreign_currency_without_a_rate_is_invalid_input_naming_the_rate(kalix):
    ref = executing_project(kalix)
    error = refused(
        kalix, InvalidInput, kalix.spend, ctx(on=LATER), ref, amount="10", category="resor", currency="EUR"
    )
    assert error.field == "rate"
    assert "EUR needs --rate to SEK" in str(error)


@pytest.mark.parametrize("meeting_date", ["2026-02-30", "15/01/2026", "i går"])
def test_a_malformed_date_is_invalid_input_naming_the_date(kalix, meeting_date):
    ref = register(kalix)
    error = refused(
        kalix,
        InvalidInput,
        kalix.decide,
        ctx(),
        ref,
        body="bun",
        outcome="approved",
        meeting_date=meeting_date,
        item="§ 7",
    )
    assert error.field == "meeting-date"


def test_an_unknown_outcome_is_invalid_input_naming_the_outcome(kalix):
    ref = register(kalix)
    error = refused(
        kalix,
        InvalidInput,
        kalix.decide,
        ctx(),
        ref,
        body="bun",
        outcome="bifall",
        meeting_date=date(2026, 1, 15),
        item="§ 7",
    )
    assert error.field == "outcome"
    assert "'approved', 'approved-with-conditions', 'rejected', 'returned' or 'postponed'" in str(error)


def test_a_condition_without_its_due_date_is_invalid_input_naming_condition_due(kalix):
    ref = register(kalix)
    error = refused(
        kalix,
        InvalidInput,
        kalix.decide,
        ctx(),
        ref,
        body="bun",
        outcome="approved-with-conditions",
        meeting_date=date(2026, 1, 15),
        item="§ 7",
        condition=["Rapport till KSAU"],
    )
    assert "--condition-due" in str(error)


def test_approved_with_conditions_but_no_condition_is_invalid_input_naming_the_condition(kalix):
    ref = register(kalix)
    kalix.explore(ctx(), ref)
    kalix.submit(ctx(), ref, body="bun")
    error = refused(
        kalix,
        InvalidInput,
        kalix.decide,
        ctx(),
        ref,
        body="bun",
        outcome="approved-with-conditions",
        meeting_date=date(2026, 1, 15),
        item="§ 7",
    )
    assert error.field == "condition"


def test_an_unknown_option_is_invalid_input_naming_it(kalix):
    ref = executing_project(kalix)
    error = refused(
        kalix, InvalidInput, kalix.spend, ctx(on=LATER), ref, amount="10", category="resor", colour="red"
    )
    assert error.field == "colour"


def test_a_missing_required_field_is_invalid_input_naming_it(kalix):
    error = refused(
        kalix, InvalidInput, kalix.register_project, ctx(), department="buf", focus_area=["turism"]
    )
    assert error.field == "title"


def test_a_registration_must_either_name_focus_areas_or_declare_itself_outside_the_strategy(kalix):
    both = refused(
        kalix,
        InvalidInput,
        kalix.register_project,
        ctx(),
        title="X",
        department="buf",
        focus_area=["turism"],
        outside_strategy=True,
    )
    neither = refused(kalix, InvalidInput, kalix.register_project, ctx(), title="X", department="buf")
    assert "--focus-area" in str(both) and "--outside-strategy" in str(neither)


def test_blank_lessons_are_invalid_input_naming_the_lessons(kalix):
    ref = executing_project(kalix)
    error = refused(kalix, InvalidInput, kalix.complete, ctx(on=LATER), ref, lessons=" \n ")
    assert error.field == "lessons"


def test_a_withdrawal_without_a_reason_is_invalid_input_naming_the_reason(kalix):
    ref = approved_project(kalix)
    error = refused(kalix, InvalidInput, kalix.withdraw, ctx(), ref)
    assert error.field == "reason"
