"""Render a report's data in one format and language, for one board or all. Rendering reads
nothing but its arguments (no clock), so the same data always gives the same bytes."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from domain.errors import InvalidInput
from infrastructure.reports.labels import LOCALES, Words
from infrastructure.reports.quiet import without_cycle_collection

FORMATS = ("md", "csv", "json", "xlsx", "html")


@dataclass(frozen=True)
class Standing:
    """Where the report stands: closed (on a date, at a position) or preliminary (at a position,
    with the event log's head, so a lagging read model says it is stale)."""

    position: int
    closed_on: str | None = None
    head: int | None = None

    @property
    def stale(self) -> bool:
        return self.closed_on is None and self.head is not None and self.head > self.position

    def line(self, words: Words) -> str:
        if self.closed_on:
            return words("closed", date=words.date(self.closed_on), position=self.position)
        text = words("preliminary", position=self.position)
        return f"{text} {words('stale', position=self.position, head=self.head)}" if self.stale else text

    def as_json(self) -> dict[str, Any]:
        return {"closed_on": self.closed_on, "position": self.position, "head": self.head, "stale": self.stale}


def for_board(report: dict[str, Any], board: str | None) -> dict[str, Any]:
    """The report narrowed to one board: its projects, its totals, its missing statements."""
    if board is None:
        return report
    boards = [b for b in report["boards"] if b["key"] == board]
    totals = boards[0]["totals"] if boards else {**report["totals"], **_zero(report["totals"])}
    missing = [m for m in report["missing_statements"] if m["board"] == board]
    return {**report, "board": board, "boards": boards, "totals": totals, "missing_statements": missing}


def _zero(totals: dict[str, Any]) -> dict[str, Any]:
    return {k: ("0.00" if isinstance(v, str) else 0 if isinstance(v, int) else None) for k, v in totals.items()}


@without_cycle_collection
def render(report: dict[str, Any], standing: Standing, fmt: str, lang: str) -> bytes:
    """The report as bytes in `fmt` (md, csv, json, xlsx, html) with labels in `lang`."""
    if fmt not in FORMATS:
        raise InvalidInput("format", f"'{fmt}' is not one of {', '.join(FORMATS)}")
    if lang not in LOCALES:
        raise InvalidInput("lang", f"'{lang}' is not one of {', '.join(LOCALES)}")
    words = Words(lang, report["organisation"]["currency"])
    if fmt == "md":
        from infrastructure.reports.markdown import render_markdown as renderer
    elif fmt == "csv":
        from infrastructure.reports.csv_file import render_csv as renderer
    elif fmt == "json":
        from infrastructure.reports.json_file import render_json as renderer
    elif fmt == "xlsx":
        from infrastructure.reports.xlsx_file import render_xlsx as renderer
    else:
        from infrastructure.reports.html import render_html as renderer
    return renderer(report, standing, words)
