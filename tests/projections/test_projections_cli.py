"""`udsyn projections run | status | rebuild` and `udsyn project list` through the real entry point."""
from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import create_engine, inspect

from infrastructure.projections.base import METADATA
from infrastructure.projections.registry import ALL_PROJECTIONS
from tests.cli.helpers import assert_one_error_line, run, stored_events
from tests.support import (
    ADMIN, AUDITOR, OFFICER, OTHER_OFFICER, REPORTER, ctx, executing_project, make_app, set_up_kalix,
)


@pytest.fixture
def kalix(sqlite_url) -> str:
    """A store with one executing case (KAL-2026-0001) and one idea (KAL-2026-0002); no views yet."""
    app = make_app(sqlite_url)
    set_up_kalix(app)
    ref = executing_project(app)
    app.decide(ctx(), ref, body="bun", outcome="approved-with-conditions", meeting_date=date(2026, 2, 20),
               item="§ 9", ceiling="60000", condition=["Rapport till KSAU"], condition_due=[date(2026, 4, 30)])
    app.register_project(ctx(OTHER_OFFICER), title="Vänortsbesök Pielavesi", department="kf-adm",
                         focus_area=["turism"], budget="20000")
    app.close()
    return sqlite_url


def as_json(db: str, command: str, actor: str = REPORTER) -> dict:
    result = run(command, db=db, actor=actor, as_json=True)
    assert result.code == 0, result
    return json.loads(result.out)


def view_tables(db: str) -> set[str]:
    return set(inspect(create_engine(db)).get_table_names()) & set(METADATA.tables)


def test_run_catches_every_view_up_to_the_head_and_status_shows_no_lag(kalix):
    head = stored_events(kalix)

    ran = as_json(kalix, "projections run")
    status = as_json(kalix, "projections status", AUDITOR)

    assert (ran["applied"], ran["head"], ran["stopped"]) == (head, head, False)
    assert status == {"head": head, "projections": [
        {"name": name, "position": head, "head": head, "lag": 0}
        for name in ALL_PROJECTIONS
    ]}
    assert as_json(kalix, "projections run")["applied"] == 0


def test_status_before_any_run_shows_the_whole_log_as_lag_and_writes_nothing(kalix):
    head = stored_events(kalix)

    status = run("projections status", db=kalix, actor=AUDITOR)

    assert status.code == 0
    assert status.out.splitlines()[1].split() == ["audit-trail", "0", str(head), str(head)]
    assert view_tables(kalix) == set()


@pytest.mark.parametrize("command", ["projections run", "projections rebuild --all"])
def test_an_officer_may_not_run_or_rebuild_the_views_and_nothing_is_written(kalix, command):
    result = run(command, db=kalix, actor=OFFICER)

    assert result.code == 3
    assert_one_error_line(result.err, starts="error: R9: ")
    assert view_tables(kalix) == set()


def test_rebuilding_an_unknown_projection_exits_2_naming_it_and_writes_nothing(kalix):
    as_json(kalix, "projections run")
    before = as_json(kalix, "projections status")

    result = run("projections rebuild portfolio ledgr", db=kalix, actor=REPORTER)

    assert result.code == 2
    assert_one_error_line(result.err, starts="error: projection: no projection 'ledgr'")
    assert as_json(kalix, "projections status") == before


@pytest.mark.parametrize("arguments", ["", "portfolio --all"], ids=["neither", "both"])
def test_rebuild_takes_names_or_all_but_not_both(kalix, arguments):
    result = run(f"projections rebuild {arguments}", db=kalix, actor=REPORTER)

    assert result.code == 2
    assert_one_error_line(result.err)


def test_rebuild_all_rebuilds_from_zero_quietly_with_json(kalix):
    head = stored_events(kalix)
    as_json(kalix, "projections run")

    result = run("projections rebuild --all", db=kalix, actor=ADMIN, as_json=True)

    assert (result.code, result.err) == (0, "")
    rebuilt = json.loads(result.out)
    assert (rebuilt["rebuilt"], rebuilt["applied"]) == (list(ALL_PROJECTIONS), head)
    assert {p["lag"] for p in rebuilt["projections"]} == {0}


def test_project_list_as_a_reporter_catches_the_portfolio_up_first(kalix):
    listed = as_json(kalix, "project list")

    assert (listed["stale"], listed["position"]) == (False, listed["head"])
    assert [(p["ref"], p["status"], p["board"]) for p in listed["projects"]] == [
        ("KAL-2026-0001", "executing", "bun"), ("KAL-2026-0002", "idea", "ks"),
    ]
    first = listed["projects"][0]
    assert (first["ceiling"], first["spent"], first["open_obligations"]) == ("60000.00", "0", ["O1"])
    assert listed["on"] == "2026-03-01"


def test_project_list_for_an_officer_says_clearly_that_a_lagging_portfolio_is_stale(kalix):
    head = stored_events(kalix)

    result = run("project list", db=kalix, actor=OFFICER)
    listed = as_json(kalix, "project list", OFFICER)

    assert result.code == 0
    assert f"STALE: the portfolio is at event 0 of {head}" in result.out
    assert (listed["stale"], listed["position"], listed["head"], listed["projects"]) == (True, 0, head, [])


@pytest.mark.parametrize(
    "filters, refs",
    [
        ("--status executing", ["KAL-2026-0001"]),
        ("--board ks", ["KAL-2026-0002"]),
        ("--department buf", ["KAL-2026-0001"]),
        ("--focus-area turism", ["KAL-2026-0002"]),
        ("--overdue --on 2026-04-30", []),
        ("--overdue --on 2026-05-01", ["KAL-2026-0001"]),
        ("--overdue", []),
    ],
)
def test_project_list_filters_by_status_board_department_focus_area_and_overdue(kalix, filters, refs):
    listed = as_json(kalix, f"project list {filters}", ADMIN)

    assert [p["ref"] for p in listed["projects"]] == refs


@pytest.mark.parametrize(
    "filters, says",
    [
        ("--board nowhere", "error: board: no board 'nowhere'"),
        ("--board kommunchef", "error: board: no board 'kommunchef'"),
        ("--department nowhere", "error: department: no department 'nowhere'"),
        ("--focus-area rymden", "error: focus-area: no focus area 'rymden'"),
        ("--status dreaming", "error: --status 'dreaming' is not one of"),
        ("--overdue --on 2026-13-01", "'2026-13-01' is not a date"),
    ],
)
def test_project_list_with_an_unknown_filter_exits_2_naming_it_and_writes_nothing(kalix, filters, says):
    result = run(f"project list {filters}", db=kalix, actor=ADMIN)

    assert result.code == 2
    assert_one_error_line(result.err)
    assert says in result.err
    assert view_tables(kalix) == set()


def test_project_list_as_text_shows_the_table_and_its_freshness(kalix):
    result = run("project list", db=kalix, actor=ADMIN)

    lines = result.out.splitlines()
    assert result.code == 0
    assert lines[0].split()[:3] == ["REF", "STATUS", "BOARD"]
    assert lines[1].startswith("KAL-2026-0001   executing")
    assert lines[-1] == f"portfolio current at event {stored_events(kalix)} of {stored_events(kalix)}"
