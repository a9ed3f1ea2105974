"""`udsyn batch FILE.jsonl`: one CLI command per line, each in its own transaction, a result per line."""
from __future__ import annotations

import json

import pytest

from tests.cli.helpers import run, stored_events
from tests.support import ADMIN, AUDITOR, executing_project, make_app, set_up_kalix

REF = "KAL-2026-0001"


@pytest.fixture
def db(sqlite_url) -> str:
    app = make_app(sqlite_url)
    set_up_kalix(app)
    assert executing_project(app) == REF
    return sqlite_url


def batch_file(tmp_path, *lines: dict | str) -> str:
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    return str(path)


def spend(amount: str, **extra) -> dict:
    return {"command": "project spend", "args": [REF], "amount": amount, "category": "resor",
            "date": "2026-03-01", **extra}


def test_every_line_is_applied_in_order_and_reported(db, tmp_path):
    before = stored_events(db)
    register = {"command": "project register", "title": "Vänortsbesök", "department": "buf",
                "focus-area": ["utbildning"], "budget": "20000"}
    result = run(f"batch {batch_file(tmp_path, register, spend('100'), spend('50.50'))}", db=db)

    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "line 1: ok project register KAL-2026-0002",
        f"line 2: ok project spend {REF}",
        f"line 3: ok project spend {REF}",
    ]
    assert "3 applied, 0 failed" in result.err
    assert stored_events(db) == before + 4  # the register also numbers the case
    assert make_app(db).load_project(REF).spent == 150.50


def test_a_failing_line_is_reported_and_the_others_still_apply(db, tmp_path):
    before = stored_events(db)
    result = run(f"batch {batch_file(tmp_path, spend('100'), spend('99999'), spend('12,5'), spend('1'))}", db=db)

    assert result.code == 1  # the exit code of the first line that failed: R3, over the ceiling
    lines = result.out.splitlines()
    assert lines[1].startswith("line 2: error (exit 1): R3: ")
    assert lines[2].startswith("line 3: error (exit 2): amount: ")
    assert lines[3] == f"line 4: ok project spend {REF}"
    assert stored_events(db) == before + 2


def test_stop_on_error_runs_nothing_after_the_first_failure(db, tmp_path):
    before = stored_events(db)
    result = run(f"batch --stop-on-error {batch_file(tmp_path, spend('1'), spend('99999'), spend('2'))}", db=db)

    assert result.code == 1
    assert len(result.out.splitlines()) == 2
    assert "1 applied, 1 failed, 1 not run" in result.err
    assert stored_events(db) == before + 1


def test_running_a_file_of_command_ids_twice_applies_each_line_once(db, tmp_path):
    file = batch_file(tmp_path, spend("100", **{"command-id": "s-1"}), spend("200", **{"command-id": "s-2"}))
    run(f"batch {file}", db=db)
    after_first = stored_events(db)

    again = run(f"batch {file}", db=db)

    assert again.code == 0
    assert all(line.endswith("(replayed)") for line in again.out.splitlines())
    assert stored_events(db) == after_first
    assert make_app(db).load_project(REF).spent == 300


@pytest.mark.parametrize(
    "line, says",
    [
        ("{not json", "not JSON"),
        ('["project", "spend"]', 'JSON object with "command"'),
        ('{"command": "batch", "args": ["other.jsonl"]}', "'batch' cannot run inside a batch"),
        ('{"command": "demo"}', "'demo' cannot run inside a batch"),
        ('{"command": "project teleport", "args": ["KAL-2026-0001"]}', "No such command 'teleport'"),
        (json.dumps({"command": "project spend", "args": [REF], "db": "sqlite:///x.db"}), "global option"),
        (json.dumps({**spend("1"), "actor": ["olle"]}), '"actor" is a user name'),
        (json.dumps({**spend("1"), "category": {"sv": "resor"}}), "'category' is a string, a number or true"),
        (json.dumps({**spend("1"), "category": ["resor", "kost"]}), "--category takes one value"),
        (json.dumps({**spend("1"), "args": [[REF]]}), '"args" is a list of positional arguments'),
        ('{"command": "projections run", "follow": true}', "never ends"),
    ],
)
def test_a_line_that_is_no_command_is_invalid_input_naming_its_line(db, tmp_path, line, says):
    before = stored_events(db)
    result = run(f"batch {batch_file(tmp_path, line)}", db=db)

    assert result.code == 2
    assert result.out.startswith("line 1: error (exit 2): ")
    assert says in result.out
    assert stored_events(db) == before


def test_a_line_runs_as_its_own_actor_with_that_actor_s_permissions(db, tmp_path):
    before = stored_events(db)
    result = run(f"batch {batch_file(tmp_path, spend('1', actor=AUDITOR))}", db=db, actor=ADMIN)

    assert result.code == 3
    assert "R9" in result.out
    assert stored_events(db) == before


def test_json_output_is_one_result_object_per_line(db, tmp_path):
    result = run(f"batch {batch_file(tmp_path, spend('1'), spend('99999'))}", db=db, as_json=True)

    first, second = (json.loads(line) for line in result.out.splitlines())
    assert (first["line"], first["ok"], first["result"]["ref"]) == (1, True, REF)
    assert (second["line"], second["ok"], second["exit"]) == (2, False, 1)
    assert second["error"].startswith("R3: ")


def test_a_batch_may_set_up_a_new_database_from_its_first_line(tmp_path):
    db = f"sqlite:///{tmp_path / 'new.db'}"
    init = {"command": "init", "municipality": "Kalix kommun", "code": "KAL", "country": "SE",
            "currency": "SEK", "language": "sv"}
    body = {"command": "org add-body", "args": ["kf"], "name": "Kommunfullmäktige", "kind": "council"}

    result = run(f"batch {batch_file(tmp_path, init, body)}", db=db, actor=ADMIN)

    assert result.code == 0, result.out + result.err
    assert "kf" in make_app(db).organisation().bodies


def test_a_line_that_is_not_utf8_is_invalid_input_and_the_other_lines_still_apply(db, tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(spend("1")).encode() + b"\n{\"command\": \"\xff\"}\n"
                     + json.dumps(spend("2")).encode() + b"\n")
    before = stored_events(db)

    result = run(f"batch {path}", db=db)

    assert result.code == 2
    assert result.out.splitlines()[1] == "line 2: error (exit 2): not UTF-8 text (byte 14 of the line)"
    assert stored_events(db) == before + 2


def test_with_json_every_output_line_is_json_even_for_commands_that_print_themselves(db, tmp_path):
    lines = ({"command": "project spend", "help": True}, {"command": "audit trail", "actor": AUDITOR},
             {"command": "project show", "args": [REF]}, spend("1"))
    result = run(f"batch {batch_file(tmp_path, *lines)}", db=db, as_json=True)

    results = [json.loads(line) for line in result.out.splitlines()]
    assert [r["ok"] for r in results] == [True, True, True, True]
    assert "Usage: udsyn project spend" in results[0]["result"]
    assert REF in json.dumps(results[1]["result"])


def test_without_json_a_line_may_ask_for_a_report_in_markdown(db, tmp_path):
    line = {"command": "report annual", "year": 2026, "format": "md", "actor": AUDITOR}
    result = run(f"batch {batch_file(tmp_path, line)}", db=db)

    assert result.code == 0, result
    assert result.out.startswith("line 1: ok report annual\n")
    assert "2026" in result.out
