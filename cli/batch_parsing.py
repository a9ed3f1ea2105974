"""A batch line's command parsed as click parses it, with less done per line: the command's
parameter list and option parser are built once per batch (they depend on the command and its
context settings alone), and the options a line leaves out take the values and sources click gave
them on the first line that left out the same ones (see _Shape). Click's parsing of a line, once
~40% of its CPU, was mostly the options a line does not name. tests/cli/test_batch_parsing.py
holds every command's parse of random lines to click's own."""
from __future__ import annotations

import copy
from typing import Any

import click


class _Reused:
    """Mixed into a copy of a leaf command: `get_params` and `make_parser` hand back what they
    built the first time. The parser takes each line's own context, so an error names that line's
    command; its parsing state is made afresh on every call (click's `_ParsingState`)."""

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        params = self.__dict__.get("_batch_params")
        if params is None:
            params = self._batch_params = super().get_params(ctx)  # type: ignore[misc]
        return params  # type: ignore[no-any-return]

    def make_parser(self, ctx: click.Context) -> Any:
        parser = self.__dict__.get("_batch_parser")
        if parser is None:
            parser = self._batch_parser = super().make_parser(ctx)  # type: ignore[misc]
        parser.ctx = ctx
        parser.allow_interspersed_args, parser.ignore_unknown_options = (
            ctx.allow_interspersed_args, ctx.ignore_unknown_options)
        return parser


_KINDS: dict[type, type] = {}
_COPIES: dict[click.Command, click.Command] = {}


def reusing_parser(command: click.Command) -> click.Command:
    """`command` as a batch runs it: a copy (the CLI's own command objects are left as they are)
    that parses like it, building its parser once."""
    reused = _COPIES.get(command)
    if reused is None:
        kind = type(command)
        subclass = _KINDS.get(kind)
        if subclass is None:
            subclass = _KINDS[kind] = type(f"Batch{kind.__name__}", (_Reused, kind), {})
        reused = copy.copy(command)
        reused.__class__ = subclass
        _COPIES[command] = reused
    return reused


class _Shape:
    """A command as lines that name the same options see it: a copy that parses only those options
    and the parameters that are not left alone when absent; the others' values and sources, the
    same on every such line, taken from click's full parse of the first."""

    def __init__(self, command: click.Command, given: frozenset[str]) -> None:
        self.full = reusing_parser(command)
        kept = [p for p in command.params if not _unaffected_when_absent(p) or given.intersection(p.opts)]
        self.reduced = reusing_parser(_with_params(command, kept)) if len(kept) < len(command.params) else None
        self.absent = {p.name for p in command.params if p not in kept}
        self.values: dict[str, tuple[Any, Any]] | None = None

    def context(self, name: str, args: list[str], parent: click.Context) -> click.Context:
        if self.reduced is None or self.values is None or parent.default_map is not None:
            ctx = self.full.make_context(name, args, parent=parent)
            if self.reduced is not None and self.values is None and parent.default_map is None:
                values = {n: (ctx.params[n], ctx.get_parameter_source(n)) for n in self.absent}
                if all(_immutable(v) for v, _ in values.values()):
                    self.values = values
                else:
                    self.reduced = None
            return ctx
        ctx = self.reduced.make_context(name, args, parent=parent)
        for n, (value, source) in self.values.items():
            ctx.params[n] = value
            ctx.set_parameter_source(n, source)
        ctx.command = self.full  # its usage and help name every option
        return ctx


def _unaffected_when_absent(p: click.Parameter) -> bool:
    """Whether an absent parameter's value and source are the same on every line: an option with
    a constant default, no callback, environment variable, prompt or required value."""
    return (isinstance(p, click.Option) and p.expose_value and p.callback is None and not p.envvar
            and not p.prompt and not p.required and not p.is_eager and not callable(p.default))


def _immutable(value: Any) -> bool:
    return value is None or type(value) in (bool, int, str) or (
        type(value) is tuple and all(_immutable(v) for v in value))


def _with_params(command: click.Command, params: list[click.Parameter]) -> click.Command:
    reduced = copy.copy(command)
    reduced.params = params
    return reduced


_SHAPES: dict[tuple[click.Command, frozenset[str]], _Shape] = {}
_OPTIONS: dict[click.Command, frozenset[str]] = {}


def line_context(command: click.Command, name: str, args: list[str], parent: click.Context) -> click.Context:
    """`command.make_context(name, args, parent=parent)`, as click makes it, for a batch line: the
    options the line names pick a shape of the command (see _Shape). A token that is no option
    of the command by its exact name (`--opt=value`, `-5`, a typo) sends the line click's full way;
    a value that happens to spell an option only keeps that option in the parse."""
    options = _OPTIONS.get(command)
    if options is None:
        options = _OPTIONS[command] = frozenset(o for p in command.params for o in p.opts if o.startswith("-"))
    given = frozenset(t for t in args if t[:1] == "-")
    if not given <= options or parent.auto_envvar_prefix is not None:
        return reusing_parser(command).make_context(name, args, parent=parent)
    shape = _SHAPES.get((command, given))
    if shape is None:
        shape = _SHAPES[(command, given)] = _Shape(command, given)
    return shape.context(name, args, parent)
