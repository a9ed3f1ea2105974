"""Our PostgreSQL application recorder, writing the audit chain with the events."""
from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from uuid import UUID

from eventsourcing.persistence import IntegrityError, ProgrammingError, StoredEvent
from eventsourcing.postgres import PostgresDatastore
from psycopg.rows import tuple_row
from psycopg.sql import SQL, Identifier

from domain.consistency import OPEN_YEARS, READ_VERSIONS
from infrastructure.audit.checks import raise_if_moved_on
from infrastructure.audit.chain import ADOPTED_BY, GENESIS, extend, originator_bytes
from infrastructure.audit.tools import ChainTools
from infrastructure.audit.recorder import LinkRow, Scan, Seal
from infrastructure.postgres_store import SerialisedSchemaRecorder

PAGE = 10_000


class ChainedPostgresRecorder(ChainTools, SerialisedSchemaRecorder):
    """The library locks the events table (EXCLUSIVE) before inserting, so one transaction at a
    time appends: the previous link read after the insert, in the same transaction, is the head."""

    def __init__(self, datastore: PostgresDatastore, *, events_table_name: str = "stored_events"):
        super().__init__(datastore, events_table_name=events_table_name)
        if datastore.enable_db_functions:
            raise ProgrammingError("the audit chain needs POSTGRES_ENABLE_DB_FUNCTIONS off")
        self.chain_table = f"{events_table_name}_chain"
        self.seals_table = f"{events_table_name}_seals"
        self.check_identifier_length(self.chain_table)
        self.check_identifier_length(self.seals_table)
        schema = Identifier(datastore.schema)
        self._events = SQL("{}.{}").format(schema, Identifier(self.events_table_name))
        self._chain = SQL("{}.{}").format(schema, Identifier(self.chain_table))
        self._seals = SQL("{}.{}").format(schema, Identifier(self.seals_table))
        self.sql_create_statements += [
            SQL("CREATE TABLE IF NOT EXISTS {} (notification_id bigint PRIMARY KEY, link bytea NOT NULL)")
            .format(self._chain),
            SQL("CREATE TABLE IF NOT EXISTS {} (id bigserial PRIMARY KEY, notification_id bigint NOT NULL, "
                "link bytea NOT NULL, sealed_at timestamptz NOT NULL, actor text NOT NULL)").format(self._seals),
        ]
        self._select_events_by_shape: dict[tuple[bool, ...], Any] = {}
        self._insert_links = SQL("INSERT INTO {} (notification_id, link) SELECT * FROM unnest(%s::bigint[], "
                                 "%s::bytea[])").format(self._chain)
        id_type = SQL("uuid" if datastore.originator_id_type == "uuid" else "text")
        self._select_head_and_versions = SQL(
            "SELECT NULL::{id} AS originator_id, NULL::bigint AS version, link FROM "
            "(SELECT link FROM {chain} ORDER BY notification_id DESC LIMIT 1) AS head UNION ALL "
            "SELECT i.id, (SELECT MAX(originator_version) FROM {events} WHERE originator_id = i.id), NULL "
            "FROM unnest(%s::{id}[]) AS i(id)"
        ).format(id=id_type, chain=self._chain, events=self._events)
        self._head = threading.local()  # the chain's head, read under the lock for the insert that follows
        # Statements rendered to bytes once: psycopg renders a composed statement on every execute
        # (a tenth of a command's CPU here) but caches what it derives from bytes.
        self.insert_events_statement = as_bytes(self.insert_events_statement)
        self.lock_table_statements = [as_bytes(s) for s in self.lock_table_statements]
        self._notify = as_bytes(SQL("NOTIFY {0}").format(Identifier(self.channel_name)))
        self._select_head_and_versions = as_bytes(self._select_head_and_versions)
        self._insert_links = as_bytes(self._insert_links)
        self._originator_sql = SQL("uuid_send(e.originator_id)" if datastore.originator_id_type == "uuid"
                                   else "convert_to(e.originator_id, 'UTF8')")

    def create_table(self) -> None:
        super().create_table()
        self._adopt_unchained_events()

    def _adopt_unchained_events(self) -> None:
        """A store written before the chain existed gets its chain now, once, under the table lock,
        with a seal row saying so: verify then reads clean, and says from where it vouches."""
        exists = SQL("SELECT EXISTS (SELECT 1 FROM {}) AS chained, EXISTS (SELECT 1 FROM {}) AS stored")
        with self.datastore.get_connection() as conn:
            row = conn.execute(exists.format(self._chain, self._events)).fetchone()
            if row["chained"] or not row["stored"]:
                return
            with conn.transaction(), conn.cursor() as curs:
                self._lock_table(curs)
                if curs.execute(exists.format(self._chain, self._events)).fetchone()["chained"]:
                    return
                rows = curs.execute(SQL("SELECT e.notification_id, {} AS originator, e.originator_version, e.topic, "
                                        "e.state FROM {} e ORDER BY 1").format(self._originator_sql, self._events))
                links = extend(GENESIS, [(r["notification_id"], bytes(r["originator"]), r["originator_version"],
                                          r["topic"], bytes(r["state"])) for r in rows.fetchall()])
                curs.executemany(SQL("INSERT INTO {} (notification_id, link) VALUES (%s, %s)").format(self._chain),
                                 links)
                curs.execute(SQL("INSERT INTO {} (notification_id, link, sealed_at, actor) VALUES (%s, %s, now(), %s)")
                             .format(self._seals), (links[-1][0], links[-1][1], ADOPTED_BY))

    def select_events(self, originator_id: UUID | str, *, gt: int | None = None, lte: int | None = None,
                      desc: bool = False, limit: int | None = None) -> Sequence[StoredEvent]:
        """The library's query, its statement composed once per shape rather than on every call
        (a command loads two or three aggregates; composing the SQL was a tenth of each load)."""
        shape = (gt is not None, lte is not None, desc, limit is not None)
        statement = self._select_events_by_shape.get(shape)
        if statement is None:
            statement = self.select_events_statement
            statement += SQL(" AND originator_version > %s") if shape[0] else SQL("")
            statement += SQL(" AND originator_version <= %s") if shape[1] else SQL("")
            statement += SQL(" ORDER BY originator_version DESC" if desc else " ORDER BY originator_version ASC")
            statement += SQL(" LIMIT %s") if shape[3] else SQL("")
            statement = self._select_events_by_shape[shape] = as_bytes(statement)
        params = [originator_id, *(p for p in (gt, lte, limit) if p is not None)]
        with self.datastore.get_connection() as conn, conn.cursor() as curs:
            curs.execute(statement, params, prepare=True)
            return [StoredEvent(originator_id=row["originator_id"], originator_version=row["originator_version"],
                                topic=row["topic"], state=bytes(row["state"])) for row in curs.fetchall()]

    def _notify_channel(self, curs: Any) -> None:
        curs.execute(self._notify)

    checks_reads_at_write = True  # R7 and the command's reads are checked as it writes (below)

    def _insert_stored_events(self, curs: Any, stored_events: Sequence[StoredEvent], **kwargs: Any) -> None:
        """Under the table lock, before anything is inserted, one query reads the chain's head and
        the versions to check: each year the facts fall in is still open (R7) and each aggregate
        the command read is still at the version it read. (The library commits what was written
        before an error raised here, so the check comes first: nothing is written when it refuses.)"""
        open_years, read = kwargs.get(OPEN_YEARS) or (), kwargs.get(READ_VERSIONS) or {}
        self._lock_table(curs)
        rows = curs.execute(self._select_head_and_versions, ([*open_years, *read],), prepare=True).fetchall()
        raise_if_moved_on(open_years, read, {r["originator_id"]: r["version"] for r in rows if r["link"] is None})
        self._head.link = next((bytes(r["link"]) for r in rows if r["link"] is not None), GENESIS)
        super()._insert_stored_events(curs, stored_events, **kwargs)

    def _fetch_ids_after_insert_events(
        self, curs: Any, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        positions = super()._fetch_ids_after_insert_events(curs, stored_events, **kwargs) or []
        head, self._head.link = self._head.link, None  # read under the lock, before the insert
        rows = [
            (p, originator_bytes(e.originator_id), e.originator_version, e.topic, e.state)
            for p, e in zip(positions, stored_events, strict=True)
        ]
        links = extend(head, rows)
        curs.execute(self._insert_links, ([p for p, _ in links], [link for _, link in links]), prepare=True)
        return positions

    # --- reading for the audit tools --------------------------------------------------------

    @contextmanager
    def scan(self) -> Iterator[Scan]:
        with self.datastore.get_connection() as conn, conn.transaction():
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            with conn.cursor(row_factory=tuple_row) as plain:
                orphans = [(p, bytes(link)) for p, link in plain.execute(
                    SQL("SELECT c.notification_id, c.link FROM {} c WHERE NOT EXISTS (SELECT 1 FROM {} e "
                        "WHERE e.notification_id = c.notification_id) ORDER BY 1").format(self._chain, self._events)
                ).fetchall()]
            rows = conn.cursor(name="udsyn_verify", row_factory=tuple_row)
            rows.itersize = PAGE
            rows.execute(SQL("SELECT e.notification_id, {}, e.originator_version, e.topic, e.state, c.link "
                             "FROM {} e LEFT JOIN {} c ON c.notification_id = e.notification_id "
                             "ORDER BY e.notification_id").format(self._originator_sql, self._events, self._chain))
            try:
                yield Scan(events=_pages(rows), orphans=orphans)
            finally:
                rows.close()

    def head(self) -> LinkRow | None:
        with self.datastore.get_connection() as conn:
            row = conn.execute(SQL("SELECT notification_id, link FROM {} ORDER BY notification_id DESC LIMIT 1")
                               .format(self._chain)).fetchone()
            return (row["notification_id"], bytes(row["link"])) if row else None

    def links_between(self, first: int, last: int) -> dict[int, bytes]:
        with self.datastore.get_connection() as conn:
            rows = conn.execute(SQL("SELECT notification_id, link FROM {} WHERE notification_id BETWEEN %s AND %s")
                                .format(self._chain), (first, last)).fetchall()
            return {r["notification_id"]: bytes(r["link"]) for r in rows}

    def positions_of(self, originator_id: UUID | str) -> dict[int, int]:
        with self.datastore.get_connection() as conn:
            rows = conn.execute(SQL("SELECT originator_version, notification_id FROM {} WHERE originator_id = %s")
                                .format(self._events), (originator_id,)).fetchall()
            return {r["originator_version"]: r["notification_id"] for r in rows}

    # --- seals and import -------------------------------------------------------------------

    def add_seal(self, seal: Seal) -> None:
        with self.datastore.get_connection() as conn, conn.transaction():
            conn.execute(SQL("INSERT INTO {} (notification_id, link, sealed_at, actor) VALUES (%s, %s, %s, %s)")
                         .format(self._seals), (seal.position, seal.link, seal.sealed_at, seal.actor))

    def seals(self) -> list[Seal]:
        with self.datastore.get_connection() as conn:
            rows = conn.execute(SQL("SELECT notification_id, link, sealed_at, actor FROM {} ORDER BY id")
                                .format(self._seals)).fetchall()
            return [Seal(r["notification_id"], bytes(r["link"]), r["sealed_at"], r["actor"]) for r in rows]

    def import_rows(self, rows: Iterable[tuple[int, UUID | str, int, str, bytes, bytes]]) -> int:
        """Restore events at their positions with their links, in one transaction, into an empty store."""
        count = 0
        with self.datastore.get_connection() as conn, conn.transaction(), conn.cursor() as curs:
            self._lock_table(curs)
            curs.execute(SQL("SELECT EXISTS (SELECT 1 FROM {}) OR EXISTS (SELECT 1 FROM {}) AS used")
                         .format(self._events, self._chain))
            if curs.fetchone()["used"]:
                raise IntegrityError("the event store is not empty")
            batch: list[tuple[int, UUID | str, int, str, bytes, bytes]] = []
            for row in rows:
                batch.append(row)
                if len(batch) == PAGE:
                    count += self._import_batch(curs, batch)
                    batch = []
            count += self._import_batch(curs, batch)
            curs.execute(SQL("SELECT setval(pg_get_serial_sequence(%s, 'notification_id'), "
                             "GREATEST((SELECT MAX(notification_id) FROM {}), 1), "
                             "(SELECT MAX(notification_id) FROM {}) IS NOT NULL)").format(self._events, self._events),
                         (f'"{self.datastore.schema}"."{self.events_table_name}"',))
        return count

    def _import_batch(self, curs: Any, batch: list[tuple[int, UUID | str, int, str, bytes, bytes]]) -> int:
        if not batch:
            return 0
        curs.executemany(
            SQL("INSERT INTO {} (notification_id, originator_id, originator_version, topic, state) "
                "VALUES (%s, %s, %s, %s, %s)").format(self._events),
            [(p, o, v, t, s) for p, o, v, t, s, _ in batch],
        )
        curs.executemany(SQL("INSERT INTO {} (notification_id, link) VALUES (%s, %s)").format(self._chain),
                         [(p, link) for p, _, _, _, _, link in batch])
        return len(batch)


def as_bytes(statement: Any) -> bytes:
    """A composed statement as the bytes psycopg would render it (identifiers quoted the same)."""
    return statement if isinstance(statement, bytes) else statement.as_bytes(None)


def _pages(cursor: Any) -> Iterator[Any]:
    while batch := cursor.fetchmany(PAGE):
        yield from batch
