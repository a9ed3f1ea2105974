"""`project list` reads the portfolio with the database driver alone: the same rows, value for
value and type for type, as the view's SQLAlchemy columns give, on SQLite and PostgreSQL; a fresh
process on a caught-up portfolio never imports SQLAlchemy; a lagging one is still caught up."""
from __future__ import annotations

import json
from datetime import date

from sqlalchemy import Boolean, Date, Text

from infrastructure.projections.columns import Money, Timestamp
from infrastructure.projections.driver_reads import ViewTables
from infrastructure.projections.portfolio import PORTFOLIO, Portfolio, portfolio_rows
from infrastructure.projections.portfolio_reads import (
    BOOLEAN_COLUMNS, DATE_COLUMNS, JSON_COLUMNS, MONEY_COLUMNS, NAME, TABLES, TIMESTAMP_COLUMNS, PortfolioReads,
)
from infrastructure.projections.runner import ProjectionRunner
from tests.cli.helpers import run
from tests.reporting.processes import AFTER, udsyn_process
from tests.support import OFFICER, REPORTER, make_app, register


def demo(db: str) -> None:
    assert run("demo", db=db, actor="root", clock=AFTER).code == 0


def test_the_driver_knows_how_every_portfolio_column_is_stored():
    kinds = {Money: MONEY_COLUMNS, Date: DATE_COLUMNS, Boolean: BOOLEAN_COLUMNS, Timestamp: TIMESTAMP_COLUMNS}
    for c in PORTFOLIO.columns:
        converted = [kind for kind, names in kinds.items() if c.name in names]
        assert converted == [kind for kind in kinds if isinstance(c.type, kind)], c.name
    assert set(JSON_COLUMNS) <= {c.name for c in PORTFOLIO.columns if isinstance(c.type, Text)}
    assert (NAME, set(TABLES)) == (Portfolio.name, {t.name for t in Portfolio.tables})


def test_the_portfolio_read_by_the_driver_equals_the_sqlalchemy_rows_value_for_value(db_url):
    demo(db_url)
    app = make_app(db_url)
    runner = ProjectionRunner.for_app(app, db_url, [Portfolio.name])
    runner.catch_up()
    with runner.engine.connect() as conn:
        expected = portfolio_rows(conn)

    found = PortfolioReads(app, ViewTables.for_url(db_url, app.recorder), lambda: runner).rows()

    assert len(found) == len(expected) > 5
    assert found == expected
    assert [[(k, type(v)) for k, v in row.items()] for row in found] == \
           [[(k, type(v)) for k, v in row.items()] for row in expected]
    runner.engine.dispose()
    app.close()


def test_project_list_on_a_caught_up_portfolio_never_imports_sqlalchemy(db_url):
    demo(db_url)
    assert run("projections run", db=db_url, actor=REPORTER, clock=AFTER).code == 0
    in_process = run("project list", db=db_url, actor=OFFICER, as_json=True, clock=AFTER)

    done, imported = udsyn_process(db_url, OFFICER, "--json", "project", "list")

    assert in_process.code == 0 and done.returncode == 0, done.stderr
    assert imported == []
    assert json.loads(done.stdout) == json.loads(in_process.out)
    assert json.loads(done.stdout)["stale"] is False


def test_project_list_in_a_fresh_process_still_catches_a_lagging_portfolio_up_for_a_reporter(db_url):
    demo(db_url)
    assert run("projections run", db=db_url, actor=REPORTER, clock=AFTER).code == 0
    app = make_app(db_url)
    app.clock.set(date(2027, 2, 15))
    ref = register(app, title="Ett nytt utbyte")
    app.close()

    officer, _ = udsyn_process(db_url, OFFICER, "--json", "project", "list")
    reporter, _ = udsyn_process(db_url, REPORTER, "--json", "project", "list")

    assert officer.returncode == 0 and reporter.returncode == 0, officer.stderr + reporter.stderr
    stale, fresh = json.loads(officer.stdout), json.loads(reporter.stdout)
    assert stale["stale"] is True and ref not in [p["ref"] for p in stale["projects"]]
    assert fresh["stale"] is False and ref in [p["ref"] for p in fresh["projects"]]
