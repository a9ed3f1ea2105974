"""On SQLite a due snapshot is written in the transaction of the events it follows: one commit
per command, and never a snapshot of a state whose events were refused."""

from __future__ import annotations

from datetime import date

import pytest
from eventsourcing.persistence import IntegrityError, StoredEvent

from domain.consistency import SNAPSHOTS
from tests.support import ctx, executing_project, make_app, set_up_kalix

SPENDING_DAY = date(2026, 3, 1)
STARTED_AT = 7  # the events of executing_project


@pytest.fixture
def near_fifty(sqlite_url):
    """A case one spending short of its fiftieth event."""
    app = make_app(sqlite_url)
    set_up_kalix(app)
    ref = executing_project(app)
    for _ in range(49 - STARTED_AT):
        app.spend(ctx(on=SPENDING_DAY), ref, amount="1", category="travel")
    return app, ref, sqlite_url


def test_the_fiftieth_event_and_its_snapshot_are_written_by_the_command_alone(near_fifty, monkeypatch):
    app, ref, url = near_fifty

    def no_second_write(*args, **kwargs):
        raise AssertionError("the snapshot was written apart from its event")

    monkeypatch.setattr(app.snapshots, "put", no_second_write)
    app.spend(ctx(on=SPENDING_DAY), ref, amount="1", category="travel")

    fresh = make_app(url)
    assert [s.originator_version for s in fresh.snapshots.get(fresh.resolve_ref(ref))] == [50]
    assert fresh.load_project(ref).version == 50


def test_a_write_refused_by_the_store_leaves_no_snapshot(near_fifty):
    app, ref, _ = near_fifty
    project_id = app.resolve_ref(ref)
    project = app.load_project(ref)
    snapshot = app.snapshots.mapper.to_stored_event(type(project).Snapshot.take(project))
    taken = StoredEvent(originator_id=project_id, originator_version=project.version, topic="x", state=b"{}")

    with pytest.raises(IntegrityError):  # version 49 is stored already
        app.recorder.insert_events([taken], **{SNAPSHOTS: [snapshot]})

    assert list(app.snapshots.get(project_id)) == []
    assert app.load_project(ref).version == 49


def test_a_snapshot_written_again_at_the_same_version_replaces_the_first(near_fifty):
    app, ref, _ = near_fifty
    app.spend(ctx(on=SPENDING_DAY), ref, amount="1", category="travel")
    project_id = app.resolve_ref(ref)
    (first,) = app.snapshots.recorder.select_events(project_id)
    event = StoredEvent(originator_id=project_id, originator_version=51, topic="x", state=b"{}")

    app.recorder.insert_events([event], **{SNAPSHOTS: [first]})

    assert [(s.originator_version, s.state) for s in app.snapshots.recorder.select_events(project_id)] == [
        (50, first.state)]

