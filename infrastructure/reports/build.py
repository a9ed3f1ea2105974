"""The annual report's content as plain, JSON-ready data (decimals and dates as strings), built
from the ledger projection. The same data renders every format, and a closed year keeps it in its
close event, so rendering a closed year again reproduces it exactly."""
from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, and_, func, or_, select

from infrastructure.projections.ledger import (
    BUDGET,
    GRANTED,
    KINDS,
    OWN,
    entries,
    from_cents,
    projects,
)

ACTIVE = ("approved", "executing")
SHARE = Decimal("0.0001")


def build_report(conn: Connection, org: Any, strategy: Any, year: int, *, as_of: date, position: int) -> dict[str, Any]:
    """The report of `year` for every board, as the ledger stands at `position`; statements
    count as overdue by `as_of`."""
    end = date(year, 12, 31)
    version = strategy.in_force_on(end) if strategy and _adopted_by(strategy, end) else None
    names = _strategy_names(strategy)
    due = version.statement_due_for(year) if version else None
    in_year = _sums(conn, entries.c.year == year)
    to_date = _sums(conn, entries.c.year <= year)
    adjustments = _adjustments(conn, year)
    rows = conn.execute(
        select(projects.c.project_id, projects.c.facts).where(
            or_(
                and_(projects.c.first_year <= year,
                     or_(projects.c.last_year.is_(None), projects.c.last_year >= year)),
                projects.c.project_id.in_(select(entries.c.project_id).where(entries.c.year == year)),
            )
        )
    ).all()
    by_board: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for pid, facts in rows:
        by_board[facts["board"]].append(
            _project(pid, facts, year, end, names, org, in_year, to_date, adjustments, due, as_of)
        )
    boards = []
    for key in sorted(by_board, key=lambda k: (_body_name(org, k), k)):
        listed = sorted(by_board[key], key=lambda p: p["ref"])
        boards.append({"key": key, "name": _body_name(org, key), "projects": listed, "totals": _totals(listed)})
    every = [p for b in boards for p in b["projects"]]
    return {
        "year": year,
        "organisation": {"name": org.name, "code": org.code, "currency": org.currency, "language": org.language},
        "position": position,
        "as_of": as_of.isoformat(),
        "target_share": str(version.external_funding_target) if version else None,
        "statement_due": due.isoformat() if due else None,
        "boards": boards,
        "totals": _totals(every),
        "missing_statements": [
            {"ref": p["ref"], "title": p["title"], "board": p["board"], "due": p["statement"]["due"],
             "overdue": p["statement"]["state"] == "overdue"}
            for p in sorted(every, key=lambda p: p["ref"]) if p["statement"]["state"] in ("missing", "overdue")
        ],
    }


def report_totals(report: dict[str, Any]) -> dict[str, str]:
    """The totals a close records: every ledger measure, the external share and the counts."""
    t = report["totals"]
    return {**{k: t[k] for k in KINDS}, "external_share": t["external_share"] or "",
            "projects": str(t["projects"]), "missing_statements": str(len(report["missing_statements"]))}


# --- per project -------------------------------------------------------------------------------

def _project(pid, f, year, end, names, org, in_year, to_date, adjustments, due, as_of) -> dict[str, Any]:
    status = _status_on(f["statuses"], end)
    financials = {k: str(in_year.get((pid, k), Decimal("0.00"))) for k in KINDS}
    own, granted = to_date.get((pid, OWN), Decimal(0)), to_date.get((pid, GRANTED), Decimal(0))
    return {
        "ref": f["ref"], "title": f["title"], "summary": f["summary"], "status": status,
        "board": f["board"], "department": f["department"],
        "department_name": org.departments[f["department"]].name if f["department"] in org.departments else f["department"],
        "focus_areas": [names["focus"].get(k, k) for k in f["focus_areas"]],
        "goals": [names["goals"].get(k, k) for k in f["goals"]],
        "indicators": [_indicator(k, i, end) for k, i in sorted(f["indicators"].items())],
        "financials": financials,
        "ceiling_to_date": str(to_date.get((pid, BUDGET), Decimal("0.00"))),
        "own_to_date": str(own), "granted_to_date": str(granted),
        "external_share": _share(granted, own),
        "adjustments": adjustments.get(pid, []),
        "lessons": f["lessons"] if status == "completed" else None,
        "statement": _statement(f, year, end, due, as_of),
    }


