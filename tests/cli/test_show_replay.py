"""`project show --version N` and `--as-of TIMESTAMP` replay the case as it was."""

from __future__ import annotations

import json

import pytest

from tests.cli.helpers import assert_one_error_line, run, stored_events
from tests.support import AUDITOR, make_app, set_up_kalix

REF = "KAL-2026-0001"
REGISTERED_AT = "2026-03-01T09:00:00+00:00"
EXPLORED_AT = "2026-03-02T09:00:00+00:00"


@pytest.fixture
def db(sqlite_url) -> str:
    """A case registered on 1 March and explored on 2 March, both through the CLI."""
    set_up_kalix(make_app(sqlite_url))
    register = "project register --title Vänortsbesök --department buf --focus-area utbildning --budget 20000"
    registered = run(register, db=sqlite_url, clock=REGISTERED_AT)
    explored = run(f"project explore {REF}", db=sqlite_url, clock=EXPLORED_AT)
    assert (registered.code, explored.code) == (0, 0), (registered, explored)
    return sqlite_url


def shown(db: str, options: str = "") -> dict:
    result = run(f"project show {REF} {options}", db=db, actor=AUDITOR, as_json=True)
    assert (result.code, result.err) == (0, ""), result
    return json.loads(result.out)


def test_show_without_options_is_the_case_now(db):
    case = shown(db)

    assert (case["version"], case["status"]) == (2, "exploration")
    assert case["recorded_at"] == "2026-03-02T09:00:00.000001+00:00"


def test_show_version_replays_the_case_to_that_version(db):
    first, second = shown(db, "--version 1"), shown(db, "--version 2")

    assert (first["version"], first["status"]) == (1, "idea")
    assert first["recorded_at"] == "2026-03-01T09:00:00.000001+00:00"
    assert (second["version"], second["status"]) == (2, "exploration")


@pytest.mark.parametrize(
    "as_of, version, status",
    [
        ("2026-03-01T12:00:00+00:00", 1, "idea"),
        ("2026-03-01T12:00", 1, "idea"),
        ("2026-03-02T10:00:00+01:00", 1, "idea"),
        ("2026-03-02T09:00:01+00:00", 2, "exploration"),
    ],
    ids=["between-the-events", "naive-time-is-utc", "offset-before-exploring", "after-exploring"],
)
def test_show_as_of_is_the_case_as_known_at_that_time(db, as_of, version, status):
    case = shown(db, f"--as-of {as_of}")

    assert (case["version"], case["status"]) == (version, status)


@pytest.mark.parametrize(
    "options, code, says",
    [
        ("--as-of 'last tuesday'", 2, "error: Invalid value for '--as-of'"),
        ("--as-of 2026-02-30T12:00", 2, "error: Invalid value for '--as-of'"),
        ("--version 1 --as-of 2026-03-01T12:00", 2, "error: give --version or --as-of, not both"),
        ("--version 3", 4, f"error: {REF} has no version 3 (latest is 2)"),
        ("--as-of 2026-02-28T12:00", 4, f"error: project '{REF}' was not yet registered"),
    ],
    ids=["not-a-timestamp", "no-such-day", "both", "beyond-the-last-version", "before-registration"],
)
def test_an_impossible_replay_is_refused(db, options, code, says):
    events = stored_events(db)

    result = run(f"project show {REF} {options}", db=db, actor=AUDITOR)

    assert (result.code, result.out) == (code, "")
    assert_one_error_line(result.err, starts=says)
    assert stored_events(db) == events
