"""A write whose COMMIT is refused stores nothing and leaves the recorder's connection out of any
transaction, so the next write goes through (SQLite keeps a transaction open after a refused COMMIT)."""
from __future__ import annotations

import uuid

import pytest
from eventsourcing.persistence import IntegrityError, StoredEvent
from eventsourcing.sqlite import SQLiteDatastore

from infrastructure.audit.sqlite_recorder import ChainedSQLiteRecorder
from infrastructure.audit.verify import verify


def event(case: uuid.UUID, version: int) -> StoredEvent:
    return StoredEvent(originator_id=case, originator_version=version, topic="t:T", state=b"{}")


def test_a_refused_commit_stores_nothing_and_the_next_write_goes_through(tmp_path):
    recorder = ChainedSQLiteRecorder(SQLiteDatastore(str(tmp_path / "s.db")))
    recorder.create_table()
    case = uuid.uuid4()
    recorder.insert_events([event(case, 1)])
    writer = recorder.datastore.pool.acquire_events_writer()._sqlite_conn
    recorder.datastore.pool.release_events_writer()
    # A deferred foreign key is checked at COMMIT: each insert of an event adds a row that breaks it.
    writer.execute("PRAGMA foreign_keys = ON")
    writer.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY)")
    writer.execute("CREATE TABLE child (parent INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)")
    writer.execute("CREATE TRIGGER breaks AFTER INSERT ON stored_events BEGIN INSERT INTO child VALUES (42); END")

    with pytest.raises(IntegrityError):
        recorder.insert_events([event(case, 2)])

    assert not writer.in_transaction
    assert [e.originator_version for e in recorder.select_events(case)] == [1]
    writer.execute("DROP TRIGGER breaks")
    recorder.insert_events([event(case, 2)])
    assert [e.originator_version for e in recorder.select_events(case)] == [1, 2]
    assert verify(recorder).clean
