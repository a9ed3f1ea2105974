"""Reading the event store's notification log in batches, each event decoded once for all views."""
from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from eventsourcing.persistence import (
    ApplicationRecorder, DatetimeAsISO, DecimalAsStr, InterfaceError, JSONTranscoder, Mapper, Notification,
    OperationalError, Transcoding, UUIDAsHex,
)
from eventsourcing.sqlite import SQLiteApplicationRecorder
from eventsourcing.utils import resolve_topic, retry
from orjson import loads as orjson_loads

from infrastructure.projections.base import Batch, Envelope
from infrastructure.transcoding import DataclassAsDict, DateAsISO


class EventReader:
    """The whole stream in notification order, as Envelopes, a batch at a time."""

    def __init__(self, recorder: ApplicationRecorder, mapper: Mapper) -> None:
        self.recorder = recorder
        self.mapper = mapper
        self.decode = event_decoder(mapper)

    def head(self) -> int:
        """The position of the newest stored event (0 for an empty store)."""
        return self.recorder.max_notification_id() or 0

    def read(self, after: int, limit: int) -> Batch:
        """Up to `limit` events recorded after position `after`, oldest first. Each originator's
        id is one UUID object for the whole batch, so the views' dictionaries keyed by it compare
        by identity instead of calling UUID.__eq__."""
        decode, ids = self.decode, {}
        envelopes = Batch()
        for position, originator_id, version, topic, state in self._rows(after, limit):
            known = ids.get(originator_id)
            if known is None:
                uid = originator_id if isinstance(originator_id, UUID) else UUID(str(originator_id))
                known = ids[originator_id] = (uid, str(uid))
            uid, text = known
            envelopes.append(Envelope.read(position, uid, text, version, topic, state,
                                           decode(position, uid, version, topic, state)))
        return envelopes

    def _rows(self, after: int, limit: int) -> list[tuple[int, Any, int, str, bytes]]:
        """(position, originator id, version, topic, state) of the next stored events: straight from
        the table the library's recorder reads (its own query, without building a Notification per
        row), otherwise through the recorder's select_notifications."""
        recorder = self.recorder
        if isinstance(recorder, SQLiteApplicationRecorder) and recorder.datastore.originator_id_type == "uuid":
            with recorder.datastore.transaction(commit=False) as cursor:
                c = plain_cursor(cursor)
                c.execute(
                    f"SELECT rowid, originator_id, originator_version, topic, state FROM {recorder.events_table_name}"
                    " WHERE rowid>? ORDER BY rowid LIMIT ?", (after, limit),
                )
                return c.fetchall()  # type: ignore[no-any-return]
        postgres = sys.modules.get("eventsourcing.postgres")  # loaded if the recorder is PostgreSQL's
        if postgres is not None and isinstance(recorder, postgres.PostgresApplicationRecorder):
            return _postgres_rows(recorder, after, limit)
        notifications = recorder.select_notifications(after, limit, inclusive_of_start=False)
        return [(n.id, n.originator_id, n.originator_version, n.topic, n.state) for n in notifications]


@retry((InterfaceError, OperationalError), max_attempts=10, wait=0.2)  # as the library's own query
def _postgres_rows(recorder: Any, after: int, limit: int) -> list[tuple[int, Any, int, str, bytes]]:
    """The library's select_notifications query on PostgreSQL, its rows as plain tuples: no dict and
    no Notification per row (~3 µs an event)."""
    from psycopg.rows import tuple_row
    from psycopg.sql import SQL, Identifier

    statement = SQL("SELECT notification_id, originator_id, originator_version, topic, state FROM {}.{} "
                    "WHERE notification_id>%s ORDER BY notification_id LIMIT %s").format(
        Identifier(recorder.datastore.schema), Identifier(recorder.events_table_name))
    with recorder.datastore.get_connection() as conn, conn.cursor(row_factory=tuple_row) as curs:
        curs.execute(statement, (after, limit), prepare=True)
        return curs.fetchall()


def plain_cursor(cursor: Any) -> sqlite3.Cursor:
    """sqlite3's own cursor in the library's read transaction (its `SQLiteCursor` wraps one), set
    to hand back plain tuples: the library's connections make a sqlite3.Row of every row."""
    c = getattr(cursor, "sqlite_cursor", cursor)
    if not isinstance(c, sqlite3.Cursor):
        raise TypeError(f"not a sqlite3 cursor: {type(cursor).__name__}")
    c.row_factory = None
    return c


def event_decoder(mapper: Mapper) -> Callable[[int, UUID, int, str, bytes], Any]:
    """The mapper's own `to_domain_event`, or, for plain JSON state (no cipher, no compressor) of
    event classes at their first version, the same event built without the mapper: the state parsed
    by orjson, then each `{"_type_": …, "_data_": …}` turned back into its value by the
    transcoder's own transcodings, innermost first, exactly as the transcoder's object hook does.
    Anything else, or anything that fails on the way, goes through the mapper."""
    transcoder = mapper.transcoder
    if mapper.cipher or mapper.compressor or not isinstance(transcoder, JSONTranscoder):
        def through_mapper(position: int, originator_id: UUID, version: int, topic: str, state: bytes) -> Any:
            return mapper.to_domain_event(Notification(
                id=position, originator_id=originator_id, originator_version=version, topic=topic, state=state,
            ))
        return through_mapper
    loads = typed_loads(transcoder)
    classes: dict[str, type | None] = {}

    def plain_class(topic: str) -> type | None:
        """The event class of `topic` if the fast path may build it (no upcasting, UUID ids)."""
        try:
            return classes[topic]
        except KeyError:
            cls = resolve_topic(topic)
            classes[topic] = cls if getattr(cls, "class_version", 1) == 1 else None
            return classes[topic]

    def decode(position: int, originator_id: UUID, version: int, topic: str, state: bytes) -> Any:
        cls = plain_class(topic)
        try:
            data = loads(state) if cls is not None else None
        except Exception:  # undecodable: the mapper says so in its own words
            data = None
        if type(data) is not dict or "class_version" in data:
            return mapper.to_domain_event(Notification(
                id=position, originator_id=originator_id, originator_version=version, topic=topic, state=state,
            ))
        data["originator_id"] = originator_id
        data["originator_version"] = version
        event = object.__new__(cls)
        object.__setattr__(event, "__dict__", data)
        return event

    return decode


