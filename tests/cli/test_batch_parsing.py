"""A batch parses each line's command as click does, though it builds the command's parser once
and takes the options a line leaves out from the first line that left out the same: the same
values, sources, leftovers and errors, line after line."""
from __future__ import annotations

import click
from hypothesis import given, settings
from hypothesis import strategies as st

from cli import batch_parsing
from cli.batch_parsing import line_context, reusing_parser
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


def parsed(make, command: click.Command, parent: click.Context) -> tuple:
    """What `make(parent)` gives: the values, their sources, the leftovers and what callbacks
    kept, or the error (and whether it names the line's own context)."""
    root = click.Context(cli, info_name="udsyn")
    chain = click.Context(parent.command, info_name=parent.info_name, parent=root) if parent.parent else root
    try:
        ctx = make(chain)
    except click.ClickException as e:
        return ("error", type(e).__name__, e.format_message(), e.ctx is None or e.ctx.parent is chain)
    except click.exceptions.Exit as e:  # --help
        return ("exit", e.exit_code)
    sources = {p.name: ctx.get_parameter_source(p.name) for p in command.params}
    return ("parsed", ctx.params, sources, ctx.args, dict(root.meta), ctx.command.params == command.params)


def same_as_click(command: click.Command, name: str, parent: click.Context, args: list[str]) -> None:
    ours = parsed(lambda chain: line_context(command, name, list(args), chain), command, parent)
    reused = parsed(lambda chain: reusing_parser(command).make_context(name, list(args), parent=chain), command, parent)
    assert ours == reused == parsed(lambda chain: command.make_context(name, list(args), parent=chain), command, parent)


def tokens(command: click.Command) -> st.SearchStrategy[list[str]]:
    options = [opt for p in command.params for opt in p.opts if opt.startswith("-")]
    return st.lists(st.sampled_from(options + ["--no-such-option"]) | st.sampled_from(VALUES), max_size=8)


def lines(command: click.Command) -> st.SearchStrategy[list[list[str]]]:
    """Three lines naming the same options (so the second and third reuse the first's shape),
    each option with a value drawn afresh, a flag alone."""
    options = [p for p in command.params if isinstance(p, click.Option)]
    arguments = [p for p in command.params if isinstance(p, click.Argument)]

    def line(chosen: list[click.Option]) -> st.SearchStrategy[list[str]]:
        parts = [st.sampled_from(VALUES).map(lambda v: [v]) for _ in arguments]
        for p in chosen:
            parts.append(st.just([p.opts[0]]) if p.is_flag else st.sampled_from(VALUES).map(
                lambda v, opt=p.opts[0]: [opt, v]))
        return st.tuples(*parts).map(lambda ps: [t for part in ps for t in part])

    chosen = st.lists(st.sampled_from(options), unique=True) if options else st.just([])
    return chosen.flatmap(lambda c: st.lists(line(c), min_size=3, max_size=3))


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_every_command_parses_random_tokens_as_click_parses_them(data):
    parent, name, command = data.draw(st.sampled_from(LEAVES), label="command")
    for _ in range(2):  # a second line on the same reused parser: nothing carried over
        same_as_click(command, name, parent, data.draw(tokens(command), label="args"))


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_lines_naming_the_same_options_parse_as_click_parses_them(data):
    parent, name, command = data.draw(st.sampled_from(LEAVES), label="command")
    for args in data.draw(lines(command), label="lines"):
        same_as_click(command, name, parent, args)


def test_the_cli_s_own_commands_are_left_as_they_were():
    parent, name, command = LEAVES[0]
    kind = type(command)
    reused = reusing_parser(command)
    ctx = click.Context(command, info_name=name, parent=parent)

    assert reusing_parser(command) is reused and reused.make_parser(ctx) is reused.make_parser(ctx)
    assert type(command) is kind and command.make_parser(ctx) is not command.make_parser(ctx)
    assert reused.callback is command.callback and reused.params is command.params


def test_a_default_map_neither_uses_nor_leaves_behind_what_other_lines_left_out(monkeypatch):
    monkeypatch.setattr(batch_parsing, "_SHAPES", {})  # no shape of an earlier test's lines
    parent, name, command = next(leaf for leaf in LEAVES if leaf[1] == "register")
    args = ["--title", "Idé", "--department", "buf"]

    def chain(default_map: dict | None) -> click.Context:
        root = click.Context(cli, info_name="udsyn", default_map=default_map)
        return click.Context(parent.command, info_name=parent.info_name, parent=root)

    mapped = {"project": {"register": {"summary": "from the map"}}}
    for default_map in (mapped, None, mapped, None):
        ours = line_context(command, name, list(args), chain(default_map)).params
        assert ours == command.make_context(name, list(args), parent=chain(default_map)).params
    assert ours["summary"] == ""
