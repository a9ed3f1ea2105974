"""The rebuild's fast paths change no byte: the reader builds the very events the application's
mapper builds, and the views' JSON text is the standard library encoder's, value for value."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from uuid import UUID

from eventsourcing.cipher import AESCipher
from eventsourcing.persistence import Mapper
from eventsourcing.utils import Environment
from hypothesis import given, settings
from hypothesis import strategies as st

from application.clock import FixedClock
from application.demo import build_demo
from cli.demo import DEMO_DATA, STRATEGY_FILES
from domain.money import Amount
from domain.records import Condition
from infrastructure.projections.columns import dumps, dumps_stdlib
from infrastructure.projections.reader import EventReader, event_decoder, typed_loads
from infrastructure.strategy_file import read_strategy_file
from infrastructure.transcoding import UdsynTranscoder
from tests.support import ADMIN, make_app

KALIX_STRATEGY = DEMO_DATA / STRATEGY_FILES["kalix"]


@dataclass(frozen=True)
class Nested:  # a value object the encoder has never seen, holding others
    amount: Amount
    when: date
    notes: tuple[str, ...]


texts = st.text(st.characters(codec="utf-8"), max_size=20) | st.sampled_from(
    ["\x00\x1f\"\\/", "\u2028æøå€", ""]
)
decimals = st.decimals(allow_nan=False, allow_infinity=False, places=4, min_value=-10**12, max_value=10**12)
amounts = st.builds(
    lambda v, r: Amount.of(v, "EUR", "SEK", r),
    decimals.map(abs),
    st.sampled_from([Decimal("11.40"), Decimal(1)]),
)
datetimes = st.datetimes(timezones=st.sampled_from([timezone.utc, timezone(timedelta(hours=2))]) | st.none())
scalars = (
    st.none() | st.booleans() | st.integers(min_value=-2**70, max_value=2**70) | texts | decimals | st.dates()
    | datetimes | st.uuids() | amounts | st.builds(Condition, texts, st.dates() | st.none())
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
    | st.dictionaries(texts, inner, max_size=4)
    | st.builds(Nested, amounts, st.dates(), st.lists(texts, max_size=3).map(tuple)),
    max_leaves=12,
)


@settings(max_examples=400, deadline=None)
@given(values)
def test_the_views_json_text_is_the_standard_library_encoders_to_the_byte(value):
    assert dumps(value) == dumps_stdlib(value)


stored = st.recursive(  # what the transcoder stores: its registered types, lists and dicts
    st.none() | st.booleans() | st.integers(min_value=-2**62, max_value=2**62) | texts | decimals | st.dates()
    | datetimes | st.uuids() | amounts | st.builds(Condition, texts, st.dates() | st.none()),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
    max_leaves=12,
)


def _typed_alike(ours, theirs) -> None:
    assert type(ours) is type(theirs) and ours == theirs
    if isinstance(ours, dict):
        assert list(ours) == list(theirs)
        for key in ours:
            _typed_alike(ours[key], theirs[key])
    elif isinstance(ours, list):
        for a, b in zip(ours, theirs):
            _typed_alike(a, b)


@settings(max_examples=400, deadline=None)
@given(stored)
def test_the_readers_json_decoding_is_the_transcoders_value_for_value(value):
    transcoder = UdsynTranscoder()
    state = transcoder.encode({"value": value, "wrapped": [value]})
    _typed_alike(typed_loads(transcoder)(state), transcoder.decode(state))


def test_a_value_json_cannot_hold_is_refused_as_before():
    for value in (object(), {Decimal(1): "key"}):
        for encode in (dumps, dumps_stdlib):
            try:
                encode(value)
            except TypeError:
                continue
            raise AssertionError(f"{encode.__name__} stored {value!r}")


def _same_event(ours, theirs) -> None:
    assert type(ours) is type(theirs)
    assert list(vars(ours)) == list(vars(theirs))  # same attributes, same order (the payload's key order)
    assert vars(ours) == vars(theirs)
    assert [type(v) for v in vars(ours).values()] == [type(v) for v in vars(theirs).values()]


def _demo_app(url: str):
    app = make_app(url, FixedClock(datetime(2024, 1, 1, tzinfo=timezone.utc)))
    build_demo(app, "kalix", read_strategy_file(KALIX_STRATEGY), ADMIN)
    return app


def test_the_reader_builds_the_events_the_mapper_builds_for_every_kind_of_event(sqlite_url):
    app = _demo_app(sqlite_url)
    reader = EventReader(app.recorder, app.mapper)
    notifications = app.recorder.select_notifications(0, 10_000, inclusive_of_start=False)
    envelopes = reader.read(0, 10_000)

    assert len({n.topic for n in notifications}) >= 20
    assert [e.position for e in envelopes] == [n.id for n in notifications]
    for envelope, n in zip(envelopes, notifications):
        _same_event(envelope.event, app.mapper.to_domain_event(n))
        assert (envelope.originator_id, envelope.version, envelope.topic, envelope.state) == (
            n.originator_id, n.originator_version, n.topic, n.state)
        assert envelope.aggregate_id == str(n.originator_id)


def test_reading_in_batches_gives_the_same_envelopes_on_postgresql(postgres_url):
    app = _demo_app(postgres_url)
    reader = EventReader(app.recorder, app.mapper)
    notifications = app.recorder.select_notifications(0, 10_000, inclusive_of_start=False)
    read, position = [], 0
    while batch := reader.read(position, 7):
        read += batch
        position = batch[-1].position
    assert [e.position for e in read] == [n.id for n in notifications]
    for envelope, n in zip(read, notifications):
        _same_event(envelope.event, app.mapper.to_domain_event(n))


def test_an_encrypted_store_is_decoded_by_the_mapper_itself(app):
    build_demo(app, "kalix", read_strategy_file(KALIX_STRATEGY), ADMIN)
    cipher = AESCipher(Environment(env={"CIPHER_KEY": AESCipher.create_key(16)}))
    mapper = Mapper(transcoder=UdsynTranscoder(), cipher=cipher)
    decode = event_decoder(mapper)
    for n in app.recorder.select_notifications(0, 50, inclusive_of_start=False):
        stored = mapper.to_stored_event(app.mapper.to_domain_event(n))
        ours = decode(n.id, stored.originator_id, stored.originator_version, stored.topic, stored.state)
        _same_event(ours, app.mapper.to_domain_event(n))


def test_state_the_fast_parser_refuses_is_still_decoded_as_json_decodes_it(app):
    build_demo(app, "kalix", read_strategy_file(KALIX_STRATEGY), ADMIN)
    (n,) = app.recorder.select_notifications(0, 1, inclusive_of_start=False)
    state = n.state[:-1] + b',"extra":NaN}'  # json reads NaN; orjson does not
    ours = event_decoder(app.mapper)(n.id, n.originator_id, n.originator_version, n.topic, state)
    theirs = app.mapper.to_domain_event(type(n)(
        id=n.id, originator_id=n.originator_id, originator_version=n.originator_version, topic=n.topic,
        state=state,
    ))
    assert ours.extra != ours.extra and theirs.extra != theirs.extra  # both NaN
    del ours.__dict__["extra"], theirs.__dict__["extra"]
    _same_event(ours, theirs)
    assert isinstance(ours.originator_id, UUID)
