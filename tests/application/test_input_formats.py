"""Input is taken only in the forms SPEC §5 writes: amounts `1234.50`, dates `YYYY-MM-DD`, a key once
per repeatable option, names on one line, a statement due date that exists every year. Anything else
is InvalidInput naming the field, and nothing is written."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from domain.errors import InvalidInput
from domain.strategy import FocusArea, StrategyVersion
from tests.application.refusals import refused
from tests.support import ADMIN, STRATEGY, approved_project, ctx, executing_project, register

LATER = date(2026, 3, 2)
REVISED = date(2025, 1, 1)


def adopt(kalix, **changes):
    return kalix.adopt_strategy(ctx(ADMIN), {**STRATEGY, **changes}, body="kf", date=REVISED)


# Defect 1: a statement due date that some year lacks


@pytest.mark.parametrize("month_day", ["02-30", "02-31", "04-31", "11-31"])
def test_a_statement_due_date_that_no_year_has_is_invalid_input_naming_statement_due(kalix, month_day):
    error = refused(kalix, InvalidInput, adopt, kalix, statement_due=month_day)

    assert error.field == "statement_due"
    assert month_day in str(error)


def test_the_29th_of_february_is_refused_as_a_statement_due_date_because_most_years_lack_it(kalix):
    error = refused(kalix, InvalidInput, adopt, kalix, statement_due="02-29")

    assert error.field == "statement_due"
    assert "leap years" in str(error)


@pytest.mark.parametrize("month_day", ["02-28", "03-01", "12-31", "04-30"])
def test_a_statement_due_date_every_year_has_is_adopted(kalix, month_day):
    adopt(kalix, statement_due=month_day)

    assert kalix.strategy().versions[-1].statement_due == month_day


@pytest.mark.parametrize("stored, year, due", [
    ("02-29", 2025, date(2026, 2, 28)),
    ("02-29", 2027, date(2028, 2, 29)),
    ("02-30", 2027, date(2028, 2, 29)),
    ("04-31", 2025, date(2026, 4, 30)),
])
def test_a_version_stored_before_the_check_reads_its_missing_day_as_the_months_last(stored, year, due):
    version = StrategyVersion(
        version=1, adopted_on=date(2020, 1, 1), body="kf", title="T", vision="",
        approval_threshold=Decimal(0), approval_body="ksau", external_funding_target=Decimal("0.5"),
        appeal_window_days=0,
        statement_due=stored, focus_areas=[FocusArea("utbildning", "Utbildning", "primary")],
    )

    assert version.statement_due_for(year) == due


# Defect 2: a focus area (target group, goal) key twice in the strategy file


@pytest.mark.parametrize("field, entry", [
    ("focus_areas", {"key": "utbildning", "name": "Utbildning igen", "priority": "secondary"}),
    ("target_groups", {"key": "foretag", "name": "Företag igen"}),
    ("goals", {"key": "kontaktnat", "name": "Kontaktnät igen"}),
])
def test_a_key_twice_in_the_strategy_file_is_invalid_input_naming_the_list(kalix, field, entry):
    error = refused(kalix, InvalidInput, adopt, kalix, **{field: [*STRATEGY[field], entry]})

    assert error.field == field
    assert f"'{entry['key']}' appears twice" in str(error)


# Defect 3: a key given twice in a repeatable option


@pytest.mark.parametrize("option, keys", [
    ("focus_area", ["utbildning", "utbildning"]),
    ("target_group", ["skolungdomar", "foretag", "skolungdomar"]),
    ("goal", ["kontaktnat", "kontaktnat"]),
    ("partner", ["pielavesi", "pielavesi"]),
])
def test_a_key_given_twice_to_a_repeatable_option_of_register_is_invalid_input_naming_option_and_key(
    kalix, option, keys
):
    error = refused(kalix, InvalidInput, register, kalix, **{option: keys})

    assert error.field == option.replace("_", "-")
    assert f"'{keys[0]}' is given more than once" in str(error)


def test_a_department_given_twice_to_a_new_user_is_invalid_input(kalix):
    error = refused(kalix, InvalidInput, kalix.add_user, ctx(ADMIN), name="eva", role="officer",
                    department=["buf", "buf"])

    assert error.field == "department"


def test_a_department_given_twice_on_appointment_is_invalid_input(kalix):
    error = refused(kalix, InvalidInput, kalix.appoint, ctx(ADMIN), name="olle", department=["buf", "buf"])

    assert error.field == "department"


def test_distinct_keys_are_kept_once_each_in_order(kalix):
    ref = register(kalix, focus_area=["utbildning", "turism"], target_group=["foretag", "skolungdomar"])

    project = kalix.show_project(ADMIN, ref)
    assert list(project.focus_areas) == ["utbildning", "turism"]
    assert list(project.target_groups) == ["foretag", "skolungdomar"]


# Defect 4: amounts and dates in other notations


@pytest.mark.parametrize("amount", ["1e3", "1E4", "1_000", "١٢٣", "+5", ".5", "5.", "0x10", "1 000", "１２"],
                         ids=repr)
def test_an_amount_in_another_notation_is_invalid_input_naming_the_amount(kalix, amount):
    ref = executing_project(kalix)

    error = refused(kalix, InvalidInput, kalix.spend, ctx(on=LATER), ref, amount=amount, category="resor")

    assert error.field == "amount"


@pytest.mark.parametrize("field, value", [
    ("budget", "1e3"), ("budget", "1_000"), ("budget", "-0"), ("rate", "1E1"),
])
def test_a_budget_or_rate_in_another_notation_is_invalid_input(kalix, field, value):
    extra = {"currency": "EUR", "rate": "11.5"} if field == "rate" else {}
    values = {"budget": "1000", **extra, field: value}

    error = refused(kalix, InvalidInput, register, kalix, **values)

    assert error.field == field


@pytest.mark.parametrize("own", ["1E4", "1_000", "١٢٣"])
def test_an_own_contribution_in_another_notation_is_invalid_input(kalix, own):
    ref = approved_project(kalix)

    error = refused(kalix, InvalidInput, kalix.fund, ctx(on=LATER), ref, own_contribution=own)

    assert error.field == "own-contribution"


@pytest.mark.parametrize("field, value", [("target", "3e1"), ("target", "٣"), ("target", "1_0")])
def test_an_indicator_target_in_another_notation_is_invalid_input(kalix, field, value):
    ref = approved_project(kalix)

    error = refused(kalix, InvalidInput, kalix.define_indicator, ctx(on=LATER), ref, key="elever",
                    name="Elever", **{field: value})

    assert error.field == field


def test_a_float_is_no_amount(kalix):
    ref = executing_project(kalix)

    error = refused(kalix, InvalidInput, kalix.spend, ctx(on=LATER), ref, amount=0.1, category="resor")

    assert error.field == "amount"


@pytest.mark.parametrize("value, stored", [
    ("1234.50", Decimal("1234.50")), (" 12 ", Decimal("12")), (Decimal("99.95"), Decimal("99.95")),
    (7, Decimal("7")),
])
def test_plain_decimals_strings_decimals_and_ints_are_amounts(kalix, value, stored):
    ref = executing_project(kalix)

    kalix.spend(ctx(on=LATER), ref, amount=value, category="resor")

    assert kalix.show_project(ADMIN, ref).spent == stored


def test_a_negative_measurement_in_plain_notation_is_recorded(kalix):
    ref = executing_project(kalix)

    kalix.measure(ctx(on=LATER), ref, key="elever", value="-2.5")


@pytest.mark.parametrize("threshold", ["1e5", "100_000"])
def test_a_strategy_threshold_in_another_notation_is_invalid_input(kalix, threshold):
    error = refused(kalix, InvalidInput, adopt, kalix, approval_threshold=threshold)

    assert error.field == "approval_threshold"


@pytest.mark.parametrize("meeting_date", ["20260115", "2026-W03-4", "86400", 0, "2026-01-15T00:00:00"])
def test_a_date_not_written_yyyy_mm_dd_is_invalid_input_naming_the_date(kalix, meeting_date):
    ref = register(kalix)
    kalix.explore(ctx(), ref)
    kalix.submit(ctx(), ref, body="bun")

    error = refused(kalix, InvalidInput, kalix.decide, ctx(), ref, body="bun", outcome="approved",
                    meeting_date=meeting_date, item="§ 7")

    assert error.field == "meeting-date"
    assert "YYYY-MM-DD" in str(error)


def test_a_date_written_yyyy_mm_dd_is_taken(kalix):
    ref = register(kalix)
    kalix.explore(ctx(), ref)
    kalix.submit(ctx(), ref, body="bun")

    kalix.decide(ctx(), ref, body="bun", outcome="approved", meeting_date="2026-01-15", item="§ 7")


# Defect 5: a refused input is named, not copied


def test_a_refused_long_input_is_shown_shortened_in_the_error(kalix):
    title = "x" * 100_000

    error = refused(kalix, InvalidInput, register, kalix, title=title)

    assert error.field == "title"
    assert len(str(error)) < 200
    assert "x" * 60 + "…" in str(error)


def test_a_refused_short_input_is_shown_whole(kalix):
    error = refused(kalix, InvalidInput, register, kalix, department="Not A Key")

    assert "(got 'Not A Key')" in str(error)


# Defect 6: control characters


@pytest.mark.parametrize("title", [
    "Line1\nLine2", "\x1b[31mRED", "Tab\there", "Bell\x07", "NUL\x00", "C1\x9b31m",
])
def test_a_title_with_a_control_character_is_invalid_input_naming_the_title(kalix, title):
    error = refused(kalix, InvalidInput, register, kalix, title=title)

    assert error.field == "title"
    assert "control character" in str(error)


@pytest.mark.parametrize("command, values", [
    ("add_body", {"key": "x", "name": "Nämnd\n2", "kind": "board"}),
    ("add_department", {"key": "x", "name": "Förv\x1b[0m", "board": "bun"}),
])
def test_an_organisation_name_with_a_control_character_is_invalid_input(kalix, command, values):
    error = refused(kalix, InvalidInput, getattr(kalix, command), ctx(ADMIN), **values)

    assert error.field == "name"


def test_a_spending_category_with_a_control_character_is_invalid_input(kalix):
    ref = executing_project(kalix)

    error = refused(kalix, InvalidInput, kalix.spend, ctx(on=LATER), ref, amount="10", category="re\rsor")

    assert error.field == "category"


def test_a_summary_may_run_over_lines_and_hold_tabs(kalix):
    ref = register(kalix, summary="Rad ett\nRad två\n\tindrag")

    assert kalix.show_project(ADMIN, ref).summary == "Rad ett\nRad två\n\tindrag"


@pytest.mark.parametrize("summary", ["Rad\x1b[2J", "NUL\x00", "Bell\x07"])
def test_a_summary_with_another_control_character_is_invalid_input(kalix, summary):
    error = refused(kalix, InvalidInput, register, kalix, summary=summary)

    assert error.field == "summary"


def test_lessons_may_run_over_lines_but_hold_no_escape(kalix):
    ref = executing_project(kalix)

    error = refused(kalix, InvalidInput, kalix.complete, ctx(on=LATER), ref, lessons="Bra\n\x1b[31mröd")

    assert error.field == "lessons"


@pytest.mark.parametrize("outcome", ["rejected", "returned", "postponed"])
@pytest.mark.parametrize("extra, field", [({"ceiling": "500"}, "ceiling"),
                                          ({"condition": ["Rapport"], "condition_due": ["2026-09-30"]}, "condition")])
def test_a_ceiling_or_a_condition_without_an_approval_is_invalid_input(outcome, extra, field):
    from application.commands.project import Decide

    with pytest.raises(InvalidInput, match=f"goes with an approval, not with the outcome '{outcome}'") as refused:
        Decide.parse(body="bun", outcome=outcome, meeting_date="2026-01-15", item="§ 7", **extra)
    assert refused.value.field == field
