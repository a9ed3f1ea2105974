"""The audit trail (SPEC §4): one row per event, in stream order, with who, when, why and what."""
from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import ClassVar

from eventsourcing.utils import get_topic
from sqlalchemy import BigInteger, Column, Connection, Date, Integer, String, Table, Text, select

from domain.command_record import CommandRecord
from infrastructure.audit.chain import GENESIS, next_link, originator_bytes
from infrastructure.projections.base import METADATA, Envelope
from infrastructure.projections.case_refs import case_ref_table, case_refs, is_project_event
from infrastructure.projections.columns import Timestamp, unchanged, bind_processors, dumps, insert_rows

AUDIT_TRAIL = Table(
    "audit_trail",
    METADATA,
    Column("position", BigInteger, primary_key=True, autoincrement=False),
    Column("recorded_at", Timestamp, nullable=False),
    Column("effective_date", Date),
    Column("aggregate_id", String(36), nullable=False),
    Column("aggregate_type", String(60), nullable=False),
    Column("aggregate_version", Integer, nullable=False),
    Column("case_ref", String(40), index=True),
    Column("event_type", String(60), nullable=False),
    Column("actor", String(100)),
    Column("role", String(20)),
    Column("reason", Text),
    Column("command_id", String(100)),
    Column("payload", Text, nullable=False),
    Column("chain_hash", String(64), nullable=False),  # the audit chain's link at this position, recomputed
)
AUDIT_TRAIL_CASES = case_ref_table("audit_trail_cases")

# What every event carries besides its payload; the payload column holds the rest.
ENVELOPE_FIELDS = frozenset({
    "originator_id", "originator_version", "originator_topic", "timestamp",
    "actor", "role", "command_id", "reason", "effective_date",
})
COMMAND_RECORDED = get_topic(CommandRecord.Applied)
RECORDED_AT, EFFECTIVE_DATE = (list(AUDIT_TRAIL.columns).index(AUDIT_TRAIL.c[n]) for n in ("recorded_at", "effective_date"))


@lru_cache(maxsize=None)
def _names(topic: str) -> tuple[str, str]:
    """("Project", "DecisionRecorded") for "domain.project:Project.DecisionRecorded"."""
    aggregate_type, _, event_type = topic.rsplit(":", 1)[-1].rpartition(".")
    return aggregate_type or event_type, event_type


class AuditTrail:
    """Every event as an auditor reads it; the payload is plain JSON (exact decimals, ISO dates)."""

    name: ClassVar[str] = "audit-trail"
    tables: ClassVar[tuple[Table, ...]] = (AUDIT_TRAIL, AUDIT_TRAIL_CASES)

    def apply(self, conn: Connection, batch: list[Envelope]) -> None:
        refs = case_refs(conn, AUDIT_TRAIL_CASES, batch)
        last = conn.execute(
            select(AUDIT_TRAIL.c.chain_hash).order_by(AUDIT_TRAIL.c.position.desc()).limit(1)
        ).scalar()
        link = bytes.fromhex(last) if last else GENESIS
        bind = bind_processors(AUDIT_TRAIL, conn.dialect)
        stamp, day = bind[RECORDED_AT], bind[EFFECTIVE_DATE]
        row = self.row
        rows = []
        for e in batch:
            link = next_link(link, e.position, originator_bytes(e.originator_id), e.version, e.topic, e.state)
            rows.append(row(e, refs, stamp, day, link.hex()))
        insert_rows(conn, AUDIT_TRAIL, rows)

    @staticmethod
    def row(e: Envelope, refs: dict, stamp: Callable = unchanged, day: Callable = unchanged, chain_hash: str = "") -> tuple:
        """The event's row, in the order of AUDIT_TRAIL's columns, its times converted by `stamp`
        and `day` (the columns' bind processors); `chain_hash` is the chain recomputed from the
        stream, so an auditor can set the read model beside the chain the recorder wrote
        (`audit verify`) and both beside a seal."""
        state = vars(e.event)
        aggregate_type, event_type = _names(e.topic)
        if is_project_event(e):
            ref = refs.get(e.originator_id)
        elif e.topic == COMMAND_RECORDED:
            ref = e.event.result.get("ref")
        else:
            ref = None
        get = state.get
        return (
            e.position, stamp(state["timestamp"]), day(get("effective_date")), e.aggregate_id, aggregate_type,
            e.version, ref, event_type, get("actor"), get("role"), get("reason"), get("command_id"),
            dumps({k: v for k, v in state.items() if k not in ENVELOPE_FIELDS}), chain_hash,
        )
