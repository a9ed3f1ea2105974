"""The SQLite chain beside the command path: its start over a store written before it, and what
the audit tools read and write (the scan, the head, links, positions, seals, an import)."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any
from uuid import UUID

from eventsourcing.persistence import IntegrityError

from infrastructure.audit.chain import ADOPTED_BY, GENESIS, extend
from infrastructure.audit.recorder import Scan

if TYPE_CHECKING:  # loaded where a seal is read (seals): the audit's values are
    # ~1 ms of the start-up of a command that never reads one
    from domain.audit import LinkRow, Seal

PAGE = 10_000


class SQLiteChainReads:
    """Mixed into the chained SQLite recorder (which sets `datastore`, `events_table_name`,
    `chain_table` and `seals_table`)."""

    datastore: Any
    events_table_name: str
    chain_table: str
    seals_table: str

    def _chain_table_exists(self) -> bool:
        with self.datastore.transaction(commit=False) as c:
            c.execute("SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?)",
                      (self.chain_table,))
            return bool(c.fetchone()[0])

    def _adopt_unchained_events(self) -> None:
        """A store written before the chain existed gets its chain now, once, under the write lock,
        with a seal row saying so: verify then reads clean, and says from where it vouches. Only
        when the chain's table was made by this opening (`create_table`): a chain emptied later is
        tampering, for verify to find, never a reason to chain the events again."""
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
                try:
                    originator = as_bytes(originator)
                except (TypeError, ValueError):  # not an id at all: verify finds the row altered
                    pass
                yield position, originator, version, topic, state, link

    def head(self) -> LinkRow | None:
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"SELECT position, link FROM {self.chain_table} ORDER BY position DESC LIMIT 1")
            row = c.fetchone()
            return (row[0], bytes(row[1])) if row else None

    def links_between(self, first: int, last: int) -> dict[int, bytes]:
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"SELECT position, link FROM {self.chain_table} WHERE position BETWEEN ? AND ?", (first, last))
            return {row[0]: bytes(row[1]) for row in c.fetchall()}

    def snapshot_versions(self, table: str) -> list[tuple[Any, int]]:
        """Every snapshot in `table` (a snapshot table of this database) as (originator, version);
        an originator that is no id is passed as stored, for the caller to find it altered."""
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"SELECT originator_id, originator_version FROM {table} ORDER BY originator_id, "
                      "originator_version")
            rows = c.fetchall()
        as_id = UUID if self.datastore.originator_id_type == "uuid" else str
        found = []
        for originator, version in rows:
            try:
                originator = as_id(originator)
            except (TypeError, ValueError, AttributeError):
                pass
            found.append((originator, version))
        return found

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
        from domain.audit import Seal

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

