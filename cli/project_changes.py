"""`udsyn project` commands that change a case's lifecycle: register, explore, submit, decide,
withdraw, indicators, start, spend, measure, statements, obligations, complete."""
from __future__ import annotations

import click

from cli.main import CONTEXT
from cli.options import DATE, REASON, WHOLE, change_options, correction_options, money_options
from cli.project import _done, project


@project.command("register", context_settings=CONTEXT)
@click.option("--title", required=True)
@click.option("--department", required=True, help="Key of the responsible department (R4).")
@click.option("--focus-area", multiple=True, help="Focus area key of the strategy (repeatable, R1).")
@click.option("--outside-strategy", is_flag=True, help="The idea fits no focus area (flagged, R1/R2).")
@click.option("--summary", default="")
@click.option("--target-group", multiple=True)
@click.option("--goal", multiple=True)
@click.option("--partner", multiple=True)
@click.option("--budget", help="Estimated budget, e.g. 120000.00.")
@money_options
@click.option("--jobs", type=WHOLE, default=0, help="Expected jobs (R11).")
@click.option("--citizens", type=WHOLE, default=0, help="Expected citizens reached (R11).")
@click.option("--competence", type=WHOLE, default=0, help="Expected staff gaining competence (R11).")
@change_options
@click.pass_obj
def register(s, date_, reason, command_id, focus_area, target_group, goal, partner, outside_strategy, **v):
    """Register an idea against the strategy in force; prints its case reference.

    \b
    Example:
      udsyn project register --title "Elevutbyte Pielavesi" --department buf \\
            --focus-area utbildning --budget 120000
    """
    r = s.app.register_project(s.context(date_, reason, command_id), focus_area=list(focus_area),
                               target_group=list(target_group), goal=list(goal), partner=list(partner),
                               outside_strategy=outside_strategy, **v)
    _done(s, r, r["ref"])
    if r["outside_strategy"] and not s.as_json:  # a note, not part of the output a script reads
        click.echo(f"note: {r['ref']} is outside every focus area: it needs a mandate before exploring (R2)", err=True)


@project.command("explore", context_settings=CONTEXT)
@click.argument("ref")
@change_options
@click.pass_obj
def explore(s, ref, date_, reason, command_id):
    """Start exploring an idea (R2).

    \b
    Example:
      udsyn project explore KAL-2026-0001
    """
    r = s.app.explore(s.context(date_, reason, command_id), ref)
    _done(s, r, f"{r['ref']} is in exploration")


@project.command("submit", context_settings=CONTEXT)
@click.argument("ref")
@click.option("--body", required=True, help="Key of the body that will decide.")
@change_options
@click.pass_obj
def submit(s, ref, body, date_, reason, command_id):
    """Submit an explored project for decision.

    \b
    Example:
      udsyn project submit KAL-2026-0001 --body bun
    """
    r = s.app.submit(s.context(date_, reason, command_id), ref, body=body)
    _done(s, r, f"{r['ref']} awaits the decision of {body}")


@project.command("decide", context_settings=CONTEXT)
@click.argument("ref")
@click.option("--body", required=True)
@click.option("--outcome", required=True,
              help="approved, approved-with-conditions, rejected, returned or postponed.")
@click.option("--meeting-date", required=True, help="Date of the meeting (YYYY-MM-DD).")
@click.option("--item", required=True, help="Agenda item (§) in the minutes.")
@click.option("--case-number", help="The municipality's case or diary number.")
@click.option("--ceiling", help="Approved budget ceiling (default: the estimated budget).")
@money_options
@click.option("--condition", multiple=True, help="A condition; pairs with --condition-due (repeatable).")
@click.option("--condition-due", multiple=True, help="Due date of the condition in the same position.")
@click.option("--effective", help="Date of entry into force (default: the meeting date).")
@click.option("--posted", help="Date the minutes were posted; the appeal window runs from it.")
@correction_options
@click.pass_obj
def decide(s, ref, reason, command_id, condition, condition_due, **v):
    """Record a decision from the minutes (R3, R12). In the idea state it is a mandate to explore (R2).

    \b
    Example:
      udsyn project decide KAL-2026-0001 --body bun --outcome approved-with-conditions \\
            --meeting-date 2026-02-12 --item "§ 14" --case-number "BUN 2026/31" \\
            --condition "Report to KSAU" --condition-due 2026-09-30
    """
    r = s.app.decide(s.context(None, reason, command_id), ref, condition=list(condition),
                     condition_due=list(condition_due), **v)
    extra = f"; obligations {', '.join(r['obligations'])}" if r["obligations"] else ""
    window = f"; appeal window ends {r['appeal_ends']}" if r.get("appeal_ends") else ""
    _done(s, r, f"{r['ref']}: decision {r['decision']} ({v['outcome']}) recorded; status {r['status']}{extra}{window}")


