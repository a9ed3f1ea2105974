"""Our PostgreSQL application recorder, writing the audit chain with the events."""
from __future__ import annotations

import json
import weakref
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from uuid import UUID

import psycopg
from eventsourcing.persistence import (
    IntegrityError, InterfaceError, OperationalError, ProgrammingError, StoredEvent,
)
from eventsourcing.postgres import PostgresDatastore
from eventsourcing.utils import retry
from psycopg.rows import tuple_row
from psycopg.sql import SQL, Identifier, Literal

from domain.audit import LinkRow, Seal
from domain.consistency import OPEN_YEARS, READ_VERSIONS
from infrastructure.audit.checks import raise_if_moved_on
from infrastructure.audit.chain import ADOPTED_BY, GENESIS, extend
from infrastructure.audit.tools import ChainTools
from infrastructure.audit.recorder import Scan
from infrastructure.postgres_store import SerialisedSchemaRecorder

PAGE = 10_000
MOVED_ON = "UDS01"  # the SQLSTATE the append function raises when a read moved on or a year closed


class ChainedPostgresRecorder(ChainTools, SerialisedSchemaRecorder):
    """A command's events are appended by one call of a PL/pgSQL function (`append_function`):
    under the library's EXCLUSIVE table lock, so one transaction at a time appends and positions
    commit in the order they are issued, it checks the command's reads and R7, inserts the events,
    links each to the chain's head, and notifies followers, in one round trip and one transaction.
    (The library's pipelined insert took three round trips, and committed what was written before
    an error raised after its insert.) Reading, verifying and importing are the library's queries."""

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
        self._originator_sql = SQL("uuid_send(e.originator_id)" if datastore.originator_id_type == "uuid"
                                   else "convert_to(e.originator_id, 'UTF8')")
        self.append_function = f"udsyn_append_{events_table_name}"
        self.check_identifier_length(self.append_function)
        id_type = SQL("uuid" if datastore.originator_id_type == "uuid" else "text")
        self.sql_create_statements.append(append_function(
            function=SQL("{}.{}").format(schema, Identifier(self.append_function)), id_type=id_type,
            events=self._events, chain=self._chain, channel=self.channel_name,
            originator=SQL("uuid_send(ids[i])" if datastore.originator_id_type == "uuid"
                           else "convert_to(ids[i], 'UTF8')"),
        ))
        self._set_lock_timeout = f"SET lock_timeout = '{datastore.lock_timeout}s'".encode()
        self._lock_timeout_set: weakref.WeakSet[Any] = weakref.WeakSet()
        # Rendered to bytes once: psycopg renders a composed statement on every execute.
        self._append = as_bytes(SQL("SELECT * FROM {}.{}(%s::{id}[], %s::bigint[], %s::text[], %s::bytea[], "
                                    "%s::{id}[], %s::bigint[], %s, %s)").format(
            schema, Identifier(self.append_function), id=id_type))

    def create_table(self) -> None:
        with self.datastore.get_connection() as conn:  # a store the library's own recorder wrote, if any events
            unchained = conn.execute("SELECT to_regclass(%s) IS NULL AS missing",
                                     (self._chain.as_string(conn),)).fetchone()["missing"]
        super().create_table()
        if unchained:
            self._adopt_unchained_events()

    def _adopt_unchained_events(self) -> None:
        """A store written before the chain existed gets its chain now, once, under the table lock,
        with a seal row saying so: verify then reads clean, and says from where it vouches. Only
        when the chain's table was made by this opening (`create_table`): a chain emptied later is
        tampering, for verify to find, never a reason to chain the events again."""
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

    checks_reads_at_write = True  # R7 and the command's reads are checked as it writes (below)

    @retry((InterfaceError, OperationalError), max_attempts=10, wait=0.2)
    def insert_events(self, stored_events: Sequence[StoredEvent], **kwargs: Any) -> Sequence[int] | None:
        """One statement, one round trip, its own transaction: the append function locks the
        table, checks that each year the facts fall in is still open (R7) and that each aggregate
        the command read is still at the version it read, inserts the events with their chain
        links and notifies followers. A refusal raises before anything is inserted."""
        if not stored_events:
            return []
        open_years, read = kwargs.get(OPEN_YEARS) or (), kwargs.get(READ_VERSIONS) or {}
        checks = [*open_years, *read]
        params = (  # arrays as their text literals: psycopg's list adapter took a tenth of a command's CPU
            array_literal([e.originator_id for e in stored_events]),
            array_literal([e.originator_version for e in stored_events]),
            array_literal([e.topic for e in stored_events]),
            "{" + ",".join([f'"\\\\x{e.state.hex()}"' for e in stored_events]) + "}",
            array_literal(checks), array_literal([*(None for _ in open_years), *read.values()]),
            GENESIS, None,  # the lock timeout is the connection's (below)
        )
        with self.datastore.get_connection() as conn, conn.cursor(row_factory=tuple_row) as curs:
            if conn not in self._lock_timeout_set:  # once per connection, not per call (~0.1 ms each)
                curs.execute(self._set_lock_timeout)
                self._lock_timeout_set.add(conn)
            try:
                curs.execute(self._append, params, prepare=True)
            except psycopg.Error as e:
                if e.sqlstate != MOVED_ON:
                    raise
                found = json.loads(e.diag.message_detail or "{}")
                raise_if_moved_on(open_years, read, [found.get(str(i)) for i in checks])
                raise ProgrammingError(f"the store refused a write it found current: {found}") from None
            return [position for position, in curs.fetchall()]

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

    def snapshot_versions(self, table: str) -> list[tuple[Any, int]]:
        """Every snapshot in `table` (a snapshot table of this schema) as (originator, version)."""
        with self.datastore.get_connection() as conn:
            rows = conn.execute(SQL("SELECT originator_id, originator_version FROM {}.{} ORDER BY 1, 2")
                                .format(Identifier(self.datastore.schema), Identifier(table))).fetchall()
            return [(r["originator_id"], r["originator_version"]) for r in rows]

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


