"""How a case reads on the terminal and in JSON."""
from __future__ import annotations

from datetime import date
from typing import Any

from domain.project import Project


def project_as_dict(p: Project) -> dict[str, Any]:
    return {
        "id": str(p.id), "ref": p.ref, "version": p.version, "title": p.title, "summary": p.summary,
        "status": p.status, "department": p.department, "focus_areas": p.focus_areas,
        "outside_strategy": p.outside_strategy, "target_groups": p.target_groups, "goals": p.goals,
        "partners": p.partners, "effects": p.effects, "budget": p.budget, "strategy_version": p.strategy_version,
        "registered_on": p.registered_on, "recorded_at": p.modified_on, "has_mandate": p.has_mandate,
        "decisions": p.decisions, "ceiling": p.ceiling, "in_force_on": p.in_force_on,
        "appeal_ends": p.appeal_ends, "obligations": list(p.obligations.values()),
        "own_contribution": p.own_contribution, "applications": list(p.applications.values()),
        "granted": p.granted_total, "received": p.received_total, "external_share": p.external_share,
        "indicators": list(p.indicators.values()), "spent": p.spent, "expenditures": p.expenditures,
        "statements": list(p.statements.values()), "started_on": p.started_on,
        "completed_on": p.completed_on, "lessons": p.lessons,
    }


def project_as_text(p: Project) -> str:
    lines = [f"{p.ref}  {p.title}", f"status: {p.status}   version {p.version}   recorded {p.modified_on:%Y-%m-%d %H:%M}"]
    if p.summary:
        lines.append(p.summary)
    focus = ", ".join(p.focus_areas) if p.focus_areas else "OUTSIDE EVERY FOCUS AREA (R1)"
    lines += [f"department: {p.department}   focus areas: {focus}"]
    if p.target_groups or p.goals:
        lines.append(f"target groups: {', '.join(p.target_groups) or '-'}   goals: {', '.join(p.goals) or '-'}")
    if p.partners:
        lines.append(f"partners: {', '.join(p.partners)}")
    if p.budget:
        lines.append(f"estimated budget: {p.budget} (= {p.budget.reporting})")
    for d in p.decisions:
        cond = f"; conditions → {', '.join(d.obligation_keys)}" if d.obligation_keys else ""
        ceiling = f"; ceiling {d.ceiling}" if d.ceiling is not None else ""
        lines.append(f"decision {d.number} ({d.purpose}): {d.outcome} by {d.body} on {d.meeting_date} {d.item}"
                     f"{' ' + d.case_number if d.case_number else ''}{ceiling}{cond}")
    for o in p.obligations.values():
        lines.append(f"  obligation {o.key}: {o.text} — due {o.due}, "
                     f"{'fulfilled ' + str(o.fulfilled_on) if o.fulfilled_on else 'OPEN'}")
    if p.own_contribution:
        lines.append(f"own contribution: {p.own_contribution}")
    for a in p.applications.values():
        granted = f", granted {a.granted}" if a.granted else ""
        lines.append(f"  application {a.key} {a.programme}: applied {a.applied}{granted}, received {a.received} — {a.status}")
    if p.external_share is not None:
        lines.append(f"external funding share: {p.external_share:.1%}")
    for i in p.indicators.values():
        latest = f"{i.latest}" if i.latest is not None else "not measured"
        lines.append(f"  indicator {i.key} {i.name}: {latest} of target {i.target}{' ' + i.unit if i.unit else ''}")
    if p.ceiling is not None:
        lines.append(f"spent: {p.spent} of ceiling {p.ceiling} ({p.expenditures} expenditures)")
    for st in p.statements.values():
        lines.append(f"  statement {st.year}: {st.text}")
    if p.lessons:
        lines.append(f"lessons learned: {p.lessons}")
    return "\n".join(lines)


def summary_row(p: Project, today: date) -> dict[str, Any]:
    return {"ref": p.ref, "id": str(p.id), "title": p.title, "status": p.status, "department": p.department,
            "focus_areas": p.focus_areas, "outside_strategy": p.outside_strategy,
            "budget": p.estimate_or_none, "ceiling": p.ceiling, "spent": p.spent,
            "external_share": p.external_share, "overdue_obligations": p.overdue_obligations(today)}


def list_as_text(projects: list[Project], today: date) -> str:
    if not projects:
        return "no projects"
    rows = [f"{'REF':<15} {'STATUS':<18} {'DEPT':<10} {'SPENT':>12}  TITLE"]
    for p in projects:
        flag = "  ⚠ overdue" if p.overdue_obligations(today) else ""
        rows.append(f"{p.ref:<15} {p.status:<18} {p.department:<10} {p.spent:>12}  {p.title}{flag}")
    return "\n".join(rows)


def portfolio_as_text(listing: Any) -> str:
    """The portfolio table, then one line on its freshness (STALE when it lags the event log)."""
    rows = [f"{'REF':<15} {'STATUS':<18} {'BOARD':<8} {'DEPT':<10} {'SPENT':>12} {'EXT.SHARE':>9}  TITLE"]
    for p in listing.projects:
        share = f"{p['external_share']:.1%}" if p["external_share"] is not None else "-"
        flag = f"  ⚠ overdue {', '.join(p['overdue_obligations'])}" if p["overdue_obligations"] else ""
        rows.append(f"{p['ref']:<15} {p['status']:<18} {p['board'] or '-':<8} {p['department']:<10} "
                    f"{p['spent']:>12} {share:>9}  {p['title']}{flag}")
    if not listing.projects:
        rows = ["no projects"]
    if listing.stale:
        rows.append(f"STALE: the portfolio is at event {listing.position} of {listing.head}; "
                    "a reporter or admin runs 'udsyn projections run' to bring it up to date")
    else:
        rows.append(f"portfolio current at event {listing.position} of {listing.head}")
    return "\n".join(rows)


def history_as_text(entries: list[Any]) -> str:
    rows = []
    for e in entries:
        eff = f"  effective {e.effective_date}" if e.effective_date else ""
        why = f" — {e.reason}" if e.reason else ""
        where = f"#{e.position}" if e.position is not None else "#?"
        rows.append(f"{where:<7} v{e.version:<4} {e.recorded_at:%Y-%m-%d %H:%M:%S}{eff}  "
                    f"{e.event} by {e.actor} ({e.role}){why}")
        rows += [f"        {change}" for change in e.changes]
    return "\n".join(rows)


def effective_note(replay: Any) -> str:
    """What an --effective-on view left out, so the reader knows what it rests on."""
    note = f"as true on {replay.day}: {len(replay.applied)} events applied"
    if replay.later:
        note += f"; {len(replay.later)} effective later left out (v{', v'.join(map(str, replay.later[:10]))}"
        note += "…)" if len(replay.later) > 10 else ")"
    if replay.unappliable:
        note += (f"; {len(replay.unappliable)} left out because they rest on facts effective later "
                 f"(v{', v'.join(map(str, replay.unappliable))})")
    return note


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) < 80 else text[:77] + "…"
