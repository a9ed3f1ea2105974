"""The report's read side: the ledger projection, caught up first, and the organisation and
strategy it names. Closing a year takes its snapshot from here (application.ReportSource)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Engine, column, exists, or_, select, table

from domain.errors import RuleViolation
from infrastructure.projections.ledger import Ledger, entries, projects
from infrastructure.reports.build import build_report, report_totals
from infrastructure.reports.render import Standing


TRACKING = table("projection_tracking", column("name"), column("position"))  # the runner's positions


@dataclass(frozen=True)
class Snapshot:
    position: int
    totals: dict[str, str]
    report: dict[str, Any]


class LedgerReports:
    """Builds reports from the ledger after `catch_up()` has brought the projections to the head."""

    def __init__(self, app: Any, engine: Engine, catch_up: Callable[[], object]) -> None:
        self.app, self.engine, self._catch_up = app, engine, catch_up

    def position(self) -> int:
        """How far the ledger has got in the event stream."""
        with self.engine.connect() as conn:
            if not self.engine.dialect.has_table(conn, TRACKING.name):
                return 0
            found = conn.execute(select(TRACKING.c.position).where(TRACKING.c.name == Ledger.name)).scalar()
        return found or 0

    def head(self) -> int:
        return self.app.recorder.max_notification_id() or 0

    def current(self, year: int, as_of: date) -> tuple[dict[str, Any], Standing]:
        """An open year's report: caught up first; if the ledger still lags, the standing says so."""
        self._catch_up()
        position, head = self.position(), self.head()
        org, strategy = self.app.organisation(), self.app.strategy()
        with self.engine.connect() as conn:
            report = build_report(conn, org, strategy, year, as_of=as_of, position=position)
        return report, Standing(position=position, head=head)

    def snapshot(self, year: int) -> Snapshot:
        """The report a close records, as of today; refused if the ledger cannot reach the head."""
        report, standing = self.current(year, self.app.clock.now().date())
        if standing.stale:
            raise RuleViolation(
                "R7", f"the ledger is at position {standing.position} but the event log at {standing.head};"
                " run 'udsyn projections run' and close again"
            )
        return Snapshot(position=standing.position, totals=report_totals(report), report=report)

    def has_facts(self, year: int) -> bool:
        """Whether the year has anything to report: a case alive in it or a ledger entry."""
        self._catch_up()
        with self.engine.connect() as conn:
            alive = exists().where(
                projects.c.first_year <= year, or_(projects.c.last_year.is_(None), projects.c.last_year >= year)
            )
            posted = exists().where(entries.c.year == year)
            return bool(conn.execute(select(alive | posted)).scalar())
