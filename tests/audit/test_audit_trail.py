"""`audit trail`: one row per stored event, filtered by case, user and recorded date."""
from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timezone

import pytest

from tests.audit.raw import RawStore
from tests.cli.helpers import assert_one_error_line, run, stored_events
from tests.support import ADMIN, AUDITOR, OFFICER, ctx, executing_project, make_app, register, set_up_kalix


@pytest.fixture
def db(db_url) -> str:
    app = make_app(db_url)
    set_up_kalix(app)
    executing_project(app)
    app.clock.set(datetime(2026, 3, 2, 10, tzinfo=timezone.utc))
    register(app, title="Vänortsbesök")
    app.spend(ctx(on=date(2026, 3, 2), reason="tågbiljetter"), "KAL-2026-0001", amount="800", category="resor")
    return db_url


def trail(db: str, options: str = "") -> list[dict]:
    result = run(f"audit trail {options} --format json", db=db, actor=AUDITOR)
    assert (result.code, result.err) == (0, ""), result
    return json.loads(result.out)


def test_the_trail_has_one_row_per_stored_event_in_position_order_with_its_chain_link(db):
    rows = trail(db)
    raw = RawStore(db)

    assert [r["position"] for r in rows] == raw.positions()
    assert len(rows) == stored_events(db)
    links = dict(raw.sql("SELECT {chain_pos}, link FROM {chain}"))
    assert all(r["chain"] == bytes(links[r["position"]]).hex() for r in rows)
    first = rows[0]
    assert (first["aggregate"], first["event"], first["actor"], first["role"]) == ("Organisation", "Founded",
                                                                                    ADMIN, "admin")


def test_the_trail_narrows_to_a_case_a_user_and_recorded_dates(db):
    case = trail(db, "--project KAL-2026-0001")
    by_officer = trail(db, f"--actor {OFFICER}")
    on_the_second = trail(db, "--from 2026-03-02 --to 2026-03-02")

    assert {r["ref"] for r in case} == {"KAL-2026-0001"} and case[0]["event"] == "Registered"
    assert {r["actor"] for r in by_officer} == {OFFICER}
    assert [(r["aggregate"], r["ref"], r["event"]) for r in on_the_second] == [
        ("CaseCounter", None, "NumberIssued"), ("Project", "KAL-2026-0002", "Registered"),
        ("Project", "KAL-2026-0001", "ExpenditureRecorded")]
    assert on_the_second[2]["reason"] == "tågbiljetter"
    assert trail(db, "--from 2026-03-03") == []


def test_the_trail_as_csv_has_a_header_and_a_row_per_event(db):
    result = run("audit trail --format csv --project KAL-2026-0002", db=db, actor=AUDITOR)
    rows = list(csv.DictReader(io.StringIO(result.out)))

    assert result.code == 0
    assert [r["event"] for r in rows] == ["Registered"]
    assert rows[0]["effective_date"] == "2026-03-02" and len(rows[0]["chain"]) == 64


def test_the_trail_as_a_table_names_case_event_and_who(db):
    result = run("audit trail --project KAL-2026-0001", db=db, actor=AUDITOR)

    assert result.code == 0
    assert "Project.ExpenditureRecorded" in result.out and f"{OFFICER} (officer) — tågbiljetter" in result.out


@pytest.mark.parametrize("options, code, words", [
    ("--project KAL-2026-0099", 4, "KAL-2026-0099"),
    ("--actor nobody", 4, "nobody"),
    ("--from 2026-02-30", 2, "2026-02-30"),
    ("--from 2026-03-05 --to 2026-03-01", 2, "after"),
    ("--format xml", 2, "xml"),
])
def test_bad_filters_are_refused_with_the_right_exit_code(db, options, code, words):
    result = run(f"audit trail {options}", db=db, actor=AUDITOR)

    assert result.code == code, result
    assert_one_error_line(result.err)
    assert words in result.err
