"""The decision register (SPEC §4, R12): every decision as the minutes record it, and what it decided."""
from __future__ import annotations

from typing import ClassVar

from eventsourcing.utils import get_topic
from sqlalchemy import Column, Connection, Date, Integer, String, Table, Text, UniqueConstraint

from domain.project import Project
from infrastructure.projections.base import METADATA, Batch, Envelope
from infrastructure.projections.case_refs import case_ref_table, case_refs
from infrastructure.projections.columns import POSITION, Money, Timestamp, bulk_insert, dumps

DECISION_REGISTER = Table(
    "decision_register",
    METADATA,
    Column("position", POSITION, primary_key=True, autoincrement=False),
    Column("project_id", String(36), nullable=False),
    Column("project_ref", String(40), nullable=False, index=True),
    Column("number", Integer, nullable=False),
    Column("purpose", String(20), nullable=False),
    Column("body", String(40), nullable=False),
    Column("body_kind", String(20), nullable=False),
    Column("meeting_date", Date, nullable=False),
    Column("item", String(40), nullable=False),
    Column("case_number", String(60)),
    Column("outcome", String(30), nullable=False),
    Column("conditions", Text, nullable=False),
    Column("obligation_keys", Text, nullable=False),
    Column("ceiling", Money),
    Column("threshold", Money),
    Column("in_force_on", Date, nullable=False),
    Column("appeal_ends", Date),
    Column("strategy_version", Integer, nullable=False),
    Column("recorded_at", Timestamp, nullable=False),
    Column("actor", String(100)),
    Column("role", String(20)),
    Column("reason", Text),
    UniqueConstraint("project_id", "number"),
)
DECISION_REGISTER_CASES = case_ref_table("decision_register_cases")
DECIDED = get_topic(Project.DecisionRecorded)


class DecisionRegister:
    """One row per DecisionRecorded: body, meeting, § item, outcome, conditions, ceiling, strategy."""

    name: ClassVar[str] = "decision-register"
    tables: ClassVar[tuple[Table, ...]] = (DECISION_REGISTER, DECISION_REGISTER_CASES)

    def apply(self, conn: Connection, batch: list[Envelope]) -> None:
        batch = Batch.of(batch)
        refs = case_refs(conn, DECISION_REGISTER_CASES, batch)
        rows = [self.row(e, refs[e.aggregate_id]) for e in batch.of_topic(DECIDED)]
        bulk_insert(conn, DECISION_REGISTER, rows)

    @staticmethod
    def row(e: Envelope, ref: str) -> dict:
        event, d = e.event, e.event.decision
        return {
            "position": e.position,
            "project_id": str(e.originator_id),
            "project_ref": ref,
            "number": d.number,
            "purpose": d.purpose,
            "body": d.body,
            "body_kind": d.body_kind,
            "meeting_date": d.meeting_date,
            "item": d.item,
            "case_number": d.case_number,
            "outcome": d.outcome,
            "conditions": dumps(d.conditions),
            "obligation_keys": dumps(d.obligation_keys),
            "ceiling": d.ceiling,
            "threshold": d.threshold,
            "in_force_on": d.in_force_on,
            "appeal_ends": d.appeal_ends,
            "strategy_version": d.strategy_version,
            "recorded_at": event.timestamp,
            "actor": event.actor,
            "role": event.role,
            "reason": event.reason,
        }
