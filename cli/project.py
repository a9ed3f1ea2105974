"""`udsyn project`: the case lifecycle, from idea to completion (SPEC §5.1)."""
from __future__ import annotations

import click

from cli.main import CONTEXT, LazyGroup

# Where each subcommand is defined (module, attribute): a command imports its own module only, so
# `project show` does not define the other twenty-odd commands and their options (~1.5 ms of its
# start-up). tests/cli/test_help.py holds this map to what the modules define.
WHERE = {
    **{name: ("cli.project_changes", name) for name in (
        "register", "explore", "submit", "decide", "withdraw", "indicator", "start", "spend", "measure",
        "statement", "fulfil", "complete")},
    "fund": ("cli.project_funding", "fund"), "apply": ("cli.project_funding", "apply_"),
    "grant": ("cli.project_funding", "grant"), "receive": ("cli.project_funding", "receive"),
    "reject-funding": ("cli.project_funding", "reject_funding"),
    "show": ("cli.project_reads", "show"), "list": ("cli.project_reads", "list_"),
    "history": ("cli.project_reads", "history"),
}


class ProjectCommands(LazyGroup):
    """The project group, each subcommand's module imported when that subcommand is asked for."""

    lazy = WHERE


@click.group(cls=ProjectCommands, context_settings=CONTEXT)
def project():
    """Cases: register, explore, submit, decide, fund, execute, report, complete."""


def _done(s, result, text):
    s.emit(result, text)