def _indicator(key: str, i: dict[str, Any], end: date) -> dict[str, Any]:
    measured = [m for m in i["measurements"] if m[0] <= end.isoformat()]
    return {"key": key, "name": i["name"], "target": i["target"], "unit": i["unit"],
            "actual": measured[-1][1] if measured else None, "measured_on": measured[-1][0] if measured else None}


def _statement(f: dict[str, Any], year: int, end: date, due: date | None, as_of: date) -> dict[str, Any]:
    submitted = f["statements"].get(str(year))
    if submitted:
        return {"state": "submitted", "submitted_on": submitted, "due": due.isoformat() if due else None}
    if not _active_during(f["statuses"], year, end) or due is None:
        return {"state": "not_required", "submitted_on": None, "due": None}
    return {"state": "overdue" if as_of > due else "missing", "submitted_on": None, "due": due.isoformat()}


def _status_on(statuses: list[list[str]], day: date) -> str:
    current = statuses[0][1]
    for on, status in statuses:
        if on > day.isoformat():
            break
        current = status
    return current


def _active_during(statuses: list[list[str]], year: int, end: date) -> bool:
    """R7: a project approved or executing at some time in the year reports on it."""
    first = f"{year}-01-01"
    for i, (on, status) in enumerate(statuses):
        until = statuses[i + 1][0] if i + 1 < len(statuses) else "9999-12-31"
        if status in ACTIVE and on <= end.isoformat() and until >= first:
            return True
        if status == "completed" and first <= on <= end.isoformat():
            return True
    return False


# --- sums ----------------------------------------------------------------------------------------

def _sums(conn: Connection, where: Any) -> dict[tuple[str, str], Decimal]:
    query = select(entries.c.project_id, entries.c.kind, func.sum(entries.c.amount_cents)).where(where).group_by(
        entries.c.project_id, entries.c.kind
    )
    return {(pid, kind): from_cents(int(total)) for pid, kind, total in conn.execute(query)}


def _adjustments(conn: Connection, year: int) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    query = select(entries).where(entries.c.year == year, entries.c.corrects.is_not(None)).order_by(
        entries.c.position, entries.c.kind
    )
    for e in conn.execute(query):
        found[e.project_id].append({
            "position": e.position, "kind": e.kind, "amount": str(from_cents(e.amount_cents)),
            "corrects": e.corrects, "original_year": e.original_year, "effective_date": e.effective_date.isoformat(),
        })
    return found


def _totals(listed: list[dict[str, Any]]) -> dict[str, Any]:
    totals = {k: sum((Decimal(p["financials"][k]) for p in listed), Decimal("0.00")) for k in KINDS}
    own = sum((Decimal(p["own_to_date"]) for p in listed), Decimal(0))
    granted = sum((Decimal(p["granted_to_date"]) for p in listed), Decimal(0))
    return {**{k: str(v) for k, v in totals.items()}, "own_to_date": str(own), "granted_to_date": str(granted),
            "external_share": _share(granted, own), "projects": len(listed)}


def _share(granted: Decimal, own: Decimal) -> str | None:
    """R5: granted external funding as a share of own contribution plus grants."""
    total = granted + own
    return str((granted / total).quantize(SHARE)) if total else None


# --- names ---------------------------------------------------------------------------------------

def _adopted_by(strategy: Any, day: date) -> bool:
    return any(v.adopted_on <= day for v in strategy.versions)


def _strategy_names(strategy: Any) -> dict[str, dict[str, str]]:
    names: dict[str, dict[str, str]] = {"focus": {}, "goals": {}}
    for v in sorted(strategy.versions, key=lambda v: v.adopted_on) if strategy else []:
        names["focus"].update({f.key: f.name for f in v.focus_areas})
        names["goals"].update({g.key: g.name for g in v.goals})
    return names


def _body_name(org: Any, key: str) -> str:
    body = org.bodies.get(key)
    return body.name if body else key
