"""`udsyn projections`: the reporting job that keeps the read models current (SPEC §4)."""
from __future__ import annotations

import json
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import click

from cli.main import CONTEXT
from cli.options import Whole

RUNNERS_BATCH = "10,000"  # the runner's BATCH_SIZE, said here without importing the runner (a test holds them equal)


@click.group(context_settings=CONTEXT)
def projections():
    """Read models: keep them current (run), see where they stand (status), rebuild them."""


def _runner(s, names=None, batch_size=None, permission=None, create=True):
    from application.authorisation import READ, REPORT
    from infrastructure.projections.runner import BATCH_SIZE, ProjectionRunner

    s.app.authorised(s.user, permission or REPORT)
    if permission == READ:
        create = False
    return ProjectionRunner.for_app(s.app, s.db, names, batch_size=batch_size or BATCH_SIZE, create=create)


def _standing(runner):
    return [{"name": st.name, "position": st.position, "head": st.head, "lag": st.lag} for st in runner.status()]


@contextmanager
def _stop_on_signals() -> Iterator[threading.Event]:
    """SIGINT and SIGTERM ask the job to stop after the batch in hand commits."""
    stop = threading.Event()
    previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@contextmanager
def _progress(s, title: str, total: int):
    """A progress bar on stderr (none with --json); yields the runner's progress callback."""
    if s.as_json or total <= 0:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("events"),
                  TimeRemainingColumn(), console=Console(stderr=True)) as bar:
        task = bar.add_task(title, total=total)
        yield lambda applied, position: bar.update(task, completed=min(applied, total))
        bar.update(task, completed=total)


@projections.command("run", context_settings=CONTEXT)
@click.option("--follow", is_flag=True, help="Keep following new events until SIGINT/SIGTERM.")
@click.option("--batch-size", type=Whole(1, 50_000), default=None, show_default=RUNNERS_BATCH,
              help="Events applied per transaction.")
@click.option("--poll", type=click.FloatRange(0.05, 60), default=1.0, show_default=True,
              help="Seconds between polls on SQLite with --follow (PostgreSQL is woken by NOTIFY).")
@click.pass_obj
def run(s, follow, batch_size, poll):
    """Catch every read model up with the event log and exit (for cron), or keep following.

    Each batch of view writes commits with the views' positions in one transaction, so a crash
    never loses or repeats an event. SIGINT/SIGTERM stop after the current batch, exit 0. While
    following, a lost database connection is waited out (a warning on stderr) and followed again.

    \b
    Example:
      udsyn --actor rapport projections run
      udsyn --actor rapport projections run --follow
    """
    from infrastructure.projections.follow import follow as following

    if follow:  # a follower outlives outages: pooled connections are checked before each use
        s.settings["POSTGRES_PRE_PING"] = "y"
    runner = _runner(s, batch_size=batch_size)
    applied = 0
    with _stop_on_signals() as stop:
        if not follow:
            behind = max((st.lag for st in runner.status()), default=0)
            with _progress(s, "catching up", behind) as progress:
                applied = runner.catch_up(progress=progress, stop=stop.is_set)
        else:
            applied = following(runner, s.app, stop, poll, on_batch=lambda count: _follow_line(s, count, runner),
                                on_outage=_outage_line)
    standing = _standing(runner)
    head = max((p["head"] for p in standing), default=0)
    summary = {"applied": applied, "head": head, "stopped": stop.is_set(), "projections": standing}
    if follow and s.as_json:  # JSON Lines while following, the summary as the last line
        click.echo(json.dumps(summary))
        return
    lines = [f"{p['name']:<20} at {p['position']} of {head}" for p in standing]
    s.emit(summary, "\n".join([f"applied {applied} events" + (" (stopped)" if stop.is_set() else ""), *lines]))


def _outage_line(error: Exception, delay: float) -> None:
    reason = " ".join(str(error).split())[:200] or type(error).__name__
    click.echo(f"warning: the database is unavailable ({reason}); trying again in {delay:g}s", err=True)


def _follow_line(s, count, runner) -> None:
    standing = _standing(runner)
    position = min(p["position"] for p in standing)
    if s.as_json:
        click.echo(json.dumps({"applied": count, "position": position}))
    else:
        click.echo(f"applied {count} events; at {position}", err=True)


@projections.command("status", context_settings=CONTEXT)
@click.pass_obj
def status(s):
    """Show each read model's position, the newest event's position (head) and the lag.

    \b
    Example:
      udsyn --json projections status
    """
    from application.authorisation import READ

    standing = _standing(_runner(s, permission=READ))
    head = max((p["head"] for p in standing), default=0)
    rows = [f"{'PROJECTION':<20} {'POSITION':>10} {'HEAD':>10} {'LAG':>8}"]
    rows += [f"{p['name']:<20} {p['position']:>10} {p['head']:>10} {p['lag']:>8}" for p in standing]
    s.emit({"head": head, "projections": standing}, "\n".join(rows))


@projections.command("rebuild", context_settings=CONTEXT)
@click.argument("names", nargs=-1, metavar="NAME…")
@click.option("--all", "all_", is_flag=True, help="Rebuild every read model.")
@click.option("--batch-size", type=Whole(1, 50_000), default=None, show_default=RUNNERS_BATCH,
              help="Events applied per transaction.")
@click.pass_obj
def rebuild(s, names, all_, batch_size):
    """Drop a read model's rows and position and rebuild it from position 0, with a progress bar.

    An interrupted rebuild (SIGINT/SIGTERM) keeps what it committed; `projections run` resumes it.

    \b
    Example:
      udsyn --actor rapport projections rebuild portfolio
      udsyn --actor rapport projections rebuild --all
    """
    if bool(names) == all_:
        raise click.UsageError("name the projections to rebuild, or give --all (not both)")
    runner = _runner(s, names=None if all_ else names, batch_size=batch_size)
    runner.clear()
    with _stop_on_signals() as stop:
        with _progress(s, f"rebuilding {', '.join(runner.names)}", runner.reader.head()) as progress:
            applied = runner.catch_up(progress=progress, stop=stop.is_set)
    standing = _standing(runner)
    s.emit({"rebuilt": runner.names, "applied": applied, "stopped": stop.is_set(), "projections": standing},
           f"rebuilt {', '.join(runner.names)} from {applied} events" + (" (stopped; run resumes)" if stop.is_set() else ""))
