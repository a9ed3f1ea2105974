"""`udsyn audit`: verify the hash chain, seal its head, check the rules, read the trail."""
from __future__ import annotations

import click

from cli.main import CONTEXT
from cli.options import DATE, Whole


@click.group(context_settings=CONTEXT)
def audit():
    """Auditor tools: a tamper-evident history, rule findings and the audit trail (read-only)."""


def refuse(message: str, rule: str | None = None) -> None:
    """Exit 1 with one `error:` line, after the findings were printed."""
    from domain.errors import RuleViolation

    raise RuleViolation(rule, message)


@audit.command("verify", context_settings=CONTEXT)
@click.option("--seal", "seals", multiple=True, metavar="POS:HASH",
              help="A head printed by 'audit seal', kept outside the system (repeatable).")
@click.pass_obj
def verify(s, seals):
    """Recompute the hash chain over the whole store and name the first position that was
    altered, deleted, inserted or reordered; exit 1 if any, else print the head.

    \b
    Example:
      udsyn --actor revisor audit verify --seal 1234:9f2c…    # the POS:HASH audit seal printed (64 hex digits)
    """
    from application.audit import parse_seal
    from infrastructure.audit.chain import ADOPTED_BY

    given = [parse_seal(text) for text in seals]
    result = s.app.verify_chain(s.user, given)
    data = {"clean": result.clean, "events": result.events, "head": result.head_text,
            "seals_checked": len(result.seals),
            "findings": [{"position": f.position, "kind": f.kind, "message": f.message} for f in result.findings]}
    adopted = next((seal for seal in result.seals if seal.actor == ADOPTED_BY), None)
    note = ""
    if adopted is not None:
        data["chain_started"] = {"position": adopted.position, "at": adopted.sealed_at}
        note = (f"\nthe chain was started {adopted.sealed_at:%Y-%m-%d %H:%M} over the {adopted.position} events "
                "already stored; it vouches for them as they were then")
    if result.clean:
        s.emit(data, f"clean: {result.events} events, {len(result.seals)} seals checked{note}\n"
                     f"head {result.head_text}")
        return
    shown = result.findings[:50]
    more = f"\n… and {len(result.findings) - len(shown)} more" if len(result.findings) > len(shown) else ""
    s.emit(data, "\n".join(str(f) for f in shown) + more)
    refuse(f"the history was tampered with: {result.first} ({len(result.findings)} findings)")


@audit.command("seal", context_settings=CONTEXT)
@click.pass_obj
def seal(s):
    """Verify the chain, record its head and print it as POS:HASH, to keep outside the system.

    \b
    Example:
      udsyn --actor revisor audit seal    # prints e.g. 1234:9f2c…; keep it in the audit file
    """
    sealed = s.app.seal_chain(s.user)
    s.emit({"position": sealed.position, "hash": sealed.link.hex(), "seal": str(sealed),
            "sealed_at": sealed.sealed_at, "actor": sealed.actor}, str(sealed))


@audit.command("check", context_settings=CONTEXT)
@click.option("--year", type=Whole(1900, 2999), help="Only findings about this year.")
@click.pass_obj
def check(s, year):
    """Check the history of every case against the rules: commitments before the decision that
    allowed them (R3, R12), execution without indicator targets (R6), missing or late annual
    statements and corrections to reported years (R7), obligations past due (R12), projects
    outside the focus areas (R1, R2), external funding below target (R5). Exit 1 on findings.

    \b
    Example:
      udsyn --actor revisor --json audit check --year 2026
    """
    cases, findings = s.app.rule_findings(s.user, year)
    scope = f" for {year}" if year else ""
    data = {"clean": not findings, "cases": cases, "year": year, "findings": [f.as_dict() for f in findings]}
    if not findings:
        s.emit(data, f"clean: no findings{scope} in {cases} cases")
        return
    s.emit(data, "\n".join(_finding_line(f) for f in findings))
    rules = sorted({f.rule for f in findings}, key=lambda r: int(r[1:]))
    refuse(f"{len(findings)} findings{scope} ({', '.join(rules)}); first: {findings[0].ref} "
           f"{findings[0].rule}: {findings[0].message}")


def _finding_line(f) -> str:
    where = f"#{f.position}" if f.position is not None else "#?"
    effective = f"effective {f.effective_date}, " if f.effective_date else ""
    return (f"{f.rule:<4} {f.ref:<14} {where:>6} v{f.version:<4} {f.event:<24} "
            f"({effective}recorded {f.recorded_on})  {f.message}")


TRAIL_FIELDS = ("position", "recorded_at", "effective_date", "aggregate", "ref", "event", "actor", "role",
                "reason", "chain")


@audit.command("trail", context_settings=CONTEXT)
@click.option("--project", "ref", metavar="REF", help="Only the events of this case.")
@click.option("--actor", "by", metavar="NAME", help="Only the events recorded by this user.")
@click.option("--from", "since", type=DATE, help="Recorded on or after this date.")
@click.option("--to", "until", type=DATE, help="Recorded on or before this date.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.pass_obj
def trail(s, ref, by, since, until, fmt):
    """Every stored event in position order: when recorded, effective date, case, event, who
    (as what role), why, and its chain link.

    \b
    Example:
      udsyn --actor revisor audit trail --project KAL-2026-0001 --from 2026-01-01 --format csv
    """
    import csv
    import json
    import sys

    from cli.session import to_json

    rows = s.app.trail(s.user, project=ref, by=by, since=since, until=until)
    if s.as_json or fmt == "json":
        listed = [{**{k: getattr(r, k) for k in TRAIL_FIELDS}, "payload": r.payload} for r in rows]
        click.echo(json.dumps(listed, default=to_json, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(TRAIL_FIELDS)
        for r in rows:
            writer.writerow(["" if getattr(r, k) is None else to_text(getattr(r, k)) for k in TRAIL_FIELDS])
    else:
        click.echo(f"{'POS':>6}  {'RECORDED':<19}  {'EFFECTIVE':<10}  {'CASE':<14}  {'EVENT':<34}  WHO / WHY")
        for r in rows:
            who = f"{r.actor} ({r.role})" if r.actor else "-"
            why = f" — {r.reason}" if r.reason else ""
            click.echo(f"{r.position:>6}  {r.recorded_at:%Y-%m-%d %H:%M:%S}  {to_text(r.effective_date) or '-':<10}  "
                       f"{r.ref or '-':<14}  {r.aggregate + '.' + r.event:<34}  {who}{why}")


def to_text(value) -> str:
    from datetime import date, datetime

    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return "" if value is None else str(value)
