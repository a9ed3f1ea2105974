"""SPEC §5 exit codes at the edges: output paths, files that are not udsyn databases, an unknown
department, and what a command prints on stdout. A refused or invalid command writes nothing, not even a table."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.cli.helpers import assert_one_error_line, run, stored_events
from tests.support import ADMIN, AUDITOR, OFFICER, REPORTER, executing_project, make_app, set_up_kalix

REF = "KAL-2026-0001"
READS = [
    f"project show {REF}", "project list", f"project history {REF}", "audit verify", "audit trail",
    "audit check", "report annual --year 2026", "projections status",
]
REGISTER = "project register --title Vänort --focus-area utbildning"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    """Kalix with one executing project, shared: a refused command must not change it."""
    url = f"sqlite:///{tmp_path_factory.mktemp('exit-codes-more') / 'udsyn.db'}"
    app = make_app(url)
    set_up_kalix(app)
    assert executing_project(app) == REF
    app.close()
    return url


def tables(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return sorted(name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'"))
    finally:
        connection.close()


def files_in(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


def test_a_report_to_a_missing_directory_exits_2_as_an_export_does(db, tmp_path):
    missing = tmp_path / "no" / "such"

    report = run(f"report annual --year 2026 -o {missing / 'r.md'}", db=db, actor=REPORTER)
    export = run(f"export -o {missing / 'x.jsonl'}", db=db, actor=AUDITOR)

    assert (report.code, export.code) == (2, 2), (report, export)
    assert_one_error_line(report.err, starts="error: output: ")
    assert report.err == export.err == f"error: output: no directory {missing}\n"
    assert report.out == "" and not missing.exists()


def test_a_file_that_is_not_a_sqlite_database_exits_2_naming_it_and_is_left_as_it_was(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_text("garbage\n")

    for command, actor in [("audit verify", AUDITOR), ("project list", OFFICER),
                           ("init --municipality Kalix --code KAL --country SE --currency SEK --language sv", ADMIN)]:
        result = run(command, db=f"sqlite:///{junk}", actor=actor)

        assert result.code == 2, result
        assert_one_error_line(result.err, starts="error: db: ")
        assert f"{junk} is not a SQLite database" in result.err
    assert junk.read_text() == "garbage\n"
    assert files_in(tmp_path) == ["junk.db"]


@pytest.mark.parametrize("journal", ["delete", "wal"])
@pytest.mark.parametrize("command", [*READS, "export -o {dir}/x.jsonl", f"{REGISTER} --department buf"])
def test_a_command_on_a_sqlite_database_of_another_program_exits_4_and_leaves_it_as_it_was(tmp_path, command, journal):
    other = tmp_path / "other.db"
    connection = sqlite3.connect(other)
    connection.execute(f"PRAGMA journal_mode = {journal}")
    connection.execute("CREATE TABLE foo (x)")
    connection.commit()
    connection.close()
    before = other.read_bytes()

    result = run(command.format(dir=tmp_path), db=f"sqlite:///{other}", actor=AUDITOR)

    assert result.code == 4, result
    assert_one_error_line(result.err)
    assert f"{other} is not an udsyn database" in result.err and "udsyn init" in result.err
    assert files_in(tmp_path) == ["other.db"]
    assert other.read_bytes() == before
    assert tables(other) == ["foo"]


def test_a_command_on_an_empty_file_exits_4_and_leaves_it_empty(tmp_path):
    empty = tmp_path / "empty.db"
    empty.touch()

    result = run("audit verify", db=f"sqlite:///{empty}", actor=AUDITOR)

    assert result.code == 4, result
    assert_one_error_line(result.err)
    assert empty.stat().st_size == 0 and files_in(tmp_path) == ["empty.db"]


@pytest.mark.parametrize("command", READS)
def test_a_read_only_command_on_a_missing_database_file_exits_4_and_creates_no_file(tmp_path, command):
    missing = tmp_path / "typo.db"

    result = run(command, db=f"sqlite:///{missing}", actor=AUDITOR)

    assert result.code == 4, result
    assert_one_error_line(result.err)
    assert files_in(tmp_path) == []


def test_init_may_still_set_up_a_new_database_file(tmp_path):
    new = tmp_path / "new.db"

    result = run("init --municipality Kalix --code KAL --country SE --currency SEK --language sv",
                 db=f"sqlite:///{new}", actor=ADMIN)

    assert result.code == 0, result
    assert "stored_events" in tables(new)


def test_registering_outside_the_strategy_prints_only_the_reference_on_stdout_and_the_note_on_stderr(sqlite_url):
    app = make_app(sqlite_url)
    set_up_kalix(app)
    app.close()

    result = run("project register --title Idé --department buf --outside-strategy", db=sqlite_url)
    as_json = run("project register --title Idé2 --department buf --outside-strategy", db=sqlite_url,
                  as_json=True)

    assert (result.code, result.out) == (0, f"{REF}\n")
    assert "outside every focus area" in result.err and "R2" in result.err
    assert not result.err.startswith("error:") and result.err.count("\n") == 1
    assert as_json.code == 0 and as_json.err == ""
    assert '"outside_strategy": true' in as_json.out


@pytest.mark.parametrize("actor", [ADMIN, OFFICER])
def test_registering_in_an_unknown_department_is_not_found_for_an_officer_as_for_an_admin(db, actor):
    before = stored_events(db)

    result = run(f"{REGISTER} --department nope", db=db, actor=actor)

    assert result.code == 4, result
    assert_one_error_line(result.err)
    assert "no department 'nope'" in result.err
    assert stored_events(db) == before


def test_an_officer_registering_in_an_existing_department_of_another_is_still_not_permitted(db):
    result = run(f"{REGISTER} --department kf-adm", db=db, actor=OFFICER)

    assert result.code == 3, result
    assert "not appointed to department 'kf-adm'" in result.err


INIT = "init --municipality Kalix --code KAL --country SE --currency SEK --language sv"


def test_init_with_invalid_input_makes_no_database_file(tmp_path):
    path = tmp_path / "new.db"

    result = run(INIT.replace("--language sv", "--language xx"), db=f"sqlite:///{path}", actor=ADMIN)

    assert result.code == 2
    assert_one_error_line(result.err)
    assert not path.exists()


def test_init_into_a_directory_that_does_not_exist_is_invalid_input_naming_db(tmp_path):
    path = tmp_path / "no-such-dir" / "new.db"

    result = run(INIT, db=f"sqlite:///{path}", actor=ADMIN)

    assert result.code == 2
    assert result.err.startswith("error: db: no directory ")
    assert not path.parent.exists()


def test_init_with_a_country_that_is_no_iso_3166_code_is_invalid_input(tmp_path):
    path = tmp_path / "new.db"

    result = run(INIT.replace("--country SE", "--country XX"), db=f"sqlite:///{path}", actor=ADMIN)

    assert result.code == 2
    assert "'XX' is not an ISO 3166 country code" in result.err
    assert not path.exists()


def test_decide_takes_no_date_of_its_own_its_meeting_dates_it(db):
    result = run(f"project decide {REF} --body bun --outcome approved --meeting-date 2026-01-15 --item '§ 9' "
                 "--date 2025-01-01", db=db)

    assert result.code == 2
    assert "No such option '--date'" in result.err
