"""The annual report's content as plain, JSON-ready data (decimals and dates as strings), built
from the ledger projection. The same data renders every format, and a closed year keeps it in its
close event, so rendering a closed year again reproduces it exactly."""
from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

from domain.statement_duty import owes_statement
from infrastructure.projections.ledger_names import KINDS
from infrastructure.reports import reads
from infrastructure.reports.ledger_tables import Read
from infrastructure.reports.quiet import without_cycle_collection
from infrastructure.reports.reads import CEILING, GRANTED_TO_DATE, NO_MONEY, OWN_TO_DATE

SHARE = Decimal("0.0001")
MEASURES = len(KINDS)


@without_cycle_collection
def build_report(read: Read, org: Any, strategy: Any, year: int, *, as_of: date, position: int) -> dict[str, Any]:
    """The report of `year` for every board, as the ledger stands at `position`; statements
    count as overdue by `as_of`."""
    end = date(year, 12, 31)
    version = strategy.in_force_on(end) if strategy and _adopted_by(strategy, end) else None
    due = version.statement_due_for(year) if version else None
    money = reads.money(read, year)
    adjustments = reads.adjustments(read, year, money_text)
    project = _Projects(year, org, _strategy_names(strategy), due, as_of)
    by_board: dict[str, list[tuple[dict[str, Any], tuple[int, ...]]]] = defaultdict(list)
    for pid, facts in reads.facts(read, year, money):
        cents = money.get(pid, NO_MONEY)
        by_board[facts["board"]].append((project(facts, cents, adjustments.get(pid, [])), cents))
    boards, every, board_sums = [], [], []
    for key in sorted(by_board, key=lambda k: (_body_name(org, k), k)):
        listed = sorted(by_board[key], key=lambda pair: pair[0]["ref"])
        every += listed
        board_sums.append(_sum([cents for _, cents in listed]))
        boards.append({"key": key, "name": _body_name(org, key), "projects": [p for p, _ in listed],
                       "totals": _totals(board_sums[-1], len(listed))})
    return {
        "year": year,
        "organisation": {"name": org.name, "code": org.code, "currency": org.currency, "language": org.language},
        "position": position,
        "as_of": as_of.isoformat(),
        "target_share": str(version.external_funding_target) if version else None,
        "statement_due": due.isoformat() if due else None,
        "boards": boards,
        "totals": _totals(_sum(board_sums), len(every)),
        "missing_statements": [
            {"ref": p["ref"], "title": p["title"], "board": p["board"], "due": p["statement"]["due"],
             "overdue": p["statement"]["state"] == "overdue"}
            for p, _ in sorted(every, key=lambda pair: pair[0]["ref"])
            if p["statement"]["state"] in ("missing", "overdue")
        ],
    }


def report_totals(report: dict[str, Any]) -> dict[str, str]:
    """The totals a close records: every ledger measure, the external share and the counts."""
    t = report["totals"]
    return {**{k: t[k] for k in KINDS}, "external_share": t["external_share"] or "",
            "projects": str(t["projects"]), "missing_statements": str(len(report["missing_statements"]))}


# --- per project -------------------------------------------------------------------------------

class _Projects:
    """Turns one case's ledger facts and money into its entry in the report. Everything that is
    the same for every case of the report (the year's bounds as text, the names, the due date) is
    worked out once here rather than 10,000 times."""

    def __init__(self, year: int, org: Any, names: dict[str, dict[str, str]], due: date | None, as_of: date) -> None:
        self.key, self.first, self.end = str(year), f"{year}-01-01", date(year, 12, 31).isoformat()
        self.focus, self.goals = names["focus"], names["goals"]
        self.departments = {key: d.name for key, d in org.departments.items()}
        self.due = due.isoformat() if due else None
        self.late = "overdue" if due is not None and as_of > due else "missing"

    def __call__(self, f: dict[str, Any], cents: tuple[int, ...], adjustments: list[dict[str, Any]]) -> dict[str, Any]:
        status = self._status_on(f["statuses"])
        focus, goals, text = self.focus, self.goals, money_text
        return {
            "ref": f["ref"], "title": f["title"], "summary": f["summary"], "status": status,
            "board": f["board"], "department": f["department"],
            "department_name": self.departments.get(f["department"], f["department"]),
            "focus_areas": [focus.get(k, k) for k in f["focus_areas"]],
            "goals": [goals.get(k, k) for k in f["goals"]],
            "indicators": [self._indicator(k, i) for k, i in sorted(f["indicators"].items())],
            "financials": dict(zip(KINDS, map(text, cents[:MEASURES]))),
            "ceiling_to_date": text(cents[CEILING]),
            "own_to_date": text(cents[OWN_TO_DATE]), "granted_to_date": text(cents[GRANTED_TO_DATE]),
            "external_share": _share(cents[GRANTED_TO_DATE], cents[OWN_TO_DATE]),
            "adjustments": adjustments,
            "lessons": f["lessons"] if status == "completed" else None,
            "statement": self._statement(f),
        }

    def _indicator(self, key: str, i: dict[str, Any]) -> dict[str, Any]:
        """The target and the latest measurement (in recording order) effective by the year's end."""
        last = next((m for m in reversed(i["measurements"]) if m[0] <= self.end), None)
        return {"key": key, "name": i["name"], "target": i["target"], "unit": i["unit"],
                "actual": last[1] if last else None, "measured_on": last[0] if last else None}

    def _statement(self, f: dict[str, Any]) -> dict[str, Any]:
        submitted = f["statements"].get(self.key)
        if submitted:
            return {"state": "submitted", "submitted_on": submitted, "due": self.due}
        if self.due is None or not owes_statement(f["statuses"], self.first, self.end):
            return {"state": "not_required", "submitted_on": None, "due": None}
        return {"state": self.late, "submitted_on": None, "due": self.due}

    def _status_on(self, statuses: list[list[str]]) -> str:
        """The status at the year's end."""
        current = statuses[0][1]
        for on, status in statuses:
            if on > self.end:
                break
            current = status
        return current


# --- sums ----------------------------------------------------------------------------------------

_TEXTS: dict[int, str] = {}


def money_text(cents: int) -> str:
    """Cents as the decimal string the report data holds (exact, two places)."""
    text = _TEXTS.get(cents)
    if text is None:
        sign, whole = ("-", -cents) if cents < 0 else ("", cents)
        text = f"{sign}{whole // 100}.{whole % 100:02d}"
        if len(_TEXTS) < 50_000:  # amounts repeat (zeros, standard budgets); the cache stays small
            _TEXTS[cents] = text
    return text


def _sum(rows: list[tuple[int, ...]]) -> tuple[int, ...]:
    return tuple(map(sum, zip(*rows))) if rows else NO_MONEY


def _totals(sums: tuple[int, ...], projects: int) -> dict[str, Any]:
    return {**dict(zip(KINDS, map(money_text, sums[:MEASURES]))), "own_to_date": money_text(sums[OWN_TO_DATE]),
            "granted_to_date": money_text(sums[GRANTED_TO_DATE]),
            "external_share": _share(sums[GRANTED_TO_DATE], sums[OWN_TO_DATE]), "projects": projects}


_SHARES: dict[tuple[int, int], str | None] = {}


def _share(granted: int, own: int) -> str | None:
    """R5: granted external funding as a share of own contribution plus grants."""
    key = (granted, own)
    if key not in _SHARES:
        total = granted + own
        share = str((Decimal(granted) / Decimal(total)).quantize(SHARE)) if total else None
        if len(_SHARES) >= 50_000:
            _SHARES.clear()
        _SHARES[key] = share
    return _SHARES[key]


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
