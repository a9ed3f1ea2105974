"""R7: a reporting year is open until closed; a closed year is immutable, corrections become
adjustments in the next open year, referring to the original event."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from domain.base import UdsynAggregate, deterministic_id
from domain.errors import RuleViolation
from domain.meta import Meta


def reporting_year_id(year: int) -> UUID:
    return deterministic_id("reporting-year", year)


@dataclass(frozen=True)
class Correction:
    """A fact effective in a closed year, recorded late: it corrects the event at `of_position`
    (effective in `original_year`) and is posted as an adjustment in the open year `posted_in`."""

    of_position: int
    original_year: int
    posted_in: int


class ReportingYear(UdsynAggregate):
    """One per year, created when the year is closed; no aggregate means the year is open."""

    class Closed(UdsynAggregate.Created):
        year: int
        position: int
        totals: dict[str, str]
        report: dict[str, Any]
        chain_head: str | None = None  # "POS:HASH" of the audit chain at close, for `audit verify --seal`

        def apply(self, y: ReportingYear) -> None:
            y.year, y.position, y.totals, y.report = self.year, self.position, self.totals, self.report
            y.chain_head = self.chain_head
            y.closed_at = self.timestamp

    @classmethod
    def close(
        cls, *, year: int, today: date, position: int, totals: dict[str, str], report: dict[str, Any], meta: Meta,
        chain_head: str | None = None,
    ) -> ReportingYear:
        """R7: close a year that has ended, keeping its totals, the report and the event position."""
        r7_year_has_ended(year, today)
        return cls._create_with(cls.Closed, reporting_year_id(year), meta, dict(
            year=year, position=position, totals=dict(totals), report=report, chain_head=chain_head,
        ))


def r7_year_has_ended(year: int, today: date) -> None:
    """R7: a year can be closed only after its last day."""
    if today.year <= year:
        raise RuleViolation("R7", f"{year} has not ended yet (today is {today}); it cannot be closed")


def r7_not_closed(year: int, closed: bool) -> None:
    """R7: a closed year is immutable; closing it again is refused."""
    if closed:
        raise RuleViolation("R7", f"{year} is already closed")


def r7_fact_in_closed_year(year: int, what: str, ref: str | None) -> RuleViolation:
    """R7: the refusal for a fact effective in a closed year that is not a correction."""
    return RuleViolation(
        "R7",
        f"{year} is a closed reporting year; {what} effective in {year} can only be recorded as a"
        " correction (--correction-of POSITION), posted as an adjustment in the next open year",
        ref=ref,
    )
