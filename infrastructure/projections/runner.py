"""The reporting job: catch views up with the stream in batches, each batch's view writes and
tracking positions committed in one transaction; rebuild a view from position zero."""
from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, Index, inspect, text

from domain.errors import InvalidInput
from infrastructure.projections import tracking
from infrastructure.projections.base import METADATA, Batch, Projection
from infrastructure.projections.engine import READ_ONLY, engine_for
from infrastructure.projections.reader import EventReader
from infrastructure.projections.registry import ALL_PROJECTIONS

BATCH_SIZE = 10_000  # events per transaction: per-batch costs (queries, commit) spread thin; ~30 MB of decoded events
SCHEMA_LOCK = 0x75647380  # advisory-lock key for creating view tables on PostgreSQL

Progress = Callable[[int, int], None]  # (events applied so far, position reached)


@dataclass(frozen=True)
class Status:
    """Where one view stands: its position, the newest event's position, and the distance."""

    name: str
    position: int
    head: int

    @property
    def lag(self) -> int:
        return max(self.head - self.position, 0)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for one batch. A batch allocates hundreds of thousands
    of short-lived objects (decoded events, rows) that reference counting frees; left on, the
    collector would scan them, and every long-lived object, over and over (~7% of a rebuild's CPU).
    It runs again as soon as the batch is done, so any cycle a batch made is still collected. Let
    the batch go inside the block (return from a function that held it): the first allocation
    after it resumes starts a pass over every object made meanwhile that is still alive."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


class ProjectionRunner:
    """Keeps the named views (default: all) of one database current with its event stream."""

    def __init__(self, reader: EventReader, engine: Engine, names: Iterable[str] | None = None,
                 batch_size: int = BATCH_SIZE, create: bool = True) -> None:
        names = list(dict.fromkeys(names)) if names is not None else list(ALL_PROJECTIONS)
        for name in names:
            if name not in ALL_PROJECTIONS:
                raise InvalidInput("projection", f"no projection '{name}' (known: {', '.join(ALL_PROJECTIONS)})")
        self.reader, self.engine, self.batch_size = reader, engine, batch_size
        self.app: Any = None
        self.projections: list[Projection] = [ALL_PROJECTIONS[name]() for name in names]
        self._indexed = False  # whether create_indexes has found or built every deferred index
        if create:
            self.create_tables()

    @classmethod
    def for_app(cls, app: Any, url: str, names: Iterable[str] | None = None, **options: Any) -> ProjectionRunner:
        """The runner for the views of the database behind `app` (its --db URL)."""
        runner = cls(EventReader(app.recorder, app.mapper), engine_for(url), names, **options)
        runner.app = app  # an application closes its event store when collected: keep it alive
        return runner

    @property
    def names(self) -> list[str]:
        return [p.name for p in self.projections]

    def create_tables(self) -> None:
        """Create missing view tables (idempotent; serialised between processes on PostgreSQL)."""
        tables = [tracking.TRACKING, *(t for p in self.projections for t in p.tables)]
        with self.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK})
            METADATA.create_all(conn, tables=tables)
            tracking.enrol(conn, self.names)

    def status(self) -> list[Status]:
        """Each view's position against the head; writes nothing (views never run count as 0)."""
        head = self.reader.head()
        with self.engine.connect().execution_options(**{READ_ONLY: True}) as conn:
            if inspect(conn).has_table(tracking.TRACKING.name):
                found = tracking.positions(conn, self.names)
            else:
                found = dict.fromkeys(self.names, 0)
        return [Status(name, found[name], head) for name in self.names]

    def run_batch(self) -> tuple[int, int]:
        """Apply the next batch to every view behind, in one transaction: (events read, position)."""
        with collector_paused(), self.engine.begin() as conn:
            return self._apply_next(conn)  # its decoded batch is freed as it returns (collector_paused)

    def _apply_next(self, conn: Connection) -> tuple[int, int]:
        at = tracking.positions(conn, self.names, lock=True)
        start = min(at.values(), default=0)
        batch = self.reader.read(after=start, limit=self.batch_size)
        if not batch:
            return 0, start
        first, end = batch[0].position, batch[-1].position
        for projection in self.projections:
            reached = at[projection.name]
            behind = batch if reached < first else Batch(e for e in batch if e.position > reached)
            if behind:
                projection.apply(conn, behind)
                tracking.advance(conn, projection.name, end)
        return len(batch), end

    def catch_up(self, progress: Progress | None = None, stop: Callable[[], bool] = lambda: False) -> int:
        """Apply batches until every view reaches the head (or `stop` says so); events applied.
        At the head, the indexes a rebuild left out are built (see `clear`)."""
        applied = 0
        while not stop():
            count, position = self.run_batch()
            if not count:
                self.create_indexes()
                break
            applied += count
            if progress:
                progress(applied, position)
        return applied

    def clear(self) -> None:
        """Drop and recreate the views' tables and forget their positions, in one transaction,
        so the next catch-up rebuilds them from position zero. The indexes only reads use are
        left out until that catch-up reaches the head: one sorted build at the end instead of an
        index entry placed per row (a crash before then leaves them out, never a row wrong)."""
        with self.engine.begin() as conn:
            tracking.positions(conn, self.names, lock=True)
            tables = [t for p in self.projections for t in p.tables]
            METADATA.drop_all(conn, tables=tables)
            METADATA.create_all(conn, tables=tables)
            for index in self.deferred_indexes():
                index.drop(conn)
            for name in self.names:
                tracking.forget(conn, name)
        self._indexed = False

    def deferred_indexes(self) -> list[Index]:
        """The views' indexes that no view's writes read (only queries and reports do)."""
        return [index for p in self.projections for t in p.tables for index in sorted(t.indexes, key=_name)
                if index not in getattr(p, "write_indexes", ())]

    def create_indexes(self) -> None:
        """Build whichever of the deferred indexes are missing (once per runner once all exist)."""
        if self._indexed:
            return
        with self.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK})
            for index in self.deferred_indexes():
                index.create(conn, checkfirst=True)
        self._indexed = True


def _name(index: Index) -> str:
    return index.name or ""
