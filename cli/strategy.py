"""`udsyn strategy`: adopt from a TOML file, show the version in force, list the history."""
from __future__ import annotations

import click

from cli.main import CONTEXT
from cli.options import DATE, record_options


@click.group(context_settings=CONTEXT)
def strategy():
    """The international strategy: adopted by a body on a date, revised by later adoptions."""


@strategy.command("adopt", context_settings=CONTEXT)
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--body", required=True, help="Key of the adopting body.")
@click.option("--date", "adopted_on", required=True, type=DATE, help="Date of adoption.")
@record_options
@click.pass_obj
def adopt(s, file, body, adopted_on, reason, command_id):
    """Adopt the strategy in FILE (a later adoption revises it).

    \b
    Example:
      udsyn strategy adopt examples/kalix-strategy.toml --body kf --date 2007-11-26
    """
    from infrastructure.strategy_file import read_strategy_file

    content = read_strategy_file(file)
    result = s.app.adopt_strategy(s.context(adopted_on, reason, command_id), content,
                                  body=body, date=adopted_on)
    s.emit(result, f"strategy version {result['version']} adopted on {adopted_on} by {body}")


@strategy.command("show", context_settings=CONTEXT)
@click.option("--on", "on", type=DATE, help="The version in force on this date (default today).")
@click.option("--coverage", is_flag=True,
              help="Per focus area, target group and goal: the projects serving it, and what nobody serves.")
@click.pass_obj
def show(s, on, coverage):
    """Show the strategy version in force, or with --coverage what the portfolio covers of it.

    \b
    Example:
      udsyn strategy show --on 2026-01-01
      udsyn strategy show --coverage
    """
    from application.authorisation import READ

    if coverage:
        from cli.coverage import show_coverage

        return show_coverage(s, on)
    s.app.authorised(s.user, READ)
    v = s.app.strategy_on(on or s.app.clock.now().date())
    lines = [
        f"{v.title} (version {v.version}, adopted {v.adopted_on} by {v.body})",
        v.vision,
        "",
        f"approval threshold: {v.approval_threshold} (approving body {v.approval_body})",
        f"external funding target: {v.external_funding_target:.0%}",
        f"appeal window: {v.appeal_window_days} days; annual statement due {v.statement_due} the year after",
        "",
        "focus areas:",
        *(f"  {f.key:<16} {f.priority:<9} {f.name}" for f in v.focus_areas),
        "target groups:",
        *(f"  {t.key:<16} {t.name}" for t in v.target_groups),
        "goals:",
        *(f"  {g.key:<16} {g.name}" for g in v.goals),
    ]
    s.emit(v, "\n".join(lines))


@strategy.command("history", context_settings=CONTEXT)
@click.pass_obj
def history(s):
    """List every adopted version.

    \b
    Example:
      udsyn --json strategy history
    """
    from application.authorisation import READ

    s.app.authorised(s.user, READ)
    st = s.app.strategy()
    versions = st.versions if st else []
    rows = [{"version": v.version, "adopted_on": v.adopted_on, "body": v.body, "title": v.title,
             "approval_threshold": v.approval_threshold,
             "focus_areas": [f.key for f in v.focus_areas]} for v in versions]
    text = "\n".join(f"v{r['version']}  {r['adopted_on']}  {r['body']:<10} {r['title']}" for r in rows)
    s.emit(rows, text or "no strategy adopted yet")
