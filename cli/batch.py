"""`udsyn batch FILE.jsonl`: one CLI command per line, each in its own transaction (bulk loading)."""
from __future__ import annotations

import contextlib
import io
import json
import sys
from dataclasses import dataclass, field
from typing import Any

import click

from cli.batch_parsing import line_context
from cli.errors import INVALID, exit_code_for, one_line
from cli.main import CONTEXT, cli
from cli.session import Session
from domain.errors import UdsynError

NOT_IN_A_BATCH = {"batch", "demo"}
GLOBAL_OPTIONS = {"db", "json"}


class LineError(Exception):
    """A line that is not a command: bad JSON, or a shape `batch` cannot turn into one."""


@dataclass
class CapturingSession(Session):
    """The batch's session for one line: same application, the line's actor, output kept."""

    captured: Any = field(default=None, repr=False)

    def emit(self, data: Any, text: str | None = None) -> None:
        self.captured = data


def json_of(line: str) -> Any:
    try:
        return json.loads(line)
    except json.JSONDecodeError as e:
        raise LineError(f"not JSON: {e.msg} at column {e.colno}") from None


def argv_for(spec: Any) -> tuple[list[str], str | None]:
    """The command line a line's JSON stands for, and the actor it names (if any).

    `{"command": "project spend", "args": ["KAL-2026-0001"], "amount": "120.50",
    "category": "resor", "actor": "olle"}` → `project spend KAL-2026-0001 --amount 120.50
    --category resor`. A list repeats the option; `true` is a flag; `false` and null leave it out."""
    if not isinstance(spec, dict) or not isinstance(spec.get("command"), str):
        raise LineError('each line is a JSON object with "command", e.g. {"command": "project explore", ...}')
    words = spec.pop("command").split()
    if not words or words[0] in NOT_IN_A_BATCH:
        raise LineError(f"'{' '.join(words)}' cannot run inside a batch")
    if words[:2] == ["projections", "run"] and spec.get("follow"):
        raise LineError("'projections run --follow' never ends; run it outside the batch")
    args = spec.pop("args", [])
    if not isinstance(args, list) or not all(_scalar(a) for a in args):
        raise LineError('"args" is a list of positional arguments (strings or numbers)')
    actor = spec.pop("actor", None)
    if actor is not None and not isinstance(actor, str):
        raise LineError('"actor" is a user name (a string)')
    argv = [*words, *map(str, args)]
    for key, value in spec.items():
        option = "--" + key.replace("_", "-")
        if key.replace("-", "_") in GLOBAL_OPTIONS:
            raise LineError(f"'{key}' is a global option; give it to `udsyn batch` itself")
        items = value if isinstance(value, list) else [value]
        if not all(_scalar(item) for item in items):
            raise LineError(f"'{key}' is a string, a number or true (a list of them repeats the option)")
        for item in items:
            if item is True:
                argv.append(option)
            elif item not in (False, None):
                argv += [option, str(item)]
    return argv, actor


def _scalar(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float))  # bool is an int


def repeated_options(spec: Any) -> set[str]:
    """The options a line gives as a list of more than one value: each must be a repeatable option."""
    if not isinstance(spec, dict):
        return set()
    return {"--" + k.replace("_", "-") for k, v in spec.items()
            if isinstance(v, list) and len([i for i in v if i not in (False, None)]) > 1 and k != "args"}


@dataclass
class LineResult:
    line: int
    command: str | None
    ok: bool
    exit: int
    result: Any = None
    error: str | None = None

    def as_text(self) -> str:
        if self.ok:
            r = self.result if isinstance(self.result, dict) else {}
            what = " ".join(str(r[k]) for k in ("ref", "application", "obligations") if r.get(k))
            replayed = " (replayed)" if r.get("replayed") else ""
            printed = f"\n{self.result.rstrip()}" if isinstance(self.result, str) else ""  # a report, help
            return f"line {self.line}: ok {self.command}{' ' + what if what else ''}{replayed}{printed}"
        return f"line {self.line}: error (exit {self.exit}): {self.error}"


def run_line(session: Session, number: int, line: str) -> LineResult:
    """Run one line through the real CLI command, in-process, on the batch's application."""
    command = None
    if isinstance(line, NotUTF8):
        return LineResult(number, None, False, INVALID, error=str(line))
    printed = _Printed()  # what a command prints itself (a report, help) is the line's result too
    try:
        spec = json_of(line)  # parsed once: the command's name for the result, then its argv
        command = spec.get("command") if isinstance(spec, dict) and isinstance(spec.get("command"), str) else None
        repeated = repeated_options(spec)
        argv, actor = argv_for(spec)
        line_session = CapturingSession(db=session.db, actor=actor or session.actor, as_json=session.as_json,
                                        _app=session.app)
        with contextlib.redirect_stdout(printed):
            invoke_leaf(cli, argv, line_session, repeated)
        result = line_session.captured
        return LineResult(number, command, True, 0, printed.text() if result is None else result)
    except LineError as e:
        return LineResult(number, command, False, INVALID, error=str(e))
    except click.exceptions.Exit as e:  # e.g. a line asking for --help
        return LineResult(number, command, e.exit_code == 0, e.exit_code, result=printed.text(),
                          error=None if e.exit_code == 0 else f"exited with {e.exit_code}")
    except click.ClickException as e:
        code = INVALID if e.exit_code == 2 else e.exit_code
        return LineResult(number, command, False, code, error=one_line(e.format_message()))
    except UdsynError as e:
        return LineResult(number, command, False, exit_code_for(e), error=one_line(e))


