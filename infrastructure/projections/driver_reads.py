"""Reading view tables with the database driver alone: sqlite3 on the SQLite file, or psycopg
from the event store's own pool on PostgreSQL (in the URL's `?schema=`, as the runner keeps the
views). A command that only reads caught-up views then never imports SQLAlchemy, which would cost
a fresh process about a third of a second; the runner (SQLAlchemy) is needed only to create the
tables or to catch them up."""
from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from infrastructure.database import parse_url

TRACKING = "projection_tracking"  # the runner's positions (infrastructure.projections.tracking)


class Read:
    """One read transaction: every query in it sees the same state of the tables."""

    def __init__(self, cursor: Any, placeholder: str) -> None:
        self._cursor, self._placeholder = cursor, placeholder

    def rows(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        """All rows of `sql`, its parameters written `?`."""
        if self._placeholder != "?":
            sql = sql.replace("?", self._placeholder)
        self._cursor.execute(sql, params)
        return self._cursor.fetchall()

    def value(self, sql: str, *params: Any) -> Any:
        found = self.rows(sql, *params)
        return found[0][0] if found else None

    def columns(self) -> list[str]:
        """The column names of the last query."""
        return [d[0] for d in self._cursor.description]


class ViewTables:
    """Read access to the view tables of one database through a DBAPI connection."""

    def __init__(self, dialect: str, transaction: Callable[[], Any]) -> None:
        self.dialect = dialect  # "sqlite" or "postgresql"
        self._transaction = transaction

    @classmethod
    def for_url(cls, url: str, recorder: Any) -> ViewTables | None:
        """The views beside the event store of `url`. None for `memory://`, whose views live in
        the runner's own in-memory database (use `on_engine` with the runner's engine)."""
        database = parse_url(url)
        if database.kind == "sqlite":
            path = database.sqlite_path
            return cls("sqlite", lambda: _sqlite_transaction(path))
        if database.kind == "postgresql":
            schema = database.env.get("POSTGRES_SCHEMA")
            return cls("postgresql", lambda: _postgres_transaction(recorder.datastore, schema))
        return None

    @classmethod
    def on_engine(cls, engine: Any) -> ViewTables:
        """The views behind a SQLAlchemy engine, read through its pool's DBAPI connection (tests,
        the bench, and `memory://`)."""
        dialect = engine.dialect.name
        return cls(dialect, lambda: _engine_transaction(engine, dialect))

    @contextmanager
    def reading(self) -> Iterator[Read]:
        """A read-only transaction on the tables, rolled back at the end."""
        with self._transaction() as read:
            yield read

    def position_in(self, read: Read, name: str, tables: tuple[str, ...]) -> int | None:
        """How far view `name` has got in the event stream; None while any of its `tables` is
        missing (it has never been built)."""
        if not all(self.has_table(read, table) for table in tables):
            return None
        if not self.has_table(read, TRACKING):
            return 0
        return read.value(f"SELECT position FROM {TRACKING} WHERE name = ?", name) or 0

    def has_table(self, read: Read, name: str) -> bool:
        if self.dialect == "sqlite":
            return read.value("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", name) > 0
        return read.value("SELECT to_regclass(?) IS NOT NULL", name)


@contextmanager
def _sqlite_transaction(path: str) -> Iterator[Read]:
    connection = sqlite3.connect(path, timeout=30, isolation_level=None)
    try:
        cursor = connection.cursor()
        cursor.execute("BEGIN")  # deferred: a read snapshot, no write lock
        try:
            yield Read(cursor, "?")
        finally:
            connection.rollback()
    finally:
        connection.close()


@contextmanager
def _postgres_transaction(datastore: Any, schema: str | None) -> Iterator[Read]:
    """A read-only, repeatable-read transaction on a connection of the event store's pool, with the
    search path the runner's engine sets (`-c search_path=SCHEMA`)."""
    from psycopg.rows import tuple_row

    with datastore.get_connection() as connection:
        with connection.transaction(force_rollback=True):
            cursor = connection.cursor(row_factory=tuple_row)
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            if schema:
                cursor.execute("SELECT set_config('search_path', %s, true)", (schema,))
            yield Read(cursor, "%s")


@contextmanager
def _engine_transaction(engine: Any, dialect: str) -> Iterator[Read]:
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        if dialect == "sqlite":
            cursor.execute("BEGIN")
        try:
            yield Read(cursor, "?" if dialect == "sqlite" else "%s")
        finally:
            connection.rollback()
    finally:
        connection.close()
