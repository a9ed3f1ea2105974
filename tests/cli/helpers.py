"""Running `udsyn` in-process through its real entry point, and the facts the CLI tests check."""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from cli.main import main
from tests.support import OFFICER, make_app, stored_event_count

CLOCK = "2026-03-01T12:00:00+00:00"

STRATEGY_TOML = """\
title = "Internationell policy för Kalix kommun"
vision = "Kalix, den attraktiva och framgångsrika kommunen"
approval_threshold = "100000"
approval_body = "ksau"
external_funding_target = "0.50"
appeal_window_days = 21
statement_due = "01-31"

[[focus_areas]]
key = "utbildning"
name = "Utbildning"
priority = "primary"

[[focus_areas]]
key = "turism"
name = "Turism"
priority = "secondary"

[[target_groups]]
key = "skolungdomar"
name = "Skolungdomar"

[[goals]]
key = "kontaktnat"
name = "Rikt internationellt kontaktnät"
"""


@dataclass(frozen=True)
class Outcome:
    code: int
    out: str
    err: str


class _EntryPoint:
    """What CliRunner invokes: the console script's `main`, which maps errors to exit codes."""

    name = "udsyn"

    @staticmethod
    def main(args, prog_name, **_):
        main(list(args))


def run(
    command: str, *, db: str, actor: str | None = OFFICER, as_json: bool = False, clock: str = CLOCK
) -> Outcome:
    """`udsyn --db DB --actor ACTOR [--json] COMMAND…` (COMMAND as typed in a shell), the clock pinned."""
    argv = ["--db", db, *(["--actor", actor] if actor else []), *(["--json"] if as_json else [])]
    env = {"UDSYN_CLOCK": clock, "UDSYN_DB": None, "UDSYN_ACTOR": None, "UDSYN_DEBUG": None}
    result = CliRunner().invoke(
        _EntryPoint(), [*argv, *shlex.split(command)], env=env, catch_exceptions=False, prog_name="udsyn"
    )
    return Outcome(result.exit_code, result.stdout, result.stderr)


def stored_events(db: str) -> int:
    """The number of events in the store behind DB, read by a separate application."""
    return stored_event_count(make_app(db))


def write_strategy(directory: Path, text: str = STRATEGY_TOML, name: str = "strategy.toml") -> str:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def assert_one_error_line(err: str, starts: str = "error: ") -> None:
    assert err.startswith(starts), err
    assert err.count("\n") == 1 and err.endswith("\n"), err
    assert "Traceback" not in err
