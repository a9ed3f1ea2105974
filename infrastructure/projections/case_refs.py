"""A view's own index from project id to case reference, learnt from Project.Registered, so a
view can name the case of any later event without reading anything but the stream."""
from __future__ import annotations

from eventsourcing.utils import get_topic
from sqlalchemy import Column, Connection, String, Table, select

from domain.project import Project
from infrastructure.projections.base import METADATA, PROJECT_TOPIC, Batch, Envelope
from infrastructure.projections.columns import insert_rows

REGISTERED = get_topic(Project.Registered)
if REGISTERED.rsplit(".", 1)[0] + "." != PROJECT_TOPIC:  # base.py names it without importing the domain
    raise ImportError(f"project events' topics start {REGISTERED.rsplit('.', 1)[0]}., not {PROJECT_TOPIC}")
CHUNK = 500  # ids per IN (…) query, well under every driver's parameter limit


def is_project_event(envelope: Envelope) -> bool:
    return envelope.topic.startswith(PROJECT_TOPIC)


def case_ref_table(name: str) -> Table:
    return Table(
        name, METADATA,
        Column("project_id", String(36), primary_key=True),
        Column("ref", String(40), nullable=False),
    )


def case_refs(conn: Connection, table: Table, batch: list[Envelope]) -> dict[str, str]:
    """The reference of every project this batch touches, by its id as text (Envelope.aggregate_id:
    a str caches its hash, a UUID computes it in Python at every lookup); registrations in the
    batch are recorded."""
    batch = Batch.of(batch)
    new = {e.aggregate_id: e for e in batch.of_topic(REGISTERED)}
    if new:
        insert_rows(conn, table, [(i, e.event.ref) for i, e in new.items()])
    wanted = sorted(batch.project_ids.keys() - new.keys())
    refs = {i: e.event.ref for i, e in new.items()}
    for start in range(0, len(wanted), CHUNK):
        query = select(table.c.project_id, table.c.ref).where(table.c.project_id.in_(wanted[start:start + CHUNK]))
        refs.update((i, r) for i, r in conn.execute(query))
    return refs
