"""Options shared by commands: --date, --reason, --command-id, money, and ISO dates."""
from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timezone
from typing import Any

import click

from application.text_forms import CONTROL_BUT_LINES, ISO_DATE, shortened


def shown(value: Any) -> str:
    """The value as the error line quotes it: a 100,000-character argument is named, not copied."""
    return shortened(str(value))


class IsoDate(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            if not ISO_DATE.fullmatch(str(value)):
                raise ValueError(value)
            return date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"{shown(value)!r} is not a date (YYYY-MM-DD)", param, ctx)


class IsoTimestamp(click.ParamType):
    name = "TIMESTAMP"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> datetime:
        try:
            moment = datetime.fromisoformat(str(value))
        except ValueError:
            self.fail(f"{shown(value)!r} is not a timestamp (YYYY-MM-DDTHH:MM[:SS][+00:00])", param, ctx)
        return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


class Whole(click.IntRange):
    """A whole number written in ASCII digits (click's own int type takes 1_000 and ١٢٣ as well)."""

    name = "integer"
    DIGITS = re.compile(r"-?[0-9]+")

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not self.DIGITS.fullmatch(value.strip()):
            self.fail(f"{shown(value)!r} is not a whole number (ASCII digits)", param, ctx)
        return super().convert(value, param, ctx)


class Reason(click.ParamType):
    """Free text kept with the event: lines and tabs, but no other control character (an escape
    sequence would reach every terminal that shows the audit trail)."""

    name = "text"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and (found := CONTROL_BUT_LINES.search(value)):
            self.fail(f"control character U+{ord(found.group()):04X} is not allowed in text", param, ctx)
        return value


DATE = IsoDate()
TIMESTAMP = IsoTimestamp()
WHOLE = Whole()
REASON = Reason()


def record_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """--reason and --command-id, for commands whose business date is their own option."""
    f = click.option("--command-id", help="Idempotency key: the same id twice is applied once.")(f)
    f = click.option("--reason", type=REASON, help="Why; kept with the event for the auditor.")(f)
    return f


def _remember_correction(ctx: click.Context, _param: click.Parameter, value: int | None) -> int | None:
    if value is not None:
        ctx.meta["udsyn.correction_of"] = value
    return value


def change_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """--date, --reason, --command-id and --correction-of, shared by every state-changing command."""
    f = correction_options(f)
    f = click.option("--date", "date_", type=DATE, help="Effective (business) date; default today.")(f)
    return f


def correction_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """--reason, --command-id and --correction-of, for a change whose business date is its own option
    (a decision is dated by its meeting, --meeting-date)."""
    f = click.option("--correction-of", type=Whole(min=1), metavar="POSITION", expose_value=False,
                     callback=_remember_correction,
                     help="R7: a fact effective in a closed year, correcting the event at POSITION;"
                          " posted as an adjustment in the next open year.")(f)
    return record_options(f)


def money_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """--currency and --rate for an amount in a foreign currency."""
    f = click.option("--rate", help="Rate to the reporting currency, required for a foreign currency.")(f)
    f = click.option("--currency", help="ISO 4217 code; default the reporting currency.")(f)
    return f
