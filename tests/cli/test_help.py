"""Every command and group answers -h and --help; every command's help shows an example."""

from __future__ import annotations

import click
import pytest

from cli.main import COMMANDS, cli
from tests.cli.helpers import run


def command_paths(name: str) -> list[tuple[list[str], click.Command]]:
    """The command NAME and, for a group, every command below it, with their argv paths."""
    found, pending = [], [([name], cli.get_command(click.Context(cli), name))]
    while pending:
        path, command = pending.pop()
        assert command is not None, f"udsyn {' '.join(path)} does not load"
        found.append((path, command))
        if isinstance(command, click.Group):
            context = click.Context(command)
            pending += [
                ([*path, sub], command.get_command(context, sub)) for sub in command.list_commands(context)
            ]
    return found


def test_udsyn_itself_answers_h_and_help_listing_every_group(tmp_path):
    for flag in ("-h", "--help"):
        result = run(flag, db=f"sqlite:///{tmp_path / 'unused.db'}")

        assert (result.code, result.err) == (0, "")
        assert result.out.startswith("Usage: udsyn [OPTIONS] COMMAND [ARGS]...")
        assert all(f"  {name} " in result.out for name in COMMANDS)


@pytest.mark.parametrize("group", sorted(COMMANDS))
def test_every_command_answers_h_and_help_with_an_example(group, tmp_path):
    db = f"sqlite:///{tmp_path / 'unused.db'}"
    missing = []

    for path, command in command_paths(group):
        for flag in ("-h", "--help"):
            result = run(" ".join([*path, flag]), db=db)
            if result.code != 0 or result.err or not result.out.startswith(f"Usage: udsyn {' '.join(path)} "):
                missing.append(f"udsyn {' '.join(path)} {flag}: exit {result.code} {result.err.strip()}")
            elif not isinstance(command, click.Group) and "Example" not in result.out:
                missing.append(f"udsyn {' '.join(path)} {flag}: no example")

    assert missing == []
    assert not (tmp_path / "unused.db").exists()


@pytest.mark.parametrize("path", [[], ["project"]], ids=["udsyn", "udsyn-project"])
def test_a_group_without_a_command_shows_its_help_readably_as_a_usage_error(path, tmp_path):
    result = run(" ".join(path), db=f"sqlite:///{tmp_path / 'unused.db'}")

    assert result.code == 2
    assert (result.out + result.err).startswith(f"Usage: udsyn {' '.join([*path, ''])}[OPTIONS] COMMAND")
    assert "\nCommands:\n" in result.out + result.err


@pytest.mark.parametrize("command", ["run", "rebuild"])
def test_the_projection_commands_show_the_runners_own_batch_size_as_their_default(command, tmp_path):
    from infrastructure.projections.runner import BATCH_SIZE

    result = run(f"projections {command} --help", db=f"sqlite:///{tmp_path / 'unused.db'}")

    assert f"[default: ({BATCH_SIZE:,});" in " ".join(result.out.split())


def test_every_project_command_is_found_where_the_group_looks_for_it():
    import importlib

    from cli.project import WHERE, project

    for module, _ in WHERE.values():
        importlib.import_module(module)
    assert {name: command.callback.__module__ for name, command in project.commands.items()} == {
        name: module for name, (module, _) in WHERE.items()}
    for name, (module, attribute) in WHERE.items():
        assert getattr(importlib.import_module(module), attribute) is project.commands[name]


def example_lines(command: click.Command) -> list[str]:
    """The `udsyn …` lines of a command's help, continuation lines joined, comments cut off."""
    lines, current = [], ""
    for raw in (command.help or "").splitlines():
        text = raw.strip()
        if not current and not text.startswith("udsyn "):
            continue
        current += " " + text.rstrip("\\").strip()
        if not text.endswith("\\"):
            lines.append(current.split(" # ")[0].strip())
            current = ""
    return lines


def parse_as_the_cli_would(argv: list[str]) -> None:
    """Resolve `argv` from the root down and parse every level's options, invoking nothing."""
    ctx = cli.make_context("udsyn", argv)
    command, args = cli, _rest(ctx)
    while isinstance(command, click.Group) and args:
        name, command, args = command.resolve_command(ctx, args)
        ctx = command.make_context(name, args, parent=ctx)
        args = _rest(ctx) if isinstance(command, click.Group) else ctx.args
    assert not args, f"extra arguments {args}"


def _rest(ctx: click.Context) -> list[str]:
    """What a group's context leaves for its command (click 8.2 names a part of it protected_args,
    deprecated as click 9 will put it all in args)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return [*getattr(ctx, "protected_args", []), *ctx.args]


@pytest.mark.parametrize("group", sorted(COMMANDS))
def test_every_example_in_the_help_parses_as_written(group):
    import shlex

    for path, command in command_paths(group):
        for line in example_lines(command):
            try:
                parse_as_the_cli_would(shlex.split(line)[1:])
            except click.BadParameter as e:
                if isinstance(getattr(e.param, "type", None), (click.File, click.Path)):
                    continue  # a file the example names, not here
                raise AssertionError(f"udsyn {' '.join(path)}: the example `{line}` is refused: {e}") from None
            except click.UsageError as e:
                raise AssertionError(f"udsyn {' '.join(path)}: the example `{line}` does not parse: {e}") from None
