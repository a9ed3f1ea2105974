"""Use cases of the reporting year (R7): close a year with its totals and report; read it back."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from eventsourcing.application import AggregateNotFoundError

from application.app import UdsynCore
from application.authorisation import READ, REPORT
from application.context import Context
from application.commands import models
from domain.errors import ConcurrentChange, InvalidInput, RuleViolation

if TYPE_CHECKING:
    from domain.reporting_year import ReportingYear

FIRST_YEAR, LAST_YEAR = 1900, 2999

commands = models("reporting")


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
        cmd = commands.CloseYear.parse(year=check_year(year))
        from domain.reporting_year import ReportingYear, r7_not_closed  # loaded when a year is closed

        def action():
            org, user = self.authorised(ctx.actor, REPORT)
            meta = self._meta(ctx, user)
            r7_not_closed(year, self.closed_years.is_closed(year))
            if not self.closed_years.is_closed(year - 1) and source.has_facts(year - 1):
                raise RuleViolation("R7", f"{year - 1} is still open; close it before {year}")
            snapshot = source.snapshot(year)
            if (self.recorder.max_notification_id() or 0) != snapshot.position:
                # a fact arrived after the snapshot: closing now would leave it out of the report
                raise ConcurrentChange(f"the event log (facts were recorded while {year} was being closed)")
            closed = ReportingYear.close(
                year=year, today=meta.recorded_at.date(), position=snapshot.position,
                totals=snapshot.totals, report=snapshot.report, meta=meta,
                chain_head=self._chain_head_at(snapshot.position),
            )
            result = {"id": str(closed.id), "year": year, "version": closed.version,
                      "position": snapshot.position, "totals": snapshot.totals, "chain_head": closed.chain_head}
            return [closed], result, meta

        return self._run("report close", cmd, ctx, action, permit=lambda: self.authorised(ctx.actor, REPORT))

    def _chain_head_at(self, position: int) -> str | None:
        """The audit chain's head as POS:HASH, if the store keeps a chain and its head is `position`."""
        head = getattr(self.recorder, "head", None)
        link = head() if callable(head) else None
        return f"{link[0]}:{link[1].hex()}" if link and link[0] == position else None

    def closed_year(self, actor: str, year: int) -> ReportingYear | None:
        """The closed reporting year, or None while the year is open."""
        from domain.reporting_year import reporting_year_id

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
