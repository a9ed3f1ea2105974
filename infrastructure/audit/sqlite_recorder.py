"""The library's SQLite application recorder, writing the audit chain with the events."""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any
from uuid import UUID

from eventsourcing.persistence import IntegrityError, StoredEvent
from eventsourcing.sqlite import (
    SQLiteApplicationRecorder,
    SQLiteConnectionPool,
    SQLiteCursor,
    SQLiteDatastore,
    SQLiteTransaction,
)

from domain.consistency import OPEN_YEARS, READ_VERSIONS
from infrastructure.audit.checks import raise_if_moved_on
from infrastructure.audit.chain import ADOPTED_BY, GENESIS, extend, originator_bytes
from infrastructure.audit.tools import ChainTools
from infrastructure.sqlite_pool import StatementCachingPool
from infrastructure.audit.recorder import LinkRow, Scan, Seal

PAGE = 10_000


class ChainedSQLiteRecorder(ChainTools, SQLiteApplicationRecorder):
    """SQLite serialises writers: the events are inserted first, which takes the write lock, so
    the previous link read afterwards in the same transaction is the true head."""

    def __init__(self, datastore: SQLiteDatastore, events_table_name: str = "stored_events"):
        self.chain_table = f"{events_table_name}_chain"
        self.seals_table = f"{events_table_name}_seals"
        self._statements: dict[int, str] = {}  # the head-and-versions query, by how many ids it checks
        self._insert_links_statement = f"INSERT INTO {self.chain_table} (position, link) VALUES (?, ?)"
        if type(datastore.pool) is SQLiteConnectionPool:  # the library's: a statement cache of one
            datastore.pool = StatementCachingPool.like(datastore.pool)
        super().__init__(datastore, events_table_name)

    def construct_create_table_statements(self) -> list[str]:
        return [
            *super().construct_create_table_statements(),
            f"CREATE TABLE IF NOT EXISTS {self.chain_table} (position INTEGER PRIMARY KEY, link BLOB NOT NULL)",
            f"CREATE TABLE IF NOT EXISTS {self.seals_table} (id INTEGER PRIMARY KEY, position INTEGER NOT NULL, "
            "link BLOB NOT NULL, sealed_at TEXT NOT NULL, actor TEXT NOT NULL)",
        ]

    def create_table(self) -> None:
        super().create_table()
        self._adopt_unchained_events()

    def _adopt_unchained_events(self) -> None:
        """A store written before the chain existed gets its chain now, once, under the write lock,
        with a seal row saying so: verify then reads clean, and says from where it vouches."""
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"SELECT EXISTS (SELECT 1 FROM {self.chain_table}), "
                      f"EXISTS (SELECT 1 FROM {self.events_table_name})")
            chained, stored = c.fetchone()
        if chained or not stored:
            return
        with self.datastore.transaction(commit=True) as c:
            c.execute(f"INSERT INTO {self.chain_table} (position, link) SELECT -1, x'' WHERE 0")  # the write lock
            c.execute(f"SELECT EXISTS (SELECT 1 FROM {self.chain_table})")
            if c.fetchone()[0]:
                return
            c.execute(f"SELECT rowid, originator_id, originator_version, topic, state FROM {self.events_table_name} "
                      "ORDER BY rowid")
            as_bytes = bytes.fromhex if self.datastore.originator_id_type == "uuid" else str.encode
            links = extend(GENESIS, [(r[0], as_bytes(r[1]), r[2], r[3], r[4]) for r in c.fetchall()])
            c.executemany(f"INSERT INTO {self.chain_table} (position, link) VALUES (?, ?)", links)
            c.execute(f"INSERT INTO {self.seals_table} (position, link, sealed_at, actor) VALUES (?, ?, ?, ?)",
                      (links[-1][0], links[-1][1], datetime.now(timezone.utc).isoformat(), ADOPTED_BY))

    checks_reads_at_write = True  # R7 and the command's reads are checked as it writes (_insert_events)

    def insert_events(self, stored_events: Sequence[StoredEvent], **kwargs: Any) -> Sequence[int] | None:
        """The library's insert_events in one transaction, with the library's own transaction (BEGIN,
        COMMIT or ROLLBACK, its errors) but without its three generator context managers around it,
        on the pool's events writer where there is one."""
        pool = self.datastore.pool
        if isinstance(pool, StatementCachingPool) and pool.has_events_writer:
            connection = pool.acquire_events_writer()
            try:
                with SQLiteTransaction(connection, commit=True) as c, c:
                    return self._insert_events(c, stored_events, **kwargs)
            finally:
                pool.release_events_writer()
        connection = pool.get_connection(is_writer=True)
        try:
            with SQLiteTransaction(connection, commit=True) as c, c:
                return self._insert_events(c, stored_events, **kwargs)
        finally:
            pool.put_connection(connection)

    def _insert_events(self, c: SQLiteCursor, stored_events: Sequence[StoredEvent], **kwargs: Any) -> Sequence[int] | None:
        if not stored_events:
            return []
        cursor = c.sqlite_cursor
        cursor.row_factory = None  # plain tuples: this cursor is ours, and sqlite3.Row costs more
        positions = []
        for s in stored_events:  # the library's insert, a row at a time for each row's position
            key = s.originator_id.hex if isinstance(s.originator_id, UUID) else s.originator_id
            cursor.execute(self.insert_events_statement, (key, s.originator_version, s.topic, s.state))
            positions.append(cursor.lastrowid)
        head = self._head_after_checks(c, kwargs.get(OPEN_YEARS) or (), kwargs.get(READ_VERSIONS) or {})
        self._extend_chain(c, stored_events, positions, head)
        return positions

    def _head_after_checks(self, c: SQLiteCursor, open_years: Sequence[UUID], read: dict[UUID, int]) -> bytes:
        """Under the write lock (the insert above took it), one query reads the chain's head and
        the versions to check: each year the facts fall in is still open (R7) and each aggregate
        the command read is still at the version it read; raising rolls the transaction back."""
        ids = (*open_years, *read)
        if self.datastore.originator_id_type == "uuid":  # the keys as the ids are stored
            keys = [i.hex if isinstance(i, UUID) else i for i in ids]
        else:
            keys = [str(i) for i in ids]
        by_key = dict(zip(keys, ids))
        cursor = c.sqlite_cursor
        cursor.execute(self._head_and_versions_sql(len(ids)), keys)
        head, stored = GENESIS, {}
        for key, version, link in cursor.fetchall():
            if link is None:
                stored[by_key[key]] = version
            else:
                head = link
        if ids:
            raise_if_moved_on(open_years, read, stored)
        return head

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

    def _head_and_versions_sql(self, ids: int) -> str:
        """The head, then each id with its newest version (a correlated MAX per id: an index seek,
        where a GROUP BY over the ids would read every version of each); one statement per count."""
        statement = self._statements.get(ids)
        if statement is None:
            statement = f"SELECT * FROM (SELECT NULL, NULL, link FROM {self.chain_table} ORDER BY position DESC LIMIT 1)"
            if ids:
                statement = (f"WITH ids(id) AS (VALUES {', '.join(['(?)'] * ids)}) {statement} UNION ALL SELECT id, "
                             f"(SELECT MAX(originator_version) FROM {self.events_table_name} WHERE originator_id = ids.id),"
                             " NULL FROM ids")
            self._statements[ids] = statement
        return statement

    def _extend_chain(self, c: SQLiteCursor, events: Sequence[StoredEvent], positions: Sequence[int],
                      head: bytes) -> None:
        rows = [
            (p, originator_bytes(e.originator_id), e.originator_version, e.topic, e.state)
            for p, e in zip(positions, events, strict=True)
        ]
        c.sqlite_cursor.executemany(self._insert_links_statement, extend(head, rows))

    # --- reading for the audit tools --------------------------------------------------------

    @contextmanager
    def scan(self) -> Iterator[Scan]:
        with self.datastore.transaction(commit=False) as c:
            cursor = c.sqlite_cursor
            cursor.row_factory = None  # plain tuples: verify reads every row
            cursor.execute(f"SELECT position, link FROM {self.chain_table} WHERE position NOT IN "
                           f"(SELECT rowid FROM {self.events_table_name}) ORDER BY position")
            orphans = [(p, bytes(link)) for p, link in cursor.fetchall()]
            cursor.execute(f"SELECT e.rowid, e.originator_id, e.originator_version, e.topic, e.state, c.link "
                           f"FROM {self.events_table_name} e LEFT JOIN {self.chain_table} c ON c.position = e.rowid "
                           "ORDER BY e.rowid")
            yield Scan(events=self._event_rows(cursor), orphans=orphans)

    def _event_rows(self, cursor: Any) -> Iterator[tuple[int, bytes, int, str, bytes, bytes | None]]:
        as_bytes = bytes.fromhex if self.datastore.originator_id_type == "uuid" else str.encode
        while batch := cursor.fetchmany(PAGE):
            for position, originator, version, topic, state, link in batch:
                yield position, as_bytes(originator), version, topic, state, link

    def head(self) -> LinkRow | None:
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"SELECT position, link FROM {self.chain_table} ORDER BY position DESC LIMIT 1")
            row = c.fetchone()
            return (row[0], bytes(row[1])) if row else None

    def links_between(self, first: int, last: int) -> dict[int, bytes]:
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"SELECT position, link FROM {self.chain_table} WHERE position BETWEEN ? AND ?", (first, last))
            return {row[0]: bytes(row[1]) for row in c.fetchall()}

    def positions_of(self, originator_id: UUID | str) -> dict[int, int]:
        key = originator_id.hex if isinstance(originator_id, UUID) else originator_id
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"SELECT originator_version, rowid FROM {self.events_table_name} WHERE originator_id = ?", (key,))
            return {row[0]: row[1] for row in c.fetchall()}

    # --- seals and import -------------------------------------------------------------------

    def add_seal(self, seal: Seal) -> None:
        with self.datastore.transaction(commit=True) as c:
            c.execute(f"INSERT INTO {self.seals_table} (position, link, sealed_at, actor) VALUES (?, ?, ?, ?)",
                      (seal.position, seal.link, seal.sealed_at.isoformat(), seal.actor))

    def seals(self) -> list[Seal]:
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"SELECT position, link, sealed_at, actor FROM {self.seals_table} ORDER BY id")
            return [Seal(r[0], bytes(r[1]), datetime.fromisoformat(r[2]), r[3]) for r in c.fetchall()]

    def import_rows(self, rows: Iterable[tuple[int, UUID | str, int, str, bytes, bytes]]) -> int:
        """Restore events at their positions with their links, in one transaction, into an empty store."""
        count = 0
        with self.datastore.transaction(commit=True) as c:
            c.execute(f"INSERT INTO {self.chain_table} (position, link) SELECT -1, x'' WHERE 0")  # take the write lock
            c.execute(f"SELECT EXISTS (SELECT 1 FROM {self.events_table_name}) "
                      f"OR EXISTS (SELECT 1 FROM {self.chain_table})")
            if c.fetchone()[0]:
                raise IntegrityError("the event store is not empty")
            for position, originator_id, version, topic, state, link in rows:
                key = originator_id.hex if isinstance(originator_id, UUID) else originator_id
                c.execute(f"INSERT INTO {self.events_table_name} (rowid, originator_id, originator_version, topic, "
                          "state) VALUES (?, ?, ?, ?, ?)", (position, key, version, topic, state))
                c.execute(f"INSERT INTO {self.chain_table} (position, link) VALUES (?, ?)", (position, link))
                count += 1
        return count

