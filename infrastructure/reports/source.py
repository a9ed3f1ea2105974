"""The report's read side: the ledger projection, caught up first, and the organisation and
strategy it names. Closing a year takes its snapshot from here (application.ReportSource)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from domain.errors import NotFound, RuleViolation
from infrastructure.projections.ledger_names import ENTRIES, PROJECTS
from infrastructure.reports.build import build_report, report_totals
from infrastructure.reports.ledger_tables import LedgerTables
from infrastructure.reports.render import Standing

HAS_FACTS = (f"SELECT EXISTS (SELECT 1 FROM {PROJECTS} WHERE first_year <= ? AND (last_year IS NULL OR last_year >= ?))"
             f" OR EXISTS (SELECT 1 FROM {ENTRIES} WHERE year = ?)")


@dataclass(frozen=True)
class Snapshot:
    position: int
    totals: dict[str, str]
    report: dict[str, Any]


class LedgerReports:
    """Builds reports from the ledger's tables. `catch_up` is called only when the ledger is
    behind the event log or has never been built: it brings the tables to the head, or, for a
    reader who may not, creates them, and the report then says it is stale."""

    def __init__(self, app: Any, tables: LedgerTables, catch_up: Callable[[], object]) -> None:
        self.app, self.tables, self._catch_up = app, tables, catch_up

    def position(self) -> int:
        """How far the ledger has got in the event stream."""
        return self.tables.position() or 0

    def head(self) -> int:
        return self.app.recorder.max_notification_id() or 0

    def current(self, year: int, as_of: date) -> tuple[dict[str, Any], Standing]:
        """An open year's report: caught up first; if the ledger still lags, the standing says so.
        The position and the rows are read in one transaction, so they agree."""
        self._up_to_date()
        org, strategy = self.app.organisation(), self.app.strategy()
        with self.tables.reading() as read:
            position = self.tables.position_in(read)
            if position is None:
                raise NotFound("the annual-report ledger has not been built yet; a reporter runs"
                               " 'udsyn projections run' (or 'udsyn report annual' once)")
            head = self.head()
            report = build_report(read, org, strategy, year, as_of=as_of, position=position)
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
        self._up_to_date()
        with self.tables.reading() as read:
            if self.tables.position_in(read) is None:
                return False
            return bool(read.value(HAS_FACTS, year, year, year))

    def _up_to_date(self) -> None:
        position = self.tables.position()
        if position is None or position < self.head():
            self._catch_up()
