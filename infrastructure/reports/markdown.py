"""The annual report as Markdown, for reading and for pasting into the annual-report document."""
from __future__ import annotations

from typing import Any

from infrastructure.projections.ledger_names import KINDS
from infrastructure.reports.labels import Words


def render_markdown(report: dict[str, Any], standing: Any, w: Words) -> bytes:
    lines = [f"# {w('title', year=report['year'])}", "", f"*{report['organisation']['name']}*", "",
             f"_{standing.line(w)}_", ""]
    if not report["boards"]:
        lines += [w("empty", year=report["year"]), ""]
    lines += [f"## {w('portfolio')}", "", *_totals_table(report, w), ""]
    project = _ProjectSection(report, w)
    for board in report["boards"]:
        lines += [f"## {w('board')}: {board['name']}", "", *_board_table(board, report, w), ""]
        for p in board["projects"]:
            project.write(p, lines)
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
    money, share, label = w.money, w.share, w.plain
    for p in board["projects"]:
        f = p["financials"]
        cells = [p["ref"], _escape(p["title"]), label[p["status"]], *[money(f[k]) for k in KINDS],
                 share(p["external_share"])]
        rows.append("| " + " | ".join(cells) + " |")
    t = board["totals"]
    rows.append("| " + " | ".join([f"**{w('total')}**", "", "", *(f"**{w.money(t[k])}**" for k in KINDS),
                                   f"**{w.share(t['external_share'])}**"]) + " |")
    return rows


class _ProjectSection:
    """Writes one project's section; its labels, the same for every project, are put together
    once per report."""

    def __init__(self, report: dict[str, Any], w: Words) -> None:
        label = w.plain
        self.w, self.label = w, label
        self.status, self.department = f"- {label['status']}: ", f"- {label['department']}: "
        self.focus_areas, self.goals = f"- {label['focus_areas']}: ", f"- {label['goals']}: "
        self.indicators, self.not_measured = f"- {label['indicators']}:", label["not_measured"]
        self.financials = f"- {label['financials']}: "
        self.kinds = [(k, f"{label[k]} ") for k in KINDS]
        self.share = f"- {label['external_share']}: "
        self.target = f" ({label['target']} {w.share(report['target_share'])})"
        self.adjustments, self.lessons = f"- {label['adjustments']}: ", f"- {label['lessons']}: "
        self.statement = f"- {label['statement']}: "

    def write(self, p: dict[str, Any], lines: list[str]) -> None:
        w, label = self.w, self.label
        lines += [f"### {p['ref']} {_escape(p['title'])}", ""]
        if p["summary"]:
            lines += [_escape(p["summary"]), ""]
        lines += [
            self.status + label[p["status"]],
            self.department + p["department_name"],
            self.focus_areas + (", ".join(p["focus_areas"]) or "–"),
            self.goals + (", ".join(p["goals"]) or "–"),
        ]
        if p["indicators"]:
            lines.append(self.indicators)
            number = w.number
            for i in p["indicators"]:
                unit = f" {i['unit']}" if i["unit"] else ""
                actual = number(i["actual"]) + unit if i["actual"] is not None else self.not_measured
                lines.append(f"  - {_escape(i['name'])}: {number(i['target'])}{unit} / {actual}")
        money, f = w.money, p["financials"]
        lines.append(self.financials + "; ".join([name + money(f[k]) for k, name in self.kinds]))
        lines.append(self.share + w.share(p["external_share"]) + self.target)
        if p["adjustments"]:
            lines.append(self.adjustments + "; ".join(
                w("adjustment", kind=w(a["kind"]), amount=w.money(a["amount"]), corrects=a["corrects"],
                  year=a["original_year"]) for a in p["adjustments"]))
        if p["lessons"]:
            lines.append(self.lessons + _escape(p["lessons"]))
        lines += [self.statement + statement(p["statement"], w), ""]


def statement(s: dict[str, Any], w: Words) -> str:
    state = s["state"]
    if state == "submitted":
        return w("submitted", date=w.date(s["submitted_on"]))
    if state == "not_required":
        return w.plain["not_required"]
    return f"{w.plain[state]} ({w.plain['due']} {w.date(s['due'])})"


def _escape(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")
