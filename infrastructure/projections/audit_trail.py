"""The audit trail (SPEC §4): one row per event, in stream order, with who, when, why and what."""
from __future__ import annotations

from typing import ClassVar

from eventsourcing.utils import get_topic
from sqlalchemy import BigInteger, Column, Connection, Date, Integer, String, Table, Text

from domain.command_record import CommandRecord
from infrastructure.projections.base import METADATA, Envelope
from infrastructure.projections.case_refs import case_ref_table, case_refs, is_project_event
from infrastructure.projections.columns import Timestamp, dumps

AUDIT_TRAIL = Table(
    "audit_trail",
    METADATA,
    Column("position", BigInteger, primary_key=True, autoincrement=False),
    Column("recorded_at", Timestamp, nullable=False),
    Column("effective_date", Date),
    Column("aggregate_id", String(36), nullable=False, index=True),
    Column("aggregate_type", String(60), nullable=False),
    Column("aggregate_version", Integer, nullable=False),
    Column("case_ref", String(40), index=True),
    Column("event_type", String(60), nullable=False),
    Column("actor", String(100)),
    Column("role", String(20)),
    Column("reason", Text),
    Column("command_id", String(100)),
    Column("payload", Text, nullable=False),
)
AUDIT_TRAIL_CASES = case_ref_table("audit_trail_cases")

# What every event carries besides its payload; the payload column holds the rest.
ENVELOPE_FIELDS = frozenset({
    "originator_id", "originator_version", "originator_topic", "timestamp",
    "actor", "role", "command_id", "reason", "effective_date",
})
COMMAND_RECORDED = get_topic(CommandRecord.Applied)


class AuditTrail:
    """Every event as an auditor reads it; the payload is plain JSON (exact decimals, ISO dates)."""

    name: ClassVar[str] = "audit-trail"
    tables: ClassVar[tuple[Table, ...]] = (AUDIT_TRAIL, AUDIT_TRAIL_CASES)

    def apply(self, conn: Connection, batch: list[Envelope]) -> None:
        refs = case_refs(conn, AUDIT_TRAIL_CASES, batch)
        conn.execute(AUDIT_TRAIL.insert(), [self.row(e, refs) for e in batch])

    @staticmethod
    def row(e: Envelope, refs: dict) -> dict:
        event = e.event
        state = vars(event)
        aggregate_type, _, event_type = e.topic.rsplit(":", 1)[-1].rpartition(".")
        if is_project_event(e):
            ref = refs.get(e.originator_id)
        elif e.topic == COMMAND_RECORDED:
            ref = event.result.get("ref")
        else:
            ref = None
        return {
            "position": e.position,
            "recorded_at": event.timestamp,
            "effective_date": state.get("effective_date"),
            "aggregate_id": str(e.originator_id),
            "aggregate_type": aggregate_type or event_type,
            "aggregate_version": e.version,
            "case_ref": ref,
            "event_type": event_type,
            "actor": state.get("actor"),
            "role": state.get("role"),
            "reason": state.get("reason"),
            "command_id": state.get("command_id"),
            "payload": dumps({k: v for k, v in state.items() if k not in ENVELOPE_FIELDS}),
        }
