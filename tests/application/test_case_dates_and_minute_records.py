"""Through the application: a case's facts follow its own history, R4 holds after the start, and a
minute item is recorded once (R12); every refusal writes nothing."""
from __future__ import annotations

from datetime import date

from domain.errors import DatedBeforeHistory, DecisionAlreadyRecorded, RuleViolation
from tests.application.refusals import refused
from tests.support import ctx, executing_project, register


def test_exploring_before_the_registration_is_refused_and_nothing_is_written(kalix):
    ref = kalix.register_project(
        ctx(on=date(2025, 2, 1)), title="Vänortsbesök", department="buf", focus_area=["utbildning"],
        budget="50000",
    )["ref"]
    error = refused(kalix, DatedBeforeHistory, kalix.explore, ctx(on=date(2025, 1, 20)), ref)
    assert "2025-01-20" in str(error) and "2025-02-01" in str(error)
    assert kalix.load_project(ref).status == "idea"


def test_spending_before_the_start_of_execution_is_refused(kalix):
    ref = executing_project(kalix)  # started 2026-02-10
    error = refused(kalix, DatedBeforeHistory, kalix.spend, ctx(on=date(2026, 2, 9)), ref, amount="10",
                    category="resor")
    assert "2026-02-09" in str(error) and "2026-02-10" in str(error)


def test_lowering_the_own_contribution_after_the_start_is_refused_by_r4(kalix):
    ref = executing_project(kalix, budget="10000")
    refused(kalix, RuleViolation, kalix.fund, ctx(on=date(2026, 2, 11)), ref, own_contribution="1",
            match=r"^R4: ")
    kalix.fund(ctx(on=date(2026, 2, 11)), ref, own_contribution="12000")
    assert str(kalix.load_project(ref).own_contribution.reporting) == "12000.00"


def test_the_same_decision_recorded_twice_is_refused_but_its_command_id_replays_the_first(kalix):
    ref = register(kalix)
    kalix.explore(ctx(), ref)
    kalix.submit(ctx(), ref, body="kommunchef")
    minute = dict(body="kommunchef", outcome="approved", meeting_date=date(2026, 1, 15), item="5")
    first = kalix.decide(ctx(command_id="d-1"), ref, **minute)
    assert kalix.decide(ctx(command_id="d-1"), ref, **minute) == {**first, "replayed": True}
    refused(kalix, DecisionAlreadyRecorded, kalix.decide, ctx(), ref, match=r"^R12: ", **minute)
    assert len(kalix.load_project(ref).decisions) == 1


def test_a_date_after_today_on_the_wall_clock_is_invalid_input_and_nothing_is_written():
    from datetime import timedelta

    from application.clock import SystemClock
    from domain.errors import InvalidInput
    from tests.support import make_app, set_up_kalix

    app = make_app(clock=SystemClock())
    set_up_kalix(app)
    tomorrow = SystemClock().now().date() + timedelta(days=1)
    error = refused(app, InvalidInput, app.register_project, ctx(on=tomorrow), title="Framtid", department="buf",
                    focus_area=["utbildning"])
    assert error.field == "date" and str(tomorrow) in str(error)
    ref = register(app)  # today
    app.explore(ctx(), ref)
    app.submit(ctx(), ref, body="kommunchef")
    error = refused(app, InvalidInput, app.decide, ctx(), ref, body="kommunchef", outcome="approved",
                    meeting_date=tomorrow, item="5")
    assert error.field == "meeting-date"
