"""Column types that keep money exact and times zone-aware on SQLite and on PostgreSQL alike."""
from __future__ import annotations

import json
from dataclasses import fields, is_dataclass
from datetime import date, datetime
from decimal import Decimal
from collections.abc import Callable
from typing import Any
from uuid import UUID

from orjson import OPT_NON_STR_KEYS as _NON_STR_KEYS
from orjson import dumps as _orjson_dumps
from sqlalchemy import BigInteger, Connection, Integer, String, Table, TypeDecorator
from sqlalchemy.types import TIMESTAMP


# A stream position as a key: BIGINT, but on SQLite the INTEGER that makes it the table's rowid,
# so rows appended in stream order go to the end of the table's own b-tree, with no second index.
POSITION = BigInteger().with_variant(Integer(), "sqlite")


class Money(TypeDecorator):
    """A Decimal stored exactly: NUMERIC on PostgreSQL, its decimal string on SQLite (no floats)."""

    impl = String(40)
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == "postgresql":  # imported here: a SQLite process need not load the dialect
            from sqlalchemy.dialects import postgresql

            return dialect.type_descriptor(postgresql.NUMERIC())
        return dialect.type_descriptor(String(40))

    def process_bind_param(self, value: Decimal | None, dialect) -> Any:
        if value is None or dialect.name == "postgresql":
            return value
        return str(value)

    def process_result_value(self, value: Any, dialect) -> Decimal | None:
        return None if value is None else Decimal(value)


class Timestamp(TypeDecorator):
    """A UTC-aware recorded time: TIMESTAMPTZ on PostgreSQL, ISO-8601 text on SQLite."""

    impl = String(40)
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == "postgresql":
            return dialect.type_descriptor(TIMESTAMP(timezone=True))
        return dialect.type_descriptor(String(40))

    def process_bind_param(self, value: datetime | None, dialect) -> Any:
        if value is None or dialect.name == "postgresql":
            return value
        return value.isoformat()

    def process_result_value(self, value: Any, dialect) -> datetime | None:
        if value is None or isinstance(value, datetime):
            return value
        return datetime.fromisoformat(value)


