"""A batch parses each line's command as click does, though it builds the command's parser once:
the same values, the same leftovers, the same errors, line after line."""
from __future__ import annotations

import click
from hypothesis import given, settings
from hypothesis import strategies as st

from cli.batch_parsing import reusing_parser
from cli.main import cli

VALUES = ["1", "0", "-5", "120.50", "2026-03-01", "2026-02-30", "buf", "KAL-2026-0001", "", "a b", "--", "-x"]


def leaves(group: click.Group, ctx: click.Context) -> list[tuple[click.Context, str, click.Command]]:
    """Every leaf command under `group`, with its parent's context and its name."""
    found = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if isinstance(command, click.Group):
            found += leaves(command, click.Context(command, info_name=name, parent=ctx))
        elif command is not None:
            found.append((ctx, name, command))
    return found


LEAVES = leaves(cli, click.Context(cli, info_name="udsyn"))


def parsed(command: click.Command, name: str, parent: click.Context, args: list[str]) -> tuple:
    """What parsing `args` gives: the values, the leftovers and what callbacks kept, or the error."""
    root = click.Context(cli, info_name="udsyn")
    chain = click.Context(parent.command, info_name=parent.info_name, parent=root) if parent.parent else root
    try:
        ctx = command.make_context(name, list(args), parent=chain)
    except click.ClickException as e:
        return ("error", type(e).__name__, e.format_message(), e.ctx is None or e.ctx.parent is chain)
    except click.exceptions.Exit as e:  # --help
        return ("exit", e.exit_code)
    return ("parsed", ctx.params, ctx.args, dict(root.meta))


def tokens(command: click.Command) -> st.SearchStrategy[list[str]]:
    options = [opt for p in command.params for opt in p.opts if opt.startswith("-")]
    return st.lists(st.sampled_from(options + ["--no-such-option"]) | st.sampled_from(VALUES), max_size=8)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_every_command_parses_each_line_as_click_parses_it(data):
    parent, name, command = data.draw(st.sampled_from(LEAVES), label="command")
    reused = reusing_parser(command)
    for _ in range(2):  # a second line on the same reused parser: nothing carried over
        args = data.draw(tokens(command), label="args")
        assert parsed(reused, name, parent, args) == parsed(command, name, parent, args)


def test_the_cli_s_own_commands_are_left_as_they_were():
    parent, name, command = LEAVES[0]
    kind = type(command)
    reused = reusing_parser(command)
    ctx = click.Context(command, info_name=name, parent=parent)

    assert reusing_parser(command) is reused and reused.make_parser(ctx) is reused.make_parser(ctx)
    assert type(command) is kind and command.make_parser(ctx) is not command.make_parser(ctx)
    assert reused.callback is command.callback and reused.params is command.params
