"""`audit check`: findings read from the history, each naming rule, case, position and dates."""
from __future__ import annotations

import json
from datetime import date, datetime, timezone
from decimal import Decimal
from uuid import uuid4

import pytest

from domain.meta import Meta
from domain.money import Amount
from domain.project import Project
from domain.reporting_year import ReportingYear
from tests.cli.helpers import assert_one_error_line, run
from tests.support import (
    ADMIN, AUDITOR, OFFICER, approved_project, ctx, executing_project, make_app, register, set_up_kalix,
)


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=timezone.utc)


def recorded_without_the_rules(app, ref: str, event_class, on: date, **payload) -> None:
    """Write an event as a legacy system (or an older rule set) did: no check, straight to the store."""
    project = app.load_project(ref)
    meta = Meta(actor=OFFICER, role="officer", command_id=uuid4().hex, recorded_at=app.clock.now(), effective_date=on)
    project._record(event_class, meta, **payload)
    app.save(project)


def sek(value: str) -> Amount:
    return Amount.of(Decimal(value), "SEK", "SEK")


def compliant_project(app) -> str:
    """Approved 2026-01-15, half externally funded, an indicator, started after the appeal window."""
    ref = approved_project(app, budget="50000")
    later = date(2026, 2, 10)
    app.apply_for_funding(ctx(on=later), ref, programme="Interreg Aurora", amount="25000")
    app.grant(ctx(on=later), ref, application="A1", amount="25000")
    app.fund(ctx(on=later), ref, own_contribution="25000")
    app.define_indicator(ctx(on=later), ref, key="elever", name="Elever i utbyte", target="30")
    app.start(ctx(on=later), ref)
    return ref


@pytest.fixture
def kalix(app):
    set_up_kalix(app)
    app.clock.set(at(date(2026, 3, 1)))
    return app


def rules(findings) -> list[tuple[str, str]]:
    return [(f.rule, f.event) for f in findings]


def test_a_history_that_followed_the_rules_has_no_findings(kalix):
    compliant_project(kalix)

    assert kalix.rule_findings(AUDITOR) == (1, [])


def test_spending_effective_before_the_decision_that_allowed_it_is_an_r12_finding(kalix):
    ref = compliant_project(kalix)
    recorded_without_the_rules(kalix, ref, Project.ExpenditureRecorded, date(2026, 1, 10),
                               amount=sek("900"), category="resor", description=None)

    _, findings = kalix.rule_findings(AUDITOR)

    assert rules(findings) == [("R12", "ExpenditureRecorded")]
    f = findings[0]
    assert (f.ref, f.effective_date, f.recorded_on) == (ref, date(2026, 1, 10), date(2026, 3, 1))
    assert f.position == kalix.positions_of(kalix.resolve_ref(ref))[f.version]
    assert "before the decision that allowed it enters into force on 2026-01-15" in f.message


def test_a_funding_commitment_within_the_appeal_window_is_an_r12_finding(kalix):
    ref = approved_project(kalix)
    recorded_without_the_rules(kalix, ref, Project.OwnContributionCommitted, date(2026, 1, 20), amount=sek("50000"))

    assert ("R12", "OwnContributionCommitted") in rules(kalix.rule_findings(AUDITOR)[1])


def test_spending_without_any_approving_decision_is_an_r3_finding(kalix):
    ref = register(kalix)
    recorded_without_the_rules(kalix, ref, Project.ExpenditureRecorded, date(2026, 2, 1),
                               amount=sek("100"), category="resor", description=None)

    assert ("R3", "ExpenditureRecorded") in rules(kalix.rule_findings(AUDITOR)[1])


def test_execution_started_without_indicator_targets_is_an_r6_finding(kalix):
    ref = approved_project(kalix)
    kalix.fund(ctx(on=date(2026, 2, 10)), ref, own_contribution="50000")
    recorded_without_the_rules(kalix, ref, Project.ExecutionStarted, date(2026, 2, 10))

    assert ("R6", "ExecutionStarted") in rules(kalix.rule_findings(AUDITOR)[1])


def test_external_funding_below_the_target_share_is_an_r5_finding(kalix):
    executing_project(kalix)  # funded by the department alone

    findings = kalix.rule_findings(AUDITOR)[1]

    assert rules(findings) == [("R5", "OwnContributionCommitted")]
    assert "0.0% of the funding plan, below the strategy's target of 50%" in findings[0].message


def test_a_project_outside_every_focus_area_is_an_r1_finding(kalix):
    register(kalix, focus_area=[], outside_strategy=True)

    assert rules(kalix.rule_findings(AUDITOR)[1]) == [("R1", "Registered")]


