"""The portfolio (SPEC §4): the current state of every project, one row each, for `project list`
and the annual report. The row is derived from a shadow of the case that the view keeps by
applying the case's own events to it, so the portfolio says exactly what the case says."""
from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, ClassVar

from eventsourcing.utils import get_topic
from sqlalchemy import (
    BigInteger, Boolean, Column, Connection, Date, Integer, LargeBinary, String, Table, Text, select,
)

from domain.organisation import Organisation
from domain.project import Project
from infrastructure.projections.base import METADATA, Batch, Envelope
from infrastructure.projections.case_refs import CHUNK, REGISTERED
from infrastructure.projections.columns import Money, Timestamp, bulk_insert, dumps
from infrastructure.projections.engine import READ_ONLY
from infrastructure.transcoding import UdsynMapper, UdsynTranscoder

PORTFOLIO = Table(
    "portfolio",
    METADATA,
    Column("project_id", String(36), primary_key=True),
    Column("ref", String(40), nullable=False, unique=True),
    Column("title", Text, nullable=False),
    Column("summary", Text, nullable=False),
    Column("status", String(20), nullable=False, index=True),
    Column("department", String(40), nullable=False),
    Column("board", String(40)),
    Column("focus_areas", Text, nullable=False),
    Column("target_groups", Text, nullable=False),
    Column("goals", Text, nullable=False),
    Column("partners", Text, nullable=False),
    Column("outside_strategy", Boolean, nullable=False),
    Column("strategy_version", Integer, nullable=False),
    Column("budget", Money),
    Column("ceiling", Money),
    Column("own_contribution", Money),
    Column("external_applied", Money, nullable=False),
    Column("external_granted", Money, nullable=False),
    Column("external_received", Money, nullable=False),
    Column("spent", Money, nullable=False),
    Column("external_share", Money),
    Column("decisions", Integer, nullable=False),
    Column("indicators", Text, nullable=False),
    Column("obligations", Text, nullable=False),
    Column("open_obligation_due", Date),  # the earliest due date of an open obligation
    Column("statement_years", Text, nullable=False),
    Column("lessons", Text),
    Column("registered_on", Date, nullable=False),
    Column("started_on", Date),
    Column("completed_on", Date),
    Column("version", Integer, nullable=False),
    Column("recorded_at", Timestamp, nullable=False),  # when the last event of the case was recorded
    Column("position", BigInteger, nullable=False),  # the last event that changed the row
)
PORTFOLIO_CASES = Table(  # the shadow of each case, as the view last left it
    "portfolio_cases",
    METADATA,
    Column("project_id", String(36), primary_key=True),
    Column("state", LargeBinary, nullable=False),
)
PORTFOLIO_DEPARTMENTS = Table(  # department → board, from the organisation's events
    "portfolio_departments",
    METADATA,
    Column("department", String(40), primary_key=True),
    Column("board", String(40), nullable=False),
)
JSON_COLUMNS = ("focus_areas", "target_groups", "goals", "partners", "indicators", "obligations", "statement_years")
DEPARTMENT_ADDED = get_topic(Organisation.DepartmentAdded)


class Portfolio:
    """One row per project with status, money in the reporting currency, indicators, obligations."""

    name: ClassVar[str] = "portfolio"
    tables: ClassVar[tuple[Table, ...]] = (PORTFOLIO, PORTFOLIO_CASES, PORTFOLIO_DEPARTMENTS)

    def __init__(self) -> None:
        self.transcoder = UdsynTranscoder()
        self.mapper = UdsynMapper(self.transcoder)  # the transcoder's bytes, several times faster

    def apply(self, conn: Connection, batch: list[Envelope]) -> None:
        batch = Batch.of(batch)
        departments = [e.event.department for e in batch.of_topic(DEPARTMENT_ADDED)]
        if departments:
            conn.execute(PORTFOLIO_DEPARTMENTS.insert(), [{"department": d.key, "board": d.board} for d in departments])
        events = batch.project_events
        if not events:
            return
        new = {e.aggregate_id for e in batch.of_topic(REGISTERED)}
        known = self._load(conn, sorted(batch.project_ids.keys() - new))
        cases: dict[str, Project] = dict(known)  # by the id as text: str hashes are cached, UUID's are not
        last: dict[str, int] = {}
        for e in events:
            key = e.aggregate_id
            cases[key] = e.event.mutate(cases.get(key))
            last[key] = e.position
        boards = dict(conn.execute(select(PORTFOLIO_DEPARTMENTS.c.department, PORTFOLIO_DEPARTMENTS.c.board)).all())
        ids = list(known)
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start:start + CHUNK]
            conn.execute(PORTFOLIO.delete().where(PORTFOLIO.c.project_id.in_(chunk)))
            conn.execute(PORTFOLIO_CASES.delete().where(PORTFOLIO_CASES.c.project_id.in_(chunk)))
        bulk_insert(conn, PORTFOLIO, [row(p, boards.get(p.department), last[i]) for i, p in cases.items()])
        bulk_insert(conn, PORTFOLIO_CASES, [{"project_id": i, "state": self._encode(p)} for i, p in cases.items()])

    def _load(self, conn: Connection, ids: list[str]) -> dict[str, Project]:
        found: dict[str, Project] = {}
        for start in range(0, len(ids), CHUNK):
            query = select(PORTFOLIO_CASES.c.project_id, PORTFOLIO_CASES.c.state).where(
                PORTFOLIO_CASES.c.project_id.in_(ids[start:start + CHUNK])
            )
            found.update((i, self._decode(state)) for i, state in conn.execute(query))
        missing = set(ids) - set(found)
        if missing:
            raise LookupError(f"portfolio: no shadow of cases {sorted(missing)}; rebuild the portfolio")
        return found

    def _encode(self, project: Project) -> bytes:
        state = dict(vars(project))
        state.pop("_pending_events", None)
        return self.mapper.encode(state)

    def _decode(self, state: bytes) -> Project:
        project = object.__new__(Project)
        project.__dict__.update(self.transcoder.decode(bytes(state)))
        project.__dict__["_pending_events"] = []
        return project