def _plain(value: Any) -> Any:
    """What JSON cannot encode by itself: exact decimals and ids as strings, dates in ISO-8601,
    value objects as objects of their fields (the encoder recurses into them)."""
    if isinstance(value, (Decimal, UUID)):
        return str(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if is_dataclass(value):
        return {f.name: getattr(value, f.name) for f in fields(value)}
    raise TypeError(f"cannot store {type(value).__name__} as JSON")


_FIELDS: dict[type, tuple[str, ...]] = {}


def _plain_fast(value: Any) -> Any:
    """_plain by exact type first (the common cases, a value object's field names looked up once
    per class), falling back to _plain itself, so the text is the same to the byte."""
    kind = type(value)
    if kind is Decimal or kind is UUID:
        return str(value)
    if kind is datetime or kind is date:
        return value.isoformat()
    names = _FIELDS.get(kind)
    if names is None:
        if not is_dataclass(value) or isinstance(value, type):
            return _plain(value)
        names = _FIELDS[kind] = tuple(f.name for f in fields(value))
    return {name: getattr(value, name) for name in names}


_ENCODER = json.JSONEncoder(default=_plain_fast, ensure_ascii=False, separators=(",", ":"))


def dumps(value: Any) -> str:
    """Stable, readable JSON text for a JSON column (exact decimals, no float): orjson's encoder,
    which writes dates, ids and value objects itself, asks `_plain` only for the rest (Decimal),
    and gives the same text as the standard library's encoder with `_plain` (a property test holds
    the two together); whatever orjson refuses (a lone surrogate, an int past 64 bits) goes to the
    standard library's, which also raises the error an unstorable value deserves."""
    try:
        return _orjson_dumps(value, default=_plain_fast, option=_NON_STR_KEYS).decode()
    except TypeError:  # orjson.JSONEncodeError is a TypeError
        return _ENCODER.encode(value)


def dumps_stdlib(value: Any) -> str:
    """The same text through the standard library's encoder alone: the reference `dumps` is held to."""
    return _ENCODER.encode(value)


def bulk_insert(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """executemany straight to the driver with one compiled statement, each value converted by its
    column type's own bind processor: SQLAlchemy's per-row parameter handling would otherwise be
    the dearest part of a large batch. Every row names every column."""
    if not rows:
        return
    dialect = conn.dialect
    plan = _PLANS.get((table, dialect.name))
    if plan is None:
        compiled = table.insert().compile(dialect=dialect)
        names = list(compiled.positiontup) if compiled.positional else [c.name for c in table.columns]
        processors = [(name, table.c[name].type.bind_processor(dialect)) for name in names]
        plan = _PLANS[(table, dialect.name)] = (str(compiled), processors, compiled.positional)
    sql, processors, positional = plan
    if positional:
        params: list[Any] = [tuple(p(r[n]) if p else r[n] for n, p in processors) for r in rows]
    else:
        params = [{n: (p(r[n]) if p else r[n]) for n, p in processors} for r in rows]
    conn.exec_driver_sql(sql, params)


def bulk_insert_tuples(conn: Connection, table: Table, rows: list[tuple[Any, ...]]) -> None:
    """bulk_insert for rows given as tuples in the table's column order (no dict per row): only
    the columns whose type converts values are touched."""
    if not rows:
        return
    dialect = conn.dialect
    names = [c.name for c in table.columns]
    compiled = _TUPLE_PLANS.get((table, dialect.name))
    if compiled is None:
        statement = table.insert().compile(dialect=dialect)
        if statement.positional and list(statement.positiontup) != names:
            raise ValueError(f"{table.name}: the compiled INSERT does not take the columns in table order")
        converting = [(i, c.type.bind_processor(dialect)) for i, c in enumerate(table.columns)]
        compiled = _TUPLE_PLANS[(table, dialect.name)] = (
            str(statement), [(i, p) for i, p in converting if p is not None], statement.positional
        )
    sql, converting, positional = compiled
    if converting:
        converted = []
        for row in rows:
            values = list(row)
            for i, process in converting:
                values[i] = process(values[i])
            converted.append(tuple(values))
        rows = converted
    conn.exec_driver_sql(sql, rows if positional else [dict(zip(names, r)) for r in rows])


_TUPLE_PLANS: dict[tuple[Table, str], tuple[str, list[tuple[int, Any]], bool]] = {}


def bind_processors(table: Table, dialect: Any) -> list[Callable[[Any], Any]]:
    """Each column's bind processor for `dialect`, in column order (identity where it has none),
    for views that convert values as they build a row rather than in a second pass."""
    return [_bind_processor(c.type, dialect) for c in table.columns]


def _bind_processor(column_type: Any, dialect: Any) -> Callable[[Any], Any]:
    """The type's bind processor; on SQLite, for a date or a recorded time (a million of each in a
    rebuild), one that writes the text the type's own processor writes, `isoformat()`, without its
    Python-level formatting, and hands any other value to the type's own processor."""
    impl = column_type.dialect_impl(dialect)
    process = impl.bind_processor(dialect)
    if process is None:
        return unchanged
    if dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import DATE

        if (isinstance(impl, DATE) and process.__qualname__ == "DATE.bind_processor.<locals>.process"
                and impl._storage_format == DATE._storage_format):  # "%(year)04d-%(month)02d-%(day)02d"
            return _isoformat_for(date, process)
        if isinstance(impl, Timestamp):
            return _isoformat_for(datetime, process)
    return process


def _isoformat_for(kind: type, process: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def processed(value: Any) -> Any:
        return value.isoformat() if type(value) is kind else process(value)

    processed.isoformat_of = kind  # type: ignore[attr-defined]  # see isoformat_of
    return processed


def isoformat_of(process: Callable[[Any], Any]) -> type | None:
    """The type (date or datetime) whose values `process`, a processor from bind_processors,
    writes as their isoformat(), or None: a view building many rows may call isoformat() itself
    for a value of exactly that type, and leave every other value to `process`."""
    return getattr(process, "isoformat_of", None)


def unchanged(value: Any) -> Any:
    return value


def insert_rows(conn: Connection, table: Table, rows: list[tuple[Any, ...]]) -> None:
    """executemany of rows already in the table's column order with every value as the driver
    takes it (see bind_processors), through the SQLAlchemy connection's own transaction."""
    if not rows:
        return
    dialect = conn.dialect
    plan = _INSERT_PLANS.get((table, dialect.name))
    if plan is None:
        statement = table.insert().compile(dialect=dialect)
        names = [c.name for c in table.columns]
        if statement.positional and list(statement.positiontup) != names:
            raise ValueError(f"{table.name}: the compiled INSERT does not take the columns in table order")
        plan = _INSERT_PLANS[(table, dialect.name)] = (str(statement), None if statement.positional else names)
    sql, names = plan
    conn.exec_driver_sql(sql, rows if names is None else [dict(zip(names, r)) for r in rows])


_INSERT_PLANS: dict[tuple[Table, str], tuple[str, list[str] | None]] = {}


_PLANS: dict[tuple[Table, str], tuple[str, list[tuple[str, Any]], bool]] = {}
