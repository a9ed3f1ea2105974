"""R9: an auditor may run every read-only command and no command that changes state. The walk
covers every command of every group in COMMANDS, so a new command is checked the day it lands."""
from __future__ import annotations

import json

import click
import pytest

from cli.main import COMMANDS, cli
from tests.cli.helpers import STRATEGY_TOML, assert_one_error_line, run, stored_events
from tests.support import AUDITOR, executing_project, make_app, set_up_kalix

# Commands that only read (or, for `audit seal`, record the auditor's own seal beside the history).
READ_ONLY = {
    "audit check", "audit seal", "audit trail", "audit verify", "export",
    "org show", "project history", "project list", "project show", "strategy history", "strategy show",
    # from the other branches, once merged
    "partner list", "partner show", "portfolio rank", "projections status", "report annual",
}

VALUES = {
    "ref": "KAL-2026-0001", "application": "A1", "obligation": "O1", "key": "elever", "name": "Ny",
    "role": "officer", "kind": "board", "board": "bun", "department": "buf", "body": "bun",
    "outcome": "approved", "meeting_date": "2026-03-01", "item": "§ 9", "adopted_on": "2026-03-01",
    "amount": "100", "own_contribution": "100", "target": "10", "value": "5", "year": "2026",
    "category": "resor", "programme": "Interreg", "lessons": "Lärdom", "text": "Text", "title": "Titel",
    "reason": "Skäl", "municipality": "Kalix kommun", "code": "KAL", "country": "SE", "currency": "SEK",
    "language": "sv", "focus_area": "utbildning", "status": "active",
}

# Options a command needs to be well-formed although click does not mark them required (shape is
# checked before permission, so an ill-formed command would exit 2 before R9 is reached).
EXTRA = {"project register": "--focus-area utbildning", "projections rebuild": "--all"}


def leaf_commands() -> list[tuple[str, click.Command]]:
    found, pending = [], [([name], cli.get_command(click.Context(cli), name)) for name in sorted(COMMANDS)]
    while pending:
        path, command = pending.pop()
        if isinstance(command, click.Group):
            context = click.Context(command)
            pending += [([*path, sub], command.get_command(context, sub)) for sub in command.list_commands(context)]
        else:
            found.append((" ".join(path), command))
    return sorted(found, key=lambda item: item[0])


STATE_CHANGING = [path for path, _ in leaf_commands() if path not in READ_ONLY]


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    directory = tmp_path_factory.mktemp("files")
    strategy = directory / "strategy.toml"
    strategy.write_text(STRATEGY_TOML, encoding="utf-8")
    lines = directory / "lines.jsonl"
    lines.write_text(json.dumps({"command": "project explore KAL-2026-0001"}) + "\n", encoding="utf-8")
    return {"strategy adopt": str(strategy), "batch": str(lines), "import": str(directory / "export.jsonl")}


@pytest.fixture
def db(sqlite_url, files) -> str:
    app = make_app(sqlite_url)
    set_up_kalix(app)
    executing_project(app)
    assert run(f"export -o {files['import']}", db=sqlite_url, actor=AUDITOR).code == 0
    return sqlite_url


def argv(path: str, command: click.Command, files: dict[str, str]) -> str:
    """The command with a plausible value for each required argument and option."""
    words = [path]
    for param in command.params:
        if not param.required:
            continue
        is_file = isinstance(param.type, (click.Path, click.File))
        value = files.get(path) if is_file else VALUES.get(param.name, "x")
        if isinstance(param.type, click.Choice):
            value = value if value in param.type.choices else param.type.choices[0]
        words += [f"'{value}'"] if isinstance(param, click.Argument) else [param.opts[0], f"'{value}'"]
    return " ".join([*words, EXTRA.get(path, "")]).strip()


def test_the_walk_covers_the_state_changing_commands_of_every_group():
    groups = {path.split()[0] for path in STATE_CHANGING}

    assert {"init", "demo", "org", "strategy", "project", "import"} <= groups
    assert len(STATE_CHANGING) >= 25


@pytest.mark.parametrize("path", STATE_CHANGING)
def test_an_auditor_may_not_run_a_state_changing_command_and_nothing_is_written(db, files, path):
    command = dict(leaf_commands())[path]
    before = stored_events(db)

    result = run(argv(path, command, files), db=db, actor=AUDITOR)

    assert result.code == 3, (argv(path, command, files), result)
    if path == "batch":  # a result per line on stdout, the summary on stderr
        assert "R9" in result.out
    else:
        assert_one_error_line(result.err, "error: R9")
    assert stored_events(db) == before


@pytest.mark.parametrize("path", sorted(READ_ONLY & {p for p, _ in leaf_commands()}))
def test_an_auditor_runs_every_read_only_command_and_writes_no_event(db, files, path, tmp_path):
    command = dict(leaf_commands())[path]
    files = {**files, "export": str(tmp_path / "again.jsonl")}
    before = stored_events(db)

    result = run(argv(path, command, files), db=db, actor=AUDITOR)

    assert result.code in (0, 1), result  # audit check exits 1 on findings
    assert not result.err.startswith("error: R9"), result
    assert stored_events(db) == before