def row(p: Project, board: str | None, position: int) -> dict[str, Any]:
    """The portfolio row of a case: plain columns, JSON text for lists, money in the reporting currency."""
    open_dues = [o.due for o in p.obligations.values() if o.fulfilled_on is None]
    return {
        "project_id": str(p.id),
        "ref": p.ref,
        "title": p.title,
        "summary": p.summary,
        "status": p.status,
        "department": p.department,
        "board": board,
        "focus_areas": dumps(p.focus_areas),
        "target_groups": dumps(p.target_groups),
        "goals": dumps(p.goals),
        "partners": dumps(p.partners),
        "outside_strategy": p.outside_strategy,
        "strategy_version": p.strategy_version,
        "budget": p.estimate_or_none,
        "ceiling": p.ceiling,
        "own_contribution": p.own_contribution.reporting if p.own_contribution else None,
        "external_applied": p.applied_total,
        "external_granted": p.granted_total,
        "external_received": p.received_total,
        "spent": p.spent,
        "external_share": p.external_share,
        "decisions": len(p.decisions),
        "indicators": dumps([
            {"key": i.key, "name": i.name, "target": i.target, "unit": i.unit, "latest": i.latest,
             "measured_on": i.measured_on, "measurements": i.measurements}
            for i in p.indicators.values()
        ]),
        "obligations": dumps([
            {"key": o.key, "text": o.text, "due": o.due, "fulfilled_on": o.fulfilled_on, "decision": o.decision}
            for o in p.obligations.values()
        ]),
        "open_obligation_due": min(open_dues) if open_dues else None,
        "statement_years": dumps(sorted(int(y) for y in p.statements)),
        "lessons": p.lessons,
        "registered_on": p.registered_on,
        "started_on": p.started_on,
        "completed_on": p.completed_on,
        "version": p.version,
        "recorded_at": p.modified_on,
        "position": position,
    }


def portfolio_rows(conn: Connection) -> list[dict[str, Any]]:
    """Every portfolio row in registration order, JSON columns decoded (decimals stay strings)."""
    rows = []
    for r in conn.execute(select(PORTFOLIO).order_by(PORTFOLIO.c.registered_on, PORTFOLIO.c.ref)).mappings():
        item = dict(r)
        for name in JSON_COLUMNS:
            item[name] = json.loads(item[name])
        rows.append(item)
    return rows


class PortfolioStore:
    """The portfolio as `project list` reads it; its runner is built (and the view tables created)
    only once the query has checked its input, so a refused listing writes nothing."""

    def __init__(self, make_runner: Callable[[], Any]) -> None:
        self._make_runner = make_runner
        self._runner = None

    @property
    def runner(self) -> Any:
        if self._runner is None:
            self._runner = self._make_runner()
        return self._runner

    def catch_up(self) -> None:
        self.runner.catch_up()

    def standing(self) -> tuple[int, int]:
        (status,) = [s for s in self.runner.status() if s.name == Portfolio.name]
        return status.position, status.head

    def rows(self) -> list[dict[str, Any]]:
        with self.runner.engine.connect().execution_options(**{READ_ONLY: True}) as conn:
            return portfolio_rows(conn)
