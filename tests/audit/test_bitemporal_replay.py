"""Replay: what the system knew at a recorded time, and what was true on a business date."""
from __future__ import annotations

import json
from datetime import date, datetime, timezone

import pytest

from domain.errors import NotFound
from tests.cli.helpers import assert_one_error_line, run
from tests.support import AUDITOR, OFFICER, ctx, executing_project, make_app, set_up_kalix


def at(day: str, hour: int = 12) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=timezone.utc)


def case(app) -> str:
    """Executing since 2026-02-10 (recorded 2026-01-05); on 2026-03-10 an expenditure effective
    2026-03-01 is registered late, and on 2026-03-12 one effective the same day."""
    set_up_kalix(app)
    ref = executing_project(app)
    app.clock.set(at("2026-03-10"))
    app.spend(ctx(on=date(2026, 3, 1), reason="faktura kom sent"), ref, amount="1000", category="resor")
    app.clock.set(at("2026-03-12"))
    app.spend(ctx(on=date(2026, 3, 12)), ref, amount="500", category="resor")
    return ref


@pytest.fixture
def memory_case(app):
    return app, case(app)


def test_effective_on_includes_facts_registered_later(memory_case):
    app, ref = memory_case

    on_the_fifth = app.show_project(AUDITOR, ref, effective_on=date(2026, 3, 5))
    known_on_the_fifth = app.show_project(AUDITOR, ref, as_of=at("2026-03-05"))

    assert on_the_fifth.spent == 1000
    assert known_on_the_fifth.spent == 0


def test_effective_on_leaves_out_what_became_true_later_even_if_recorded_earlier(memory_case):
    app, ref = memory_case

    replay = app.replay_effective_on(AUDITOR, ref, date(2026, 2, 1))

    assert replay.project.status == "approved"
    assert replay.project.indicators == {} and replay.project.own_contribution is None
    assert len(replay.later) == 5  # funded, indicator, started (2026-02-10) and the two expenditures


def test_as_of_and_effective_on_together_answer_what_was_known_then_about_that_date(memory_case):
    app, ref = memory_case

    known_on_the_eleventh = app.show_project(AUDITOR, ref, as_of=at("2026-03-11"), effective_on=date(2026, 3, 20))

    assert known_on_the_eleventh.spent == 1000
    assert app.show_project(AUDITOR, ref, effective_on=date(2026, 3, 20)).spent == 1500


def test_a_case_not_yet_registered_on_the_date_is_not_found(memory_case):
    app, ref = memory_case

    with pytest.raises(NotFound, match="not yet registered on 2026-01-04"):
        app.show_project(AUDITOR, ref, effective_on=date(2026, 1, 4))


def test_history_lists_position_times_actor_role_reason_and_what_changed(memory_case):
    app, ref = memory_case

    history = app.history(AUDITOR, ref)
    late = history[-2]

    assert [e.version for e in history] == list(range(1, len(history) + 1))
    assert all(e.position is not None for e in history)
    assert [e.position for e in history] == sorted(e.position for e in history)
    assert history[1].changes == ["status: idea → exploration"]
    assert (late.event, late.actor, late.role, late.reason) == ("ExpenditureRecorded", OFFICER, "officer",
                                                                "faktura kom sent")
    assert (late.recorded_at.date(), late.effective_date) == (date(2026, 3, 10), date(2026, 3, 1))
    assert "spent: – → 1000.00" in late.changes


def test_as_of_finds_the_version_on_a_long_case_by_recorded_time(app):
    set_up_kalix(app)
    ref = executing_project(app)
    for day in range(1, 29):
        app.clock.set(at(f"2026-03-{day:02d}"))
        app.spend(ctx(on=date(2026, 3, day)), ref, amount="10", category="resor")

    assert app.show_project(AUDITOR, ref, as_of=at("2026-03-14", 13)).spent == 140
    assert app.show_project(AUDITOR, ref, as_of=at("2026-03-14", 11)).spent == 130


# --- through the CLI, on SQLite --------------------------------------------------------------

@pytest.fixture
def db(sqlite_url):
    case(make_app(sqlite_url))
    return sqlite_url


def test_show_effective_on_through_the_cli(db):
    result = run("project show KAL-2026-0001 --effective-on 2026-03-05", db=db, actor=AUDITOR, as_json=True)
    text = run("project show KAL-2026-0001 --effective-on 2026-03-05", db=db, actor=AUDITOR)

    assert result.code == 0, result
    data = json.loads(result.out)
    assert (data["status"], data["spent"], data["effective_on"]) == ("executing", "1000.00", "2026-03-05")
    assert data["later_versions"] == [data["version"] + 1]
    assert "as true on 2026-03-05" in text.out


@pytest.mark.parametrize("options, code, words", [
    ("--effective-on 2026-13-01", 2, "2026-13-01"),
    ("--effective-on yesterday", 2, "yesterday"),
    ("--as-of 2026-03-01T25:00", 2, "2026-03-01T25:00"),
    ("--version 2 --effective-on 2026-03-01", 2, "give --version or --effective-on, not both"),
])
def test_a_malformed_date_or_combination_exits_2_naming_it(db, options, code, words):
    result = run(f"project show KAL-2026-0001 {options}", db=db, actor=AUDITOR)

    assert result.code == code
    assert_one_error_line(result.err)
    assert words in result.err


def test_an_unknown_case_exits_4(db):
    result = run("project show KAL-2026-0099 --effective-on 2026-03-05", db=db, actor=AUDITOR)

    assert result.code == 4
    assert_one_error_line(result.err)


def test_history_through_the_cli_shows_positions_and_changes(db):
    text = run("project history KAL-2026-0001", db=db, actor=AUDITOR)
    data = json.loads(run("project history KAL-2026-0001", db=db, actor=AUDITOR, as_json=True).out)

    assert text.code == 0
    assert "status: idea → exploration" in text.out
    assert "effective 2026-03-01" in text.out and "— faktura kom sent" in text.out
    assert {"position", "recorded_at", "effective_date", "actor", "role", "reason", "changes"} <= set(data[0])
    assert data[0]["position"] is not None
