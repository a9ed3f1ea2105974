"""SPEC §5 exit codes: 0 done, 1 refused by a rule, 2 invalid input, 3 not permitted, 4 not found.
Every failure is one `error:` line on stderr, never a traceback, and writes nothing."""

from __future__ import annotations

import pytest

from tests.cli.helpers import STRATEGY_TOML, assert_one_error_line, run, stored_events, write_strategy
from tests.support import ADMIN, AUDITOR, OTHER_OFFICER, executing_project, make_app, set_up_kalix

REF = "KAL-2026-0001"
SPEND = f"project spend {REF} --category travel"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    """Kalix with one executing project (ceiling 50000), shared: a refused command must not change it."""
    url = f"sqlite:///{tmp_path_factory.mktemp('exit-codes') / 'udsyn.db'}"
    app = make_app(url)
    set_up_kalix(app)
    assert executing_project(app) == REF
    return url


@pytest.fixture
def fresh_db(sqlite_url) -> str:
    app = make_app(sqlite_url)
    set_up_kalix(app)
    executing_project(app)
    return sqlite_url


def refused(db: str, command: str, *, actor: str | None = None, code: int, says: str) -> str:
    """Run a command that must fail with `code`, naming `says`, and leave the store as it was."""
    before = stored_events(db)
    result = run(command, db=db, **({"actor": actor} if actor else {}))
    assert result.code == code, result
    assert_one_error_line(result.err)
    assert says in result.err
    assert result.out == ""
    assert stored_events(db) == before
    return result.err


def test_spending_within_the_ceiling_is_done_and_exits_0(fresh_db):
    before = stored_events(fresh_db)

    result = run(f"{SPEND} --amount 12500.50", db=fresh_db)

    assert (result.code, result.err) == (0, "")
    assert result.out == f"{REF}: spent 12500.50 of 50000.00\n"
    assert stored_events(fresh_db) == before + 1


def test_spending_above_the_ceiling_is_refused_naming_r3_with_exit_1(db):
    err = refused(db, f"{SPEND} --amount 50000.01", code=1, says=REF)

    assert err.startswith("error: R3: ")


def test_starting_an_executing_project_again_is_refused_with_exit_1(db):
    refused(db, f"project start {REF}", code=1, says="cannot start a project that is executing")


def test_reusing_a_command_id_for_a_different_command_is_refused_with_exit_1(fresh_db):
    run(f"{SPEND} --amount 10 --command-id k-1", db=fresh_db)

    refused(
        fresh_db, f"project measure {REF} elever --value 3 --command-id k-1", code=1, says="command id 'k-1'"
    )


@pytest.mark.parametrize(
    "command, names",
    [
        (f"{SPEND} --amount 12,5", "error: amount: "),
        (f"{SPEND} --amount -5", "error: amount: "),
        (f"{SPEND} --amount 12 --date 2026-13-01", "'--date'"),
        (f"{SPEND} --amount 12 --currency ABC --rate 1", "error: currency: "),
        (f"{SPEND} --amount 12 --currency XXX --rate 1", "error: currency: "),
        (f"{SPEND} --amount 120 --currency EUR", "error: rate: "),
        (f"project spend {REF} --amount 12", "'--category'"),
        (
            f"project decide {REF} --body ks --outcome maybe --meeting-date 2026-03-01 --item 9",
            "error: outcome: ",
        ),
        (f"project show {REF} --version 0", "'--version'"),
        ("project list --status dreaming", "--status 'dreaming'"),
        (f"project teleport {REF}", "No such command 'teleport'"),
    ],
    ids=[
        "amount-with-a-comma",
        "negative-amount",
        "month-13",
        "unknown-currency",
        "currency-xxx-no-currency",
        "foreign-currency-without-rate",
        "missing-option",
        "unknown-outcome",
        "version-0",
        "unknown-status",
        "unknown-command",
    ],
)
def test_invalid_input_exits_2_naming_the_field(db, command, names):
    refused(db, command, code=2, says=names)


def test_a_malformed_strategy_file_exits_2_naming_the_file(db, tmp_path):
    broken = write_strategy(tmp_path, 'title = "Internationell policy\n')

    refused(
        db, f"strategy adopt {broken} --body kf --date 2026-01-01", actor=ADMIN, code=2, says="error: file: "
    )


def test_a_missing_strategy_file_exits_2(db, tmp_path):
    missing = tmp_path / "none.toml"

    refused(
        db,
        f"strategy adopt {missing} --body kf --date 2026-01-01",
        actor=ADMIN,
        code=2,
        says="no strategy file",
    )


def test_an_unknown_key_in_the_strategy_file_exits_2_naming_the_key_as_written(db, tmp_path):
    typo = write_strategy(tmp_path, STRATEGY_TOML.replace("appeal_window_days = 21", "appeal_window = 21"))

    err = refused(
        db, f"strategy adopt {typo} --body kf --date 2026-01-01", actor=ADMIN, code=2, says="appeal_window"
    )

    assert err.startswith("error: appeal_window")


@pytest.mark.parametrize(
    "actor, command, says",
    [
        ("nobody", f"project show {REF}", "'nobody' is not a registered user"),
        (AUDITOR, f"{SPEND} --amount 10", "may not do case work"),
        (AUDITOR, "org add-body kn --name Kulturnämnden --kind board", "may not organise"),
        (OTHER_OFFICER, f"{SPEND} --amount 10", "not appointed to department 'buf'"),
        (
            OTHER_OFFICER,
            "project register --title Vänort --department buf --focus-area utbildning",
            "not appointed to department 'buf'",
        ),
    ],
    ids=[
        "unknown-actor",
        "auditor-spending",
        "auditor-organising",
        "officer-outside-department-spending",
        "officer-outside-department-registering",
    ],
)
def test_a_command_the_actor_may_not_run_exits_3_naming_r9(db, actor, command, says):
    err = refused(db, command, actor=actor, code=3, says=says)

    assert err.startswith("error: R9: ")


@pytest.mark.parametrize(
    "command, says",
    [
        ("project show KAL-2026-0999", "no project 'KAL-2026-0999'"),
        ("project spend KAL-2026-0999 --amount 10 --category travel", "KAL-2026-0999"),
        ("project history KAL-2026-0999", "KAL-2026-0999"),
        (f"project measure {REF} deltagare --value 3", "no indicator 'deltagare'"),
        (f"project submit {REF} --body landstinget", "no body 'landstinget'"),
    ],
    ids=["show", "spend", "history", "indicator", "body"],
)
def test_an_unknown_reference_or_key_exits_4(db, command, says):
    refused(db, command, code=4, says=says)


def test_a_database_without_an_organisation_exits_4_and_says_to_run_init(tmp_path):
    empty = f"sqlite:///{tmp_path / 'empty.db'}"

    refused(empty, "project list", code=4, says="run 'udsyn init' first")


def test_a_missing_database_file_exits_4_and_is_not_created(tmp_path):
    missing = tmp_path / "typo.db"

    result = run("project list", db=f"sqlite:///{missing}")

    assert result.code == 4
    assert_one_error_line(result.err)
    assert "udsyn init" in result.err
    assert not missing.exists()


def test_an_unusable_db_url_exits_2_naming_db():
    result = run("project list", db="sqlite://")

    assert result.code == 2
    assert_one_error_line(result.err, starts="error: db: ")
