"""Use cases of the reporting year (R7): close a year with its totals and report; read it back."""
from __future__ import annotations

from typing import Any, Protocol

from eventsourcing.application import AggregateNotFoundError

from application.app import UdsynCore
from application.authorisation import READ, REPORT
from application.context import Context
from application.validation import Command
from domain.errors import InvalidInput, RuleViolation
from domain.reporting_year import ReportingYear, r7_not_closed, reporting_year_id

FIRST_YEAR, LAST_YEAR = 1900, 2999


class CloseYear(Command):
    year: int


class YearSnapshot(Protocol):
    position: int  # the event position the report is as of
    totals: dict[str, str]
    report: dict[str, Any]


class ReportSource(Protocol):
    """What closing needs from the read side (infrastructure plugs it in): caught-up report data."""

    def snapshot(self, year: int) -> YearSnapshot: ...

    def has_facts(self, year: int) -> bool: ...


class ReportingCommands(UdsynCore):
    def close_year(self, ctx: Context, year: int, source: ReportSource) -> dict[str, Any]:
        """R7: close an ended year, keeping its totals, its report and the event position at close.
        The previous year must be closed first if it holds any facts."""
        cmd = CloseYear.parse(year=check_year(year))

        def action():
            org, user = self.authorised(ctx.actor, REPORT)
            meta = self._meta(ctx, user)
            r7_not_closed(year, self.closed_years.is_closed(year))
            if not self.closed_years.is_closed(year - 1) and source.has_facts(year - 1):
                raise RuleViolation("R7", f"{year - 1} is still open; close it before {year}")
            snapshot = source.snapshot(year)
            closed = ReportingYear.close(
                year=year, today=meta.recorded_at.date(), position=snapshot.position,
                totals=snapshot.totals, report=snapshot.report, meta=meta,
            )
            result = {"id": str(closed.id), "year": year, "version": closed.version,
                      "position": snapshot.position, "totals": snapshot.totals}
            return [closed], result, meta

        return self._run("report close", cmd, ctx, action, permit=lambda: self.authorised(ctx.actor, REPORT))

    def closed_year(self, actor: str, year: int) -> ReportingYear | None:
        """The closed reporting year, or None while the year is open."""
        self.authorised(actor, READ)
        if not self.closed_years.is_closed(year):
            return None
        try:
            return self.repository.get(reporting_year_id(year))
        except AggregateNotFoundError:  # pragma: no cover - is_closed saw it
            return None


def check_year(year: int) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InvalidInput("year", f"{year} is not a reporting year ({FIRST_YEAR}–{LAST_YEAR})")
    return year
