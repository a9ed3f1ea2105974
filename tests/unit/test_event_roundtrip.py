"""Every event type survives the mapper unchanged: what is stored is what is replayed."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support import make_app
from tests.unit.event_payloads import AGGREGATES, PAYLOADS, event_classes, events_of


@pytest.fixture(scope="module")
def mapper():
    return make_app("memory://").mapper


def test_every_event_type_of_every_aggregate_has_a_payload_strategy():
    assert set(PAYLOADS) == event_classes()


def test_event_types_are_found_on_every_aggregate():
    found = event_classes()
    for aggregate in AGGREGATES:
        assert any(c.__qualname__.startswith(f"{aggregate.__name__}.") for c in found), aggregate


@pytest.mark.parametrize(
    "event_class", sorted(event_classes(), key=lambda c: c.__qualname__), ids=lambda c: c.__qualname__
)
@settings(max_examples=50, deadline=None)
@given(data=st.data())
def test_an_event_round_trips_through_the_mapper_unchanged(mapper, event_class, data):
    event = data.draw(events_of(event_class))
    stored = mapper.to_stored_event(event)
    assert stored.topic.endswith(event_class.__qualname__)
    replayed = mapper.to_domain_event(stored)
    assert type(replayed) is event_class
    assert replayed == event
    # Decimals keep their places (50000.00 stays 50000.00): encoding again gives the same bytes.
    assert mapper.to_stored_event(replayed).state == stored.state
