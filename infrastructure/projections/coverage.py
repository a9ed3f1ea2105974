"""The coverage read model: each strategy version's focus areas, target groups and goals, and the
projects linked to them with their current status, so "who serves goal G" and "which goals does
nobody serve" are one query (rejected and withdrawn projects serve nothing)."""
from __future__ import annotations

from typing import ClassVar

from sqlalchemy import Column, Connection, Date, Integer, String, Table, Uuid, insert

from domain.project import Project
from domain.strategy import Strategy, StrategyVersion
from infrastructure.projections.base import METADATA, Batch, Envelope
from infrastructure.projections.case_status import latest_statuses, status_after, write_statuses

STRATEGY_TERMS = Table(
    "coverage_strategy_terms", METADATA,
    Column("strategy_version", Integer, primary_key=True),
    Column("kind", String(12), primary_key=True),  # focus_area, target_group, goal
    Column("key", String(40), primary_key=True),
    Column("name", String(300), nullable=False),
    Column("priority", String(9)),  # focus areas only
    Column("adopted_on", Date, nullable=False),
)
PROJECTS = Table(
    "coverage_projects", METADATA,
    Column("project_id", Uuid, primary_key=True),
    Column("ref", String(20), nullable=False, unique=True),
    Column("title", String(300), nullable=False),
    Column("status", String(20), nullable=False),
    Column("strategy_version", Integer, nullable=False),
)
LINKS = Table(
    "coverage_links", METADATA,
    Column("project_id", Uuid, primary_key=True),
    Column("kind", String(12), primary_key=True),
    Column("key", String(40), primary_key=True),
)


class CoverageProjection:
    """Strategy terms per version, projects with their status, and which terms each project serves."""

    name: ClassVar[str] = "coverage"
    tables: ClassVar[tuple[Table, ...]] = (STRATEGY_TERMS, PROJECTS, LINKS)

    def apply(self, conn: Connection, batch: list[Envelope]) -> None:
        batch = Batch.of(batch)
        projects, links = [], []
        for envelope in batch.of_kind((Strategy.Adopted, Strategy.Revised, Project.Registered)):
            e = envelope.event
            if isinstance(e, (Strategy.Adopted, Strategy.Revised)):
                conn.execute(insert(STRATEGY_TERMS), self._terms(e.content))
            elif isinstance(e, Project.Registered):
                projects.append({"project_id": envelope.originator_id, "ref": e.ref, "title": e.title,
                                 "status": status_after(e), "strategy_version": e.strategy_version})
                served = {("focus_area", k) for k in e.focus_areas} | {("target_group", k) for k in e.target_groups}
                served |= {("goal", k) for k in e.goals}
                links += [{"project_id": envelope.originator_id, "kind": kind, "key": key}
                          for kind, key in sorted(served)]
        if projects:  # one statement per table per batch: a row per event is ~50 times slower
            conn.execute(insert(PROJECTS), projects)
        if links:
            conn.execute(insert(LINKS), links)
        write_statuses(conn, PROJECTS.c.project_id, PROJECTS.c.status, latest_statuses(batch))

    @staticmethod
    def _terms(v: StrategyVersion) -> list[dict[str, object]]:
        rows = [("focus_area", f.key, f.name, f.priority) for f in v.focus_areas]
        rows += [("target_group", t.key, t.name, None) for t in v.target_groups]
        rows += [("goal", g.key, g.name, None) for g in v.goals]
        return [{"strategy_version": v.version, "kind": kind, "key": key, "name": name, "priority": priority,
                 "adopted_on": v.adopted_on} for kind, key, name, priority in rows]
