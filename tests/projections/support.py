"""Reading every view row, so tests can compare an incrementally built view with a rebuild."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from infrastructure.projections.engine import READ_ONLY
from infrastructure.projections.tracking import TRACKING
from infrastructure.projections.runner import ProjectionRunner
from tests.cli.helpers import CLOCK
from tests.support import REPORTER

UDSYN = Path(sys.executable).parent / "udsyn"


def start_runner(db: str, *options: str, json: bool = False) -> subprocess.Popen:
    """`udsyn projections run OPTIONS…` as the reporter, in a process of its own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("UDSYN_")} | {"UDSYN_CLOCK": CLOCK}
    argv = [str(UDSYN), "--db", db, "--actor", REPORTER, *(["--json"] if json else []), "projections", "run",
            *options]
    return subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def lowest_position(runner: ProjectionRunner) -> int:
    """The position every view has reached (0 until each has one), read without a write lock."""
    with runner.engine.connect().execution_options(**{READ_ONLY: True}) as conn:
        if not runner.engine.dialect.has_table(conn, TRACKING.name):
            return 0
        found = conn.execute(select(TRACKING.c.position)).scalars().all()
    return min(found, default=0) if len(found) == len(runner.names) else 0


def view_rows(runner: ProjectionRunner) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of the runner's views, in primary-key order, by table name."""
    rows = {}
    with runner.engine.connect().execution_options(**{READ_ONLY: True}) as conn:
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