def array_literal(values: Sequence[Any]) -> str:
    """A PostgreSQL array's text form: each element quoted (backslash and quote escaped), None as NULL."""
    return "{" + ",".join(["NULL" if v is None else '"' + str(v).replace("\\", "\\\\").replace('"', '\\"') + '"'
                           for v in values]) + "}"


def as_bytes(statement: Any) -> bytes:
    """A composed statement as the bytes psycopg would render it (identifiers quoted the same)."""
    return statement if isinstance(statement, bytes) else statement.as_bytes(None)


def _pages(cursor: Any) -> Iterator[Any]:
    while batch := cursor.fetchmany(PAGE):
        yield from batch


def append_function(*, function: Any, id_type: Any, events: Any, chain: Any, channel: str, originator: Any) -> Any:
    """The append function: under the table lock (EXCLUSIVE, as the library takes it, so that
    positions are committed in the order they are issued), the checks, then each event inserted
    with its link: sha256(previous link ‖ position ‖ originator ‖ version ‖ topic ‖ state), the
    same bytes `chain.next_link` hashes (fixed widths, big-endian, length prefixes)."""
    return SQL("""
CREATE OR REPLACE FUNCTION {function}(
    ids {id}[], versions bigint[], topics text[], states bytea[],
    check_ids {id}[], check_versions bigint[], genesis bytea, lock_timeout text)
RETURNS SETOF bigint LANGUAGE plpgsql AS $append$
DECLARE
    stored bigint;
    found jsonb;
    prev bytea;
    pos bigint;
    o bytea;
    t bytea;
BEGIN
    IF lock_timeout IS NOT NULL THEN  -- setting it costs a fifth of the function's time
        PERFORM set_config('lock_timeout', lock_timeout, true);
    END IF;
    LOCK TABLE {events} IN EXCLUSIVE MODE;
    FOR i IN 1 .. cardinality(check_ids) LOOP
        SELECT MAX(originator_version) INTO stored FROM {events} WHERE originator_id = check_ids[i];
        IF stored IS DISTINCT FROM check_versions[i] THEN
            SELECT jsonb_object_agg(c.id::text, (SELECT MAX(e.originator_version) FROM {events} e
                                                WHERE e.originator_id = c.id))
            INTO found FROM unnest(check_ids) AS c(id);
            RAISE EXCEPTION 'a read moved on or a year was closed' USING ERRCODE = 'UDS01', DETAIL = found::text;
        END IF;
    END LOOP;
    SELECT link INTO prev FROM {chain} ORDER BY notification_id DESC LIMIT 1;
    prev := coalesce(prev, genesis);
    FOR i IN 1 .. cardinality(ids) LOOP
        INSERT INTO {events} (originator_id, originator_version, topic, state)
        VALUES (ids[i], versions[i], topics[i], states[i]) RETURNING notification_id INTO pos;
        o := {originator};
        t := convert_to(topics[i], 'UTF8');
        prev := sha256(prev || int8send(pos) || int2send(octet_length(o)::smallint) || o
                       || int8send(versions[i]) || int4send(octet_length(t)) || t || states[i]);
        INSERT INTO {chain} (notification_id, link) VALUES (pos, prev);
        RETURN NEXT pos;
    END LOOP;
    PERFORM pg_notify({channel}, '');
END
$append$""").format(function=function, id=id_type, events=events, chain=chain, channel=Literal(channel),
                    originator=originator)
