"""On PostgreSQL one function call appends a command's events: the checks, the inserts and the
chain links the database computes, in one round trip. What it stores is what was given, byte for
byte, and its links are the ones `chain.next_link` computes in Python."""
from __future__ import annotations

import uuid

import psycopg
import pytest
from eventsourcing.persistence import IntegrityError, StoredEvent
from eventsourcing.postgres import PostgresDatastore
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.consistency import OPEN_YEARS, READ_VERSIONS, ClosedWhileWriting, StaleRead
from infrastructure.audit.chain import GENESIS, next_link, originator_bytes
from infrastructure.audit.postgres_recorder import ChainedPostgresRecorder, array_literal
from infrastructure.audit.verify import verify
from infrastructure.database import parse_url

pytestmark = pytest.mark.postgres

topics = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=30)
events = st.lists(st.tuples(topics, st.binary(max_size=300)), min_size=1, max_size=4)
lenient = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def recorder(postgres_url):
    e = parse_url(postgres_url).env
    datastore = PostgresDatastore(e["POSTGRES_DBNAME"], e["POSTGRES_HOST"], e["POSTGRES_PORT"], e["POSTGRES_USER"],
                                  e["POSTGRES_PASSWORD"], schema=e["POSTGRES_SCHEMA"], pool_size=2)
    recorder = ChainedPostgresRecorder(datastore, events_table_name="stored_events")
    recorder.create_table()
    yield recorder
    datastore.close()


@lenient
@given(batches=st.lists(events, min_size=1, max_size=3))
def test_any_events_are_stored_byte_for_byte_with_the_links_python_computes(recorder, batches):
    for batch in batches:
        head = recorder.head()
        case = uuid.uuid4()
        stored = [StoredEvent(case, v, topic, state) for v, (topic, state) in enumerate(batch, start=1)]

        positions = recorder.insert_events(stored)

        assert [(e.topic, e.state) for e in recorder.select_events(case)] == batch
        link = head[1] if head else GENESIS
        for position, e in zip(positions, stored, strict=True):
            link = next_link(link, position, originator_bytes(case), e.originator_version, e.topic, e.state)
        assert recorder.head() == (positions[-1], link)
    assert verify(recorder).clean


@lenient
@given(values=st.lists(st.none() | topics, max_size=6))
def test_an_array_literal_reads_back_as_the_values_it_was_made_of(recorder, values):
    with recorder.datastore.get_connection() as conn:
        assert conn.execute("SELECT %s::text[] AS a", (array_literal(values),)).fetchone()["a"] == values


def test_a_write_whose_read_moved_on_raises_and_stores_nothing(recorder):
    case, other = uuid.uuid4(), uuid.uuid4()
    recorder.insert_events([StoredEvent(other, 1, "t:E", b"{}"), StoredEvent(other, 2, "t:E", b"{}")])
    head = recorder.head()

    with pytest.raises(StaleRead, match="was read at version 1; the store holds 2"):
        recorder.insert_events([StoredEvent(case, 1, "t:E", b"{}")], **{READ_VERSIONS: {other: 1}})

    assert recorder.select_events(case) == [] and recorder.head() == head


def test_a_write_into_a_year_closed_meanwhile_raises_and_stores_nothing(recorder):
    case, year = uuid.uuid4(), uuid.uuid4()
    recorder.insert_events([StoredEvent(year, 1, "t:Closed", b"{}")])

    with pytest.raises(ClosedWhileWriting):
        recorder.insert_events([StoredEvent(case, 1, "t:E", b"{}")], **{OPEN_YEARS: [year]})

    assert recorder.select_events(case) == []


def test_a_version_stored_meanwhile_is_an_integrity_error_and_nothing_of_the_batch_is_stored(recorder):
    case = uuid.uuid4()
    recorder.insert_events([StoredEvent(case, 1, "t:E", b"{}")])
    head = recorder.head()

    with pytest.raises(IntegrityError):
        recorder.insert_events([StoredEvent(case, 2, "t:E", b"{}"), StoredEvent(case, 1, "t:E", b"{}")])

    assert [e.originator_version for e in recorder.select_events(case)] == [1] and recorder.head() == head


def test_followers_are_notified_of_an_append(recorder):
    conninfo = recorder.datastore.pool.conninfo
    with psycopg.connect(conninfo, **recorder.datastore.pool.kwargs, autocommit=True) as listener:
        listener.execute(f'LISTEN "{recorder.channel_name}"')
        recorder.insert_events([StoredEvent(uuid.uuid4(), 1, "t:E", b"{}")])
        assert [n.channel for n in listener.notifies(timeout=5, stop_after=1)] == [recorder.channel_name]


def test_the_configured_lock_timeout_holds_on_the_connection_that_appends(postgres_url):
    e = parse_url(postgres_url).env
    datastore = PostgresDatastore(e["POSTGRES_DBNAME"], e["POSTGRES_HOST"], e["POSTGRES_PORT"], e["POSTGRES_USER"],
                                  e["POSTGRES_PASSWORD"], schema=e["POSTGRES_SCHEMA"], pool_size=1, max_overflow=0,
                                  lock_timeout=7)
    recorder = ChainedPostgresRecorder(datastore, events_table_name="stored_events")
    recorder.create_table()
    try:
        recorder.insert_events([StoredEvent(uuid.uuid4(), 1, "t:E", b"{}")])
        with datastore.get_connection() as conn:
            assert conn.execute("SHOW lock_timeout").fetchone()["lock_timeout"] == "7s"
    finally:
        datastore.close()
