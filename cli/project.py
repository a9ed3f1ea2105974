"""`udsyn project`: the case lifecycle, from idea to completion (SPEC §5.1)."""
from __future__ import annotations

import importlib

import click

from cli.main import CONTEXT

# Where each subcommand is defined: a command imports its own module only, so `project show`
# does not define the other twenty-odd commands and their options (~1.5 ms of its start-up).
# tests/cli/test_help.py holds this map to what the modules define.
WHERE = {
    **dict.fromkeys(("register", "explore", "submit", "decide", "withdraw", "indicator", "start", "spend",
                     "measure", "statement", "fulfil", "complete"), "cli.project_changes"),
    **dict.fromkeys(("fund", "apply", "grant", "receive", "reject-funding"), "cli.project_funding"),
    **dict.fromkeys(("show", "list", "history"), "cli.project_reads"),
}


class ProjectCommands(click.Group):
    """The project group, each subcommand's module imported when that subcommand is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(WHERE)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.commands and name in WHERE:
            importlib.import_module(WHERE[name])  # its commands join this group as it is imported
        return self.commands.get(name)


@click.group(cls=ProjectCommands, context_settings=CONTEXT)
def project():
    """Cases: register, explore, submit, decide, fund, execute, report, complete."""


def _done(s, result, text):
    s.emit(result, text)