@project.command("withdraw", context_settings=CONTEXT)
@click.argument("ref")
@click.option("--reason", required=True, type=REASON, help="Why the case is withdrawn.")
@click.option("--date", "date_", type=DATE)
@click.option("--command-id")
@click.pass_obj
def withdraw(s, ref, reason, date_, command_id):
    """Withdraw a case before completion.

    \b
    Example:
      udsyn project withdraw KAL-2026-0003 --reason "Partner school withdrew"
    """
    r = s.app.withdraw(s.context(date_, reason, command_id), ref, reason=reason)
    _done(s, r, f"{r['ref']} withdrawn")


@project.command("indicator", context_settings=CONTEXT)
@click.argument("ref")
@click.argument("key")
@click.option("--name", required=True)
@click.option("--target", required=True, help="The target value (a number).")
@click.option("--unit")
@change_options
@click.pass_obj
def indicator(s, ref, key, date_, reason, command_id, **v):
    """Define an indicator with a target (R6).

    \b
    Example:
      udsyn project indicator KAL-2026-0001 elever --name "Pupils in exchange" --target 30 --unit pupils
    """
    r = s.app.define_indicator(s.context(date_, reason, command_id), ref, key=key, **v)
    _done(s, r, f"{r['ref']}: indicator {key} defined")


@project.command("start", context_settings=CONTEXT)
@click.argument("ref")
@change_options
@click.pass_obj
def start(s, ref, date_, reason, command_id):
    """Start execution (needs indicators R6, a covered funding plan R4, the decision in force R12).

    \b
    Example:
      udsyn project start KAL-2026-0001 --date 2026-03-10
    """
    r = s.app.start(s.context(date_, reason, command_id), ref)
    _done(s, r, f"{r['ref']} is executing")


@project.command("spend", context_settings=CONTEXT)
@click.argument("ref")
@click.option("--amount", required=True)
@click.option("--category", required=True, help="E.g. travel, staff, venue, materials.")
@money_options
@click.option("--description")
@change_options
@click.pass_obj
def spend(s, ref, date_, reason, command_id, **v):
    """Record an expenditure (refused above the approved ceiling, R3).

    \b
    Example:
      udsyn project spend KAL-2026-0001 --amount 12500 --category travel --date 2026-04-02
    """
    r = s.app.spend(s.context(date_, reason, command_id), ref, **v)
    _done(s, r, f"{r['ref']}: spent {r['spent']} of {r['ceiling']}")


@project.command("measure", context_settings=CONTEXT)
@click.argument("ref")
@click.argument("key")
@click.option("--value", required=True)
@change_options
@click.pass_obj
def measure(s, ref, key, value, date_, reason, command_id):
    """Record a measurement against an indicator (R6).

    \b
    Example:
      udsyn project measure KAL-2026-0001 elever --value 28
    """
    r = s.app.measure(s.context(date_, reason, command_id), ref, key=key, value=value)
    _done(s, r, f"{r['ref']}: {key} = {value}")


@project.command("statement", context_settings=CONTEXT)
@click.argument("ref")
@click.option("--year", required=True)
@click.option("--text", required=True)
@change_options
@click.pass_obj
def statement(s, ref, date_, reason, command_id, **v):
    """Submit the project's annual statement for a year (R7).

    \b
    Example:
      udsyn project statement KAL-2026-0001 --year 2026 --text "28 pupils took part …"
    """
    r = s.app.statement(s.context(date_, reason, command_id), ref, **v)
    _done(s, r, f"{r['ref']}: statement for {v['year']} submitted")


@project.command("fulfil", context_settings=CONTEXT)
@click.argument("ref")
@click.argument("obligation")
@change_options
@click.pass_obj
def fulfil(s, ref, obligation, date_, reason, command_id):
    """Close an obligation created by a decision's condition (R12).

    \b
    Example:
      udsyn project fulfil KAL-2026-0001 O1
    """
    r = s.app.fulfil(s.context(date_, reason, command_id), ref, obligation)
    _done(s, r, f"{r['ref']}: obligation {obligation} fulfilled")


@project.command("complete", context_settings=CONTEXT)
@click.argument("ref")
@click.option("--lessons", required=True, help="Lessons learned for the organisation (R8).")
@change_options
@click.pass_obj
def complete(s, ref, date_, reason, command_id, **v):
    """Complete the project with its lessons learned (R8; no open obligations, R12).

    \b
    Example:
      udsyn project complete KAL-2026-0001 --lessons "Start the partner dialogue a term earlier."
    """
    r = s.app.complete(s.context(date_, reason, command_id), ref, **v)
    _done(s, r, f"{r['ref']} completed")
