"""Feeding a projection the stored events directly, as the runner would, for tests of the ledger
and the report that must not depend on the runner."""
from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import BigInteger, Column, Engine, MetaData, String, Table, create_engine, delete, insert

from infrastructure.projections.base import METADATA, Envelope
from infrastructure.projections.ledger import Ledger


TRACKING = Table("projection_tracking", MetaData(), Column("name", String(100), primary_key=True),
                 Column("position", BigInteger, nullable=False))  # the runner's table, as the runner keeps it


def envelopes(app, start: int = 1, batch: int = 500) -> Iterator[Envelope]:
    """Every stored event from position `start` on, decoded, in notification order."""
    while True:
        notifications = app.recorder.select_notifications(start, batch)
        for n in notifications:
            yield Envelope(
                position=n.id, originator_id=n.originator_id, version=n.originator_version,
                topic=n.topic, state=n.state, event=app.mapper.to_domain_event(n),
            )
        if len(notifications) < batch:
            return
        start = notifications[-1].id + 1


def ledger_engine(path) -> Engine:
    engine = create_engine(f"sqlite:///{path}")
    METADATA.create_all(engine, tables=list(Ledger.tables))
    TRACKING.create(engine)
    return engine


def feed(app, engine: Engine, start: int = 1, batch: int = 100) -> int:
    """Apply the events from `start` to the ledger in batches; returns the last position fed."""
    ledger, pending, last = Ledger(), [], start - 1
    with engine.begin() as conn:
        for envelope in envelopes(app, start):
            pending.append(envelope)
            last = envelope.position
            if len(pending) == batch:
                ledger.apply(conn, pending)
                pending = []
        if pending:
            ledger.apply(conn, pending)
        if last >= start:
            conn.execute(delete(TRACKING).where(TRACKING.c.name == Ledger.name))
            conn.execute(insert(TRACKING).values(name=Ledger.name, position=last))
    return last


def catch_up(app, engine: Engine):
    """A callable that feeds the ledger the events it has not seen yet (the runner's job)."""
    from infrastructure.reports.ledger_tables import LedgerTables

    def run() -> None:
        feed(app, engine, start=(LedgerTables.on_engine(engine).position() or 0) + 1)

    return run
