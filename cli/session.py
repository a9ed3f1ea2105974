"""The state one CLI invocation carries: database, actor, output mode, and the application."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

import click


@dataclass
class Session:
    db: str
    actor: str | None
    as_json: bool
    creating: bool = False
    settings: dict[str, str] = field(default_factory=dict)  # extra event-store settings for this command
    _app: Any = field(default=None, repr=False)
    _reads_only: bool = field(default=False, repr=False)  # _app is the read side alone (reader)

    @property
    def user(self) -> str:
        if self.actor:
            return self.actor
        import getpass  # only without --actor

        return getpass.getuser()

    @property
    def app(self):
        """The application on --db, built once per invocation."""
        if self._app is None or self._reads_only:
            from application.service import Udsyn

            self._build(Udsyn)
        return self._app

    @property
    def reader(self):
        """For a command that only reads a case: the application's read side (application.reader),
        quicker to start; the whole application where one is built already."""
        if self._app is None:
            from application.reader import UdsynReader

            self._build(UdsynReader)
            self._reads_only = True
        return self._app

    def _build(self, application: type) -> None:
        from infrastructure.database import check_sqlite_file, open_existing_store, parse_url

        database = parse_url(self.db)
        path = database.sqlite_path
        env = {**database.env, **self.settings}
        existing = bool(path) and not self.creating  # tables are made only where udsyn's store is
        if path and os.path.exists(path):
            check_sqlite_file(path, creating=self.creating)
        elif path and self.creating and not os.path.isdir(os.path.dirname(os.path.abspath(path))):
            from domain.errors import InvalidInput

            raise InvalidInput("db", f"no directory {os.path.dirname(os.path.abspath(path))} for {path}")
        elif existing:
            from domain.errors import NotFound

            raise NotFound(f"no database at {path}; run 'udsyn init' (or pass --db)")
        if existing:
            env["CREATE_TABLE"] = "false"
        self.close()  # the read side, if a command that read then needs the whole application
        self._app = application(env=env, clock=clock_from_env())
        self._reads_only = False
        if existing:
            try:
                open_existing_store(self._app, path)
            except BaseException:
                self.close()
                raise
        from cli.main import resume_collection

        resume_collection()  # start-up is over once the application is built

    def close(self) -> None:
        """Close the database connections, once the invocation is done."""
        if self._app is not None:
            self._app.close()
            self._app = None

    def context(self, date_: date | None = None, reason: str | None = None, command_id: str | None = None):
        from application.context import Context

        current = click.get_current_context(silent=True)
        correction_of = current.meta.get("udsyn.correction_of") if current else None  # --correction-of (R7)
        return Context(actor=self.user, command_id=command_id, reason=reason, on=date_, correction_of=correction_of)

    def emit(self, data: Any, text: str | None = None) -> None:
        """JSON on stdout with --json; otherwise the text (or a key: value rendering)."""
        if self.as_json:
            click.echo(json.dumps(data, default=to_json, ensure_ascii=False, indent=2))
        elif text is not None:
            click.echo(text)
        elif isinstance(data, dict):
            click.echo("\n".join(f"{k}: {render(v)}" for k, v in data.items() if v not in (None, [], {})))
        else:
            click.echo(render(data))


def output_directory(output: str) -> str:
    """The directory a command's -o FILE goes in; a missing one is invalid input (exit 2), found
    before anything is read or written."""
    from domain.errors import InvalidInput

    directory = os.path.dirname(os.path.abspath(output))
    if not os.path.isdir(directory):
        raise InvalidInput("output", f"no directory {directory}")
    return directory


def render(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(render(v) for v in value)
    return str(value)


def to_json(value: Any) -> Any:
    if isinstance(value, (Decimal, UUID)):
        return str(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if hasattr(value, "__dataclass_fields__"):
        return {k: getattr(value, k) for k in value.__dataclass_fields__}
    raise TypeError(f"cannot show {type(value).__name__} as JSON")


def clock_from_env():
    """UDSYN_CLOCK=2026-03-01T12:00:00+00:00 pins the clock (for demos and reproducible tests)."""
    from application.clock import FixedClock, SystemClock

    pinned = os.environ.get("UDSYN_CLOCK")
    if not pinned:
        return SystemClock()
    try:
        return FixedClock(datetime.fromisoformat(pinned))
    except ValueError:
        raise click.UsageError(f"UDSYN_CLOCK '{pinned}' is not an ISO timestamp") from None
