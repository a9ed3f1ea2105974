"""The `udsyn` command: global options, lazily loaded command groups, errors as exit codes."""
from __future__ import annotations

import gc
import importlib
import os
import sys

import click

from cli.errors import INVALID, exit_code_for, one_line

COMMANDS = {
    "init": ("cli.init", "init"),
    "demo": ("cli.demo", "demo"),
    "org": ("cli.org", "org"),
    "strategy": ("cli.strategy", "strategy"),
    "project": ("cli.project", "project"),
    "partner": ("cli.partner", "partner"),
    "portfolio": ("cli.portfolio", "portfolio"),
    "batch": ("cli.batch", "batch"),
    "projections": ("cli.projections", "projections"),
    "report": ("cli.report", "report"),
    "audit": ("cli.audit", "audit"),
    "export": ("cli.transfer", "export"),
    "import": ("cli.transfer", "import_"),
}
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class LazyGroup(click.Group):
    """Imports a command's module only when that command runs (fast start-up): `lazy` names each
    command's module and attribute (COMMANDS here; a group of its own names its subcommands')."""

    lazy: dict[str, tuple[str, str]] = COMMANDS

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(self.lazy)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.lazy:
            return None
        module, attribute = self.lazy[name]
        loaded = sys.modules.get(module)  # a batch asks once per line: importlib's own path costs more
        return getattr(loaded if loaded is not None else importlib.import_module(module), attribute)


@click.group(cls=LazyGroup, context_settings=CONTEXT)
@click.option("--db", envvar="UDSYN_DB", default="sqlite:///udsyn.db", show_default=True,
              help="SQLAlchemy URL: sqlite:///FILE or postgresql+psycopg://USER:PW@HOST/DB (env UDSYN_DB).")
@click.option("--actor", envvar="UDSYN_ACTOR", default=None,
              help="The acting user, a registered user (env UDSYN_ACTOR; default: your login name).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output on stdout.")
@click.version_option("0.1.0", prog_name="udsyn")
@click.pass_context
def cli(ctx: click.Context, db: str, actor: str | None, as_json: bool) -> None:
    """udsyn: case management for a municipality's international projects.

    \b
    Example:
      udsyn --actor anna init --municipality "Kalix kommun" --code KAL \\
            --country SE --currency SEK --language sv
      udsyn demo            # a demo database built from the Kalix policy
    """
    from cli.session import Session

    if ctx.obj is None:  # `udsyn batch` runs each line with its own session on the batch's application
        ctx.obj = Session(db=db, actor=actor, as_json=as_json)
        ctx.call_on_close(ctx.obj.close)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI; user mistakes become one `error:` line and an exit code."""
    console = argv is None  # the console script; tests pass argv, and keep their interpreter and its GC
    if console:
        pause_collection()
    try:
        _run(argv)
    except SystemExit as done:
        if console:
            leave(done.code)  # returns only where the normal exit must follow
        raise
    finally:
        resume_collection()


_collection_paused = False


def pause_collection() -> None:
    """Start-up creates ~25k objects that live as long as the process (modules, the event classes
    and their methods); the garbage collector walking them again and again as they pile up cost
    ~8 ms. It is paused until the application is built (`resume_collection`)."""
    global _collection_paused
    if gc.isenabled():
        gc.disable()
        _collection_paused = True


def resume_collection() -> None:
    """Collect again, the objects of start-up set aside for good (gc.freeze) so that a long batch
    or follower does not walk them on every full collection."""
    global _collection_paused
    if _collection_paused:
        _collection_paused = False
        gc.freeze()
        gc.enable()


def leave(code: object) -> None:
    """End the process as sys.exit(code) would, without the interpreter's teardown: freeing the
    ~20k objects of the event classes takes longer than showing a case (mypy exits so too).
    What a normal exit does that matters happens first: the session closed its database (on
    the click context's close), atexit handlers run, output is flushed. Returns (and the normal
    exit follows) for a non-integer code, with other threads running, or if output cannot be
    flushed."""
    import atexit
    import threading

    if not (code is None or isinstance(code, int)) or threading.active_count() > 1:
        return
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # e.g. a closed pipe: let the normal exit report it
        return
    os._exit(code or 0)


def _run(argv: list[str] | None) -> None:
    from domain.errors import UdsynError

    try:
        code = cli.main(args=argv, prog_name="udsyn", standalone_mode=False)
        if isinstance(code, int) and code:  # click returns (not raises) an Exit's code here
            sys.exit(code)
    except click.exceptions.Exit as e:
        sys.exit(e.exit_code)
    except click.exceptions.Abort:
        click.echo("error: aborted", err=True)
        sys.exit(1)
    except click.UsageError as e:
        if e.ctx is not None and isinstance(e.ctx.command, click.Group) and _missing_command(e):
            click.echo(e.ctx.get_help(), err=True)
        else:
            click.echo(f"error: {one_line(e.format_message())}", err=True)
        sys.exit(INVALID)
    except click.ClickException as e:
        click.echo(f"error: {one_line(e.format_message())}", err=True)
        sys.exit(INVALID if e.exit_code == 2 else e.exit_code)
    except UdsynError as e:
        click.echo(f"error: {one_line(e)}", err=True)
        sys.exit(exit_code_for(e))
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as e:  # a defect, not a user mistake: say so, keep the trace for debugging
        if os.environ.get("UDSYN_DEBUG"):
            import traceback

            traceback.print_exc()
        click.echo(f"error: internal error ({type(e).__name__}: {one_line(e)}); set UDSYN_DEBUG=1 for details",
                   err=True)
        sys.exit(70)
    sys.exit(0)


def _missing_command(error: click.UsageError) -> bool:
    """A group called without a command: show its help (exit 2), not a one-line error."""
    return type(error).__name__ == "NoArgsIsHelpError" or error.message == "Missing command."


if __name__ == "__main__":
    main()
