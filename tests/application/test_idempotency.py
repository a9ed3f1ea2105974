"""A command id makes a command idempotent: a retry replays the first result; reusing the id for a
different command is refused."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from domain.errors import DuplicateCommand, NotPermitted, RuleViolation
from tests.application.refusals import refused
from tests.support import AUDITOR, ctx, executing_project, register, stored_event_count

SPENDING_DAY = date(2026, 3, 2)


def spend(app, ref, amount="1000", command_id=None):
    return app.spend(ctx(on=SPENDING_DAY, command_id=command_id), ref, amount=amount, category="resor")


def test_spending_twice_with_the_same_command_id_is_counted_once(kalix):
    ref = executing_project(kalix)
    first = spend(kalix, ref, command_id="spend-1")
    events = stored_event_count(kalix)
    again = spend(kalix, ref, command_id="spend-1")
    assert stored_event_count(kalix) == events
    assert kalix.load_project(ref).spent == Decimal("1000")
    assert kalix.load_project(ref).expenditures == 1
    assert again == {**first, "replayed": True}
    assert "replayed" not in first


def test_without_a_command_id_each_call_is_a_new_expenditure(kalix):
    ref = executing_project(kalix)
    spend(kalix, ref)
    spend(kalix, ref)
    assert kalix.load_project(ref).spent == Decimal("2000")


def test_a_registration_retried_with_its_command_id_issues_no_second_reference(kalix):
    first = kalix.register_project(
        ctx(command_id="reg-1"), title="Vänort", department="buf", focus_area=["utbildning"]
    )
    again = kalix.register_project(
        ctx(command_id="reg-1"), title="Vänort", department="buf", focus_area=["utbildning"]
    )
    assert again["ref"] == first["ref"] == "KAL-2026-0001"
    assert again["replayed"] is True
    assert register(kalix) == "KAL-2026-0002"


def test_the_same_command_id_with_a_different_amount_is_a_duplicate_command(kalix):
    ref = executing_project(kalix)
    spend(kalix, ref, amount="1000", command_id="spend-1")
    error = refused(kalix, DuplicateCommand, spend, kalix, ref, amount="2000", command_id="spend-1")
    assert "spend-1" in str(error)
    assert kalix.load_project(ref).spent == Decimal("1000")


def test_the_same_command_id_for_another_kind_of_command_is_a_duplicate_command(kalix):
    ref = executing_project(kalix)
    spend(kalix, ref, command_id="cmd-7")
    refused(
        kalix,
        DuplicateCommand,
        kalix.measure,
        ctx(on=SPENDING_DAY, command_id="cmd-7"),
        ref,
        key="elever",
        value="12",
    )
    assert kalix.load_project(ref).indicators["elever"].measurements == 0


def test_reusing_a_command_id_on_another_project_is_a_duplicate_command_not_a_replay(kalix):
    first, second = register(kalix), register(kalix)
    kalix.explore(ctx(command_id="explore-1"), first)
    refused(kalix, DuplicateCommand, kalix.explore, ctx(command_id="explore-1"), second)
    assert kalix.load_project(second).status == "idea"


def test_a_refused_command_does_not_use_up_its_command_id(kalix):
    ref = executing_project(kalix)
    refused(kalix, RuleViolation, spend, kalix, ref, amount="50000.01", command_id="spend-1")
    result = spend(kalix, ref, amount="100", command_id="spend-1")
    assert "replayed" not in result
    assert kalix.load_project(ref).spent == Decimal("100")


def test_a_replayed_command_is_authorised_like_the_command_itself(kalix):
    ref = executing_project(kalix)
    spend(kalix, ref, command_id="spend-1")
    refused(
        kalix,
        NotPermitted,
        kalix.spend,
        ctx(AUDITOR, on=SPENDING_DAY, command_id="spend-1"),
        ref,
        amount="1000",
        category="resor",
        match=r"^R9: ",
    )
