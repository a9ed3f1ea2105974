"""The ledger, closing and the report on a real SQLite file and a real PostgreSQL schema, driven
through the CLI with the projection runner the reporting job uses."""
from __future__ import annotations

import json
from datetime import date

from tests.cli.helpers import run
from tests.reporting.closing import year_2026
from tests.support import REPORTER, ctx, make_app, set_up_kalix

AFTER = "2027-02-15T10:00:00+00:00"


def test_closing_correcting_and_reporting_work_alike_on_sqlite_and_postgresql(db_url, tmp_path):
    app = make_app(db_url)
    set_up_kalix(app)
    year_2026(app)

    preliminary = run("report annual --year 2026", db=db_url, actor=REPORTER, as_json=True, clock=AFTER)
    closed = run("report close --year 2026", db=db_url, actor=REPORTER, as_json=True, clock=AFTER)
    at_close = run(f"report annual --year 2026 --format html -o {tmp_path / 'a.html'}", db=db_url,
                   actor=REPORTER, clock=AFTER)
    refused = run("project spend KAL-2026-0001 --amount 5 --category resor --date 2026-12-30", db=db_url, clock=AFTER)
    original = next(n.id for n in app.recorder.select_notifications(1, 1000) if n.topic.endswith("ExpenditureRecorded"))
    corrected = run(f"project spend KAL-2026-0001 --amount 5 --category resor --date 2026-12-30"
                    f" --correction-of {original}", db=db_url, clock=AFTER)
    app.clock.set(date(2027, 3, 1))
    app.spend(ctx(on=date(2027, 3, 1)), "KAL-2026-0001", amount="7", category="resor")
    app.close()
    later = run(f"report annual --year 2026 --format html -o {tmp_path / 'b.html'}", db=db_url,
                actor=REPORTER, clock="2028-01-01T00:00:00+00:00")
    next_year = run("report annual --year 2027", db=db_url, actor=REPORTER, as_json=True,
                    clock="2028-01-01T00:00:00+00:00")

    assert preliminary.code == 0, preliminary.err
    report = json.loads(preliminary.out)["report"]
    assert (report["totals"]["expenditure"], report["totals"]["external_share"]) == ("12000.50", "0.2548")
    assert closed.code == 0 and json.loads(closed.out)["totals"]["expenditure"] == "12000.50", closed.err
    assert at_close.code == 0 and later.code == 0, at_close.err + later.err
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()
    assert refused.code == 1 and "R7" in refused.err
    assert corrected.code == 0, corrected.err
    project = json.loads(next_year.out)["report"]["boards"][0]["projects"][0]
    assert project["financials"]["expenditure"] == "12.00"
    assert project["adjustments"] == [{"position": project["adjustments"][0]["position"], "kind": "expenditure",
                                       "amount": "5.00", "corrects": original, "original_year": 2026,
                                       "effective_date": "2026-12-30"}]
