"""A batch line's command parsed as click parses it, but with the command's parameter list and
option parser built once per batch instead of once per line: they depend on the command and its
context settings alone, and building them was ~40% of click's parsing of a line."""
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