def fast_decode(transcoding: Transcoding) -> Callable[[Any], Any]:
    """`transcoding.decode`, or for a value object stored as a dict of its fields (a plain frozen
    dataclass: no __post_init__, no slots) the same object built without its generated __init__
    when the stored dict names exactly its fields, in their order: the instance then holds the very
    attributes, in the very order, that __init__ would have set. Any other dict (a field missing
    that has a default, an unknown field) goes through the transcoding's own decode."""
    direct = _builtin_decode(transcoding)
    if direct is not None:
        return direct
    cls = getattr(transcoding, "type", None)
    if not (isinstance(transcoding, DataclassAsDict) and is_dataclass(cls) and _generated_init(cls)
            and "__slots__" not in vars(cls) and not hasattr(cls, "__post_init__")):
        return transcoding.decode
    names = tuple(f.name for f in fields(cls) if f.init)
    if len(names) != len(fields(cls)):
        return transcoding.decode
    decode, new, assign = transcoding.decode, object.__new__, object.__setattr__

    def built(data: Any) -> Any:
        if type(data) is not dict or tuple(data) != names:
            return decode(data)
        obj = new(cls)
        assign(obj, "__dict__", data)
        return obj

    return built


def _builtin_decode(transcoding: Transcoding) -> Callable[[Any], Any] | None:
    """For the transcodings whose decode is one call of a built-in constructor on a string (the
    library's own and ours, exactly those classes, not subclasses), that constructor itself: one
    call fewer per value. The reader calls it only on a string, as those decodes assume."""
    kind = type(transcoding)
    if kind is DecimalAsStr:
        return Decimal  # DecimalAsStr.decode: Decimal(data)
    if kind is DatetimeAsISO:
        return datetime.fromisoformat  # datetime.fromisoformat(data), after asserting a str
    if kind is DateAsISO:
        return date.fromisoformat
    if kind is UUIDAsHex:
        return UUID  # UUID(data), after asserting a str
    return None


def _generated_init(cls: type) -> bool:
    """Whether `cls.__init__` is the one @dataclass wrote (compiled from text, not a source file)."""
    code = getattr(cls.__init__, "__code__", None)
    return code is not None and code.co_filename == "<string>" and cls.__new__ is object.__new__


def typed_loads(transcoder: JSONTranscoder) -> Callable[[bytes], Any]:
    """`transcoder.decode`, value for value, several times faster: see event_decoder."""
    decoders = {name: fast_decode(t) for name, t in transcoder.names.items()}

    def typed(d: dict[str, Any]) -> Any:
        """What the transcoder's object hook makes of `d`, once its own values are typed."""
        if len(d) == 2 and "_type_" in d and "_data_" in d:
            decode = decoders.get(d["_type_"])
            return decode(d["_data_"]) if decode is not None else transcoder._decode_obj(d)  # its error
        return d

    def walk(d: dict[str, Any]) -> Any:
        """The object hook applied bottom-up to every JSON object in `d` and to `d`, as json.loads
        applies it (a typed value's data first, then the typed value). Most typed values hold a
        string ({"_type_": "decimal_str", "_data_": "107.50"}): those are decoded on the spot."""
        for key, item in d.items():
            kind = type(item)
            if kind is dict:
                if len(item) == 2 and "_type_" in item and "_data_" in item:
                    data = item["_data_"]
                    if (decode := decoders.get(item["_type_"])) is not None:
                        kind = type(data)
                        if kind is str:
                            d[key] = decode(data)
                            continue
                        if kind is dict:  # a value object: its fields typed first, then itself
                            d[key] = decode(walk(data))
                            continue
                d[key] = walk(item)
            elif kind is list:
                d[key] = walk_list(item)
        return typed(d) if "_type_" in d else d

    def walk_list(items: list[Any]) -> list[Any]:
        for i, item in enumerate(items):
            kind = type(item)
            if kind is dict:
                items[i] = walk(item)
            elif kind is list:
                items[i] = walk_list(item)
        return items

    hooked = json.JSONDecoder(object_hook=typed).decode

    def loads(state: bytes) -> Any:
        """orjson's parser (several times the standard library's), then the hook in Python; text
        orjson refuses (NaN, say, which json accepts) is parsed by json with the same hook."""
        try:
            data = orjson_loads(state)
        except ValueError:  # orjson.JSONDecodeError is a ValueError
            return hooked(state.decode("utf8"))
        kind = type(data)
        return walk(data) if kind is dict else walk_list(data) if kind is list else data

    return loads
