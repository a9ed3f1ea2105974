"""Reading the ledger back as plain tuples, and recomputing its sums from the events."""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from sqlalchemy import Engine, select

from infrastructure.projections.ledger import APPLIED, GRANTED, RECEIVED, SPENT, entries, from_cents
from tests.reporting.feeding import envelopes

ADDITIVE = {
    "Project.ExpenditureRecorded": (SPENT, lambda e: e.amount.reporting),
    "Project.FundingApplied": (APPLIED, lambda e: e.application.applied.reporting),
    "Project.FundingGranted": (GRANTED, lambda e: e.amount.reporting),
    "Project.FundingReceived": (RECEIVED, lambda e: e.amount.reporting),
}


def rows(engine: Engine) -> list[tuple]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(entries).order_by(entries.c.position, entries.c.kind))]


def sums(engine: Engine) -> dict[tuple[int, str, str], Decimal]:
    """(year, project id, kind) → total, as the ledger has it."""
    totals: dict[tuple[int, str, str], Decimal] = defaultdict(Decimal)
    with engine.connect() as conn:
        for year, pid, kind, amount in conn.execute(
            select(entries.c.year, entries.c.project_id, entries.c.kind, entries.c.amount_cents)
        ):
            totals[(year, pid, kind)] += from_cents(amount)
    return {k: v for k, v in totals.items() if v}


def additive_sums_from_events(app) -> dict[tuple[int, str, str], Decimal]:
    """The same sums for spending and external funding, straight from the stored events."""
    totals: dict[tuple[int, str, str], Decimal] = defaultdict(Decimal)
    for envelope in envelopes(app):
        if envelope.event_type in ADDITIVE:
            kind, amount = ADDITIVE[envelope.event_type]
            event = envelope.event
            year = event.correction.posted_in if event.correction else event.effective_date.year
            totals[(year, str(envelope.originator_id), kind)] += amount(event)
    return {k: v for k, v in totals.items() if v}
