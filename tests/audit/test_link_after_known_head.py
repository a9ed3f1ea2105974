"""The SQLite recorder links a command's events after the head it last wrote, checking that head
and the command's reads in the link's own INSERT: the chain, the refusals and what is stored are
those of the long way (read the head and the versions, then insert), whoever else writes."""
from __future__ import annotations

import uuid

import pytest
from eventsourcing.persistence import StoredEvent
from eventsourcing.sqlite import SQLiteDatastore
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.consistency import OPEN_YEARS, READ_VERSIONS, ClosedWhileWriting, StaleRead
from infrastructure.audit.chain import GENESIS, extend
from infrastructure.audit.sqlite_recorder import ChainedSQLiteRecorder
from infrastructure.audit.verify import verify


def recorder_on(path: str) -> ChainedSQLiteRecorder:
    recorder = ChainedSQLiteRecorder(SQLiteDatastore(path))
    recorder.create_table()
    return recorder


def rows(recorder: ChainedSQLiteRecorder) -> list[tuple]:
    with recorder.datastore.transaction(commit=False) as c:
        c.execute("SELECT e.rowid, e.originator_id, e.originator_version, e.topic, e.state, c.link "
                  "FROM stored_events e LEFT JOIN stored_events_chain c ON c.position = e.rowid ORDER BY e.rowid")
        return [tuple(r) for r in c.fetchall()]


def links_recomputed(recorder: ChainedSQLiteRecorder) -> list[bytes]:
    found = rows(recorder)
    return [link for _, link in extend(GENESIS, [(p, bytes.fromhex(o), v, t, s) for p, o, v, t, s, _ in found])]


def statements_of_one_write(recorder: ChainedSQLiteRecorder, events: list[StoredEvent], **options) -> list[str]:
    pool = recorder.datastore.pool
    conn = pool.acquire_events_writer()._sqlite_conn
    pool.release_events_writer()
    seen: list[str] = []
    conn.set_trace_callback(seen.append)
    try:
        recorder.insert_events(events, **options)
    finally:
        conn.set_trace_callback(None)
    return seen


writes = st.lists(st.tuples(st.sampled_from("AB"), st.integers(1, 3), st.binary(max_size=30)), min_size=1, max_size=12)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(turns=writes)
def test_writers_taking_turns_on_one_store_write_the_chain_one_writer_would(tmp_path_factory, turns):
    folder = tmp_path_factory.mktemp("turns")
    a, b, alone = recorder_on(str(folder / "s.db")), recorder_on(str(folder / "s.db")), recorder_on(str(folder / "o.db"))
    for who, count, state in turns:
        case = uuid.uuid4()
        events = [StoredEvent(case, v, "t:E", state + bytes([v])) for v in range(1, count + 1)]
        (a if who == "A" else b).insert_events(events)
        alone.insert_events(events)

    links = [r[5] for r in rows(a)]
    assert links == links_recomputed(a) == [r[5] for r in rows(alone)]
    assert verify(a).clean
    for recorder in (a, b, alone):
        recorder.datastore.close()


def test_a_write_after_the_recorder_own_write_reads_no_head(tmp_path):
    recorder = recorder_on(str(tmp_path / "s.db"))
    case = uuid.uuid4()
    first = statements_of_one_write(recorder, [StoredEvent(case, 1, "t:E", b"1")])
    second = statements_of_one_write(recorder, [StoredEvent(case, 2, "t:E", b"2")], **{READ_VERSIONS: {}})

    assert any(s.startswith("SELECT (SELECT link") for s in first)
    assert not any(s.startswith("SELECT") for s in second)
    assert [r[5] for r in rows(recorder)] == links_recomputed(recorder)


def test_a_write_checking_open_years_and_reads_after_the_recorder_own_write_reads_no_head(tmp_path):
    """The usual command: its year still open (no stream), what it read still current."""
    recorder = recorder_on(str(tmp_path / "s.db"))
    read_case, case, years = uuid.uuid4(), uuid.uuid4(), [uuid.uuid4(), uuid.uuid4()]
    statements_of_one_write(recorder, [StoredEvent(read_case, 1, "t:E", b"r")])
    second = statements_of_one_write(recorder, [StoredEvent(case, 1, "t:E", b"1"), StoredEvent(case, 2, "t:E", b"2")],
                                     **{OPEN_YEARS: years, READ_VERSIONS: {read_case: 1}})

    assert not any(s.startswith("SELECT") for s in second)
    assert second[-1] == "COMMIT"
    assert [r[5] for r in rows(recorder)] == links_recomputed(recorder)


@pytest.mark.parametrize("events", [1, 2], ids=["one event", "two events"])
def test_a_stale_read_is_refused_with_the_head_known_and_nothing_is_written(tmp_path, events):
    recorder, other = recorder_on(str(tmp_path / "s.db")), recorder_on(str(tmp_path / "s.db"))
    read_case, case = uuid.uuid4(), uuid.uuid4()
    recorder.insert_events([StoredEvent(read_case, 1, "t:E", b"r1")])
    other.insert_events([StoredEvent(read_case, 2, "t:E", b"r2")])
    recorder.insert_events([StoredEvent(uuid.uuid4(), 1, "t:E", b"x")])  # the recorder knows the head again
    before = rows(recorder)

    with pytest.raises(StaleRead):
        recorder.insert_events([StoredEvent(case, v, "t:E", b"c") for v in range(1, events + 1)],
                               **{READ_VERSIONS: {read_case: 1}})
    assert rows(recorder) == before

    recorder.insert_events([StoredEvent(case, v, "t:E", b"c") for v in range(1, events + 1)],
                           **{READ_VERSIONS: {read_case: 2}})
    assert [r[5] for r in rows(recorder)] == links_recomputed(recorder)


def test_a_year_closed_meanwhile_is_refused_with_the_head_known_and_nothing_is_written(tmp_path):
    recorder, other = recorder_on(str(tmp_path / "s.db")), recorder_on(str(tmp_path / "s.db"))
    year = uuid.uuid4()
    recorder.insert_events([StoredEvent(uuid.uuid4(), 1, "t:E", b"x")], **{OPEN_YEARS: [year]})
    other.insert_events([StoredEvent(year, 1, "t:Closed", b"y")])
    recorder.insert_events([StoredEvent(uuid.uuid4(), 1, "t:E", b"z")])
    before = rows(recorder)

    with pytest.raises(ClosedWhileWriting):
        recorder.insert_events([StoredEvent(uuid.uuid4(), 1, "t:E", b"w")], **{OPEN_YEARS: [year]})
    assert rows(recorder) == before


def test_a_head_link_changed_behind_the_recorder_is_followed_as_stored(tmp_path):
    """As the long way does: the next link follows the head as stored (verify then names the
    changed link), not the link the recorder remembers writing."""
    recorder = recorder_on(str(tmp_path / "s.db"))
    recorder.insert_events([StoredEvent(uuid.uuid4(), 1, "t:E", b"1")])
    with recorder.datastore.transaction(commit=True) as c:
        c.execute("UPDATE stored_events_chain SET link = ? WHERE position = 1", (b"\x01" * 32,))
    recorder.insert_events([StoredEvent(uuid.uuid4(), 1, "t:E", b"2")])

    assert rows(recorder)[1][5] == extend(b"\x01" * 32, [(2, bytes.fromhex(rows(recorder)[1][1]), 1, "t:E", b"2")])[0][1]
    assert [(f.position, f.kind) for f in verify(recorder).findings] == [(1, "altered")]
