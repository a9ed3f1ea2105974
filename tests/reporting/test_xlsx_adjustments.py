"""R7: the xlsx annual report shows a year's adjustments to closed years, as md, html and csv do."""
from __future__ import annotations

from openpyxl import load_workbook

from tests.cli.helpers import run
from tests.reporting.closing import year_2026
from tests.support import REPORTER, make_app, set_up_kalix

AFTER = "2027-02-15T10:00:00+00:00"


def test_the_xlsx_report_shows_an_adjustment_to_a_closed_year_as_the_markdown_report_does(sqlite_url, tmp_path):
    app = make_app(sqlite_url)
    set_up_kalix(app)
    year_2026(app)
    original = next(n.id for n in app.recorder.select_notifications(1, 1000) if n.topic.endswith("ExpenditureRecorded"))
    app.close()
    assert run("report close --year 2026", db=sqlite_url, actor=REPORTER, clock=AFTER).code == 0
    fixed = run(f"project spend KAL-2026-0001 --amount 250 --category resor --date 2026-12-01"
                f" --correction-of {original}", db=sqlite_url, clock=AFTER)
    assert fixed.code == 0, fixed.err

    outcomes = [run(f"report annual --year 2027 --lang en --format {f} -o {tmp_path / f'2027.{f}'}",
                    db=sqlite_url, actor=REPORTER, clock=AFTER) for f in ("md", "xlsx")]

    assert [o.code for o in outcomes] == [0, 0], outcomes
    adjustment = f"Expenditure SEK250.00 (corrects position {original}, 2026)"
    assert f"Adjustments to closed years: {adjustment}" in (tmp_path / "2027.md").read_text()
    projects = load_workbook(tmp_path / "2027.xlsx").worksheets[0]
    rows = list(projects.iter_rows(values_only=True))
    column = rows[0].index("Adjustments to closed years")
    assert [(row[2], row[column]) for row in rows[1:]] == [("KAL-2026-0001", adjustment)]
