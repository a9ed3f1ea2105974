"""The library's SQLite application recorder, writing the audit chain with the events."""
from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any
from uuid import UUID

from eventsourcing.persistence import StoredEvent
from eventsourcing.sqlite import (
    SQLiteAggregateRecorder,
    SQLiteApplicationRecorder,
    SQLiteConnection,
    SQLiteConnectionPool,
    SQLiteDatastore,
)

from domain.consistency import OPEN_YEARS, READ_VERSIONS, SNAPSHOTS
from infrastructure.audit.chain import GENESIS, UUID_BYTES, UUID_HEX, extend, next_link, originator_bytes
from infrastructure.audit.checks import raise_if_moved_on
from infrastructure.audit.sqlite_binding import as_persistence_error
from infrastructure.audit.sqlite_chain_reads import SQLiteChainReads
from infrastructure.audit.sqlite_checks import CheckStatements
from infrastructure.audit.tools import ChainTools
from infrastructure.sqlite_pool import StatementCachingPool


class ChainedSQLiteRecorder(ChainTools, SQLiteChainReads, SQLiteApplicationRecorder):
    """SQLite serialises writers: the events are inserted first, which takes the write lock, so
    the previous link read afterwards in the same transaction is the true head."""

    def __init__(self, datastore: SQLiteDatastore, events_table_name: str = "stored_events"):
        self.chain_table = f"{events_table_name}_chain"
        self.seals_table = f"{events_table_name}_seals"
        self._checks = CheckStatements(events_table_name, self.chain_table)
        self._head: bytes | None = None  # the last link this recorder wrote: the head, unless another wrote since
        self._insert_links_statement = f"INSERT INTO {self.chain_table} (position, link) VALUES (?, ?)"
        self._insert_snapshots_statement = ""  # set by takes_snapshots_from
        self._cursors: dict[sqlite3.Connection, sqlite3.Cursor] = {}  # the write cursor kept per connection
        if type(datastore.pool) is SQLiteConnectionPool:  # the library's: a statement cache of one
            datastore.pool = StatementCachingPool.like(datastore.pool)
        super().__init__(datastore, events_table_name)
        self._uuid_keys = datastore.originator_id_type == "uuid"
        pool = datastore.pool  # whether it keeps a connection for writing events, asked once
        self._events_writer_pool = pool if isinstance(pool, StatementCachingPool) and pool.has_events_writer else None

    def construct_create_table_statements(self) -> list[str]:
        return [
            *super().construct_create_table_statements(),
            f"CREATE TABLE IF NOT EXISTS {self.chain_table} (position INTEGER PRIMARY KEY, link BLOB NOT NULL)",
            f"CREATE TABLE IF NOT EXISTS {self.seals_table} (id INTEGER PRIMARY KEY, position INTEGER NOT NULL, "
            "link BLOB NOT NULL, sealed_at TEXT NOT NULL, actor TEXT NOT NULL)",
        ]

    def create_table(self) -> None:
        unchained = not self._chain_table_exists()  # a store the library's own recorder wrote, if any events
        super().create_table()
        if unchained:
            self._adopt_unchained_events()

    checks_reads_at_write = True  # R7 and the command's reads are checked as it writes (_insert_chained)

    def takes_snapshots_from(self, snapshots: object) -> bool:
        """Whether this recorder can write `snapshots`' rows in its own transactions (a SQLite
        snapshot table in the same database): a due snapshot is then written with the events it
        follows, one commit instead of two, and never without them."""
        if not isinstance(snapshots, SQLiteAggregateRecorder) or snapshots.datastore is not self.datastore:
            return False
        # a snapshot is a cache of the state at its version: writing one again replaces it
        self._insert_snapshots_statement = f"INSERT OR REPLACE INTO {snapshots.events_table_name} VALUES (?,?,?,?)"
        return True

    def insert_events(self, stored_events: Sequence[StoredEvent], **kwargs: Any) -> Sequence[int] | None:
        """The library's insert_events in one transaction (BEGIN, then COMMIT or ROLLBACK, its
        errors mapped as the library maps them) on the pool's events writer where there is one,
        through one sqlite3 cursor kept for it: no wrapper objects or context managers per write."""
        pool = self.datastore.pool
        if pool is self._events_writer_pool:
            connection = pool.acquire_events_writer()
            try:
                return self._write(connection, stored_events, kwargs)
            finally:
                pool.release_events_writer()
        connection = pool.get_connection(is_writer=True)
        try:
            return self._write(connection, stored_events, kwargs)
        finally:
            pool.put_connection(connection)

    def _write(self, connection: SQLiteConnection, stored_events: Sequence[StoredEvent],
               kwargs: dict[str, Any]) -> Sequence[int]:
        conn = connection._sqlite_conn
        cursor = self._cursors.get(conn)
        if cursor is None:
            cursor = conn.cursor()
            cursor.row_factory = None  # plain tuples: this cursor is ours, and sqlite3.Row costs more
            if len(self._cursors) > 64:  # connections come and go (an in-memory pool's, say)
                self._cursors.clear()
            self._cursors[conn] = cursor
        try:
            cursor.execute("BEGIN")
            try:
                positions = self._insert_chained(cursor, stored_events, kwargs)
                cursor.execute("COMMIT")  # a cached statement: conn.commit() compiles COMMIT anew each time
            except BaseException:  # a refused COMMIT (a deferred constraint, say) leaves the transaction open
                self._head = None
                conn.rollback()
                raise
        except sqlite3.Error as e:
            raise as_persistence_error(e) from e
        return positions

    def _insert_chained(self, cursor: Any, stored_events: Sequence[StoredEvent], options: dict[str, Any]) -> Sequence[int]:
        """In the open transaction on `cursor` (a sqlite3 cursor returning tuples): the events, a
        row at a time for each row's position; the write-time checks; the chain; due snapshots."""
        if not stored_events:
            return []
        positions = []
        statement = self.insert_events_statement
        for s in stored_events:
            i, state = s.originator_id, s.state
            key = UUID_HEX[i.int] if type(i) is UUID else (i.hex if isinstance(i, UUID) else i)
            # BLOBs bound as bytearray: 3.11's sqlite3 binds one as it is, but looks every bytes value
            # up in its adapters first (a failed attribute lookup and a formatted AttributeError each)
            cursor.execute(statement, (key, s.originator_version, s.topic,
                                       bytearray(state) if type(state) is bytes else state))
            positions.append(cursor.lastrowid)
        open_years, read = options.get(OPEN_YEARS) or (), options.get(READ_VERSIONS) or {}
        if not self._link_after_known_head(cursor, stored_events, positions, open_years, read):
            self._extend_chain(cursor, stored_events, positions, self._head_after_checks(cursor, open_years, read))
        snapshots = options.get(SNAPSHOTS)
        if snapshots:
            cursor.executemany(self._insert_snapshots_statement, [
                (s.originator_id.hex if isinstance(s.originator_id, UUID) else s.originator_id,
                 s.originator_version, s.topic, s.state) for s in snapshots
            ])
        return positions

    def _link_after_known_head(self, cursor: Any, events: Sequence[StoredEvent], positions: Sequence[int],
                               open_years: Sequence[UUID], read: dict[UUID, int]) -> bool:
        """The links written after the head this recorder last wrote, the first by one statement
        that makes the checks too: a statement fewer per command. False, with nothing written,
        sends the caller the long way, which reads the true head or raises the check's error."""
        known = self._head
        if known is None:
            return False
        params: list[Any] = [positions[0]]
        uuid_keys = self._uuid_keys  # _key's usual case inline: no call per id
        for year_id in open_years:  # a year still open has no stream yet (its newest version IS NULL)
            params.append(UUID_HEX[year_id.int] if uuid_keys and type(year_id) is UUID else self._key(year_id))
        for i, version in read.items():
            if type(version) is not int:  # compared as Python compares it, the long way
                return False
            params += (UUID_HEX[i.int] if uuid_keys and type(i) is UUID else self._key(i), version)
        first = events[0]
        o = first.originator_id
        link = next_link(known, positions[0], UUID_BYTES[o.int] if type(o) is UUID else originator_bytes(o),
                         first.originator_version, first.topic, first.state)
        params += (bytearray(known), bytearray(link))  # bound as BLOBs without sqlite3's adapter lookup
        years, ids = len(open_years), len(open_years) + len(read)
        try:
            cursor.execute(self._checks.guarded.get((years, ids)) or self._checks.guarded_link(years, ids), params)
        except sqlite3.IntegrityError:  # the head moved, a check fails (or the position is taken)
            return False
        if len(events) > 1:
            self._extend_chain(cursor, events[1:], positions[1:], link)
        else:
            self._head = link
        return True

    def _key(self, i: UUID | str) -> str:
        """The id as its events' rows store it."""
        if type(i) is UUID and self._uuid_keys:
            return UUID_HEX[i.int]  # type: ignore[no-any-return]
        if self._uuid_keys:
            return i.hex if isinstance(i, UUID) else i
        return str(i)

    def _head_after_checks(self, cursor: Any, open_years: Sequence[UUID], read: dict[UUID, int]) -> bytes:
        """Under the write lock (the insert above took it), one query reads the chain's head and
        the versions to check: each year the facts fall in is still open (R7) and each aggregate
        the command read is still at the version it read; raising rolls the transaction back."""
        ids = (*open_years, *read)
        keys = [self._key(i) for i in ids]
        head, *versions = cursor.execute(self._checks.head_and_versions(len(ids)), keys).fetchone()
        if ids:
            raise_if_moved_on(open_years, read, versions)
        return GENESIS if head is None else head

    def select_events(self, originator_id: UUID | str, *, gt: int | None = None, lte: int | None = None,
                      desc: bool = False, limit: int | None = None) -> Sequence[StoredEvent]:
        """The library's query as one statement in autocommit mode (SQLite runs a lone SELECT
        in its own read transaction), without the explicit BEGIN and ROLLBACK around it."""
        statement = self.select_events_statement
        params: list[Any] = [originator_id.hex if isinstance(originator_id, UUID) else originator_id]
        if gt is not None:
            statement += "AND originator_version>? "
            params.append(gt)
        if lte is not None:
            statement += "AND originator_version<=? "
            params.append(lte)
        statement += "ORDER BY originator_version DESC " if desc else "ORDER BY originator_version ASC "
        if limit is not None:
            statement += "LIMIT ? "
            params.append(limit)
        with self.datastore.get_connection(commit=False) as conn:
            cursor = conn.cursor()
            cursor.execute(statement, params)
            convert = self.convert_originator_id
            return [StoredEvent(originator_id=convert(r["originator_id"]), originator_version=r["originator_version"],
                                topic=r["topic"], state=r["state"]) for r in cursor.fetchall()]

    def _extend_chain(self, cursor: Any, events: Sequence[StoredEvent], positions: Sequence[int],
                      head: bytes) -> None:
        if len(events) == 1:  # most commands store one event: one row, without executemany's iteration
            e = events[0]
            self._head = link = next_link(
                head, positions[0], originator_bytes(e.originator_id), e.originator_version, e.topic, e.state)
            cursor.execute(self._insert_links_statement, (positions[0], bytearray(link)))
            return
        rows = [
            (p, originator_bytes(e.originator_id), e.originator_version, e.topic, e.state)
            for p, e in zip(positions, events, strict=True)
        ]
        links = extend(head, rows)
        cursor.executemany(self._insert_links_statement, links)
        self._head = links[-1][1]
