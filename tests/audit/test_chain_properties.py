"""Properties of the chain: any history verifies clean, and any one changed byte is found where it is."""
from __future__ import annotations

import hashlib
import uuid

import pytest
from eventsourcing.persistence import StoredEvent
from eventsourcing.sqlite import SQLiteDatastore
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infrastructure.audit.chain import GENESIS, next_link
from infrastructure.audit.sqlite_recorder import ChainedSQLiteRecorder
from infrastructure.audit.verify import verify

batches = st.lists(st.lists(st.binary(min_size=1, max_size=40), min_size=1, max_size=4), min_size=1, max_size=6)


def recorder_with(tmp_path_factory, history: list[list[bytes]]) -> ChainedSQLiteRecorder:
    recorder = ChainedSQLiteRecorder(SQLiteDatastore(str(tmp_path_factory.mktemp("chain") / "p.db")))
    recorder.create_table()
    for states in history:
        case = uuid.uuid4()
        recorder.insert_events([StoredEvent(case, v, "t:E", s) for v, s in enumerate(states, start=1)])
    return recorder


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(history=batches, data=st.data())
def test_any_history_verifies_and_one_changed_byte_is_found_at_its_position(tmp_path_factory, history, data):
    recorder = recorder_with(tmp_path_factory, history)
    assert verify(recorder).clean
    positions = list(range(1, sum(len(b) for b in history) + 1))
    target = data.draw(st.sampled_from(positions))
    with recorder.datastore.transaction(commit=True) as c:
        c.execute("SELECT state FROM stored_events WHERE rowid = ?", (target,))
        state = bytearray(c.fetchone()[0])
        i = data.draw(st.integers(0, len(state) - 1))
        state[i] ^= 1 << data.draw(st.integers(0, 7))
        c.execute("UPDATE stored_events SET state = ? WHERE rowid = ?", (bytes(state), target))

    assert [(f.position, f.kind) for f in verify(recorder).findings] == [(target, "altered")]
    recorder.datastore.close()


def test_a_byte_moved_from_the_topic_into_the_state_changes_the_link():
    originator = uuid.uuid4().bytes

    assert next_link(GENESIS, 1, originator, 1, "ab", b"c") != next_link(GENESIS, 1, originator, 1, "a", b"bc")


def test_the_same_event_at_another_position_or_after_another_link_has_another_link():
    originator = uuid.uuid4().bytes
    link = next_link(GENESIS, 1, originator, 1, "t", b"s")

    assert link != next_link(GENESIS, 2, originator, 1, "t", b"s")
    assert link != next_link(bytes.fromhex("01" * 32), 1, originator, 1, "t", b"s")


def link_as_specified(prev: bytes, position: int, originator: bytes, version: int, topic: str, state: bytes) -> bytes:
    """The link as the chain's docstring states it, field by field with int.to_bytes."""
    t = topic.encode()
    return hashlib.sha256(b"".join((
        prev, position.to_bytes(8, "big"), len(originator).to_bytes(2, "big"), originator,
        version.to_bytes(8, "big", signed=True), len(t).to_bytes(4, "big"), t, state,
    ))).digest()


@settings(max_examples=300, deadline=None)
@given(st.binary(min_size=32, max_size=32), st.integers(0, 2**64 - 1), st.binary(max_size=70) | st.just(b"u" * 16),
       st.integers(-(2**63), 2**63 - 1), st.text(max_size=40), st.binary(max_size=300))
def test_a_link_is_the_sha256_of_its_fields_as_specified(prev, position, originator, version, topic, state):
    assert next_link(prev, position, originator, version, topic, state) == link_as_specified(
        prev, position, originator, version, topic, state)


@pytest.mark.parametrize("originator", [b"o", b"u" * 16], ids=["text id", "UUID bytes"])
@pytest.mark.parametrize("position, version", [(2**64, 1), (-1, 1), (1, 2**63), (1, -(2**63) - 1)],
                         ids=["position too wide", "negative position", "version too wide", "version too small"])
def test_a_number_its_field_cannot_hold_is_refused_as_to_bytes_refuses_it(position, originator, version):
    with pytest.raises(OverflowError):
        link_as_specified(GENESIS, position, originator, version, "t", b"s")
    with pytest.raises(OverflowError):
        next_link(GENESIS, position, originator, version, "t", b"s")


def test_an_originator_too_long_for_its_length_field_is_refused_as_to_bytes_refuses_it():
    with pytest.raises(OverflowError):
        link_as_specified(GENESIS, 1, b"o" * 65536, 1, "t", b"s")
    with pytest.raises(OverflowError):
        next_link(GENESIS, 1, b"o" * 65536, 1, "t", b"s")


@settings(max_examples=200, deadline=None)
@given(st.binary(min_size=32, max_size=32), st.integers(0, 2**64 - 1), st.uuids(),
       st.integers(-(2**63), 2**63 - 1), st.text(max_size=40), st.binary(max_size=300))
def test_a_link_after_a_uuid_originator_is_the_sha256_of_its_fields_as_specified(prev, position, case, version,
                                                                                  topic, state):
    """A 16-byte originator (a UUID's bytes) has its fields packed in one call: the same bytes."""
    assert next_link(prev, position, case.bytes, version, topic, state) == link_as_specified(
        prev, position, case.bytes, version, topic, state)

