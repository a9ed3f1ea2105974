"""R7: `audit check` and the annual report agree on which cases owe a statement for a year. A case
approved (or executing) at some time in a year, or completed in it, reports on that year, whether
or not it ever started; a statement missing after its due date, or given after it, is a finding."""
from __future__ import annotations

import json
from datetime import date, datetime, timezone

import pytest

from application.clock import FixedClock
from tests.cli.helpers import run
from tests.support import AUDITOR, REPORTER, ctx, make_app, set_up_kalix

AFTER_2024_WAS_DUE = "2025-03-01T12:00:00+00:00"  # the 2024 statements were due 2025-01-31
AFTER_2025_WAS_DUE = "2026-03-01T12:00:00+00:00"


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=timezone.utc)


@pytest.fixture
def kalix(sqlite_url):
    app = make_app(sqlite_url, clock=FixedClock(at(date(2024, 2, 1))))
    set_up_kalix(app)
    return app


def registered(app, on: date, title: str) -> str:
    return app.register_project(ctx(on=on), title=title, department="buf", focus_area=["utbildning"],
                                budget="50000")["ref"]


def submitted(app, on: date, title: str) -> str:
    """Registered, explored and submitted to the board in the days before `on`."""
    app.clock.set(on)
    ref = registered(app, on.replace(day=1), title)
    app.explore(ctx(on=on.replace(day=2)), ref)
    app.submit(ctx(on=on.replace(day=3)), ref, body="bun")
    return ref


def decided(app, ref: str, on: date, outcome: str = "approved") -> None:
    app.clock.set(on)
    app.decide(ctx(on=on), ref, body="bun", outcome=outcome, meeting_date=on, item="§ 12")


def approved_never_started(app, on: date = date(2024, 4, 10), title: str = "Elevutbyte med Pielavesi") -> str:
    """Registered, explored, submitted and approved on `on`; never funded or started."""
    ref = submitted(app, on, title)
    decided(app, ref, on)
    return ref


def statement(app, ref: str, year: int, on: date) -> None:
    app.clock.set(on)
    app.statement(ctx(on=on), ref, year=year, text="Besöket genomfördes inte; planeringen fortsätter.")


def audit_check(db: str, year: int, clock: str) -> list[dict]:
    outcome = run(f"audit check --year {year}", db=db, actor=AUDITOR, as_json=True, clock=clock)
    assert outcome.code in (0, 1), outcome.err
    return json.loads(outcome.out)["findings"]


def annual_report(db: str, year: int, clock: str, tmp_path) -> dict:
    path = tmp_path / f"report-{year}.json"
    outcome = run(f"report annual --year {year} --format json -o {path}", db=db, actor=REPORTER, clock=clock)
    assert (outcome.code, outcome.err) == (0, ""), outcome.err
    return json.loads(path.read_text())["report"]


def statement_findings(findings: list[dict]) -> list[tuple[str, int, str]]:
    return [(f["ref"], f["year"], f["message"]) for f in findings
            if f["rule"] == "R7" and "annual statement" in f["message"]]


def statement_in_report(report: dict, ref: str) -> dict:
    return next(p["statement"] for board in report["boards"] for p in board["projects"] if p["ref"] == ref)


def test_an_approved_project_that_never_started_and_gave_no_statement_is_a_finding_for_that_year(
        kalix, sqlite_url, tmp_path):
    ref = approved_never_started(kalix)
    kalix.close()

    report = annual_report(sqlite_url, 2024, AFTER_2024_WAS_DUE, tmp_path)
    findings = audit_check(sqlite_url, 2024, AFTER_2024_WAS_DUE)

    assert [(m["ref"], m["overdue"]) for m in report["missing_statements"]] == [(ref, True)]
    assert statement_findings(findings) == [
        (ref, 2024, "no annual statement for 2024; it was due 2025-01-31")
    ]
    assert [f["event"] for f in findings] == ["DecisionRecorded"]  # the approval that made it report


def test_a_late_statement_for_a_year_the_project_never_started_in_is_a_finding(kalix, sqlite_url, tmp_path):
    ref = approved_never_started(kalix)
    statement(kalix, ref, 2024, on=date(2025, 2, 15))
    kalix.close()

    shown = statement_in_report(annual_report(sqlite_url, 2024, AFTER_2024_WAS_DUE, tmp_path), ref)
    findings = audit_check(sqlite_url, 2024, AFTER_2024_WAS_DUE)

    assert shown == {"state": "submitted", "submitted_on": "2025-02-15", "due": "2025-01-31"}
    assert statement_findings(findings) == [
        (ref, 2024, "the annual statement for 2024 was submitted 2025-02-15, after it was due 2025-01-31")
    ]
    assert [f["event"] for f in findings] == ["StatementSubmitted"]


def test_a_statement_given_on_time_for_a_year_the_project_never_started_in_is_no_finding(kalix, sqlite_url):
    ref = approved_never_started(kalix)
    statement(kalix, ref, 2024, on=date(2025, 1, 20))
    kalix.close()

    outcome = run("audit check --year 2024", db=sqlite_url, actor=AUDITOR, clock=AFTER_2024_WAS_DUE)

    assert (outcome.code, outcome.err) == (0, "")
    assert outcome.out.startswith("clean: no findings")


def test_audit_check_and_the_report_name_the_same_cases_and_years_as_owing_a_statement(
        kalix, sqlite_url, tmp_path):
    approved = approved_never_started(kalix)
    withdrawn = approved_never_started(kalix, on=date(2024, 5, 14), title="Skolutbyte med Furuhedsskolan")
    kalix.clock.set(date(2024, 9, 1))
    kalix.withdraw(ctx(on=date(2024, 9, 1)), withdrawn, reason="Partnerskolan drog sig ur")
    rejected = submitted(kalix, date(2024, 6, 11), title="Exportfrämjande resa")
    decided(kalix, rejected, date(2024, 6, 11), outcome="rejected")
    kalix.clock.set(date(2024, 10, 1))
    idea = registered(kalix, date(2024, 10, 1), title="Kulturfestival med Lettland")
    kalix.explore(ctx(on=date(2024, 10, 2)), idea)
    approved_later = approved_never_started(kalix, on=date(2025, 3, 18), title="Näringslivsdagar i Norge")
    kalix.close()

    owing, found = {}, {}
    for year in (2024, 2025):
        report = annual_report(sqlite_url, year, AFTER_2025_WAS_DUE, tmp_path)
        owing[year] = {(m["ref"], year) for m in report["missing_statements"]}
        findings = audit_check(sqlite_url, year, AFTER_2025_WAS_DUE)
        found[year] = {(ref, y) for ref, y, _ in statement_findings(findings)}

    assert owing == {2024: {(approved, 2024), (withdrawn, 2024)},
                     2025: {(approved, 2025), (approved_later, 2025)}}
    assert found == owing
