"""Snapshots every 50 project events: stored, used by a fresh application, and no obstacle to replay."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from domain.errors import NotFound
from tests.support import AUDITOR, ctx, executing_project, make_app, set_up_kalix

STARTED_AT = 7  # registered, explored, submitted, decided, funded, indicator, started
SPENDINGS = 45


def state(aggregate) -> dict:
    return {k: v for k, v in vars(aggregate).items() if k != "_pending_events"}


@pytest.fixture
def busy_project(db_url) -> str:
    """A project with 52 events: the seven to execution, then 45 expenditures of 10 SEK."""
    app = make_app(db_url)
    set_up_kalix(app)
    ref = executing_project(app)
    for _ in range(SPENDINGS):
        app.spend(ctx(on=date(2026, 3, 1)), ref, amount="10", category="travel")
    return ref


def test_the_fiftieth_event_of_a_project_is_snapshotted(db_url, busy_project):
    app = make_app(db_url)
    project = app.load_project(busy_project)

    snapshots = list(app.snapshots.get(project.id))

    assert project.version == STARTED_AT + SPENDINGS
    assert [s.originator_version for s in snapshots] == [50]


def test_a_fresh_application_loads_the_same_state_through_the_snapshot(db_url, busy_project):
    writer, reader = make_app(db_url), make_app(db_url)

    loaded = reader.load_project(busy_project)

    assert state(loaded) == state(writer.load_project(busy_project))
    assert (loaded.spent, loaded.expenditures) == (Decimal("450.00"), SPENDINGS)


def test_the_snapshot_holds_what_replaying_every_event_gives(db_url, busy_project):
    app = make_app(db_url)
    project_id = app.resolve_ref(busy_project)
    from_events = None
    for event in app.events.get(project_id, lte=50):
        from_events = event.mutate(from_events)

    from_snapshot = app.repository.get(project_id, version=50)

    assert state(from_snapshot) == state(from_events)


def test_showing_a_version_replays_the_case_to_that_version(db_url, busy_project):
    app = make_app(db_url)

    for version in (1, STARTED_AT, 30, 49, 50, 51):
        project = app.show_project(AUDITOR, busy_project, version=version)

        assert project.version == version
        assert project.status == ("idea" if version == 1 else "executing")
        assert project.expenditures == max(version - STARTED_AT, 0)
        assert project.spent == 10 * max(version - STARTED_AT, 0)


def test_showing_a_version_beyond_the_last_is_not_found(db_url, busy_project):
    with pytest.raises(NotFound, match="no version 53"):
        make_app(db_url).show_project(AUDITOR, busy_project, version=53)