class _Printed(io.TextIOWrapper):
    """Standard output for one line, text or bytes (click writes bytes to the buffer underneath)."""

    def __init__(self) -> None:
        super().__init__(io.BytesIO(), encoding="utf-8", newline="\n")

    def text(self) -> str | None:
        self.flush()
        return self.buffer.getvalue().decode("utf-8", "replace") or None


def invoke_leaf(root: click.Group, argv: list[str], session: Session, repeated: set[str] = frozenset()) -> None:
    """Run `argv` as the CLI would, but parse only the leaf command's own options: the groups
    above it are walked by name (their callbacks are empty, and the root's would only build the
    session a batch line already has), and the leaf's parser is built once per batch
    (batch_parsing). Click's parsing was ~40% of a batch line's CPU."""
    ctx = click.Context(root, info_name="udsyn", obj=session)
    command: click.Command = root
    name, args = "udsyn", list(argv)
    while isinstance(command, click.Group):
        if not args:
            raise click.UsageError("Missing command.", ctx=ctx)
        name, *args = args
        sub = command.get_command(ctx, name)
        if sub is None:
            raise click.UsageError(f"No such command '{name}'.", ctx=ctx)
        command = sub
        if isinstance(command, click.Group):
            ctx = click.Context(command, info_name=name, parent=ctx, obj=session)
    for param in command.params if repeated else ():
        if isinstance(param, click.Option) and not param.multiple and repeated.intersection(param.opts):
            raise click.UsageError(f"{param.opts[-1]} takes one value; the line gives a list", ctx=ctx)
    with line_context(command, name, args, ctx) as leaf:
        leaf.command.invoke(leaf)


@click.command("batch", context_settings=CONTEXT)
@click.argument("file", type=click.File("rb"))
@click.option("--stop-on-error", is_flag=True, help="Stop at the first line that fails (default: go on).")
@click.pass_obj
def batch(s, file, stop_on_error):
    """Apply one CLI command per JSON line, each in its own transaction; a result per line.

    A line is {"command": "GROUP NAME", "args": [...], "OPTION": VALUE, …}: the CLI's own command
    and option names; a list repeats an option, true is a flag; "actor" runs the line as that
    user. Give lines a "command-id" to make re-running the file safe (each id applies once).
    Results go to stdout (JSON Lines with --json); exit 0 if every line succeeded, else the exit
    code of the first line that failed.

    \b
    Example:
      udsyn --actor olle batch projects.jsonl
      # projects.jsonl:
      # {"command": "project register", "title": "Elevutbyte", "department": "buf", "focus-area": ["utbildning"]}
      # {"command": "project spend", "args": ["KAL-2026-0001"], "amount": "120.50", "category": "resor"}
    """
    lines = [(n, text) for n, text in _decoded(file) if text.strip() and not text.lstrip().startswith("#")]
    s.creating = bool(lines) and _command_of(lines[0][1]) == "init"  # a batch may set up a new database
    first_failure = 0
    counts = {"ok": 0, "failed": 0}
    with _progress(len(lines)) as advance:
        for number, text in lines:
            result = run_line(s, number, text)
            counts["ok" if result.ok else "failed"] += 1
            click.echo(json.dumps(result.__dict__, default=_plain, ensure_ascii=False) if s.as_json else result.as_text())
            advance()
            if not result.ok:
                first_failure = first_failure or result.exit
                if stop_on_error:
                    break
    skipped = len(lines) - counts["ok"] - counts["failed"]
    summary = f"{counts['ok']} applied, {counts['failed']} failed" + (f", {skipped} not run" if skipped else "")
    click.echo(f"batch: {summary}", err=True)
    if first_failure:
        raise click.exceptions.Exit(first_failure)


def _decoded(file: Any) -> list[tuple[int, str]]:
    """The file's lines as text (UTF-8, a leading byte-order mark dropped); a line that is not
    UTF-8 is kept as a marker for run_line to report, so the other lines still run."""
    lines = []
    for n, raw in enumerate(file, start=1):
        try:
            lines.append((n, raw.decode("utf-8-sig" if n == 1 else "utf-8")))
        except UnicodeDecodeError as e:
            lines.append((n, NotUTF8(f"not UTF-8 text (byte {e.start + 1} of the line)")))
    return lines


class NotUTF8(str):
    """A line that could not be decoded; its text is the error to report."""


def _command_of(line: str) -> str | None:
    try:
        command = json.loads(line).get("command")
    except (json.JSONDecodeError, AttributeError):
        return None
    return command if isinstance(command, str) else None


def _plain(value: Any) -> Any:
    from cli.session import to_json

    return to_json(value)


class _progress:
    """A rich progress bar on stderr when it is a terminal; silent otherwise (logs, pipes)."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.bar = None

    def __enter__(self):
        if sys.stderr.isatty():
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

            from rich.console import Console

            self.bar = Progress("batch", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                                console=Console(stderr=True), transient=True)
            self.bar.start()
            task = self.bar.add_task("batch", total=self.total)
            return lambda: self.bar.advance(task)
        return lambda: None

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()
