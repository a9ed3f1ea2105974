"""The annual report as Markdown, for reading and for pasting into the annual-report document."""
from __future__ import annotations

from typing import Any

from infrastructure.projections.ledger import KINDS
from infrastructure.reports.labels import Words


def render_markdown(report: dict[str, Any], standing: Any, w: Words) -> bytes:
    lines = [f"# {w('title', year=report['year'])}", "", f"*{report['organisation']['name']}*", "",
             f"_{standing.line(w)}_", ""]
    if not report["boards"]:
        lines += [w("empty", year=report["year"]), ""]
    lines += [f"## {w('portfolio')}", "", *_totals_table(report, w), ""]
    for board in report["boards"]:
        lines += [f"## {w('board')}: {board['name']}", "", *_board_table(board, report, w), ""]
        for p in board["projects"]:
            lines += _project(p, report, w)
    lines += [f"## {w('statements')} ({w('as_of')} {w.date(report['as_of'])})", ""]
    if report["missing_statements"]:
        for m in report["missing_statements"]:
            state = w("overdue") if m["overdue"] else w("missing")
            lines.append(f"- {m['ref']} {_escape(m['title'])} – {state}, {w('due')} {w.date(m['due'])}")
    else:
        lines.append(w("none_missing"))
    return ("\n".join(lines) + "\n").encode("utf-8")


def _totals_table(report: dict[str, Any], w: Words) -> list[str]:
    t = report["totals"]
    rows = [f"| {w('projects')} | {t['projects']} |"]
    rows += [f"| {w(k)} | {w.money(t[k])} |" for k in KINDS]
    rows.append(f"| {w('external_share')} ({w('target')} {w.share(report['target_share'])}) | {w.share(t['external_share'])} |")
    return ["| | |", "|---|---:|", *rows]


def _board_table(board: dict[str, Any], report: dict[str, Any], w: Words) -> list[str]:
    head = [w("ref"), w("project"), w("status"), *(w(k) for k in KINDS), w("external_share")]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * 3 + "---:|" * (len(KINDS) + 1)]
    for p in board["projects"]:
        cells = [p["ref"], _escape(p["title"]), w(p["status"]), *(w.money(p["financials"][k]) for k in KINDS),
                 w.share(p["external_share"])]
        rows.append("| " + " | ".join(cells) + " |")
    t = board["totals"]
    rows.append("| " + " | ".join([f"**{w('total')}**", "", "", *(f"**{w.money(t[k])}**" for k in KINDS),
                                   f"**{w.share(t['external_share'])}**"]) + " |")
    return rows


def _project(p: dict[str, Any], report: dict[str, Any], w: Words) -> list[str]:
    lines = [f"### {p['ref']} {_escape(p['title'])}", ""]
    if p["summary"]:
        lines += [_escape(p["summary"]), ""]
    lines += [
        f"- {w('status')}: {w(p['status'])}",
        f"- {w('department')}: {p['department_name']}",
        f"- {w('focus_areas')}: {', '.join(p['focus_areas']) or '–'}",
        f"- {w('goals')}: {', '.join(p['goals']) or '–'}",
    ]
    if p["indicators"]:
        lines.append(f"- {w('indicators')}:")
        for i in p["indicators"]:
            unit = f" {i['unit']}" if i["unit"] else ""
            actual = w.number(i["actual"]) + unit if i["actual"] is not None else w("not_measured")
            lines.append(f"  - {_escape(i['name'])}: {w.number(i['target'])}{unit} / {actual}")
    lines.append(f"- {w('financials')}: " + "; ".join(f"{w(k)} {w.money(p['financials'][k])}" for k in KINDS))
    lines.append(f"- {w('external_share')}: {w.share(p['external_share'])} ({w('target')} {w.share(report['target_share'])})")
    if p["adjustments"]:
        lines.append(f"- {w('adjustments')}: " + "; ".join(
            w("adjustment", kind=w(a["kind"]), amount=w.money(a["amount"]), corrects=a["corrects"],
              year=a["original_year"]) for a in p["adjustments"]))
    if p["lessons"]:
        lines.append(f"- {w('lessons')}: {_escape(p['lessons'])}")
    lines.append(f"- {w('statement')}: {statement(p['statement'], w)}")
    return [*lines, ""]


def statement(s: dict[str, Any], w: Words) -> str:
    if s["state"] == "submitted":
        return w("submitted", date=w.date(s["submitted_on"]))
    if s["state"] == "not_required":
        return w("not_required")
    return f"{w(s['state'])} ({w('due')} {w.date(s['due'])})"


def _escape(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")
