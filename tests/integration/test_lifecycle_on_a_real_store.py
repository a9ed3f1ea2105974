"""The whole case lifecycle against SQLite and PostgreSQL, and what a fresh process reads back."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from domain.errors import DuplicateCommand
from domain.organisation import Organisation
from domain.strategy import Strategy
from tests.support import (
    approve_with_a_condition,
    AUDITOR,
    approved_project,
    ctx,
    executing_project,
    make_app,
    set_up_kalix,
    stored_event_count,
)


def state(aggregate) -> dict:
    """An aggregate's state as reloading must reproduce it."""
    return {k: v for k, v in vars(aggregate).items() if k != "_pending_events"}


def completed_project(app) -> str:
    """Idea to completion with a condition, external funding, spending, a measurement and a statement."""
    ref = app.register_project(
        ctx(on=date(2026, 1, 8)),
        title="Elevutbyte med Pielavesi",
        department="buf",
        focus_area=["utbildning"],
        target_group=["skolungdomar"],
        goal=["kontaktnat"],
        budget="50000",
    )["ref"]
    approve_with_a_condition(app, ref)
    funding_day = date(2026, 2, 10)
    application = app.apply_for_funding(
        ctx(on=funding_day), ref, programme="Erasmus+", amount="2000", currency="EUR", rate="11.40"
    )["application"]
    app.grant(ctx(on=funding_day), ref, application=application, amount="2000", currency="EUR", rate="11.40")
    app.fund(ctx(on=funding_day), ref, own_contribution="27200")
    app.define_indicator(ctx(on=funding_day), ref, key="elever", name="Elever i utbyte", target="30")
    app.start(ctx(on=funding_day), ref)
    app.spend(ctx(on=date(2026, 4, 2)), ref, amount="12500", category="travel")
    app.receive(
        ctx(on=date(2026, 5, 2)), ref, application=application, amount="1000", currency="EUR", rate="11.52"
    )
    app.measure(ctx(on=date(2026, 6, 1)), ref, key="elever", value="28")
    app.fulfil(ctx(on=date(2026, 9, 1)), ref, "O1")
    app.statement(ctx(on=date(2026, 12, 1)), ref, year=2026, text="28 elever deltog.")
    app.complete(ctx(on=date(2026, 12, 15)), ref, lessons="Börja partnerdialogen en termin tidigare.")
    return ref


def test_a_case_runs_from_idea_to_completion_on_a_real_store(db_url):
    app = make_app(db_url)
    set_up_kalix(app)

    ref = completed_project(app)

    project = app.load_project(ref)
    assert (project.status, project.version) == ("completed", 15)
    assert project.spent == Decimal("12500.00")
    assert project.granted_total == Decimal("22800.00")
    assert project.received_total == Decimal("11520.00")
    assert project.external_share == Decimal("0.4560")
    assert project.open_obligations == []
    assert project.completed_on == date(2026, 12, 15)


def test_a_fresh_application_on_the_same_url_reloads_identical_state(db_url):
    writer = make_app(db_url)
    set_up_kalix(writer)
    ref = completed_project(writer)

    reader = make_app(db_url)

    assert state(reader.load_project(ref)) == state(writer.load_project(ref))
    assert state(reader.organisation()) == state(writer.organisation())
    assert state(reader.strategy()) == state(writer.strategy())
    assert reader.history(AUDITOR, ref) == writer.history(AUDITOR, ref)
    assert stored_event_count(reader) == stored_event_count(writer)


def test_the_organisation_and_strategy_are_stored_under_their_fixed_ids(db_url):
    set_up_kalix(make_app(db_url))

    reader = make_app(db_url)

    assert reader.repository.get(Organisation.ID).code == "KAL"
    assert reader.repository.get(Strategy.ID).in_force_on(date(2026, 1, 1)).approval_body == "ksau"


def test_the_same_command_id_twice_records_one_expenditure(db_url):
    set_up_kalix(make_app(db_url))
    ref = executing_project(make_app(db_url))
    spend = dict(amount="1200", category="travel")
    first = make_app(db_url).spend(ctx(on=date(2026, 3, 1), command_id="spend-0001"), ref, **spend)
    events = stored_event_count(make_app(db_url))

    again = make_app(db_url).spend(ctx(on=date(2026, 3, 1), command_id="spend-0001"), ref, **spend)

    reader = make_app(db_url)
    assert again == {**first, "replayed": True}
    assert stored_event_count(reader) == events
    assert (reader.load_project(ref).spent, reader.load_project(ref).expenditures) == (Decimal("1200.00"), 1)


def test_a_command_id_reused_for_a_different_command_is_refused_and_writes_nothing(db_url):
    app = make_app(db_url)
    set_up_kalix(app)
    ref = approved_project(app)
    executing = executing_project(app)
    app.spend(ctx(on=date(2026, 3, 1), command_id="c-42"), executing, amount="100", category="travel")
    events = stored_event_count(app)

    with pytest.raises(DuplicateCommand):
        app.withdraw(ctx(command_id="c-42"), ref, reason="Partnerskolan hoppade av")

    assert stored_event_count(app) == events
    assert app.load_project(ref).status == "approved"
