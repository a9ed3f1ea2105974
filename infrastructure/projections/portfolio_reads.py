"""The portfolio as `project list` reads it, through the database driver (`driver_reads.py`): the
same rows, with the same Python types, as the view's SQLAlchemy columns give (a test holds the
two to each other on SQLite and PostgreSQL), without importing SQLAlchemy on a caught-up view."""
from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from infrastructure.projections.driver_reads import Read, ViewTables

NAME = "portfolio"
TABLES = ("portfolio", "portfolio_cases", "portfolio_departments")
ROWS = "SELECT * FROM portfolio ORDER BY registered_on, ref"  # registration order, as portfolio_rows

# The columns whose stored form is not the Python value (portfolio.PORTFOLIO's column types).
JSON_COLUMNS = ("focus_areas", "target_groups", "goals", "partners", "indicators", "obligations", "statement_years")
MONEY_COLUMNS = ("budget", "ceiling", "own_contribution", "external_applied", "external_granted",
                 "external_received", "spent", "external_share")
DATE_COLUMNS = ("open_obligation_due", "registered_on", "started_on", "completed_on")
BOOLEAN_COLUMNS = ("outside_strategy",)
TIMESTAMP_COLUMNS = ("recorded_at",)


def _money(value: Any) -> Decimal | None:
    return None if value is None else Decimal(value)


def _day(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _flag(value: Any) -> bool | None:
    return None if value is None else bool(value)


def _moment(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) else value


CONVERTERS: dict[str, Callable[[Any], Any]] = {
    **dict.fromkeys(JSON_COLUMNS, json.loads), **dict.fromkeys(MONEY_COLUMNS, _money),
    **dict.fromkeys(DATE_COLUMNS, _day), **dict.fromkeys(BOOLEAN_COLUMNS, _flag),
    **dict.fromkeys(TIMESTAMP_COLUMNS, _moment),
}


def portfolio_rows(read: Read) -> list[dict[str, Any]]:
    """Every portfolio row in registration order, as `portfolio.portfolio_rows` gives it."""
    found = read.rows(ROWS)
    names = read.columns()
    convert = [(i, name, CONVERTERS[name]) for i, name in enumerate(names) if name in CONVERTERS]
    rows = []
    for row in found:
        item = dict(zip(names, row))
        for i, name, to_value in convert:
            item[name] = to_value(row[i])
        rows.append(item)
    return rows


class PortfolioReads:
    """The portfolio view for `project list` (application.PortfolioView). `runner` builds the
    projection runner, and with it SQLAlchemy, only when the view must change: to catch it up,
    or to create its tables the first time (as listing always has)."""

    def __init__(self, app: Any, tables: ViewTables, runner: Callable[[], Any]) -> None:
        self.app, self.tables, self._runner = app, tables, runner

    def catch_up(self) -> None:
        position = self._position()
        if position is None or position < self._head():
            self._runner().catch_up()

    def standing(self) -> tuple[int, int]:
        position = self._position()
        if position is None:
            self._runner()
            position = 0
        return position, self._head()

    def rows(self) -> list[dict[str, Any]]:
        with self.tables.reading() as read:
            if self.tables.position_in(read, NAME, TABLES) is None:
                return []
            return portfolio_rows(read)

    def _position(self) -> int | None:
        with self.tables.reading() as read:
            return self.tables.position_in(read, NAME, TABLES)

    def _head(self) -> int:
        return self.app.recorder.max_notification_id() or 0
