"""`udsyn project` commands that read: a case (now or as it was), the portfolio, a case's history."""
from __future__ import annotations

import click

from cli.main import CONTEXT
from cli.options import DATE, TIMESTAMP, Whole
from cli.project import project


@project.command("show", context_settings=CONTEXT)
@click.argument("ref")
@click.option("--version", type=Whole(min=1), help="Replay the case to this version.")
@click.option("--as-of", type=TIMESTAMP, help="The case as the system knew it at this recorded time.")
@click.option("--effective-on", type=DATE,
              help="The case as it was on this business date, including facts registered later.")
@click.pass_obj
def show(s, ref, version, as_of, effective_on):
    """Show a case: now, at a version, as known at a time, or as true on a business date
    (--as-of and --effective-on together: what was known at T about date D).

    \b
    Example:
      udsyn project show KAL-2026-0001 --as-of 2026-03-01T12:00
      udsyn project show KAL-2026-0001 --effective-on 2026-03-01
    """
    from cli.project_view import effective_note, project_as_dict, project_as_text

    if version and (as_of or effective_on):
        given = "--as-of" if as_of else "--effective-on"
        raise click.UsageError(f"give --version or {given}, not both")
    if effective_on is not None:
        replay = s.reader.replay_effective_on(s.user, ref, effective_on, as_of)
        data = {**project_as_dict(replay.project), "effective_on": effective_on, "as_of": as_of,
                "applied_versions": replay.applied, "later_versions": replay.later,
                "unappliable_versions": replay.unappliable}
        s.emit(data, project_as_text(replay.project) + "\n" + effective_note(replay))
        return
    p = s.reader.show_project(s.user, ref, version=version, as_of=as_of)
    s.emit(project_as_dict(p), project_as_text(p))


@project.command("list", context_settings=CONTEXT)
@click.option("--status", help="idea, exploration, awaiting_decision, approved, executing, completed, …")
@click.option("--board", help="Key of the board the responsible department reports to.")
@click.option("--department", help="Key of the responsible department.")
@click.option("--focus-area", help="Focus area key of the strategy.")
@click.option("--overdue", is_flag=True, help="Only projects with an open obligation past due on --on.")
@click.option("--on", "on", type=DATE, help="The day --overdue is judged on; default today.")
@click.pass_obj
def list_(s, status, board, department, focus_area, overdue, on):
    """List projects from the portfolio read model, and say how fresh it is.

    A reporter or admin catches the portfolio up first; for anyone else a lagging portfolio is
    listed as it stands and marked STALE. --json: {"position", "head", "stale", "on", "projects"}.

    \b
    Example:
      udsyn project list --status executing --board bun
      udsyn --json project list --overdue --on 2026-10-01
    """
    from application.authorisation import READ
    from cli.project_view import portfolio_as_text
    from domain.project import STATUSES

    if status and status not in STATUSES:
        raise click.UsageError(f"--status '{status}' is not one of {', '.join(STATUSES)}")
    s.app.authorised(s.user, READ)
    view = _portfolio(s)
    listing = s.app.list_portfolio(s.user, view, status=status, board=board, department=department,
                                   focus_area=focus_area, overdue=overdue, on=on)
    s.emit(listing.as_json(), portfolio_as_text(listing))


def _portfolio(s):
    """The portfolio view, read with the database driver alone; the projection runner (and
    SQLAlchemy with it) is built only if the view must be caught up or created."""
    from functools import cache

    from infrastructure.projections.driver_reads import ViewTables
    from infrastructure.projections.portfolio_reads import NAME, PortfolioReads

    @cache
    def runner():
        from infrastructure.projections.runner import ProjectionRunner

        return ProjectionRunner.for_app(s.app, s.db, [NAME])

    tables = ViewTables.for_url(s.db, s.app.recorder)
    if tables is None:  # memory://: the view lives in the runner's own in-memory database
        from infrastructure.projections.portfolio import PortfolioStore

        return PortfolioStore(runner)
    return PortfolioReads(s.app, tables, runner)


@project.command("history", context_settings=CONTEXT)
@click.argument("ref")
@click.pass_obj
def history(s, ref):
    """List every event of a case: position, when recorded, effective date, who (as what role),
    why, and what it changed.

    \b
    Example:
      udsyn project history KAL-2026-0001
    """
    from cli.project_view import history_as_text

    entries = s.reader.history(s.user, ref)
    s.emit(entries, history_as_text(entries))
