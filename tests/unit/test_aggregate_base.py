"""UdsynAggregate's shorter paths give what the library's and Python's own give: a natural key's id
is uuid.uuid5's, and collecting the pending events is the library's collect_events."""
from __future__ import annotations

import pickle
import uuid
from datetime import date

import pytest
from eventsourcing.domain import Aggregate
from hypothesis import given
from hypothesis import strategies as st

from domain.base import NAMESPACE, deterministic_id, uuid5_in_namespace
from domain.case_counter import CaseCounter, counter_id
from domain.meta import Meta
from domain.project import project_id
from tests.support import START


@given(st.text())
def test_an_id_from_a_name_is_the_uuid5_of_the_name(name):
    ours, theirs = uuid5_in_namespace(name), uuid.uuid5(NAMESPACE, name)
    assert type(ours) is uuid.UUID and ours == theirs and ours.int == theirs.int
    assert (str(ours), hash(ours), ours.version, ours.variant, ours.is_safe) == (
        str(theirs), hash(theirs), theirs.version, theirs.variant, theirs.is_safe)
    assert pickle.loads(pickle.dumps(ours)) == theirs


@given(st.lists(st.one_of(st.text(), st.integers()), min_size=1, max_size=4))
def test_a_natural_key_s_id_is_the_uuid5_of_its_parts_joined(parts):
    assert deterministic_id(*parts) == uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts))


@given(st.text())
def test_a_case_s_id_is_the_natural_key_id_of_its_reference(ref):
    assert project_id(ref) == deterministic_id("project", ref) == uuid.uuid5(NAMESPACE, f"project/{ref}")


def test_the_ids_of_cases_and_counters_are_the_ones_already_stored():
    assert project_id("KAL-2026-0001") == uuid.UUID("5a118c68-5ef8-5065-b2b2-0348ac6a3b12")
    assert counter_id("KAL", 2026) == uuid.UUID("96c18ad8-f5ee-527b-b451-0160fa16be5b")


def test_a_name_that_is_not_unicode_text_is_refused_alike():
    with pytest.raises(UnicodeEncodeError):
        uuid.uuid5(NAMESPACE, "\ud800")
    with pytest.raises(UnicodeEncodeError):
        uuid5_in_namespace("\ud800")


def issued(times: int) -> CaseCounter:
    meta = Meta("olle", "officer", "c-1", START, date(2026, 3, 1))
    counter = CaseCounter.open("KAL", 2026, meta)
    for _ in range(times):
        counter.issue(meta)
    return counter


@pytest.mark.parametrize("times", [0, 1, 3])
def test_collecting_events_gives_what_the_library_gives_and_leaves_none_pending(times):
    ours, theirs = issued(times), issued(times)
    pending = ours.pending_events
    collected, expected = ours.collect_events(), Aggregate.collect_events(theirs)
    assert [vars(e) for e in collected] == [vars(e) for e in expected]
    assert [e.originator_version for e in collected] == list(range(1, times + 2))
    assert ours.pending_events == theirs.pending_events == [] and ours.pending_events is pending
    assert ours.collect_events() == []


def test_recording_an_event_builds_what_the_library_s_trigger_event_builds():
    meta = Meta("olle", "officer", "c-1", START, date(2026, 3, 1), reason="why", correction=None)
    ours, theirs = issued(1), issued(1)
    ours._record(CaseCounter.NumberIssued, meta, number=7)
    Aggregate.trigger_event(theirs, CaseCounter.NumberIssued, number=7, **CaseCounter.meta_fields(meta))
    assert [list(vars(e).items()) for e in ours.pending_events] == [list(vars(e).items())
                                                                    for e in theirs.pending_events]
    assert vars(ours) == vars(theirs)


@pytest.mark.parametrize("payload", [{}, {"number": 1, "colour": "red"}, {"count": 1}])
def test_recording_an_event_with_a_wrong_payload_is_refused_and_records_nothing(payload):
    counter, meta = issued(0), Meta("olle", "officer", "c-1", START, date(2026, 3, 1))
    before = dict(vars(counter))
    with pytest.raises(TypeError, match=r"^Can't construct event .*NumberIssued"):
        counter._record(CaseCounter.NumberIssued, meta, **payload)
    assert vars(counter) == before


def test_every_event_recorded_on_an_aggregate_begins_with_the_fields_record_passes_by_position():
    from dataclasses import fields

    from domain.base import UdsynAggregate
    from tests.unit.event_payloads import event_classes

    recorded = [c for c in event_classes() if not issubclass(c, UdsynAggregate.Created)]
    assert len(recorded) > 20
    for event_class in recorded:
        positional = [f.name for f in fields(event_class) if not f.kw_only]
        assert positional[:8] == ["originator_id", "originator_version", "timestamp", "actor", "role",
                                  "command_id", "reason", "effective_date"], event_class


def test_every_created_event_begins_with_the_fields_create_passes_by_position():
    from dataclasses import fields

    from domain.base import UdsynAggregate
    from tests.unit.event_payloads import event_classes

    created = [c for c in event_classes() if issubclass(c, UdsynAggregate.Created)]
    assert len(created) >= 7
    for event_class in created:
        positional = [f.name for f in fields(event_class) if not f.kw_only]
        assert positional[:4] == ["originator_id", "originator_version", "timestamp", "originator_topic"], (
            event_class)
