"""The library's SQLite connection pool with a statement cache that holds more than one statement.

eventsourcing 9.5.6 opens its connections with `cached_statements=True`, which sqlite3 reads as
a cache of ONE statement: in a transaction that runs BEGIN, an INSERT, a SELECT and another
INSERT, every statement is compiled again each time. A command's write-time check (a WITH query)
cost ~180 us to compile and ~15 us to run. This pool opens connections as the library does, with
a cache of 128 statements (sqlite3's own default), and keeps one connection aside for writing events."""
from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from typing import Any

from eventsourcing.persistence import ConnectionPoolClosedError, ConnectionUnavailableError, InterfaceError
from eventsourcing.sqlite import SQLITE3_DEFAULT_LOCK_TIMEOUT, SQLiteConnection, SQLiteConnectionPool

STATEMENTS = 128


class StatementCachingPool(SQLiteConnectionPool):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._events_writer: SQLiteConnection | None = None
        self._events_writer_lock = threading.Lock()
        # giving the events writer back is releasing its lock: the lock's own method, no Python call
        self.release_events_writer: Callable[[], None] = self._events_writer_lock.release

    @property
    def has_events_writer(self) -> bool:
        """A file database whose connections never expire: the event store's writes may keep a
        connection of their own (an in-memory database must share the pool's)."""
        return not self.is_sqlite_memory_mode and self.max_age is None

    def acquire_events_writer(self) -> SQLiteConnection:
        """The connection the event store writes events through, for this caller alone until
        `release_events_writer`. Taking it is one lock: the pool's fair queue, writer lock and
        usage tracking cost a command more CPU than SQLite's own work. Other writers of the same
        file (other processes, the pool's connections) wait for SQLite's write lock as ever."""
        if not self._events_writer_lock.acquire(True, self.pool_timeout):  # by position: no kwargs dict per call
            raise ConnectionUnavailableError("Timed out waiting for return of writer")
        try:
            if self._closed:
                raise ConnectionPoolClosedError
            writer = self._events_writer
            if writer is None or writer._closed:  # the attribute its `closed` property reads (no Python call)
                writer = self._events_writer = self._create_connection()
            return writer
        except BaseException:
            self._events_writer_lock.release()
            raise

    def close(self) -> None:
        with self._events_writer_lock:
            if self._events_writer is not None:
                self._events_writer.close()
                self._events_writer = None
        super().close()

    @classmethod
    def like(cls, pool: SQLiteConnectionPool) -> StatementCachingPool:
        """A pool with the same settings as the library's `pool`, which is closed (it holds no
        connection yet when a recorder is made)."""
        twin = cls(db_name=pool.db_name, lock_timeout=pool.lock_timeout, pool_size=pool.pool_size,
                   max_overflow=pool.max_overflow, pool_timeout=pool.pool_timeout, max_age=pool.max_age,
                   pre_ping=pool.pre_ping)
        twin.is_journal_mode_wal = pool.is_journal_mode_wal
        pool.close()
        return twin

    def _create_connection(self) -> SQLiteConnection:
        """The library's `_create_connection`, with `cached_statements=STATEMENTS`."""
        try:
            connection = sqlite3.connect(
                database=self.db_name, uri=True, check_same_thread=False, isolation_level=None,
                cached_statements=STATEMENTS, timeout=self.lock_timeout or SQLITE3_DEFAULT_LOCK_TIMEOUT,
            )
        except (sqlite3.Error, TypeError) as e:
            raise InterfaceError(e) from e
        if not self.is_sqlite_memory_mode and not self.is_journal_mode_wal:
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode;")
            if cursor.fetchone()[0].lower() != "wal":
                cursor.execute("PRAGMA journal_mode=WAL;")
                self.journal_mode_was_changed_to_wal = True
            self.is_journal_mode_wal = True
        connection.row_factory = sqlite3.Row
        return SQLiteConnection(sqlite_conn=connection, max_age=self.max_age)
