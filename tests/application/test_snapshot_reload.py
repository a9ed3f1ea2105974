"""A case of more than 50 events is reloaded through a snapshot, and equals its full replay."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from eventsourcing.application import project_aggregate
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.project import Project
from tests.support import AUDITOR, ctx, executing_project, make_app, set_up_kalix

SPENDING_DAY = date(2026, 3, 2)
AMOUNTS = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("500"), places=2)


def state(aggregate) -> dict:
    return {k: v for k, v in vars(aggregate).items() if k != "_pending_events"}


def test_a_case_and_a_year_s_case_counter_are_snapshotted_every_fifty_events():
    from domain.case_counter import CaseCounter

    assert make_app().snapshotting_intervals == {Project: 50, CaseCounter: 50}


@settings(max_examples=10, deadline=None)
@given(amounts=st.lists(AMOUNTS, min_size=44, max_size=100))
def test_a_case_reloaded_through_its_snapshot_equals_its_full_replay(amounts):
    app = make_app()
    set_up_kalix(app)
    ref = executing_project(app)  # version 7
    for amount in amounts:
        app.spend(ctx(on=SPENDING_DAY), ref, amount=str(amount), category="resor")
    project_id = app.resolve_ref(ref)
    version = 7 + len(amounts)

    snapshots = list(app.snapshots.get(project_id))
    assert [s.originator_version for s in snapshots] == list(range(50, version + 1, 50))

    reloaded = app.repository.get(project_id)
    assert reloaded.version == version
    assert reloaded.spent == sum(amounts)
    assert state(reloaded) == state(project_aggregate(None, app.events.get(project_id)))

    earlier = version - 1
    assert state(app.show_project(AUDITOR, ref, version=earlier)) == state(
        project_aggregate(None, app.events.get(project_id, lte=earlier))
    )


def test_the_strategys_id_is_named_in_the_application_without_its_module():
    from application.app import SHARED, STRATEGY_ID
    from domain.organisation import Organisation
    from domain.strategy import Strategy

    assert STRATEGY_ID == Strategy.ID and SHARED == {Organisation.ID, Strategy.ID}


def test_a_replay_to_a_version_rests_on_the_events_never_on_a_snapshot(sqlite_url):
    import sqlite3

    app = make_app(sqlite_url)
    set_up_kalix(app)
    ref = executing_project(app)  # version 7
    for _ in range(43):
        app.spend(ctx(on=SPENDING_DAY), ref, amount="1.00", category="resor")
    assert [s.originator_version for s in app.snapshots.get(app.resolve_ref(ref))] == [50]
    conn = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"))
    (state,) = conn.execute("SELECT state FROM stored_snapshots").fetchone()
    assert state.count(b'"43.00"') == 1
    conn.execute("UPDATE stored_snapshots SET state = ?", (state.replace(b'"43.00"', b'"3.00"'),))
    conn.commit()
    conn.close()

    at_50 = make_app(sqlite_url).show_project(AUDITOR, ref, version=50)

    assert at_50.spent == Decimal("43.00")
