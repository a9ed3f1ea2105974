"""Every audit-trail row is what its definition says, for any event of any kind: the recorded time
and effective date as their column types write them, the payload as the standard library's
encoder writes every attribute but the envelope's, and the chain link as chain.next_link makes it
(however the view builds rows in bulk)."""
from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal
from uuid import UUID, uuid4

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.command_record import CommandRecord
from domain.money import Amount
from domain.project import Project
from infrastructure.audit.chain import GENESIS, next_link, originator_bytes
from infrastructure.projections.audit_trail import AUDIT_TRAIL, ENVELOPE_FIELDS, AuditTrail
from infrastructure.projections.base import METADATA, Batch, Envelope
from infrastructure.projections.columns import dumps_stdlib
from infrastructure.projections.engine import engine_for
from infrastructure.projections.reader import event_decoder
from infrastructure.transcoding import UdsynMapper, UdsynTranscoder
from tests.unit.event_payloads import event_classes, events_of

MAPPER = UdsynMapper(UdsynTranscoder())
DECODE = event_decoder(MAPPER)
ANY_EVENT = st.one_of([events_of(cls) for cls in sorted(event_classes(), key=lambda c: c.__qualname__)]).filter(
    # a command's result names a case by its reference, a string (the generator also tries other values)
    lambda e: not isinstance(e, CommandRecord.Applied) or isinstance(e.result.get("ref"), (str, type(None)))
)


def _envelopes(events: list, first: int) -> list[Envelope]:
    """The events as the reader hands them over: stored by the mapper, then decoded from the bytes."""
    envelopes = []
    for position, event in enumerate(events, start=first):
        stored = MAPPER.to_stored_event(event)
        uid = stored.originator_id if isinstance(stored.originator_id, UUID) else UUID(str(stored.originator_id))
        envelopes.append(Envelope.read(
            position, uid, str(uid), stored.originator_version, stored.topic, stored.state,
            DECODE(position, uid, stored.originator_version, stored.topic, stored.state),
        ))
    return envelopes


def _expected_rows(envelopes: list[Envelope], dialect) -> list[tuple]:
    """The rows by their definition, one event at a time, each value through its column type."""
    recorded_at = AUDIT_TRAIL.c.recorded_at.type.dialect_impl(dialect).bind_processor(dialect)
    effective = AUDIT_TRAIL.c.effective_date.type.dialect_impl(dialect).bind_processor(dialect)
    refs, link, rows = {}, GENESIS, []
    for e in envelopes:
        event, state = e.event, e.event.__dict__
        if isinstance(event, Project.Registered):
            refs.setdefault(e.originator_id, event.ref)
        if isinstance(event, Project.Event):
            ref = refs.get(e.originator_id)
        elif isinstance(event, CommandRecord.Applied):
            ref = event.result.get("ref")
        else:
            ref = None
        link = next_link(link, e.position, originator_bytes(e.originator_id), e.version, e.topic, e.state)
        aggregate_type, _, event_type = e.topic.rsplit(":", 1)[-1].rpartition(".")
        rows.append((
            e.position, recorded_at(state["timestamp"]), effective(state.get("effective_date")), str(e.originator_id),
            aggregate_type, e.version, ref, event_type, state.get("actor"), state.get("role"), state.get("reason"),
            state.get("command_id"), dumps_stdlib({k: v for k, v in state.items() if k not in ENVELOPE_FIELDS}),
            link.hex(),
        ))
    return rows


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ANY_EVENT, min_size=1, max_size=8), st.integers(min_value=0, max_value=3))
def test_every_audit_row_is_what_its_definition_says_for_any_events_in_any_batches(events, split):
    engine = engine_for("memory://")
    METADATA.create_all(engine, tables=list(AuditTrail.tables))
    view = AuditTrail()
    envelopes = _envelopes(events, first=1)
    with engine.begin() as conn:  # in two batches: the chain and the plans carry over from one to the next
        for part in (envelopes[:split], envelopes[split:]):
            if part:
                view.apply(conn, Batch(part))
    columns = ", ".join(c.name for c in AUDIT_TRAIL.columns)
    with engine.begin() as conn:  # the expected rows stored alike, in a table of the same columns
        ddl = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name = 'audit_trail'").scalar()
        conn.exec_driver_sql(ddl.replace("audit_trail", "expected", 1))
        conn.exec_driver_sql(f"INSERT INTO expected VALUES ({', '.join('?' for _ in AUDIT_TRAIL.columns)})",
                             _expected_rows(envelopes, engine.dialect))
        found, expected = (
            [tuple(r) for r in conn.exec_driver_sql(f"SELECT {columns} FROM {table} ORDER BY position")]
            for table in ("audit_trail", "expected")
        )
    assert found == expected and len(found) == len(events)
    engine.dispose()


def test_an_event_of_a_known_topic_with_other_attributes_gets_its_own_payload():
    """The payload's attribute names are worked out once per topic, and again whenever an event of
    that topic carries other attributes (an older shape of the event, say)."""
    event = Project.ExpenditureRecorded(
        originator_id=uuid4(), originator_version=3, timestamp=datetime(2026, 1, 5, 9, tzinfo=timezone.utc),
        actor="olle", role="officer", command_id="c1", reason=None, effective_date=date(2026, 2, 10),
        correction=None, amount=Amount.of(Decimal("100.50"), "SEK", "SEK"), category="resor", description=None,
    )
    (first,) = _envelopes([event], first=1)
    (second,) = _envelopes([event], first=2)
    second.event.__dict__["extra"] = "an attribute the first did not have"
    engine = engine_for("memory://")
    METADATA.create_all(engine, tables=list(AuditTrail.tables))
    with engine.begin() as conn:
        AuditTrail().apply(conn, Batch([first, second]))
    with engine.connect() as conn:
        payloads = conn.exec_driver_sql("SELECT payload FROM audit_trail ORDER BY position").scalars().all()
    assert '"extra"' not in payloads[0] and payloads[1].endswith('"extra":"an attribute the first did not have"}')
    engine.dispose()
