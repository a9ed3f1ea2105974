"""The rebuild's fast paths change no byte: the reader builds the very events the application's
mapper builds, and the views' JSON text is the standard library encoder's, value for value."""
from __future__ import annotations

from dataclasses import dataclass, field, is_dataclass
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from uuid import UUID

from eventsourcing.cipher import AESCipher
from eventsourcing.persistence import Mapper
from eventsourcing.utils import Environment
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Column, MetaData, Table
from sqlalchemy.dialects.sqlite import dialect as sqlite_dialect

from application.clock import FixedClock
from application.demo import build_demo
from cli.demo import DEMO_DATA, STRATEGY_FILES
from domain.money import Amount
from domain.records import Condition

from infrastructure.projections.audit_trail import AUDIT_TRAIL
from infrastructure.projections.columns import Timestamp, bind_processors, dumps, dumps_stdlib, unchanged
from infrastructure.projections.decision_register import DECISION_REGISTER
from infrastructure.projections.engine import engine_for
from infrastructure.projections.reader import EventReader, event_decoder, plain_cursor, typed_loads
from infrastructure.projections.runner import ProjectionRunner
from infrastructure.strategy_file import read_strategy_file
from infrastructure.transcoding import DataclassAsDict, UdsynTranscoder
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
    elif is_dataclass(ours):  # a value object built without __init__ holds what __init__ sets, in order
        assert list(vars(ours)) == list(vars(theirs))
        for key in vars(ours):
            _typed_alike(vars(ours)[key], vars(theirs)[key])


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


def test_on_sqlite_the_reader_takes_the_stored_rows_as_plain_tuples(sqlite_url):
    """The library's connections make a sqlite3.Row of every row; the reader's cursor does not."""
    app = _demo_app(sqlite_url)
    with app.recorder.datastore.transaction(commit=False) as cursor:
        rows = plain_cursor(cursor).execute("SELECT rowid, topic FROM stored_events LIMIT 3").fetchall()
    assert rows and all(type(row) is tuple for row in rows)
    assert all(type(row) is tuple for row in EventReader(app.recorder, app.mapper)._rows(0, 10))


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
        assert (envelope.originator_id, envelope.version, envelope.topic, envelope.state) == (
            n.originator_id, n.originator_version, n.topic, n.state)
        assert type(envelope.state) is bytes and envelope.aggregate_id == str(n.originator_id)


def test_on_postgresql_the_reader_reads_the_table_itself_not_through_notifications(postgres_url, monkeypatch):
    app = _demo_app(postgres_url)
    expected = app.recorder.select_notifications(0, 50, inclusive_of_start=False)

    def no_notifications(*args, **kwargs):
        raise AssertionError("read through select_notifications")

    monkeypatch.setattr(app.recorder, "select_notifications", no_notifications)
    rows = EventReader(app.recorder, app.mapper)._rows(0, 50)
    assert rows == [(n.id, n.originator_id, n.originator_version, n.topic, n.state) for n in expected]
    assert all(type(row) is tuple for row in rows)


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


@dataclass(frozen=True)
class WithDefault:  # a value object whose stored dict may lack a field, or list them out of order
    a: int
    b: list = field(default_factory=list)


def test_a_value_object_stored_without_a_defaulted_field_or_out_of_order_is_built_by_its_init_as_before():
    transcoder = UdsynTranscoder()
    transcoder.register(DataclassAsDict(WithDefault))
    for data in (b'{"a":1}', b'{"b":[2],"a":1}', b'{"a":1,"b":[2]}'):
        state = b'{"v":{"_type_":"WithDefault","_data_":' + data + b"}}"
        _typed_alike(typed_loads(transcoder)(state), transcoder.decode(state))
    state = b'{"v":{"_type_":"WithDefault","_data_":{"a":1,"c":3}}}'
    for decode in (typed_loads(transcoder), transcoder.decode):
        try:
            decode(state)
        except TypeError:
            continue
        raise AssertionError("an unknown field was accepted")


@settings(max_examples=300, deadline=None)
@given(st.none() | st.dates() | st.datetimes(timezones=st.none() | st.timezones()))
def test_the_views_sqlite_date_and_time_columns_write_the_text_their_types_write(value):
    dialect = sqlite_dialect()
    for column in (AUDIT_TRAIL.c.effective_date, AUDIT_TRAIL.c.recorded_at, DECISION_REGISTER.c.meeting_date):
        (ours,) = bind_processors(Table("t", MetaData(), Column("c", column.type)), dialect)
        theirs = column.type.dialect_impl(dialect).bind_processor(dialect)
        if isinstance(column.type, Timestamp) and value is not None and not isinstance(value, datetime):
            continue  # a recorded time is always a datetime
        assert ours is not unchanged
        assert ours(value) == theirs(value)


def test_on_sqlite_a_view_keyed_by_position_keeps_its_rows_in_the_tables_own_order(sqlite_url):
    app = _demo_app(sqlite_url)
    runner = ProjectionRunner.for_app(app, sqlite_url, ["audit-trail", "decision-register"])
    runner.catch_up()
    with runner.engine.connect() as conn:
        for table in (AUDIT_TRAIL, DECISION_REGISTER):
            pairs = conn.exec_driver_sql(f"SELECT rowid, position FROM {table.name}").all()
            assert pairs and all(rowid == position for rowid, position in pairs)
            indexes = conn.exec_driver_sql(f"PRAGMA index_list({table.name})").all()
            assert not [i for i in indexes if i[3] == "pk"]  # no second b-tree for the key
    runner.engine.dispose()


def test_the_views_sqlite_connection_frees_pages_without_writing_zeros_over_them(sqlite_url):
    """secure_delete=FAST (2): a rebuild's DROP TABLE does not write a page of zeros per freed page."""
    engine = engine_for(sqlite_url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA secure_delete").scalar() == 2
    engine.dispose()
