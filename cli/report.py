"""`udsyn report`: the annual report on international projects (R5, R7), and closing a year."""
from __future__ import annotations

import sys

import click

from cli.main import CONTEXT
from cli.options import WHOLE, record_options


@click.group(context_settings=CONTEXT)
def report():
    """The annual report: render a year in md, csv, json, xlsx or html; close a year (R7)."""


def _reports(s, catch_up: bool):
    """The ledger-backed report source. The ledger's tables are read with the database driver
    alone; the projection runner (and SQLAlchemy with it) is loaded only when the ledger is behind
    the event log: it catches the ledger up first when the actor may; for other readers it only
    creates the tables if they are missing, the ledger is read as it stands and the report says
    it is stale."""
    from functools import cache

    from infrastructure.reports.ledger_tables import LedgerTables
    from infrastructure.reports.source import LedgerReports

    @cache
    def runner():
        from infrastructure.projections.runner import ProjectionRunner

        return ProjectionRunner.for_app(s.app, s.db, names=["ledger"], create=True)

    tables = LedgerTables.for_url(s.db, s.app.recorder)
    if tables is None:  # memory://: the views live in the runner's own in-memory database
        tables = LedgerTables.on_engine(runner().engine)

    def behind() -> None:
        if catch_up:
            runner().catch_up()
        elif tables.position() is None:
            runner()

    return LedgerReports(s.app, tables, behind)


@report.command("annual", context_settings=CONTEXT)
@click.option("--year", required=True, type=WHOLE, help="The reporting year.")
@click.option("--board", help="Only this board's projects (key), e.g. bun.")
@click.option("--format", "fmt", help="md (default), csv, json, xlsx or html.")
@click.option("--lang", help="da, sv or en; default the organisation's language.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE instead of stdout.")
@click.pass_obj
def annual(s, year, board, fmt, lang, output):
    """Render the annual report of a year: per board each project with its status, focus areas,
    goals, indicators, the year's financials and external share against the target (R5), lessons
    learned; portfolio totals; missing and overdue annual statements (R7). A closed year renders
    exactly as it was closed; an open year is caught up first (or marked stale) and preliminary.

    \b
    Example:
      udsyn report annual --year 2026 --format html --lang sv -o arsredovisning-2026.html
      udsyn report annual --year 2026 --board bun
    """
    from application.authorisation import READ, REPORT
    from domain.errors import InvalidInput, NotPermitted
    from infrastructure.reports.render import FORMATS, Standing, for_board, render
    from infrastructure.reports.labels import LOCALES

    if s.as_json and not output and fmt not in (None, "json"):
        raise InvalidInput("format", f"--json prints the report as JSON; write {fmt} with -o FILE")
    fmt = fmt or ("json" if s.as_json else "md")
    if fmt not in FORMATS:
        raise InvalidInput("format", f"'{fmt}' is not one of {', '.join(FORMATS)}")
    if lang is not None and lang not in LOCALES:
        raise InvalidInput("lang", f"'{lang}' is not one of {', '.join(LOCALES)}")
    if fmt == "xlsx" and not output and sys.stdout.isatty():
        raise InvalidInput("output", "xlsx is a binary file; write it with -o FILE")
    if output:
        from cli.session import output_directory

        output_directory(output)
    app = s.app
    org, _ = app.authorised(s.user, READ)
    today = app.clock.now().date()
    _check_year(year, today)
    if board is not None and board not in {d.board for d in org.departments.values()}:
        raise InvalidInput("board", f"no board '{board}' with departments (known: "
                                    f"{', '.join(sorted({d.board for d in org.departments.values()})) or 'none'})")
    closed = app.closed_year(s.user, year)
    if closed is not None:
        data = closed.report
        standing = Standing(position=closed.position, closed_on=closed.closed_at.date().isoformat())
    else:
        try:
            app.authorised(s.user, REPORT)
            may_catch_up = True
        except NotPermitted:
            may_catch_up = False
        data, standing = _reports(s, may_catch_up).current(year, today)
    content = render(for_board(data, board), standing, fmt, lang or org.language)
    if standing.stale:
        click.echo(f"warning: the ledger is at position {standing.position}, the event log at {standing.head};"
                   " this report is stale (run 'udsyn projections run')", err=True)
    if not output:
        click.echo(content, nl=False)
        return
    with open(output, "wb") as f:
        f.write(content)
    import hashlib

    s.emit({"year": year, "board": board, "format": fmt, "lang": lang or org.language, "output": output,
            "bytes": len(content), "sha256": hashlib.sha256(content).hexdigest(), **standing.as_json()},
           f"wrote {output} ({fmt}, {len(content)} bytes; "
           + (f"closed {standing.closed_on})" if standing.closed_on else f"preliminary, position {standing.position})"))


def _check_year(year: int, today) -> None:
    from application.reporting_commands import check_year
    from domain.errors import InvalidInput

    check_year(year)
    if year > today.year:
        raise InvalidInput("year", f"{year} has not begun (today is {today})")


@report.command("close", context_settings=CONTEXT)
@click.option("--year", required=True, type=WHOLE, help="The ended year to close.")
@record_options
@click.pass_obj
def close(s, year, reason, command_id):
    """Close a reporting year (R7; admin or reporter): the ledger is caught up, and the year's
    totals, its report and the event position are recorded. Afterwards a fact effective in the
    year is refused unless recorded as a correction (--correction-of POSITION), which is posted
    as an adjustment in the next open year. The previous year must be closed first if it has facts.

    \b
    Example:
      udsyn --actor rapport report close --year 2026
    """
    from application.authorisation import REPORT

    s.app.authorised(s.user, REPORT)  # R9 before anything is built or written
    r = s.app.close_year(s.context(None, reason, command_id), year, _reports(s, catch_up=True))
    t = r["totals"]
    s.emit(r, f"{year} closed at event position {r['position']}: {t['projects']} projects,"
              f" expenditure {t['expenditure']}, external share {t['external_share'] or '–'},"
              f" {t['missing_statements']} statements missing"
              + (f"; audit chain head {r['chain_head']} (keep it: audit verify --seal)" if r.get("chain_head") else ""))
