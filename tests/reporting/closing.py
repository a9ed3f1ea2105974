"""A Kalix history over 2026 and the steps to close a year, shared by the reporting tests."""
from __future__ import annotations

from datetime import date

from infrastructure.reports.ledger_tables import LedgerTables
from infrastructure.reports.source import LedgerReports
from tests.reporting.feeding import catch_up
from tests.support import REPORTER, ctx, executing_project

SPENT_ON = date(2026, 6, 1)


def year_2026(app) -> str:
    """One executing project with spending, a foreign application granted and partly received."""
    ref = executing_project(app)
    app.spend(ctx(on=SPENT_ON), ref, amount="12000.50", category="resor")
    key = app.apply_for_funding(ctx(on=date(2026, 3, 1)), ref, programme="Interreg Aurora", amount="2000",
                                currency="EUR", rate="11.50")["application"]
    app.grant(ctx(on=date(2026, 5, 1)), ref, application=key, amount="1500", currency="EUR", rate="11.40")
    app.receive(ctx(on=date(2026, 9, 1)), ref, application=key, amount="1000", currency="EUR", rate="11.20")
    return ref


def reports(app, engine) -> LedgerReports:
    return LedgerReports(app, LedgerTables.on_engine(engine), catch_up(app, engine))


def close(app, engine, year: int = 2026, on: date = date(2027, 2, 15), actor: str = REPORTER):
    app.clock.set(on)
    return app.close_year(ctx(actor), year, reports(app, engine))
