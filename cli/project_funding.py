"""`udsyn project` commands on a case's money: the own contribution (R4) and external funding (R5)."""
from __future__ import annotations

import click

from cli.main import CONTEXT
from cli.options import change_options, money_options
from cli.project import _done, project


@project.command("fund", context_settings=CONTEXT)
@click.argument("ref")
@click.option("--own-contribution", required=True, help="The department's own contribution (R4).")
@money_options
@change_options
@click.pass_obj
def fund(s, ref, date_, reason, command_id, **v):
    """Commit the responsible department's own contribution (R4).

    \b
    Example:
      udsyn project fund KAL-2026-0001 --own-contribution 60000
    """
    r = s.app.fund(s.context(date_, reason, command_id), ref, **v)
    _done(s, r, f"{r['ref']}: own contribution committed")


@project.command("apply", context_settings=CONTEXT)
@click.argument("ref")
@click.option("--programme", required=True, help="E.g. Interreg Aurora, Erasmus+, Nordplus.")
@click.option("--amount", required=True)
@money_options
@click.option("--key", help="Application key (default A1, A2, …).")
@change_options
@click.pass_obj
def apply_(s, ref, date_, reason, command_id, **v):
    """Apply for external funding (R5); prints the application key.

    \b
    Example:
      udsyn project apply KAL-2026-0001 --programme Erasmus+ --amount 5000 --currency EUR --rate 11.40
    """
    r = s.app.apply_for_funding(s.context(date_, reason, command_id), ref, **v)
    _done(s, r, r["application"])


def _money_in(name, verb, method_name, example):
    doc = f"Record that an external funding application was {verb}.\n\n\b\nExample:\n  {example}"

    @project.command(name, context_settings=CONTEXT, help=doc)
    @click.argument("ref")
    @click.argument("application")
    @click.option("--amount", required=True)
    @money_options
    @change_options
    @click.pass_obj
    def command(s, ref, application, date_, reason, command_id, **v):
        r = getattr(s.app, method_name)(s.context(date_, reason, command_id), ref, application=application, **v)
        _done(s, r, f"{r['ref']}: application {application} {verb}")

    return command


grant = _money_in("grant", "granted", "grant", "udsyn project grant KAL-2026-0001 A1 --amount 5000 --currency EUR --rate 11.40")
receive = _money_in("receive", "received", "receive", "udsyn project receive KAL-2026-0001 A1 --amount 2500 --currency EUR --rate 11.52")


@project.command("reject-funding", context_settings=CONTEXT)
@click.argument("ref")
@click.argument("application")
@change_options
@click.pass_obj
def reject_funding(s, ref, application, date_, reason, command_id):
    """Record that an external funding application was rejected.

    \b
    Example:
      udsyn project reject-funding KAL-2026-0001 A2
    """
    r = s.app.reject_funding(s.context(date_, reason, command_id), ref, application=application)
    _done(s, r, f"{r['ref']}: application {application} rejected")
