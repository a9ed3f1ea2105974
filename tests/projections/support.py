"""Reading every view row, so tests can compare an incrementally built view with a rebuild."""
from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select

from infrastructure.projections.runner import ProjectionRunner


def view_rows(runner: ProjectionRunner) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of the runner's views, in primary-key order, by table name."""
    rows = {}
    with runner.engine.connect() as conn:
        for projection in runner.projections:
            for table in projection.tables:
                query = select(table).order_by(*table.primary_key.columns)
                rows[table.name] = [tuple(r) for r in conn.execute(query)]
    return rows


def rebuilt_rows(runner: ProjectionRunner) -> dict[str, list[tuple[Any, ...]]]:
    """The views' rows after a clean rebuild from position zero (in the same database)."""
    runner.clear()
    runner.catch_up()
    return view_rows(runner)


def dispose(*engines: Engine) -> None:
    for engine in engines:
        engine.dispose()
