"""The audit trail (SPEC §4): one row per event, in stream order, with who, when, why and what."""
from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from hashlib import sha256
from typing import ClassVar, NamedTuple

from eventsourcing.utils import get_topic
from sqlalchemy import Column, Connection, Date, Integer, String, Table, Text, select

from domain.command_record import CommandRecord
from infrastructure.audit.chain import GENESIS, originator_bytes
from infrastructure.projections.base import METADATA, Envelope
from infrastructure.projections.case_refs import PROJECT_TOPIC, case_ref_table, case_refs
from infrastructure.projections.columns import POSITION, Timestamp, bind_processors, dumps, insert_rows, isoformat_of

AUDIT_TRAIL = Table(
    "audit_trail",
    METADATA,
    Column("position", POSITION, primary_key=True, autoincrement=False),
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


NO_CASE, PROJECT_CASE, COMMAND_CASE = 0, 1, 2  # where an event's case reference comes from


@lru_cache(maxsize=None)
def _kind(topic: str) -> tuple[str, str, bytes, int]:
    """For "domain.project:Project.DecisionRecorded": ("Project", "DecisionRecorded"), the topic as
    the chain hashes it (length-prefixed UTF-8, see chain.next_link), and where its case ref is."""
    aggregate_type, _, event_type = topic.rsplit(":", 1)[-1].rpartition(".")
    encoded = topic.encode()
    case = PROJECT_CASE if topic.startswith(PROJECT_TOPIC) else COMMAND_CASE if topic == COMMAND_RECORDED else NO_CASE
    return aggregate_type or event_type, event_type, len(encoded).to_bytes(4, "big") + encoded, case


class AuditTrail:
    """Every event as an auditor reads it; the payload is plain JSON (exact decimals, ISO dates)."""

    name: ClassVar[str] = "audit-trail"
    tables: ClassVar[tuple[Table, ...]] = (AUDIT_TRAIL, AUDIT_TRAIL_CASES)

    def __init__(self) -> None:
        self._plans: dict[str, _Plan] = {}

    def apply(self, conn: Connection, batch: list[Envelope]) -> None:
        """A row per event, in the order of AUDIT_TRAIL's columns, each value as its column's bind
        processor writes it; `chain_hash` is the chain recomputed from the stream, so an auditor
        can set the read model beside the chain the recorder wrote (`audit verify`) and both beside
        a seal. tests/projections/test_audit_rows.py holds every row to that definition."""
        refs = case_refs(conn, AUDIT_TRAIL_CASES, batch)
        last = conn.execute(
            select(AUDIT_TRAIL.c.chain_hash).order_by(AUDIT_TRAIL.c.position.desc()).limit(1)
        ).scalar()
        link = bytes.fromhex(last) if last else GENESIS
        bind = bind_processors(AUDIT_TRAIL, conn.dialect)
        stamp, day = bind[RECORDED_AT], bind[EFFECTIVE_DATE]
        # On SQLite both write isoformat() of a datetime / date (see columns._bind_processor): called
        # here directly for those, the processor itself for anything else (None, say).
        stamp_iso = isoformat_of(stamp) is datetime
        day_iso = isoformat_of(day) is date
        plans, originators, rows = self._plans, {}, []
        for e in batch:
            state = e.event.__dict__
            plan = plans.get(e.topic)
            keys = tuple(state)
            if plan is None or plan.keys != keys:
                plan = plans[e.topic] = _Plan.of(e.topic, keys)
            originator = originators.get(e.aggregate_id)  # by the id's text: a str caches its hash, a UUID does not
            if originator is None:  # length-prefixed, as chain.next_link hashes it; once per case per batch
                raw = originator_bytes(e.originator_id)
                originator = originators[e.aggregate_id] = len(raw).to_bytes(2, "big") + raw
            link = sha256(b"".join((
                link, e.position.to_bytes(8, "big"), originator, e.version.to_bytes(8, "big", signed=True),
                plan.topic, e.state,
            ))).digest()  # chain.next_link(link, position, originator, version, topic, state), its parts cached
            case = plan.case
            if case == PROJECT_CASE:
                ref = refs.get(e.aggregate_id)
            elif case == COMMAND_CASE:
                ref = e.event.result.get("ref")
            else:
                ref = None
            get = state.get
            recorded, effective = state["timestamp"], get("effective_date")
            rows.append((
                e.position,
                recorded.isoformat() if stamp_iso and type(recorded) is datetime else stamp(recorded),
                effective.isoformat() if day_iso and type(effective) is date else day(effective),
                e.aggregate_id, plan.aggregate_type, e.version, ref, plan.event_type,
                get("actor"), get("role"), get("reason"), get("command_id"),
                dumps({k: state[k] for k in plan.payload}), link.hex(),
            ))
        insert_rows(conn, AUDIT_TRAIL, rows)


class _Plan(NamedTuple):
    """What the audit trail needs to know of a topic, and of its events' attribute names, once:
    the names of the event type, how the chain hashes the topic, where a case reference comes from,
    and which attributes make the payload (every one but the envelope's, in the event's order)."""

    keys: tuple[str, ...]  # the event's attribute names, in order, for which `payload` was worked out
    payload: tuple[str, ...]
    aggregate_type: str
    event_type: str
    topic: bytes  # length-prefixed UTF-8, see chain.next_link
    case: int

    @classmethod
    def of(cls, topic: str, keys: tuple[str, ...]) -> _Plan:
        return cls(keys, tuple(k for k in keys if k not in ENVELOPE_FIELDS), *_kind(topic))