def test_an_obligation_past_due_is_an_r12_finding(kalix):
    ref = kalix.register_project(ctx(on=date(2026, 1, 5)), title="Elevutbyte med Pielavesi", department="buf",
                                 focus_area=["utbildning"], budget="50000")["ref"]
    kalix.explore(ctx(on=date(2026, 1, 5)), ref)
    kalix.submit(ctx(on=date(2026, 1, 10)), ref, body="bun")  # dated before the meeting that decides it
    kalix.decide(ctx(), ref, body="bun", outcome="approved-with-conditions", meeting_date=date(2026, 1, 15),
                 item="§ 7", condition=["Samverkansavtal med Pielavesi"], condition_due=[date(2026, 2, 15)])

    findings = kalix.rule_findings(AUDITOR)[1]

    assert rules(findings) == [("R12", "DecisionRecorded")]
    assert "obligation O1 ('Samverkansavtal med Pielavesi') was due 2026-02-15 and is still open" in findings[0].message


def test_a_missing_annual_statement_is_an_r7_finding_once_it_is_due(kalix):
    ref = compliant_project(kalix)
    assert kalix.rule_findings(AUDITOR)[1] == []

    kalix.clock.set(at(date(2027, 2, 1)))
    findings = kalix.rule_findings(AUDITOR)[1]

    assert [(f.rule, f.ref, f.year) for f in findings] == [("R7", ref, 2026)]
    assert "no annual statement for 2026; it was due 2027-01-31" in findings[0].message


def test_a_late_statement_and_a_correction_to_a_reported_year_are_r7_findings(kalix):
    ref = compliant_project(kalix)
    kalix.clock.set(at(date(2027, 2, 20)))
    kalix.statement(ctx(on=date(2027, 2, 15)), ref, year=2026, text="Utbytet genomfördes med 28 elever.")
    kalix.spend(ctx(on=date(2026, 12, 20)), ref, amount="400", category="resor")

    findings = kalix.rule_findings(AUDITOR)[1]

    assert rules(findings) == [("R7", "StatementSubmitted"), ("R7", "ExpenditureRecorded")]
    assert "submitted 2027-02-15, after it was due 2027-01-31" in findings[0].message
    assert "correction to 2026 after its annual statement was submitted on 2027-02-15" in findings[1].message


def test_a_fact_in_a_closed_year_recorded_after_closing_is_an_r7_finding(kalix):
    ref = compliant_project(kalix)
    kalix.clock.set(at(date(2027, 2, 1)))
    meta = Meta(actor=ADMIN, role="admin", command_id=uuid4().hex, recorded_at=kalix.clock.now(),
                effective_date=date(2027, 2, 1))
    kalix.save(ReportingYear.close(year=2026, today=date(2027, 2, 1), position=1, totals={}, report={}, meta=meta))
    kalix.clock.set(at(date(2027, 2, 5)))
    recorded_without_the_rules(kalix, ref, Project.ExpenditureRecorded, date(2026, 12, 1),
                               amount=sek("300"), category="resor", description=None)

    late = [f for f in kalix.rule_findings(AUDITOR)[1] if f.event == "ExpenditureRecorded"]

    assert [(f.rule, f.year) for f in late] == [("R7", 2026)]
    assert "recorded 2027-02-05 after the year was closed 2027-02-01, not as a correction" in late[0].message


def test_year_narrows_the_findings_to_that_year(kalix):
    executing_project(kalix)
    register(kalix, focus_area=[], outside_strategy=True)

    assert len(kalix.rule_findings(AUDITOR)[1]) == 2
    assert kalix.rule_findings(AUDITOR, year=2025)[1] == []


# --- through the CLI --------------------------------------------------------------------------

def test_check_prints_clean_and_exits_0_on_a_clean_history(sqlite_url):
    app = make_app(sqlite_url)
    set_up_kalix(app)
    compliant_project(app)

    result = run("audit check", db=sqlite_url, actor=AUDITOR)

    assert (result.code, result.err) == (0, "")
    assert result.out.startswith("clean: no findings in 1 cases")


def test_check_lists_findings_and_exits_1(sqlite_url):
    app = make_app(sqlite_url)
    set_up_kalix(app)
    ref = executing_project(app)

    result = run("audit check --year 2026", db=sqlite_url, actor=AUDITOR)
    as_json = json.loads(run("audit check", db=sqlite_url, actor=AUDITOR, as_json=True).out)

    assert result.code == 1
    assert_one_error_line(result.err, "error: 1 findings for 2026 (R5)")
    assert result.out.startswith(f"R5   {ref}")
    assert as_json["findings"][0]["rule"] == "R5" and as_json["findings"][0]["position"] > 0


def test_check_refuses_a_malformed_year(sqlite_url):
    set_up_kalix(make_app(sqlite_url))

    assert run("audit check --year twenty", db=sqlite_url, actor=AUDITOR).code == 2
