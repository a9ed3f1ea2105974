"""Where each view has got to in the stream: one row per projection, written in the same
transaction as the view rows of the batch it records, so a crash loses or repeats nothing."""
from __future__ import annotations

from typing import Any

from eventsourcing.persistence import IntegrityError, Tracking, TrackingRecorder
from sqlalchemy.exc import IntegrityError as SqlIntegrityError
from sqlalchemy import BigInteger, Column, Connection, Engine, String, Table, select, update

from infrastructure.projections.base import METADATA

TRACKING = Table(
    "projection_tracking",
    METADATA,
    Column("name", String(100), primary_key=True),
    Column("position", BigInteger, nullable=False),
)


def positions(conn: Connection, names: list[str], lock: bool = False) -> dict[str, int]:
    """The recorded position of each named projection (0 if it has none); with `lock`, the rows
    stay locked until the transaction ends (PostgreSQL; SQLite already holds its write lock)."""
    query = select(TRACKING.c.name, TRACKING.c.position).where(TRACKING.c.name.in_(names))
    if lock and conn.dialect.name == "postgresql":
        query = query.with_for_update()
    found = dict(conn.execute(query).all())
    return {name: found.get(name, 0) for name in names}


def advance(conn: Connection, name: str, position: int) -> None:
    """Record that `name` has applied every event up to `position`. A position at or behind the
    recorded one means someone else applied these events already: IntegrityError, roll back."""
    moved = conn.execute(
        update(TRACKING).where(TRACKING.c.name == name, TRACKING.c.position < position).values(position=position)
    ).rowcount
    if moved:
        return
    recorded = conn.execute(select(TRACKING.c.position).where(TRACKING.c.name == name)).scalar()
    if recorded is not None:
        raise IntegrityError(f"projection '{name}' is already at position {recorded}, not before {position}")
    conn.execute(TRACKING.insert().values(name=name, position=position))


def forget(conn: Connection, name: str) -> None:
    """Drop the projection's position, for a rebuild from zero."""
    conn.execute(TRACKING.delete().where(TRACKING.c.name == name))


class ViewTrackingRecorder(TrackingRecorder):
    """Our tracking table behind the library's TrackingRecorder interface, so the library's own
    conformance tests (TrackingRecorderTestCase) hold it to the same contract as its recorders."""

    def __init__(self, engine: Engine, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.engine = engine
        TRACKING.create(engine, checkfirst=True)

    def insert_tracking(self, tracking: Tracking) -> None:
        try:
            with self.engine.begin() as conn:
                advance(conn, tracking.application_name, tracking.notification_id)
        except SqlIntegrityError as e:  # a lost race to insert the first row: the same violation
            raise IntegrityError(str(e.orig)) from e

    def max_tracking_id(self, application_name: str) -> int | None:
        with self.engine.connect() as conn:
            return conn.execute(
                select(TRACKING.c.position).where(TRACKING.c.name == application_name)
            ).scalar()
