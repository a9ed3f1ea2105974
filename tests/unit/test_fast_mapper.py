"""The mapper's fast path stores the very bytes the library's mapper stores, or leaves the event to it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from uuid import uuid4

import pytest
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import Mapper, TranscodingNotRegisteredError
from hypothesis import given, settings
from hypothesis import strategies as st

from infrastructure.transcoding import UdsynMapper, UdsynTranscoder
from tests.support import make_app
from tests.unit.event_payloads import event_classes, events_of


@pytest.fixture(scope="module")
def mappers():
    transcoder = UdsynTranscoder()
    return UdsynMapper(transcoder), Mapper(transcoder)


def test_the_application_stores_events_through_the_fast_mapper():
    assert type(make_app("memory://").mapper) is UdsynMapper


@pytest.mark.parametrize(
    "event_class", sorted(event_classes(), key=lambda c: c.__qualname__), ids=lambda c: c.__qualname__
)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_every_event_is_stored_as_the_same_bytes_as_the_library_stores_it(mappers, event_class, data):
    fast, library = mappers
    event = data.draw(events_of(event_class))
    ours, theirs = fast.to_stored_event(event), library.to_stored_event(event)
    assert ours == theirs
    assert fast.to_domain_event(ours) == event


class Noted(Aggregate.Event):
    """An event whose payload is anything at all, for the values the fast path hands back."""

    note: object


@dataclass(frozen=True)
class Unregistered:
    x: int


class Shout(str):
    pass


def noted(note: object) -> Noted:
    return Noted(originator_id=uuid4(), originator_version=1, timestamp=datetime.now(timezone.utc), note=note)


@settings(max_examples=300, deadline=None)
@given(st.recursive(
    st.none() | st.booleans() | st.integers() | st.text() | st.floats() | st.decimals(allow_nan=False)
    | st.dates() | st.datetimes(timezones=st.just(timezone.utc)) | st.uuids(),
    lambda inner: st.lists(inner, max_size=3) | st.tuples(inner, inner)
    | st.dictionaries(st.text(max_size=4) | st.integers(), inner, max_size=3),
    max_leaves=8,
))
def test_any_json_payload_is_stored_as_the_library_stores_it(mappers, note):
    fast, library = mappers
    event = noted(note)
    assert fast.to_stored_event(event) == library.to_stored_event(event)


@pytest.mark.parametrize("note", [
    1.5, 1e16, float("nan"), 2**64, -(2**63) - 1, Shout("loud"), {1: "a"}, {"k": (1, 2.5)}, "\u2028\x00\x1f\"\\",
], ids=repr)
def test_values_orjson_would_write_otherwise_go_the_library_way(mappers, note):
    fast, library = mappers
    event = noted(note)
    stored = fast.to_stored_event(event)
    assert stored == library.to_stored_event(event)
    json.loads(stored.state)


def test_an_unregistered_type_is_refused_with_the_library_error(mappers):
    fast, _ = mappers
    with pytest.raises(TranscodingNotRegisteredError):
        fast.to_stored_event(noted(Unregistered(1)))


def test_a_lone_surrogate_is_refused_as_the_library_refuses_it(mappers):
    fast, library = mappers
    with pytest.raises(UnicodeEncodeError):
        library.to_stored_event(noted("\udcff"))
    with pytest.raises(UnicodeEncodeError):
        fast.to_stored_event(noted("\udcff"))


def test_old_bytes_decode_as_before(mappers):
    fast, library = mappers
    event = noted({"amount": Decimal("1.10"), "on": date(2026, 3, 1)})
    assert fast.to_domain_event(library.to_stored_event(event)) == event


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(max_size=6), st.recursive(
    st.none() | st.booleans() | st.integers() | st.text() | st.floats() | st.decimals(allow_nan=False)
    | st.dates() | st.datetimes(timezones=st.just(timezone.utc)) | st.uuids(),
    lambda inner: st.lists(inner, max_size=3) | st.tuples(inner, inner)
    | st.dictionaries(st.text(max_size=4) | st.integers(), inner, max_size=3),
    max_leaves=8,
), max_size=5))
def test_any_state_is_encoded_as_the_transcoder_encodes_it(mappers, state):
    fast, library = mappers

    assert fast.encode(state) == library.transcoder.encode(state)


def test_a_case_kept_by_the_portfolio_is_encoded_as_the_transcoder_encodes_it():
    from infrastructure.projections.portfolio import Portfolio
    from tests.support import executing_project, make_app, set_up_kalix

    app = make_app("memory://")
    set_up_kalix(app)
    project = app.load_project(executing_project(app))
    portfolio = Portfolio()
    state = {k: v for k, v in vars(project).items() if k != "_pending_events"}

    assert portfolio._encode(project) == portfolio.transcoder.encode(state)
    assert vars(portfolio._decode(portfolio._encode(project))) == vars(project)


# --- the encoders written per shape of event --------------------------------------------------


class Versioned(Aggregate.Event):
    """An event class at its third version: the library appends class_version to the state."""

    class_version = 3
    note: object


def test_an_event_class_at_a_later_version_is_stored_as_the_library_stores_it(mappers):
    fast, library = mappers
    event = Versioned(originator_id=uuid4(), originator_version=2, timestamp=datetime.now(timezone.utc), note=[1])
    assert fast.to_stored_event(event) == library.to_stored_event(event)
    vars(event)["class_version"] = 1  # a field of that name: the library's value replaces it, in its place
    assert fast.to_stored_event(event) == library.to_stored_event(event)


@given(st.decimals(allow_nan=False) | st.integers() | st.text(max_size=5) | st.none(),
       st.text(max_size=4) | st.integers(), st.decimals(allow_nan=False) | st.floats())
@settings(max_examples=150, deadline=None)
def test_a_value_object_is_stored_as_the_library_stores_it_whatever_its_fields_hold(mappers, value, currency, rate):
    """The encoder written for a shape checks the types inside a value object on every event: an
    Amount holding an int or a float where the first one held a Decimal goes another way."""
    from domain.money import Amount

    fast, library = mappers
    first = noted(Amount(Decimal("1.00"), "SEK", Decimal(1), Decimal("1.00")))
    other = noted(Amount(value, currency, rate, Decimal("2")))  # the same shape of event: a Noted holding an Amount
    for event in (first, other):
        assert fast.to_stored_event(event) == library.to_stored_event(event)


def test_the_encoder_of_a_domain_event_does_not_call_the_library_encoder(mappers):
    """The fast path is taken (else this file tests the library against itself): with the library's
    encoder broken, a domain event is still stored as the library stored it before."""
    from domain.money import Amount

    _, library = mappers
    transcoder = UdsynTranscoder()
    fast = UdsynMapper(transcoder)
    event = noted({"when": date(2026, 3, 1), "amounts": [Amount(Decimal("1.5"), "EUR", Decimal("11.2"), Decimal("16.80"))],
                   "id": uuid4(), "at": datetime(2026, 3, 1, 9, 30, 1, 5, tzinfo=timezone.utc), "tags": ("a", 1, None)})
    expected = library.to_stored_event(event)

    def broken(state):
        raise AssertionError("the library's encoder was called")

    transcoder.encode = broken
    assert fast.to_stored_event(event) == expected


def test_a_stored_event_made_by_the_fast_path_is_a_frozen_stored_event(mappers):
    from dataclasses import FrozenInstanceError

    from eventsourcing.persistence import StoredEvent

    fast, library = mappers
    event = noted("x")
    ours = fast.to_stored_event(event)
    assert type(ours) is StoredEvent and ours == library.to_stored_event(event)
    assert vars(ours) == vars(library.to_stored_event(event))
    with pytest.raises(FrozenInstanceError):
        ours.state = b"{}"


def test_a_compressed_event_is_stored_as_the_library_stores_it():
    from eventsourcing.compressor import ZlibCompressor

    transcoder = UdsynTranscoder()
    fast, library = UdsynMapper(transcoder, ZlibCompressor()), Mapper(transcoder, ZlibCompressor())
    for note in ({"on": date(2026, 3, 1)}, 1.5):  # the fast path, then the library's
        event = noted(note)
        assert fast.to_stored_event(event) == library.to_stored_event(event)
        assert fast.to_domain_event(fast.to_stored_event(event)) == event


class Pair(Aggregate.Event):
    first: str
    second: str


def test_an_event_of_the_same_class_in_another_shape_is_stored_as_the_library_stores_it(mappers):
    """The encoder kept for a class checks each event's names (in order) and value types: an
    event whose attributes were set in another order, or hold other types, goes another way."""
    fast, library = mappers
    event = Pair(originator_id=uuid4(), originator_version=1, timestamp=datetime.now(timezone.utc), first="a",
                 second="b")
    assert fast.to_stored_event(event) == library.to_stored_event(event)
    swapped = object.__new__(Pair)  # the same types in the same places, the names in another order
    fields = dict(vars(event))
    vars(swapped).update({**{k: fields[k] for k in list(fields)[:-2]}, "second": "b", "first": "a"})
    other_type = Pair(originator_id=uuid4(), originator_version=1, timestamp=datetime.now(timezone.utc), first=None,
                      second=Decimal(1))
    extra = Pair(originator_id=uuid4(), originator_version=1, timestamp=datetime.now(timezone.utc), first="a",
                 second="b")
    vars(extra)["more"] = "x"
    for other in (swapped, other_type, extra, event):
        assert fast.to_stored_event(other) == library.to_stored_event(other)
    assert fast.to_stored_event(swapped).state.index(b'"second"') < fast.to_stored_event(swapped).state.index(b'"first"')


def test_a_field_that_held_none_in_a_shape_and_holds_a_value_now_is_stored_as_the_library_stores_it(mappers):
    """A shape's field that held None is checked by `is None`: a date there now (which orjson
    would write as bare text) or a missing field goes another way."""
    fast, library = mappers
    at = datetime.now(timezone.utc)
    empty = Pair(originator_id=uuid4(), originator_version=1, timestamp=at, first=None, second="b")
    dated = Pair(originator_id=uuid4(), originator_version=1, timestamp=at, first=date(2026, 3, 1), second="b")
    missing = Pair(originator_id=uuid4(), originator_version=1, timestamp=at, first=None, second="b")
    del vars(missing)["second"]
    for event in (empty, dated, missing, empty):
        assert fast.to_stored_event(event) == library.to_stored_event(event)
    assert b'"date_iso"' in fast.to_stored_event(dated).state


@given(st.datetimes(timezones=st.sampled_from([timezone.utc, timezone(timedelta(hours=2)), timezone(timedelta(seconds=30)),
                                               None])), st.dates())
@settings(max_examples=150, deadline=None)
def test_times_and_dates_are_stored_as_the_library_stores_them_in_any_zone(mappers, moment, day):
    """The encoder written for an event's shape hands a UTC time and a date to orjson as they are;
    a time in another zone (the same shape: the value's type is datetime either way) is
    written by isoformat (orjson would drop an offset's seconds)."""
    fast, library = mappers
    for event in (noted([moment, day]), noted({"at": moment, "on": day}), noted(moment), noted(day)):
        assert fast.to_stored_event(event) == library.to_stored_event(event)
        event.__dict__["timestamp"] = moment
        assert fast.to_stored_event(event) == library.to_stored_event(event)


def test_an_event_whose_names_are_equal_but_not_the_same_strings_is_stored_as_the_library_stores_it(mappers):
    """The encoder compares an event's names as a tuple, by identity first: names built at run
    time (equal, but other str objects) are compared by value, and write the same keys."""
    fast, library = mappers
    first = Pair(originator_id=uuid4(), originator_version=1, timestamp=datetime.now(timezone.utc), first="a",
                 second="b")
    assert fast.to_stored_event(first) == library.to_stored_event(first)
    built = object.__new__(Pair)
    vars(built).update({"".join(list(k)): v for k, v in vars(first).items()})  # the same names, new strings
    assert list(vars(built)) == list(vars(first))
    assert any(a is not b for a, b in zip(vars(built), vars(first)))

    assert fast.to_stored_event(built) == library.to_stored_event(built)
